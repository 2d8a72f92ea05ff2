""" "Att göra": what waits for a person across their seats, derived from the records, one query per
kind (the same count for 1 seat and 20), only the person's own, and moving with the workflow."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionPlan, Activity, CollaborationPlan, FocusArea, Goal
from governance.models import Body, Membership
from governance.permissions import sync_user_permissions
from meetings import services as meeting_services
from meetings.models import AgendaItem, Assignment, Decision, Meeting
from reports.models import AnnualReport, ReportSection
from samverkan import personal_calendar, todo

Role = Membership.Role
Status = Meeting.Status


def _meeting(body, status, days, **extra):
    return Meeting.objects.create(
        body=body,
        date=timezone.localdate() + datetime.timedelta(days=days),
        start_time=datetime.time(13),
        end_time=datetime.time(15),
        status=status,
        **extra,
    )


def _proposal(meeting, title):
    item = AgendaItem.objects.create(meeting=meeting, kind=AgendaItem.Kind.DECISION, title=title)
    return Decision.objects.create(item=item, proposal=f"Förslag: {title}")


class Work:
    """Bodies with something in every kind of to-do, and a person who takes seats in them."""

    def __init__(self, structure):
        self.s = structure
        self.cplan = CollaborationPlan.objects.create(
            period="2024-2025", title="Plan", overarching_goal="Mål"
        )
        self.area = FocusArea.objects.create(collaboration_plan=self.cplan, name="Vårdövergångar", order=1)
        self.report = AnnualReport.objects.create(
            year=2025, adopting_body=structure.lgs, due_date=timezone.localdate() - datetime.timedelta(days=3)
        )
        self.bodies = []

    def body(self, n):
        """A new body with pending work of every kind."""
        body = Body.objects.create(
            name=f"NOSAM Arbete {n}", slug=f"nosam-arbete-{n}", kind=self.s.local_kind, parent=self.s.lgs
        )
        planned = _meeting(body, Status.PLANNED, 7)
        _proposal(planned, f"Förslag {n}")
        _meeting(body, Status.HELD, -20)
        _meeting(body, Status.MINUTES_DRAFTED, -30)
        given = _meeting(body, Status.MINUTES_APPROVED, -40)
        decision = _proposal(given, f"Beslutat {n}")
        Decision.objects.filter(pk=decision.pk).update(outcome=Decision.Outcome.DECIDED)
        Assignment.objects.create(
            body=body,
            decision=decision,
            what=f"Uppdrag {n}",
            responsible_organisation=self.s.town,
            due_date=timezone.localdate() - datetime.timedelta(days=1),
        )
        ReportSection.objects.create(report=self.report, body=body, order=n)
        ReportSection.objects.create(
            report=self.report,
            is_thematic=True,
            body=self.s.lgs,
            title=f"Tema {n}",
            status=ReportSection.Status.SUBMITTED,
            summary="Klart",
        )
        submitted = ActionPlan.objects.create(
            body=body, period="2026", collaboration_plan=self.cplan, status=ActionPlan.Status.SUBMITTED
        )
        Goal.objects.create(plan=submitted, focus_area=self.area, text="Delmål", order=1)
        adopted = ActionPlan.objects.create(
            body=body,
            period="2025",
            collaboration_plan=self.cplan,
            status=ActionPlan.Status.ADOPTED,
            adopted_on=datetime.date(2025, 1, 15),
        )
        goal = Goal.objects.create(plan=adopted, focus_area=self.area, text="Delmål", order=1)
        Activity.objects.create(plan=adopted, goal=goal, what=f"Aktivitet {n}", order=1)
        self.bodies.append(body)
        return body

    def seat(self, user, body, role):
        Membership.objects.create(body=body, person=user.person, role=role, start_date=self.s.start)
        sync_user_permissions(user)


@pytest.fixture
def work(structure):
    return Work(structure)


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_the_page_runs_as_many_queries_for_20_seats_as_for_one(client, work, structure):
    person = structure.user("manysits")
    structure.seat(work.body(0), Role.MEMBER, username="seated")  # someone else in the same body
    from governance.models import Person

    Person.objects.create(first_name="Många", last_name="Platser", organisation=structure.town, user=person)
    work.seat(person, work.bodies[0], Role.CHAIR)
    work.seat(person, structure.lgs, Role.PROCESS_LEADER)  # reviews the sections, adopts the plans
    personal_calendar.calendar_key_renew(user=person)
    feed = personal_calendar.address(person).split("://", 1)[1].partition("/")[1:]
    feed = "".join(feed)
    feed_one, _feed = _queries(client, feed)
    client.force_login(person)
    url = reverse("todo")
    one, response = _queries(client, url)
    rows_with_one = response.content.decode().count('class="todo-title"')
    for n in range(1, 20):
        work.seat(person, work.body(n), Role.CHAIR if n % 2 else Role.PROCESS_LEADER)
    twenty, response = _queries(client, url)
    html = response.content.decode()
    assert twenty == one, f"{one} queries with one seat, {twenty} with twenty"
    client.logout()
    feed_twenty, response = _queries(client, feed)
    assert feed_twenty == feed_one, "the personal calendar grows with the seats"
    assert response.content.decode().count("BEGIN:VEVENT") > 40
    assert html.count('class="todo-title"') > 10 * rows_with_one
    for heading in (
        "Ställningstaganden att göra",
        "Minnesanteckningar att skriva",
        "Minnesanteckningar att godkänna",
        "Godkända minnesanteckningar att publicera",
        "Avsnitt i årsrapporten att skriva",
        "Avsnitt i årsrapporten att granska",
        "Handlingsplaner att fastställa",
        "Uppföljningar att göra",
        "Uppdrag",
        "Kallelser att skicka",
    ):
        assert heading in html, heading
    # The header's count is one query, and says the same number as the page.
    assert todo.count(person) == html.count('class="todo-title"')
    with CaptureQueriesContext(connection) as queries:
        todo.count(person)
    assert len(queries) == 1


def test_overdue_rows_say_so_in_words(client, work, structure):
    work.body(0)
    leader = structure.seat(work.bodies[0], Role.PROCESS_LEADER, username="pl0")
    client.force_login(leader)
    html = client.get(reverse("todo")).content.decode()
    assert 'class="overdue"' in html and "Försenad" in html  # the section (due 3 days ago) and the assignment


def test_each_person_sees_only_their_own(client, work, structure):
    body = work.body(0)
    member = structure.seat(body, Role.MEMBER, username="ledamot0")
    client.force_login(member)
    html = client.get(reverse("todo")).content.decode()
    assert "Förslag 0" in html
    assert "Minnesanteckningar att godkänna" not in html  # a member approves nothing
    # Members of other bodies, logins without a seat and the structure's NOSAM see none of it.
    for user in (structure.outsider, structure.people[Role.CHAIR]):
        client.force_login(user)
        assert "Förslag 0" not in client.get(reverse("todo")).content.decode()
    client.logout()
    response = client.get(reverse("todo"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_a_site_administrator_gets_the_work_of_their_seats_not_of_every_body(client, work, structure):
    work.body(0)
    admin = structure.user("admin0")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    client.force_login(admin)
    html = client.get(reverse("todo")).content.decode()
    assert "Inget väntar på dig just nu." in html


def test_the_header_counts_for_members_and_visitors_pay_nothing(client, work, structure):
    body = work.body(0)
    member = structure.seat(body, Role.MEMBER, username="ledamot1")
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("governance:organisation_chart")).content.decode()
    assert "UNION" not in " ".join(q["sql"] for q in queries) and "Att göra" not in html
    client.force_login(member)
    html = client.get(reverse("governance:organisation_chart")).content.decode()
    assert re.search(r'Att göra <span class="count" aria-hidden="true">1</span>', html)
    assert "en sak väntar på dig" in html


def test_the_old_review_address_leads_to_the_to_do_list(client, structure):
    response = client.get("/att-granska/")
    assert response.status_code == 301 and response.url == reverse("todo")


@pytest.mark.django_db(transaction=True)
def test_the_list_follows_the_workflow_in_committed_transactions(client, structure):
    """Stance requested → listed; given → gone; minutes drafted → the chair approves from the list;
    approved → the communicator publishes; published → gone."""
    body = structure.nosam
    leader, chair = structure.people[Role.PROCESS_LEADER], structure.people[Role.CHAIR]
    member, communicator = structure.people[Role.MEMBER], structure.people[Role.COMMUNICATOR]
    meeting = meeting_services.meeting_create(
        meeting=Meeting(
            body=body,
            date=timezone.localdate() + datetime.timedelta(days=5),
            start_time=datetime.time(13),
            end_time=datetime.time(15),
        ),
        user=leader,
    )
    item = meeting_services.item_add(
        item=AgendaItem(meeting=meeting, kind=AgendaItem.Kind.DECISION, title="Kortare möten"),
        user=leader,
        proposal="NOSAM inför kortare möten",
    )

    def listed(user, text):
        client.force_login(user)
        return text in client.get(reverse("todo")).content.decode()

    assert listed(leader, "Gör och skicka kallelsen")
    stance_url = reverse("meetings:stance", args=[item.decision.pk])
    assert listed(member, stance_url)
    form = client.get(stance_url)
    assert form.status_code == 200 and "NOSAM inför kortare möten" in form.content.decode()
    response = client.post(stance_url, {f"d{item.decision.pk}-position": "support"})
    assert response.status_code == 302 and response.url == reverse("todo")
    assert not listed(member, stance_url)
    meeting_services.meeting_mark_held(meeting=meeting, user=leader)
    meeting_services.decision_record(decision=item.decision, user=chair, outcome=Decision.Outcome.DECIDED)
    meeting.refresh_from_db()
    meeting_services.minutes_save(meeting=meeting, user=leader, version=meeting.version)
    assert listed(chair, "Läs och godkänn minnesanteckningarna")
    assert not listed(communicator, "Publicera minnesanteckningarna")
    meeting.refresh_from_db()
    meeting_services.minutes_approve(meeting=meeting, user=chair)
    assert not listed(chair, "Läs och godkänn minnesanteckningarna")
    assert listed(communicator, "Publicera minnesanteckningarna")
    meeting.refresh_from_db()
    meeting_services.minutes_publish(meeting=meeting, user=communicator)
    assert not listed(communicator, "Publicera minnesanteckningarna")
