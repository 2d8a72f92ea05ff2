"""Members' e-mail addresses: for those who share the body with them, never for the public."""

import pytest
from django.urls import reverse

from governance.models import Membership

Role = Membership.Role


def page(client, user, body):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(reverse("governance:body_detail", args=[body.slug])).content.decode()


@pytest.mark.parametrize(
    ("actor", "sees"),
    [
        ("anonymous", False),
        ("seatless login", False),
        ("member of the same body", True),
        ("member of another body", False),
        ("editor of the body above", False),
        ("site administrator", True),
    ],
)
def test_who_sees_the_members_e_mail_addresses(structure, site_admin, client, actor, sees):
    users = {
        "anonymous": None,
        "seatless login": structure.outsider,
        "member of the same body": structure.people[Role.SUBSTITUTE],
        "member of another body": structure.seat(structure.theme, Role.MEMBER, username="tema"),
        "editor of the body above": structure.seat(structure.lgs, Role.PROCESS_LEADER, username="lgs-pl"),
        "site administrator": site_admin,
    }
    shown = page(client, users[actor], structure.nosam)
    assert "Chair Testsson" in shown, "names, roles and organisations stay public"
    assert ("chair@example.se" in shown) is sees
    assert ("mailto:" in shown) is sees
