"""Pages run a constant number of SQL queries, however large the structure grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Body, Membership, Organisation, Person
from governance.notices import NOTICES

Role = Membership.Role


def grow(structure, n=25):
    """n more bodies under the NOSAM, each with a member, and n more people in the NOSAM."""
    for i in range(n):
        part = Organisation.objects.create(
            name=f"Del {i}", slug=f"del-{i}", kind="municipality", parent=structure.town
        )
        body = Body.objects.create(
            name=f"Lokal grupp {i}", slug=f"lokal-{i}", kind=structure.local_kind, parent=structure.nosam
        )
        person = Person.objects.create(first_name=f"P{i}", last_name="Växer", organisation=part)
        Membership.objects.create(body=body, person=person, role=Role.MEMBER)
        Membership.objects.create(body=structure.nosam, person=person, role=Role.MEMBER)
        Membership.objects.create(
            body=body, person=structure.people[Role.PROCESS_LEADER].person, role=Role.MEMBER
        )


def count_queries(client, url):
    """Queries of one request, after a first one has warmed the process-wide caches."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


PAGES = {
    "home": (lambda s: reverse("home"), 1),
    "organisation chart": (lambda s: reverse("governance:organisation_chart"), 3),
    "body page": (lambda s: reverse("governance:body_detail", args=[s.nosam.slug]), 2),
    "organisation page": (lambda s: reverse("governance:organisation_detail", args=[s.town.slug]), 3),
}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "process leader"])
def test_the_query_count_does_not_grow_with_the_data(structure, client, page, logged_in):
    """With every app's sections on the body page, as the portal runs."""
    url_of, _ = PAGES[page]
    if logged_in:
        client.force_login(structure.people[Role.PROCESS_LEADER])
    before = count_queries(client, url_of(structure))
    grow(structure)
    assert count_queries(client, url_of(structure)) == before


@pytest.mark.parametrize("page", sorted(PAGES))
def test_governance_itself_runs_these_queries(structure, client, settings, page):
    """Governance's own share, without the sections other apps add to the body page."""
    settings.BODY_PAGE_SECTIONS = []
    url_of, queries = PAGES[page]
    grow(structure)
    assert count_queries(client, url_of(structure)) == queries


def test_my_groups_does_not_grow_with_the_number_of_seats(structure, client):
    client.force_login(structure.people[Role.PROCESS_LEADER])
    before = count_queries(client, reverse("governance:my_groups"))
    grow(structure)
    assert count_queries(client, reverse("governance:my_groups")) == before


def test_the_notice_settings_page_runs_a_fixed_number_of_queries(structure, client):
    """Session, user, person, their choices and the header's to-do count, at any number of kinds."""
    user = structure.people[Role.PROCESS_LEADER]
    client.force_login(user)
    url = reverse("governance:notice_preferences")
    before = count_queries(client, url)
    grow(structure)
    choices = {kind: "immediately" for kind in NOTICES} | {"agenda_sent": "digest", "stance_requested": "off"}
    assert client.post(url, choices).status_code == 302
    assert count_queries(client, url) == before == 5


@pytest.mark.parametrize("name", ["subscribe_minutes", "subscribe_report"])
def test_the_subscription_forms_run_at_most_one_query(structure, client, name):
    url = reverse(f"governance:{name}", args=[structure.nosam.slug] if name == "subscribe_minutes" else [])
    assert count_queries(client, url) == (1 if name == "subscribe_minutes" else 0)
