"""Celery tasks of the kernel: outbox delivery and the sweeper (see samverkan.outbox)."""

import logging

from celery import shared_task

from . import outbox

log = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, ignore_result=True, max_retries=None)
def deliver(self, message_id):
    """Deliver one outbox row; a failure comes back after the row's backoff.

    Late acknowledgement and rejection on a lost worker make the broker hand the message out again
    if the worker dies; the row's claim makes a second delivery a no-op. The attempts are counted
    on the row (``OUTBOX_MAX_ATTEMPTS``), hence no Celery limit here.
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
