"""Celery tasks of meetings: thin wrappers that fetch by id and call the mail builder."""

import logging

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from governance.models import Membership

from .calendar import calendar
from .models import Meeting

log = logging.getLogger(__name__)


@shared_task(acks_late=True)
def send_agenda(meeting_id, user_id=None):
    """E-mail the agenda to every current member of the body with an e-mail address, with the
    meeting as an .ics invitation. Returns the number of messages sent."""
    meeting = Meeting.objects.select_related("body").get(pk=meeting_id)
    sender = get_user_model().objects.filter(pk=user_id).first()
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
    connection = get_connection()
    messages = []
    for address in recipients:
        message = EmailMessage(subject, text, to=[address], connection=connection)
        message.attach("mote.ics", ics, "text/calendar; method=REQUEST; charset=utf-8")
        messages.append(message)
    sent = connection.send_messages(messages) or 0
    log.info("Agenda of meeting %s sent to %s members", meeting_id, sent)
    return sent
