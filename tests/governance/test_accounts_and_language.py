"""Logging in, password reset by e-mail, the language switch and the Swedish admin."""

import pytest
from django.core import mail
from django.urls import reverse

from governance.models import Membership

Role = Membership.Role


def test_the_portal_speaks_swedish_by_default(db, client):
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="sv">' in page and "Logga in" in page and "Användarnamn" in page


def test_english_can_be_chosen(db, client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page and "My groups" not in page and "Log in" in page


def test_logging_in_leads_to_my_groups(structure, client):
    response = client.post(reverse("login"), {"username": "chair", "password": "pw-Samverkan-1"})
    assert response.status_code == 302 and response.url == reverse("governance:my_groups")


def test_a_wrong_password_gets_a_swedish_message(structure, client):
    page = client.post(reverse("login"), {"username": "chair", "password": "fel"}).content.decode()
    assert "Ange ett korrekt användarnamn och lösenord" in page


@pytest.mark.django_db(transaction=True)
def test_an_overlong_username_gets_a_swedish_message_and_is_not_recorded(structure, client):
    """Committed, so that PostgreSQL checks the lock-out record's column length as in production."""
    from axes.models import AccessAttempt

    response = client.post(reverse("login"), {"username": "9" * 1000, "password": "pw-Samverkan-1"})
    assert response.status_code == 200
    assert "som mest 150 tecken" in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_logging_out_is_a_post(structure, client):
    client.force_login(structure.people[Role.CHAIR])
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("governance:my_groups")).status_code == 302


def test_a_password_reset_link_is_e_mailed_in_swedish(structure, client):
    response = client.post(reverse("password_reset"), {"email": "chair@example.se"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Nytt lösenord till Samverkansportalen"
    assert "/konto/reset/" in message.body and "Välj ett nytt lösenord" in message.body


def test_changing_the_password_requires_the_old_one(structure, client):
    client.force_login(structure.people[Role.CHAIR])
    page = client.post(
        reverse("password_change"),
        {
            "old_password": "fel",
            "new_password1": "Ett-nytt-lösen-99",
            "new_password2": "Ett-nytt-lösen-99",
        },
    ).content.decode()
    assert "Ditt gamla lösenord var felaktigt" in page


@pytest.fixture
def admin_client_sv(structure, client):
    admin = structure.user("siteadmin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    return client


def test_the_admin_is_in_swedish(admin_client_sv):
    page = admin_client_sv.get(reverse("admin:index")).content.decode()
    assert "Samverkansstruktur" in page and "Grupper" in page and "Platser" in page


def test_a_seat_added_in_the_admin_grants_permissions(structure, admin_client_sv):
    from governance.models import Person

    newcomer = structure.outsider
    person = Person.objects.create(
        first_name="Ada", last_name="Admin", organisation=structure.town, user=newcomer
    )
    response = admin_client_sv.post(
        reverse("admin:governance_membership_add"),
        {
            "body": structure.lgs.pk,
            "person": person.pk,
            "organisation": "",
            "role": "process_leader",
            "start_date": "2024-01-01",
            "end_date": "",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    newcomer = type(newcomer).objects.get(pk=newcomer.pk)
    assert newcomer.has_perm("governance.edit_plans", structure.lgs)


def test_a_second_chair_is_refused_in_the_admin_too(structure, admin_client_sv):
    response = admin_client_sv.post(
        reverse("admin:governance_membership_add"),
        {
            "body": structure.nosam.pk,
            "person": "",
            "organisation": structure.region.pk,
            "role": "chair",
            "start_date": "2024-05-01",
            "end_date": "",
            "note": "",
        },
    )
    assert response.status_code == 200
    assert "har redan en ordförande" in response.content.decode()


def test_an_english_browser_still_gets_swedish_until_english_is_chosen(db, client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="sv">' in page and "Logga in" in page


def test_five_wrong_passwords_lock_the_login_for_a_while(structure, client):
    for _ in range(4):
        assert client.post(reverse("login"), {"username": "chair", "password": "fel"}).status_code == 200
    locked = client.post(reverse("login"), {"username": "chair", "password": "fel"})
    assert locked.status_code == 429 and "För många försök" in locked.content.decode()
    again = client.post(reverse("login"), {"username": "chair", "password": "pw-Samverkan-1"})
    assert again.status_code == 429, "even the right password waits out the lock"


def test_pages_carry_a_strict_content_security_policy(db, client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy


def test_an_admin_edit_makes_a_portal_editor_with_the_old_version_see_a_conflict(structure, admin_client_sv):
    theme = structure.theme
    response = admin_client_sv.post(
        reverse("admin:governance_body_change", args=[theme.pk]),
        {
            "name": theme.name,
            "short_name": theme.short_name,
            "slug": theme.slug,
            "kind": theme.kind_id,
            "parent": structure.lgs.pk,
            "mandate": "Från admin",
            "email": "",
            "start_date": "",
            "end_date": "",
            "successor": "",
            "plans_adopted_by": structure.lgs.pk,
            "order": 0,
            "memberships-TOTAL_FORMS": 0,
            "memberships-INITIAL_FORMS": 0,
            "memberships-MIN_NUM_FORMS": 0,
            "memberships-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.mandate == "Från admin" and theme.version == 2
    response = admin_client_sv.post(
        reverse("governance:body_edit", args=[theme.slug]),
        {
            "name": theme.name,
            "mandate": "Från portalen",
            "version": 1,
        },
    )
    assert response.status_code == 200 and "sparade medan du redigerade" in response.content.decode()
