"""Forwarded headers count only from the configured reverse proxy (TRUSTED_PROXIES)."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from samverkan.middleware import TrustedProxyMiddleware

PROXY = "10.0.0.2"


def seen(**meta):
    """What a view behind the middleware sees of a request carrying ``meta``."""
    captured = {}

    def view(request):
        captured.update(secure=request.is_secure(), address=request.META["REMOTE_ADDR"], meta=request.META)
        return HttpResponse()

    with override_settings(TRUSTED_PROXIES=[PROXY, "fd00::/64"]):
        TrustedProxyMiddleware(view)(RequestFactory().get("/", **meta))
    return captured


def test_a_visitor_claiming_https_is_not_treated_as_secure():
    request = seen(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https")
    assert request["secure"] is False
    assert "HTTP_X_FORWARDED_PROTO" not in request["meta"]


def test_a_visitor_cannot_pick_the_address_the_lockout_sees():
    request = seen(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert request["address"] == "203.0.113.9"
    assert "HTTP_X_FORWARDED_FOR" not in request["meta"]


def test_the_proxy_is_believed_about_the_scheme_and_the_visitor():
    request = seen(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert request["secure"] is True
    assert request["address"] == "198.51.100.1"


def test_addresses_a_visitor_prepends_to_the_proxys_list_are_ignored():
    request = seen(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.66, 198.51.100.1, fd00::5")
    assert request["address"] == "198.51.100.1"


def test_garbage_from_the_proxy_leaves_the_proxys_own_address():
    assert seen(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-address")["address"] == PROXY


def test_it_comes_first_so_nothing_reads_the_headers_before_it(settings):
    assert settings.MIDDLEWARE[0] == "samverkan.middleware.TrustedProxyMiddleware"


@pytest.mark.django_db
def test_the_login_lockout_counts_the_visitor_not_the_proxy(client, settings, structure):
    """Wrong passwords from one visitor behind the proxy lock that visitor, not the next one."""
    settings.TRUSTED_PROXIES = [PROXY]
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_LOCKOUT_PARAMETERS = ["ip_address"]

    def login(visitor):
        return client.post(
            "/konto/login/",
            {"username": "outsider", "password": "wrong"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=visitor,
        )

    for _ in range(2):
        login("198.51.100.1")
    assert login("198.51.100.1").status_code == 429
    assert login("198.51.100.2").status_code == 200
