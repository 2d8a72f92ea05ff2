"""The public calendars follow the one visibility rule: published minutes, and of a coming meeting
only its date, time, group and title; every address in them opens for an anonymous visitor."""

import datetime

from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Meeting


def _unfold(text):
    return text.replace("\r\n ", "")


def _calendar_urls(text):
    return [line.removeprefix("URL:") for line in _unfold(text).split("\r\n") if line.startswith("URL:")]


def test_public_calendars_hide_internal_meetings_and_their_places(client, meetings, settings):
    settings.SITE_URL = "http://testserver"
    today = timezone.localdate()
    recent = meetings.meeting(today - datetime.timedelta(days=30), place="Stadshuset, sal 3")
    meetings.add_item(recent, AgendaItem.Kind.INFORMATION, "Lägesbild hemsjukvård")
    meetings.publish(recent)
    held_not_published = meetings.meeting(today - datetime.timedelta(days=10), title="Internt arbetsmöte")
    coming = meetings.meeting(
        today + datetime.timedelta(days=20),
        title="Workshop om SIP",
        mode=Meeting.Mode.DIGITAL,
        place="https://teams.example/hemlig-lank",
    )
    for url in (
        reverse("meetings:calendar_all"),
        reverse("meetings:calendar_body", args=[meetings.body.slug]),
    ):
        text = _unfold(client.get(url).content.decode())
        assert text.count("BEGIN:VEVENT") == 2, "the published minutes and the coming meeting"
        assert "Workshop om SIP" in text and "Digitalt" in text
        assert "hemlig-lank" not in text, "a coming meeting's link is internal"
        assert "Stadshuset" in text, "published minutes show where the meeting was"
        assert "Internt arbetsmöte" not in text
        assert f"/moten/{held_not_published.pk}/" not in text
        urls = _calendar_urls(text)
        assert len(urls) == 2
        for address in urls:
            response = client.get(address.removeprefix("http://testserver"))
            assert response.status_code == 200, address
    assert coming.public_url == reverse("meetings:body_meetings", args=[meetings.body.slug])


def test_members_invitations_keep_the_place(meetings):
    from meetings.calendar import calendar

    coming = meetings.meeting(
        timezone.localdate() + datetime.timedelta(days=5), place="https://teams.example/mote"
    )
    text = _unfold(calendar([coming], "Inbjudan", method_request=True))
    assert "https://teams.example/mote" in text
    assert coming.get_absolute_url() in text


def test_the_public_queryset_is_published_minutes_and_coming_meetings(meetings):
    today = timezone.localdate()
    coming = meetings.meeting(today + datetime.timedelta(days=3))
    public = set(Meeting.objects.public().values_list("pk", flat=True))
    assert public == {meetings.published.pk, coming.pk}
    assert set(Meeting.objects.published().values_list("pk", flat=True)) == {meetings.published.pk}


def test_a_bare_carriage_return_in_a_title_injects_no_lines(client, meetings):
    meetings.meeting(
        timezone.localdate() + datetime.timedelta(days=7),
        title="Möte\rBEGIN:VEVENT\rSUMMARY:Falskt\rEND:VEVENT",
    )
    raw = client.get(reverse("meetings:calendar_all")).content.decode()
    assert "\r" not in raw.replace("\r\n", "") and "\n" not in raw.replace("\r\n", "")
    lines = _unfold(raw).split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 1, "the coming meeting, and nothing injected"
    assert "SUMMARY:NOSAM Testby: Möte\\nBEGIN:VEVENT\\nSUMMARY:Falskt\\nEND:VEVENT" in lines
