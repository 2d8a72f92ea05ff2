"""Lists that grow with the years show one year or one page, named in the URL."""

import datetime

from django.urls import reverse
from django.utils import timezone

from meetings.models import Assignment


def test_a_groups_meetings_show_one_past_year_at_a_time(client, meetings):
    meetings.meeting(datetime.date(2021, 4, 6), title="Möte under 2021")
    url = reverse("meetings:body_meetings", args=[meetings.body.slug])
    page = client.get(url).content.decode()  # the address as before: the latest year
    assert meetings.published.get_absolute_url() in page
    assert "Möte under 2021" not in page
    assert 'href="?ar=2021"' in page and 'aria-current="page">2024<' in page
    earlier = client.get(url + "?ar=2021").content.decode()
    assert "Möte under 2021" in earlier
    assert meetings.published.get_absolute_url() not in earlier
    assert client.get(url + "?ar=99999").status_code == 200  # not a year: the latest


def test_assignments_are_shown_a_page_at_a_time(client, meetings):
    for i in range(26):
        Assignment.objects.create(
            body=meetings.body,
            decision=meetings.item.decision,
            what=f"Uppdrag nummer {i:02}",
            responsible_organisation=meetings.s.town,
        )
    url = reverse("meetings:assignments", args=[meetings.body.slug])
    first = client.get(url).content.decode()
    assert first.count("Uppdrag nummer") == 25
    assert 'href="?sida=2" rel="next"' in first and "Sida 1 av 2" in first
    second = client.get(url + "?sida=2").content.decode()
    assert second.count("Uppdrag nummer") == 1 and 'rel="prev"' in second
    assert client.get(url + "?sida=3").status_code == 404
    assert client.get(url + "?sida=x").status_code == 404


def test_the_calendars_hold_the_last_three_months_and_the_coming_year(client, meetings):
    today = timezone.localdate()
    held = [meetings.meeting(today - datetime.timedelta(days=days)) for days in (60, 200)]
    for meeting in held:
        meetings.publish(meeting)
    near = meetings.meeting(today + datetime.timedelta(days=300), title="Snart")
    far = meetings.meeting(today + datetime.timedelta(days=400), title="Långt fram")
    for url in (
        reverse("meetings:calendar_all"),
        reverse("meetings:calendar_body", args=[meetings.body.slug]),
    ):
        text = client.get(url).content.decode()
        assert f"meeting-{held[0].pk}@" in text and f"meeting-{near.pk}@" in text
        assert f"meeting-{held[1].pk}@" not in text and f"meeting-{far.pk}@" not in text
