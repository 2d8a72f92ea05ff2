"""The demo data: loads twice without change, has the real structure, and its logins work."""

import datetime

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.test import RequestFactory
from django.urls import reverse

from governance.demo import load_demo
from governance.models import (
    Body,
    BodyKind,
    BodyUserObjectPermission,
    Membership,
    Organisation,
    Person,
)
from tests.conftest import module_transaction

NOSAMS = {
    "NOSAM GBG Sydväst",
    "NOSAM GBG Nordost",
    "NOSAM GBG Hisingen",
    "NOSAM GBG Centrum",
    "NOSAM Partille",
    "NOSAM Härryda",
    "NOSAM Mölndal",
    "NOSAM Öckerö",
}
THEME_GROUPS = {
    "Temagrupp Barn och unga",
    "Temagrupp Psykiatri",
    "Temagrupp Rehabilitering och habilitering",
    "Temagrupp Äldre",
}


def snapshot():
    """Row counts, including change history, of everything the loader writes."""
    models = [Organisation, BodyKind, Body, Person, Membership, get_user_model(), BodyUserObjectPermission]
    counts = {model.__name__: model.objects.count() for model in models}
    for model in (Organisation, Body, Person, Membership):
        counts[f"history of {model.__name__}"] = model.history.count()
    counts["passwords"] = sorted(get_user_model().objects.values_list("password", flat=True))
    return counts


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Loaded once for the module; each test runs in its own savepoint (a rerun is undone). The
    command's own tests need an empty database: tests/governance/test_load_demo_command.py."""
    with module_transaction(django_db_blocker):
        yield load_demo()


@pytest.fixture
def logins(loaded, db):
    return loaded


def body(slug):
    return Body.objects.get(slug=slug)


def test_loading_twice_changes_nothing(logins):
    first = snapshot()
    assert load_demo() == logins
    assert snapshot() == first
    assert first["Membership"] > 200


def test_eight_nosams_and_four_theme_groups_report_to_lgs(logins):
    lgs = body("lgs")
    nosams = Body.objects.filter(parent=lgs, kind__name="NOSAM")
    themes = Body.objects.filter(parent=lgs, kind__name="Temagrupp")
    assert {b.name for b in nosams} == NOSAMS
    assert {b.name for b in themes} == THEME_GROUPS
    assert all(b.plans_adopted_by == lgs for b in themes)
    assert all(b.plans_adopted_by is None for b in nosams)
    assert body("nosam-gbg-sydvast").name == "NOSAM GBG Sydväst"
    assert lgs.ancestors()[-1].name == "Vårdsamverkan i Göteborgsområdet"


def test_the_preparatory_group_ended_and_was_replaced_by_styrgrupp_lgs(logins):
    bg = Body.objects.get(short_name="LGS BG")
    assert bg.end_date == datetime.date(2024, 11, 30)
    assert bg.successor.name == "Styrgrupp LGS"
    assert bg.successor.start_date == datetime.date(2024, 12, 1)
    assert not bg.is_active()
    assert bg.memberships.exists()
    assert all(m.end_date == datetime.date(2024, 11, 30) for m in bg.memberships.all())


def test_every_seat_is_valid(logins):
    for membership in Membership.objects.select_related("body__kind"):
        membership.full_clean()


def test_a_vacant_seat_says_whom_it_represents(logins):
    vacant = Membership.objects.current().filter(person=None)
    assert vacant.filter(body__slug="nosam-ockero").exists()
    assert vacant.filter(body__slug="temagrupp-psykiatri").exists()
    assert all(m.represents is not None for m in vacant)


def test_every_theme_group_chair_has_a_term_end(logins):
    chairs = Membership.objects.filter(body__kind__name="Temagrupp", role=Membership.Role.CHAIR)
    assert chairs.count() >= 8, "a current and a previous chair in each theme group"
    assert all(m.term_end is not None for m in chairs)
    for theme in Body.objects.filter(kind__name="Temagrupp"):
        assert theme.memberships.current().filter(role=Membership.Role.CHAIR).count() == 1


