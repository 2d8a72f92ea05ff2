"""Who may set a seat: nobody their own; chair, vice chair and process leader only from above.

The probe's reproductions, through HTTP: a process leader seating themself as vice chair, the
seat form giving a member of another NOSAM process-leader rights, a stale seat form silently
winning, and the admin letting a staff user grant themself rights.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from governance import services
from governance.models import Body, Membership, Person
from governance.permissions import ROLES_SET_FROM_ABOVE, seat_roles

Role = Membership.Role
D = datetime.date
OWN_SEAT = "din egen plats"


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


@pytest.fixture
def client(client):
    client.cookies["django_language"] = "sv"
    return client


def add_url(body):
    return reverse("governance:membership_add", args=[body.slug])


def edit_url(seat):
    return reverse("governance:membership_edit", args=[seat.body.slug, seat.pk])


def end_url(seat):
    return reverse("governance:membership_end", args=[seat.body.slug, seat.pk])


def seat_of(user, body=None):
    seats = Membership.objects.filter(person__user=user)
    return seats.get(body=body) if body else seats.get()


def seat_data(seat, **changes):
    data = {
        "person": seat.person_id or "",
        "organisation": seat.organisation_id or "",
        "role": seat.role,
        "start_date": seat.start_date.isoformat(),
        "end_date": seat.end_date.isoformat() if seat.end_date else "",
        "note": seat.note,
        "version": seat.version,
    }
    return {**data, **changes}


def test_the_roles_set_from_above_are_those_that_approve_or_manage_seats():
    assert ROLES_SET_FROM_ABOVE == {Role.CHAIR, Role.VICE_CHAIR, Role.PROCESS_LEADER}


class TestNobodySeatsThemself:
    def test_the_probe_a_process_leader_cannot_seat_themself_as_vice_chair(self, structure, client):
        leader = structure.people[Role.PROCESS_LEADER]
        Membership.objects.filter(body=structure.nosam, role=Role.VICE_CHAIR).delete()
        client.force_login(leader)
        page = client.get(add_url(structure.nosam)).content.decode()
        assert f'value="{leader.person.pk}"' not in page, "the form does not offer oneself"
        assert 'value="vice_chair"' not in page
        response = client.post(
            add_url(structure.nosam),
            {"person": leader.person.pk, "role": "vice_chair", "start_date": "2024-03-01"},
        )
        assert response.status_code == 200
        assert not Membership.objects.filter(body=structure.nosam, role=Role.VICE_CHAIR).exists()

    def test_not_even_an_ordinary_seat_for_oneself(self, structure, client):
        chair = structure.people[Role.CHAIR]  # edits the NOSAM
        client.force_login(chair)
        response = client.post(
            add_url(structure.nosam),
            {"person": chair.person.pk, "role": "member", "start_date": "2024-03-01"},
        )
        assert response.status_code == 200
        assert Membership.objects.filter(person=chair.person).count() == 1

    def test_the_service_refuses_ones_own_seat_with_the_reason(self, structure, lgs_process_leader):
        seat = Membership(body=structure.nosam, person=lgs_process_leader.person, role=Role.MEMBER)
        with pytest.raises(PermissionDenied, match=OWN_SEAT):
            services.membership_save(membership=seat, user=lgs_process_leader)
        assert not Membership.objects.filter(body=structure.nosam, person=lgs_process_leader.person).exists()

    @pytest.fixture
    def own_seat(self, structure, lgs_process_leader):
        """An ordinary NOSAM seat of the LGS process leader, who otherwise manages NOSAM's seats."""
        return Membership.objects.create(
            body=structure.nosam, person=lgs_process_leader.person, role=Role.MEMBER, start_date=D(2024, 1, 1)
        )

    def test_nor_change_it(self, own_seat, lgs_process_leader, client):
        client.force_login(lgs_process_leader)
        response = client.get(edit_url(own_seat))
        assert response.status_code == 403 and OWN_SEAT in response.content.decode()
        response = client.post(edit_url(own_seat), seat_data(own_seat, role="chair"))
        assert response.status_code == 403
        own_seat.refresh_from_db()
        assert own_seat.role == Role.MEMBER and own_seat.version == 1

    def test_nor_end_it(self, own_seat, lgs_process_leader, client):
        client.force_login(lgs_process_leader)
        response = client.post(end_url(own_seat), {"end_date": "2024-06-30", "version": 1})
        assert response.status_code == 403 and OWN_SEAT in response.content.decode()
        own_seat.refresh_from_db()
        assert own_seat.end_date is None

    def test_nor_remove_it(self, own_seat, lgs_process_leader):
        with pytest.raises(PermissionDenied, match=OWN_SEAT):
            services.membership_delete(membership=own_seat, user=lgs_process_leader)
        assert Membership.objects.filter(pk=own_seat.pk).exists()

    def test_nor_hand_it_to_somebody_else(self, own_seat, structure, lgs_process_leader):
        """Changing the holder of one's own seat is changing one's own seat."""
        own_seat.person = Person.objects.create(
            first_name="Olle", last_name="Annan", organisation=structure.town
        )
        with pytest.raises(PermissionDenied, match=OWN_SEAT):
            services.membership_save(membership=own_seat, user=lgs_process_leader, version=1)

    def test_a_site_administrator_neither(self, structure, site_admin):
        person = Person.objects.create(
            first_name="Webb", last_name="Admin", organisation=structure.town, user=site_admin
        )
        seat = Membership(body=structure.lgs, person=person, role=Role.CHAIR)
        with pytest.raises(PermissionDenied, match=OWN_SEAT):
            services.membership_save(membership=seat, user=site_admin)

    def test_the_body_page_offers_no_change_of_ones_own_seat(self, own_seat, lgs_process_leader, client):
        client.force_login(lgs_process_leader)
        page = client.get(own_seat.body.get_absolute_url()).content.decode()
        assert edit_url(own_seat) not in page and end_url(own_seat) not in page
        assert edit_url(own_seat.body.memberships.get(person__user__username="member")) in page


