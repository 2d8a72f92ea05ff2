"""Every meetings URL as an anonymous visitor, an outsider, a member, an editor and a communicator
sees it. Drafts and internal attachments never reach anyone outside the body."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from governance.models import Membership
from meetings.models import Assignment, Attachment
from tests.meetings.once import meetings_built_for_the_module, structure_built_for_the_module  # noqa: F401

Role = Membership.Role
LOGIN = "login"
PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture(scope="module")
def built_urls(meetings_built_once, django_db_blocker):
    """The URLs, with the attachments they address, made once for the module's meetings."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=meetings_built_once.media):
        return _urls(meetings_built_once)


@pytest.fixture
def urls(built_urls, meetings_built_once, meetings, settings):
    settings.MEDIA_ROOT = meetings_built_once.media  # where the attachments are
    return built_urls


def _urls(meetings):
    public = Attachment.objects.create(
        item=meetings.item, title="Rutin", file=SimpleUploadedFile("rutin.pdf", PDF), is_public=True
    )
    internal = Attachment.objects.create(
        item=meetings.item, title="Intern", file=SimpleUploadedFile("intern.pdf", PDF), is_public=False
    )
    assignment = Assignment.objects.create(
        body=meetings.body,
        decision=meetings.item.decision,
        what="Förankra",
        responsible_organisation=meetings.s.town,
    )
    published, draft, planned = meetings.published.pk, meetings.draft.pk, meetings.planned.pk
    item = meetings.draft_item.pk
    slug = meetings.body.slug
    decision = meetings.decision.pk
    return {
        "meeting_detail": reverse("meetings:meeting_detail", args=[published]),
        "meeting_detail draft": reverse("meetings:meeting_detail", args=[draft]),
        "meeting_pdf": reverse("meetings:meeting_pdf", args=[published]),
        "meeting_pdf draft": reverse("meetings:meeting_pdf", args=[draft]),
        "meeting_edit": reverse("meetings:meeting_edit", args=[draft]),
        "agenda": reverse("meetings:agenda", args=[planned]),
        "item_edit": reverse("meetings:item_edit", args=[draft, item]),
        "item_move": reverse("meetings:item_move", args=[draft, item]),
        "item_remove": reverse("meetings:item_remove", args=[draft, item]),
        "attachment": reverse("meetings:attachment", args=[published, public.pk]),
        "attachment internal": reverse("meetings:attachment", args=[published, internal.pk]),
        "attendance": reverse("meetings:attendance", args=[draft]),
        "minutes": reverse("meetings:minutes", args=[draft]),
        "guest_add": reverse("meetings:guest_add", args=[draft]),
        "minutes_correct": reverse("meetings:minutes_correct", args=[published]),
        "send_agenda": reverse("meetings:send_agenda", args=[planned]),
        "mark_held": reverse("meetings:mark_held", args=[planned]),
        "approve": reverse("meetings:approve", args=[draft]),
        "publish": reverse("meetings:publish", args=[draft]),
        "stance": reverse("meetings:stance", args=[decision]),
        "assignment_add": reverse("meetings:assignment_add", args=[decision]),
        "body_meetings": reverse("meetings:body_meetings", args=[slug]),
        "meeting_create": reverse("meetings:meeting_create", args=[slug]),
        "assignments": reverse("meetings:assignments", args=[slug]),
        "assignment_move": reverse("meetings:assignment_move", args=[slug, assignment.pk]),
        "review": reverse("meetings:review"),
        "archive": reverse("meetings:archive"),
        "archive_year": reverse("meetings:archive_year", args=[slug, 2024]),
        "search": reverse("meetings:search") + "?q=vårdövergång",
        "minutes_feed": reverse("meetings:minutes_feed"),
        "calendar_all": reverse("meetings:calendar_all"),
        "calendar_body": reverse("meetings:calendar_body", args=[slug]),
    }


