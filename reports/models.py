"""The annual cycle (årshjul) and the annual report.

``CycleEvent`` rows are the årshjul as data; the daily task walks them (``services.cycle_run``).
An ``AnnualReport`` collects one ``ReportSection`` per target body (and thematic sections)
and is adopted by its adopting body (LGS). Each declares its ``lifecycle`` once, next to its
states; the workflows in ``services.py`` make every move through it and views, templates, the
admin and the tests read it. Accepted sections and adopted reports are frozen.

Every e-mail the cycle sends is claimed first by a unique ``SentReminder`` row, so the task can
run twice a day, or catch up after downtime, without sending anything twice.
"""

import calendar
import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from governance.models import Body, BodyKind
from governance.permissions import (
    REVIEW_REPORT_SECTIONS,
    VIEW_INTERNAL,
    WRITE_REPORT_SECTION,
    bodies_where,
    holds,
)
from samverkan.lifecycle import Edit, Lifecycle, Transition

MONTH_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]


class CycleEvent(models.Model):
    """One entry of the årshjul: a month (or a date), what happens, and who is concerned."""

    class Action(models.TextChoices):
        OPEN_SECTIONS = "open_sections", _("Request the annual report sections")
        REMIND = "remind", _("Remind about annual report sections")
        PLAN_SUBMISSION = "plan_submission", _("Ask for next year's action plans")
        CALENDAR = "calendar", _("Calendar event only")

    month = models.PositiveSmallIntegerField(_("month"), validators=MONTH_VALIDATORS)
    day = models.PositiveSmallIntegerField(
        _("day"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Empty: the event concerns the whole month. Needed for events that act."),
    )
    end_month = models.PositiveSmallIntegerField(
        _("until month"),
        null=True,
        blank=True,
        validators=MONTH_VALIDATORS,
        help_text=_("For events that span several months, e.g. May–June."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    responsible_body = models.ForeignKey(
        Body,
        verbose_name=_("responsible body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_cycle_events",
        help_text=_("For report requests: the body that adopts the report (LGS)."),
    )
    target_bodies = models.ManyToManyField(
        Body, verbose_name=_("target bodies"), blank=True, related_name="targeted_cycle_events"
    )
    target_kinds = models.ManyToManyField(
        BodyKind,
        verbose_name=_("target kinds of body"),
        blank=True,
        related_name="targeted_cycle_events",
        help_text=_("Every active body of these kinds is concerned."),
    )
    thematic_titles = models.TextField(
        _("thematic sections"),
        blank=True,
        help_text=_("For report requests: one title per line; written by the responsible body."),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, default=Action.CALENDAR)
    due_month = models.PositiveSmallIntegerField(
        _("sections due, month"), default=1, validators=MONTH_VALIDATORS
    )
    due_day = models.PositiveSmallIntegerField(
        _("sections due, day"), default=31, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["month", "day", "title"]
        verbose_name = _("annual cycle event")
        verbose_name_plural = _("annual cycle events")

    def __str__(self):
        return self.title

    def clean(self):
        if self.action != self.Action.CALENDAR and not self.day:
            raise ValidationError({"day": _("An event that acts needs a day of the month.")}, code="no_day")
        if self.action == self.Action.OPEN_SECTIONS and not self.responsible_body_id:
            raise ValidationError(
                {"responsible_body": _("Say which body adopts the report.")}, code="no_adopter"
            )

    def date_in(self, year):
        """The event's date in ``year`` (the month's last day when the month is shorter)."""
        last = calendar.monthrange(year, self.month)[1]
        return datetime.date(year, self.month, min(self.day or 1, last))

    def report_year_for(self, occurrence):
        """The year whose report a request on ``occurrence`` opens: sections are due the year after."""
        if (self.due_month, self.due_day) < (self.month, self.day or 1):
            return occurrence.year
        return occurrence.year - 1

    def due_date_for(self, report_year):
        """Sections of ``report_year``'s report are due on this date of the following year."""
        last = calendar.monthrange(report_year + 1, self.due_month)[1]
        return datetime.date(report_year + 1, self.due_month, min(self.due_day, last))

    def thematic_title_list(self):
        return [line.strip() for line in self.thematic_titles.splitlines() if line.strip()]

    @property
    def when(self):
        """Human wording of the time: "1 december", "januari", "maj–juni"."""
        from django.utils.dates import MONTHS

        month = str(MONTHS[self.month])
        if self.day:
            return f"{self.day} {month}"
        if self.end_month and self.end_month != self.month:
            return f"{month}–{MONTHS[self.end_month]}"
        return month


def _sections_ready(report):
    """Adoption waits until every section is accepted or marked “no section this year”."""
    missing = [s.heading for s in report.sections.select_related("body") if not s.is_ready]
    if missing:
        return _(
            "The report cannot be adopted while sections are missing: %(sections)s. Accept them, "
            "or mark them “no section this year”."
        ) % {"sections": ", ".join(missing)}
    return None


def _decision_of_the_adopting_body(report):
    """The decision recorded with the adoption, if any, is one the adopting body made."""
    if report.decision_id and not report.adoption_decisions().filter(pk=report.decision_id).exists():
        return _("The adoption must be a decision made by %(body)s.") % {"body": report.adopting_body}
    return None


class AnnualReportQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=AnnualReport.Status.ADOPTED)

    def taking_part(self, user):
        """Reports being collected that ``user`` takes part in: they sit in the body that adopts
        it (and reviews its sections), or write one of its sections."""
        return self.filter(status__in=AnnualReport.lifecycle.edit.states).filter(
            Q(adopting_body__in=bodies_where(user, VIEW_INTERNAL))
            | Exists(
                ReportSection.objects.filter(
                    report=OuterRef("pk"), body__in=bodies_where(user, WRITE_REPORT_SECTION)
                )
            )
        )

    def for_user(self, user):
        """What ``user`` may read: adopted reports, and those being collected that they take part in."""
        return self.public() | self.taking_part(user)


class AnnualReport(models.Model):
    """The compiled annual report of one year."""

    class Status(models.TextChoices):
        COLLECTING = "collecting", _("Collecting sections")
        ADOPTED = "adopted", _("Adopted and published")

    lifecycle = Lifecycle(
        transitions=[
            Transition(
                "adopt",
                (Status.COLLECTING,),
                Status.ADOPTED,
                _("adopt"),
                REVIEW_REPORT_SECTIONS,
                guards=(_sections_ready, _decision_of_the_adopting_body),
                confirm=_(
                    "The annual report is adopted and published: everyone can read it and its PDF "
                    "is built. Its sections and the facts taken from the records are frozen; "
                    "nothing in the report can be changed after this."
                ),
            ),
        ],
        body=lambda report: report.adopting_body,
        authorise=holds,
        edit=Edit(states=(Status.COLLECTING,), permission=REVIEW_REPORT_SECTIONS),
    )

    class PdfStatus(models.TextChoices):
        NONE = "none", _("Not built")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Built")
        FAILED = "failed", _("Failed")

    # The PDF build: moves the portal makes itself (``services.report_request_pdf`` and the task).
    pdf_build = Lifecycle(
        transitions=[
            # A build already queued or running is not queued again.
            Transition(
                "queue", (PdfStatus.NONE, PdfStatus.DONE, PdfStatus.FAILED), PdfStatus.QUEUED, _("queue")
            ),
            # From any state: a retried or redelivered task builds again.
            Transition("start", tuple(PdfStatus), PdfStatus.RUNNING, _("start")),
            Transition("finish", (PdfStatus.RUNNING,), PdfStatus.DONE, _("finish")),
            Transition("fail", (PdfStatus.RUNNING,), PdfStatus.FAILED, _("fail")),
            # A stuck build (queued or running, with no build owed in the outbox) is queued again.
            Transition("requeue", (PdfStatus.QUEUED, PdfStatus.RUNNING), PdfStatus.QUEUED, _("queue again")),
        ],
        body=lambda report: report.adopting_body,
        authorise=holds,
        state_field="pdf_status",
    )

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    subtitle = models.CharField(
        _("subtitle"),
        max_length=200,
        blank=True,
        default="Kommun och sjukvård – Samverkan i Göteborgsområdet",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.COLLECTING)
    adopting_body = models.ForeignKey(
        Body,
        verbose_name=_("adopted by"),
        on_delete=models.PROTECT,
        related_name="adopted_reports",
        help_text=_("The body that reviews the sections and adopts the report (LGS)."),
    )
    opened_on = models.DateField(_("sections requested on"), null=True, blank=True)
    due_date = models.DateField(_("sections due"))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    decision = models.ForeignKey(
        "meetings.Decision",
        verbose_name=pgettext_lazy("annual report", "Decision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopted_reports",
        help_text=_("The adopting body's decision in its minutes."),
    )
    decision_reference = models.CharField(
        _("reference to the decision"),
        max_length=300,
        blank=True,
        help_text=_("The adopting body's decision, e.g. its minutes."),
    )
    content_owner_name = models.CharField(_("content owner"), max_length=200, blank=True)
    content_owner_email = models.EmailField(_("content owner's e-mail"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to="arsrapporter/", blank=True)
    pdf_status = models.CharField(
        _("PDF build status"), max_length=10, choices=PdfStatus.choices, default=PdfStatus.NONE
    )
    pdf_error = models.TextField(_("PDF build error"), blank=True)
    pdf_hash = models.CharField(_("content hash of the PDF"), max_length=64, blank=True)
    pdf_pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    pdf_built_at = models.DateTimeField(_("PDF built at"), null=True, blank=True)
    pdf_attempts = models.PositiveSmallIntegerField(_("build attempts"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")

    def __str__(self):
        return self.display_title

    def get_absolute_url(self):
        return reverse("reports:report_detail", args=[self.year])

    @property
    def display_title(self):
        return self.title or f"Årsrapport {self.year}"

    @property
    def is_adopted(self):
        return self.status == self.Status.ADOPTED

    @property
    def pdf_built(self):
        return self.pdf_status == self.PdfStatus.DONE

    @property
    def pdf_failed(self):
        return self.pdf_status == self.PdfStatus.FAILED

    def can(self, action, user):
        return self.lifecycle.can(self, action, user)

    def can_edit(self, user):
        return self.lifecycle.can_edit(self, user)

    def pdf_is_current(self, sections):
        """Whether the stored PDF was built from exactly these ``sections`` (and this report)."""
        return self.pdf_built and bool(self.pdf) and self.pdf_hash == self.content_hash(sections)

    def adoption_decisions(self):
        """Decisions made at the adopting body's meetings that can record the adoption, newest first."""
        decision = self._meta.get_field("decision").related_model
        return (
            decision.objects.filter(
                item__meeting__body=self.adopting_body_id,
                outcome__in=[decision.Outcome.DECIDED, decision.Outcome.APPROVED],
            )
            .select_related("item__meeting")
            .order_by("-item__meeting__date", "item__position")
        )

    def content_hash(self, sections):
        """A digest of everything printed in the PDF; a different digest means rebuild."""
        digest = hashlib.sha256()
        for value in (
            self.display_title,
            self.subtitle,
            self.status,
            self.adopted_on,
            self.content_owner_name,
            self.content_owner_email,
            self.adopting_body.name,
        ):
            digest.update(f"{value}\x1f".encode())
        for section in sections:
            for value in (
                section.pk,
                section.order,
                section.heading,
                section.status,
                section.summary,
                section.body_text,
                section.development_areas,
                section.facts_snapshot,
            ):
                digest.update(f"{value}\x1f".encode())
        return digest.hexdigest()


def _report_open(section):
    """Nothing about a section moves once its report is adopted."""
    if section.report.is_adopted:
        return _("The report has been adopted and can no longer be changed.")
    return None


def _not_empty(section):
    """A section is submitted with at least a summary or a text (development areas alone are not one)."""
    if not (section.summary.strip() or section.body_text.strip()):
        return _("An empty section cannot be submitted: write at least a summary or a text.")
    return None


def _reviewing_body(section):
    return section.report.adopting_body


def section_order(body, index=None):
    """The fixed order of seed 000: by kind of body, then the body's own order; themes last."""
    if index is not None:
        return 1_000_000 + index
    return body.kind.order * 1000 + body.order


class ReportSectionQuerySet(models.QuerySet):
    def printed(self):
        """The sections that appear in the report (not those marked “no section this year”)."""
        return self.exclude(status=ReportSection.Status.NOT_APPLICABLE)

    def being_written(self):
        """The sections whose writers still have work to do (the reminders' concern)."""
        return self.filter(status__in=ReportSection.lifecycle.edit.states)

    def pending(self):
        """The sections that adoption still waits for."""
        return self.exclude(status__in=ReportSection.READY)


class ReportSection(models.Model):
    """One body's (or one theme's) section of an annual report."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")
        NOT_APPLICABLE = "not_applicable", _("No section this year")

    WRITING = (Status.REQUESTED, Status.DRAFT, Status.RETURNED)
    lifecycle = Lifecycle(
        transitions=[
            Transition(
                "save_draft",
                WRITING,
                Status.DRAFT,
                _("save as a draft"),
                WRITE_REPORT_SECTION,
                guards=(_report_open,),
            ),
            Transition(
                "submit",
                WRITING,
                Status.SUBMITTED,
                _("submit for review"),
                WRITE_REPORT_SECTION,
                guards=(_report_open, _not_empty),
                undo="withdraw",
            ),
            # The writers take their submission back while nobody has reviewed it.
            Transition(
                "withdraw",
                (Status.SUBMITTED,),
                Status.DRAFT,
                _("withdraw the submission of"),
                WRITE_REPORT_SECTION,
                guards=(_report_open,),
            ),
            Transition(
                "return",
                (Status.SUBMITTED,),
                Status.RETURNED,
                _("return to the writers"),
                REVIEW_REPORT_SECTIONS,
                on=_reviewing_body,
                guards=(_report_open,),
            ),
            Transition(
                "accept",
                (Status.SUBMITTED,),
                Status.ACCEPTED,
                _("accept"),
                REVIEW_REPORT_SECTIONS,
                on=_reviewing_body,
                guards=(_report_open,),
            ),
            Transition(
                "mark_not_applicable",
                (*WRITING, Status.SUBMITTED),
                Status.NOT_APPLICABLE,
                _("mark as no section this year"),
                REVIEW_REPORT_SECTIONS,
                on=_reviewing_body,
                guards=(_report_open,),
            ),
            Transition(
                "request_again",
                (Status.NOT_APPLICABLE,),
                Status.REQUESTED,
                _("request again"),
                REVIEW_REPORT_SECTIONS,
                on=_reviewing_body,
                guards=(_report_open,),
            ),
        ],
        body=lambda section: section.body,
        authorise=holds,
        edit=Edit(states=WRITING, permission=WRITE_REPORT_SECTION),
    )
    # What the report's adoption waits for (``AnnualReport.lifecycle``'s guard).
    READY = (Status.ACCEPTED, Status.NOT_APPLICABLE)

    report = models.ForeignKey(
        AnnualReport, verbose_name=_("annual report"), on_delete=models.CASCADE, related_name="sections"
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="report_sections",
        help_text=_("The body whose chair and process leaders write the section."),
    )
    is_thematic = models.BooleanField(
        _("thematic section"), default=False, help_text=_("A section on a theme rather than on a body.")
    )
    title = models.CharField(_("heading"), max_length=200, blank=True, help_text=_("Empty: the body's name."))
    order = models.PositiveIntegerField(_("order"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    summary = models.TextField(_("summary"), blank=True)
    body_text = models.TextField(
        _("text"), blank=True, help_text=_("Markdown: lists, tables, links and sub-headings (###).")
    )
    development_areas = models.TextField(
        _("development areas and measures for better goal attainment"), blank=True
    )
    return_comment = models.TextField(_("comment on return"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    facts_snapshot = models.JSONField(
        _("generated facts at adoption"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The facts from the portal's records, frozen when the report is adopted."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    objects = ReportSectionQuerySet.as_manager()

    class Meta:
        ordering = ["report", "order", "pk"]
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "body"], condition=Q(is_thematic=False), name="one_section_per_body"
            ),
            models.UniqueConstraint(
                fields=["report", "title"],
                condition=Q(is_thematic=True),
                name="one_thematic_section_per_title",
            ),
        ]

    def __str__(self):
        return f"{self.heading} ({self.report.year})" if self.report_id else self.heading

    def get_absolute_url(self):
        return reverse("reports:section_detail", args=[self.report.year, self.pk])

    @property
    def heading(self):
        return self.title or (self.body.name if self.body_id else "")

    @property
    def anchor(self):
        return f"avsnitt-{self.pk}"

    @property
    def is_editable(self):
        return self.lifecycle.is_editable(self)

    @property
    def is_returned(self):
        return self.status == self.Status.RETURNED

    @property
    def is_printed(self):
        return self.status != self.Status.NOT_APPLICABLE

    @property
    def is_ready(self):
        return self.status in self.READY

    def is_overdue(self, today):
        return self.is_editable and today > self.report.due_date

    def can(self, action, user):
        return self.lifecycle.can(self, action, user)

    def can_edit(self, user):
        return self.lifecycle.can_edit(self, user)

    def open_moves(self):
        """The moves that the state and the guards allow now, whoever asks: a list page combines
        them with one permission check for the whole page instead of one per row and move."""
        return {t.name for t in self.lifecycle.transitions if not self.lifecycle.refusal(self, t.name)}


class SentReminder(models.Model):
    """The log of the cycle's e-mails; the unique row is claimed before a message is sent."""

    event = models.ForeignKey(
        CycleEvent, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sent"
    )
    occurrence = models.DateField(_("occurrence"), help_text=_("The date of the event this message is for."))
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="cycle_messages"
    )
    report = models.ForeignKey(
        AnnualReport,
        verbose_name=_("annual report"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sent",
    )
    recipients = models.TextField(_("recipients"), blank=True)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "occurrence", "body"], name="one_message_per_event_and_body"
            ),
        ]

    def __str__(self):
        return f"{self.event} – {self.body} ({self.occurrence})"
