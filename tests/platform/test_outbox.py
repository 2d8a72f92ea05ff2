"""The outbox (samverkan.outbox): a side effect owed once per unique key, delivered once, retried
with backoff after a failure, re-queued by the sweeper when overdue. In eager mode (these tests
on SQLite) delivery happens on commit, in-process."""

import datetime
import socket
import time
import uuid

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from samverkan import outbox
from samverkan.models import OutboxMessage
from tests.platform.test_celery_worker import broker_at

Status = OutboxMessage.Status
pytestmark = pytest.mark.django_db(transaction=True)
CALLS = []


def flaky(payload):
    """A handler that fails ``payload["failures"]`` times, then succeeds."""
    CALLS.append(payload)
    if len(CALLS) <= payload["failures"]:
        raise ConnectionError("SMTP server unreachable")


@pytest.fixture(autouse=True)
def flaky_kind(settings):
    settings.OUTBOX_HANDLERS = {**settings.OUTBOX_HANDLERS, "test.flaky": "tests.platform.test_outbox.flaky"}
    CALLS.clear()


def _mail(key, to="a@example.se"):
    return {key: {"to": [to], "subject": "Kallelse", "body": "Välkommen."}}


def test_a_second_enqueue_of_the_same_key_writes_nothing_and_sends_once():
    assert outbox.enqueue_mail(_mail("agenda:1:2:a@example.se")) == ["agenda:1:2:a@example.se"]
    assert outbox.enqueue_mail(_mail("agenda:1:2:a@example.se")) == []
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts, message.done_at is not None) == (Status.DONE, 1, True)
    assert [m.to for m in mail.outbox] == [["a@example.se"]]


def test_an_effect_rolls_back_with_its_state_change():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue_mail(_mail("agenda:1:2:a@example.se"))
        raise RuntimeError("the state change failed")
    assert (OutboxMessage.objects.count(), len(mail.outbox)) == (0, 0)


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        outbox.enqueue("nobody.handles.this", {"k": {}})


def test_a_failure_is_retried_after_its_backoff_then_delivered_once():
    outbox.enqueue("test.flaky", {"flaky:1": {"failures": 2}})  # attempt 1 fails on commit (eager)
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (Status.PENDING, 1)
    assert message.last_error == "ConnectionError: SMTP server unreachable"
    wait = (message.available_at - timezone.now()).total_seconds()
    assert 25 < wait <= 30  # OUTBOX_RETRY_BACKOFF
    assert outbox.deliver(message.pk) is None and len(CALLS) == 1  # not due yet: not even tried
    OutboxMessage.objects.filter(pk=message.pk).update(available_at=timezone.now())
    assert outbox.deliver(message.pk) == 60  # attempt 2 fails: the backoff doubles
    OutboxMessage.objects.filter(pk=message.pk).update(available_at=timezone.now())
    assert outbox.deliver(message.pk) is None  # attempt 3 succeeds
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error, len(CALLS)) == (Status.DONE, 3, "", 3)
    assert outbox.deliver(message.pk) is None and len(CALLS) == 3  # a duplicate message does nothing


def test_the_backoff_doubles_up_to_an_hour():
    assert [outbox.backoff(n) for n in (1, 2, 3, 4, 8, 20)] == [30, 60, 120, 240, 3600, 3600]


def test_after_the_last_attempt_the_row_fails_and_stays_failed(settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    outbox.enqueue("test.flaky", {"flaky:1": {"failures": 5}})
    OutboxMessage.objects.update(available_at=timezone.now())
    assert outbox.deliver(OutboxMessage.objects.get().pk) is None
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts, len(CALLS)) == (Status.FAILED, 2, 2)
    assert outbox.sweep(timezone.now() + datetime.timedelta(days=1)) == 0  # failed is not overdue


