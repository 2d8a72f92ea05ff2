"""Workflows of the annual cycle and the annual report.

Every write is one of these functions: keyword-only arguments, one transaction, the move made
through the model's ``lifecycle`` (permission, state and guards checked, the row claimed so
that a double click moves once, history with user and reason), and side effects (mail, the
PDF build) after commit. A refused move raises ``ValidationError`` (code ``"transition"``, or
``"conflict"`` when somebody else moved first) with a Swedish message; a user without the
permission gets ``PermissionDenied``. ``cycle_run`` is what the daily Celery task calls.
"""

import datetime
import logging
from collections import Counter

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from governance.models import Body, Membership
from governance.notices import notify
from governance.permissions import REVIEW_REPORT_SECTIONS, holds
from governance.subscriptions import Topic, notify_subscribers
from samverkan import outbox
from samverkan.concurrency import Conflict
from samverkan.history import record_change

from .facts import frozen_facts
from .models import AnnualReport, CycleEvent, ReportSection, SentReminder, section_order
from .pdf import published_sections

logger = logging.getLogger(__name__)

# How far back the daily run looks for events it has not handled yet (downtime, a missed day).
CATCH_UP_DAYS = 40
# Roles that receive the cycle's e-mails for their body.
RECIPIENT_ROLES = [Membership.Role.CHAIR, Membership.Role.PROCESS_LEADER]
# A failed PDF build is retried by the daily run at most this many times.
MAX_PDF_ATTEMPTS = 5


# --- Sections ------------------------------------------------------------------------------------


def _lock_report(section):
    """Lock the section's report row and read it fresh.

    Every section move and the adoption take this lock first, so that a section cannot move
    (say, be requested again) while the report is being adopted: the guard “nothing moves once
    the report is adopted” reads the committed state.
    """
    section.report = (
        AnnualReport.objects.select_for_update().select_related("adopting_body").get(pk=section.report_id)
    )


def _move_section(section, name, *, user, **changes):
    """Make the move through the section's lifecycle, its report locked first."""
    _lock_report(section)
    return ReportSection.lifecycle.apply(section, name, user=user, **changes)


@transaction.atomic
def section_save(*, section, user, version, submit=False):
    """Save what the writers typed into ``section`` as a draft, or submit it when ``submit``.

    ``version`` is the version the editor saw: if somebody saved the section since, nothing is
    written and ``Conflict`` carries their version. Nothing is saved when submitting is refused.
    """
    ReportSection.lifecycle.check_edit(section, user)
    section.version = version  # claim the row as the editor saw it, not as it is now
    try:
        if submit:
            return _move_section(section, "submit", user=user, submitted_at=timezone.now())
        return _move_section(section, "save_draft", user=user)
    except ValidationError as error:
        if error.code == "conflict":
            raise Conflict(ReportSection.objects.get(pk=section.pk)) from error
        raise


@transaction.atomic
def section_submit(*, section, user):
    """Hand the section to the adopting body's review; an empty section is refused."""
    return _move_section(section, "submit", user=user, submitted_at=timezone.now())


@transaction.atomic
def section_withdraw(*, section, user, version=None):
    """Undo a submission (“Ångra”): the section is a draft again, while nobody has reviewed it.
    ``version``: the version shown with the undo button."""
    return _move_section(section, "withdraw", user=user, version=version, submitted_at=None)


@transaction.atomic
def section_return(*, section, user, comment):
    """Send a submitted section back to its writers with a comment; they are told by e-mail."""
    comment = (comment or "").strip()
    if not comment:
        refusal = _("Say what needs to change before returning the section.")
        raise ValidationError({"comment": ValidationError(refusal, code="no_comment")})
    _move_section(section, "return", user=user, return_comment=comment, reviewed_at=timezone.now())
    _notify_writers("section_returned", section, user, details=[comment])
    return section


@transaction.atomic
def section_accept(*, section, user):
    """Accept a submitted section: from now on it is frozen; its writers are told."""
    _move_section(section, "accept", user=user, return_comment="", reviewed_at=timezone.now())
    _notify_writers("section_accepted", section, user)
    return section


