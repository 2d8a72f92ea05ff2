"""Years in URLs and query strings.

A year outside what a date can hold (``date__year=99999``, ``-1``) makes Python and PostgreSQL
fail with a 500, so every year from a visitor passes through here: four digits in a sane range,
else 404 (the ``<year:…>`` path converter) or "no such year" (``parse_year``).
"""

FIRST_YEAR, LAST_YEAR = 1900, 2200


def parse_year(value):
    """``value`` (text from a query string) as a year in range, or None."""
    value = str(value or "")
    if len(value) == 4 and value.isascii() and value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR:
        return int(value)
    return None


class YearConverter:
    """``<year:year>``: a year between FIRST_YEAR and LAST_YEAR; anything else does not match (404)."""

    regex = "[0-9]{4}"

    def to_python(self, value):
        year = parse_year(value)
        if year is None:
            raise ValueError(f"{value} is not a year between {FIRST_YEAR} and {LAST_YEAR}")
        return year

    def to_url(self, value):
        return str(value)
