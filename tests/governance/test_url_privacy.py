"""Every governance URL, as an anonymous visitor, an outsider, a reader and an editor sees it."""

import pytest
from django.urls import reverse

from governance import subscriptions
from governance.models import Membership, Subscription

Role = Membership.Role
LOGIN = "login"


def urls(structure):
    seat = Membership.objects.get(person__user=structure.people[Role.MEMBER])
    slug = structure.nosam.slug
    confirm = subscriptions.confirm_token("besokare@example.se", Subscription.Topic.MINUTES, structure.nosam)
    unsubscribe = subscriptions.unsubscribe_token(
        "besokare@example.se", Subscription.Topic.MINUTES, structure.nosam
    )
    return {
        "home": reverse("home"),
        "organisation_chart": reverse("governance:organisation_chart"),
        "body_detail": reverse("governance:body_detail", args=[slug]),
        "organisation_detail": reverse("governance:organisation_detail", args=[structure.town.slug]),
        "my_groups": reverse("governance:my_groups"),
        "body_edit": reverse("governance:body_edit", args=[slug]),
        "membership_add": reverse("governance:membership_add", args=[slug]),
        "membership_edit": reverse("governance:membership_edit", args=[slug, seat.pk]),
        "membership_end": reverse("governance:membership_end", args=[slug, seat.pk]),
        "notice_preferences": reverse("governance:notice_preferences"),
        "calendar_renew": reverse("governance:calendar_renew"),
        "subscribe_minutes": reverse("governance:subscribe_minutes", args=[slug]),
        "subscribe_report": reverse("governance:subscribe_report"),
        "subscription_confirm": reverse("governance:subscription_confirm", args=[confirm]),
        "unsubscribe": reverse("governance:unsubscribe", args=[unsubscribe]),
    }


# name: (anonymous, outsider, member (reader), process leader (editor))
EXPECTED = {
    "home": (200, 200, 200, 200),
    "organisation_chart": (200, 200, 200, 200),
    "body_detail": (200, 200, 200, 200),
    "organisation_detail": (200, 200, 200, 200),
    "my_groups": (LOGIN, 200, 200, 200),
    "body_edit": (LOGIN, 403, 403, 200),
    "membership_add": (LOGIN, 403, 403, 200),
    "membership_edit": (LOGIN, 403, 403, 200),
    "membership_end": (LOGIN, 403, 403, 200),
    "notice_preferences": (LOGIN, 403, 200, 200),  # an outsider's login has no person to notify
    "calendar_renew": (LOGIN, 405, 405, 405),  # POST only
    # Public, without an account; a signed link's GET only shows what its button will do.
    "subscribe_minutes": (200, 200, 200, 200),
    "subscribe_report": (200, 200, 200, 200),
    "subscription_confirm": (200, 200, 200, 200),
    "unsubscribe": (200, 200, 200, 200),
}


def test_the_table_covers_every_governance_url():
    from governance.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} | {"home"} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_who_may_open_what(structure, client, name):
    url = urls(structure)[name]
    visitors = [
        None,
        structure.outsider,
        structure.people[Role.MEMBER],
        structure.people[Role.PROCESS_LEADER],
    ]
    for visitor, expected in zip(visitors, EXPECTED[name], strict=True):
        client.logout()
        if visitor:
            client.force_login(visitor)
        response = client.get(url)
        if expected == LOGIN:
            assert response.status_code == 302 and response.url.startswith(reverse("login")), (name, visitor)
        else:
            assert response.status_code == expected, (name, visitor)
