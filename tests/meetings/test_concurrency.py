"""Every POST action of the meetings app clicked 20 times at once, through HTTP, on PostgreSQL.

Each scenario says what the browser read first (the page and its form), which URL is posted, and
how to count the effect in the database; the test fires the 20 posts (``tests.concurrency``) and
expects exactly one effect, and no answer but a page or a redirect. "Send agenda" is tested with
the outbox (tests/meetings/test_transactions.py).
"""

import datetime

import pytest
from django.urls import reverse

from governance.models import Person
from meetings import services
from meetings.models import AgendaItem, Assignment, Attendance, Decision, Meeting, MinutesCorrection, Stance
from tests.concurrency import (
    RACES,
    Scenario,
    already_saved,
    confirmation,
    double_click,
    form_fields,
    hidden_fields,
)
from tests.meetings.conftest import minutes_data

pytestmark = RACES

Status = Meeting.Status
Outcome = Decision.Outcome


def _history(model, pk, **lookups):
    return lambda: model.history.filter(id=pk, **lookups).count()


def _mark_held(m):
    pk = m.planned.pk
    return Scenario(
        reverse("meetings:mark_held", args=[pk]), m.leader, _history(Meeting, pk, status=Status.HELD)
    )


def _approve(m):
    """Through the confirmation page: twenty clicks of its Confirm button approve once."""
    pk = m.draft.pk
    url = reverse("meetings:approve", args=[pk])
    return Scenario(
        url, m.chair, _history(Meeting, pk, status=Status.MINUTES_APPROVED), read=confirmation(url)
    )


def _publish(m):
    services.minutes_approve(meeting=m.draft, user=m.chair)
    pk = m.draft.pk
    url = reverse("meetings:publish", args=[pk])
    return Scenario(
        url, m.communicator, _history(Meeting, pk, status=Status.PUBLISHED), read=confirmation(url)
    )


def _record_decision(m):
    """The minutes editor's "Record" button: the whole minutes form, then the outcome."""
    services.meeting_mark_held(meeting=m.planned, user=m.leader)
    decision = m.decision
    return Scenario(
        reverse("meetings:minutes", args=[m.planned.pk]),
        m.chair,
        lambda: Decision.history.filter(id=decision.pk).exclude(outcome=Decision.PROPOSED).count(),
        read=lambda client: (
            minutes_data(client, m.planned)
            | {"record": str(m.proposal_item.pk), f"d{decision.pk}-outcome": Outcome.DECIDED}
        ),
    )


def _approve_at_next_meeting(m):
    """The next meeting's "approval of the previous minutes" item, recorded as approved."""
    services.meeting_mark_held(meeting=m.planned, user=m.leader)
    item = m.planned.items.get(kind=AgendaItem.Kind.APPROVAL)
    services.item_save(item=item, user=m.leader, version=item.version, proposal=item.title)
    decision = Decision.objects.get(item=item)
    return Scenario(
        reverse("meetings:minutes", args=[m.planned.pk]),
        m.chair,
        _history(Meeting, m.draft.pk, status=Status.MINUTES_APPROVED),
        read=lambda client: (
            minutes_data(client, m.planned)
            | {"record": str(item.pk), f"d{decision.pk}-outcome": Outcome.APPROVED}
        ),
    )


def _stance(m):
    pk = m.decision.pk
    return Scenario(
        reverse("meetings:stance", args=[pk]),
        m.member,
        lambda: Stance.history.filter(decision_id=pk).count(),
        data={f"d{pk}-position": Stance.Position.SUPPORT, f"d{pk}-reason": "", "next": "/att-gora/"},
    )


def _edit_meeting(m):
    url = reverse("meetings:meeting_edit", args=[m.planned.pk])
    return Scenario(
        url,
        m.leader,
        _history(Meeting, m.planned.pk, history_type="~", title="Extra möte"),
        read=lambda client: form_fields(client.get(url)) | {"title": "Extra möte"},
    )


