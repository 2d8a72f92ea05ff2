"""The meetings section of a body's page (plugged in through settings.BODY_PAGE_SECTIONS)."""

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.template.loader import render_to_string
from django.utils import timezone

from governance.permissions import MANAGE_MEETINGS, VIEW_INTERNAL
from samverkan.years import parse_year

from .models import Attendance, Meeting

COMING, PAST = 5, 8


def attendance_by_organisation(body, year):
    """[{organisation, present, expected, percent}] over the body's meetings in ``year``
    (guests not counted), best attendance first. One query."""
    rows = (
        Attendance.objects.filter(meeting__body=body, meeting__date__year=year, is_guest=False)
        .values("organisation__name")
        .annotate(present=Count("id", filter=Q(status=Attendance.Status.PRESENT)), expected=Count("id"))
        .order_by("organisation__name")
    )
    result = [
        {
            "organisation": row["organisation__name"],
            "present": row["present"],
            "expected": row["expected"],
            "percent": round(100 * row["present"] / row["expected"]) if row["expected"] else 0,
        }
        for row in rows
    ]
    return sorted(result, key=lambda row: (-row["percent"], row["organisation"]))


def meetings_section(request, body, permissions):
    """Coming and past meetings and attendance per organisation over the latest year."""
    today = timezone.localdate()
    meetings = Meeting.objects.filter(body=body).defer("search_document", "search_vector")
    coming = list(meetings.filter(date__gte=today).order_by("date", "start_time")[:COMING])
    past = list(meetings.filter(date__lt=today).order_by("-date", "-start_time")[:PAST])
    years = (
        Attendance.objects.filter(meeting__body=body, meeting__date__lte=today)
        .annotate(year=ExtractYear("meeting__date"))
        .order_by("-year")
        .values_list("year", flat=True)[:1]
    )
    year = parse_year(request.GET.get("narvaroar")) or next(iter(years), today.year)
    return render_to_string(
        "meetings/_section.html",
        {
            "body": body,
            "coming": coming,
            "past": past,
            "internal": VIEW_INTERNAL in permissions,
            "can_manage": MANAGE_MEETINGS in permissions,
            "attendance_year": year,
            "attendance": attendance_by_organisation(body, year),
        },
        request=request,
    )
