"""iCalendar (RFC 5545) text for meetings: invitations and subscribable calendars."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from samverkan import ics


def _utc(day, time):
    local = datetime.datetime.combine(day, time, tzinfo=ZoneInfo(settings.TIME_ZONE))
    return local.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(meeting, *, public):
    """One VEVENT. ``public``: for the subscribable calendars, where a meeting not yet published
    shows only date, time, group and title (see ``MeetingQuerySet``) and links to a public page;
    members' invitations carry the place or meeting link and the meeting's own page."""
    body = meeting.body
    summary = f"{body.display_name}: {meeting.title or meeting.get_kind_display()}"
    internal = not public or meeting.is_published
    place = (meeting.place if internal else "") or meeting.get_mode_display()
    url = settings.SITE_URL.rstrip("/") + (meeting.public_url if public else meeting.get_absolute_url())
    return [
        ics.uid(f"meeting-{meeting.pk}"),
        f"DTSTAMP:{timezone.now().astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}",
        f"DTSTART:{_utc(meeting.date, meeting.start_time)}",
        f"DTEND:{_utc(meeting.date, meeting.end_time)}",
        f"SUMMARY:{ics.escape(summary)}",
        f"LOCATION:{ics.escape(place)}",
        f"URL:{url}",
        f"DESCRIPTION:{ics.escape(url)}",
        f"SEQUENCE:{meeting.version}",
    ]


def calendar(meetings, name, *, method_request=False):
    """A VCALENDAR with one VEVENT per meeting: a members' invitation (REQUEST) or a public
    subscription (PUBLISH; pass only ``Meeting.objects.public()``)."""
    return ics.calendar(
        name=name,
        product="Moten",
        events=[event_lines(meeting, public=not method_request) for meeting in meetings],
        method="REQUEST" if method_request else "PUBLISH",
    )
