"""What an operator runs: the compose file with an .env file, health checks, pinned images, the lock
file, gunicorn's timeouts, the health view and clean logs."""

import os
import re
import runpy
import shutil
import subprocess
import sys
import tomllib
from unittest import mock

import pytest
import yaml
from django.conf import settings
from django.db import OperationalError, connection
from packaging.requirements import Requirement

from samverkan.beat import HeartbeatScheduler
from samverkan.celery import app as celery_app
from tests.conftest import require
from tests.platform.test_deployment import PRODUCTION_ENV, ROOT, production_settings

REQUIRED = {"SECRET_KEY": "s" * 50, "POSTGRES_PASSWORD": "pw", "SITE_DOMAIN": "samverkan.example.se"}


def compose(*args, env=None):
    """`docker-compose ARGS` in the project, with only ``env`` (and PATH) in its environment."""
    require(shutil.which("docker-compose"), "docker-compose (Debian package) is not installed")
    return subprocess.run(
        ["docker-compose", "-f", "docker-compose.yml", *args],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )


def services(env_file=".env.example", env=REQUIRED):
    result = compose("--env-file", str(env_file), "config", env=env)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)["services"]


def readme_variables():
    """The variables in the first column of the README's "Configuration" table."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Configuration (environment variables)")[1].split("\n## ")[0]
    rows = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row)}


def settings_variables():
    """The variables samverkan/settings.py reads from the environment."""
    source = (ROOT / "samverkan" / "settings.py").read_text()
    return set(re.findall(r'(?:env(?:str|bool|int|list)|os\.environ\.get)\(\s*"([A-Z][A-Z0-9_]+)"', source))


def example_variables():
    """Names in .env.example: set (NAME=...) and, in comments, the ones compose wires itself."""
    lines = (ROOT / ".env.example").read_text().splitlines()
    settable = {line.split("=")[0] for line in lines if re.match(r"[A-Z][A-Z0-9_]*=", line)}
    wired = {m.group(1) for line in lines if (m := re.match(r"# ([A-Z][A-Z0-9_]*)=", line))}
    return settable, wired


def test_the_readme_table_documents_exactly_the_variables_the_settings_read():
    assert readme_variables() == settings_variables()


def test_the_example_env_file_lists_every_documented_variable_once():
    settable, wired = example_variables()
    assert not settable & wired
    assert readme_variables() <= settable | wired
    compose_file = (ROOT / "docker-compose.yml").read_text()
    for name in settable - readme_variables():
        assert "${" + name in compose_file, f"{name} in .env.example is used nowhere"


@pytest.mark.services
def test_the_compose_file_is_valid_with_the_example_env_file():
    result = compose("--env-file", ".env.example", "config", "-q", env=REQUIRED)
    assert result.returncode == 0, result.stderr
    missing = compose("--env-file", ".env.example", "config", "-q", env={})
    assert missing.returncode != 0 and "Missing mandatory value" in missing.stderr


@pytest.mark.services
def test_every_documented_variable_reaches_the_portal_from_the_env_file(tmp_path):
    settable, wired = example_variables()
    portal = readme_variables() - wired
    marked = {name: f"value-of-{name}" for name in portal}
    env_file = tmp_path / ".env"
    env_file.write_text("".join(f"{name}={value}\n" for name, value in {**REQUIRED, **marked}.items()))
    for name, service in services(env_file, env={}).items():
        if name in {"web", "worker", "beat", "migrate"}:
            environment = service["environment"]
            assert {name: environment.get(name) for name in portal} == marked


def test_empty_variables_from_compose_mean_the_portals_defaults():
    defaults = production_settings(["EMAIL_BACKEND", "OIDC_RP_SIGN_ALGO", "AXES_FAILURE_LIMIT", "LOG_LEVEL"])
    empty = dict.fromkeys(readme_variables() - {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}, "")
    assert production_settings(list(defaults), **empty) == defaults == {
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "OIDC_RP_SIGN_ALGO": "RS256",
        "AXES_FAILURE_LIMIT": 5,
        "LOG_LEVEL": "INFO",
    }


@pytest.mark.services
def test_every_long_running_service_has_a_health_check():
    found = services()
    assert set(found) == {"proxy", "web", "worker", "beat", "db", "redis", "migrate"}
    for name, service in found.items():
        if name != "migrate":  # runs once and exits
            assert service["healthcheck"]["test"][0] in {"CMD", "CMD-SHELL"}, name
    assert "/healthz" in " ".join(found["web"]["healthcheck"]["test"])
    assert "inspect ping --destination celery@$$HOSTNAME" in found["worker"]["healthcheck"]["test"][1]
    beat_check = " ".join(found["beat"]["healthcheck"]["test"])
    assert f'"/tmp/{settings.BEAT_HEARTBEAT_FILE.name}"' in beat_check
    assert found["proxy"]["depends_on"]["web"]["condition"] == "service_healthy"


# An exact tag, optionally with its digest (docker-compose.yml says how to add it).
DIGEST = r"(@sha256:[0-9a-f]{64})?"


@pytest.mark.services
def test_every_image_is_pinned_to_an_exact_version():
    for name, service in services().items():
        image = service["image"]
        if "build" in service:
            assert image == "samverkansportalen:local", name
        else:  # postgres versions are major.minor
            assert re.fullmatch(rf"[a-z]+:\d+\.\d+(\.\d+)?-[a-z]+{DIGEST}", image), f"{name}: {image}"
    base = re.search(r"^FROM (\S+)", (ROOT / "Dockerfile").read_text(), re.MULTILINE).group(1)
    assert re.fullmatch(rf"python:\d+\.\d+\.\d+-slim-bookworm{DIGEST}", base)


def test_the_lock_file_pins_every_dependency_with_hashes_and_the_image_installs_from_it():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lock = (ROOT / "requirements.lock").read_text()
    pins = dict(re.findall(r"^([a-z0-9][a-z0-9._-]*)==(\S+) \\$", lock, re.MULTILINE))
    assert len(pins) > 40
    for dependency in map(Requirement, project["dependencies"]):
        name = re.sub(r"[-_.]+", "-", dependency.name).lower()
        assert name in pins, name
        assert dependency.specifier.contains(pins[name]), (name, pins[name])
    entries = re.split(r"\n(?=[a-z])", lock.split("\n", 2)[2])
    assert all("--hash=sha256:" in entry for entry in entries)
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install --require-hashes --no-deps -r requirements.lock && pip install --no-deps ." in (
        dockerfile
    )
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes --no-deps -r requirements.lock" in makefile
    # The lock is resolved for the image's own Python.
    image_python = re.search(r"^FROM python:(\S+)-slim", dockerfile, re.MULTILINE).group(1)
    assert f"--python-version {image_python} " in makefile


def test_gunicorn_gives_a_pdf_request_two_minutes_and_a_restart_thirty_seconds():
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["timeout"] == 120 and config["graceful_timeout"] == 30
    assert config["worker_class"] == "sync"


def test_the_proxy_compresses_and_terminates_tls():
    caddyfile = (ROOT / "Caddyfile").read_text()
    assert "encode zstd gzip" in caddyfile and "{$SITE_DOMAIN} {" in caddyfile


@pytest.mark.django_db
def test_healthz_answers_ok_with_the_database_checked_and_sets_no_cookie(client, settings):
    settings.SECURE_SSL_REDIRECT = True  # as in production: the probe asks over plain http
    with mock.patch.object(connection, "cursor", wraps=connection.cursor) as cursor:
        response = client.get("/healthz")
    assert response.status_code == 200 and cursor.called
    assert response.json() == {"status": "ok", "database": "ok"}
    assert not response.cookies and "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_unreachable(client, caplog):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
    assert "connection refused" not in response.content.decode()
    assert "connection refused" in caplog.text


@pytest.mark.django_db(transaction=True)  # the scheduler ends its own database connections
def test_beat_touches_its_heartbeat_file_on_every_tick(settings, tmp_path):
    settings.BEAT_HEARTBEAT_FILE = tmp_path / "heartbeat"
    assert settings.CELERY_BEAT_SCHEDULER == "samverkan.beat:HeartbeatScheduler"
    scheduler = HeartbeatScheduler(app=celery_app)
    delay = scheduler.tick()
    assert settings.BEAT_HEARTBEAT_FILE.exists() and 0 <= delay <= scheduler.max_interval
    first = settings.BEAT_HEARTBEAT_FILE.stat().st_mtime_ns
    os.utime(settings.BEAT_HEARTBEAT_FILE, ns=(first - 10**10, first - 10**10))
    scheduler.tick()
    assert settings.BEAT_HEARTBEAT_FILE.stat().st_mtime_ns > first - 10**10


LOGGED_REQUEST = """
import logging, django
django.setup()
{setup}
from django.conf import settings
from django.test import Client, override_settings
# The probe is about logging: static files unbuilt (no collectstatic here) must not fail the page.
plain = dict(
    settings.STORAGES, staticfiles=dict(BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage")
)
with override_settings(STORAGES=plain):
    Client().get("/no-such-page/")
for name in ("weasyprint", "fontTools.subset", "celery.app.trace", "samverkan.outbox"):
    logging.getLogger(name).info("step of %s", name)
"""


def logged(setup="", **env):
    """stderr of a process that serves one request for a missing page and logs a step at INFO."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", LOGGED_REQUEST.format(setup=setup)],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "samverkan.settings", "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr.splitlines()


