"""Meetings of a body: agenda, attendance, minutes, decisions with members' stances, assignments.

A meeting moves through its statuses in one direction (``Meeting.TRANSITIONS``); the workflows
in ``services.py`` make every move. Published minutes are public and searchable: their text is
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
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from governance.models import Body, Organisation, Person

# Attachments: PDF and Office files, checked by extension and by their first bytes.
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
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

    # The allowed moves. A meeting may be held without a sent agenda (a short extra meeting).
    TRANSITIONS = {
        Status.PLANNED: {Status.AGENDA_SENT, Status.HELD},
        Status.AGENDA_SENT: {Status.HELD},
        Status.HELD: {Status.MINUTES_DRAFTED},
        Status.MINUTES_DRAFTED: {Status.MINUTES_APPROVED},
        Status.MINUTES_APPROVED: {Status.PUBLISHED},
        Status.PUBLISHED: set(),
    }

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
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
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
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Derived search text of published minutes (see services.reindex).
    search_title = models.TextField(editable=False, blank=True)
    search_document = models.TextField(editable=False, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["search_title", "search_document", "search_vector"])

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
                {"end_time": _("The meeting cannot end before it starts.")}, code="ends_before_start"
            )

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def minutes_approved(self):
        return self.status in {self.Status.MINUTES_APPROVED, self.Status.PUBLISHED}

    @property
    def starts(self):
        return datetime.datetime.combine(self.date, self.start_time)

    @property
    def ends(self):
        return datetime.datetime.combine(self.date, self.end_time)

    @property
    def duration(self):
        return self.ends - self.starts

    def can_move_to(self, status):
        return status in self.TRANSITIONS[self.Status(self.status)]


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
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
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


class Decision(models.Model):
    """The decision of an item: a proposal the members take a stance on, then its outcome."""

    class Outcome(models.TextChoices):
        DECIDED = "decided", _("Decided")
        TAKES_NOTE = "takes_note", _("Takes note of the information")
        TABLED = "tabled", _("Tabled to the next meeting")
        REFERRED_BACK = "referred_back", _("Referred back for preparation")
        STRUCK = "struck", _("Struck")
        APPROVED = "approved", _("Approved")

    # Outcomes that bring the item back on the body's next agenda.
    CARRIED_OVER = {Outcome.TABLED, Outcome.REFERRED_BACK}

    item = models.OneToOneField(
        AgendaItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="decision"
    )
    proposal = models.TextField(_("proposed decision"))
    text = models.TextField(
        _("decision"), blank=True, help_text=_("The text after “Beslut:” in the minutes.")
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text or self.proposal


class Stance(models.Model):
    """A member's current stance on a proposed decision (earlier ones live in the history)."""

    class Position(models.TextChoices):
        SUPPORT = "support", _("Support")
        OBJECTION = "objection", _("Objection")
        ABSTAIN = "abstain", _("Abstain")

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="stances"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stances")
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
                {"reason": _("Give a reason for the objection.")}, code="objection_without_reason"
            )


class Assignment(models.Model):
    """A follow-up assignment given by a decision."""

    class Status(models.TextChoices):
        OPEN = "open", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

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