def _add_item(m):
    url = reverse("meetings:agenda", args=[m.planned.pk])
    return Scenario(
        url,
        m.leader,
        lambda: m.planned.items.filter(title="Nytt ärende").count(),
        read=lambda client: (
            form_fields(client.get(url)) | {"kind": AgendaItem.Kind.INFORMATION, "title": "Nytt ärende"}
        ),
        refusal=already_saved,
    )


def _edit_item(m):
    item = m.proposal_item
    url = reverse("meetings:item_edit", args=[m.planned.pk, item.pk])
    return Scenario(
        url,
        m.leader,
        _history(AgendaItem, item.pk, history_type="~", title="Ny rubrik"),
        read=lambda client: form_fields(client.get(url)) | {"item-title": "Ny rubrik"},
    )


def _move_item(m):
    """One click on "Up" moves the item one step, however often it arrives."""
    item = m.proposal_item
    before = item.position
    url = reverse("meetings:item_move", args=[m.planned.pk, item.pk])
    return Scenario(
        url,
        m.leader,
        lambda: before - AgendaItem.objects.get(pk=item.pk).position,
        read=lambda client: _agenda_button(client, m.planned, url),
    )


def _agenda_button(client, meeting, url):
    """The hidden fields of the agenda's first form posting to ``url`` (up), as rendered."""
    return hidden_fields(client.get(reverse("meetings:agenda", args=[meeting.pk])), action=url)


def _remove_item(m):
    item = m.proposal_item
    url = reverse("meetings:item_remove", args=[m.planned.pk, item.pk])
    return Scenario(
        url,
        m.leader,
        _history(AgendaItem, item.pk, history_type="-"),
        read=confirmation(url),
        allowed=(302, 404),  # a click that arrives after the removal finds no item
    )


def _attendance(m):
    url = reverse("meetings:attendance", args=[m.draft.pk])
    return Scenario(
        url,
        m.leader,
        lambda: Attendance.history.filter(meeting_id=m.draft.pk, person_id=m.member.person.pk).count(),
        read=lambda client: {
            name: Attendance.Status.PRESENT if name.startswith("person_") else value
            for name, value in form_fields(client.get(url)).items()
        },
    )


def _guest(m):
    page = reverse("meetings:attendance", args=[m.draft.pk])
    return Scenario(
        reverse("meetings:guest_add", args=[m.draft.pk]),
        m.leader,
        lambda: Person.objects.filter(first_name="Gäst", last_name="Gästsson").count(),
        read=lambda client: (
            hidden_fields(client.get(page), "guest-submission")
            | {
                "guest-first_name": "Gäst",
                "guest-last_name": "Gästsson",
                "guest-title": "Samordnare",
                "guest-organisation": str(m.s.region.pk),
            }
        ),
        refusal=already_saved,
    )


def _minutes_save(m):
    item = m.draft_item
    return Scenario(
        reverse("meetings:minutes", args=[m.draft.pk]),
        m.leader,
        _history(AgendaItem, item.pk, minutes="Ny text i protokollet."),
        read=lambda client: (
            minutes_data(client, m.draft) | {f"item-{item.pk}-minutes": "Ny text i protokollet."}
        ),
    )


def _correct(m):
    return Scenario(
        reverse("meetings:minutes_correct", args=[m.published.pk]),
        m.leader,
        lambda: MinutesCorrection.objects.filter(meeting=m.published).count(),
        data={
            "correction-item": str(m.item.pk),
            "correction-field": MinutesCorrection.Field.DECISION,
            "correction-after": "NOSAM ställer sig bakom rutinen.",
            "correction-reason": "Fel ordalydelse.",
        },
    )


def _assign(m):
    decision = m.item.decision
    prefix = f"as{decision.pk}"
    page = reverse("meetings:minutes", args=[m.published.pk])
    return Scenario(
        reverse("meetings:assignment_add", args=[decision.pk]),
        m.leader,
        lambda: Assignment.objects.filter(decision=decision).count(),
        read=lambda client: (
            hidden_fields(client.get(page), f"{prefix}-submission")
            | {
                f"{prefix}-what": "Ta fram rutinen",
                f"{prefix}-responsible_organisation": str(m.s.town.pk),
            }
        ),
        refusal=already_saved,
    )


