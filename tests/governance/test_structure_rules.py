"""Validation of the structure: seats, chairs and the tree."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from governance import services
from governance.models import Body, BodyKind, Membership, Organisation

Role = Membership.Role
D = datetime.date


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


def messages_of(excinfo):
    return " ".join(m for ms in excinfo.value.message_dict.values() for m in ms)


def test_a_membership_cannot_end_before_it_starts(structure, site_admin):
    seat = Membership(
        body=structure.lgs,
        organisation=structure.town,
        role=Role.MEMBER,
        start_date=D(2024, 5, 1),
        end_date=D(2024, 4, 30),
    )
    with pytest.raises(ValidationError) as excinfo:
        services.membership_save(membership=seat, user=site_admin)
    assert "kan inte upphöra innan" in messages_of(excinfo)
    assert not Membership.objects.filter(body=structure.lgs).exists(), "nothing half-saved"


def test_ending_a_seat_before_its_start_is_refused_and_leaves_it_open(structure, site_admin):
    seat = Membership.objects.get(person__user=structure.people[Role.MEMBER])
    with pytest.raises(ValidationError):
        services.membership_end(membership=seat, user=site_admin, end_date=D(2023, 12, 31))
    seat.refresh_from_db()
    assert seat.end_date is None


def test_a_second_chair_at_the_same_time_is_refused(structure, site_admin):
    second = Membership(
        body=structure.nosam, organisation=structure.region, role=Role.CHAIR, start_date=D(2024, 6, 1)
    )
    with pytest.raises(ValidationError) as excinfo:
        services.membership_save(membership=second, user=site_admin)
    assert "har redan en ordförande" in messages_of(excinfo)
    assert Membership.objects.filter(body=structure.nosam, role=Role.CHAIR).count() == 1


def test_the_next_chair_may_take_over_when_the_term_has_ended(structure, site_admin):
    chair = Membership.objects.get(body=structure.nosam, role=Role.CHAIR)
    services.membership_end(membership=chair, user=site_admin, end_date=D(2025, 6, 30))
    successor = Membership(
        body=structure.nosam, organisation=structure.region, role=Role.CHAIR, start_date=D(2025, 7, 1)
    )
    services.membership_save(membership=successor, user=site_admin)
    assert Membership.objects.filter(body=structure.nosam, role=Role.CHAIR).count() == 2


def test_a_vacant_seat_must_name_the_organisation_it_represents(structure):
    with pytest.raises(ValidationError) as excinfo:
        Membership(body=structure.lgs, role=Role.MEMBER, start_date=D(2024, 1, 1)).full_clean()
    assert "organisation" in excinfo.value.message_dict


def test_a_body_cannot_be_its_own_ancestor(structure):
    structure.lgs.parent = structure.nosam
    with pytest.raises(ValidationError) as excinfo:
        structure.lgs.full_clean()
    assert "egna undergrupper" in messages_of(excinfo)
    structure.nosam.parent = structure.nosam
    with pytest.raises(ValidationError):
        structure.nosam.full_clean()


def test_a_body_cannot_end_before_it_starts(structure):
    body = Body(
        name="X", slug="x", kind=structure.local_kind, start_date=D(2024, 1, 1), end_date=D(2023, 1, 1)
    )
    with pytest.raises(ValidationError) as excinfo:
        body.full_clean()
    assert "end_date" in excinfo.value.message_dict


def test_a_theme_group_chair_term_ends_after_eighteen_months(structure):
    seat = Membership(
        body=structure.theme, organisation=structure.town, role=Role.CHAIR, start_date=D(2024, 1, 1)
    )
    assert seat.term_end == D(2025, 6, 30)
    seat.start_date = D(2024, 8, 31)
    assert seat.term_end == D(2026, 2, 27)  # 2026-02-28 is 18 months on; the term ends the day before
    nosam_chair = Membership(
        body=structure.nosam, organisation=structure.town, role=Role.CHAIR, start_date=D(2024, 1, 1)
    )
    assert nosam_chair.term_end is None, "NOSAM chairs have no fixed term"


def test_an_ended_body_keeps_its_members_in_history(structure):
    structure.nosam.end_date = D(2024, 11, 30)
    structure.nosam.save()
    assert Membership.objects.filter(body=structure.nosam).count() == len(Role)
    assert structure.nosam.history.count() == 2
    assert not Body.objects.active(D(2024, 12, 1)).filter(pk=structure.nosam.pk).exists()


def test_an_organisation_cannot_be_part_of_itself(structure):
    part = Organisation.objects.create(name="Del", slug="del", kind="region", parent=structure.region)
    structure.region.parent = part
    with pytest.raises(ValidationError):
        structure.region.full_clean()


def test_another_sub_region_with_other_kinds_needs_no_code(structure, client):
    kind = BodyKind.objects.create(name="Samordningsgrupp", name_plural="Samordningsgrupper")
    local = BodyKind.objects.create(name="Närområdesgrupp", name_plural="Närområdesgrupper")
    root = Body.objects.create(name="Vårdsamverkan Fyrbodal", slug="fyrbodal", kind=kind)
    Body.objects.create(name="Närområde Norra", slug="norra", kind=local, parent=root)
    page = client.get("/").content.decode()
    assert "Vårdsamverkan Fyrbodal" in page and "Närområde Norra" in page and "Samordningsgrupp" in page
