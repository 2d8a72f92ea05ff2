import logging

from celery import shared_task

from . import permissions

logger = logging.getLogger(__name__)


@shared_task
def sync_all_permissions():
    """Daily: seats that start or end with the calendar change people's permissions."""
    changed = permissions.sync_all_permissions()
    logger.info("Synchronised body permissions: %d changed", changed)
    return changed