def test_the_sweeper_requeues_what_is_overdue_and_nothing_else(settings):
    later = timezone.now() + datetime.timedelta(seconds=settings.OUTBOX_DEADLINE + 1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(outbox, "publish", lambda ids: False)  # the broker is down at the commit
        outbox.enqueue_mail(_mail("lost:1", "a@example.se") | _mail("lost:2", "b@example.se"))
        outbox.enqueue_mail(_mail("killed:1", "c@example.se"))
    # A worker claimed the third row and was killed: delivering, its deadline not renewed.
    OutboxMessage.objects.filter(key="killed:1").update(status=Status.DELIVERING, attempts=1)
    assert mail.outbox == []
    assert outbox.sweep() == 0  # nothing is overdue yet
    assert outbox.sweep(later) == 3
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.se", "b@example.se", "c@example.se"]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {Status.DONE}
    assert outbox.sweep(later) == 0


def overtaken(payload):
    """The first delivery outlives its deadline: meanwhile the sweeper re-queues the row and a second
    delivery completes it; then the first one fails."""
    CALLS.append(payload)
    if len(CALLS) == 1:
        outbox.sweep(timezone.now() + datetime.timedelta(days=1))
        raise TimeoutError("too slow")


def test_a_delivery_that_outlived_its_deadline_cannot_undo_the_next_one(settings):
    settings.OUTBOX_HANDLERS["test.overtaken"] = "tests.platform.test_outbox.overtaken"
    outbox.enqueue("test.overtaken", {"slow:1": {}})
    message = OutboxMessage.objects.get()
    # The first delivery's "retry" move is conditional on its own attempt (1): the row stays done.
    assert (message.status, message.attempts, message.last_error, len(CALLS)) == (Status.DONE, 2, "", 2)


def stopped(payload):
    """A handler that the worker stops at the task's soft time limit."""
    from billiard.exceptions import SoftTimeLimitExceeded

    raise SoftTimeLimitExceeded()


def test_a_delivery_ends_before_its_deadline_and_a_stopped_one_is_retried(settings):
    """The task's hard time limit is inside the row's lease, so the sweeper never hands out a row
    that is still running; a delivery stopped at the soft limit is a failure like any other."""
    from samverkan.tasks import deliver

    assert 0 < deliver.soft_time_limit < deliver.time_limit < settings.OUTBOX_DEADLINE
    settings.OUTBOX_HANDLERS["test.stopped"] = "tests.platform.test_outbox.stopped"
    outbox.enqueue("test.stopped", {"slow:1": {}})
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (Status.PENDING, 1)
    assert message.last_error.startswith("SoftTimeLimitExceeded")


def test_the_sweeper_is_a_beat_entry(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["every-minute-sweep-outbox"]
    assert entry["task"] == "samverkan.tasks.sweep_outbox"
    from samverkan.tasks import sweep_outbox

    assert sweep_outbox.delay().get() == 0


def test_spent_keys_are_purged_daily_after_their_keeping_time(settings):
    from samverkan.models import Submission
    from samverkan.tasks import purge_spent_keys

    outbox.enqueue_mail(_mail("agenda:1:2:old@example.se") | _mail("agenda:1:2:new@example.se"))
    outbox.enqueue("test.flaky", {"report-pdf:1:1": {"failures": 99}})  # failed: kept to be seen
    old = timezone.now() - datetime.timedelta(days=settings.KEPT_KEYS_DAYS + 1)
    OutboxMessage.objects.filter(key__contains="old").update(done_at=old)
    OutboxMessage.objects.filter(kind="test.flaky").update(created_at=old)
    Submission.objects.bulk_create([Submission(key=uuid.uuid4()), Submission(key=uuid.uuid4())])
    Submission.objects.filter(pk=Submission.objects.first().pk).update(saved_at=old)
    entry = settings.CELERY_BEAT_SCHEDULE["daily-purge-spent-keys"]
    assert entry["task"] == "samverkan.tasks.purge_spent_keys"
    assert purge_spent_keys.delay().get() == {
        "outbox": 1,
        "saved forms": 1,
        "login log": 0,
        "failed logins": 0,
    }
    assert sorted(OutboxMessage.objects.values_list("key", flat=True)) == [
        "agenda:1:2:new@example.se",
        "report-pdf:1:1",
    ]
    assert Submission.objects.count() == 1


@pytest.mark.parametrize("broker", ["refused", "silent"])
def test_publishing_to_a_dead_broker_gives_up_within_seconds(broker):
    """A stopped broker refuses the connection; a hung one accepts it and never answers (without
    a socket timeout the request would wait for ever). Either way ``publish`` says no, quickly."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(10)  # the kernel completes the handshake; nobody reads or answers
        port = silent.getsockname()[1] if broker == "silent" else 1
        with broker_at(f"redis://127.0.0.1:{port}/0"):
            started = time.monotonic()
            assert outbox.publish([1]) is False
            elapsed = time.monotonic() - started
    assert elapsed < (2 if broker == "refused" else 8)
