"""The role → permission map, read as a table of what each role may do on its own body."""

import datetime

import pytest

from governance import services
from governance.models import Membership
from governance.permissions import sync_user_permissions

Role = Membership.Role

EVERYTHING = {
    "view_internal",
    "edit_body",
    "edit_plans",
    "adopt_plans",
    "manage_meetings",
    "approve_minutes",
    "publish_minutes",
    "take_stance",
    "write_report_section",
    "review_report_sections",
}
EXPECTED = {
    Role.CHAIR: {
        "view_internal",
        "edit_body",
        "edit_plans",
        "manage_meetings",
        "approve_minutes",
        "take_stance",
        "write_report_section",
    },
    Role.VICE_CHAIR: {"view_internal", "approve_minutes", "take_stance"},
    Role.MEMBER: {"view_internal", "take_stance"},
    Role.PROCESS_LEADER: {
        "view_internal",
        "edit_body",
        "edit_plans",
        "adopt_plans",
        "manage_meetings",
        "publish_minutes",
        "write_report_section",
        "review_report_sections",
    },
    Role.CO_OPTED: {"view_internal"},
    Role.SUBSTITUTE: {"view_internal"},
    Role.COMMUNICATOR: {"view_internal", "publish_minutes"},
}


def held(user, body):
    return {codename for codename in EVERYTHING if user.has_perm(f"governance.{codename}", body)}


def test_the_table_covers_every_role():
    assert set(EXPECTED) == set(Role)


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_each_role_holds_exactly_its_permissions_on_its_own_body(structure, role):
    user = structure.people[role]
    assert held(user, structure.nosam) == EXPECTED[role]
    assert held(user, structure.lgs) == set(), "a seat gives nothing on other bodies"


def test_a_site_administrator_holds_every_permission_on_every_body(structure):
    admin = structure.user("siteadmin")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    assert held(admin, structure.lgs) == EVERYTHING
    assert held(admin, structure.nosam) == EVERYTHING


def test_an_outsider_and_an_anonymous_visitor_hold_nothing(structure):
    from django.contrib.auth.models import AnonymousUser

    assert held(structure.outsider, structure.nosam) == set()
    assert held(AnonymousUser(), structure.nosam) == set()


def test_ending_a_seat_takes_the_permissions_away(structure, site_admin):
    user = structure.people[Role.PROCESS_LEADER]
    seat = Membership.objects.get(person__user=user)
    services.membership_end(membership=seat, user=site_admin, end_date=datetime.date(2024, 6, 30))
    user = type(user).objects.get(pk=user.pk)  # a fresh user: guardian caches per instance
    assert held(user, structure.nosam) == set()


def test_changing_the_role_recomputes_the_permissions(structure, site_admin):
    user = structure.people[Role.MEMBER]
    seat = Membership.objects.get(person__user=user)
    Membership.objects.filter(role=Role.CHAIR, body=structure.nosam).delete()
    seat.role = Role.CHAIR
    services.membership_save(membership=seat, user=site_admin)
    user = type(user).objects.get(pk=user.pk)
    assert held(user, structure.nosam) == EXPECTED[Role.CHAIR]


def test_a_new_holder_gains_and_the_previous_holder_loses(structure, site_admin):
    previous_user = structure.people[Role.COMMUNICATOR]
    new_user = structure.outsider
    seat = Membership.objects.get(person__user=previous_user)
    from governance.models import Person

    seat.person = Person.objects.create(
        first_name="Nora", last_name="Ny", organisation=structure.town, user=new_user
    )
    services.membership_save(membership=seat, user=site_admin)
    assert held(type(new_user).objects.get(pk=new_user.pk), structure.nosam) == EXPECTED[Role.COMMUNICATOR]
    assert held(type(previous_user).objects.get(pk=previous_user.pk), structure.nosam) == set()


def test_a_seat_that_starts_later_grants_nothing_until_its_first_day(structure):
    start = datetime.date(2030, 1, 1)
    user = structure.seat(structure.lgs, Role.MEMBER, username="future", start=start)
    assert held(user, structure.lgs) == set()
    sync_user_permissions(user, on=start)
    assert held(type(user).objects.get(pk=user.pk), structure.lgs) == EXPECTED[Role.MEMBER]


def test_seats_in_an_ended_body_grant_nothing(structure):
    structure.nosam.end_date = datetime.date(2024, 11, 30)
    structure.nosam.save()
    user = structure.people[Role.CHAIR]
    sync_user_permissions(user)
    assert held(type(user).objects.get(pk=user.pk), structure.nosam) == set()


def test_the_daily_task_recomputes_everyone(structure):
    from governance.models import BodyUserObjectPermission
    from governance.tasks import sync_all_permissions

    BodyUserObjectPermission.objects.all().delete()
    changed = sync_all_permissions.delay().get()
    assert changed == sum(len(perms) for perms in EXPECTED.values())
    chair = type(structure.people[Role.CHAIR]).objects.get(pk=structure.people[Role.CHAIR].pk)
    assert held(chair, structure.nosam) == EXPECTED[Role.CHAIR]
    assert sync_all_permissions.delay().get() == 0, "a second run changes nothing"
