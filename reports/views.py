import datetime
import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.permissions import (
    REVIEW_REPORT_SECTIONS,
    VIEW_INTERNAL,
    WRITE_REPORT_SECTION,
    bodies_where,
    body_permissions,
)
from samverkan import ics
from samverkan.concurrency import submit
from samverkan.confirm import confirm_move
from samverkan.pagecache import public_page
from samverkan.years import parse_year

from . import services
from .facts import facts_for
from .forms import AdoptForm, ReviewForm, SectionForm
from .models import AnnualReport, CycleEvent, ReportSection
from .pdf import published_sections

# --- Access --------------------------------------------------------------------------------------


def _is_reviewer(user, report):
    return REVIEW_REPORT_SECTIONS in body_permissions(user, report.adopting_body)


def _report(year):
    reports = AnnualReport.objects.select_related("adopting_body", "decision__item__meeting")
    report = reports.filter(year=year).first()
    if report is None:
        raise Http404(_("There is no annual report for %(year)s.") % {"year": year})
    return report


def _section(year, pk):
    return get_object_or_404(
        ReportSection.objects.select_related("report__adopting_body", "body__kind"), report__year=year, pk=pk
    )


def _section_access(request, section):
    """(may read, may write, may review) for the current user."""
    public = section.report.is_adopted and section.is_printed
    if not request.user.is_authenticated:
        return public, False, False
    perms = body_permissions(request.user, section.body)
    reviewer = _is_reviewer(request.user, section.report)
    writer = WRITE_REPORT_SECTION in perms
    return public or writer or reviewer or VIEW_INTERNAL in perms, writer, reviewer


def _reviewable_section(request, year, pk):
    section = _section(year, pk)
    if not _is_reviewer(request.user, section.report):
        raise PermissionDenied
    return section


def _reviewable_report(request, year):
    report = _report(year)
    if not _is_reviewer(request.user, report):
        raise PermissionDenied
    return report


def _pdf_response(data, filename, inline=True):
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


# --- Årshjul -------------------------------------------------------------------------------------

WHEEL_CENTRE = 210
WHEEL_OUTER = 200
WHEEL_INNER = 120
WHEEL_EVENTS = 95


def _point(angle, radius):
    rad = math.radians(angle - 90)
    return round(WHEEL_CENTRE + radius * math.cos(rad), 1), round(WHEEL_CENTRE + radius * math.sin(rad), 1)


def _wheel(events, year):
    """Geometry of the wheel: month wedges with labels, numbered event markers."""
    months = []
    for month in range(1, 13):
        start, end = (month - 1) * 30, month * 30
        (x1, y1), (x2, y2) = _point(start, WHEEL_OUTER), _point(end, WHEEL_OUTER)
        (x3, y3), (x4, y4) = _point(end, WHEEL_INNER), _point(start, WHEEL_INNER)
        path = (
            f"M{x1},{y1} A{WHEEL_OUTER},{WHEEL_OUTER} 0 0 1 {x2},{y2} "
            f"L{x3},{y3} A{WHEEL_INNER},{WHEEL_INNER} 0 0 0 {x4},{y4} Z"
        )
        lx, ly = _point(start + 15, (WHEEL_OUTER + WHEEL_INNER) / 2)
        months.append(
            {"path": path, "x": lx, "y": ly, "name": str(MONTHS[month])[:3], "even": month % 2 == 0}
        )
    markers = []
    per_month = {}
    for number, event in enumerate(events, start=1):
        days = 31
        day = event.day or 15
        index = per_month.get(event.month, 0)
        per_month[event.month] = index + 1
        angle = (event.month - 1) * 30 + 30 * (day - 1) / days
        x, y = _point(angle, WHEEL_EVENTS - 24 * (index % 3))
        markers.append({"x": x, "y": y, "number": number, "acts": event.action != CycleEvent.Action.CALENDAR})
    return {"size": 2 * WHEEL_CENTRE, "centre": WHEEL_CENTRE, "months": months, "markers": markers}


