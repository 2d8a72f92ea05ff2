"""What standard clients read: the Atom feed (RFC 4287), the calendars (RFC 5545), sitemap.xml,
and the canonical address and description of a page. Every address and id comes from SITE_URL, so
a client that reaches the portal by another name gets the same ones."""

import datetime
import re
import xml.etree.ElementTree as ET

import feedparser
import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from governance.models import Body
from meetings.models import Meeting
from samverkan.site import SiteSitemap
from tests.meetings.once import meetings_built_for_the_module, structure_built_for_the_module  # noqa: F401

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "https://samverkan.example.se"
OTHER_HOST = "intern-proxy.example.net"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["testserver", OTHER_HOST]


def _atom(client, **headers):
    response = client.get(reverse("meetings:minutes_feed"), **headers)
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


def test_the_feed_has_an_author_and_ids_that_do_not_depend_on_the_host(client, meetings):
    later = meetings.meeting(datetime.date(2024, 10, 1))
    meetings.publish(later)
    _, feed = _atom(client)
    _, elsewhere = _atom(client, HTTP_HOST=OTHER_HOST)

    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Samverkansportalen"  # RFC 4287 4.1.1
    assert feed.findtext(f"{ATOM}id") == SITE + reverse("meetings:minutes_feed")
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == SITE + reverse("meetings:minutes_feed")
    entries = feed.findall(f"{ATOM}entry")
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert ids == [SITE + later.get_absolute_url(), SITE + meetings.published.get_absolute_url()]
    assert [entry.find(f"{ATOM}link").get("href") for entry in entries] == ids
    assert ET.tostring(elsewhere) == ET.tostring(feed), "the same feed whatever the Host header"
    assert OTHER_HOST not in ET.tostring(elsewhere).decode()


def test_feedparser_reads_the_feed_as_atom_without_complaint(client, meetings):
    """feedparser (an independent, widely used reader) finds nothing wrong (bozo 0) and every entry
    has what a reader shows and keeps: title, link, id and date."""
    meetings.publish(meetings.meeting(datetime.date(2024, 10, 1)))
    feed = feedparser.parse(client.get(reverse("meetings:minutes_feed")).content)
    assert (feed.bozo, feed.version) == (0, "atom10"), feed.get("bozo_exception")
    assert feed.feed.author == "Samverkansportalen" and feed.feed.language == "sv"
    assert len(feed.entries) == 2
    for entry in feed.entries:
        assert entry.title and entry.id.startswith(SITE) and entry.link == entry.id
        assert entry.updated_parsed is not None


