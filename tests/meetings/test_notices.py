"""E-mail notices to whoever acts next: the table, the recipients from the role map (never the
actor), Swedish HTML and text with the absolute link, the preferences (immediately, daily digest,
off), the daily digest and assignment reminders, once each however often they run."""

import datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from governance import notices
from governance.models import DigestEntry, Membership, NoticePreference, NoticeSent
from governance.permissions import ROLE_PERMISSIONS
from governance.services import notice_preferences_save
from meetings import services
from meetings.models import Assignment, Stance
from samverkan import outbox
from samverkan.models import OutboxMessage

Role = Membership.Role
pytestmark = pytest.mark.django_db(transaction=True)  # mails leave after the commit


def sent_to(address, subject_start=""):
    return [m for m in mail.outbox if address in m.to and m.subject.startswith(subject_start)]


def test_every_kind_names_a_role_map_permission_and_the_table_prints():
    granted = set().union(*ROLE_PERMISSIONS.values())
    assert {n.permission for n in notices.NOTICES.values()} <= granted
    assert all(notices.roles_holding(n.permission) for n in notices.NOTICES.values())
    text = notices.table()
    assert text.count("\n") == len(notices.NOTICES) + 1
    assert "`objection_raised`" in text and "manage_meetings" in text
    print("\n" + text)


@override_settings(SITE_URL="https://samverkan.example.se")
def test_approved_minutes_reach_the_publishers_in_swedish_html_and_text_with_the_link(meetings):
    mail.outbox = []
    services.minutes_approve(meeting=meetings.draft, user=meetings.chair)
    to_publish = [m for m in mail.outbox if m.subject.startswith("Minnesanteckningar att publicera")]
    assert sorted(m.to[0] for m in to_publish) == ["communicator@example.se", "process_leader@example.se"]
    message = to_publish[0]
    link = f"https://samverkan.example.se{meetings.draft.get_absolute_url()}"
    assert link in message.body and "Publicera minnesanteckningarna" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="{link}"' in html and '<html lang="sv">' in html
    assert "https://samverkan.example.se/mina-sidor/aviseringar/" in message.body
    assert not sent_to("chair@example.se")  # the actor never gets their own notice


def test_an_objection_reaches_the_chair_and_the_process_leader_not_the_objector(meetings):
    mail.outbox = []
    services.stance_set(
        decision=meetings.decision,
        user=meetings.member,
        position=Stance.Position.OBJECTION,
        reason="För tidigt",
    )
    objections = [m for m in mail.outbox if m.subject.startswith("Invändning")]
    assert sorted(m.to[0] for m in objections) == ["chair@example.se", "process_leader@example.se"]
    assert "För tidigt" in objections[0].body and "Member Testsson invänder" in objections[0].body
    # Supporting changes nothing; objecting again is a new objection.
    services.stance_set(decision=meetings.decision, user=meetings.member, position=Stance.Position.SUPPORT)
    services.stance_set(
        decision=meetings.decision,
        user=meetings.member,
        position=Stance.Position.OBJECTION,
        reason="Ändå nej",
    )
    assert len([m for m in mail.outbox if m.subject.startswith("Invändning")]) == 4


def test_sending_the_agenda_asks_for_stances_and_attaches_the_meeting(meetings):
    mail.outbox = []
    services.meeting_send_agenda(meeting=meetings.planned, user=meetings.leader)
    agenda = sent_to("member@example.se", "Kallelse")[0]
    assert agenda.attachments[0][0] == "mote.ics" and "Ny mötesform" in agenda.body
    stances = sent_to("member@example.se", "Ta ställning")[0]
    assert "NOSAM inför kortare möten" in stances.body
    assert not sent_to("communicator@example.se", "Ta ställning")  # takes no stance
    assert not sent_to("process_leader@example.se")  # sent it


def test_minutes_ready_published_and_the_group(meetings):
    mail.outbox = []
    meeting = meetings.planned
    services.meeting_mark_held(meeting=meeting, user=meetings.leader)
    meetings.record(meetings.decision, "decided")
    assert not any(m.subject.startswith("Minnesanteckningar att godkänna") for m in mail.outbox)
    meetings.write(meeting, meetings.proposal_item, "Beslutat.")  # drafted, every decision recorded
    ready = sorted(m.to[0] for m in mail.outbox if m.subject.startswith("Minnesanteckningar att godkänna"))
    assert ready == ["chair@example.se", "vice_chair@example.se"]
    meetings.write(meeting, meetings.proposal_item, "Beslutat, ändrat.")
    assert len([m for m in mail.outbox if m.subject.startswith("Minnesanteckningar att godkänna")]) == 2
    meetings.publish(meeting)
    published = {m.to[0] for m in mail.outbox if m.subject.startswith("Minnesanteckningar publicerade")}
    assert "member@example.se" in published and "communicator@example.se" not in published


