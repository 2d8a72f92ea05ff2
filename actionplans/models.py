"""The plan cascade: a collaboration plan, its focus areas, and every body's action plans.

Samverkansplan (``CollaborationPlan``) → focus areas → a body's action plan (``ActionPlan``) →
sub-goals (``Goal``) → activities (``Activity``) → dated follow-up notes (``FollowUp``). A goal
of one body's plan may be delegated onward (theme group → NOSAMs); a goal of another plan may
then ``implement`` it, which is the red thread. Editable rows carry a ``version`` for
optimistic locking (see ``samverkan.concurrency``).

An adopted plan is frozen. It changes by *revision*: a new draft of the same body and period
(``revision`` 2, 3, …, ``revises`` the adopted one) that goes through submit and adopt again;
when it is adopted the earlier version becomes "revised" and stays readable. Copied rows point
back to the row they continue (``copied_from``), so that follow-ups and the red thread carry over.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import Body, BodyKind
from governance.permissions import ADOPT_PLANS, EDIT_PLANS, holds
from samverkan.lifecycle import Edit, Lifecycle, Transition, refused_message
from samverkan.richtext import markdown_to_text


def _require_text(errors, instance, *names):
    """Refuse required free text that is empty or only blanks."""
    for name in names:
        if not (getattr(instance, name) or "").strip():
            field = instance._meta.get_field(name)
            errors[name] = ValidationError(
                _("%(field)s cannot be empty.") % {"field": str(field.verbose_name).capitalize()},
                code="empty",
            )


class CollaborationPlan(models.Model):
    """The multi-year Samverkansplan: overarching goal, purpose and focus areas."""

    period = models.SlugField(
        _("period"), max_length=20, unique=True, help_text=_("For example 2024-2025; used in the address.")
    )
    title = models.CharField(_("title"), max_length=200)
    overarching_goal = models.TextField(_("overarching goal"))
    purpose = models.TextField(_("purpose"), blank=True)
    success_factors = models.TextField(_("success factors"), blank=True, help_text=_("Markdown."))
    groups_to_consider = models.TextField(
        _("groups to keep in mind"), blank=True, help_text=_("Markdown, e.g. a list.")
    )
    adopted_by = models.ForeignKey(
        Body,
        verbose_name=_("adopted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period"]
        verbose_name = _("collaboration plan")
        verbose_name_plural = _("collaboration plans")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("actionplans:collaboration_plan", args=[self.period])

    @property
    def period_label(self):
        return self.period.replace("-", "–")

    def clean(self):
        errors = {}
        _require_text(errors, self, "title", "overarching_goal")
        if errors:
            raise ValidationError(errors)


class FocusArea(models.Model):
    """One of the prioritised focus areas of a collaboration plan."""

    collaboration_plan = models.ForeignKey(
        CollaborationPlan,
        verbose_name=_("collaboration plan"),
        on_delete=models.CASCADE,
        related_name="focus_areas",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["collaboration_plan", "order", "pk"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        _require_text(errors, self, "name")
        if errors:
            raise ValidationError(errors)


def _has_goals(plan):
    if not plan.goals.exists():
        return _("An empty plan cannot be submitted: add at least one sub-goal.")
    return None


def _adopting_body(plan):
    return plan.adopting_body


# A number no row has, standing for a primary key in a reversed address (see ActionPlan.url).
URL_PLACEHOLDER = 9_000_000_001


class ActionPlanQuerySet(models.QuerySet):
    def public(self):
        """Every adopted version, including revised and superseded ones (readable by anyone)."""
        return self.filter(status__in=ActionPlan.PUBLIC_STATUSES)

    def current(self):
        """The adopted version of each body and period: revised versions are left out."""
        return self.filter(status__in=[ActionPlan.Status.ADOPTED, ActionPlan.Status.SUPERSEDED])

    def open(self):
        """Drafts and submitted plans: at most one per body and period (a database constraint)."""
        return self.filter(status__in=ActionPlan.OPEN_STATUSES)


class ActionPlan(models.Model):
    """A body's action plan (handlingsplan) for a period, e.g. NOSAM GBG Sydväst 2024.

    One row per *revision*: revision 1 is the plan as first adopted, each later revision a
    new version of the same body and period. The lifecycle below is the only statement of
    who may move a plan where and when its content may change.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for adoption")
        ADOPTED = "adopted", _("Adopted")
        REVISED = "revised", _("Revised")
        SUPERSEDED = "superseded", _("Superseded")

    PUBLIC_STATUSES = (Status.ADOPTED, Status.REVISED, Status.SUPERSEDED)
    OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED)

    lifecycle = Lifecycle(
        transitions=[
            Transition(
                "submit",
                (Status.DRAFT,),
                Status.SUBMITTED,
                _("submit for adoption"),
                EDIT_PLANS,
                guards=(_has_goals,),
                confirm=_(
                    "The plan goes to the adopting body and is frozen: nobody can change it unless "
                    "the plan is withdrawn or returned as a draft. Until the body has acted on it, "
                    "the group can withdraw it."
                ),
                undo="withdraw",
            ),
            # The group takes its submission back while the adopting body has not acted on it.
            Transition(
                "withdraw", (Status.SUBMITTED,), Status.DRAFT, _("withdraw the submission of"), EDIT_PLANS
            ),
            Transition(
                "return",
                (Status.SUBMITTED,),
                Status.DRAFT,
                _("return as a draft"),
                ADOPT_PLANS,
                on=_adopting_body,
            ),
            Transition(
                "adopt",
                (Status.SUBMITTED,),
                Status.ADOPTED,
                _("adopt"),
                ADOPT_PLANS,
                on=_adopting_body,
                confirm=_(
                    "The plan is adopted and published: everyone can read it, and it is frozen. "
                    "It can then only be changed by a revision that is adopted in its turn; an "
                    "earlier adopted version is replaced."
                ),
            ),
            # System moves, made by plan_adopt when another version or period is adopted.
            Transition("mark_revised", (Status.ADOPTED,), Status.REVISED, _("mark as revised")),
            Transition("supersede", (Status.ADOPTED,), Status.SUPERSEDED, _("supersede")),
        ],
        body=lambda plan: plan.body,
        authorise=holds,
        # Content (introduction, goals, activities, their order) changes only in a draft: a
        # submitted plan is frozen for everyone (the adopter returns it), an adopted one is revised.
        edit=Edit(states=(Status.DRAFT,), permission=EDIT_PLANS),
    )

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="action_plans"
    )
    period = models.SlugField(_("period"), max_length=20, help_text=_("For example 2024."))
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    revises = models.ForeignKey(
        "self",
        verbose_name=_("revises"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="revisions",
    )
    collaboration_plan = models.ForeignKey(
        CollaborationPlan,
        verbose_name=_("based on"),
        on_delete=models.PROTECT,
        related_name="action_plans",
    )
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by_body = models.ForeignKey(
        Body,
        verbose_name=_("adopted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adoption recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["body__kind__order", "body__order", "body__name", "-period", "-revision"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "period", "revision"], name="one_revision_per_body_and_period"
            ),
            models.UniqueConstraint(
                fields=["body", "period"],
                condition=models.Q(status__in=["draft", "submitted"]),
                name="one_open_plan_per_body_and_period",
                violation_error_message=_(
                    "The group already has a draft or a submitted plan for this period."
                ),
            ),
        ]

    def __str__(self):
        if self.revision > 1:
            return _("Action plan %(period)s, %(body)s, revision %(revision)s") % {
                "period": self.period,
                "body": self.body,
                "revision": self.revision,
            }
        return _("Action plan %(period)s, %(body)s") % {"period": self.period, "body": self.body}

    def get_absolute_url(self):
        return self.url("plan_detail")

    @property
    def url_args(self):
        """The address of this version: the plain period address while revision 1 is in force,
        else the one with ``version/<revision>/`` (the plain one shows the current version)."""
        args = [self.body.slug, self.period]
        if self.revision > 1 or self.is_revised:
            args.append(self.revision)
        return args

    def url(self, name, *extra):
        """``reverse("actionplans:<name>")`` for this version, e.g. ``plan.url("goal_edit", goal.pk)``.

        The editor asks for several addresses per row: each route is reversed once per plan object
        with placeholder numbers, and the row's primary keys are put in their place.
        """
        if not all(isinstance(value, int) for value in extra):
            return reverse(f"actionplans:{name}", args=[*self.url_args, *extra])
        templates = self.__dict__.setdefault("_url_templates", {})
        args = self.url_args
        key = (name, len(extra), *args)
        if key not in templates:
            placeholders = [URL_PLACEHOLDER + i for i in range(len(extra))]
            templates[key] = reverse(f"actionplans:{name}", args=[*args, *placeholders])
        address = templates[key]
        for i, value in enumerate(extra):
            address = address.replace(f"/{URL_PLACEHOLDER + i}/", f"/{value}/", 1)
        return address

    # --- State predicates (templates and views ask these, never the status string) ------------

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_submitted(self):
        return self.status == self.Status.SUBMITTED

    @property
    def is_adopted(self):
        """Adopted and in force: the current version of its period."""
        return self.status == self.Status.ADOPTED

    @property
    def is_revised(self):
        return self.status == self.Status.REVISED

    @property
    def is_public(self):
        return self.status in self.PUBLIC_STATUSES

    @property
    def years(self):
        """The first and last year of the period ("2024" or "2024-2025")."""
        years = self.period.split("-")
        return int(years[0]), int(years[-1])

    def covers(self, year):
        first, last = self.years
        return first <= year <= last

    def takes_part(self, user):
        """Whether ``user`` works on the plan: edits the body's plans or adopts them."""
        return holds(user, EDIT_PLANS, self.body) or holds(user, ADOPT_PLANS, self.adopting_body)

    @property
    def is_followed_up(self):
        """Follow-ups and activity progress belong to a plan being prepared or in force."""
        return self.status in (*self.OPEN_STATUSES, self.Status.ADOPTED)

    @property
    def adopting_body(self):
        """Who adopts this plan: ``Body.plans_adopted_by``, else the body itself."""
        return self.body.plans_adopted_by or self.body

    @cached_property
    def first_adopted_on(self):
        """When the plan of this period was first adopted (revision 1), for "adopted …, revised …"."""
        if self.revision == 1:
            return self.adopted_on
        return (
            ActionPlan.objects.filter(body_id=self.body_id, period=self.period, revision=1)
            .values_list("adopted_on", flat=True)
            .first()
        )

    # --- What a user may do (the lifecycle decides) ---------------------------------------------

    def can(self, action, user):
        return self.lifecycle.can(self, action, user)

    def can_edit(self, user):
        return self.lifecycle.can_edit(self, user)

    def can_follow_up(self, user):
        return self.is_followed_up and holds(user, EDIT_PLANS, self.body)

    def follow_up_refusal(self):
        """Why the plan's activities are not followed up any more, or None."""
        if self.is_followed_up:
            return None
        return refused_message(self, _("follow up"), self.get_status_display())

    def can_revise(self, user):
        return (
            self.is_adopted
            and holds(user, EDIT_PLANS, self.body)
            and not ActionPlan.objects.open().filter(body_id=self.body_id, period=self.period).exists()
        )

    def clean(self):
        if self.period and not self.period.replace("-", "").isdigit():
            raise ValidationError(
                {"period": _("Write the period as a year or years, e.g. 2024 or 2024-2025.")},
                code="bad_period",
            )


class Goal(models.Model):
    """A sub-goal (delmål) of an action plan, under a focus area or in the local appendix."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="goals"
    )
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("focus area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
    )
    in_appendix = models.BooleanField(
        _("locally identified issue"),
        default=False,
        help_text=_("Shown in the appendix of locally identified issues, not under a focus area."),
    )
    text = models.TextField(
        _("sub-goal"),
        blank=True,
        help_text=_("May be left empty when the goal implements another group's goal: its text is shown."),
    )
    implements = models.ForeignKey(
        "self",
        verbose_name=_("implements"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="implemented_by",
        help_text=_("A delegated goal of another group's plan that this goal carries out."),
    )
    delegated = models.BooleanField(
        _("delegated"), default=False, help_text=_("To be carried out by other groups (e.g. the NOSAMs).")
    )
    delegated_to = models.ForeignKey(
        BodyKind,
        verbose_name=_("delegated to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The kind of group expected to take the goal up."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("continues"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("The goal of the earlier version of the plan that this goal continues."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["plan", "in_appendix", "focus_area__order", "order", "pk"]
        verbose_name = _("sub-goal")
        verbose_name_plural = _("sub-goals")
        constraints = [
            # One order per plan (the display groups by appendix and focus area first). Checked
            # at the commit, so that renumbering may pass through a duplicate; PostgreSQL only.
            models.UniqueConstraint(
                fields=["plan", "order"], name="goal_order_unique", deferrable=models.Deferrable.DEFERRED
            )
        ]

    def __str__(self):
        return self.label

    @property
    def own_text(self):
        return self.text.strip() or (self.implements.text if self.implements_id else "")

    @property
    def label(self):
        """As the plans write it: "TG Äldre: <goal text>" when it implements a theme group's goal;
        plain text (Markdown reduced to its words), for names, headings and generated tables."""
        if self.implements_id:
            return f"{self.implements.plan.body.display_name}: {markdown_to_text(self.own_text)}"
        return markdown_to_text(self.own_text)

    def clean(self):
        errors = {}
        if not self.text.strip() and not self.implements_id:
            errors["text"] = ValidationError(
                _("Write the sub-goal, or choose the goal of another group that it implements."),
                code="empty",
            )
        if self.in_appendix:
            self.focus_area = None
        elif not self.focus_area_id:
            errors["focus_area"] = ValidationError(
                _("Choose a focus area, or mark the goal as a locally identified issue."), code="empty"
            )
        elif self.plan_id and self.focus_area.collaboration_plan_id != self.plan.collaboration_plan_id:
            errors["focus_area"] = ValidationError(
                _("The focus area belongs to another collaboration plan than the action plan."),
                code="foreign_focus_area",
            )
        if self.delegated and not self.delegated_to_id:
            errors["delegated_to"] = ValidationError(
                _("Say which kind of group the goal is delegated to."), code="empty"
            )
        if self.implements_id:
            target = self.implements
            if not target.delegated:
                errors["implements"] = ValidationError(
                    _("Only a goal that has been delegated can be implemented."), code="not_delegated"
                )
            elif self.plan_id and target.plan.body_id == self.plan.body_id:
                errors["implements"] = ValidationError(
                    _("A goal cannot implement a goal of its own group's plans."), code="own_goal"
                )
            elif self._would_cycle(target):
                errors["implements"] = ValidationError(
                    _("This would make a cycle: the chosen goal already builds on this goal."), code="cycle"
                )
        if errors:
            raise ValidationError(errors)

    def _would_cycle(self, target):
        seen = set()
        while target is not None and target.pk not in seen and len(seen) < 50:
            if self.pk and target.pk == self.pk:
                return True
            seen.add(target.pk)
            target = target.implements
        return False


def _plan_in_force(activity):
    return activity.plan.follow_up_refusal()


class Activity(models.Model):
    """An activity (aktivitet) under a goal: what, how, and how it is followed up."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        DONE = "done", _("Done")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    lifecycle = Lifecycle(
        transitions=[
            Transition(
                "start",
                (Status.PLANNED, Status.POSTPONED, Status.DONE),
                Status.ONGOING,
                _("mark as ongoing"),
                EDIT_PLANS,
                guards=(_plan_in_force,),
            ),
            Transition(
                "finish",
                (Status.PLANNED, Status.ONGOING),
                Status.DONE,
                _("mark as done"),
                EDIT_PLANS,
                guards=(_plan_in_force,),
            ),
            Transition(
                "postpone",
                (Status.PLANNED, Status.ONGOING),
                Status.POSTPONED,
                _("postpone"),
                EDIT_PLANS,
                guards=(_plan_in_force,),
            ),
            Transition(
                "cancel",
                (Status.PLANNED, Status.ONGOING, Status.POSTPONED),
                Status.CANCELLED,
                _("cancel"),
                EDIT_PLANS,
                guards=(_plan_in_force,),
            ),
            Transition(
                "replan",
                (Status.POSTPONED, Status.CANCELLED),
                Status.PLANNED,
                _("plan again"),
                EDIT_PLANS,
                guards=(_plan_in_force,),
            ),
        ],
        body=lambda activity: activity.plan.body,
        authorise=holds,
    )

    # Denormalised from the goal so that a plan's activities are one query, and so that an
    # activity can be refused a goal of another plan.
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("action plan"), on_delete=models.CASCADE, related_name="activities"
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("sub-goal"), on_delete=models.CASCADE, related_name="activities"
    )
    what = models.TextField(_("activity (what?)"))
    how = models.TextField(_("approach (how?)"), blank=True)
    follow_up = models.TextField(_("follow-up/outcome"), blank=True)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    timeframe = models.CharField(_("timeframe"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    order = models.PositiveIntegerField(_("order"), default=0)
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("continues"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("The activity of the earlier version of the plan that this activity continues."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["goal", "order", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "order"], name="activity_order_unique", deferrable=models.Deferrable.DEFERRED
            )
        ]

    def __str__(self):
        return self.what[:80]

    @classmethod
    def move_to(cls, status):
        """The name of the move that leads to ``status`` (each state has exactly one)."""
        return next(t.name for t in cls.lifecycle.transitions if t.target == status)

    def can(self, action, user):
        return self.lifecycle.can(self, action, user)

    def clean(self):
        errors = {}
        _require_text(errors, self, "what")
        if self.goal_id and self.plan_id and self.goal.plan_id != self.plan_id:
            errors["goal"] = ValidationError(
                _("An activity can only be placed under a sub-goal of its own action plan."),
                code="foreign_goal",
            )
        if errors:
            raise ValidationError(errors)


class FollowUp(models.Model):
    """A dated follow-up note on an activity, with a traffic-light status."""

    class Light(models.TextChoices):
        GREEN = "green", _("Green: on track")
        YELLOW = "yellow", _("Yellow: at risk")
        RED = "red", _("Red: off track")

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=10, choices=Light.choices)
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["activity", "-date", "-pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self):
        return f"{self.date} {self.get_status_display()}"

    def clean(self):
        errors = {}
        _require_text(errors, self, "text")
        if errors:
            raise ValidationError(errors)
