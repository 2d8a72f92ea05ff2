"""Double clicks on the personal settings and the public subscription links: twenty at once through
the whole stack (``tests/concurrency.py``) leave one row and no error."""

from hashlib import sha256

import pytest
from django.core.cache import cache
from django.urls import reverse

from governance import subscriptions
from governance.models import Membership, NoticePreference, Subscription
from governance.notices import NOTICES
from samverkan.models import CalendarKey
from tests.concurrency import CLICKS, RACES, double_click

pytestmark = RACES

Delivery = NoticePreference.Delivery


def test_notice_settings_saved_twenty_times_at_once_are_saved_once(structure):
    member = structure.people[Membership.Role.MEMBER]
    choices = {kind: Delivery.DIGEST for kind in NOTICES}
    answers = double_click(reverse("governance:notice_preferences"), user=member, data=choices)
    answers.check()
    saved = NoticePreference.objects.filter(person=member.person)
    assert saved.count() == len(NOTICES)
    assert set(saved.values_list("delivery", flat=True)) == {Delivery.DIGEST}


def test_a_calendar_address_renewed_twenty_times_at_once_leaves_one_key(structure):
    member = structure.people[Membership.Role.MEMBER]
    double_click(reverse("governance:calendar_renew"), user=member).check()
    assert CalendarKey.objects.filter(user=member).count() == 1


def test_a_confirmation_link_clicked_twenty_times_at_once_subscribes_once(structure):
    token = subscriptions.confirm_token("besokare@example.se", Subscription.Topic.MINUTES, structure.nosam)
    double_click(reverse("governance:subscription_confirm", args=[token]), user=None).check()
    assert Subscription.objects.filter(email="besokare@example.se", body=structure.nosam).count() == 1


def test_an_unsubscribe_link_clicked_twenty_times_at_once_unsubscribes_without_error(structure):
    email, topic = "besokare@example.se", Subscription.Topic.ANNUAL_REPORT
    subscriptions.subscription_confirm(token=subscriptions.confirm_token(email, topic))
    token = subscriptions.unsubscribe_token(email, topic)
    double_click(reverse("governance:unsubscribe", args=[token]), user=None).check()
    assert not Subscription.objects.filter(email=email).exists()


@pytest.mark.parametrize("name", ["subscribe_minutes", "subscribe_report"])
def test_a_subscription_form_sent_twenty_times_at_once_stores_nothing_and_mails_at_most_three(
    structure, name, monkeypatch
):
    cache.delete_many(
        ["subscribe:client:127.0.0.1", f"subscribe:address:{sha256(b'ny@example.se').hexdigest()}"]
    )
    requested = []
    monkeypatch.setattr(subscriptions, "subscription_request", lambda **request: requested.append(request))
    args = [structure.nosam.slug] if name == "subscribe_minutes" else []
    answers = double_click(
        reverse(f"governance:{name}", args=args), user=None, data={"email": "ny@example.se"}
    )
    answers.check()
    assert answers.count[302] == CLICKS  # the same answer to every click
    assert not Subscription.objects.exists()
    assert len(requested) == 3  # the daily cap on confirmation mails to one address
