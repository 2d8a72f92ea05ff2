"""Demo data of every app, loaded in the order of ``settings.DEMO_LOADERS``."""

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from .schedules import sync_beat_schedule


@transaction.atomic
def load_all(stdout=None):
    """Run every app's idempotent demo loader; returns the demo logins (dicts)."""
    logins = []
    for path in settings.DEMO_LOADERS:
        logins += import_string(path)(stdout=stdout) or []
    sync_beat_schedule()  # no beat runs in the embedded mode: show the schedule in the admin anyway
    return logins
