"""The periodic tasks are in the database, where the admin shows them."""

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


def test_beat_reads_the_database_schedule(settings):
    from samverkan.celery import app

    assert app.conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"
