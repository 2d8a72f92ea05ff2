"""iCalendar (RFC 5545) text for meetings: invitations and subscribable calendars."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

PRODID = "-//Samverkansportalen//Moten//SV"


def _escape(text):
    return (
        str(text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line):
    """Lines of at most 75 octets, continued with a leading space."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(day, time):
    local = datetime.datetime.combine(day, time, tzinfo=ZoneInfo(settings.TIME_ZONE))
    return local.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(meeting, *, method_request=False):
    body = meeting.body
    summary = f"{body.display_name}: {meeting.title or meeting.get_kind_display()}"
    place = meeting.place or meeting.get_mode_display()
    url = settings.SITE_URL.rstrip("/") + meeting.get_absolute_url()
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@samverkansportalen",
        f"DTSTAMP:{timezone.now().astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}",
        f"DTSTART:{_utc(meeting.date, meeting.start_time)}",
        f"DTEND:{_utc(meeting.date, meeting.end_time)}",
        f"SUMMARY:{_escape(summary)}",
        f"LOCATION:{_escape(place)}",
        f"URL:{url}",
        f"DESCRIPTION:{_escape(url)}",
        f"SEQUENCE:{meeting.version}",
        "END:VEVENT",
    ]
    return lines


def calendar(meetings, name, *, method_request=False):
    """A VCALENDAR with one VEVENT per meeting, CRLF line ends as the RFC requires."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:REQUEST" if method_request else "METHOD:PUBLISH")
    lines.append(f"X-WR-CALNAME:{_escape(name)}")
    for meeting in meetings:
        lines += event_lines(meeting, method_request=method_request)
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
