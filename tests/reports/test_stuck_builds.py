"""The reviewers' "build the PDF again" button on a build that is stuck (queued or being built):
left alone within its deadline, queued again at once after it, and owed anew when no build is in
the outbox at all. Eager Celery: the build runs when the request commits."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import AnnualReport
from samverkan.models import OutboxMessage

pytestmark = pytest.mark.django_db(transaction=True)
Pdf = AnnualReport.PdfStatus


@pytest.fixture
def report(cycle, monkeypatch):
    monkeypatch.setattr("reports.pdf.html_to_pdf", lambda html: (b"%PDF-1.7", 1))
    return AnnualReport.objects.create(
        year=2024,
        adopting_body=cycle.structure.lgs,
        status=AnnualReport.Status.ADOPTED,
        due_date=datetime.date(2025, 1, 31),
        adopted_on=datetime.date(2025, 1, 29),
    )


def _stuck(report, *, overdue):
    """A build a killed worker left "being built", its outbox row claimed (and perhaps overdue)."""
    AnnualReport.objects.filter(pk=report.pk).update(pdf_status=Pdf.RUNNING)
    deadline = timezone.now() + datetime.timedelta(minutes=-1 if overdue else 5)
    return OutboxMessage.objects.create(
        kind="reports.pdf",
        key=f"report-pdf:{report.pk}:1",
        payload={"report": report.pk},
        status=OutboxMessage.Status.DELIVERING,
        attempts=1,
        available_at=timezone.now(),
        deadline=deadline,
    )


def _rebuild(client, cycle, report):
    client.force_login(cycle.lgs_leader)
    response = client.post(reverse("reports:report_rebuild_pdf", args=[report.year]), follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_the_button_leaves_a_build_within_its_deadline_alone(client, cycle, report):
    row = _stuck(report, overdue=False)
    assert "PDF:en byggs. Försök igen om en minut." in _rebuild(client, cycle, report)
    row.refresh_from_db()
    assert (row.status, AnnualReport.objects.get(pk=report.pk).pdf_status) == ("delivering", Pdf.RUNNING)


def test_the_button_requeues_a_build_stuck_past_its_deadline(client, cycle, report):
    row = _stuck(report, overdue=True)
    assert "PDF:en byggs om." in _rebuild(client, cycle, report)
    row.refresh_from_db()
    report.refresh_from_db()
    assert (row.status, row.attempts, report.pdf_status, report.pdf_pages) == ("done", 2, Pdf.DONE, 1)
    assert OutboxMessage.objects.count() == 1


def test_the_button_owes_a_build_when_none_is_in_the_outbox(client, cycle, report):
    AnnualReport.objects.filter(pk=report.pk).update(pdf_status=Pdf.QUEUED)  # queued before the outbox
    assert "PDF:en byggs om." in _rebuild(client, cycle, report)
    report.refresh_from_db()
    assert (report.pdf_status, report.pdf_pages) == (Pdf.DONE, 1)
    assert OutboxMessage.objects.get().key == f"report-pdf:{report.pk}:1"


def test_the_daily_run_requeues_a_build_lost_before_the_outbox_existed(cycle, report):
    from reports.services import cycle_run

    AnnualReport.objects.filter(pk=report.pk).update(pdf_status=Pdf.RUNNING)
    assert cycle_run()["pdf_requeued"] == 1
    report.refresh_from_db()
    assert (report.pdf_status, report.pdf_pages) == (Pdf.DONE, 1)
    assert cycle_run()["pdf_requeued"] == 0  # built: nothing to do


def test_the_daily_run_leaves_a_build_the_outbox_is_on_to_the_sweeper(cycle, report):
    from reports.services import cycle_run

    row = _stuck(report, overdue=False)
    assert cycle_run()["pdf_requeued"] == 0
    row.refresh_from_db()
    assert (row.status, AnnualReport.objects.get(pk=report.pk).pdf_status) == ("delivering", Pdf.RUNNING)
