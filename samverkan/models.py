"""The kernel's tables: the outbox of work owed after a state change (``samverkan.outbox``),
and the keys of create forms already saved (``samverkan.concurrency``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .lifecycle import Lifecycle, Transition


class OutboxMessage(models.Model):
    """One side effect (a mail to one address, a PDF build) owed by a committed state change.

    ``key`` is unique: enqueueing the same effect twice (a retried request, a double click that got
    past the claim) writes one row, so the effect happens once. ``deadline`` is when the row should
    be done by: the sweeper re-queues a row still pending or delivering after it (a lost broker
    message, a worker killed mid-delivery).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERING = "delivering", _("Delivering")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    # Moves made by the portal itself (samverkan.outbox), each one conditional UPDATE.
    delivery = Lifecycle(
        transitions=[
            Transition("claim", (Status.PENDING,), Status.DELIVERING, _("claim")),
            Transition("finish", (Status.DELIVERING,), Status.DONE, _("finish")),
            Transition("retry", (Status.DELIVERING,), Status.PENDING, _("retry")),
            Transition("give_up", (Status.DELIVERING,), Status.FAILED, _("give up")),
            # Overdue (the sweeper) or failed and asked for again.
            Transition(
                "requeue", (Status.PENDING, Status.DELIVERING, Status.FAILED), Status.PENDING, _("requeue")
            ),
        ],
        body=lambda message: None,
        authorise=lambda user, codename, body: False,  # nobody moves these by hand
    )

    kind = models.CharField(_("kind"), max_length=60)
    key = models.CharField(_("unique key"), max_length=400, unique=True)  # names an e-mail address
    payload = models.JSONField(_("payload"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    available_at = models.DateTimeField(_("not before"))
    deadline = models.DateTimeField(_("to be done by"))
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["pk"]
        indexes = [
            models.Index(
                fields=["deadline"],
                name="outbox_open_by_deadline",
                condition=models.Q(status__in=["pending", "delivering"]),
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.key} ({self.get_status_display()})"


class Submission(models.Model):
    """A create form that was saved: its one-time key, written in the same transaction as what
    it created, so that the same form sent again (a double click, a reload) creates nothing."""

    key = models.UUIDField(primary_key=True)
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("saved form")
        verbose_name_plural = _("saved forms")

    def __str__(self):
        return str(self.key)


class CalendarKey(models.Model):
    """The secret behind a person's calendar address (``samverkan.personal_calendar``).

    The address carries an HMAC of ``secret`` under the site's ``SECRET_KEY``, not the secret
    itself, and is checked in constant time; a new secret (``renew``) ends the old address. No
    history is kept: it would keep old secrets.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_key",
    )
    secret = models.CharField(_("secret"), max_length=64, editable=False)
    renewed_at = models.DateTimeField(_("renewed"), auto_now=True)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self):
        return str(self.user)
