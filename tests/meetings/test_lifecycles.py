"""The lifecycle tables of meetings, decisions and assignments: every move allowed from its
sources, refused from every other state with the one code; frozen minutes refuse edits."""

import pytest
from django.core.exceptions import ValidationError

from governance.permissions import APPROVE_MINUTES, MANAGE_MEETINGS, PUBLISH_MINUTES
from meetings import services
from meetings.models import Assignment, Decision, Meeting
from samverkan.lifecycle import REFUSED
from tests.meetings.once import meetings_built_for_the_module, structure_built_for_the_module  # noqa: F401

MEETING = {
    "send_agenda": (["planned"], "agenda_sent", MANAGE_MEETINGS),
    "mark_held": (["planned", "agenda_sent"], "held", MANAGE_MEETINGS),
    "draft_minutes": (["held"], "minutes_drafted", MANAGE_MEETINGS),
    "approve": (["minutes_drafted"], "minutes_approved", APPROVE_MINUTES),
    "approve_at_meeting": (["minutes_drafted"], "minutes_approved", MANAGE_MEETINGS),
    "publish": (["minutes_approved"], "published", PUBLISH_MINUTES),
}
DECISION = {outcome: ([""], outcome, MANAGE_MEETINGS) for outcome in Decision.Outcome.values}
ASSIGNMENT = {
    "start": (["open"], "in_progress", MANAGE_MEETINGS),
    "finish": (["open", "in_progress"], "done", MANAGE_MEETINGS),
    "reopen": (["done"], "in_progress", MANAGE_MEETINGS),
}
TABLES = [
    (Meeting, MEETING, Meeting.Status.values),
    (Decision, DECISION, ["", *Decision.Outcome.values]),
    (Assignment, ASSIGNMENT, Assignment.Status.values),
]


def test_the_declarations_are_the_tables():
    for model, table, _states in TABLES:
        declared = {t.name: (sorted(t.source), t.target, t.permission) for t in model.lifecycle.transitions}
        assert declared == {name: (sorted(s), target, p) for name, (s, target, p) in table.items()}


def _cases():
    for model, table, states in TABLES:
        for name, (sources, _target, _permission) in table.items():
            for state in states:
                yield pytest.param(
                    model, name, state, state in sources, id=f"{model.__name__}-{name}-{state or 'proposed'}"
                )


@pytest.mark.parametrize("model, name, state, allowed", list(_cases()))
def test_each_move_only_from_its_sources(meetings, model, name, state, allowed):
    """Guards are satisfied (no objection, every decision recorded), so only the state decides."""
    obj = {
        Meeting: meetings.draft,
        Decision: meetings.decision,
        Assignment: Assignment(body=meetings.body, decision=meetings.decision, what="x"),
    }[model]
    setattr(obj, model.lifecycle.state_field, state)
    if model is Decision:
        meetings.planned.status = Meeting.Status.HELD
        obj.item.meeting = meetings.planned
    if allowed:
        assert model.lifecycle.refusal(obj, name) is None
    else:
        with pytest.raises(ValidationError) as refused:
            model.lifecycle.check(obj, name, None)
        assert refused.value.code == REFUSED


def test_editing_approved_minutes_is_refused_by_the_services(meetings):
    item = meetings.draft_item
    services.minutes_approve(meeting=meetings.draft, user=meetings.chair)
    for attempt in [
        lambda: meetings.write(meetings.draft, item, "Ändrat i efterhand"),
        lambda: services.item_save(item=item, user=meetings.leader, version=item.version),
        lambda: services.meeting_save(
            meeting=meetings.draft, user=meetings.leader, version=meetings.draft.version
        ),
        lambda: services.item_remove(item=item, user=meetings.leader),
        lambda: services.attendance_save(
            meeting=meetings.draft, user=meetings.leader, statuses={}, people={}
        ),
    ]:
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.code == REFUSED
    item.refresh_from_db()
    assert item.minutes == "Utkast som inte får synas." and item.version == 2


def test_published_minutes_change_only_by_a_recorded_correction(meetings):
    item = meetings.item
    with pytest.raises(ValidationError) as refused:
        meetings.write(meetings.published, item, "Tyst ändring")
    assert refused.value.code == REFUSED
    correction = services.minutes_correct(
        meeting=meetings.published,
        user=meetings.leader,
        item=item,
        field="minutes",
        text="Gemensam rutin för vårdövergång mellan sjukhus, primärvård och kommun.",
        reason="Primärvården saknades.",
    )
    item.refresh_from_db()
    assert item.minutes.startswith("Gemensam rutin för vårdövergång mellan sjukhus, primärvård")
    assert correction.before == "Gemensam rutin för vårdövergång mellan sjukhus och kommun."
    assert correction.corrected_by == meetings.leader
    assert item.history.first().history_change_reason == "Rättelse: Primärvården saknades."
    meetings.published.refresh_from_db()
    assert "primärvård" in meetings.published.search_document


def test_only_published_minutes_are_corrected(meetings):
    with pytest.raises(ValidationError) as refused:
        services.minutes_correct(
            meeting=meetings.draft,
            user=meetings.leader,
            item=meetings.draft_item,
            field="minutes",
            text="x",
            reason="y",
        )
    assert refused.value.code == REFUSED