@public_page(query=("ar",))
def arshjul(request):
    today = timezone.localdate()
    year = parse_year(request.GET.get("ar")) or today.year
    events = list(
        CycleEvent.objects.filter(is_active=True)
        .select_related("responsible_body")
        .prefetch_related("target_bodies", "target_kinds")
        .order_by("month", "day", "pk")
    )
    reports = list(AnnualReport.objects.filter(year__in=[year - 1, year]).order_by("year"))
    return render(
        request,
        "reports/arshjul.html",
        {
            "year": year,
            "events": events,
            "wheel": _wheel(events, year),
            "reports": reports,
            "previous_year": year - 1,
            "next_year": year + 1,
            # The wheel is the same every year: search engines, which follow "next year" without
            # end, index the years around today and those with an annual report, no others.
            "noindex": abs(year - today.year) > 1 and not reports,
        },
    )


@public_page
def arshjul_ics(request):
    events = CycleEvent.objects.filter(is_active=True).order_by("month", "day", "pk")
    first_year = timezone.localdate().year - 1
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    entries = []
    for event in events:
        if event.day:
            start = event.date_in(first_year)
            end = start + datetime.timedelta(days=1)
        else:
            start = datetime.date(first_year, event.month, 1)
            last_month = event.end_month or event.month
            end_year = first_year + (1 if last_month < event.month else 0)
            end = datetime.date(end_year + (last_month == 12), last_month % 12 + 1, 1)
        entries.append(
            [
                ics.uid(f"arshjul-{event.pk}"),
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
                f"DTEND;VALUE=DATE:{end:%Y%m%d}",
                "RRULE:FREQ=YEARLY",
                "SUMMARY:" + ics.escape(event.title),
                "DESCRIPTION:" + ics.escape(event.description),
            ]
        )
    text = ics.calendar(name=_("Annual cycle"), product="Arshjul", events=entries)
    return ics.response(text, "arshjul.ics")


# --- The report ----------------------------------------------------------------------------------


def latest_report(request):
    """The main menu's "Årsrapport" follows the reader: the report being written for those who take
    part in it (``AnnualReport.objects.taking_part``), the newest adopted report for everyone else."""
    report = None
    if request.user.is_authenticated:
        report = AnnualReport.objects.taking_part(request.user).order_by("-year").first()
    if report is None:
        report = AnnualReport.objects.public().order_by("-year").first()
    if report is None:
        raise Http404(_("No annual report has been adopted yet."))
    return redirect(report)


@public_page
def report_detail(request, year):
    """The adopted report for everyone; the report being collected for its reviewers."""
    report = _report(year)
    reviewer = _is_reviewer(request.user, report)
    if not (report.is_adopted or reviewer or _takes_part(request.user, report)):
        raise Http404(_("The report has not been adopted yet."))
    return _report_page(request, report, reviewer)


def _takes_part(user, report):
    return AnnualReport.objects.taking_part(user).filter(pk=report.pk).exists()


def _report_page(request, report, reviewer):
    sections = list(report.sections.select_related("body").order_by("order", "pk"))
    today = timezone.localdate()
    # While the report is written, those who take part see every section's progress and open
    # the sections of the bodies whose internal matters they may read.
    readable = None
    if not report.is_adopted and not reviewer:
        readable = set(bodies_where(request.user, VIEW_INTERNAL).values_list("pk", flat=True))
    for section in sections:
        section.report = report
        section.overdue = section.is_overdue(today)
        section.readable = readable is None or section.body_id in readable
    shown = [s for s in sections if s.is_printed]
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "sections": sections if reviewer and not report.is_adopted else shown,
            "reviewer": reviewer,
            "missing": [s for s in sections if not s.is_ready],
            "pdf_current": report.pdf_is_current(shown),
        },
    )


def report_pdf(request, year):
    """The stored PDF; built (or queued) first when missing or out of date."""
    report = _report(year)
    if not report.is_adopted and not _is_reviewer(request.user, report):
        raise Http404(_("The report has not been adopted yet."))
    stored = bool(report.pdf) and report.pdf.storage.exists(report.pdf.name)
    if not (stored and report.pdf_is_current(published_sections(report))):
        services.report_request_pdf(report=report, force=not stored)  # embedded mode: builds it now
        report.refresh_from_db()
    if report.pdf_built and report.pdf:
        return FileResponse(
            report.pdf.open("rb"), content_type="application/pdf", filename=f"arsrapport-{year}.pdf"
        )
    response = render(request, "reports/pdf_status.html", {"report": report})
    response.status_code = 503
    response["Retry-After"] = "30"
    return response


