"""Workflows of the annual cycle and the annual report.

Each workflow takes keyword-only arguments, checks the move against the model's rules, saves
in one transaction (history user and reason set) and raises ``ValidationError`` with a Swedish
message when the move is refused. ``cycle_run`` is what the daily Celery task calls.
"""

import datetime
import logging
from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from governance.models import Body, Membership
from samverkan.concurrency import claim
from samverkan.history import record_change

from .facts import frozen_facts
from .models import AnnualReport, CycleEvent, ReportSection, SentReminder

logger = logging.getLogger(__name__)

Status = ReportSection.Status
PdfStatus = AnnualReport.PdfStatus

# How far back the daily run looks for events it has not handled yet (downtime, a missed day).
CATCH_UP_DAYS = 40
# Roles that receive the cycle's e-mails for their body.
RECIPIENT_ROLES = [Membership.Role.CHAIR, Membership.Role.PROCESS_LEADER]
# A failed PDF build is retried by the daily run at most this many times.
MAX_PDF_ATTEMPTS = 5


def _claim(section):
    """Bump the version of the row as read; refuse when somebody changed it meanwhile."""
    if not claim(section):
        raise ValidationError(
            _("Somebody else changed the section meanwhile. Reload the page and try again."), code="conflict"
        )


def _move(section, status):
    if not section.can_move_to(status):
        raise ValidationError(
            _("A section that is “%(current)s” cannot become “%(new)s”.")
            % {"current": section.get_status_display(), "new": Status(status).label},
            code="transition",
        )
    section.status = status


# --- Sections ------------------------------------------------------------------------------------


def section_save(*, form, user, submit=False):
    """Save the writer's draft (a ``SectionForm``); submit it too when ``submit``.

    Returns the section, or None when the form reports a concurrent change. Nothing is saved
    when submitting is refused.
    """
    section = form.instance
    if not section.is_editable:
        raise ValidationError(_refused_edit_message(section), code="not_editable")
    with transaction.atomic():
        section.status = Status.DRAFT
        record_change(section, user, "Utkast sparat")
        saved = form.save()
        if saved is None:
            return None
        if submit:
            section_submit(section=saved, user=user)
    return saved


def _refused_edit_message(section):
    if section.status == Status.ACCEPTED:
        return _("The section has been accepted and can no longer be changed.")
    if section.status == Status.SUBMITTED:
        return _("The section has been submitted and is being reviewed; it cannot be changed meanwhile.")
    return _("There is no section for this body this year.")


@transaction.atomic
def section_submit(*, section, user):
    """Hand the section to the adopting body's review; an empty section is refused."""
    if not (section.summary.strip() or section.body_text.strip()):
        raise ValidationError(
            _("An empty section cannot be submitted: write at least a summary or a text."), code="empty"
        )
    _move(section, Status.SUBMITTED)
    _claim(section)
    section.submitted_at = timezone.now()
    section.return_comment = section.return_comment  # kept for the history until accepted
    section.full_clean()
    record_change(section, user, "Inlämnat")
    section.save()
    return section


@transaction.atomic
def section_return(*, section, user, comment):
    """Send a submitted section back to its writers with a comment."""
    if not (comment or "").strip():
        raise ValidationError(_("Say what needs to change before returning the section."), code="no_comment")
    _move(section, Status.RETURNED)
    _claim(section)
    section.return_comment = comment.strip()
    section.reviewed_at = timezone.now()
    section.full_clean()
    record_change(section, user, "Återsänt")
    section.save()
    _notify_writers(section, returned=True)
    return section


@transaction.atomic
def section_accept(*, section, user):
    _move(section, Status.ACCEPTED)
    _claim(section)
    section.return_comment = ""
    section.reviewed_at = timezone.now()
    section.full_clean()
    record_change(section, user, "Godkänt")
    section.save()
    return section


@transaction.atomic
def section_set_not_applicable(*, section, user, not_applicable=True):
    """Mark that there is no section from this body this year (or undo that)."""
    if section.report.is_adopted:
        raise ValidationError(_("The report has been adopted and can no longer be changed."), code="adopted")
    _move(section, Status.NOT_APPLICABLE if not_applicable else Status.REQUESTED)
    _claim(section)
    record_change(section, user, "Inget avsnitt i år" if not_applicable else "Avsnitt begärt igen")
    section.save()
    return section


