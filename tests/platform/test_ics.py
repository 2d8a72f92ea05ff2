"""iCalendar text as RFC 5545 wants it: escaped values and lines of at most 75 octets."""

from samverkan import ics


def test_values_are_escaped():
    assert ics.escape("Möte; rum 2, plan 3\nTa med dator\\laddare") == (
        "Möte\\; rum 2\\, plan 3\\nTa med dator\\\\laddare"
    )


def test_long_lines_fold_at_75_octets_without_splitting_characters():
    line = "SUMMARY:" + "åäö" * 40
    folded = ics.fold(line)
    physical = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in physical)
    assert all(part.startswith(" ") for part in physical[1:])
    assert "".join(part[1:] if i else part for i, part in enumerate(physical)) == line


def test_a_calendar_wraps_its_events():
    text = ics.calendar(name="Test", product="Prov", events=[["UID:1", "SUMMARY:Ett"]])
    assert text.split("\r\n")[:6] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Samverkansportalen//Prov//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Test",
    ]
    assert "BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Ett\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" in text


def test_every_line_break_is_escaped_so_no_value_starts_a_line_of_its_own():
    payload = "Möte\rBEGIN:VEVENT\r\nSUMMARY:Falskt\nX\x85Y\u2028Z\u2029"
    assert ics.escape(payload) == "Möte\\nBEGIN:VEVENT\\nSUMMARY:Falskt\\nX\\nY\\nZ\\n"


def test_control_characters_are_dropped_and_tabs_kept():
    assert ics.escape("a\x00b\x07c\x1bd\x7fe\tf") == "abcde\tf"


def test_an_escaped_value_in_a_calendar_keeps_to_its_own_folded_line():
    title = "Rubrik\r" + "X" * 100 + "\rEND:VCALENDAR"
    text = ics.calendar(name="Test", product="Prov", events=[["UID:1", "SUMMARY:" + ics.escape(title)]])
    physical = text.split("\r\n")
    assert "\r" not in "".join(physical) and "\n" not in "".join(physical)
    assert physical.count("END:VCALENDAR") == 1
    assert all(len(line.encode()) <= 75 for line in physical)
