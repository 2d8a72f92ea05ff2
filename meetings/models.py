"""Meetings of a body: agenda, attendance, minutes, decisions with members' stances, assignments.

Each model with a state declares its ``lifecycle`` once, next to its choices (``samverkan.lifecycle``);
the workflows in ``services.py`` make every move through it, and views, templates, the admin and the
tests read it. Approved and published minutes are frozen: published ones change only through a
recorded correction (``MinutesCorrection``). Published minutes are public and searchable: their text is
copied into ``search_title``/``search_document`` and, on PostgreSQL, into a weighted
``tsvector`` (``search_vector``, GIN-indexed) when they are published or changed.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from governance.models import Body, Organisation, Person
from governance.permissions import APPROVE_MINUTES, MANAGE_MEETINGS, PUBLISH_MINUTES, holds
from samverkan.lifecycle import Edit, Lifecycle, Transition

# Attachments: PDF and Office files, checked by extension and by their first bytes.
ATTACHMENT_MAX_BYTES = settings.UPLOAD_MAX_BYTES
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"  # Office Open XML and OpenDocument are zip files
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls/.ppt
ATTACHMENT_TYPES = {
    ".pdf": PDF_MAGIC,
    ".docx": ZIP_MAGIC,
    ".xlsx": ZIP_MAGIC,
    ".pptx": ZIP_MAGIC,
    ".odt": ZIP_MAGIC,
    ".ods": ZIP_MAGIC,
    ".odp": ZIP_MAGIC,
    ".doc": OLE_MAGIC,
    ".xls": OLE_MAGIC,
    ".ppt": OLE_MAGIC,
}


class MeetingQuerySet(models.QuerySet):
    """The one visibility rule for meetings, read by every public surface.

    Anyone may read published minutes. Of a meeting still to come, anyone may see that it takes
    place: date, time, group and title, never its place or meeting link nor its agenda (the
    calendars and pages leave them out). Everything else is internal to the body's members.
    """

    def published(self):
        return self.filter(status=Meeting.Status.PUBLISHED)

    def announced(self, today=None):
        """Meetings not yet held that the public may know of (date, time, group, title)."""
        today = today or timezone.localdate()
        return self.filter(date__gte=today).exclude(status=Meeting.Status.PUBLISHED)

    def public(self, today=None):
        return self.published() | self.announced(today)


class Meeting(models.Model):
    """One meeting of a body, from planning to published minutes."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular meeting")
        EXTRA = "extra", _("Extra meeting")
        DIALOGUE = "dialogue", _("Dialogue meeting")
        WORKSHOP = "workshop", _("Workshop")

    class Mode(models.TextChoices):
        PHYSICAL = "physical", _("Physical")
        DIGITAL = "digital", _("Digital")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        AGENDA_SENT = "agenda_sent", _("Agenda sent")
        HELD = "held", _("Held")
        MINUTES_DRAFTED = "minutes_drafted", _("Minutes drafted")
        MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
        PUBLISHED = "published", _("Published")

    # A meeting may be held without a sent agenda (a short extra meeting). The minutes are approved
    # by the chair, or by the approval item of the body's next meeting (whoever records it).
    lifecycle = Lifecycle(
        transitions=[
            Transition(
                "send_agenda",
                (Status.PLANNED,),
                Status.AGENDA_SENT,
                _("send the agenda for"),
                MANAGE_MEETINGS,
                confirm=_(
                    "The agenda is e-mailed to every member of the group, with a calendar invitation. "
                    "Mail that has gone out cannot be taken back."
                ),
            ),
            Transition(
                "mark_held",
                (Status.PLANNED, Status.AGENDA_SENT),
                Status.HELD,
                _("mark as held"),
                MANAGE_MEETINGS,
            ),
            Transition(
                "draft_minutes",
                (Status.HELD,),
                Status.MINUTES_DRAFTED,
                _("draft the minutes of"),
                MANAGE_MEETINGS,
            ),
            Transition(
                "approve",
                (Status.MINUTES_DRAFTED,),
                Status.MINUTES_APPROVED,
                _("approve the minutes of"),
                APPROVE_MINUTES,
                guards=(lambda meeting: meeting.unrecorded_refusal(),),
                confirm=_(
                    "The minutes are approved and frozen: after this nothing in them can be changed. "
                    "They are then ready to be published, and those who publish them are e-mailed."
                ),
            ),
            Transition(
                "approve_at_meeting",
                (Status.MINUTES_DRAFTED,),
                Status.MINUTES_APPROVED,
                _("approve at the next meeting the minutes of"),
                MANAGE_MEETINGS,
                guards=(lambda meeting: meeting.unrecorded_refusal(),),
            ),
            Transition(
                "publish",
                (Status.MINUTES_APPROVED,),
                Status.PUBLISHED,
                _("publish the minutes of"),
                PUBLISH_MINUTES,
                confirm=_(
                    "The minutes are published and become readable by everyone: on the portal, in "
                    "the search and in the feed. The group's members and the minutes' subscribers "
                    "are e-mailed. Published minutes change only by a recorded correction."
                ),
            ),
        ],
        body=lambda meeting: meeting.body,
        authorise=holds,
        # Agenda, details and minutes change until the minutes are approved; then they are frozen
        # (published minutes are corrected through ``services.minutes_correct``).
        edit=Edit(
            states=(Status.PLANNED, Status.AGENDA_SENT, Status.HELD, Status.MINUTES_DRAFTED),
            permission=MANAGE_MEETINGS,
        ),
    )

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("kind of meeting"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    title = models.CharField(
        pgettext_lazy("heading", "title"),
        max_length=200,
        blank=True,
        help_text=_("Optional, e.g. the theme of a workshop."),
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    mode = models.CharField(
        _("physical or digital"), max_length=20, choices=Mode.choices, default=Mode.PHYSICAL
    )
    place = models.CharField(_("place or link"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    minutes_taker = models.ForeignKey(
        Person,
        verbose_name=_("minutes taken by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    next_meeting = models.CharField(
        _("next meeting"), max_length=200, blank=True, help_text=_("E.g. 12 March 2025, 13.00–15.00.")
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_in = models.ForeignKey(
        "AgendaItem",
        verbose_name=_("approved at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The next meeting's item that approved these minutes."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Derived search text of published minutes (see services.reindex).
    search_title = models.TextField(editable=False, blank=True)
    search_document = models.TextField(editable=False, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["search_title", "search_document", "search_vector"])

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [
            models.Index(fields=["body", "date"], name="meeting_body_date"),
            models.Index(fields=["status", "published_at"], name="meeting_status_published"),
            GinIndex(fields=["search_vector"], name="meeting_search_vector"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")), name="meeting_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.body.display_name} {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("meetings:meeting_detail", args=[self.pk])

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError(
                {
                    "end_time": ValidationError(
                        _("The meeting cannot end before it starts."), code="ends_before_start"
                    )
                }
            )

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def minutes_approved(self):
        return self.status in {self.Status.MINUTES_APPROVED, self.Status.PUBLISHED}

    @property
    def has_minutes(self):
        """Whether the page shows minutes (drafted or later) rather than an agenda."""
        return self.status in {
            self.Status.MINUTES_DRAFTED,
            self.Status.MINUTES_APPROVED,
            self.Status.PUBLISHED,
        }

    @property
    def is_upcoming(self):
        """Not held yet: the agenda may still be sent and the meeting marked as held."""
        return self.status in {self.Status.PLANNED, self.Status.AGENDA_SENT}

    def can(self, action, user):
        return self.lifecycle.can(self, action, user)

    def can_edit(self, user):
        return self.lifecycle.can_edit(self, user)

    def can_correct(self, user):
        """Published minutes are corrected (rättelse) by those who manage the body's meetings."""
        return self.is_published and holds(user, MANAGE_MEETINGS, self.body)

    def unrecorded_refusal(self):
        """The approval guard: every decision of the minutes must have its outcome recorded."""
        unrecorded = Decision.objects.filter(item__meeting=self, outcome=Decision.PROPOSED).count()
        if unrecorded:
            return _(
                "Record the outcome of every decision before approving the minutes (%(count)s left)."
            ) % {"count": unrecorded}
        return None

    @property
    def public_url(self):
        """Where a visitor reads about the meeting: its minutes once published, else the group's
        meetings page (an announced meeting has no public page of its own)."""
        if self.is_published:
            return self.get_absolute_url()
        return reverse("meetings:body_meetings", args=[self.body.slug])

    @property
    def starts(self):
        return datetime.datetime.combine(self.date, self.start_time)

    @property
    def ends(self):
        return datetime.datetime.combine(self.date, self.end_time)

    @property
    def duration(self):
        return self.ends - self.starts


class AgendaItem(models.Model):
    """A numbered item of a meeting's agenda, and later its minutes."""

    class Kind(models.TextChoices):
        OPENING = "opening", _("Check-in and opening")
        APPROVAL = "approval", _("Approval of the previous minutes")
        INFORMATION = "information", _("Information")
        DIALOGUE = "dialogue", _("Information and dialogue")
        DECISION = "decision", _("Decision")
        FOR_INFORMATION = "for_information", _("For information")
        OTHER_BUSINESS = "other_business", _("Any other business")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    kind = models.CharField(_("kind of item"), max_length=20, choices=Kind.choices, default=Kind.INFORMATION)
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    description = models.TextField(_("background"), blank=True, help_text=_("Markdown."))
    questions = models.TextField(
        _("questions put to the group"), blank=True, help_text=_("Frågeställningar; Markdown.")
    )
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))
    dialogue = models.TextField(
        _("dialogue"), blank=True, help_text=_("Summary of the discussion; Markdown.")
    )
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("continues"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        help_text=_("The tabled or referred-back item of an earlier meeting that this item takes up."),
    )
    approves = models.ForeignKey(
        Meeting,
        verbose_name=_("approves the minutes of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approval_items",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            # Checked at the commit, so that renumbering may pass through a duplicate. PostgreSQL
            # only (SQLite has no deferrable constraints, and serialises its writers anyway).
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="agenda_item_position_unique",
                deferrable=models.Deferrable.DEFERRED,
            )
        ]

    def __str__(self):
        return f"§{self.position} {self.title}"


def attachment_path(instance, filename):
    return f"motesbilagor/{instance.item.meeting_id}/{filename}"


class Attachment(models.Model):
    """A document on an agenda item: PDF or Office, internal or public."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0, editable=False)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Public attachments are shown with the published minutes.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "title"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:attachment", args=[self.item.meeting_id, self.pk])

    @property
    def extension(self):
        return Path(self.file.name).suffix.lower().lstrip(".").upper()

    def clean(self):
        check_attachment_file(self.file)


def check_attachment_file(upload):
    """Refuse anything but a PDF or Office file within the size limit (by name and content)."""
    if not upload:
        return
    suffix = Path(upload.name).suffix.lower()
    expected = ATTACHMENT_TYPES.get(suffix)
    if expected is None:
        raise ValidationError(
            {
                "file": _(
                    "Only PDF and Office files (Word, Excel, PowerPoint, OpenDocument) can be attached, "
                    "not %(name)s."
                )
                % {"name": Path(upload.name).name}
            },
            code="file_type",
        )
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            {
                "file": _("The file is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": round(upload.size / 1024 / 1024, 1), "limit": ATTACHMENT_MAX_BYTES // 1024 // 1024}
            },
            code="file_size",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(len(expected))
    upload.seek(position)
    if head != expected:
        raise ValidationError(
            {
                "file": _("The file's content does not match its name %(name)s.")
                % {"name": Path(upload.name).name}
            },
            code="file_content",
        )


class Attendance(models.Model):
    """Whether a person was at a meeting; title and organisation as they were that day."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    status = models.CharField(_("attendance"), max_length=20, choices=Status.choices, default=Status.PRESENT)
    is_guest = models.BooleanField(_("guest"), default=False, help_text=_("Co-opted or invited for an item."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "is_guest", "person__last_name", "person__first_name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once_per_meeting")
        ]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"


def _recording(outcome, label, consensus=False):
    """The move that records ``outcome`` on a proposed decision (its name is the outcome)."""
    guards = [lambda decision: decision.open_minutes_refusal()]
    if consensus:
        guards.append(lambda decision: decision.consensus_refusal())
    # From "" (Decision.PROPOSED, not yet defined here): a recorded outcome is final.
    return Transition(outcome.value, ("",), outcome, label, MANAGE_MEETINGS, guards=tuple(guards))


class Decision(models.Model):
    """The decision of an item: a proposal the members take a stance on, then its outcome."""

    class Outcome(models.TextChoices):
        DECIDED = "decided", _("Decided")
        TAKES_NOTE = "takes_note", _("Takes note of the information")
        TABLED = "tabled", _("Tabled to the next meeting")
        REFERRED_BACK = "referred_back", _("Referred back for preparation")
        STRUCK = "struck", _("Struck")
        APPROVED = "approved", _("Approved")

    PROPOSED = ""  # no outcome yet: members take their stances
    # Outcomes that bring the item back on the body's next agenda.
    CARRIED_OVER = {Outcome.TABLED, Outcome.REFERRED_BACK}

    # Recording the outcome is the one move, named after the outcome. Deciding or approving needs
    # consensus (no member objects); the rest do not. Only while the minutes may still change.
    lifecycle = Lifecycle(
        transitions=[
            _recording(Outcome.DECIDED, _("record as decided"), consensus=True),
            _recording(Outcome.APPROVED, _("record as approved"), consensus=True),
            _recording(Outcome.TAKES_NOTE, _("record as noted")),
            _recording(Outcome.TABLED, _("table")),
            _recording(Outcome.REFERRED_BACK, _("refer back")),
            _recording(Outcome.STRUCK, _("strike")),
        ],
        body=lambda decision: decision.item.meeting.body,
        authorise=holds,
        state_field="outcome",
    )

    item = models.OneToOneField(
        AgendaItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="decision"
    )
    proposal = models.TextField(_("proposed decision"))
    text = models.TextField(
        _("decision"), blank=True, help_text=_("The text after “Beslut:” in the minutes.")
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text or self.proposal

    @property
    def is_proposed(self):
        """No outcome yet: members may take a stance."""
        return self.outcome == self.PROPOSED

    @property
    def is_recorded(self):
        return not self.is_proposed

    def can(self, action, user):
        return self.lifecycle.can(self, action, user)

    def objectors(self):
        """Who objects, by name (uses prefetched stances when the page has them)."""
        return [
            (getattr(s.user, "person", None) and s.user.person.full_name) or s.user.get_username()
            for s in self.stances.all()
            if s.position == Stance.Position.OBJECTION
        ]

    def consensus_refusal(self):
        """The consensus rule: a proposal is decided only while no member objects."""
        names = self.objectors()
        if names:
            return _(
                "The proposal cannot be recorded as decided: %(names)s objects. Under the consensus rule "
                "it must be referred back for renewed preparation or struck."
            ) % {"names": ", ".join(names)}
        return None

    def open_minutes_refusal(self):
        meeting = self.item.meeting
        if not meeting.lifecycle.is_editable(meeting):
            return _("The minutes are approved: the decision can no longer change.")
        return None


class Stance(models.Model):
    """A member's current stance on a proposed decision (earlier ones live in the history)."""

    class Position(models.TextChoices):
        SUPPORT = "support", _("Support")
        OBJECTION = "objection", _("Objection")
        ABSTAIN = "abstain", _("Abstain")

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="stances"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="stances"
    )
    position = models.CharField(_("stance"), max_length=20, choices=Position.choices)
    reason = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stance")
        verbose_name_plural = _("stances")
        constraints = [models.UniqueConstraint(fields=["decision", "user"], name="one_stance_per_member")]

    def __str__(self):
        return f"{self.user}: {self.get_position_display()}"

    def clean(self):
        if self.position == self.Position.OBJECTION and not self.reason.strip():
            raise ValidationError(
                {
                    "reason": ValidationError(
                        _("Give a reason for the objection."), code="objection_without_reason"
                    )
                }
            )


class Assignment(models.Model):
    """A follow-up assignment given by a decision."""

    class Status(models.TextChoices):
        OPEN = "open", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    lifecycle = Lifecycle(
        transitions=[
            Transition("start", (Status.OPEN,), Status.IN_PROGRESS, _("start"), MANAGE_MEETINGS),
            Transition(
                "finish", (Status.OPEN, Status.IN_PROGRESS), Status.DONE, _("mark as done"), MANAGE_MEETINGS
            ),
            Transition("reopen", (Status.DONE,), Status.IN_PROGRESS, _("reopen"), MANAGE_MEETINGS),
        ],
        body=lambda assignment: assignment.body,
        authorise=holds,
    )

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="assignments"
    )
    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="assignments"
    )
    what = models.TextField(_("assignment"))
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible_person = models.ForeignKey(
        Person,
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["status", "due_date", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self):
        return self.what[:80]

    def clean(self):
        if not self.responsible_organisation_id and not self.responsible_person_id:
            raise ValidationError(
                _("Say which organisation or person is responsible."), code="nobody_responsible"
            )

    def can(self, action, user):
        return self.lifecycle.can(self, action, user)


class MinutesCorrection(models.Model):
    """A recorded correction (rättelse) of published minutes: what changed, why, who and when.

    Published minutes never change in place otherwise; the public page and the PDF list these.
    """

    class Field(models.TextChoices):
        MINUTES = "minutes", _("minutes")
        DIALOGUE = "dialogue", _("dialogue")
        DECISION = "decision", _("decision")
        NEXT_MEETING = "next_meeting", _("next meeting")

    # Fields of the item (or, without an item, of the meeting) that a correction may change.
    ITEM_FIELDS = {Field.MINUTES, Field.DIALOGUE, Field.DECISION}

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="corrections"
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="corrections",
    )
    field = models.CharField(_("what was corrected"), max_length=20, choices=Field.choices)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)
    reason = models.TextField(_("why"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    corrected_at = models.DateTimeField(_("corrected"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "corrected_at", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return f"{self.meeting}: {self.get_field_display()}"

    def clean(self):
        if (self.field in self.ITEM_FIELDS) != bool(self.item_id):
            raise ValidationError(
                {"field": _("Minutes, dialogue and decision belong to an item; the next meeting does not.")},
                code="field_of_item",
            )