class TestApprovalSeatsAreSetFromAbove:
    def test_the_group_itself_is_offered_only_ordinary_roles(self, structure, client):
        client.force_login(structure.people[Role.PROCESS_LEADER])
        page = client.get(add_url(structure.nosam)).content.decode()
        for role in ("chair", "vice_chair", "process_leader"):
            assert f'value="{role}"' not in page
        for role in ("member", "co_opted", "substitute", "communicator"):
            assert f'value="{role}"' in page
        assert (
            "Ordförande, vice ordförande och processledare utses av LGS eller portalens administratör."
            in page
        )

    def test_the_group_itself_cannot_appoint_a_vice_chair(self, structure):
        Membership.objects.filter(body=structure.nosam, role=Role.VICE_CHAIR).delete()
        seat = Membership(body=structure.nosam, organisation=structure.region, role=Role.VICE_CHAIR)
        with pytest.raises(PermissionDenied, match="utses av LGS eller portalens administratör"):
            services.membership_save(membership=seat, user=structure.people[Role.PROCESS_LEADER])
        assert not Membership.objects.filter(body=structure.nosam, role=Role.VICE_CHAIR).exists()

    def test_nor_promote_a_member_nor_touch_the_chairs_seat(self, structure, client):
        client.force_login(structure.people[Role.PROCESS_LEADER])
        member = seat_of(structure.people[Role.MEMBER])
        response = client.post(edit_url(member), seat_data(member, role="vice_chair"))
        assert response.status_code == 200
        member.refresh_from_db()
        assert member.role == Role.MEMBER
        chair = seat_of(structure.people[Role.CHAIR])
        assert client.get(edit_url(chair)).status_code == 403
        assert client.post(end_url(chair), {"end_date": "2024-06-30", "version": 1}).status_code == 403
        chair.refresh_from_db()
        assert chair.end_date is None

    def test_the_probe_no_process_leader_rights_for_a_member_of_another_nosam(self, structure, client):
        other = Body.objects.create(
            name="NOSAM Annanby", slug="nosam-annanby", kind=structure.local_kind, parent=structure.lgs
        )
        stranger = structure.seat(other, Role.MEMBER, username="annanby")
        client.force_login(structure.people[Role.PROCESS_LEADER])
        response = client.post(
            add_url(structure.nosam),
            {"person": stranger.person.pk, "role": "process_leader", "start_date": "2024-03-01"},
        )
        assert response.status_code == 200
        assert not Membership.objects.filter(person=stranger.person, body=structure.nosam).exists()
        assert not stranger.has_perm("governance.edit_body", structure.nosam)

    def test_the_body_above_appoints_the_vice_chair(self, structure, lgs_process_leader, client):
        vice = seat_of(structure.people[Role.VICE_CHAIR])
        client.force_login(lgs_process_leader)
        assert client.post(end_url(vice), {"end_date": "2024-06-30", "version": 1}).status_code == 302
        newcomer = structure.seat(structure.theme, Role.MEMBER, username="ny-vice")
        response = client.post(
            add_url(structure.nosam),
            {"person": newcomer.person.pk, "role": "vice_chair", "start_date": "2024-07-01"},
        )
        assert response.status_code == 302
        assert (
            Membership.objects.get(body=structure.nosam, role=Role.VICE_CHAIR, end_date=None).person
            == newcomer.person
        )
        newcomer = type(newcomer).objects.get(pk=newcomer.pk)
        assert newcomer.has_perm("governance.approve_minutes", structure.nosam)

    def test_a_top_body_gets_its_chair_from_a_site_administrator(self, structure, site_admin, client):
        lgs_editor = structure.seat(structure.lgs, Role.PROCESS_LEADER, username="lgs-pl2")
        assert Role.CHAIR not in seat_roles(lgs_editor, structure.lgs)
        assert seat_roles(site_admin, structure.lgs) == set(Role)
        client.force_login(site_admin)
        response = client.post(
            add_url(structure.lgs),
            {"organisation": structure.region.pk, "role": "chair", "start_date": "2024-01-01"},
        )
        assert response.status_code == 302
        assert Membership.objects.filter(body=structure.lgs, role=Role.CHAIR).count() == 1


