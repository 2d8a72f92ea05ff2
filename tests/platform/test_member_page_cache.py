"""Members' pages and search from the cache: a member gets their own stored page, never anyone
else's, and sees every committed change (their own, another's, a seat that ended) at once."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance import services as governance_services
from governance.models import Body, BodyUserObjectPermission, Membership
from meetings.models import Stance
from samverkan import pagecache
from tests.meetings.conftest import Meetings

Role = Membership.Role


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The page cache on, as the portal runs (tests/conftest.py turns it off elsewhere)."""
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def meetings(structure):
    return Meetings(structure)


def logged_in(user, **kwargs):
    """A member's client, with the CSRF cookie a first page sets (that page is not stored: its
    forms carry a token of a cookie the member did not have yet)."""
    client = Client(**kwargs)
    client.force_login(user)
    client.get(reverse("governance:my_groups"))
    return client


def view_queries(client, url):
    """The response, and the queries its view ran (beyond the session and the user)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    session_and_user = ('FROM "django_session"', 'FROM "auth_user" WHERE "auth_user"."id" =')
    return response, [q for q in queries.captured_queries if not any(t in q["sql"] for t in session_and_user)]


def text(response):
    return response.content.decode()


def who(response):
    """The name the page's header shows as logged in."""
    return re.search(r'<span class="who">.*?<strong>(.*?)</strong>', text(response)).group(1)


def member_urls(m):
    return [
        reverse("governance:my_groups"),
        reverse("governance:body_detail", args=[m.body.slug]),
        m.draft.get_absolute_url(),
        reverse("meetings:assignments", args=[m.body.slug]),
        reverse("todo"),
        reverse("meetings:search") + "?q=vårdövergång",
    ]


def test_a_member_gets_their_own_stored_page_and_no_one_else_does(meetings):
    leader, member = logged_in(meetings.leader), logged_in(meetings.member)
    for url in member_urls(meetings):
        first, _ = view_queries(leader, url)
        again, queries = view_queries(leader, url)
        assert first.status_code == again.status_code == 200, url
        assert again.content == first.content
        assert not queries, f"{url}: the stored page ran {len(queries)} queries"
        assert "private" in again["Cache-Control"] and "no-cache" in again["Cache-Control"], url
        assert who(again) == meetings.leader.get_full_name(), url
        assert who(member.get(url)) == meetings.member.get_full_name(), url
        assert "Logga ut" not in text(Client().get(url)), url


def test_a_new_login_never_gets_the_page_of_the_old_session(meetings):
    url = reverse("governance:my_groups")
    client = logged_in(meetings.member)
    client.get(url)
    assert not view_queries(client, url)[1]  # stored for this session
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(meetings.member)
    client.get(url)  # the new login's first page sets a new CSRF cookie
    client.get(url)
    assert not view_queries(client, url)[1]
    client.logout()
    client.force_login(meetings.member)
    assert view_queries(client, url)[1]  # a new session: rendered afresh


