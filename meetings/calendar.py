"""iCalendar (RFC 5545) text for meetings: invitations and subscribable calendars."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from governance.permissions import VIEW_INTERNAL, seat_bodies
from samverkan import ics

from .models import Meeting

# How far back a person's own calendar shows meetings (``personal_meetings``).
PERSONAL_PAST = datetime.timedelta(days=180)
# A subscribed public calendar holds the last three months and the coming year (``public_meetings``);
# older meetings are in the minutes archive. Calendar applications fetch the whole file again every
# few hours.
PUBLIC_PAST = datetime.timedelta(days=92)
PUBLIC_AHEAD = datetime.timedelta(days=365)


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


def public_meetings(meetings):
    """The meetings of the last three months and the coming year, as the public may see them: a
    subscribed calendar stays the same size however many years the portal keeps."""
    today = timezone.localdate()
    return (
        meetings.public()
        .filter(date__gte=today - PUBLIC_PAST, date__lte=today + PUBLIC_AHEAD)
        .defer("search_document", "search_vector")
    )


def personal_meetings(user, today):
    """The meetings of the bodies where ``user``'s seats let them read internal matters, as in
    the members' invitations (place, meeting link): for ``samverkan.personal_calendar``."""
    meetings = (
        Meeting.objects.filter(body__in=seat_bodies(user, VIEW_INTERNAL), date__gte=today - PERSONAL_PAST)
        .select_related("body")
        .defer("search_document", "search_vector")
        .order_by("date", "start_time")
    )
    return [event_lines(meeting, public=False) for meeting in meetings]
