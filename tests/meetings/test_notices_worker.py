"""Notices and subscriber mails through a real Celery worker on PostgreSQL: publishing clicked 20
times at once mails each member and each public subscriber exactly once, and the delivery task
run again for every row (a retried or redelivered task) sends nothing twice."""

import time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from governance.models import Subscription
from meetings import services
from meetings.models import Meeting
from samverkan.models import OutboxMessage
from samverkan.tasks import deliver
from tests.concurrency import CLICKS, RACES, double_click
from tests.platform.test_celery_worker import celery_worker

pytestmark = [*RACES, pytest.mark.services]


def _wait_until_done(timeout=90):
    deadline = time.monotonic() + timeout
    open_rows = OutboxMessage.objects.exclude(status=OutboxMessage.Status.DONE)
    while open_rows.exists():
        assert time.monotonic() < deadline, list(open_rows.values_list("key", "status", "last_error"))
        time.sleep(0.2)


def test_publish_clicked_twenty_times_mails_each_subscriber_once_and_a_retried_task_sends_nothing(meetings):
    meeting = meetings.draft
    services.minutes_approve(meeting=meeting, user=meetings.chair)
    for address in ("en@example.se", "tva@example.se"):
        Subscription.objects.create(
            email=address, topic=Subscription.Topic.MINUTES, body=meetings.body, consented_at=timezone.now()
        )
    mail.outbox = []
    with celery_worker():
        answers = double_click(reverse("meetings:publish", args=[meeting.pk]), user=meetings.communicator)
        answers.check()
        _wait_until_done()
        sent = len(mail.outbox)
        rows = list(
            OutboxMessage.objects.filter(created_at__gte=meeting.approved_at).values_list("pk", flat=True)
        )
        for pk in rows:  # every delivery task again, as a redelivered message would be
            deliver.delay(pk)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(mail.outbox) == sent:
            time.sleep(0.5)  # give a wrong second delivery the time to show
    assert Meeting.history.filter(id=meeting.pk, status=Meeting.Status.PUBLISHED).count() == 1
    assert len(mail.outbox) == sent
    subscribers = sorted(m.to[0] for m in mail.outbox if m.to[0] in {"en@example.se", "tva@example.se"})
    assert subscribers == ["en@example.se", "tva@example.se"]
    published = [m.to[0] for m in mail.outbox if m.subject.startswith("Minnesanteckningar publicerade")]
    assert len(published) == len(set(published)) and "member@example.se" in published
    assert "communicator@example.se" not in published  # who published is not told
    print(f"{CLICKS} concurrent publishes: {len(mail.outbox)} mails, each once; {len(rows)} tasks run twice")