def test_people_are_invented_with_example_addresses(logins):
    assert all(p.email.endswith("@example.se") for p in Person.objects.all())
    assert not Person.objects.filter(last_name="Forsberg").exists(), "the report's content owner"


def test_every_demo_login_authenticates_with_the_printed_password(logins):
    assert {login["username"] for login in logins} == {
        "processledare",
        "ordforande",
        "lgs",
        "ordforande-lgs",
        "processledare-lgs",
        "kommunikator",
        "admin",
    }
    for login in logins:
        request = RequestFactory().post(reverse("login"))  # as the login page authenticates
        user = authenticate(request, username=login["username"], password=login["password"])
        assert user is not None, login["username"]
        assert (user.first_name, user.last_name) == (user.person.first_name, user.person.last_name)
        assert login["description"]


# (login, permission, body, held?): what each demo login is for.
PERMISSIONS = [
    ("processledare", "edit_plans", "nosam-gbg-sydvast", True),
    ("processledare", "edit_plans", "temagrupp-aldre", True),
    ("processledare", "edit_plans", "nosam-molndal", False),
    ("processledare", "take_stance", "samverkanskontoret", True),
    ("ordforande", "approve_minutes", "nosam-gbg-sydvast", True),
    ("ordforande", "edit_plans", "nosam-gbg-sydvast", True),
    ("ordforande", "take_stance", "lgs", False),
    ("lgs", "take_stance", "lgs", True),
    ("lgs", "edit_plans", "lgs", False),
    ("ordforande-lgs", "approve_minutes", "lgs", True),
    ("ordforande-lgs", "take_stance", "lgs", True),
    ("processledare-lgs", "review_report_sections", "lgs", True),
    ("processledare-lgs", "manage_meetings", "lgs", True),
    ("processledare-lgs", "review_report_sections", "nosam-molndal", False),
    ("kommunikator", "publish_minutes", "lgs", True),
    ("kommunikator", "publish_minutes", "temagrupp-psykiatri", True),
    ("kommunikator", "publish_minutes", "nosam-ockero", True),
    ("kommunikator", "edit_plans", "lgs", False),
    ("admin", "edit_plans", "nosam-molndal", True),
]


def test_demo_logins_hold_the_permissions_of_their_seats(logins):
    users = {user.username: user for user in get_user_model().objects.all()}
    wrong = [
        (username, codename, slug, expected)
        for username, codename, slug, expected in PERMISSIONS
        if users[username].has_perm(f"governance.{codename}", body(slug)) is not expected
    ]
    assert wrong == []


def test_admin_is_a_site_administrator(logins):
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert not get_user_model().objects.filter(is_staff=True).exclude(username="admin").exists()


def test_loading_again_restores_edited_demo_rows(logins):
    Body.objects.filter(slug="lgs").update(name="Ändrat namn")
    Membership.objects.filter(body__slug="lgs-beredningsgrupp").update(end_date=None)
    load_demo()
    assert body("lgs").name == "Ledningsgrupp för samverkan (LGS)"
    assert not Membership.objects.filter(body__slug="lgs-beredningsgrupp", end_date=None).exists()


def test_reloading_replaces_seats_left_by_an_older_version_of_the_demo(logins):
    """A chair whose dates moved between demo versions must not leave two chairs behind."""
    psychiatry = body("temagrupp-psykiatri")
    current_chair = Membership.objects.current().get(body=psychiatry, role=Membership.Role.CHAIR)
    current_chair.start_date = datetime.date(2025, 3, 1)  # as an earlier demo version had it
    current_chair.save()
    load_demo()
    chairs = Membership.objects.current().filter(body=psychiatry, role=Membership.Role.CHAIR)
    assert chairs.count() == 1
    assert chairs.get().start_date == datetime.date(2025, 9, 1)
