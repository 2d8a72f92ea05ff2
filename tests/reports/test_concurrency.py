"""Double clicks: twenty requests that read the same row make the same move at once; it happens once.

PostgreSQL only (SQLite serialises writers and has no row locks): each thread reads the row
first, as a request would, then all act together. Exactly one moves, with one history row (and,
for the adoption, one PDF build); the others are refused with a conflict or a refused move.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from governance.models import Membership
from reports import services
from reports.models import AnnualReport, ReportSection
from samverkan.lifecycle import REFUSED
from tests.conftest import require

Role = Membership.Role
Status = ReportSection.Status
THREADS = 20

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql():
    require(connection.vendor == "postgresql", "needs PostgreSQL")


def race(read, act):
    """``act(read())`` in THREADS threads: every thread reads before any acts.

    Returns (results of the moves that happened, codes of the refusals).
    """
    barrier = threading.Barrier(THREADS)
    results, codes = [], []

    def request():
        try:
            obj = read()
            barrier.wait(timeout=30)
            results.append(act(obj))
        except ValidationError as refused:
            codes.append(refused.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) + len(codes) == THREADS, "a thread raised something else"
    return results, codes


def _refused_as_double_clicks(codes):
    assert len(codes) == THREADS - 1
    assert set(codes) <= {"conflict", REFUSED}


def _section(opened, status, summary="Sex möten."):
    section = opened.section(opened.structure.nosam)
    ReportSection.objects.filter(pk=section.pk).update(status=status, summary=summary)
    return section.pk


def test_a_double_clicked_submit_submits_once(opened):
    pk = _section(opened, Status.DRAFT)
    chair = opened.structure.people[Role.CHAIR]
    results, codes = race(
        lambda: ReportSection.objects.get(pk=pk),
        lambda section: services.section_save(
            section=section, user=chair, version=section.version, submit=True
        ),
    )
    assert len(results) == 1
    _refused_as_double_clicks(codes)
    section = ReportSection.objects.get(pk=pk)
    assert section.status == Status.SUBMITTED
    assert section.history.filter(status=Status.SUBMITTED).count() == 1


def test_a_double_clicked_accept_accepts_once(opened):
    pk = _section(opened, Status.SUBMITTED)
    results, codes = race(
        lambda: ReportSection.objects.get(pk=pk),
        lambda section: services.section_accept(section=section, user=opened.lgs_leader),
    )
    assert len(results) == 1
    _refused_as_double_clicks(codes)
    section = ReportSection.objects.get(pk=pk)
    assert section.status == Status.ACCEPTED
    assert section.history.filter(status=Status.ACCEPTED).count() == 1


def test_a_double_clicked_adoption_adopts_once_and_builds_one_pdf(opened, monkeypatch):
    builds = []
    monkeypatch.setattr("reports.pdf.html_to_pdf", lambda html: builds.append(html) or (b"%PDF-1.7", 1))
    report = opened.report()
    report.sections.update(status=Status.ACCEPTED, summary="Klart.")
    results, codes = race(
        lambda: AnnualReport.objects.get(pk=report.pk),
        lambda report: services.report_adopt(report=report, user=opened.lgs_leader),
    )
    assert len(results) == 1
    _refused_as_double_clicks(codes)
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.ADOPTED
    assert report.history.filter(status=AnnualReport.Status.ADOPTED).count() == 1
    assert len(builds) == 1 and report.pdf_built  # one build, queued on the winner's commit
    for section in report.sections.all():  # facts frozen once per section
        assert section.history.filter(facts_snapshot__isnull=False).count() == 1, section
