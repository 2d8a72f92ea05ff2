"""The PDF build and the daily cycle run on a real Celery worker fed through Redis."""

import datetime
import time

import pytest
from django.utils import timezone

from reports.models import AnnualReport, CycleEvent, ReportSection, SentReminder
from samverkan.models import OutboxMessage
from tests.platform.test_celery_worker import real_celery_worker  # noqa: F401 - the fixture

pytestmark = pytest.mark.services


def test_build_report_pdf_runs_on_a_real_worker(structure, real_celery_worker, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    report = AnnualReport.objects.create(
        year=2024,
        adopting_body=structure.lgs,
        status=AnnualReport.Status.ADOPTED,
        due_date=datetime.date(2025, 1, 31),
        adopted_on=datetime.date(2025, 1, 29),
    )
    ReportSection.objects.create(
        report=report,
        body=structure.nosam,
        status="accepted",
        summary="Sex möten.",
        body_text="| a | b |\n|---|---|\n| 1 | 2 |",
    )
    from reports import services

    services.report_request_pdf(report=report, force=True)  # an outbox row, published on commit
    deadline = time.monotonic() + 60
    while AnnualReport.objects.get(pk=report.pk).pdf_status != AnnualReport.PdfStatus.DONE:
        assert time.monotonic() < deadline, "the worker did not build the PDF"
        time.sleep(0.2)
    report.refresh_from_db()
    assert report.pdf_pages >= 3  # cover, contents, the section
    assert report.pdf.read(5) == b"%PDF-"
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.DONE


def test_the_daily_cycle_runs_on_a_real_worker(structure, real_celery_worker, settings):  # noqa: F811
    from reports.tasks import run_annual_cycle

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    today = timezone.localdate()
    event = CycleEvent.objects.create(
        month=today.month,
        day=today.day,
        title="Avsnitt till årsrapporten begärs in",
        action=CycleEvent.Action.OPEN_SECTIONS,
        responsible_body=structure.lgs,
    )
    event.target_bodies.set([structure.nosam])
    summary = run_annual_cycle.delay().get(timeout=30)
    assert summary == {"reports_created": 1, "sections_created": 1, "messages": 1}
    section = ReportSection.objects.get()  # written by the worker, committed, seen here
    assert (section.body, section.report.opened_on) == (structure.nosam, today)
    assert SentReminder.objects.get().recipients == "chair@example.se, process_leader@example.se"
