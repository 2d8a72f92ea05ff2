import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from . import notices, permissions, subscriptions
from .models import Body

logger = logging.getLogger(__name__)


@shared_task
def sync_all_permissions():
    """Daily: seats that start or end with the calendar change people's permissions."""
    changed = permissions.sync_all_permissions()
    logger.info("Synchronised body permissions: %d changed", changed)
    return changed


@shared_task(acks_late=True, ignore_result=True)
def send_daily_digests():
    """Daily: each person's digest notices of the days before today, one mail per person and day
    (idempotent); and forget the keys of notices given more than KEPT_KEYS_DAYS ago."""
    sent = notices.send_digests()
    purged = notices.purge_given(timezone.now() - datetime.timedelta(days=settings.KEPT_KEYS_DAYS))
    logger.info("Notice digests: %s written, %s old notice keys purged", sent, purged)
    return sent


@shared_task(ignore_result=True)
def send_subscription_confirmation(email, topic, body_id):
    """The double opt-in mail of a public subscription. Not in the outbox on purpose: an
    unconfirmed subscription stores nothing, the address included (the visitor may ask again)."""
    body = Body.objects.filter(pk=body_id).first() if body_id is not None else None
    mail = subscriptions.confirmation_mail(email, topic, body)
    message = EmailMultiAlternatives(mail["subject"], mail["body"], to=mail["to"])
    message.attach_alternative(mail["html"], "text/html")
    message.send()
