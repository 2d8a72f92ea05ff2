"""Public subscriptions without an account: double opt-in by a signed link, nothing stored until
confirmed (and then only the address, the topic and the consent time), the same answer whether
or not the address subscribes, a one-click unsubscribe (RFC 8058 headers in every mail), and the
published minutes once per subscriber."""

import re

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.urls import reverse

from governance import subscriptions
from governance.models import Subscription
from governance.views import SUBSCRIBE_PER_CLIENT_HOUR

pytestmark = pytest.mark.django_db(transaction=True)  # mails leave after the commit
Topic = Subscription.Topic


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def _link(message, name):
    return re.search(rf"https?://\S+/prenumeration/{name}/[^/\s]+/", message.body).group(0)


def _path(url):
    return re.sub(r"^https?://[^/]+", "", url)


def _subscribe(client, body, email="besokare@example.se"):
    url = reverse("governance:subscribe_minutes", args=[body.slug])
    return client.post(url, {"email": email}, follow=True)


def test_subscribing_confirming_receiving_and_unsubscribing(meetings, client):
    page = client.get(reverse("governance:subscribe_minutes", args=[meetings.body.slug]))
    assert page.status_code == 200 and "Prenumerera via e-post" in page.content.decode()
    mail.outbox = []
    answer = _subscribe(client, meetings.body, "Besokare@Example.SE")
    assert "Vi har skickat ett mejl" in answer.content.decode()
    assert Subscription.objects.count() == 0  # nothing stored before the confirmation
    [confirmation] = mail.outbox
    assert confirmation.to == ["Besokare@example.se"] and "text/html" in confirmation.alternatives[0][1]
    confirm = _path(_link(confirmation, "bekrafta"))
    assert (
        client.get(confirm).status_code == 200 and Subscription.objects.count() == 0
    )  # a GET stores nothing
    assert client.post(confirm).status_code == 200
    assert client.post(confirm).status_code == 200  # confirming twice: one subscription
    stored = Subscription.objects.get()
    assert (stored.email, stored.topic, stored.body, stored.consented_at is not None) == (
        "Besokare@example.se",
        Topic.MINUTES,
        meetings.body,
        True,
    )

    mail.outbox = []
    meeting = meetings.draft
    meetings.publish(meeting)
    [minutes] = [m for m in mail.outbox if m.to == ["Besokare@example.se"]]
    assert minutes.subject.startswith("Minnesanteckningar publicerade")
    unsubscribe = minutes.extra_headers["List-Unsubscribe"].strip("<>")
    assert minutes.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in minutes.body and meeting.get_absolute_url() in minutes.body
    assert minutes.message()["List-Unsubscribe"] == f"<{unsubscribe}>"

    # A mail client's one-click unsubscribe: a POST with that body, no cookie, no CSRF token.
    one_click = client.__class__(enforce_csrf_checks=True)
    response = one_click.post(
        _path(unsubscribe), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200 and Subscription.objects.count() == 0
    assert "Du prenumererar inte längre" in response.content.decode()


def test_the_answer_is_the_same_for_a_subscribed_address_and_confirmation_mails_are_bounded(meetings, client):
    Subscription.objects.create(
        email="redan@example.se", topic=Topic.MINUTES, body=meetings.body, consented_at="2025-01-01T00:00Z"
    )
    first = _subscribe(client, meetings.body, "redan@example.se").content.decode()
    second = _subscribe(client, meetings.body, "ny@example.se").content.decode()
    strip = lambda page: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)  # noqa: E731
    assert strip(first) == strip(second)
    for _ in range(5):
        _subscribe(client, meetings.body, "ny@example.se")
    assert len([m for m in mail.outbox if m.to == ["ny@example.se"]]) == 3  # a day's bound per address


def test_bad_input_and_too_many_requests_get_swedish_answers(meetings, client):
    url = reverse("governance:subscribe_minutes", args=[meetings.body.slug])
    page = client.post(url, {"email": "inte en adress"})
    assert page.status_code == 200 and "giltig e-postadress" in page.content.decode()
    assert client.post(url, {"email": "x" * 300 + "@example.se"}).status_code == 200
    for _ in range(SUBSCRIBE_PER_CLIENT_HOUR - 2):
        client.post(url, {"email": "a@example.se"})
    refused = client.post(url, {"email": "a@example.se"})
    assert refused.status_code == 429 and "För många" in refused.content.decode()
    assert client.get(reverse("governance:subscribe_minutes", args=["finns-inte"])).status_code == 404


def test_forged_expired_and_overlong_links_are_refused(meetings, client, monkeypatch):
    token = subscriptions.confirm_token("a@example.se", Topic.MINUTES, meetings.body)
    forged = reverse("governance:subscription_confirm", args=[token[:-2] + "xx"])
    assert client.post(forged).status_code == 400 and Subscription.objects.count() == 0
    # A confirmation link's own unsubscribe salt does not fit: tokens are not interchangeable.
    assert client.post(reverse("governance:unsubscribe", args=[token])).status_code == 400
    assert client.get(reverse("governance:unsubscribe", args=["x" * 700])).status_code == 400
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: "1")  # signed in 1970
    old = subscriptions.confirm_token("a@example.se", Topic.MINUTES, meetings.body)
    monkeypatch.undo()
    expired = client.post(reverse("governance:subscription_confirm", args=[old]))
    assert expired.status_code == 400 and "Länken har gått ut" in expired.content.decode()


def test_the_annual_report_subscription_and_the_public_pages_link_to_the_forms(meetings, client):
    mail.outbox = []
    response = client.post(
        reverse("governance:subscribe_report"), {"email": "rapport@example.se"}, follow=True
    )
    assert response.status_code == 200
    confirm = _path(_link(mail.outbox[0], "bekrafta"))
    client.post(confirm)
    assert Subscription.objects.get().topic == Topic.ANNUAL_REPORT
    visitor = client.__class__()
    form = reverse("governance:subscribe_minutes", args=[meetings.body.slug])
    for page in (meetings.body.get_absolute_url(), meetings.published.get_absolute_url()):
        response = visitor.get(page)
        assert form in response.content.decode()
        assert 'name="email"' not in response.content.decode()  # a link, not a form (cached pages)
