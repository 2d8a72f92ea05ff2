"""Years in URLs, query strings and date fields.

A year outside what a date can hold (``date__year=99999``, ``-1``) makes Python and PostgreSQL
fail with a 500, and so does a date at the edge of the calendar once the portal computes with it
(a chair's term from 9999-12-01, a meeting at 0001-01-01 00:30 in UTC). So every year from a
visitor passes through here: four digits in a sane range, else 404 (the ``<year:…>`` path
converter), "no such year" (``parse_year``) or a form error (``DatesInRange``).
"""

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

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


class DatesInRange:
    """Form mixin: every date field takes dates from FIRST_YEAR to LAST_YEAR only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.validators += [
                    MinValueValidator(datetime.date(FIRST_YEAR, 1, 1)),
                    MaxValueValidator(datetime.date(LAST_YEAR, 12, 31)),
                ]
