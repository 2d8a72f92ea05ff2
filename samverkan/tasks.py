"""Celery tasks of the kernel: outbox delivery, the sweeper (see samverkan.outbox) and the purge
of spent keys and old login records."""

import datetime
import logging

from axes.models import AccessAttempt, AccessLog
from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import outbox
from .concurrency import purge_saved_forms

log = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    max_retries=None,
    soft_time_limit=settings.OUTBOX_SOFT_TIME_LIMIT,
    time_limit=settings.OUTBOX_TIME_LIMIT,
)
def deliver(self, message_id):
    """Deliver one outbox row; a failure comes back after the row's backoff.

    Late acknowledgement and rejection on a lost worker make the broker hand the message out again
    if the worker dies; the row's claim makes a second delivery a no-op. The attempts are counted
    on the row (``OUTBOX_MAX_ATTEMPTS``), hence no Celery retry limit here. The time limits
    (``OUTBOX_SOFT_TIME_LIMIT``, ``OUTBOX_TIME_LIMIT``) end a delivery before its deadline, so the
    sweeper never re-queues a row that is still running.
    """
    delay = outbox.deliver(message_id)
    if delay is not None and not self.request.is_eager:
        raise self.retry(countdown=delay)  # in eager mode the sweeper retries


@shared_task(acks_late=True, ignore_result=True)
def sweep_outbox():
    """Every minute: re-queue outbox rows not done by their deadline."""
    count = outbox.sweep()
    if count:
        log.info("Outbox sweeper re-queued %s messages", count)
    return count


@shared_task(acks_late=True, ignore_result=True)
def purge_spent_keys():
    """Daily: forget delivered outbox rows and saved-form keys older than KEPT_KEYS_DAYS, and the
    login records (django-axes: logins, failed attempts, with IP address and browser) older than
    LOGIN_RECORDS_DAYS, as the personal data page promises."""
    before = timezone.now() - datetime.timedelta(days=settings.KEPT_KEYS_DAYS)
    logins_before = timezone.now() - datetime.timedelta(days=settings.LOGIN_RECORDS_DAYS)
    counts = {
        "outbox": outbox.purge_delivered(before),
        "saved forms": purge_saved_forms(before),
        "login log": AccessLog.objects.filter(attempt_time__lt=logins_before).delete()[0],
        "failed logins": AccessAttempt.objects.filter(attempt_time__lt=logins_before).delete()[0],
    }
    log.info("Purged spent keys: %s", counts)
    return counts