def test_the_embedded_mode_logs_each_event_once_and_silences_library_steps():
    lines = logged(DEBUG="1")
    assert [line for line in lines if "/no-such-page/" in line] == [
        next(line for line in lines if line.endswith("WARNING django.request: Not Found: /no-such-page/"))
    ]
    assert [line for line in lines if "step of" in line] == [
        next(line for line in lines if line.endswith("INFO samverkan.outbox: step of samverkan.outbox"))
    ]


def test_production_logs_each_event_once_at_the_chosen_level():
    production = {**PRODUCTION_ENV, "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "0"}
    lines = logged(**production, LOG_LEVEL="warning")
    assert len([line for line in lines if "Not Found: /no-such-page/" in line]) == 1
    assert not [line for line in lines if "step of" in line]


def test_celery_logs_through_the_same_configuration():
    setup = "from samverkan.celery import app; app.log.setup_logging_subsystem(loglevel='DEBUG')"
    lines = logged(setup, DEBUG="1")
    assert len([line for line in lines if "Not Found: /no-such-page/" in line]) == 1
    assert [line for line in lines if "step of" in line] == [
        next(line for line in lines if line.endswith("INFO samverkan.outbox: step of samverkan.outbox"))
    ]


def test_a_bad_log_level_is_refused_loudly():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**os.environ, "LOG_LEVEL": "chatty"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "LOG_LEVEL must be" in result.stderr
