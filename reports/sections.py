"""The annual report's part of a body's page (plugged in through BODY_PAGE_SECTIONS)."""

from django.template.loader import render_to_string
from django.utils import timezone

from governance.permissions import VIEW_INTERNAL, WRITE_REPORT_SECTION

from .models import ReportSection


def annual_reports(request, body, permissions):
    """The body's published sections, and for its writers the sections still open."""
    sections = list(
        ReportSection.objects.filter(body=body)
        .printed()
        .select_related("report")
        .order_by("-report__year", "order")
    )
    today = timezone.localdate()
    internal = VIEW_INTERNAL in permissions or WRITE_REPORT_SECTION in permissions
    published = [s for s in sections if s.report.is_adopted]
    open_sections = [s for s in sections if not s.report.is_adopted] if internal else []
    for section in open_sections:
        section.overdue = section.is_overdue(today)
    return render_to_string(
        "reports/_body_section.html",
        {
            "body": body,
            "published": published,
            "open_sections": open_sections,
            "can_write": WRITE_REPORT_SECTION in permissions,
        },
        request=request,
    )
