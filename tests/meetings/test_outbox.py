"""Sending the agenda through the outbox, over HTTP on PostgreSQL: with the broker down the page
answers, the meeting is "agenda sent" and the mails wait in the outbox until the broker is back;
20 concurrent "send agenda" posts send one mail per member."""

import datetime
import threading
import time

import pytest
import redis
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from governance.models import Membership
from meetings.models import Meeting
from samverkan import outbox
from samverkan.models import OutboxMessage
from tests.conftest import require
from tests.platform.test_celery_worker import broker_at, celery_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]
DEAD_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1
THREADS = 20


@pytest.fixture(autouse=True)
def postgresql():
    require(connection.vendor == "postgresql", "needs PostgreSQL")


def _members(meeting, sender):
    """Who gets the agenda: every member with an address, but not the one who sends it."""
    seats = Membership.objects.current(meeting.date).filter(body=meeting.body).exclude(person__email="")
    return sorted(set(seats.exclude(person__user=sender).values_list("person__email", flat=True)))


def _recipients():
    """The addresses of the agenda mails (the members are also asked for their stances)."""
    return sorted(
        address for message in mail.outbox if message.subject.startswith("Kallelse") for address in message.to
    )


def _wait_until_done(timeout=60):
    deadline = time.monotonic() + timeout
    open_rows = OutboxMessage.objects.exclude(status=OutboxMessage.Status.DONE)
    while open_rows.exists():
        assert time.monotonic() < deadline, list(open_rows.values_list("key", "status", "last_error"))
        time.sleep(0.2)


def test_send_agenda_with_the_broker_down_answers_and_the_sweeper_delivers_later(meetings):
    meeting, members = meetings.planned, _members(meetings.planned, meetings.leader)
    client = Client()
    client.force_login(meetings.leader)
    mail.outbox = []
    queue = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2)
    queue.delete("celery")
    with broker_at(DEAD_BROKER):
        started = time.monotonic()
        response = client.post(reverse("meetings:send_agenda", args=[meeting.pk]), follow=True)
        elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert "Kallelsen skickas till ledamöterna inom kort." in response.content.decode()
    assert elapsed < 5, f"the request waited {elapsed:.1f} s for the broker"
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.AGENDA_SENT
    rows = OutboxMessage.objects.filter(key__startswith=f"notice:agenda:{meeting.pk}:")
    assert rows.filter(status=OutboxMessage.Status.PENDING).count() == len(members) > 1
    assert mail.outbox == [] and queue.llen("celery") == 0  # nothing reached the real broker

    # The broker is back; the sweeper (run here at a time past the rows' deadline) re-queues them.
    with celery_worker():
        overdue = timezone.now() + datetime.timedelta(seconds=settings.OUTBOX_DEADLINE + 1)
        waiting = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count()
        assert outbox.sweep(overdue) == waiting > len(members)  # the agenda and the stance requests
        _wait_until_done()
        assert outbox.sweep(overdue + datetime.timedelta(days=1)) == 0
    assert _recipients() == members  # exactly one mail per member
    assert set(rows.values_list("attempts", flat=True)) == {1}
    print(f"broker down: answered in {elapsed:.2f} s; {len(members)} mails after the sweep")


def test_twenty_concurrent_send_agenda_posts_send_one_mail_per_member(meetings):
    meeting, members = meetings.planned, _members(meetings.planned, meetings.leader)
    url = reverse("meetings:send_agenda", args=[meeting.pk])
    barrier = threading.Barrier(THREADS)
    answers, lock = [], threading.Lock()
    mail.outbox = []

    def post():
        try:
            client = Client()
            client.force_login(meetings.leader)
            barrier.wait(timeout=30)
            status = client.post(url).status_code
            with lock:
                answers.append(status)
        finally:
            connection.close()

    with celery_worker():
        threads = [threading.Thread(target=post) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        _wait_until_done()
    assert answers == [302] * THREADS  # the others are told the agenda was already sent
    assert Meeting.history.filter(id=meeting.pk, status=Meeting.Status.AGENDA_SENT).count() == 1
    assert OutboxMessage.objects.filter(key__startswith=f"notice:agenda:{meeting.pk}:").count() == len(
        members
    )
    assert _recipients() == members  # one mail per member, from a real worker
    print(f"{THREADS} concurrent posts: {len(mail.outbox)} mails to {len(members)} members")
