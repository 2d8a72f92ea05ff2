"""The periodic tasks are in the database, where the admin shows them."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from samverkan.schedules import sync_beat_schedule


def test_every_periodic_task_is_listed_in_the_admin_with_its_crontab(admin_client, settings):
    sync_beat_schedule()
    sync_beat_schedule()  # twice: still one row per task
    tasks = {task.name: task for task in PeriodicTask.objects.select_related("crontab")}
    assert set(settings.CELERY_BEAT_SCHEDULE) <= set(tasks)
    cycle = tasks["daily-annual-cycle"]
    assert cycle.task == "reports.tasks.run_annual_cycle"
    assert (cycle.crontab.minute, cycle.crontab.hour) == ("0", "6")
    assert str(cycle.crontab.timezone) == "Europe/Stockholm"
    page = admin_client.get(reverse("admin:django_celery_beat_periodictask_changelist")).content.decode()
    assert "daily-annual-cycle" in page and "daily-sync-permissions" in page


@pytest.mark.django_db(transaction=True)
def test_beat_schedules_from_the_database_so_a_task_paused_in_the_admin_stops(monkeypatch):
    """Beat's own scheduler (as `celery beat` builds it) reads the rows the admin edits.

    Committed for real: the scheduler closes stale connections as beat does between ticks. Beat
    loads only the crontab tasks due within two hours, so the clock reads five to six."""
    from celery.apps.beat import Beat
    from celery.beat import Service

    from samverkan.celery import app

    def scheduled():
        scheduler_cls = Beat(app=app, quiet=True).scheduler_cls
        return Service(app, scheduler_cls=scheduler_cls).get_scheduler(lazy=True).schedule

    sync_beat_schedule()
    before_six = datetime(2026, 3, 2, 5, 55, tzinfo=ZoneInfo("Europe/Stockholm"))
    monkeypatch.setattr("django_celery_beat.schedulers.aware_now", lambda: before_six)
    assert "daily-annual-cycle" in scheduled()
    PeriodicTask.objects.filter(name="daily-annual-cycle").update(enabled=False)
    assert "daily-annual-cycle" not in scheduled()
