"""The transactional outbox: side effects written with the state change, delivered by Celery.

A service that owes a side effect after its state change (a mail, a PDF build) calls ``enqueue``
inside its transaction: the rows commit or roll back with the change, so a change is never left
without its effect, nor an effect without its change. Each row has a unique ``key`` naming the
effect (``agenda:<meeting>:<version>:<address>``): enqueueing it again is a no-op, so a retried
request or a double click that got past the claim sends once.

After the commit the rows are handed to Celery (``deliver``). A broker that is down is logged, not
raised: the request has committed and answers normally. The delivery claims the row with one
conditional UPDATE (pending → delivering), so of two deliveries of the same row (a redelivered
message, the sweeper's re-queue) exactly one runs the handler; a failure is retried with
exponential backoff up to ``OUTBOX_MAX_ATTEMPTS``. ``sweep`` (a periodic task) re-queues rows
not done by their ``deadline``: a message lost with the broker, a worker killed mid-delivery.

Kinds name their handler in ``settings.OUTBOX_HANDLERS`` (dotted paths to ``handler(payload)``),
so the kernel imports no app. In eager mode (no broker) delivery happens on commit, in-process.
"""

import contextlib
import contextvars
import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import OutboxMessage

log = logging.getLogger(__name__)
Status = OutboxMessage.Status
OPEN = (Status.PENDING, Status.DELIVERING)
MAX_BACKOFF = 3600  # seconds


_mail_silenced = contextvars.ContextVar("mail_silenced", default=False)


@contextlib.contextmanager
def mail_silenced():
    """Inside, mail owed by the services is dropped instead of queued: for writing history.

    The demo loader (``samverkan.demo.load_all``) walks years of meetings, plans and reports
    through the real services, and each move mails the people who act next (agendas, minutes to
    approve, plans to adopt, the årshjul's requests). Those moves belong to the past: sent, they
    would be hundreds of mails to the invented people, printed into the ``make demo`` terminal
    (console backend) or delivered. ``governance.notices.notify`` gives nothing inside either
    (no digest entry). Other effects (a report's PDF build) are still owed.
    """
    token = _mail_silenced.set(True)
    try:
        yield
    finally:
        _mail_silenced.reset(token)


def is_mail_silenced():
    """True inside ``mail_silenced``."""
    return _mail_silenced.get()


def _lease():
    return datetime.timedelta(seconds=settings.OUTBOX_DEADLINE)


def _move(message_id, name, *, where=None, **values):
    """Make a delivery move with one conditional UPDATE; True when this caller made it."""
    move = OutboxMessage.delivery.transition(name)
    rows = OutboxMessage.objects.filter(where or Q(), pk=message_id, status__in=move.source)
    return rows.update(status=move.target, **values) == 1


@transaction.atomic
def enqueue(kind, messages):
    """Owe the effects ``messages`` ({unique key: payload}) of kind ``kind``, in the caller's transaction.

    A key that exists already is left as it is (``INSERT … ON CONFLICT DO NOTHING``). After the
    commit the pending rows are handed to Celery. Returns the keys written now.
    """
    if kind not in settings.OUTBOX_HANDLERS:
        raise ValueError(f"No outbox handler for {kind!r} in settings.OUTBOX_HANDLERS")
    if not messages or (kind == "mail" and is_mail_silenced()):
        return []
    now = timezone.now()
    existing = set(OutboxMessage.objects.filter(key__in=messages).values_list("key", flat=True))
    OutboxMessage.objects.bulk_create(
        [
            OutboxMessage(kind=kind, key=key, payload=payload, available_at=now, deadline=now + _lease())
            for key, payload in messages.items()
            if key not in existing
        ],
        ignore_conflicts=True,
    )
    pending = list(
        OutboxMessage.objects.filter(key__in=messages, status=Status.PENDING).values_list("pk", flat=True)
    )
    transaction.on_commit(lambda: publish(pending))
    return [key for key in messages if key not in existing]