POST_ONLY = (LOGIN, 405, 405, 405, 405)
# name: (anonymous, outsider, member, editor (process leader), communicator), for a GET
EXPECTED = {
    "meeting_detail": (200, 200, 200, 200, 200),
    "meeting_detail draft": (404, 404, 200, 200, 200),
    "meeting_pdf": (200, 200, 200, 200, 200),
    "meeting_pdf draft": (404, 404, 404, 404, 404),
    "meeting_edit": (LOGIN, 404, 403, 200, 403),
    "agenda": (LOGIN, 404, 403, 200, 403),
    "item_edit": (LOGIN, 404, 403, 200, 403),
    "item_move": POST_ONLY,
    "item_remove": (LOGIN, 404, 403, 200, 403),  # the confirmation page
    "attachment": (200, 200, 200, 200, 200),
    "attachment internal": (404, 404, 200, 200, 200),
    "attendance": (LOGIN, 404, 403, 200, 403),
    "minutes": (LOGIN, 404, 403, 200, 403),
    "guest_add": POST_ONLY,
    "minutes_correct": POST_ONLY,
    "send_agenda": (LOGIN, 404, 403, 200, 403),  # the confirmation page
    "mark_held": POST_ONLY,
    "approve": (LOGIN, 404, 403, 403, 403),  # the confirmation page, for the chair
    "publish": (LOGIN, 404, 403, 200, 200),  # the confirmation page (saying why not yet)
    "stance": (LOGIN, 404, 200, 403, 403),
    "assignment_add": POST_ONLY,
    "body_meetings": (200, 200, 200, 200, 200),
    "meeting_create": (LOGIN, 403, 403, 200, 403),
    "assignments": (200, 200, 200, 200, 200),
    "assignment_move": POST_ONLY,
    "review": (301, 301, 301, 301, 301),  # to "Att göra"
    "archive": (200, 200, 200, 200, 200),
    "archive_year": (200, 200, 200, 200, 200),
    "search": (200, 200, 200, 200, 200),
    "minutes_feed": (200, 200, 200, 200, 200),
    "calendar_all": (200, 200, 200, 200, 200),
    "calendar_body": (200, 200, 200, 200, 200),
}


def visitors(structure):
    return [
        None,
        structure.outsider,
        structure.people[Role.MEMBER],
        structure.people[Role.PROCESS_LEADER],
        structure.people[Role.COMMUNICATOR],
    ]


