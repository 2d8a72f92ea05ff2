"""The rules of the meeting workflows: consensus, stances, approval, publication, carry-over."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import Membership
from meetings import services
from meetings.models import AgendaItem, Decision, Meeting, Stance
from samverkan.lifecycle import REFUSED

Role = Membership.Role
Outcome = Decision.Outcome
Position = Stance.Position


def test_it_refuses_decided_over_an_objection(meetings):
    services.stance_set(
        decision=meetings.decision, user=meetings.member, position=Position.OBJECTION, reason="Ej förankrat"
    )
    services.stance_set(decision=meetings.decision, user=meetings.chair, position=Position.SUPPORT)
    services.meeting_mark_held(meeting=meetings.planned, user=meetings.leader)
    with pytest.raises(ValidationError) as refused:
        services.decision_record(decision=meetings.decision, user=meetings.chair, outcome=Outcome.DECIDED)
    assert refused.value.code == REFUSED
    assert "Member Testsson har invänt" in refused.value.messages[0]  # the guard names the objector
    meetings.decision.refresh_from_db()
    assert meetings.decision.outcome == ""


def test_with_an_objection_the_chair_refers_it_back_or_strikes_it(meetings):
    services.stance_set(
        decision=meetings.decision, user=meetings.member, position=Position.OBJECTION, reason="Ej förankrat"
    )
    services.meeting_mark_held(meeting=meetings.planned, user=meetings.leader)
    services.decision_record(decision=meetings.decision, user=meetings.chair, outcome=Outcome.REFERRED_BACK)
    meetings.decision.refresh_from_db()
    assert meetings.decision.outcome == Outcome.REFERRED_BACK


def test_without_objections_the_proposal_can_be_decided(meetings):
    services.stance_set(decision=meetings.decision, user=meetings.member, position=Position.SUPPORT)
    services.stance_set(decision=meetings.decision, user=meetings.chair, position=Position.ABSTAIN)
    services.meeting_mark_held(meeting=meetings.planned, user=meetings.leader)
    decision = services.decision_record(
        decision=meetings.decision, user=meetings.chair, outcome=Outcome.DECIDED
    )
    assert decision.text == "NOSAM inför kortare möten"


def test_only_members_of_the_deciding_body_take_a_stance(meetings, structure):
    for user in (structure.outsider, meetings.communicator, meetings.leader, structure.people[Role.CO_OPTED]):
        with pytest.raises(PermissionDenied):
            services.stance_set(decision=meetings.decision, user=user, position=Position.SUPPORT)
    assert not Stance.objects.exists()


def test_an_objection_needs_a_reason(meetings):
    with pytest.raises(ValidationError) as refused:
        services.stance_set(decision=meetings.decision, user=meetings.member, position=Position.OBJECTION)
    assert refused.value.error_dict["reason"][0].code == "objection_without_reason"


def test_a_double_submit_changes_nothing_and_a_change_keeps_its_history(meetings):
    first, changed = services.stance_set(
        decision=meetings.decision, user=meetings.member, position=Position.SUPPORT
    )
    again, changed_again = services.stance_set(
        decision=meetings.decision, user=meetings.member, position=Position.SUPPORT
    )
    assert changed and not changed_again
    assert Stance.objects.count() == 1 and first.history.count() == 1
    services.stance_set(
        decision=meetings.decision, user=meetings.member, position=Position.OBJECTION, reason="Nej"
    )
    stance = Stance.objects.get()
    assert stance.position == Position.OBJECTION
    assert [h.position for h in stance.history.order_by("history_date")] == [
        Position.SUPPORT,
        Position.OBJECTION,
    ]
    assert stance.history.first().history_user == meetings.member


def test_no_stance_after_the_decision_is_recorded(meetings):
    meetings.record(meetings.decision, Outcome.TABLED)
    with pytest.raises(ValidationError) as refused:
        services.stance_set(decision=meetings.decision, user=meetings.member, position=Position.SUPPORT)
    assert refused.value.code == REFUSED
    assert not Stance.objects.exists()


def test_only_the_chair_and_process_leader_record_decisions(meetings):
    services.meeting_mark_held(meeting=meetings.planned, user=meetings.leader)
    for user in (meetings.member, meetings.communicator):
        with pytest.raises(PermissionDenied):
            services.decision_record(decision=meetings.decision, user=user, outcome=Outcome.DECIDED)
    services.decision_record(decision=meetings.decision, user=meetings.leader, outcome=Outcome.DECIDED)


def test_publishing_unapproved_minutes_is_refused(meetings):
    with pytest.raises(ValidationError) as refused:
        services.minutes_publish(meeting=meetings.draft, user=meetings.communicator)
    assert refused.value.code == REFUSED
    meetings.draft.refresh_from_db()
    assert meetings.draft.status == Meeting.Status.MINUTES_DRAFTED


def test_only_communicators_and_process_leaders_publish(meetings):
    services.minutes_approve(meeting=meetings.draft, user=meetings.chair)
    for user in (meetings.member, meetings.chair):
        with pytest.raises(PermissionDenied):
            services.minutes_publish(meeting=meetings.draft, user=user)
    services.minutes_publish(meeting=meetings.draft, user=meetings.leader)
    assert meetings.draft.status == Meeting.Status.PUBLISHED


def test_only_the_chair_approves_unless_the_next_meeting_does(meetings):
    for user in (meetings.member, meetings.leader, meetings.communicator):
        with pytest.raises(PermissionDenied):
            services.minutes_approve(meeting=meetings.draft, user=user)
    approval = meetings.planned.items.get(kind=AgendaItem.Kind.APPROVAL)
    assert approval.approves == meetings.draft
    services.approval_item_record(item=approval, user=meetings.leader)
    meetings.draft.refresh_from_db()
    assert meetings.draft.status == Meeting.Status.MINUTES_APPROVED
    assert meetings.draft.approved_in == approval
    assert approval.decision.outcome == Outcome.APPROVED


def test_minutes_with_unrecorded_decisions_cannot_be_approved(meetings):
    services.meeting_mark_held(meeting=meetings.planned, user=meetings.leader)
    services.minutes_save(meeting=meetings.planned, user=meetings.leader, version=meetings.planned.version)
    with pytest.raises(ValidationError) as refused:
        services.minutes_approve(meeting=meetings.planned, user=meetings.chair)
    assert refused.value.code == REFUSED and "(1 kvar)" in refused.value.messages[0]
    meetings.planned.refresh_from_db()
    assert meetings.planned.status == Meeting.Status.MINUTES_DRAFTED


def test_statuses_only_move_forward(meetings):
    with pytest.raises(ValidationError) as refused:
        services.meeting_send_agenda(meeting=meetings.published, user=meetings.leader)
    assert refused.value.code == REFUSED
    with pytest.raises(ValidationError) as refused:
        services.minutes_approve(meeting=meetings.planned, user=meetings.chair)
    assert refused.value.code == REFUSED


@pytest.mark.parametrize("outcome", [Outcome.TABLED, Outcome.REFERRED_BACK])
def test_tabled_and_referred_back_items_come_back_on_the_next_agenda(meetings, outcome):
    meetings.record(meetings.decision, outcome)
    following = meetings.meeting(datetime.date(2024, 11, 5))
    carried = following.items.get(carried_from=meetings.proposal_item)
    assert carried.title == "Ny mötesform" and carried.decision.proposal == "NOSAM inför kortare möten"
    # Only once, even when another meeting is planned later.
    later = meetings.meeting(datetime.date(2024, 12, 3))
    assert not later.items.filter(carried_from=meetings.proposal_item).exists()


def test_a_planned_next_meeting_gets_the_item_when_it_is_referred_back(meetings):
    following = meetings.meeting(datetime.date(2024, 11, 5))
    meetings.record(meetings.decision, Outcome.REFERRED_BACK)
    assert following.items.filter(carried_from=meetings.proposal_item).exists()


def test_an_end_before_the_start_is_refused(meetings):
    with pytest.raises(ValidationError) as refused:
        meetings.meeting(datetime.date(2025, 1, 1), start="15:00", end="13:00")
    assert "end_time" in refused.value.message_dict


def test_sending_the_agenda_mails_the_members_with_an_ics(
    meetings, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_send_agenda(meeting=meetings.planned, user=meetings.leader)
    assert meetings.planned.status == Meeting.Status.AGENDA_SENT
    recipients = {address for mail in mailoutbox for address in mail.to}
    assert "member@example.se" in recipients and "outsider@example.se" not in recipients
    mail = mailoutbox[0]
    assert "Ny mötesform" in mail.body
    name, content, mimetype = mail.attachments[0]
    assert name == "mote.ics" and mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in content and "DTSTART:20240910T110000Z" in content


def test_history_records_who_changed_what(meetings):
    assert meetings.published.history.first().history_user == meetings.communicator
    assert Meeting.history.filter(status=Meeting.Status.PUBLISHED).exists()
