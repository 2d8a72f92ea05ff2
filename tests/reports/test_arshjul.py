"""The public årshjul: a wheel that a browser can draw, and the same events as a list."""

import datetime
import re

import icalendar
from django.urls import reverse


def test_the_wheel_places_every_event_with_coordinates_a_browser_can_read(cycle, client):
    page = client.get(reverse("reports:arshjul") + "?ar=2026").content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    coordinates = re.findall(r'\b(?:x|y|cx|cy)="([^"]*)"', svg)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates), coordinates
    assert len(re.findall(r'class="wheel-month(?: even)?"', svg)) == 12
    markers = re.findall(r'class="wheel-marker-label"[^>]*>(\d+)<', svg)
    events = page[page.index('class="wheel-events"') :]
    listed = events[: events.index("</section>")].count("<li")
    assert sorted(map(int, markers)) == list(range(1, listed + 1))
    assert ">jan<" in svg and ">dec<" in svg


def test_the_arshjul_calendar_repeats_every_event_yearly(cycle, client):
    from reports.models import CycleEvent

    body = client.get(reverse("reports:arshjul_ics")).content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    events = CycleEvent.objects.filter(is_active=True).count()
    vevents = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert len(vevents) == events > 0
    assert all(event["RRULE"]["FREQ"] == ["YEARLY"] for event in vevents)
    assert "SUMMARY:Avsnitt till årsrapporten begärs in" in body


def test_years_far_from_today_without_a_report_are_not_for_search_engines(cycle, client):
    from django.utils import timezone

    from reports.models import AnnualReport

    this_year = timezone.localdate().year
    AnnualReport.objects.create(
        year=this_year - 10, due_date=datetime.date(this_year - 9, 2, 1), adopting_body=cycle.structure.lgs
    )
    noindex = '<meta name="robots" content="noindex">'
    for year, indexed in (
        (this_year, True),
        (this_year - 1, True),
        (this_year + 1, True),
        (this_year - 10, True),  # its annual report
        (this_year - 9, True),  # last year's report
        (this_year - 5, False),
        (2100, False),
    ):
        page = client.get(reverse("reports:arshjul") + f"?ar={year}").content.decode()
        assert (noindex not in page) is indexed, year


def test_a_report_year_without_a_report_is_a_swedish_404(cycle, client):
    response = client.get(reverse("reports:report_detail", args=[2100]))
    assert response.status_code == 404
    assert "Det finns ingen årsrapport för 2100." in response.content.decode()