def _notify_writers(section, *, returned):
    recipients = _recipients([section.body_id], timezone.localdate()).get(section.body_id, [])
    if not recipients:
        return
    url = settings.SITE_URL + reverse("reports:section_edit", args=[section.report.year, section.pk])
    with translation.override("sv"):
        subject = _("Your section of %(report)s has been returned") % {"report": section.report.display_title}
        message = _(
            "The section “%(heading)s” has been returned with this comment:\n\n%(comment)s\n\n%(url)s"
        ) % {
            "heading": section.heading,
            "comment": section.return_comment,
            "url": url,
        }
    transaction.on_commit(lambda: send_mail(subject, message, None, recipients))


# --- The report ----------------------------------------------------------------------------------


@transaction.atomic
def adoption_decisions(report):
    """Decisions made at the adopting body's meetings that can record the adoption, newest first."""
    from meetings.models import Decision

    return (
        Decision.objects.filter(
            item__meeting__body=report.adopting_body_id,
            outcome__in=[Decision.Outcome.DECIDED, Decision.Outcome.APPROVED],
        )
        .select_related("item__meeting")
        .order_by("-item__meeting__date", "item__position")
    )


def report_adopt(*, report, user, adopted_on=None, decision=None, decision_reference=""):
    """The adopting body (LGS) adopts the report: every section accepted or marked absent.

    ``decision``: the adopting body's decision in its minutes, when the meeting is in the portal.
    """
    report = AnnualReport.objects.select_for_update().select_related("adopting_body").get(pk=report.pk)
    if report.is_adopted:
        raise ValidationError(_("The report has already been adopted."), code="adopted")
    if decision is not None and not adoption_decisions(report).filter(pk=decision.pk).exists():
        raise ValidationError(
            _("The adoption must be a decision made by %(body)s.") % {"body": report.adopting_body},
            code="foreign_decision",
        )
    sections = list(report.sections.select_related("body"))
    missing = [s.heading for s in sections if s.status not in ReportSection.DONE]
    if missing:
        raise ValidationError(
            _(
                "The report cannot be adopted while sections are missing: %(sections)s. Accept them, "
                "or mark them “no section this year”."
            )
            % {"sections": ", ".join(missing)},
            code="sections_missing",
        )
    for section in sections:
        if section.status == Status.ACCEPTED and section.facts_snapshot is None:
            section.facts_snapshot = [] if section.is_thematic else frozen_facts(section.body, report.year)
            record_change(section, user, "Fakta låsta vid fastställande")
            section.save(update_fields=["facts_snapshot"])
    report.status = AnnualReport.Status.ADOPTED
    report.adopted_on = adopted_on or timezone.localdate()
    report.decision = decision or report.decision
    report.decision_reference = decision_reference or report.decision_reference
    report.full_clean()
    record_change(report, user, "Fastställd")
    report.save()
    report_request_pdf(report=report)
    return report


def published_sections(report):
    """The sections printed in the report, in the fixed order, with their bodies."""
    return list(
        report.sections.exclude(status=Status.NOT_APPLICABLE)
        .select_related("body", "report")
        .order_by("order", "pk")
    )


def report_request_pdf(*, report, force=False):
    """Queue a PDF build unless an up-to-date one exists or one is already under way.

    Returns True when a build was queued.
    """
    from .tasks import build_report_pdf

    sections = published_sections(report)
    current = report.content_hash(sections)
    if not force and report.pdf_status == PdfStatus.DONE and report.pdf_hash == current and report.pdf:
        return False
    queued = (
        AnnualReport.objects.filter(pk=report.pk)
        .exclude(pdf_status__in=[PdfStatus.QUEUED, PdfStatus.RUNNING])
        .update(pdf_status=PdfStatus.QUEUED, pdf_error="")
    )
    if queued:
        report.pdf_status = PdfStatus.QUEUED
        report_id = report.pk
        transaction.on_commit(lambda: build_report_pdf.delay(report_id))
    return bool(queued)