def test_a_feed_reader_that_has_the_feed_gets_304_until_new_minutes_are_published(client, meetings):
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)  # HTTP dates count whole seconds
    Meeting.objects.filter(pk=meetings.published.pk).update(published_at=an_hour_ago)
    address = reverse("meetings:minutes_feed")
    response, _ = _atom(client)
    etag, last_modified = response["ETag"], response["Last-Modified"]
    assert last_modified == http_date(an_hour_ago.timestamp())

    assert client.get(address, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(address, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    meetings.publish(meetings.draft)
    assert client.get(address, HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.get(address, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 200


def _calendar_addresses():
    yield reverse("meetings:calendar_all")
    for body in Body.objects.all():
        yield reverse("meetings:calendar_body", args=[body.slug])
    yield reverse("reports:arshjul_ics")


def test_every_calendar_parses_and_has_a_component_even_with_nothing_in_it(client, meetings):
    """The test structure's groups have no meeting in the past year or to come, and the årshjul
    has no events: each calendar is still valid (RFC 5545 3.6: at least one component)."""
    addresses = list(_calendar_addresses())
    assert len(addresses) == 5
    for address in addresses:
        calendar = icalendar.Calendar.from_ical(client.get(address).content)
        assert calendar.subcomponents, address
        assert not calendar.walk("VEVENT"), address
        (zone,) = calendar.walk("VTIMEZONE")
        assert zone["TZID"] == "Europe/Stockholm"
        assert zone.to_tz().utcoffset(datetime.datetime(2026, 7, 1)) == datetime.timedelta(hours=2)
        assert zone.to_tz().utcoffset(datetime.datetime(2026, 1, 1)) == datetime.timedelta(hours=1)


def _uids(client, address, **headers):
    calendar = icalendar.Calendar.from_ical(client.get(address, **headers).content)
    return [str(event["UID"]) for event in calendar.walk("VEVENT")]


def test_calendar_uids_do_not_depend_on_the_host(client, meetings):
    from reports.models import CycleEvent

    coming = meetings.meeting(timezone.localdate() + datetime.timedelta(days=14))
    event = CycleEvent.objects.create(title="Avsnitt begärs in", month=9, day=1)
    for address, expected in (
        (reverse("meetings:calendar_all"), [f"meeting-{coming.pk}@samverkansportalen"]),
        (reverse("reports:arshjul_ics"), [f"arshjul-{event.pk}@samverkansportalen"]),
    ):
        assert _uids(client, address) == _uids(client, address, HTTP_HOST=OTHER_HOST) == expected


def test_a_calendar_client_that_has_the_calendar_gets_304_until_a_meeting_changes(client, meetings):
    address = reverse("meetings:calendar_body", args=[meetings.body.slug])
    coming = meetings.meeting(timezone.localdate() + datetime.timedelta(days=14), title="Workshop")
    etag = client.get(address)["ETag"]
    assert client.get(address, HTTP_IF_NONE_MATCH=etag).status_code == 304, "DTSTAMP alone changed"
    from meetings import services

    coming.title = "Workshop om SIP"
    services.meeting_save(meeting=coming, user=meetings.leader, version=coming.version)
    response = client.get(address, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and b"Workshop om SIP" in response.content


def test_pages_link_their_feeds_and_calendars(client, meetings):
    body = meetings.body
    expected = {
        reverse("home"): [("application/atom+xml", reverse("meetings:minutes_feed"))],
        reverse("meetings:archive"): [
            ("application/atom+xml", reverse("meetings:minutes_feed")),
            ("text/calendar", reverse("meetings:calendar_all")),
        ],
        body.get_absolute_url(): [("text/calendar", reverse("meetings:calendar_body", args=[body.slug]))],
        reverse("meetings:body_meetings", args=[body.slug]): [
            ("text/calendar", reverse("meetings:calendar_body", args=[body.slug]))
        ],
        reverse("reports:arshjul"): [("text/calendar", reverse("reports:arshjul_ics"))],
    }
    for page, links in expected.items():
        html = client.get(page).content.decode()
        found = re.findall(r'<link rel="alternate" type="([^"]+)" href="([^"]+)" title="[^"]+">', html)
        assert found == links, page


def _sitemap_locations(client, path, root):
    """The ``<loc>`` addresses of a sitemap index (root "sitemapindex") or a sitemap ("urlset")."""
    response = client.get(path, HTTP_HOST=OTHER_HOST)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml")
    tree = ET.fromstring(response.content)
    assert tree.tag == f"{SITEMAP}{root}", path
    return [loc.text for loc in tree.iter(f"{SITEMAP}loc")]


def _sitemap_paths(client):
    """Every address the sitemap index leads a crawler to, through every page of every section."""
    sections = _sitemap_locations(client, "/sitemap.xml", "sitemapindex")
    assert sections and all(section.startswith(SITE + "/sitemap-") for section in sections)
    locations = [
        loc
        for section in sections
        for loc in _sitemap_locations(client, section.removeprefix(SITE), "urlset")
    ]
    assert all(location.startswith(SITE + "/") for location in locations)
    return [location.removeprefix(SITE) for location in locations]


def test_the_sitemap_lists_public_pages_on_the_site_url_and_only_those(client, meetings):
    paths = _sitemap_paths(client)
    assert meetings.published.get_absolute_url() in paths
    assert meetings.draft.get_absolute_url() not in paths
    assert meetings.planned.get_absolute_url() not in paths
    public = ("/", reverse("meetings:archive"), reverse("reports:arshjul"), meetings.body.get_absolute_url())
    for page in public:
        assert page in paths
    assert len(paths) == len(set(paths))
    client.logout()
    for path in paths:
        assert client.get(path).status_code == 200, f"{path} is in the sitemap but not public"


def test_the_sitemap_splits_a_long_section_into_pages_the_index_names(client, meetings, monkeypatch):
    """However many years of minutes there are, no sitemap document lists more than ``limit``."""
    whole = _sitemap_paths(client)
    meetings.publish(meetings.meeting(datetime.date(2024, 10, 1)))
    monkeypatch.setattr(SiteSitemap, "limit", 1)
    sections = _sitemap_locations(client, "/sitemap.xml", "sitemapindex")
    minutes = SITE + reverse("sitemap_section", args=["minutes"])
    assert [minutes, minutes + "?p=2"] == [section for section in sections if section.startswith(minutes)]
    for section in sections:
        assert len(_sitemap_locations(client, section.removeprefix(SITE), "urlset")) == 1
    assert len(_sitemap_paths(client)) == len(whole) + 1


def test_every_page_names_its_canonical_address_and_describes_itself(client, meetings):
    pages = [
        reverse("home"),
        reverse("meetings:archive"),
        meetings.published.get_absolute_url(),
        meetings.body.get_absolute_url(),
        reverse("reports:arshjul") + "?ar=2025",
    ]
    descriptions = set()
    for page in pages:
        html = client.get(page, HTTP_HOST=OTHER_HOST).content.decode()
        (canonical,) = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
        assert canonical == SITE + page, page
        (description,) = re.findall(r'<meta name="description" content="([^"]+)">', html)
        assert len(description) > 30, page
        descriptions.add(description)
    assert len(descriptions) == len(pages), "each of these pages says what it is about"
    assert "Minnesanteckningar för NOSAM Testby, 12 mars 2024" in descriptions