def test_off_sends_nothing_and_digest_sends_one_mail_the_next_day(meetings, structure):
    chair = structure.people[Role.CHAIR]
    notice_preferences_save(person=chair.person, user=chair, choices={"objection_raised": "off"})
    notice_preferences_save(
        person=structure.people[Role.PROCESS_LEADER].person,
        user=structure.people[Role.PROCESS_LEADER],
        choices={"objection_raised": "digest"},
    )
    mail.outbox = []
    services.stance_set(
        decision=meetings.decision, user=meetings.member, position=Stance.Position.OBJECTION, reason="Nej"
    )
    assert mail.outbox == []  # the chair: off; the process leader: tomorrow's digest
    assert DigestEntry.objects.count() == 1
    today = timezone.localdate()
    assert notices.send_digests(today) == 0  # not before the day is over
    tomorrow = today + datetime.timedelta(days=1)
    assert notices.send_digests(tomorrow) == 1
    assert notices.send_digests(tomorrow) == 0  # a second run (beat fired twice) sends nothing
    assert [m.to for m in mail.outbox] == [["process_leader@example.se"]]
    digest = mail.outbox[0]
    assert digest.subject.startswith("Dina aviseringar") and "Invändning" in digest.body
    assert "text/html" in digest.alternatives[0][1]
    assert DigestEntry.objects.count() == 0


def test_a_notice_is_given_once_and_a_delivery_tried_twice_sends_once(meetings):
    mail.outbox = []
    notify = lambda: notices.notify(  # noqa: E731
        "minutes_approved",
        key="minutes-approved:test",
        body=meetings.body,
        obj=meetings.draft,
        url="/",
        actor=meetings.chair,
    )
    assert len(notify()) == 2 and notify() == []
    assert NoticeSent.objects.filter(key="minutes-approved:test").count() == 1
    rows = OutboxMessage.objects.filter(key__startswith="notice:minutes-approved:test:")
    assert rows.count() == 2 and len(mail.outbox) == 2
    for row in rows:
        assert outbox.deliver(row.pk) is None  # done already: the retried delivery sends nothing
    assert len(mail.outbox) == 2


def test_assignment_given_due_and_overdue_once_each(meetings, structure):
    today = timezone.localdate()
    responsible = structure.people[Role.MEMBER].person
    mail.outbox = []
    services.assignment_add(
        assignment=Assignment(
            body=meetings.body,
            decision=meetings.item.decision,
            what="Ta fram rutin",
            responsible_person=responsible,
            due_date=today + datetime.timedelta(days=7),
        ),
        user=meetings.leader,
    )
    services.assignment_add(
        assignment=Assignment(
            body=meetings.body,
            decision=meetings.item.decision,
            what="Kommunen utreder",
            responsible_organisation=structure.town,
            due_date=today - datetime.timedelta(days=2),
        ),
        user=meetings.leader,
    )
    assert [m.to for m in mail.outbox if m.subject.startswith("Nytt uppdrag: Ta fram")] == [
        ["member@example.se"]
    ]
    # Only an organisation responsible: the group's chair (the process leader gave it).
    assert [m.to for m in mail.outbox if m.subject.startswith("Nytt uppdrag: Kommunen")] == [
        ["chair@example.se"]
    ]
    mail.outbox = []
    assert services.assignment_reminders(today) == 2
    assert services.assignment_reminders(today) == 0
    assert services.assignment_reminders(today + datetime.timedelta(days=1)) == 0
    assert [m.to for m in mail.outbox if m.subject.startswith("Uppdrag klart senast")] == [
        ["member@example.se"]
    ]
    overdue = sorted(m.to[0] for m in mail.outbox if m.subject.startswith("Försenat uppdrag"))
    assert overdue == ["chair@example.se", "process_leader@example.se"]


def test_the_preferences_page_saves_each_kind(structure, client):
    user = structure.people[Role.MEMBER]
    client.force_login(user)
    url = reverse("governance:notice_preferences")
    page = client.get(url)
    assert page.status_code == 200 and "Aviseringar per e-post" in page.content.decode()
    data = {kind: "immediately" for kind in notices.NOTICES} | {
        "agenda_sent": "off",
        "stance_requested": "digest",
    }
    assert client.post(url, data).status_code == 302
    chosen = dict(NoticePreference.objects.filter(person=user.person).values_list("kind", "delivery"))
    assert chosen == {"agenda_sent": "off", "stance_requested": "digest"}  # defaults store nothing
    assert client.post(url, {kind: "never" for kind in notices.NOTICES}).status_code == 200
    client.force_login(structure.outsider)  # a login without a person has no settings
    assert client.get(url).status_code == 403
