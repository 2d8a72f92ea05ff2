"""The public årshjul: a wheel that a browser can draw, and the same events as a list."""

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
    listed = page[page.index('class="wheel-events"') :].count("<li")
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
