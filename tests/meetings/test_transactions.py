"""The meeting workflows end to end in transactions that really commit (as in production, where a
``select_for_update`` outside ``atomic`` fails), and double clicks fired from 20 threads at once
on PostgreSQL: each move happens exactly once."""


import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from governance.models import Person
from meetings import services
from meetings.models import AgendaItem, Attendance, Decision, Meeting, MinutesCorrection, Stance
from tests.concurrency import CLICKS, fire

Outcome = Decision.Outcome
committed = pytest.mark.django_db(transaction=True)


@committed
def test_agenda_send_mails_each_member_once_after_the_commit(meetings):
    mail.outbox = []
    services.meeting_send_agenda(meeting=meetings.planned, user=meetings.leader)
    assert Meeting.objects.get(pk=meetings.planned.pk).status == Meeting.Status.AGENDA_SENT
    agendas = [message for message in mail.outbox if message.subject.startswith("Kallelse")]
    recipients = sorted(address for message in agendas for address in message.to)
    assert recipients == sorted(set(recipients)) and "member@example.se" in recipients
    assert "process_leader@example.se" not in recipients  # who sends it is not told


@committed
def test_stance_then_decision_record_under_the_consensus_rule(meetings):
    services.stance_set(
        decision=meetings.decision, user=meetings.member, position=Stance.Position.OBJECTION, reason="Nej"
    )
    services.meeting_mark_held(meeting=meetings.planned, user=meetings.leader)
    with pytest.raises(ValidationError) as refused:
        services.decision_record(decision=meetings.decision, user=meetings.chair, outcome=Outcome.DECIDED)
    assert refused.value.code == "transition"
    services.decision_record(decision=meetings.decision, user=meetings.chair, outcome=Outcome.REFERRED_BACK)
    assert Decision.objects.get(pk=meetings.decision.pk).outcome == Outcome.REFERRED_BACK


@committed
def test_the_chair_approves_and_the_communicator_publishes(meetings):
    services.minutes_approve(meeting=meetings.draft, user=meetings.chair)
    services.minutes_publish(meeting=meetings.draft, user=meetings.communicator)
    meeting = Meeting.objects.get(pk=meetings.draft.pk)
    assert meeting.status == Meeting.Status.PUBLISHED and meeting.approved_by == meetings.chair
    assert "Utkast som inte får synas" in meeting.search_document


@committed
def test_the_next_meeting_approves_the_minutes(meetings):
    approval = meetings.planned.items.get(kind=AgendaItem.Kind.APPROVAL)
    services.meeting_mark_held(meeting=meetings.planned, user=meetings.leader)
    services.approval_item_record(item=approval, user=meetings.leader)
    meeting = Meeting.objects.get(pk=meetings.draft.pk)
    assert meeting.status == Meeting.Status.MINUTES_APPROVED and meeting.approved_in == approval
    assert Decision.objects.get(item=approval).outcome == Outcome.APPROVED


@committed
def test_a_correction_of_published_minutes(meetings):
    services.minutes_correct(
        meeting=meetings.published,
        user=meetings.leader,
        item=meetings.item,
        field="decision",
        text="NOSAM ställer sig bakom rutinen för vårdövergång.",
        reason="Fel ordalydelse.",
    )
    assert Decision.objects.get(item=meetings.item).text.startswith("NOSAM ställer sig bakom")
    assert MinutesCorrection.objects.get().reason == "Fel ordalydelse."


@committed
def test_a_correction_with_a_long_reason_keeps_it_whole_and_shortens_the_history_row(meetings):
    """The history's reason column holds 100 characters; PostgreSQL refuses longer text."""
    reason = " ".join(["Beslutet återgavs fel i protokollet."] * 20)
    services.minutes_correct(
        meeting=meetings.published,
        user=meetings.leader,
        item=meetings.item,
        field="decision",
        text="NOSAM ställer sig bakom rutinen.",
        reason=reason,
    )
    assert MinutesCorrection.objects.get().reason == reason
    latest = Decision.history.filter(item=meetings.item).latest("history_date")
    assert len(latest.history_change_reason) <= 100 and latest.history_change_reason.endswith("…")


@committed
def test_a_guest_without_a_seat_is_added_and_takes_the_minutes(meetings, structure):
    guest = Person(first_name="Sara", last_name="Kansli", title="Samordnare", organisation=structure.region)
    services.guest_add(meeting=meetings.draft, user=meetings.leader, person=guest)
    assert Attendance.objects.get(meeting=meetings.draft, person=guest).is_guest
    meeting = Meeting.objects.get(pk=meetings.draft.pk)
    meeting.minutes_taker = guest
    services.minutes_save(meeting=meeting, user=meetings.leader, version=meeting.version)
    assert Meeting.objects.get(pk=meeting.pk).minutes_taker == guest


# --- Double clicks on PostgreSQL -----------------------------------------------------------------

def _moves(meeting_pk, status):
    return Meeting.history.filter(id=meeting_pk, status=status).count()


@committed
def test_send_agenda_twenty_times_sends_one_mail_per_member(meetings):
    mail.outbox = []
    pk = meetings.planned.pk
    done, refused = fire(
        lambda: services.meeting_send_agenda(meeting=Meeting.objects.get(pk=pk), user=meetings.leader)
    )
    assert len(done) == 1 and set(refused) <= {"conflict", "transition"}
    agendas = [message for message in mail.outbox if message.subject.startswith("Kallelse")]
    recipients = [address for message in agendas for address in message.to]
    assert len(recipients) == len(set(recipients)) > 0
    assert _moves(pk, Meeting.Status.AGENDA_SENT) == 1


@committed
def test_approve_twenty_times_approves_once(meetings):
    pk = meetings.draft.pk
    done, refused = fire(
        lambda: services.minutes_approve(meeting=Meeting.objects.get(pk=pk), user=meetings.chair)
    )
    assert len(done) == 1 and len(refused) == CLICKS - 1
    assert _moves(pk, Meeting.Status.MINUTES_APPROVED) == 1


@committed
def test_publish_twenty_times_publishes_once(meetings):
    pk = meetings.draft.pk
    services.minutes_approve(meeting=meetings.draft, user=meetings.chair)
    done, refused = fire(
        lambda: services.minutes_publish(meeting=Meeting.objects.get(pk=pk), user=meetings.communicator)
    )
    assert len(done) == 1 and len(refused) == CLICKS - 1
    assert _moves(pk, Meeting.Status.PUBLISHED) == 1


@committed
def test_record_twenty_times_records_one_outcome(meetings):
    services.meeting_mark_held(meeting=meetings.planned, user=meetings.leader)
    pk = meetings.decision.pk
    done, refused = fire(
        lambda: services.decision_record(
            decision=Decision.objects.get(pk=pk), user=meetings.chair, outcome=Outcome.DECIDED
        )
    )
    assert len(done) == 1 and set(refused) <= {"conflict", "transition"}
    assert Decision.history.filter(id=pk).exclude(outcome="").count() == 1


@committed
def test_a_stance_twenty_times_is_one_stance_with_one_history_row(meetings):
    pk = meetings.decision.pk
    done, refused = fire(
        lambda: services.stance_set(
            decision=Decision.objects.get(pk=pk), user=meetings.member, position=Stance.Position.SUPPORT
        )
    )
    assert len(done) == CLICKS and refused == []
    assert sum(changed for _stance, changed in done) == 1
    assert Stance.objects.filter(decision_id=pk).count() == 1
    assert Stance.history.filter(decision_id=pk).count() == 1