@login_required
def report_adopt(request, year):
    """Adopt the report, after the confirmation page (GET), which asks for the decision."""
    report = _reviewable_report(request, year)

    def perform(version, form):
        fields = form.cleaned_data
        adopted = submit(
            form, lambda: services.report_adopt(report=report, user=request.user, version=version, **fields)
        )
        if adopted:
            messages.success(request, _("The report was adopted and is now public. Its PDF is being built."))
            return redirect(report)
        return None  # the refusal is on the form, shown on the confirmation page

    return confirm_move(
        request,
        report,
        "adopt",
        perform=perform,
        cancel=report.get_absolute_url(),
        form=lambda data: AdoptForm(data, initial={"adopted_on": timezone.localdate()}, report=report),
    )


@login_required
@require_POST
def report_rebuild_pdf(request, year):
    report = _reviewable_report(request, year)
    if services.report_rebuild_pdf(report=report, user=request.user):
        messages.success(request, _("The PDF will be built again."))
    else:
        messages.info(request, _("The PDF is being built. Try again in a minute."))
    return redirect(report)


# --- Sections ------------------------------------------------------------------------------------


@public_page
def section_detail(request, year, pk):
    return _section_page(request, _section(year, pk), ReviewForm())


def _section_page(request, section, review_form):
    may_read, writer, reviewer = _section_access(request, section)
    if not may_read:
        if not request.user.is_authenticated:
            raise Http404(_("The section has not been published."))
        raise PermissionDenied
    return render(
        request,
        "reports/section_detail.html",
        {
            "section": section,
            "report": section.report,
            "facts": facts_for(section),
            "writer": writer,
            "reviewer": reviewer,
            "review_form": review_form,
            "overdue": section.is_overdue(timezone.localdate()),
        },
    )


@login_required
def section_edit(request, year, pk):
    section = _section(year, pk)
    try:
        ReportSection.lifecycle.check_edit(section, request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect(section)
    form = SectionForm(request.POST or None, instance=section)
    submitting = "submit" in request.POST
    if request.method == "POST" and submit(
        form,
        lambda: services.section_save(
            section=form.instance, user=request.user, version=form.seen_version, submit=submitting
        ),
    ):
        if submitting:
            messages.success(request, _("The section was submitted to the review."))
            return redirect(section)
        messages.success(request, _("The draft was saved."))
        return redirect("reports:section_edit", year=year, pk=pk)
    return render(
        request,
        "reports/section_edit.html",
        {"section": section, "report": section.report, "form": form, "facts": facts_for(section)},
    )


@login_required
def section_preview_pdf(request, year, pk):
    section = _section(year, pk)
    _may_read, writer, reviewer = _section_access(request, section)
    if not (writer or reviewer):
        raise PermissionDenied
    from .pdf import render_report_pdf

    data, _pages = render_report_pdf(section.report, [section], preview=True)
    return _pdf_response(data, f"forhandsgranskning-{year}-{pk}.pdf")


@login_required
@require_POST
def section_review(request, year, pk):
    section = _reviewable_section(request, year, pk)
    form = ReviewForm(request.POST)

    def review():
        if form.cleaned_data["decision"] == ReviewForm.ACCEPT:
            services.section_accept(section=section, user=request.user)
            return _("The section was accepted.")
        services.section_return(section=section, user=request.user, comment=form.cleaned_data["comment"])
        return _("The section was returned to its writers.")

    done = submit(form, review)
    if done:
        messages.success(request, done)
        return redirect(section)
    return _section_page(request, section, form)


@login_required
@require_POST
def section_withdraw(request, year, pk):
    """“Ångra” after a submission: the section is a draft again (``ReportSection.lifecycle``'s undo)."""
    section = _section(year, pk)
    version = request.POST.get("version", "")
    try:
        services.section_withdraw(
            section=section, user=request.user, version=int(version) if version.isdigit() else None
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The submission was withdrawn: the section is a draft again."))
    return redirect(section)


@login_required
@require_POST
def section_not_applicable(request, year, pk):
    """Mark “no section this year” (``mark=1``) or request the section again (``mark=0``)."""
    section = _reviewable_section(request, year, pk)
    if request.POST.get("mark", "1") == "1":
        move, done = services.section_mark_not_applicable, _("Marked: no section this year.")
    else:
        move, done = services.section_request_again, _("The section is requested again.")
    try:
        move(section=section, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(section.report)