class TestHistoryAndLock:
    def test_every_seat_write_records_who_and_why(self, structure, lgs_process_leader):
        seat = Membership(body=structure.nosam, organisation=structure.region, role=Role.SUBSTITUTE)
        services.membership_save(membership=seat, user=lgs_process_leader)
        seat.note = "Ersättare för regionen"
        services.membership_save(membership=seat, user=lgs_process_leader, version=1)
        services.membership_end(membership=seat, user=lgs_process_leader, version=2)
        seat_pk = seat.pk
        services.membership_delete(membership=seat, user=lgs_process_leader)
        rows = list(Membership.history.filter(id=seat_pk).order_by("history_id"))
        assert [(r.history_type, r.history_change_reason) for r in rows] == [
            ("+", "Plats tillagd"),
            ("~", "Plats ändrad"),
            ("~", "Plats avslutad"),
            ("-", "Plats borttagen"),
        ]
        assert {r.history_user for r in rows} == {lgs_process_leader}

    def test_a_stale_seat_form_shows_the_other_persons_values(self, structure, client):
        member = seat_of(structure.people[Role.MEMBER])
        stale = seat_data(member, note="Min anteckning")
        client.force_login(structure.people[Role.CHAIR])
        assert (
            client.post(edit_url(member), seat_data(member, note="Ordförandens anteckning")).status_code
            == 302
        )
        client.force_login(structure.people[Role.PROCESS_LEADER])
        response = client.post(edit_url(member), stale)
        page = response.content.decode()
        assert response.status_code == 200
        assert "Chair Testsson sparade medan du redigerade" in page
        assert "Ordförandens anteckning" in page and "Min anteckning" in page
        member.refresh_from_db()
        assert (member.note, member.version) == ("Ordförandens anteckning", 2)

    def test_a_stale_end_form_is_refused(self, structure, client):
        member = seat_of(structure.people[Role.MEMBER])
        client.force_login(structure.people[Role.PROCESS_LEADER])
        assert client.post(edit_url(member), seat_data(member, note="Ändrad")).status_code == 302
        response = client.post(end_url(member), {"end_date": "2024-06-30", "version": 1})
        assert (
            response.status_code == 200
            and "Någon annan sparade medan du redigerade" in response.content.decode()
        )
        member.refresh_from_db()
        assert member.end_date is None


