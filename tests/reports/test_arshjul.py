"""The public årshjul: a wheel that a browser can draw, and the same events as a list."""

import re

from django.urls import reverse


def test_the_wheel_places_every_event_with_coordinates_a_browser_can_read(cycle, client):
    page = client.get(reverse("reports:arshjul") + "?ar=2026").content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    coordinates = re.findall(r'\b(?:x|y|cx|cy)="([^"]*)"', svg)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates), coordinates
    assert len(re.findall(r'class="wheel-month(?: even)?"', svg)) == 12
    markers = re.findall(r'class="wheel-marker-label"[^>]*>(\d+)<', svg)
    listed = page[page.index('class="wheel-events"') :].count("<li")
    assert sorted(map(int, markers)) == list(range(1, listed + 1))
    assert ">jan<" in svg and ">dec<" in svg


def test_the_arshjul_calendar_repeats_every_event_yearly(cycle, client):
    from reports.models import CycleEvent

    body = client.get(reverse("reports:arshjul_ics")).content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    events = CycleEvent.objects.filter(is_active=True).count()
    assert body.count("BEGIN:VEVENT") == body.count("RRULE:FREQ=YEARLY") == events > 0
    assert "SUMMARY:Avsnitt till årsrapporten begärs in" in body


def test_the_arshjul_of_a_year_beyond_the_data_is_not_indexed(cycle, client):
    from django.utils import timezone

    from reports.models import AnnualReport

    AnnualReport.objects.create(year=2025, adopting_body=cycle.structure.lgs, due_date="2026-01-31")
    noindex = '<meta name="robots" content="noindex">'
    this_year = client.get(reverse("reports:arshjul")).content.decode()
    with_report = client.get(reverse("reports:arshjul") + "?ar=2025").content.decode()
    far_away = client.get(reverse("reports:arshjul") + "?ar=2100")
    assert timezone.localdate().year != 2100
    assert noindex not in this_year and noindex not in with_report
    assert far_away.status_code == 200 and noindex in far_away.content.decode()


def test_a_report_year_without_a_report_is_a_swedish_404(cycle, client):
    response = client.get(reverse("reports:report_detail", args=[2100]))
    assert response.status_code == 404
    assert "Det finns ingen årsrapport för 2100." in response.content.decode()