def _assignment_move(m):
    assignment = services.assignment_add(
        assignment=Assignment(
            decision=m.item.decision, body=m.body, what="Ta fram rutinen", responsible_organisation=m.s.town
        ),
        user=m.leader,
    )
    return Scenario(
        reverse("meetings:assignment_move", args=[m.body.slug, assignment.pk]),
        m.leader,
        _history(Assignment, assignment.pk, status=Assignment.Status.DONE),
        data={"action": "finish"},
    )


def _create_meeting(m):
    url = reverse("meetings:meeting_create", args=[m.body.slug])
    date = datetime.date(2024, 11, 12)
    return Scenario(
        url,
        m.leader,
        lambda: Meeting.objects.filter(body=m.body, date=date).count(),
        read=lambda client: (
            form_fields(client.get(url))
            | {
                "kind": Meeting.Kind.REGULAR,
                "date": date.isoformat(),
                "start_time": "13:00",
                "end_time": "15:00",
                "mode": Meeting.Mode.PHYSICAL,
            }
        ),
        refusal=already_saved,
    )


def _attach(m):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = m.proposal_item
    url = reverse("meetings:item_edit", args=[m.planned.pk, item.pk])
    return Scenario(
        url,
        m.leader,
        lambda: item.attachments.count(),
        read=lambda client: (
            hidden_fields(client.get(url), "file-submission")
            | {
                "file-title": "Underlag",
                "file-file": lambda: SimpleUploadedFile(
                    "underlag.pdf", b"%PDF-1.4 underlag", "application/pdf"
                ),
            }
        ),
        refusal=already_saved,
    )


SCENARIOS = {
    "mark held": _mark_held,
    "approve": _approve,
    "publish": _publish,
    "record decision": _record_decision,
    "approve at the next meeting": _approve_at_next_meeting,
    "stance": _stance,
    "edit meeting": _edit_meeting,
    "add item": _add_item,
    "edit item": _edit_item,
    "move item": _move_item,
    "remove item": _remove_item,
    "attach a file": _attach,
    "attendance": _attendance,
    "add guest": _guest,
    "save minutes": _minutes_save,
    "correct minutes": _correct,
    "add assignment": _assign,
    "finish assignment": _assignment_move,
    "create meeting": _create_meeting,
}


@pytest.mark.parametrize("action", SCENARIOS)
def test_twenty_clicks_at_once_have_one_effect(meetings, action):
    SCENARIOS[action](meetings).fire()


def test_an_item_added_from_twenty_tabs_at_once_gets_twenty_distinct_numbers(meetings):
    """Twenty pages (each its own one-time key) are twenty items: numbered 1..n without a gap."""
    scenario = _add_item(meetings)
    scenario.fire(expected=20, tabs=True)
    positions = list(meetings.planned.items.values_list("position", flat=True))
    assert sorted(positions) == list(range(1, len(positions) + 1))


def test_twenty_moves_without_a_number_seen_move_one_step_each(meetings):
    """A move posted without the number seen (a script, an old page) is not deduplicated: the
    twenty run one after the other under the meeting's lock, and the numbers stay 1..n."""
    for title in "ABCDE":
        meetings.add_item(meetings.planned, AgendaItem.Kind.INFORMATION, title)
    last = meetings.planned.items.order_by("position").last()
    url = reverse("meetings:item_move", args=[meetings.planned.pk, last.pk])
    double_click(url, user=meetings.leader, data={"direction": "up"}).check()  # no number seen: all move
    positions = list(meetings.planned.items.values_list("position", flat=True))
    assert sorted(positions) == list(range(1, len(positions) + 1))
    assert AgendaItem.objects.get(pk=last.pk).position == 1
