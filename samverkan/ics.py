"""iCalendar (RFC 5545) text: escaping, line folding and the calendar envelope."""

import hashlib
import re

from django.http import HttpResponse
from django.utils.http import quote_etag

# Every form of line break (CRLF, a bare CR or LF, and the Unicode ones some parsers split on)
# becomes the two characters "\n"; other control characters, which TEXT may not contain
# (RFC 5545 section 3.3.11), are dropped. So no value can start a content line of its own.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def escape(text):
    """A TEXT value: backslash, semicolon, comma and line breaks escaped, control characters dropped."""
    text = str(text or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return CONTROL.sub("", LINE_BREAK.sub(r"\\n", text))


def fold(line):
    """Lines of at most 75 octets, continued with a leading space."""
    if len(line.encode()) <= 75:
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


# UIDs name a fixed domain, not the host a request came in by, so a calendar subscribed to under
# one address and refreshed under another (or in an invitation) keeps its events (RFC 5545 3.8.4.7).
UID_DOMAIN = "samverkansportalen"

# The portal's time zone (Europe/Stockholm, as the EU rules have had it since 1996). Every calendar
# carries it: it is the portal's time zone for clients that show X-WR-TIMEZONE, and it keeps a
# calendar with no events valid, since RFC 5545 3.6 requires at least one component (a calendar
# client subscribed to a group with nothing coming must get an empty calendar, not an error).
STOCKHOLM = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Stockholm",
    "BEGIN:DAYLIGHT",
    "TZNAME:CEST",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "DTSTART:19960331T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZNAME:CET",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def uid(local):
    """A UID that stays the same whatever address the calendar was fetched from."""
    return f"UID:{local}@{UID_DOMAIN}"


def calendar(*, name, product, events, method="PUBLISH"):
    """A VCALENDAR around ``events`` (lists of content lines), with the CRLF line ends required."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Samverkansportalen//{product}//SV",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        f"X-WR-CALNAME:{escape(name)}",
        "X-WR-TIMEZONE:Europe/Stockholm",
        *STOCKHOLM,
    ]
    for event in events:
        lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"


def response(text, filename):
    """A calendar as an HTTP response. Its ETag is a hash of everything but the DTSTAMP lines (which
    say when this copy was made), so a client that already has the same events gets 304 from
    ``samverkan.pagecache.public_page`` when it asks with If-None-Match."""
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    events = "\r\n".join(line for line in text.split("\r\n") if not line.startswith("DTSTAMP:"))
    response["ETag"] = quote_etag(hashlib.sha256(events.encode()).hexdigest()[:32])
    return response
