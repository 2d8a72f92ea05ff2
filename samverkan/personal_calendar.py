"""A person's own calendar: an iCalendar feed at a secret address, fetched without a session.

It holds the meetings of the bodies where their seats let them read internal matters (with the
place and meeting link, as in the members' invitations) and the deadlines of their to-do list
(``samverkan.todo``: the kinds with ``in_calendar``, e.g. stances, sections, assignments) as
all-day events. The meetings come from ``settings.PERSONAL_CALENDAR_EVENTS`` (callables
``(user, today) -> [event lines]``), so the kernel imports no app.

The address is ``/kalender/<user id>-<HMAC of the user's secret>.ics``: the database holds only
the random secret (``CalendarKey``), the HMAC needs the site's ``SECRET_KEY`` as well, and the
address is compared in constant time. Renewing draws a new secret, which ends the old address.
"""

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from . import ics, todo
from .models import CalendarKey

SALT = "samverkan.personal_calendar"


def _token(user_id, secret):
    return f"{user_id}-{salted_hmac(SALT, f'{user_id}:{secret}', algorithm='sha256').hexdigest()}"


def address(user):
    """The user's calendar address on ``SITE_URL``, or None before they have asked for one."""
    key = CalendarKey.objects.filter(user=user).first()
    if key is None:
        return None
    path = reverse("personal_calendar", args=[_token(user.pk, key.secret)])
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def calendar_key_renew(*, user):
    """Give ``user`` a new calendar address; the old one stops working at once."""
    secret = secrets.token_urlsafe(32)
    CalendarKey.objects.update_or_create(user=user, defaults={"secret": secret})
    return secret


def user_for(token):
    """The active user whose current address ``token`` is, or None (compared in constant time)."""
    user_id, _sep, _mac = token.partition("-")
    if not user_id.isdigit() or len(user_id) > 18:
        return None
    key = (
        CalendarKey.objects.select_related("user").filter(user_id=int(user_id), user__is_active=True).first()
    )
    if key is None or not constant_time_compare(token, _token(key.user_id, key.secret)):
        return None
    return key.user


def _all_day(row, kind, stamp):
    url = settings.SITE_URL.rstrip("/") + row.url
    details = "\n".join(part for part in (row.context, row.note, url) if part)
    return [
        ics.uid(f"todo-{row.uid}"),
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{row.due:%Y%m%d}",
        f"DTEND;VALUE=DATE:{row.due + datetime.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{ics.escape(f'{row.action}: {row.title}')}",
        f"DESCRIPTION:{ics.escape(details)}",
        f"URL:{url}",
        f"CATEGORIES:{ics.escape(kind.heading)}",
    ]


def calendar_text(user, today=None):
    """The user's calendar: their meetings, then the deadlines of their to-do list."""
    today = today or timezone.localdate()
    stamp = f"{timezone.now().astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}"
    events = []
    for path in settings.PERSONAL_CALENDAR_EVENTS:
        events += import_string(path)(user, today)
    for kind in todo.kinds():
        if kind.in_calendar:
            events += [_all_day(row, kind, stamp) for row in kind.rows(user, today) if row.due]
    name = _("Samverkansportalen: %(name)s") % {"name": user.get_full_name() or user.get_username()}
    return ics.calendar(name=name, product="Min kalender", events=events)