def report_build_pdf(*, report_id):
    """Build and store the report's PDF (called by the Celery task). Records failures."""
    from .pdf import render_report_pdf

    AnnualReport.objects.filter(pk=report_id).update(
        pdf_status=PdfStatus.RUNNING, pdf_attempts=F("pdf_attempts") + 1
    )
    report = AnnualReport.objects.select_related("adopting_body").get(pk=report_id)
    try:
        sections = published_sections(report)
        content_hash = report.content_hash(sections)
        pdf_bytes, pages = render_report_pdf(report, sections)
    except Exception as error:
        AnnualReport.objects.filter(pk=report_id).update(
            pdf_status=PdfStatus.FAILED, pdf_error=f"{type(error).__name__}: {error}"[:2000]
        )
        logger.exception("Building the PDF of report %s failed", report_id)
        raise
    old_name = report.pdf.name if report.pdf else ""
    report.pdf.save(f"arsrapport-{report.year}.pdf", ContentFile(pdf_bytes), save=False)
    report.pdf_status = PdfStatus.DONE
    report.pdf_error = ""
    report.pdf_hash = content_hash
    report.pdf_pages = pages
    report.pdf_built_at = timezone.now()
    report.pdf_attempts = 0
    record_change(report, None, "PDF byggd")
    report.save(
        update_fields=[
            "pdf",
            "pdf_status",
            "pdf_error",
            "pdf_hash",
            "pdf_pages",
            "pdf_built_at",
            "pdf_attempts",
        ]
    )
    if old_name and old_name != report.pdf.name:
        report.pdf.storage.delete(old_name)
    return report


# --- The daily cycle -----------------------------------------------------------------------------


def _occurrences(event, start, today):
    for year in range(start.year, today.year + 1):
        day = event.date_in(year)
        if start <= day <= today:
            yield day


def _target_bodies(event, on):
    """The bodies an event concerns on ``on``: named bodies and active bodies of the kinds."""
    kinds = [kind.pk for kind in event.target_kinds.all()]
    named = [body.pk for body in event.target_bodies.all()]
    query = Body.objects.active(on).filter(Q(pk__in=named) | Q(kind__in=kinds)).select_related("kind")
    return list(query.order_by("kind__order", "order", "name"))


def _recipients(body_ids, on):
    """{body id: [e-mail addresses of its current chair and process leaders]}."""
    seats = (
        Membership.objects.current(on)
        .filter(body_id__in=body_ids, role__in=RECIPIENT_ROLES, person__isnull=False)
        .exclude(person__email="")
        .values_list("body_id", "person__email")
    )
    found = {}
    for body_id, email in seats:
        found.setdefault(body_id, [])
        if email not in found[body_id]:
            found[body_id].append(email)
    return found


def _send_once(*, event, occurrence, body, report, recipients, subject, message, summary):
    """Claim (event, occurrence, body) in the log, then send; a claimed message is not resent.

    A failure to send rolls the claim back, so the next run tries again.
    """
    try:
        with transaction.atomic():
            SentReminder.objects.create(
                event=event, occurrence=occurrence, body=body, report=report, recipients=", ".join(recipients)
            )
            if recipients:
                send_mail(subject, message, None, recipients)
    except IntegrityError:
        summary["already_sent"] += 1
        return False
    summary["messages"] += 1
    return True


def section_order(body, index=None):
    """The fixed order of seed 000: by kind of body, then the body's own order; themes last."""
    if index is not None:
        return 1_000_000 + index
    return body.kind.order * 1000 + body.order


def _open_sections(event, occurrence, summary):
    year = event.report_year_for(occurrence)
    report, created = AnnualReport.objects.get_or_create(
        year=year,
        defaults={
            "adopting_body": event.responsible_body,
            "due_date": event.due_date_for(year),
            "opened_on": occurrence,
        },
    )
    summary["reports_created"] += created
    if report.is_adopted:
        return
    bodies = _target_bodies(event, occurrence)
    wanted = [(body, False, "", section_order(body)) for body in bodies]
    wanted += [
        (event.responsible_body, True, title, section_order(None, i))
        for i, title in enumerate(event.thematic_title_list())
    ]
    existing_bodies = set(report.sections.filter(is_thematic=False).values_list("body_id", flat=True))
    existing_titles = set(report.sections.filter(is_thematic=True).values_list("title", flat=True))
    for body, thematic, title, order in wanted:
        if (thematic and title in existing_titles) or (not thematic and body.pk in existing_bodies):
            continue
        try:
            with transaction.atomic():
                section = ReportSection(
                    report=report, body=body, is_thematic=thematic, title=title, order=order
                )
                record_change(section, None, "Begärt av årshjulet")
                section.save()
            summary["sections_created"] += 1
        except IntegrityError:
            pass  # another run created it a moment ago
    sections = list(report.sections.select_related("body").exclude(status__in=ReportSection.DONE))
    by_body = {}
    for section in sections:
        by_body.setdefault(section.body, []).append(section)
    recipients = _recipients([body.pk for body in by_body], occurrence)
    for body, body_sections in by_body.items():
        with translation.override("sv"):
            subject = _("Request: your section of %(report)s") % {"report": report.display_title}
            message = _(
                "%(body)s is asked to write its section of %(report)s by %(due)s.\n\n%(links)s\n\n"
                "Write it in the portal: summary, text and development areas. Facts that the portal "
                "already knows (meetings, action plan outcomes) are added automatically."
            ) % {
                "body": body.name,
                "report": report.display_title,
                "due": report.due_date.isoformat(),
                "links": "\n".join(
                    f"{s.heading}: {settings.SITE_URL}{reverse('reports:section_edit', args=[year, s.pk])}"
                    for s in body_sections
                ),
            }
        _send_once(
            event=event,
            occurrence=occurrence,
            body=body,
            report=report,
            recipients=recipients.get(body.pk, []),
            subject=subject,
            message=message,
            summary=summary,
        )


