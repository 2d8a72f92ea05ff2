"""Celery tasks of meetings: thin wrappers around the workflows in services.py."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, ignore_result=True)
def remind_assignments():
    """Daily: notices of assignments due within 7 days or overdue (once per assignment and kind)."""
    given = services.assignment_reminders()
    logger.info("Assignment reminders: %s notices given", given)
    return given
