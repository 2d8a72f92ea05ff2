"""A person's own calendar at a secret address: their meetings and deadlines, no session, never
cached publicly, and renewing the address ends the old one."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Membership
from meetings.models import AgendaItem, Assignment, Decision, Meeting
from samverkan import personal_calendar
from samverkan.models import CalendarKey

Role = Membership.Role


@pytest.fixture
def coming(structure):
    """A coming meeting of the NOSAM with a proposal, and an assignment to the member."""
    meeting = Meeting.objects.create(
        body=structure.nosam,
        date=timezone.localdate() + datetime.timedelta(days=10),
        start_time=datetime.time(13),
        end_time=datetime.time(15),
        place="Rum 4, Vårdcentralen",
    )
    item = AgendaItem.objects.create(meeting=meeting, kind=AgendaItem.Kind.DECISION, title="Kortare möten")
    decision = Decision.objects.create(item=item, proposal="NOSAM inför kortare möten")
    Assignment.objects.create(
        body=structure.nosam,
        decision=decision,
        what="Ta fram en rutin",
        responsible_person=structure.people[Role.MEMBER].person,
        due_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    return meeting


def _address(client, user):
    client.force_login(user)
    response = client.post(reverse("governance:calendar_renew"))
    assert response.status_code == 302
    html = client.get(reverse("governance:my_groups")).content.decode()
    url = personal_calendar.address(user)
    assert url in html
    client.logout()
    return url.removeprefix("http://testserver").split("://", 1)[-1].partition("/")[2]


def test_the_calendar_holds_the_members_meetings_and_deadlines_without_a_session(client, structure, coming):
    member = structure.people[Role.MEMBER]
    path = "/" + _address(client, member)
    client.cookies.clear()
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert not response.cookies  # no session read or written
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar.walk("VTIMEZONE")
    summaries = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    meeting = next(event for text, event in summaries.items() if text.startswith("NOSAM Testby"))
    assert str(meeting["LOCATION"]) == "Rum 4, Vårdcentralen"  # a member's calendar has the place
    assert str(meeting["UID"]) == f"meeting-{coming.pk}@samverkansportalen"
    assert "Ta ställning: Kortare möten" in summaries
    assignment = summaries["Se uppdraget: Ta fram en rutin"]
    assert assignment["DTSTART"].dt == timezone.localdate() + datetime.timedelta(days=30)
    # Conditional GET: the same events again are a 304.
    assert client.get(path, headers={"if-none-match": response["ETag"]}).status_code == 304


def test_others_see_only_theirs_and_a_renewed_address_ends_the_old(client, structure, coming):
    member = structure.people[Role.MEMBER]
    old = "/" + _address(client, member)
    outsider_path = "/" + _address(client, structure.outsider)
    outsider = client.get(outsider_path).content.decode()
    assert "Kortare möten" not in outsider and "Rum 4" not in outsider
    new = "/" + _address(client, member)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert CalendarKey.objects.filter(user=member).count() == 1
    for guess in (old[:-10] + "0" * 6 + ".ics", "/kalender/abc.ics", f"/kalender/{member.pk}-.ics"):
        assert client.get(guess).status_code == 404


def test_the_secret_itself_is_not_in_the_address(client, structure):
    member = structure.people[Role.MEMBER]
    path = _address(client, member)
    assert CalendarKey.objects.get(user=member).secret not in path


@pytest.mark.django_db(transaction=True)
def test_renewing_commits_and_the_feed_follows_the_to_do_list(client, structure, coming):
    member = structure.people[Role.MEMBER]
    path = "/" + _address(client, member)
    assert "Ta ställning" in client.get(path).content.decode()
    client.force_login(member)
    decision = Decision.objects.get(item__meeting=coming)
    client.post(reverse("meetings:stance", args=[decision.pk]), {f"d{decision.pk}-position": "support"})
    client.logout()
    assert "Ta ställning" not in client.get(path).content.decode()
