"""The lifecycle kernel: permission first, then state and guards, one error code for a refused move."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from samverkan.lifecycle import REFUSED, Edit, Lifecycle, Transition


class Thing:
    """A stand-in model object: a state, a body, and the model's verbose name."""

    class _meta:
        verbose_name = "handling"

    def __init__(self, status, objection=None):
        self.status = status
        self.body = "lgs"
        self.objection = objection

    def __str__(self):
        return "Prov"

    def get_status_display(self):
        return {"draft": "Utkast", "adopted": "Fastställd"}[self.status]


def _no_objection(thing):
    return f"{thing.objection} invänder." if thing.objection else None


LIFECYCLE = Lifecycle(
    transitions=[
        Transition("adopt", ("draft",), "adopted", "fastställa", "adopt_plans", guards=(_no_objection,)),
        Transition("archive", ("adopted",), "archived", "arkivera"),
    ],
    body=lambda thing: thing.body,
    authorise=lambda user, codename, body: (user, codename, body) == ("ordförande", "adopt_plans", "lgs"),
    edit=Edit(states=("draft",), permission="adopt_plans"),
)


def test_a_move_is_offered_only_from_its_states_to_whoever_holds_the_permission():
    assert LIFECYCLE.can(Thing("draft"), "adopt", "ordförande")
    assert not LIFECYCLE.can(Thing("draft"), "adopt", "ledamot")
    assert not LIFECYCLE.can(Thing("adopted"), "adopt", "ordförande")
    assert not LIFECYCLE.can(Thing("adopted"), "archive", "ordförande"), "system moves are offered to nobody"


def test_the_permission_is_checked_before_the_state():
    with pytest.raises(PermissionDenied):
        LIFECYCLE.check(Thing("adopted"), "adopt", "ledamot")


def test_a_refused_move_names_the_object_and_its_state_with_one_code():
    with pytest.raises(ValidationError) as refused:
        LIFECYCLE.check(Thing("adopted"), "adopt", "ordförande")
    assert refused.value.code == REFUSED
    assert refused.value.messages == ["Det går inte att fastställa handling ”Prov”: status är ”Fastställd”."]


def test_a_guard_says_why():
    with pytest.raises(ValidationError) as refused:
        LIFECYCLE.check(Thing("draft", objection="Region Test"), "adopt", "ordförande")
    assert refused.value.messages == ["Region Test invänder."]
    assert not LIFECYCLE.can(Thing("draft", objection="Region Test"), "adopt", "ordförande")


def test_content_is_editable_only_in_its_states():
    assert LIFECYCLE.can_edit(Thing("draft"), "ordförande")
    assert not LIFECYCLE.can_edit(Thing("adopted"), "ordförande")
    with pytest.raises(ValidationError) as refused:
        LIFECYCLE.check_edit(Thing("adopted"), "ordförande")
    assert refused.value.code == REFUSED
    with pytest.raises(PermissionDenied):
        LIFECYCLE.check_edit(Thing("draft"), "ledamot")


@pytest.mark.django_db(transaction=True)
def test_a_move_outside_a_transaction_is_a_programming_error():
    assert not transaction.get_connection().in_atomic_block
    with pytest.raises(AssertionError, match="inside a transaction"):
        LIFECYCLE.apply(Thing("draft"), "adopt", user="ordförande")
