"""The plan cascade: a collaboration plan, its focus areas, and every body's action plans.

Samverkansplan (``CollaborationPlan``) → focus areas → a body's action plan (``ActionPlan``) →
sub-goals (``Goal``) → activities (``Activity``) → dated follow-up notes (``FollowUp``). A goal
of one body's plan may be delegated onward (theme group → NOSAMs); a goal of another plan may
then ``implement`` it, which is the red thread. Editable rows carry a ``version`` for
optimistic locking (see ``samverkan.concurrency``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import Body, BodyKind


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


class ActionPlan(models.Model):
    """A body's action plan (handlingsplan) for a period, e.g. NOSAM GBG Sydväst 2024."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for adoption")
        ADOPTED = "adopted", _("Adopted")
        SUPERSEDED = "superseded", _("Superseded")

    # The allowed moves; anything else is refused with a clear message.
    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.ADOPTED, Status.DRAFT},
        Status.ADOPTED: {Status.SUPERSEDED},
        Status.SUPERSEDED: set(),
    }
    PUBLIC_STATUSES = {Status.ADOPTED, Status.SUPERSEDED}

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="action_plans"
    )
    period = models.SlugField(_("period"), max_length=20, help_text=_("For example 2024."))
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

    class Meta:
        ordering = ["body__kind__order", "body__order", "body__name", "-period"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.UniqueConstraint(fields=["body", "period"], name="one_plan_per_body_and_period")
        ]

    def __str__(self):
        return _("Action plan %(period)s, %(body)s") % {"period": self.period, "body": self.body}

    def get_absolute_url(self):
        return reverse("actionplans:plan_detail", args=[self.body.slug, self.period])

    @property
    def is_public(self):
        return self.status in self.PUBLIC_STATUSES

    @property
    def adopting_body(self):
        """Who adopts this plan: ``Body.plans_adopted_by``, else the body itself."""
        return self.body.plans_adopted_by or self.body

    def can_move_to(self, status):
        return status in self.TRANSITIONS[self.status]

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
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["plan", "in_appendix", "focus_area__order", "order", "pk"]
        verbose_name = _("sub-goal")
        verbose_name_plural = _("sub-goals")

    def __str__(self):
        return self.label

    @property
    def own_text(self):
        return self.text.strip() or (self.implements.text if self.implements_id else "")

    @property
    def label(self):
        """As the plans write it: "TG Äldre: <goal text>" when it implements a theme group's goal."""
        if self.implements_id:
            return f"{self.implements.plan.body.display_name}: {self.own_text}"
        return self.own_text

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


class Activity(models.Model):
    """An activity (aktivitet) under a goal: what, how, and how it is followed up."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        DONE = "done", _("Done")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS = {
        Status.PLANNED: {Status.ONGOING, Status.POSTPONED, Status.CANCELLED, Status.DONE},
        Status.ONGOING: {Status.DONE, Status.POSTPONED, Status.CANCELLED},
        Status.POSTPONED: {Status.PLANNED, Status.ONGOING, Status.CANCELLED},
        Status.DONE: {Status.ONGOING},
        Status.CANCELLED: {Status.PLANNED},
    }

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
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["goal", "order", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.what[:80]

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
