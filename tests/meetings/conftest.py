"""Meetings on the test structure's NOSAM, where someone holds every role."""

import copy
import datetime

import pytest

from governance.models import Membership
from meetings import services
from meetings.models import AgendaItem, Decision, Meeting

Role = Membership.Role


class Meetings:
    """A published meeting with minutes, a draft, and a planned one with a proposed decision."""

    def __init__(self, structure):
        self.s = structure
        self.body = structure.nosam
        self.leader = structure.people[Role.PROCESS_LEADER]
        self.chair = structure.people[Role.CHAIR]
        self.member = structure.people[Role.MEMBER]
        self.communicator = structure.people[Role.COMMUNICATOR]
        self.published = self.meeting(datetime.date(2024, 3, 12))
        self.item = self.add_item(
            self.published, AgendaItem.Kind.DECISION, "Trygga vårdövergångar", "Rutin för vårdövergång"
        )
        self.record(self.item.decision, Decision.Outcome.DECIDED)
        self.write(self.published, self.item, "Gemensam rutin för vårdövergång mellan sjukhus och kommun.")
        self.publish(self.published)
        self.draft = self.meeting(datetime.date(2024, 5, 14))
        self.draft_item = self.add_item(self.draft, AgendaItem.Kind.INFORMATION, "Hemligt utkast om budget")
        services.meeting_mark_held(meeting=self.draft, user=self.leader)
        self.write(self.draft, self.draft_item, "Utkast som inte får synas.")
        self.planned = self.meeting(datetime.date(2024, 9, 10))
        self.proposal_item = self.add_item(
            self.planned, AgendaItem.Kind.DECISION, "Ny mötesform", "NOSAM inför kortare möten"
        )
        self.decision = self.proposal_item.decision

    def meeting(self, date, start="13:00", end="15:00", **extra):
        meeting = Meeting(
            body=self.body,
            date=date,
            start_time=datetime.time.fromisoformat(start),
            end_time=datetime.time.fromisoformat(end),
            **extra,
        )
        return services.meeting_create(meeting=meeting, user=self.leader)

    def add_item(self, meeting, kind, title, proposal=""):
        return services.item_add(
            item=AgendaItem(meeting=meeting, kind=kind, title=title), user=self.leader, proposal=proposal
        )

    def write(self, meeting, item, minutes, **texts):
        """Write ``item``'s minutes through the minutes editor's service (the whole minutes)."""
        meeting.refresh_from_db()
        item.refresh_from_db()
        decision = getattr(item, "decision", None)
        texts = {"minutes": minutes, "dialogue": "", "decision": decision.text if decision else ""} | texts
        return services.minutes_save(
            meeting=meeting, user=self.leader, version=meeting.version, items=[(item, item.version, texts)]
        )

    def record(self, decision, outcome):
        meeting = decision.item.meeting
        if meeting.status in {Meeting.Status.PLANNED, Meeting.Status.AGENDA_SENT}:
            services.meeting_mark_held(meeting=meeting, user=self.leader)
        return services.decision_record(decision=decision, user=self.chair, outcome=outcome)

    def publish(self, meeting):
        meeting.refresh_from_db()
        if meeting.status in {Meeting.Status.PLANNED, Meeting.Status.AGENDA_SENT}:
            services.meeting_mark_held(meeting=meeting, user=self.leader)
        if meeting.status == Meeting.Status.HELD:
            services.minutes_save(meeting=meeting, user=self.leader, version=meeting.version)
        services.minutes_approve(meeting=meeting, user=self.chair)
        services.minutes_publish(meeting=meeting, user=self.communicator)
        meeting.refresh_from_db()
        return meeting


@pytest.fixture
def meetings(structure):
    return Meetings(structure)


@pytest.fixture(scope="module")
def meetings_built_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The structure and its meetings built once for a module (about half a second a test less),
    in a transaction rolled back after it. A module whose tests change the meetings only inside
    their own savepoint takes ``meetings_once`` as its ``meetings``."""
    from django.test import override_settings

    from tests.conftest import Structure, module_transaction

    media = tmp_path_factory.mktemp("meetings")
    with module_transaction(django_db_blocker), override_settings(MEDIA_ROOT=media):
        built = Meetings(Structure())
        built.media = media
        yield built


@pytest.fixture
def meetings_once(meetings_built_once, db):
    """The module's meetings, with fresh copies of the rows a test moves (in memory or saved:
    the module's own objects would keep a state that the savepoint's end undid). The files a
    test stores go to its own directory, as in every test."""
    fresh = copy.copy(meetings_built_once)
    for name in ("published", "item", "draft", "draft_item", "planned", "proposal_item", "decision"):
        row = getattr(meetings_built_once, name)
        setattr(fresh, name, type(row).objects.get(pk=row.pk))
    return fresh


def minutes_data(client, meeting):
    """The minutes editor's fields as a browser would send them, unchanged."""
    from django.urls import reverse

    form = client.get(reverse("meetings:minutes", args=[meeting.pk])).context["form"]
    data = {}
    for part in form.forms:
        for name, field in part.fields.items():
            value = part.get_initial_for_field(field, name)
            data[part.add_prefix(name)] = "" if value is None else value
    return data


def minutes_post(client, meeting, **changes):
    """POST the minutes editor as a browser would: every field as shown, with ``changes``."""
    from django.urls import reverse

    return client.post(
        reverse("meetings:minutes", args=[meeting.pk]), minutes_data(client, meeting) | changes
    )
