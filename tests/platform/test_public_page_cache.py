"""Public pages from the cache: anonymous visitors get stored pages, which carry no cookie and go
stale at the commit of anything they show; members always get their own page."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans import services as plan_services
from actionplans.models import ActionPlan
from governance import services as governance_services
from governance.models import Body, Membership, Person
from meetings import services as meeting_services
from reports.models import AnnualReport, ReportSection
from samverkan import pagecache
from tests.meetings.conftest import Meetings

Role = Membership.Role


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The page cache on, as the portal runs (tests/conftest.py turns it off elsewhere)."""
    settings.PAGE_CACHE_SECONDS = 600


def queries_of(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def text(response):
    return response.content.decode()


@pytest.fixture
def meetings(structure):
    return Meetings(structure)


def public_urls(m):
    s = m.s
    return [
        reverse("home"),
        reverse("governance:organisation_chart"),
        reverse("governance:body_detail", args=[s.nosam.slug]),
        reverse("governance:organisation_detail", args=[s.town.slug]),
        reverse("meetings:archive"),
        reverse("meetings:archive_year", args=[s.nosam.slug, 2024]),
        reverse("meetings:body_meetings", args=[s.nosam.slug]),
        reverse("meetings:assignments", args=[s.nosam.slug]),
        m.published.get_absolute_url(),
        reverse("meetings:minutes_feed"),
        reverse("meetings:calendar_all"),
        reverse("meetings:calendar_body", args=[s.nosam.slug]),
        reverse("reports:arshjul"),
        reverse("reports:arshjul_ics"),
        reverse("actionplans:status_overview"),
        reverse("sitemap"),
        reverse("accessibility"),
    ]


# --- Served from the cache, without cookies ------------------------------------------------------


def test_anonymous_visitors_get_stored_pages_without_cookies_or_csrf_tokens(meetings):
    for url in public_urls(meetings):
        first, _ = queries_of(Client(), url)
        second, count = queries_of(Client(), url)
        assert first.status_code == second.status_code == 200, url
        assert count == 0, f"{url}: the second visitor's page ran {count} queries"
        assert second.content == first.content
        for response in (first, second):
            assert not response.cookies, f"{url} sets {list(response.cookies)}"
            assert "csrfmiddlewaretoken" not in text(response), url
            assert "Cookie" in response["Vary"], url
            assert response["ETag"] and response["Last-Modified"], url
            assert response["Cache-Control"] == "no-cache", url  # kept, but asked again each time


def test_a_first_visit_gets_the_stored_page_with_every_header_the_portal_sets(meetings):
    """A request without cookies is answered before the session and the rest of the middleware
    run: the stored response must still carry their headers, as a visitor with a cookie gets them."""
    with_a_cookie = Client()
    with_a_cookie.cookies["seen"] = "1"
    headers = ("Content-Security-Policy", "X-Frame-Options", "Content-Language", "Vary", "Referrer-Policy")
    for url in (reverse("home"), reverse("meetings:minutes_feed"), meetings.published.get_absolute_url()):
        Client().get(url)
        stored, count = queries_of(Client(), url)
        rendered = with_a_cookie.get(url)
        assert count == 0, url
        assert stored.content == rendered.content, url
        for header in headers:
            assert stored.headers.get(header) == rendered.headers.get(header), f"{url}: {header}"
        assert stored["X-Frame-Options"] == "DENY" and "default-src" in stored["Content-Security-Policy"]


def test_the_login_page_alone_carries_a_csrf_token(meetings):
    response = Client().get(reverse("login"))
    assert "csrfmiddlewaretoken" in text(response)
    assert settings.CSRF_COOKIE_NAME in response.cookies


def test_members_never_get_a_visitors_stored_page(meetings):
    url = reverse("governance:body_detail", args=[meetings.body.slug])
    Client().get(url)  # stored for visitors
    member = Client()
    member.force_login(meetings.leader)
    response, count = queries_of(member, url)
    assert count > 0
    assert "Logga ut" in text(response)
    assert "private" in response["Cache-Control"]
    assert "Logga ut" not in text(Client().get(url))


def test_each_language_has_its_own_page(meetings):
    url = reverse("home")
    swedish = Client().get(url)
    english_client = Client()
    english_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = english_client.get(url)
    assert '<html lang="sv">' in text(swedish)
    assert '<html lang="en">' in text(english)
    assert '<html lang="sv">' in text(Client().get(url))


def test_a_pending_message_is_shown_not_a_stored_page(meetings):
    url = reverse("home")
    Client().get(url)
    storage = CookieStorage(RequestFactory().get(url))
    storage.add(constants.INFO, "Du har loggats ut.")
    carrier = HttpResponse()
    storage.update(carrier)
    visitor = Client()
    visitor.cookies[CookieStorage.cookie_name] = carrier.cookies[CookieStorage.cookie_name].value
    assert "Du har loggats ut." in text(visitor.get(url))
    assert "Du har loggats ut." not in text(Client().get(url))


def test_unknown_query_parameters_are_not_stored(meetings):
    url = reverse("home") + "?utm_source=x"
    Client().get(url)
    _, count = queries_of(Client(), url)
    assert count > 0
    year = reverse("reports:arshjul") + "?ar=2024"
    Client().get(year)
    assert queries_of(Client(), year)[1] == 0


def test_htmx_requests_are_not_served_from_the_cache(meetings):
    url = reverse("home")
    Client().get(url)
    assert queries_of(Client(), url, HTTP_HX_REQUEST="true")[1] > 0


def test_a_cache_that_is_away_is_logged_and_the_page_rendered(meetings, monkeypatch, caplog):
    def away(*args, **kwargs):
        raise ConnectionError("cache is down")

    monkeypatch.setattr(cache, "get_many", away)
    response = Client().get(reverse("home"))
    assert response.status_code == 200
    assert "Page cache unavailable" in caplog.text


# --- Conditional GET -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["home", "meetings:archive", "meetings:minutes_feed", "reports:arshjul_ics"])
def test_a_client_with_the_current_copy_gets_304(meetings, name):
    url = reverse(name)
    first = Client().get(url)
    again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert not again.content
    since = Client().get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_members_get_304_too(meetings):
    member = Client()
    member.force_login(meetings.member)
    url = reverse("meetings:minutes_feed")
    first = member.get(url)
    assert member.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


# --- Stale at the commit of anything the pages show ----------------------------------------------


@pytest.mark.django_db(transaction=True)
class TestInvalidation:
    """Each change, committed through its service, shows on the next anonymous request."""

    def shows(self, url, *texts):
        page = text(Client().get(url))
        return all(t in page for t in texts)

    def test_published_minutes_and_a_correction(self, meetings):
        year = reverse("meetings:archive_year", args=[meetings.body.slug, 2024])
        draft_url = meetings.draft.get_absolute_url()
        assert not self.shows(year, draft_url)
        meetings.publish(meetings.draft)
        assert self.shows(year, draft_url)
        feed = reverse("meetings:minutes_feed")
        assert self.shows(feed, draft_url)
        minutes = meetings.published.get_absolute_url()
        assert not self.shows(minutes, "Rättad rutin")
        meetings.published.refresh_from_db()
        meeting_services.minutes_correct(
            meeting=meetings.published,
            user=meetings.leader,
            item=meetings.item,
            field="minutes",
            text="Rättad rutin för vårdövergång.",
            reason="Fel datum",
        )
        assert self.shows(minutes, "Rättad rutin")

    def test_an_edit_of_a_public_group_and_a_seat(self, meetings):
        body = Body.objects.get(pk=meetings.body.pk)
        url = reverse("governance:body_detail", args=[body.slug])
        home = reverse("home")
        assert not self.shows(url, "NOSAM Nytt namn")
        body.name = "NOSAM Nytt namn"
        governance_services.body_save(body=body, user=meetings.s.people[Role.CHAIR], version=body.version)
        assert self.shows(url, "NOSAM Nytt namn")
        assert self.shows(home, "NOSAM Nytt namn")
        admin = meetings.s.seat(meetings.s.lgs, Role.PROCESS_LEADER, username="lgs_leader")
        newcomer = Person(first_name="Nyfika", last_name="Nykomling", organisation=meetings.s.town)
        seat = Membership(body=body, role=Role.MEMBER, start_date=datetime.date(2024, 1, 1))
        assert not self.shows(url, "Nykomling")
        governance_services.membership_save(membership=seat, user=admin, new_person=newcomer)
        assert self.shows(url, "Nykomling")

    def test_an_adopted_plan(self, structure):
        from tests.actionplans.conftest import Plans

        plans = Plans(structure)
        url = reverse("actionplans:collaboration_plan", args=[plans.cplan.period])
        plan_url = plans.plan.get_absolute_url()
        assert not self.shows(url, plan_url)
        assert Client().get(plan_url).status_code == 404
        plan_services.plan_submit(plan=plans.plan, user=structure.people[Role.PROCESS_LEADER])
        plan = ActionPlan.objects.get(pk=plans.plan.pk)
        admin = get_user_model().objects.create_superuser("admin", "admin@example.se", "pw-Samverkan-1")
        plan_services.plan_adopt(plan=plan, user=admin, adopted_on=datetime.date(2024, 2, 1))
        assert self.shows(url, plan_url)
        assert Client().get(plan_url).status_code == 200

    def test_an_adopted_report_even_by_a_queryset_update(self, structure):
        report = AnnualReport.objects.create(
            year=2024,
            adopting_body=structure.lgs,
            opened_on=datetime.date(2024, 12, 1),
            due_date=datetime.date(2025, 2, 1),
        )
        ReportSection.objects.create(
            report=report, body=structure.nosam, status=ReportSection.Status.ACCEPTED, summary="Gott år"
        )
        url = reverse("reports:arshjul") + "?ar=2025"
        detail = reverse("reports:report_detail", args=[2024])
        assert not self.shows(url, detail)
        AnnualReport.objects.filter(pk=report.pk).update(
            status=AnnualReport.Status.ADOPTED, adopted_on=datetime.date(2025, 2, 20)
        )
        assert self.shows(url, detail)
        assert Client().get(detail).status_code == 200

    def test_a_rolled_back_change_draws_no_new_generation(self, structure):
        before = pagecache.current_generation()
        with pytest.raises(RuntimeError), transaction.atomic():
            Body.objects.filter(pk=structure.nosam.pk).update(name="Aldrig")
            raise RuntimeError
        assert pagecache.current_generation() == before
        Body.objects.filter(pk=structure.nosam.pk).update(name="Nu")
        assert pagecache.current_generation() != before

    def test_writes_that_no_page_shows_keep_the_pages(self, structure):
        before = pagecache.current_generation()
        Client().force_login(structure.outsider)  # a session, last_login
        assert pagecache.current_generation() == before
