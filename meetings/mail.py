"""The mails of meetings, written to the outbox (samverkan.outbox) by the services."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from governance.models import Membership

from .calendar import calendar


def agenda_mails(meeting, sender):
    """The agenda for every current member of the body with an e-mail address, with the meeting as
    an .ics invitation: {unique key: mail}, one per address.

    The key names this sending of the agenda (the meeting's version after the move) and the address,
    so the outbox sends each member one mail however often the effect is enqueued.
    """
    seats = (
        Membership.objects.current(meeting.date)
        .filter(body=meeting.body, person__isnull=False)
        .exclude(person__email="")
        .select_related("person")
    )
    recipients = sorted({seat.person.email for seat in seats})
    items = list(meeting.items.order_by("position", "pk"))
    url = settings.SITE_URL.rstrip("/") + meeting.get_absolute_url()
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("meetings/email/agenda_subject.txt", {"meeting": meeting}).strip()
        text = render_to_string(
            "meetings/email/agenda.txt", {"meeting": meeting, "items": items, "url": url, "sender": sender}
        )
    ics = calendar([meeting], str(meeting.body), method_request=True)
    attachment = ("mote.ics", ics, "text/calendar; method=REQUEST; charset=utf-8")
    return {
        f"agenda:{meeting.pk}:{meeting.version}:{address}": {
            "to": [address],
            "subject": subject,
            "body": text,
            "attachments": [attachment],
        }
        for address in recipients
    }
