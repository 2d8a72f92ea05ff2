"""The group form saved 20 times at once (HTTP, PostgreSQL): one save, the others see the
conflict. The seat forms are tested with the seat constraints (tests/governance)."""

from django.urls import reverse

from governance.models import Body, Membership
from tests.concurrency import RACES, Scenario, form_fields

pytestmark = RACES


def test_a_group_saved_twenty_times_at_once_is_saved_once(structure):
    body = structure.nosam
    url = reverse("governance:body_edit", args=[body.slug])
    Scenario(
        url,
        structure.people[Membership.Role.PROCESS_LEADER],
        lambda: Body.history.filter(id=body.pk, mandate="Nytt uppdrag.").count(),
        read=lambda client: form_fields(client.get(url)) | {"mandate": "Nytt uppdrag."},
    ).fire()