@transaction.atomic
def section_mark_not_applicable(*, section, user):
    """Record that there is no section from this body (or on this theme) this year."""
    return _move_section(section, "mark_not_applicable", user=user)


@transaction.atomic
def section_request_again(*, section, user):
    """Undo “no section this year”: the section is requested from its writers again."""
    _move_section(section, "request_again", user=user)
    _notify_writers("section_requested", section, user)
    return section


def _notify_writers(kind, section, user, details=()):
    """Tell the section's writers (the notice ``kind``, once for this version of the section)."""
    with translation.override(settings.LANGUAGE_CODE):
        due = formats.date_format(section.report.due_date, "j F Y")
    url = reverse("reports:section_edit", args=[section.report.year, section.pk])
    if kind == "section_accepted":
        url = section.get_absolute_url()
    notify(
        kind,
        key=f"{kind}:{section.pk}:{section.version}",
        body=section.body,
        obj=section.heading,
        url=url,
        actor=user,
        details=details,
        due=due,
    )


# --- The report ----------------------------------------------------------------------------------


@transaction.atomic
def report_adopt(*, report, user, adopted_on=None, decision=None, decision_reference="", version=None):
    """The adopting body (LGS) adopts the report: every section accepted or marked absent.

    ``decision``: the adopting body's decision in its minutes, when the meeting is in the portal.
    The facts of each accepted section are frozen with it, and the PDF is built after commit.
    """
    # Read the row fresh under a lock: the sections' moves take the same lock first (_lock_report).
    report = AnnualReport.objects.select_for_update().select_related("adopting_body").get(pk=report.pk)
    if decision is not None:
        report.decision = decision  # checked by the lifecycle's guard
    AnnualReport.lifecycle.apply(
        report,
        "adopt",
        user=user,
        version=version,
        adopted_on=adopted_on or timezone.localdate(),
        decision_reference=decision_reference or report.decision_reference,
    )
    accepted = report.sections.filter(status=ReportSection.Status.ACCEPTED, facts_snapshot__isnull=True)
    for section in accepted.select_related("body"):
        section.facts_snapshot = [] if section.is_thematic else frozen_facts(section.body, report.year)
        record_change(section, user, _("Facts frozen at adoption"))
        section.save(update_fields=["facts_snapshot"])
    report_request_pdf(report=report)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(report)s is adopted") % {"report": report.display_title}
        lead = _("%(report)s has been adopted by %(body)s and is published.") % {
            "report": report.display_title,
            "body": report.adopting_body.name,
        }
    notify_subscribers(
        topic=Topic.ANNUAL_REPORT,
        key=f"report:{report.pk}",
        subject=subject,
        lead=lead,
        url=report.get_absolute_url(),
    )
    return report


def _pdf_move(report_id, name, **values):
    """Move the PDF build on with one conditional UPDATE; True when this caller made the move.

    The build is bookkeeping beside the content: it claims on the build status alone (not the
    version, so it never conflicts with an editor) and writes no history row.
    """
    move = AnnualReport.pdf_build.transition(name)
    rows = AnnualReport.objects.filter(pk=report_id, pdf_status__in=move.source)
    return rows.update(pdf_status=move.target, **values) == 1


@transaction.atomic
def report_request_pdf(*, report, force=False):
    """Queue a PDF build (an outbox row, delivered after commit) unless an up-to-date one exists or
    one is under way. Returns True when a build was queued.
    """
    if not force and report.pdf_is_current(published_sections(report)):
        return False
    queued = _pdf_move(report.pk, "queue", pdf_error="")
    if queued:
        report.pdf_status = AnnualReport.pdf_build.transition("queue").target
        _enqueue_build(report)
    return queued


def _pdf_key(report):
    return f"report-pdf:{report.pk}:"


def _builds_under_way(report):
    """The report's builds owed in the outbox and not done (pending, retrying or running)."""
    return outbox.messages(key_prefix=_pdf_key(report)).filter(status__in=outbox.OPEN)


