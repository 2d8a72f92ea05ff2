"""The collaboration structure as data: organisations, kinds of body, bodies, people, seats.

Behaviour never depends on a kind's or a body's name: where bodies differ, a field says so
(e.g. ``BodyKind.chair_term_months``, ``Body.plans_adopted_by``).
"""

import datetime

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase
from simple_history.models import HistoricalRecords


def add_months(day, months):
    """The same day of the month ``months`` later (clamped to the month's last day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


class Organisation(models.Model):
    """A party to the collaboration: a principal (municipality, region) or a part of one."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")
        PRIVATE_PROVIDER = "private", _("Private care provider")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        help_text=_("For example a hospital or primary care that is part of the region."),
    )
    website = models.URLField(_("website"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:organisation_detail", args=[self.slug])

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("An organisation cannot be part of itself.")}, code="cycle"
                )
            ancestor = ancestor.parent


class BodyKind(models.Model):
    """A kind of body: "Temagrupp", "NOSAM", "Ledningsgrupp", ... (data, not code)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_plural = models.CharField(_("plural name"), max_length=100)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Order of this kind in lists and reports.")
    )
    description = models.TextField(_("description"), blank=True)
    chair_term_months = models.PositiveSmallIntegerField(
        _("chair term (months)"),
        null=True,
        blank=True,
        help_text=_("Length of a chair's term, when chairs rotate; empty when they do not."),
    )
    chair_rotation = models.CharField(
        _("chair rotation"),
        max_length=200,
        blank=True,
        help_text=_("How the chair rotates, e.g. between municipality and region."),
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("kind of body")
        verbose_name_plural = _("kinds of body")

    def __str__(self):
        return self.name


class BodyQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=on)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )


class Body(models.Model):
    """A group in the collaboration structure: a council, a management group, a theme group..."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.ForeignKey(
        BodyKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="bodies"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reports to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    mandate = models.TextField(_("mandate"), blank=True, help_text=_("The body's mission (uppdrag)."))
    email = models.EmailField(_("e-mail"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
    )
    plans_adopted_by = models.ForeignKey(
        "self",
        verbose_name=_("plans adopted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopts_plans_of",
        help_text=_("The body that adopts this body's action plans; empty: the body itself."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    objects = BodyQuerySet.as_manager()

    class Meta:
        ordering = ["kind__order", "order", "name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        permissions = [
            ("view_internal", _("Read the body's internal drafts")),
            ("edit_body", _("Edit the body's description and members")),
            ("edit_plans", _("Edit the body's action plans")),
            ("adopt_plans", _("Adopt the action plans submitted to the body")),
            ("manage_meetings", _("Prepare meetings and write minutes")),
            ("approve_minutes", _("Approve minutes")),
            ("publish_minutes", _("Publish minutes")),
            ("take_stance", _("Take a stance on proposed decisions")),
            ("write_report_section", _("Write the body's annual report section")),
            ("review_report_sections", _("Review annual report sections")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="body_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:body_detail", args=[self.slug])

    @property
    def display_name(self):
        return self.short_name or self.name

    @property
    def kind_label(self):
        """The kind to print beside the name, or "" when the name already says it (the kind
        "Politiskt samråd" of the body "Politiskt samråd", "NOSAM" of "NOSAM GBG Centrum")."""
        kind = self.kind.name
        return "" if self.name.casefold().startswith(kind.casefold()) else kind

    def is_active(self, on=None):
        on = on or timezone.localdate()
        started = self.start_date is None or self.start_date <= on
        return started and (self.end_date is None or self.end_date >= on)

    @property
    def has_ended(self):
        return self.end_date is not None and self.end_date < timezone.localdate()

    def ancestors(self):
        """The chain of parents, nearest first (one query per level; trees are shallow)."""
        chain, body = [], self.parent
        while body is not None and body.pk != self.pk and len(chain) < 50:
            chain.append(body)
            body = body.parent
        return chain

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = ValidationError(
                _("The end date cannot be before the start date."), code="ends_before_start"
            )
        if self.parent_id and self.pk:
            if self.parent_id == self.pk or any(a.pk == self.pk for a in self.parent.ancestors()):
                errors["parent"] = ValidationError(
                    _("A body cannot report to itself or to one of its own sub-groups."),
                    code="cycle",
                )
        if self.successor_id and self.successor_id == self.pk:
            errors["successor"] = ValidationError(_("A body cannot replace itself."), code="self_successor")
        if errors:
            raise ValidationError(errors)


class BodyUserObjectPermission(UserObjectPermissionBase):
    """Direct foreign-key object permissions on bodies (fast, and deleted with the body)."""

    content_object = models.ForeignKey(Body, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("user's permission on a body")
        verbose_name_plural = _("users' permissions on bodies")


class Person(models.Model):
    """A person who sits, or has sat, in a body; possibly with a login."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        """Seats held on ``on`` (today) in bodies that exist on that day."""
        on = on or timezone.localdate()
        return self.filter(
            Q(start_date__lte=on),
            Q(end_date__isnull=True) | Q(end_date__gte=on),
            Q(body__start_date__isnull=True) | Q(body__start_date__lte=on),
            Q(body__end_date__isnull=True) | Q(body__end_date__gte=on),
        )

    def overlapping(self, start, end):
        """Seats whose period shares a day with [start, end] (end None: open)."""
        qs = self.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        return qs if end is None else qs.filter(start_date__lte=end)


class Membership(models.Model):
    """A seat in a body, held by a person (or vacant) for a period, with a role."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        MEMBER = "member", _("Member")
        PROCESS_LEADER = "process_leader", _("Process leader")
        CO_OPTED = "co_opted", _("Co-opted")
        SUBSTITUTE = "substitute", _("Substitute")
        COMMUNICATOR = "communicator", _("Communicator")

    # Roles held by at most one seat at a time in a body.
    SINGLE_SEAT_ROLES = {Role.CHAIR, Role.VICE_CHAIR}

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text=_("Leave empty for a vacant seat."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("represents"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats",
        help_text=_("The organisation the seat represents; empty: the person's organisation."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body", "role", "person__last_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            ),
            # Two open seats of a single-seat role always overlap: the database refuses the
            # second even when two requests pass clean() at the same moment.
            models.UniqueConstraint(
                fields=["body", "role"],
                condition=Q(role__in=["chair", "vice_chair"], end_date__isnull=True),
                name="one_open_seat_per_single_seat_role",
                violation_error_code="second_chair",
            ),
        ]

    def __str__(self):
        holder = self.person.full_name if self.person else _("vacant seat")
        return f"{holder}, {self.get_role_display()}, {self.body}"

    @property
    def represents(self):
        if self.organisation_id:
            return self.organisation
        return self.person.organisation if self.person else None

    @property
    def is_vacant(self):
        return self.person_id is None

    def is_current(self, on=None):
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)

    @property
    def term_end(self):
        """When the chair's term ends: the set end date, else start + the kind's term length."""
        if self.end_date:
            return self.end_date
        months = self.body.kind.chair_term_months
        if self.role == self.Role.CHAIR and months:
            return add_months(self.start_date, months) - datetime.timedelta(days=1)
        return None

    @property
    def term_has_run_out(self):
        """A chair still in the seat after the kind's term length: time to rotate."""
        term_end = self.term_end
        return term_end is not None and self.end_date is None and term_end < timezone.localdate()

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = ValidationError(
                _("A membership cannot end before it starts."), code="ends_before_start"
            )
        if self.person_id is None and self.organisation_id is None:
            errors["organisation"] = ValidationError(
                _("A vacant seat must say which organisation it represents."),
                code="vacant_without_organisation",
            )
        if not errors and self.body_id and self.role in self.SINGLE_SEAT_ROLES:
            clash = self.clashing_seat()
            if clash:
                errors["role"] = self.second_seat_error(clash)
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        """The single-seat constraint refuses in clean()'s words (it is the one to speak when
        another seat was saved between clean() and this check)."""
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            if not any(e.code == "second_chair" for e in error.error_dict.get(NON_FIELD_ERRORS, [])):
                raise
            raise ValidationError({"role": self.second_seat_error(self.clashing_seat())}) from error

    def clashing_seat(self):
        """Another seat of this single-seat role in the body whose period overlaps this one's."""
        return (
            Membership.objects.filter(body_id=self.body_id, role=self.role)
            .exclude(pk=self.pk)
            .overlapping(self.start_date, self.end_date)
            .select_related("person")
            .first()
        )

    def second_seat_error(self, clash):
        """The refusal of a second chair (or vice chair), from clean() or from the constraint."""
        return ValidationError(
            _("%(body)s already has a %(role)s in this period: %(holder)s.")
            % {
                "body": self.body,
                "role": self.get_role_display().lower(),
                "holder": (clash.person if clash else None) or _("vacant seat"),
            },
            code="second_chair",
        )


# --- Notices and subscriptions (governance.notices, governance.subscriptions) ----------------------


class NoticePreference(models.Model):
    """How a person wants one kind of notice (``governance.notices.NOTICES``); no row: the kind's
    default."""

    class Delivery(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately")
        DIGEST = "digest", _("In a daily digest")
        OFF = "off", _("Off")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(_("kind of notice"), max_length=40)
    delivery = models.CharField(_("delivery"), max_length=20, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")
        constraints = [models.UniqueConstraint(fields=["person", "kind"], name="one_preference_per_kind")]

    def __str__(self):
        return f"{self.person}: {self.kind} ({self.get_delivery_display()})"


class NoticeSent(models.Model):
    """A notice that was given (its unique key, e.g. ``minutes-approved:<meeting>``), whatever
    each recipient's preference: a retried service or a daily task that runs twice gives it once."""

    key = models.CharField(_("unique key"), max_length=200, unique=True)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("notice given")
        verbose_name_plural = _("notices given")

    def __str__(self):
        return self.key


class DigestEntry(models.Model):
    """A notice waiting for its recipient's daily digest (deleted when the digest is sent)."""

    key = models.CharField(_("unique key"), max_length=260, unique=True)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="digest_entries"
    )
    kind = models.CharField(_("kind of notice"), max_length=40)
    day = models.DateField(_("day"))
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"))
    url = models.URLField(_("address"), max_length=500)

    class Meta:
        ordering = ["person", "day", "pk"]
        verbose_name = _("digest entry")
        verbose_name_plural = _("digest entries")
        indexes = [models.Index(fields=["day", "person"], name="digest_entry_day_person")]

    def __str__(self):
        return f"{self.person}: {self.subject}"


class Subscription(models.Model):
    """A confirmed public subscription: an address, what it follows and when it consented.

    Nothing else is kept (no name, no request data, no history); an unconfirmed subscription is
    not stored at all: the confirmation link carries it, signed (``governance.subscriptions``).
    """

    class Topic(models.TextChoices):
        MINUTES = "minutes", _("Published minutes of a group")
        ANNUAL_REPORT = "annual_report", _("The annual report")

    email = models.EmailField(_("e-mail"))
    topic = models.CharField(_("subscribes to"), max_length=20, choices=Topic.choices)
    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
    )
    consented_at = models.DateTimeField(_("consent given"))

    class Meta:
        ordering = ["topic", "body", "email"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "topic", "body"],
                condition=Q(body__isnull=False),
                name="one_subscription_per_body",
            ),
            models.UniqueConstraint(
                fields=["email", "topic"], condition=Q(body__isnull=True), name="one_subscription_per_topic"
            ),
        ]

    def __str__(self):
        return f"{self.email}: {self.get_topic_display()}{f' ({self.body})' if self.body_id else ''}"
