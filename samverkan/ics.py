"""iCalendar (RFC 5545) text: escaping, line folding and the calendar envelope."""

import re

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


def calendar(*, name, product, events, method="PUBLISH"):
    """A VCALENDAR around ``events`` (lists of content lines), with the CRLF line ends required."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Samverkansportalen//{product}//SV",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