def _enqueue_build(report):
    """Owe one build. Called under the report's build claim, so counting the builds so far is safe."""
    builds = outbox.messages(key_prefix=_pdf_key(report)).count()
    outbox.enqueue("reports.pdf", {f"{_pdf_key(report)}{builds + 1}": {"report": report.pk}})


@transaction.atomic
def report_rebuild_pdf(*, report, user):
    """A reviewer asks for the PDF to be built again (after a failure, or a changed template).

    A build that is queued or running is left alone while it is within its deadline; a stuck
    one (its worker killed, its message lost) is queued again at once rather than waiting for the
    sweeper. Returns True when a build was queued.
    """
    if not holds(user, REVIEW_REPORT_SECTIONS, report.adopting_body):
        raise PermissionDenied
    if report_request_pdf(report=report, force=True):
        return True
    under_way = _builds_under_way(report)
    if under_way:
        stuck = under_way.filter(deadline__lt=timezone.now()).values_list("pk", flat=True)
        return bool(outbox.requeue(stuck))
    return _requeue_lost_build(report)


@transaction.atomic
def _requeue_lost_build(report):
    """A build queued or running with none owed in the outbox (lost before the outbox existed):
    owe one now. True when this caller did."""
    if _builds_under_way(report).exists() or not _pdf_move(report.pk, "requeue"):
        return False
    _enqueue_build(report)
    return True


def report_build_pdf(*, report_id):
    """Build and store the report's PDF (called by the Celery task). Records failures.

    Runs outside any transaction on purpose: rendering takes seconds and must not hold a lock.
    """
    from .pdf import render_report_pdf

    _pdf_move(report_id, "start", pdf_attempts=F("pdf_attempts") + 1)
    report = AnnualReport.objects.select_related("adopting_body").get(pk=report_id)
    try:
        sections = published_sections(report)
        content_hash = report.content_hash(sections)
        pdf_bytes, pages = render_report_pdf(report, sections)
    except Exception as error:
        _pdf_move(report_id, "fail", pdf_error=f"{type(error).__name__}: {error}"[:2000])
        logger.exception("Building the PDF of report %s failed", report_id)
        raise
    old_name = report.pdf.name if report.pdf else ""
    report.pdf.save(f"arsrapport-{report.year}.pdf", ContentFile(pdf_bytes), save=False)
    finished = _pdf_move(
        report_id,
        "finish",
        pdf=report.pdf.name,
        pdf_error="",
        pdf_hash=content_hash,
        pdf_pages=pages,
        pdf_built_at=timezone.now(),
        pdf_attempts=0,
    )
    if not finished:  # another build finished first: keep its file
        report.pdf.storage.delete(report.pdf.name)
    elif old_name and old_name != report.pdf.name:
        report.pdf.storage.delete(old_name)
    report.refresh_from_db()
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
            if recipients and not outbox.is_mail_silenced():
                send_mail(subject, message, None, recipients)
    except IntegrityError:
        summary["already_sent"] += 1
        return False
    summary["messages"] += 1
    return True


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
    sections = list(report.sections.pending().select_related("body"))
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
        for s in report.sections.being_written().select_related("body")
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
    _retry_builds(summary)
    return summary


def _retry_builds(summary):
    """Queue again the failed builds (up to MAX_PDF_ATTEMPTS) and the builds left queued or running
    with nothing owed in the outbox (lost before the outbox existed), unless the outbox is on them."""
    Pdf = AnnualReport.PdfStatus
    adopted = AnnualReport.objects.filter(status=AnnualReport.Status.ADOPTED).select_related("adopting_body")
    for report in adopted.filter(pdf_status=Pdf.FAILED, pdf_attempts__lt=MAX_PDF_ATTEMPTS):
        if not _builds_under_way(report).exists():  # else the outbox retries it already
            summary["pdf_retried"] += report_request_pdf(report=report, force=True)
    for report in adopted.filter(pdf_status__in=(Pdf.QUEUED, Pdf.RUNNING)):
        if _requeue_lost_build(report):
            summary["pdf_requeued"] += 1
