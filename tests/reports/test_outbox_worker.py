"""A worker killed with ``kill -9`` in the middle of the annual-report PDF build: the build is
owed in the outbox, the sweeper re-queues it once its deadline has passed, and a new worker
completes it: one PDF stored, the report "built". Real worker processes, Redis and PostgreSQL."""

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from reports import services
from reports.models import AnnualReport, ReportSection
from samverkan import outbox
from samverkan.celery import app as celery_app
from samverkan.models import OutboxMessage
from tests.conftest import close_other_connections, require
from tests.platform.test_celery_worker import broker_at

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]
ROOT = Path(__file__).resolve().parents[2]
LEASE = 3  # seconds: the first worker's claim expires soon after it is killed


@pytest.fixture
def broker():
    require(connection.vendor == "postgresql", "needs PostgreSQL")
    require(settings.CELERY_BROKER_URL.startswith("redis://"), "CELERY_BROKER_URL does not point at Redis")
    import redis

    queue = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2)
    try:
        queue.flushdb()  # this test's own Redis database: no message left from an earlier run
    except redis.exceptions.ConnectionError as error:
        require(False, f"Redis is not reachable: {error}")
    yield
    queue.flushdb()  # the killed worker's unacknowledged message would come back in two hours


def _worker(log, **env):
    """``celery -A samverkan worker`` in its own process group, on this test's database."""
    database = connection.settings_dict
    environment = os.environ | {
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **env,
    }
    command = [sys.executable, "-m", "celery", "-A", "samverkan", "worker", "--pool=solo", "--loglevel=INFO"]
    # The queue this test process publishes to (one per pytest-xdist process, tests/conftest.py).
    command += ["--queues", celery_app.conf.task_default_queue]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
    return subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def _wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)
    return time.monotonic()


def _report(structure):
    report = AnnualReport.objects.create(
        year=2024,
        adopting_body=structure.lgs,
        status=AnnualReport.Status.ADOPTED,
        due_date=datetime.date(2025, 1, 31),
        adopted_on=datetime.date(2025, 1, 29),
    )
    table = "| Mått | Värde |\n|---|---|\n" + "".join(f"| Rad {n} | {n * 7} |\n" for n in range(400))
    ReportSection.objects.create(
        report=report, body=structure.nosam, status="accepted", summary="Sex möten.", body_text=table
    )
    return report


def _pdf_status(report):
    return AnnualReport.objects.values_list("pdf_status", flat=True).get(pk=report.pk)


def test_a_build_killed_with_kill_9_completes_once_after_the_sweeper(structure, broker, tmp_path):
    report = _report(structure)
    with broker_at(settings.CELERY_BROKER_URL):
        assert services.report_request_pdf(report=report, force=True)  # published after the commit
    row = OutboxMessage.objects.get(kind="reports.pdf")

    with open(tmp_path / "worker-1.log", "wb") as log:
        first = _worker(log, OUTBOX_DEADLINE=str(LEASE))
        try:
            running = lambda: _pdf_status(report) == AnnualReport.PdfStatus.RUNNING  # noqa: E731
            started = _wait_for(running, 90, "the build")
            os.killpg(first.pid, signal.SIGKILL)  # kill -9 mid-render
            killed = time.monotonic()
        finally:
            first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL
    row.refresh_from_db()
    assert (row.status, row.attempts, _pdf_status(report)) == ("delivering", 1, "running")
    pdfs = Path(settings.MEDIA_ROOT) / "arsrapporter"
    assert not pdfs.exists() or not list(pdfs.iterdir())

    with open(tmp_path / "worker-2.log", "wb") as log:
        second = _worker(log)
        try:
            assert outbox.sweep() == 0  # within the claim's deadline: a live worker may still be on it
            time.sleep(max(0, LEASE - (time.monotonic() - killed)) + 0.5)
            with broker_at(settings.CELERY_BROKER_URL):
                assert outbox.sweep() == 1  # the sweeper's periodic run, now that the deadline passed
            swept = time.monotonic()
            built = _wait_for(lambda: _pdf_status(report) == "done", 120, "the rebuild")
        finally:
            second.terminate()
            second.wait(timeout=30)
    close_other_connections()
    report.refresh_from_db()
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("done", 2)
    assert report.pdf_pages >= 3 and report.pdf.read(5) == b"%PDF-"
    assert [path.name for path in pdfs.iterdir()] == ["arsrapport-2024.pdf"]  # exactly one PDF stored
    print(f"killed {killed - started:.2f} s after the build started; built {built - swept:.1f} s after sweep")
