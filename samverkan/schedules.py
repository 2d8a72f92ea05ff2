"""The periodic tasks of settings.CELERY_BEAT_SCHEDULE, as rows the admin shows."""

from django.conf import settings


def sync_beat_schedule():
    """Write every periodic task into django-celery-beat's tables (beat does the same at start-up)."""
    from django_celery_beat.schedulers import DatabaseScheduler

    from samverkan.celery import app

    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        DatabaseScheduler.Entry.from_entry(name, app=app, **entry)
