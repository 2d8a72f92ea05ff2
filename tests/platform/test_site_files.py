"""The files clients look for at a site's root: robots.txt, /.well-known/security.txt (RFC 9116)
and /favicon.ico."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.utils import timezone

pytestmark = pytest.mark.django_db

SITE = "https://samverkan.example.se"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["testserver", "other.example.net"]


def _fields(text):
    return dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)


def test_robots_txt_names_the_sitemap_on_the_site_url_and_keeps_crawlers_out_of_accounts(client):
    response = client.get("/robots.txt", HTTP_HOST="other.example.net")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert {"Disallow: /admin/", "Disallow: /konto/"} <= set(lines)
    assert "Disallow: /" not in lines, "the public pages are for everyone"


def test_security_txt_has_a_contact_and_an_expiry_within_a_year(client):
    fields = _fields(client.get("/.well-known/security.txt").content.decode())
    assert fields["Contact"] == f"mailto:{django_settings.DEFAULT_FROM_EMAIL}"
    expires = datetime.datetime.fromisoformat(fields["Expires"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", fields["Expires"])  # RFC 3339, UTC
    assert timezone.now() < expires <= timezone.now() + datetime.timedelta(days=366)
    assert fields["Canonical"] == f"{SITE}/.well-known/security.txt"


def test_security_txt_takes_its_contact_and_expiry_from_the_settings(client, settings):
    settings.SECURITY_CONTACT = "https://samverkan.example.se/sakerhet"
    settings.SECURITY_TXT_EXPIRES = datetime.datetime(2027, 6, 30, tzinfo=datetime.UTC)
    fields = _fields(client.get("/.well-known/security.txt").content.decode())
    assert fields["Contact"] == "https://samverkan.example.se/sakerhet"
    assert fields["Expires"] == "2027-06-30T00:00:00Z"


def test_the_favicon_is_a_real_icon_the_pages_point_to(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("favicon.ico")
    with open(finders.find("favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # the ICO signature
    html = client.get("/").content.decode()
    assert re.search(r'<link rel="icon" href="[^"]*favicon\.ico" sizes="48x48">', html)
    assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg" type="image/svg\+xml">', html)
