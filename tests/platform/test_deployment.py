"""Production configuration: the deploy checks pass and the compose file is valid."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from tests.conftest import REQUIRE_SERVICES, require

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-0123456789abcdef",
    "ALLOWED_HOSTS": "samverkan.example.se",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_manage(*args, env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deploy_check_passes_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_passes_behind_a_tls_proxy_that_redirects():
    env = {**PRODUCTION_ENV, "SECURE_SSL_REDIRECT": "0", "TRUSTED_PROXIES": "172.30.0.2"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_without_a_trusted_proxy_the_deploy_check_wants_the_redirect():
    env = {**PRODUCTION_ENV, "SECURE_SSL_REDIRECT": "0"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0 and "security.W008" in result.stderr + result.stdout


@pytest.mark.services
def test_the_deploy_check_passes_with_the_compose_files_settings():
    compose = compose_config()["services"]["web"]["environment"]
    env = {**compose, "SECRET_KEY": PRODUCTION_ENV["SECRET_KEY"], "DATABASE_URL": "sqlite:///:memory:"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def production_settings(names, **env):
    """The values of settings ``names`` as a fresh process with production ``env`` computes them."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {list(names)!r}}}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "samverkan.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


HTTPS_SETTINGS = ["SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS"]


def test_production_is_https_throughout_by_default():
    assert production_settings(HTTPS_SETTINGS) == {
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
    }


def test_a_tls_proxy_doing_the_redirect_keeps_secure_cookies_and_hsts():
    values = production_settings(HTTPS_SETTINGS, SECURE_SSL_REDIRECT="0")
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_HSTS_SECONDS"] == 31536000


def test_each_https_setting_can_be_turned_off_alone():
    assert production_settings(HTTPS_SETTINGS, SECURE_COOKIES="0", SECURE_HSTS_SECONDS="0") == {
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_HSTS_SECONDS": 0,
    }


def test_development_serves_plain_http():
    values = production_settings(HTTPS_SETTINGS, DEBUG="1")
    assert not any(values.values())


def test_a_bad_trusted_proxy_is_refused_loudly():
    result = run_manage("check", env={**PRODUCTION_ENV, "TRUSTED_PROXIES": "10.0.0.2,proxy.example"})
    assert result.returncode != 0 and "'proxy.example' is not an IP address" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_bad_boolean_is_refused_loudly():
    result = run_manage("check", env={"DEBUG": "maybe"})
    assert result.returncode != 0 and "DEBUG must be a boolean" in result.stderr


def compose_config():
    """docker-compose.yml as docker-compose resolves it (variables filled in with their defaults)."""
    require(shutil.which("docker-compose"), "docker-compose (Debian package) is not installed")
    env = {**os.environ, "SECRET_KEY": "x", "POSTGRES_PASSWORD": "y"}
    result = subprocess.run(
        ["docker-compose", "-f", "docker-compose.yml", "config"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


@pytest.mark.services
def test_the_compose_file_describes_proxy_web_worker_beat_database_and_redis():
    services = compose_config()["services"]
    assert set(services) >= {"proxy", "web", "worker", "beat", "db", "redis"}
    assert "gunicorn.conf.py" in services["web"]["command"]
    assert "gunicorn.conf.py" in (ROOT / "Dockerfile").read_text()
    assert "celery" in services["worker"]["command"] and "beat" in services["beat"]["command"]
    assert "media:/app/media:rw" in services["web"]["volumes"]


@pytest.mark.services
def test_only_the_proxy_is_reachable_from_outside_and_only_it_is_trusted():
    services = compose_config()["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    assert {port["target"] for port in services["proxy"]["ports"]} == {80, 443}
    proxy_address = services["proxy"]["networks"]["edge"]["ipv4_address"]
    for name in ("web", "worker", "beat", "migrate"):
        assert services[name]["environment"]["TRUSTED_PROXIES"] == proxy_address


@pytest.mark.services
def test_the_proxy_limits_request_bodies_to_the_portals_upload_limit():
    services = compose_config()["services"]
    limit = services["proxy"]["environment"]["MAX_UPLOAD_MB"]
    assert limit == services["web"]["environment"]["MAX_UPLOAD_MB"] == "21"
    caddyfile = (ROOT / "Caddyfile").read_text()
    assert "max_size {$MAX_UPLOAD_MB}MB" in caddyfile and "reverse_proxy web:8000" in caddyfile


def test_ci_runs_against_the_real_services_when_required():
    if not REQUIRE_SERVICES:
        pytest.skip("only meaningful in CI (REQUIRE_SERVICES=1)")
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings.CELERY_BROKER_URL.startswith("redis://")
