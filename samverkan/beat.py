"""Celery beat's scheduler: the database schedule (django-celery-beat) plus a heartbeat file.

Celery beat answers no remote command (``celery inspect ping`` reaches workers only), so its health
check (docker-compose.yml) reads the age of a file that beat touches on every tick of its loop. A
beat that hangs or lost its database stops ticking, and the file grows old.
"""

from django.conf import settings
from django_celery_beat.schedulers import DatabaseScheduler


class HeartbeatScheduler(DatabaseScheduler):
    def tick(self, *args, **kwargs):
        delay = super().tick(*args, **kwargs)
        settings.BEAT_HEARTBEAT_FILE.touch()
        return delay