def test_the_table_covers_every_meetings_url():
    import samverkan.urls  # noqa: F401  (registers the <year:…> converter the app's routes use)
    from meetings.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == {name.split()[0] for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_who_may_open_what(structure, client, urls, name):
    for visitor, expected in zip(visitors(structure), EXPECTED[name], strict=True):
        client.logout()
        if visitor:
            client.force_login(visitor)
        response = client.get(urls[name])
        if expected == LOGIN:
            assert response.status_code == 302 and response.url.startswith(reverse("login")), (name, visitor)
        else:
            assert response.status_code == expected, (name, visitor)


# --- Every POST in every state ---------------------------------------------------------------------
# For each POST URL: who may (the role), the data a browser sends, and the states where it works.
# Everyone else is refused (anonymous: to the login; outsiders: 404 for internal meetings, else 403;
# members without the role: 403), and so is the role in the other states; a refusal changes nothing.

STATES = ["planned", "held", "drafted", "approved", "published"]
EVERY_STATE = set(STATES)


class World:
    """The planned meeting of the fixture, moved on to ``state``, with an open assignment."""

    def __init__(self, meetings, state):
        from meetings import services

        self.m = meetings
        self.meeting, self.item, self.decision = meetings.planned, meetings.proposal_item, meetings.decision
        if state != "planned":
            services.meeting_mark_held(meeting=self.meeting, user=meetings.leader)
        if state in {"drafted", "approved", "published"}:
            services.decision_record(decision=self.decision, user=meetings.chair, outcome="tabled")
            meetings.write(self.meeting, self.item, "Antecknat")
        if state in {"approved", "published"}:
            services.minutes_approve(meeting=self.meeting, user=meetings.chair)
        if state == "published":
            services.minutes_publish(meeting=self.meeting, user=meetings.communicator)
        self.meeting.refresh_from_db()
        self.item.refresh_from_db()
        self.assignment = Assignment.objects.create(
            body=meetings.body,
            decision=self.decision,
            what="Förankra",
            responsible_organisation=meetings.s.town,
        )

    def fields(self, *forms):
        data = {}
        for form in forms:
            for name, field in form.fields.items():
                value = form.get_initial_for_field(field, name)
                data[form.add_prefix(name)] = "" if value is None else value
        return data


def _minutes(w):
    from meetings.forms import MinutesForm

    form = MinutesForm(None, meeting=w.meeting, items=list(w.meeting.items.select_related("decision")))
    return w.fields(*form.forms) | {f"item-{w.item.pk}-minutes": "Ny anteckning"}


def _attendance(w):
    from meetings.forms import AttendanceForm

    return {f"person_{pk}": "present" for pk in AttendanceForm(meeting=w.meeting).people}


def _meeting_edit(w):
    from meetings.forms import MeetingForm

    return w.fields(MeetingForm(instance=w.meeting)) | {
        "title": "Ny titel",
        "start_time": "13:00",
        "end_time": "15:00",
    }


def _item_edit(w):
    from meetings.forms import ItemEditForm

    return w.fields(ItemEditForm(instance=w.item, prefix="item")) | {"item-title": "Ändrad rubrik"}


M, D = "meeting", "decision"
POST_TABLE = {
    # name: (url of, role, data, states where the role succeeds)
    "meeting_edit": (M, Role.PROCESS_LEADER, _meeting_edit, {"planned", "held", "drafted"}),
    "agenda": (
        M,
        Role.PROCESS_LEADER,
        lambda w: {"kind": "information", "title": "Ny punkt"},
        {"planned", "held", "drafted"},
    ),
    "item_edit": ("item", Role.PROCESS_LEADER, _item_edit, {"planned", "held", "drafted"}),
    "item_move": ("item", Role.PROCESS_LEADER, lambda w: {"direction": "up"}, {"planned", "held", "drafted"}),
    "item_remove": ("item", Role.PROCESS_LEADER, lambda w: {}, {"planned"}),
    "attendance": (M, Role.PROCESS_LEADER, _attendance, {"planned", "held", "drafted"}),
    "guest_add": (
        M,
        Role.PROCESS_LEADER,
        lambda w: {
            "guest-first_name": "Sara",
            "guest-last_name": "Kansli",
            "guest-organisation": w.m.s.region.pk,
        },
        {"planned", "held", "drafted"},
    ),
    "minutes": (M, Role.PROCESS_LEADER, _minutes, {"planned", "held", "drafted"}),
    "minutes_correct": (
        M,
        Role.PROCESS_LEADER,
        lambda w: {
            "correction-item": w.item.pk,
            "correction-field": "minutes",
            "correction-after": "Rättad anteckning",
            "correction-reason": "Fel i texten",
        },
        {"published"},
    ),
    "send_agenda": (M, Role.PROCESS_LEADER, lambda w: {}, {"planned"}),
    "mark_held": (M, Role.PROCESS_LEADER, lambda w: {}, {"planned"}),
    "approve": (M, Role.CHAIR, lambda w: {}, {"drafted"}),
    "publish": (M, Role.COMMUNICATOR, lambda w: {}, {"approved"}),
    "stance": (D, Role.MEMBER, lambda w: {f"d{w.decision.pk}-position": "support"}, {"planned", "held"}),
    "assignment_add": (
        D,
        Role.PROCESS_LEADER,
        lambda w: {
            f"as{w.decision.pk}-what": "Nytt uppdrag",
            f"as{w.decision.pk}-responsible_organisation": w.m.s.town.pk,
        },
        EVERY_STATE,
    ),
    "assignment_move": ("assignment", Role.PROCESS_LEADER, lambda w: {"action": "start"}, EVERY_STATE),
    "meeting_create": (
        "body",
        Role.PROCESS_LEADER,
        lambda w: {
            "kind": "regular",
            "date": "2025-03-04",
            "start_time": "13:00",
            "end_time": "15:00",
            "mode": "digital",
        },
        EVERY_STATE,
    ),
}


def _url(w, name, of):
    args = {
        M: [w.meeting.pk],
        "item": [w.meeting.pk, w.item.pk],
        D: [w.decision.pk],
        "assignment": [w.m.body.slug, w.assignment.pk],
        "body": [w.m.body.slug],
    }[of]
    return reverse(f"meetings:{name}", args=args)


def _snapshot():
    """Everything a POST could change: rows and history rows of every meetings model, people, mail."""
    from django.core import mail

    from governance.models import Person
    from meetings.models import AgendaItem, Attendance, Decision, Meeting, MinutesCorrection, Stance

    models = [Meeting, AgendaItem, Attachment, Attendance, Decision, Stance, Assignment, MinutesCorrection]
    return [(m.objects.count(), m.history.count()) for m in models] + [
        Person.objects.count(),
        len(mail.outbox),
    ]


def test_the_post_table_covers_every_post_url():
    assert {name for name, expected in EXPECTED.items() if expected == POST_ONLY} | {
        "meeting_edit",
        "agenda",
        "item_edit",
        "attendance",
        "minutes",
        "meeting_create",
        "stance",
        # Confirmed actions: GET is their confirmation page.
        "item_remove",
        "send_agenda",
        "approve",
        "publish",
    } == set(POST_TABLE)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("name", sorted(POST_TABLE))
def test_who_may_post_what_in_every_state(structure, client, meetings, name, state):
    of, role, data_of, allowed = POST_TABLE[name]
    w = World(meetings, state)
    url, data = _url(w, name, of), data_of(w)
    internal = state != "published" or of in {"body", "assignment"}
    refusals = [
        (None, "login"),
        (structure.outsider, 404 if internal and of not in {"body", "assignment"} else 403),
    ]
    if role != Role.MEMBER:
        refusals.append((structure.people[Role.MEMBER], 403))
    for visitor, expected in refusals:
        client.logout()
        if visitor:
            client.force_login(visitor)
        before = _snapshot()
        response = client.post(url, data)
        if expected == "login":
            assert response.status_code == 302 and response.url.startswith(reverse("login")), visitor
        else:
            assert response.status_code == expected, (visitor, response.status_code)
        assert _snapshot() == before, visitor
    client.force_login(structure.people[role])
    before = _snapshot()
    response = client.post(url, data)
    if state in allowed:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert _snapshot() != before
    else:
        assert response.status_code in {200, 302}
        assert _snapshot() == before, "a refused POST changed something"