def _remind(event, occurrence, summary):
    report = (
        AnnualReport.objects.filter(status=AnnualReport.Status.COLLECTING, opened_on__lte=occurrence)
        .order_by("-year")
        .first()
    )
    if report is None:
        return
    targets = {body.pk for body in _target_bodies(event, occurrence)}
    sections = [
        s
        for s in report.sections.select_related("body").filter(status__in=ReportSection.EDITABLE)
        if not targets or s.body_id in targets
    ]
    by_body = {}
    for section in sections:
        by_body.setdefault(section.body, []).append(section)
    recipients = _recipients([body.pk for body in by_body], occurrence)
    overdue = occurrence > report.due_date
    for body, body_sections in by_body.items():
        with translation.override("sv"):
            if overdue:
                subject = _("Overdue: your section of %(report)s") % {"report": report.display_title}
            else:
                subject = _("Reminder: your section of %(report)s is due %(due)s") % {
                    "report": report.display_title,
                    "due": report.due_date.isoformat(),
                }
            message = "\n".join(
                f"{s.heading} ({s.get_status_display()}): "
                f"{settings.SITE_URL}{reverse('reports:section_edit', args=[report.year, s.pk])}"
                for s in body_sections
            )
        _send_once(
            event=event,
            occurrence=occurrence,
            body=body,
            report=report,
            recipients=recipients.get(body.pk, []),
            subject=subject,
            message=message,
            summary=summary,
        )


def _plan_submission(event, occurrence, summary):
    bodies = _target_bodies(event, occurrence)
    recipients = _recipients([body.pk for body in bodies], occurrence)
    for body in bodies:
        with translation.override("sv"):
            subject = _("%(event)s: %(body)s") % {"event": event.title, "body": body.name}
            message = event.description or event.title
        _send_once(
            event=event,
            occurrence=occurrence,
            body=body,
            report=None,
            recipients=recipients.get(body.pk, []),
            subject=subject,
            message=message,
            summary=summary,
        )


HANDLERS = {
    CycleEvent.Action.OPEN_SECTIONS: _open_sections,
    CycleEvent.Action.REMIND: _remind,
    CycleEvent.Action.PLAN_SUBMISSION: _plan_submission,
}


def cycle_run(today=None, *, catch_up_days=CATCH_UP_DAYS):
    """Walk the årshjul up to ``today``: idempotent, and catches up on days it missed.

    Every acting event whose date fell in the last ``catch_up_days`` days is handled; the
    unique rows it creates (report, sections, sent-message log) make a second run a no-op.
    Returns a Counter of what was done.
    """
    today = today or timezone.localdate()
    start = today - datetime.timedelta(days=catch_up_days)
    summary = Counter()
    events = (
        CycleEvent.objects.filter(is_active=True)
        .exclude(action=CycleEvent.Action.CALENDAR)
        .select_related("responsible_body")
        .prefetch_related("target_bodies", "target_kinds")
        .order_by("month", "day", "pk")
    )
    # Oldest occurrence first, so that a request is opened before its reminders.
    work = sorted(
        (occurrence, event.pk, event) for event in events for occurrence in _occurrences(event, start, today)
    )
    for occurrence, _pk, event in work:
        HANDLERS[event.action](event, occurrence, summary)
    _retry_failed_builds(summary)
    return summary


def _retry_failed_builds(summary):
    failed = AnnualReport.objects.filter(
        status=AnnualReport.Status.ADOPTED, pdf_status=PdfStatus.FAILED, pdf_attempts__lt=MAX_PDF_ATTEMPTS
    )
    for report in failed.select_related("adopting_body"):
        summary["pdf_retried"] += report_request_pdf(report=report, force=True)