class TestOneChairAtATime:
    def test_the_database_refuses_a_second_open_vice_chair(self, structure):
        with pytest.raises(IntegrityError), transaction.atomic():
            Membership.objects.create(
                body=structure.nosam, organisation=structure.region, role=Role.VICE_CHAIR
            )

    def test_the_constraint_covers_exactly_the_single_seat_roles(self):
        (constraint,) = [
            c for c in Membership._meta.constraints if c.name == "one_open_seat_per_single_seat_role"
        ]
        roles = dict(constraint.condition.children)["role__in"]
        assert set(roles) == Membership.SINGLE_SEAT_ROLES

    def test_the_service_turns_the_constraint_into_the_form_message(self, structure, site_admin, monkeypatch):
        # As if another request had saved its vice chair after this one's checks ran.
        monkeypatch.setattr(Membership, "clean", lambda self: None)
        monkeypatch.setattr(Membership, "validate_constraints", lambda self, exclude=None: None)
        seat = Membership(body=structure.nosam, organisation=structure.region, role=Role.VICE_CHAIR)
        with pytest.raises(ValidationError) as refused:
            services.membership_save(membership=seat, user=site_admin)
        assert refused.value.error_dict["role"][0].code == "second_chair"
        assert "har redan en vice ordförande under den här perioden: Vice_Chair Testsson" in str(
            refused.value
        )


class TestTheAdmin:
    @pytest.fixture
    def staff(self, structure, lgs_process_leader):
        """A staff login (not a site administrator) with every model right on seats and people."""
        lgs_process_leader.is_staff = True
        lgs_process_leader.save()
        lgs_process_leader.user_permissions.add(
            *Permission.objects.filter(
                codename__in=[
                    f"{a}_{m}"
                    for a in ("add", "change", "delete", "view")
                    for m in ("membership", "person", "user")
                ]
            )
        )
        return type(lgs_process_leader).objects.get(pk=lgs_process_leader.pk)

    def test_a_staff_user_cannot_seat_themself(self, structure, staff, client):
        client.force_login(staff)
        response = client.post(
            reverse("admin:governance_membership_add"),
            {
                "body": structure.theme.pk,
                "person": staff.person.pk,
                "role": "chair",
                "start_date": "2024-01-01",
                "note": "",
            },
        )
        assert response.status_code == 200 and OWN_SEAT in response.content.decode()
        assert not Membership.objects.filter(body=structure.theme, person=staff.person).exists()

    def test_nor_remove_or_change_their_own_seat(self, structure, staff, client):
        seat = seat_of(staff)
        client.force_login(staff)
        assert (
            client.post(
                reverse("admin:governance_membership_delete", args=[seat.pk]), {"post": "yes"}
            ).status_code
            == 403
        )
        assert Membership.objects.filter(pk=seat.pk).exists()
        response = client.post(
            reverse("admin:governance_membership_change", args=[seat.pk]),
            {
                "body": structure.lgs.pk,
                "person": staff.person.pk,
                "role": "chair",
                "start_date": "2024-01-01",
                "note": "",
            },
        )
        assert response.status_code == 403
        seat.refresh_from_db()
        assert seat.role == Role.PROCESS_LEADER

    def test_nor_link_their_login_to_a_seated_person_or_make_themself_superuser(
        self, structure, staff, client
    ):
        client.force_login(staff)
        page = client.get(reverse("admin:governance_person_change", args=[staff.person.pk])).content.decode()
        assert 'name="user"' not in page
        page = client.get(reverse("admin:auth_user_change", args=[staff.pk])).content.decode()
        assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page
        # The permissions they hold are shown, by their Swedish names.
        assert "Samverkansstruktur | plats | Kan ändra plats" in page and "Can change" not in page

    def test_the_staff_user_may_set_what_the_role_map_lets_them(self, structure, staff, client):
        client.force_login(staff)
        response = client.post(
            reverse("admin:governance_membership_add"),
            {
                "body": structure.theme.pk,
                "organisation": structure.region.pk,
                "role": "chair",
                "start_date": "2024-01-01",
                "note": "",
            },
        )
        assert response.status_code == 302
        row = Membership.history.filter(body=structure.theme, role=Role.CHAIR).get()
        assert row.history_user == staff and row.history_change_reason == "Plats tillagd"

    def test_a_revert_from_the_history_goes_through_the_workflow(self, structure, site_admin, client):
        seat = seat_of(structure.people[Role.MEMBER])
        first = seat.history.first()
        seat.note = "Ändrad"
        services.membership_save(membership=seat, user=site_admin, version=1)
        client.force_login(site_admin)
        url = reverse("admin:governance_membership_simple_history", args=[seat.pk, first.history_id])
        data = {**seat_data(seat, note=""), "body": structure.nosam.pk}
        assert client.post(url, data).status_code == 302
        seat.refresh_from_db()
        assert (seat.note, seat.version) == ("", 3)
        assert seat.history.first().history_user == site_admin
