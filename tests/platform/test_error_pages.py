"""The error pages: Swedish, in the site's design, with the view's own message; never a technical page."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import include, path, reverse

ROOT = Path(__file__).resolve().parents[2]
DESIGN = 'class="site-header"'  # the page is the portal's, with its menu and footer


def explode(request):
    raise ZeroDivisionError("a bug")


def refuse(request):
    raise PermissionDenied


def no_such_thing(request):
    from django.shortcuts import get_object_or_404

    from governance.models import Body

    return get_object_or_404(Body, slug="finns-inte")


# A URLconf with views that fail, on top of the portal's own (and its error handlers).
urlpatterns = [
    path("test/fel/", explode),
    path("test/nej/", refuse),
    path("test/saknas/", no_such_thing),
    path("", include("samverkan.urls")),
]
handler404 = "samverkan.errors.page_not_found"


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


@pytest.fixture
def with_failing_views(settings):
    settings.ROOT_URLCONF = __name__


def page(response):
    return response.content.decode()


@pytest.mark.django_db
def test_an_unknown_address_gets_the_swedish_404_page(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    body = page(response)
    assert '<html lang="sv">' in body and DESIGN in body
    assert "<h1>Sidan finns inte</h1>" in body and "Till startsidan" in body
    assert "Resolver404" not in body and "URLconf" not in body


@pytest.mark.django_db
def test_the_404_page_shows_the_views_message(client):
    response = client.get(reverse("actionplans:current_collaboration_plan"))
    assert response.status_code == 404
    assert "Ingen samverkansplan har lagts in ännu." in page(response)


@pytest.mark.django_db
def test_the_404_page_hides_djangos_english_message_about_models(client, with_failing_views):
    response = client.get("/test/saknas/")
    assert response.status_code == 404
    body = page(response)
    assert "<h1>Sidan finns inte</h1>" in body
    assert "matches the given query" not in body and "Body" not in body


def test_the_403_page_shows_the_views_message(structure, client):
    client.force_login(structure.outsider)
    response = client.get(reverse("governance:membership_add", args=[structure.nosam.slug]))
    assert response.status_code == 403
    body = page(response)
    assert DESIGN in body and "<h1>Inte tillåtet</h1>" in body
    assert "Du får inte hantera platserna i NOSAM Testby." in body
    assert "Logga in om du har ett konto" not in body


@pytest.mark.django_db
def test_a_403_without_a_message_says_so_in_swedish_and_offers_to_log_in(client, with_failing_views):
    response = client.get("/test/nej/")
    assert response.status_code == 403
    body = page(response)
    assert "Du får inte göra detta." in body and "Logga in om du har ett konto" in body


@pytest.mark.django_db
def test_a_bad_request_gets_the_swedish_400_page(client):
    response = client.get("/", HTTP_HOST="inte-var-adress.example")
    assert response.status_code == 400
    body = page(response)
    assert DESIGN in body and "<h1>Begäran kunde inte tolkas</h1>" in body


@pytest.mark.django_db
def test_a_failed_csrf_check_gets_the_swedish_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "a", "password": "b"})
    assert response.status_code == 403
    body = page(response)
    assert DESIGN in body and "<h1>Formuläret kunde inte skickas</h1>" in body
    assert "CSRF" not in body


@pytest.mark.django_db
def test_a_bug_gets_the_swedish_500_page_without_details(with_failing_views):
    client = Client(raise_request_exception=False)
    response = client.get("/test/fel/")
    assert response.status_code == 500
    body = page(response)
    assert DESIGN in body and "<h1>Något gick fel</h1>" in body
    assert "ZeroDivisionError" not in body and "a bug" not in body and "Traceback" not in body


def demo_env():
    """The variables `make demo` sets (demo.env)."""
    lines = (ROOT / "demo.env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_the_demo_serves_the_portals_404_page_not_djangos_technical_one():
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.test import Client, override_settings\n"
        # The page, not the static files: a test run has no collectstatic manifest.
        "static = {'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}\n"
        "with override_settings(STORAGES={**settings.STORAGES, 'staticfiles': static}):\n"
        "    response = Client().get('/finns-inte/')\n"
        "print(settings.DEBUG, response.status_code)\n"
        "print(response.content.decode())\n"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    env = {
        **clean,
        **demo_env(),
        "DATABASE_URL": "sqlite:///:memory:",
        "DJANGO_SETTINGS_MODULE": "samverkan.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    first, body = result.stdout.split("\n", 1)
    assert first == "False 404"
    assert "<h1>Sidan finns inte</h1>" in body and "URLconf" not in body