def enqueue_mail(messages):
    """Owe e-mails: {unique key: {"to": [address], "subject", "body", and optionally "html" (an HTML
    alternative of the body), "headers" ({name: value}) and "attachments" ([(name, text, mime)])}}.

    One row per recipient, so that a failure or a retry concerns that recipient alone.
    """
    return enqueue("mail", messages)


def publish(message_ids):
    """Hand rows to Celery. True when all went; a broker that is down is logged, never raised.

    Stops at the first failure (each costs a connection attempt): the sweeper publishes the rest.
    """
    from .tasks import deliver

    for message_id in message_ids:
        try:
            deliver.delay(message_id)
        except Exception:
            log.warning("Outbox: could not queue message %s; the sweeper will", message_id, exc_info=True)
            return False
    return True


def backoff(attempts):
    """Seconds before attempt ``attempts + 1``: OUTBOX_RETRY_BACKOFF doubled per failure, at most an hour."""
    return min(settings.OUTBOX_RETRY_BACKOFF * 2 ** max(attempts - 1, 0), MAX_BACKOFF)


def deliver(message_id):
    """Claim the row, run its handler, mark it done. Returns None, or the seconds until a retry.

    A row that is done, being delivered, not due yet or gone is left alone (a duplicate message).
    The moves after the handler are conditional on the attempt this call claimed, so a delivery
    that outlived its deadline (and was re-queued) cannot overwrite the next one.
    """
    now = timezone.now()
    claimed = _move(
        message_id,
        "claim",
        where=Q(available_at__lte=now),
        attempts=F("attempts") + 1,
        deadline=now + _lease(),
    )
    if not claimed:
        return None
    message = OutboxMessage.objects.get(pk=message_id)
    mine = Q(attempts=message.attempts)
    try:
        import_string(settings.OUTBOX_HANDLERS[message.kind])(message.payload)
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"[:2000]
        log.warning("Outbox: %s failed (attempt %s)", message, message.attempts, exc_info=True)
        if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            _move(message_id, "give_up", where=mine, last_error=reason)
            return None
        delay = backoff(message.attempts)
        later = timezone.now() + datetime.timedelta(seconds=delay)
        _move(
            message_id, "retry", where=mine, last_error=reason, available_at=later, deadline=later + _lease()
        )
        return delay
    _move(message_id, "finish", where=mine, done_at=timezone.now(), last_error="")
    return None


def requeue(message_ids):
    """Make these rows pending and due now (overdue, or failed and asked for again), and queue them.

    Returns the ids re-queued.
    """
    now = timezone.now()
    move = OutboxMessage.delivery.transition("requeue")
    ids = list(
        OutboxMessage.objects.filter(pk__in=message_ids, status__in=move.source).values_list("pk", flat=True)
    )
    OutboxMessage.objects.filter(pk__in=ids, status__in=move.source).update(
        status=move.target, available_at=now, deadline=now + _lease()
    )
    transaction.on_commit(lambda: publish(ids))
    return ids


def messages(*, key_prefix):
    """The rows whose key starts with ``key_prefix`` (a service's own effects, e.g. one report's builds)."""
    return OutboxMessage.objects.filter(key__startswith=key_prefix)


def overdue(now=None):
    """Rows still pending or delivering after their deadline."""
    return OutboxMessage.objects.filter(status__in=OPEN, deadline__lt=now or timezone.now())


@transaction.atomic
def sweep(now=None):
    """Re-queue every row overdue at ``now`` (the periodic sweeper). Returns how many."""
    return len(requeue(list(overdue(now).values_list("pk", flat=True))))


def purge_delivered(before):
    """Forget rows delivered before ``before`` (their keys guard against retries that come
    seconds or hours later, not months). Returns how many were deleted."""
    return OutboxMessage.objects.filter(status=Status.DONE, done_at__lt=before).delete()[0]


def send_mail_message(payload):
    """The handler of kind ``mail``: one e-mail, as the service wrote it."""
    message = EmailMultiAlternatives(
        payload["subject"], payload["body"], to=payload["to"], headers=payload.get("headers")
    )
    if payload.get("html"):
        message.attach_alternative(payload["html"], "text/html")
    for name, content, mimetype in payload.get("attachments", ()):
        message.attach(name, content, mimetype)
    message.send()