def test_the_forms_of_a_stored_page_still_submit(meetings):
    """The CSRF token in a stored page is the one of the member's cookie: a form sent from it is
    accepted (here: renewing the calendar address, on "Mina sidor")."""
    client = logged_in(meetings.member, enforce_csrf_checks=True)
    url = reverse("governance:my_groups")
    client.get(url)
    stored, queries = view_queries(client, url)
    assert not queries
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text(stored)).group(1)
    response = client.post(reverse("governance:calendar_renew"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_a_pending_message_gets_a_fresh_page(meetings):
    client = logged_in(meetings.member)
    url = reverse("governance:my_groups")
    client.get(url)
    client.post(reverse("governance:calendar_renew"))
    assert "Din kalender har en ny adress" in text(client.get(url))
    assert "Din kalender har en ny adress" not in text(client.get(url))


def test_search_variants_share_an_entry_and_long_queries_are_not_stored(meetings):
    search = reverse("meetings:search")
    Client().get(search + "?q=trygga+v%C3%A5rd%C3%B6verg%C3%A5ngar")
    _, queries = view_queries(Client(), search + "?q=++trygga+++v%C3%A5rd%C3%B6verg%C3%A5ngar+")
    assert not queries
    long = search + "?q=" + "a" * (pagecache.QUERY_VALUE_MAX + 1)
    Client().get(long)
    assert view_queries(Client(), long)[1]


@pytest.mark.django_db(transaction=True)
class TestSeenAtOnce:
    """Each change, committed, shows on the member's next request of a stored page."""

    def test_a_members_own_stance_and_the_to_do_count(self, meetings):
        client = logged_in(meetings.member)
        todo, groups = reverse("todo"), reverse("governance:my_groups")
        decision = meetings.decision
        waiting = text(client.get(todo))
        assert decision.item.title in waiting
        count = re.search(r'class="count" aria-hidden="true">(\d+)<', text(client.get(groups))).group(1)
        assert not view_queries(client, todo)[1] and not view_queries(client, groups)[1]
        prefix = f"d{decision.pk}"
        response = client.post(
            reverse("meetings:stance", args=[decision.pk]),
            {f"{prefix}-position": Stance.Position.SUPPORT, f"{prefix}-reason": ""},
        )
        assert response.status_code == 302
        client.get(todo)  # the saved message
        assert decision.item.title not in text(client.get(todo))
        after = re.search(r'class="count" aria-hidden="true">(\d+)<', text(client.get(groups)))
        assert (int(after.group(1)) if after else 0) == int(count) - 1

    def test_another_members_change(self, meetings):
        client = logged_in(meetings.member)
        url = reverse("governance:body_detail", args=[meetings.body.slug])
        client.get(url)
        body = Body.objects.get(pk=meetings.body.pk)
        body.name = "NOSAM Nytt namn"
        governance_services.body_save(body=body, user=meetings.chair, version=body.version)
        assert "NOSAM Nytt namn" in text(client.get(url))

    def test_a_seat_that_ended(self, meetings):
        client = logged_in(meetings.member)
        url = meetings.draft.get_absolute_url()
        assert "Hemligt utkast" in text(client.get(url))
        assert not view_queries(client, url)[1]
        admin = meetings.s.seat(meetings.s.lgs, Role.PROCESS_LEADER, username="lgs_leader")
        seat = Membership.objects.get(person__user=meetings.member, body=meetings.body)
        governance_services.membership_end(
            membership=seat, user=admin, end_date=datetime.date.today() - datetime.timedelta(days=1)
        )
        assert client.get(url).status_code == 404

    def test_a_new_password_or_a_closed_account_ends_the_stored_pages(self, meetings):
        """A stored page is found from the session alone: the user's row changing must end it."""
        url = reverse("governance:my_groups")
        member, chair = logged_in(meetings.member), logged_in(meetings.chair)
        for client in (member, chair):
            client.get(url)
            assert not view_queries(client, url)[1]
        meetings.member.set_password("Ett-nytt-lösenord-2026")
        meetings.member.save()
        assert member.get(url).status_code == 302  # to the login page
        meetings.chair.is_active = False
        meetings.chair.save()
        assert chair.get(url).status_code == 302

    def test_a_permission_row_alone(self, meetings):
        client = logged_in(meetings.member)
        url = meetings.draft.get_absolute_url()
        client.get(url)
        public = pagecache.current_generation()
        BodyUserObjectPermission.objects.filter(user=meetings.member).delete()
        assert client.get(url).status_code == 404
        assert pagecache.current_generation() == public  # public pages show no permission

    def test_a_calendar_address_renewed(self, meetings):
        client = logged_in(meetings.member)
        url = reverse("governance:my_groups")
        before = text(client.get(url))
        client.post(reverse("governance:calendar_renew"))
        client.get(url)  # the message
        assert text(client.get(url)) != before

    def test_search_shows_minutes_published_a_moment_ago(self, meetings):
        url = reverse("meetings:search") + "?q=budget"
        draft = meetings.draft.get_absolute_url()
        assert draft not in text(Client().get(url))
        meetings.publish(meetings.draft)
        assert draft in text(Client().get(url))
