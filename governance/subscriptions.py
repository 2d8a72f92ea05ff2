"""Public subscriptions by e-mail (no account): a group's published minutes, or the annual report.

Double opt-in: the form sends a confirmation mail whose link carries the subscription, signed
(``django.core.signing``, valid ``CONFIRM_MAX_AGE``); only its confirmation stores anything, and
then only the address, what it follows and the consent time (``Subscription``). Every mail to a
subscriber carries a one-click unsubscribe link (a signed token, not stored) and the
``List-Unsubscribe``/``List-Unsubscribe-Post`` headers of RFC 8058. The answer to the form is
the same whether or not the address already subscribes.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan import outbox

from .models import Body, Subscription

log = logging.getLogger(__name__)
Topic = Subscription.Topic
CONFIRM_SALT = "governance.subscriptions.confirm"
UNSUBSCRIBE_SALT = "governance.subscriptions.unsubscribe"
CONFIRM_MAX_AGE = datetime.timedelta(days=7)
TOKEN_MAX_LENGTH = 600  # longer path segments are refused unread


def normalise(email):
    return BaseUserManager.normalize_email((email or "").strip())


def _claims(email, topic, body):
    return {"e": email, "t": topic, "b": body.pk if body is not None else None}


def confirm_token(email, topic, body=None):
    return signing.dumps(_claims(email, topic, body), salt=CONFIRM_SALT, compress=True)


def unsubscribe_token(email, topic, body=None):
    return signing.dumps(_claims(email, topic, body), salt=UNSUBSCRIBE_SALT, compress=True)


def read_token(token, *, salt, max_age=None):
    """(email, topic, body) from a signed token, or ValidationError with a Swedish message."""
    if len(token) > TOKEN_MAX_LENGTH:
        raise ValidationError(_("The link is not valid."), code="bad_token")
    try:
        claims = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise ValidationError(
            _("The link has expired. Subscribe again to get a new one."), code="expired_token"
        ) from None
    except signing.BadSignature:
        raise ValidationError(_("The link is not valid."), code="bad_token") from None
    try:
        topic = Topic(claims["t"])
        body = Body.objects.get(pk=claims["b"]) if claims["b"] is not None else None
    except (KeyError, TypeError, ValueError, Body.DoesNotExist):
        raise ValidationError(_("The link is not valid."), code="bad_token") from None
    if (topic == Topic.MINUTES) != (body is not None):
        raise ValidationError(_("The link is not valid."), code="bad_token")
    return claims["e"], topic, body


def describe(topic, body):
    """“the published minutes of NOSAM GBG Sydväst”, “the annual report”."""
    if topic == Topic.MINUTES:
        return _("the published minutes of %(body)s") % {"body": body.name}
    return _("the annual report")


def _absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def _render(template, context):
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(template, context).strip()


def confirmation_mail(email, topic, body=None):
    """The double opt-in mail: a link that confirms (valid CONFIRM_MAX_AGE)."""
    url = _absolute(reverse("governance:subscription_confirm", args=[confirm_token(email, topic, body)]))
    with translation.override(settings.LANGUAGE_CODE):
        what = describe(topic, body)
        subject = _("Confirm your subscription to %(what)s") % {"what": what}
    context = {"what": what, "url": url, "days": CONFIRM_MAX_AGE.days, "subject": subject}
    return {
        "to": [email],
        "subject": subject,
        "body": _render("email/subscription_confirm.txt", context),
        "html": _render("email/subscription_confirm.html", context),
    }


def subscription_request(*, email, topic, body=None):
    """Send the confirmation mail (after the commit, by Celery). Stores nothing: the address is in
    the mail's signed link alone, so an unconfirmed subscription leaves no trace here. The
    answer is the same whether or not ``email`` subscribes already."""
    from .tasks import send_subscription_confirmation

    email = normalise(email)
    body_id = body.pk if body is not None else None

    def queue():
        try:
            send_subscription_confirmation.delay(email, topic, body_id)
        except Exception:  # a broker that is down: the visitor may try again
            log.warning("Subscription: could not queue the confirmation mail", exc_info=True)

    transaction.on_commit(queue)


@transaction.atomic
def subscription_confirm(*, token):
    """Store the subscription the confirmation link carries (once: confirming again changes
    nothing). Returns (topic, body)."""
    email, topic, body = read_token(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    Subscription.objects.get_or_create(
        email=email, topic=topic, body=body, defaults={"consented_at": timezone.now()}
    )
    return topic, body


@transaction.atomic
def subscription_end(*, token):
    """Forget the subscription the unsubscribe link names (nothing is kept). Returns (topic, body)."""
    email, topic, body = read_token(token, salt=UNSUBSCRIBE_SALT)
    Subscription.objects.filter(email=email, topic=topic, body=body).delete()
    return topic, body


def notify_subscribers(*, topic, body=None, key, subject, lead, url):
    """Owe every subscriber of ``topic`` (of ``body``) one mail, in the caller's transaction, keyed
    ``subscriber:<key>:<address>``: each address gets it once however often this is called."""
    subscribers = Subscription.objects.filter(topic=topic, body=body).values_list("email", flat=True)
    link = _absolute(url)
    mails = {}
    for email in subscribers:
        unsubscribe = _absolute(
            reverse("governance:unsubscribe", args=[unsubscribe_token(email, topic, body)])
        )
        with translation.override(settings.LANGUAGE_CODE):
            what = describe(topic, body)
        context = {
            "subject": subject,
            "lead": lead,
            "url": link,
            "what": what,
            "unsubscribe_url": unsubscribe,
        }
        mails[f"subscriber:{key}:{email}"] = {
            "to": [email],
            "subject": subject,
            "body": _render("email/subscriber.txt", context),
            "html": _render("email/subscriber.html", context),
            "headers": {
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        }
    return outbox.enqueue_mail(mails)
