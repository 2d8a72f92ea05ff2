"""The archive, minutes and search pages run a constant number of queries at any data size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Membership
from meetings.models import AgendaItem, Attendance
from tests.meetings.once import meetings_built_for_the_module, structure_built_for_the_module  # noqa: F401

Role = Membership.Role


def grow(meetings, structure, n=3):
    """n more published meetings, each with items, decisions and attendance: a query per meeting,
    item or person would add at least three (and every page here stays within its first page)."""
    people = [user.person for user in structure.people.values()]
    for i in range(n):
        meeting = meetings.meeting(datetime.date(2023, 1, 10) + datetime.timedelta(days=7 * i))
        for j in range(3):
            item = meetings.add_item(meeting, AgendaItem.Kind.DECISION, f"Vårdövergång {i}.{j}", "Förslag")
            item.minutes = "Text om vårdövergång och samverkan."
            item.save()
            meetings.record(item.decision, "decided")
        for person in people:
            Attendance.objects.create(meeting=meeting, person=person, organisation=person.organisation)
        meetings.publish(meeting)
    item = meetings.published.items.order_by("position").last()
    for j in range(10):
        meetings_item = AgendaItem.objects.create(
            meeting=meetings.published, position=10 + j, title=f"Extra {j}"
        )
        meetings_item.minutes = "vårdövergång"
    for person in people:
        Attendance.objects.get_or_create(
            meeting=meetings.published, person=person, defaults={"organisation": person.organisation}
        )
    return item


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


PAGES = {
    "archive": (lambda m: reverse("meetings:archive"), 3),  # the page of groups, counted, and their years
    "archive year": (lambda m: reverse("meetings:archive_year", args=[m.body.slug, 2024]), 3),
    "minutes": (lambda m: m.published.get_absolute_url(), 6),  # with its corrections
    "search": (lambda m: reverse("meetings:search") + "?q=vårdövergång", 9),
    # The body, its years, the coming meetings and the past ones of the latest year.
    "body meetings": (lambda m: reverse("meetings:body_meetings", args=[m.body.slug]), 4),
    # The body page also runs the other apps' sections: only its growth is pinned here.
    "body page": (lambda m: reverse("governance:body_detail", args=[m.body.slug]), None),
    "assignments": (lambda m: reverse("meetings:assignments", args=[m.body.slug]), 2),
}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "member"])
def test_the_query_count_does_not_grow_with_the_data(client, meetings, structure, page, logged_in):
    url_of, anonymous = PAGES[page]
    if logged_in:
        client.force_login(structure.people[Role.MEMBER])
    before = count(client, url_of(meetings))
    grow(meetings, structure)
    assert count(client, url_of(meetings)) == before
    if not logged_in and anonymous is not None:
        assert before == anonymous


def test_the_minutes_editor_and_review_do_not_grow(client, meetings, structure):
    client.force_login(meetings.leader)
    meetings.add_item(meetings.draft, AgendaItem.Kind.DECISION, "Första", "Förslag")
    urls = [
        reverse("meetings:minutes", args=[meetings.draft.pk]),
        reverse("meetings:agenda", args=[meetings.planned.pk]),
    ]
    before = [count(client, url) for url in urls]
    for i in range(8):
        meetings.add_item(meetings.draft, AgendaItem.Kind.DECISION, f"Punkt {i}", "Förslag")
        meetings.add_item(meetings.planned, AgendaItem.Kind.DECISION, f"Punkt {i}", "Förslag")
    assert [count(client, url) for url in urls] == before
    client.force_login(meetings.member)
    url = reverse("meetings:stance", args=[meetings.decision.pk])
    before = count(client, url)
    for i in range(5):
        meetings.add_item(meetings.planned, AgendaItem.Kind.DECISION, f"Mer {i}", "Förslag")
    assert count(client, url) == before
