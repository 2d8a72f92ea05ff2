"""Single sign-on by OpenID Connect, end to end through the callback against a mocked provider.

The provider's token, userinfo and key endpoints are answered by ``responses``; the id token is
signed with a key made here, so the portal verifies a real signature and nonce.
"""

import importlib
import json
import time
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import responses
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.urls import clear_url_caches

from governance.models import Person
from samverkan import urls
from tests.platform.test_deployment import PRODUCTION_ENV, run_manage

IDP = "https://login.example.se"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def reload_urls():
    importlib.reload(urls)
    clear_url_caches()


@pytest.fixture
def single_sign_on(settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "samverkan"
    settings.OIDC_RP_CLIENT_SECRET = "client-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{IDP}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{IDP}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{IDP}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{IDP}/jwks"
    settings.OIDC_PROVIDER_NAME = "Västra Götalandsregionen"
    settings.AUTHENTICATION_BACKENDS = [
        settings.AUTHENTICATION_BACKENDS[0],
        "governance.oidc.PersonBackend",
        *settings.AUTHENTICATION_BACKENDS[1:],
    ]
    reload_urls()
    yield
    settings.OIDC_ENABLED = False
    reload_urls()


class Provider:
    """The identity provider's side of one sign-on, as the portal's back channel sees it."""

    def __init__(self, mock):
        self.mock = mock
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key()))
        mock.get(f"{IDP}/jwks", json={"keys": [{**public, "kid": "k1", "alg": "RS256", "use": "sig"}]})

    def sign_in(self, client, claims, next_url="/mina-sidor/"):
        """The visitor's round trip: the portal sends them to the provider, which sends them back."""
        start = client.get("/oidc/authenticate/", {"next": next_url})
        assert start.status_code == 302 and start["Location"].startswith(f"{IDP}/authorize?")
        query = {name: values[0] for name, values in parse_qs(urlsplit(start["Location"]).query).items()}
        assert query["client_id"] == "samverkan" and query["code_challenge_method"] == "S256"
        now = int(time.time())
        id_token = jwt.encode(
            {
                "iss": IDP,
                "aud": "samverkan",
                "sub": "u-1",
                "iat": now,
                "exp": now + 300,
                "nonce": query["nonce"],
            },
            KEY,
            algorithm="RS256",
            headers={"kid": "k1"},
        )
        self.token = self.mock.post(f"{IDP}/token", json={"id_token": id_token, "access_token": "at-1"})
        self.mock.get(f"{IDP}/userinfo", json={"sub": "u-1", **claims})
        return client.get("/oidc/callback/", {"code": "code-1", "state": query["state"]})


@pytest.fixture
def provider(single_sign_on):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield Provider(mock)


def logged_in_as(client):
    return client.get("/mina-sidor/").wsgi_request.user


@pytest.mark.django_db
def test_a_person_with_a_login_signs_in_with_the_address_in_the_register(client, structure, provider):
    chair = structure.people["chair"]
    answer = provider.sign_in(client, {"email": "Chair@Example.se", "email_verified": True})
    assert answer.status_code == 302 and answer["Location"] == "/mina-sidor/"
    assert logged_in_as(client) == chair
    sent = parse_qs(provider.token.calls[0].request.body)
    assert sent["client_secret"] == ["client-secret"] and sent["code_verifier"]


@pytest.mark.django_db
def test_a_login_without_a_person_is_refused_with_a_swedish_message(client, structure, provider):
    """outsider@example.se is a login's address but no Person's: the register decides, not the login."""
    logins = get_user_model().objects.count()
    answer = provider.sign_in(client, {"email": "outsider@example.se", "email_verified": True})
    assert answer["Location"] == "/konto/login/"
    page = client.get(answer["Location"]).content.decode()
    assert "Ingen i Samverkansportalen har e-postadressen outsider@example.se med en inloggning" in page
    assert not logged_in_as(client).is_authenticated
    assert get_user_model().objects.count() == logins


@pytest.mark.django_db
def test_a_person_without_a_login_gets_none_made_for_them(client, structure, provider):
    Person.objects.create(
        first_name="Ny", last_name="Person", organisation=structure.town, email="ny@example.se"
    )
    logins = get_user_model().objects.count()
    provider.sign_in(client, {"email": "ny@example.se", "email_verified": True})
    assert not logged_in_as(client).is_authenticated
    assert get_user_model().objects.count() == logins


@pytest.mark.django_db
def test_an_address_the_provider_has_not_verified_is_refused(client, structure, provider):
    provider.sign_in(client, {"email": "chair@example.se", "email_verified": False})
    assert not logged_in_as(client).is_authenticated


@pytest.mark.django_db
def test_a_callback_with_a_forged_state_logs_nobody_in(client, structure, provider):
    provider.sign_in(client, {"email": "chair@example.se"})
    client.logout()
    client.get("/oidc/callback/", {"code": "code-1", "state": "forged"})
    assert not logged_in_as(client).is_authenticated


@pytest.mark.django_db
def test_the_login_page_offers_single_sign_on_only_when_configured(client, settings):
    assert "/oidc/" not in client.get("/konto/login/").content.decode()
    assert client.get("/oidc/authenticate/").status_code == 404


@pytest.mark.django_db
def test_the_login_page_names_the_provider(client, single_sign_on):
    page = client.get("/konto/login/?next=/mina-sidor/").content.decode()
    assert "Logga in med Västra Götalandsregionen" in page
    assert 'href="/oidc/authenticate/?next=/mina-sidor/"' in page


def test_half_a_configuration_is_refused_loudly():
    result = run_manage("check", env={**PRODUCTION_ENV, "OIDC_RP_CLIENT_ID": "samverkan"})
    assert result.returncode != 0 and "OIDC_RP_CLIENT_SECRET must be set" in result.stderr
