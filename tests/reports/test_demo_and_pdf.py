"""The 2024 demo report: loaded from seed 000, and its PDF with a table of contents that is right."""

import re

import pypdf
import pytest
from django.urls import reverse

from reports.demo import SECTIONS_2024
from reports.models import AnnualReport, CycleEvent, ReportSection
from samverkan.models import OutboxMessage
from tests.conftest import DEMO_DAY


@pytest.fixture(autouse=True)
def project_facts(settings):
    """This module runs the whole portal's demo: the facts come from the real providers."""
    from samverkan import settings as project

    settings.REPORT_SECTION_FACTS = project.REPORT_SECTION_FACTS


@pytest.fixture(scope="module")
def pdf_2024(demo_db, django_db_blocker, tmp_path_factory):
    from django.conf import settings

    from reports.services import report_build_pdf

    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock():
        report = report_build_pdf(report_id=AnnualReport.objects.get(year=2024).pk)
        return report, pypdf.PdfReader(report.pdf.path)


def test_the_2024_report_has_every_section_of_seed_000_with_its_text(demo_db, db):
    report = AnnualReport.objects.get(year=2024)
    assert report.is_adopted and str(report.adopted_on) == "2025-01-29"
    assert report.content_owner_name == "Helena Strand"  # invented, not the real content owner
    sections = list(report.sections.order_by("order"))
    assert [s.heading for s in sections] == [title for title, _slug, _t in SECTIONS_2024]
    assert all(s.status == ReportSection.Status.ACCEPTED for s in sections)
    lgs = sections[0]
    assert "tre ordinarie möten och fyra korta extra möten" in lgs.body_text
    psykiatri = next(s for s in sections if s.heading == "Temagrupp Psykiatri")
    assert "| Helår 2024 | Härreda |" in psykiatri.body_text  # the tab table became a Markdown table
    sydvast = next(s for s in sections if s.heading == "NOSAM Sydväst")
    assert sydvast.development_areas.startswith("- En uttalad oro")
    assert "Anette" not in "".join(s.summary + s.body_text for s in sections)


def test_the_demo_loader_is_idempotent(demo_db, db):
    from reports.demo import load_demo

    before = [(s.pk, s.version, s.history.count()) for s in ReportSection.objects.all()]
    load_demo(today=DEMO_DAY)
    assert [(s.pk, s.version, s.history.count()) for s in ReportSection.objects.all()] == before
    assert CycleEvent.objects.count() == 15


def test_the_reports_after_2024_follow_the_calendar(demo_db, db):
    """Last year's report is adopted from March (tests/platform/test_demo_calendar.py has the
    report being written on chosen days); today's demo has every earlier one adopted."""
    today = DEMO_DAY
    adopted = set(AnnualReport.objects.filter(status="adopted").values_list("year", flat=True))
    assert set(range(2024, today.year if today.month >= 3 else today.year - 1)) <= adopted
    for report in AnnualReport.objects.filter(year__gt=2024, status="adopted"):
        assert report.decision is not None and report.adopted_on.month == 3


def test_the_table_of_contents_gives_the_page_of_each_heading(pdf_2024):
    report, reader = pdf_2024
    pages = [page.extract_text() for page in reader.pages]
    assert report.pdf_pages == len(pages) > 20
    toc = pages[1]
    assert toc.startswith("Innehåll")
    entries = re.findall(r"^(.+?)\s*\.{3,}\s*(\d+)$", toc, re.M)
    assert [title for title, _page in entries] == [title for title, _slug, _t in SECTIONS_2024]
    for title, number in entries:
        first_line = pages[int(number) - 1].splitlines()
        # The running header carries the report and section titles; the heading follows it.
        assert title in first_line[:4], (title, number, first_line[:4])
    assert pages[0].startswith("Årsrapport 2024")
    assert "Fastställd av Ledningsgrupp för samverkan (LGS)" in pages[0]
    assert "Datum: 2025-01-29" in pages[0]


def test_the_lgs_section_states_the_meetings_the_portal_knows(pdf_2024):
    """Three regular and four extra meetings, 14 hours: computed from the meeting records."""
    _report, reader = pdf_2024
    text = "\n".join(page.extract_text() for page in reader.pages)
    start = text.index("Möten 2024")
    lgs = text[start : text.index("Utvecklingsgrupp SAMSA", start)]
    assert re.search(r"Ordinarie möten\s+3\b", lgs)
    assert re.search(r"Extra möten\s+4\b", lgs)
    assert re.search(r"Sammanlagd mötestid\s+14 timmar", lgs)
    assert re.search(r"Deltagare per möte i snitt\s+15\b", lgs)


def test_a_nosam_section_carries_its_plans_goals_and_outcomes(pdf_2024):
    _report, reader = pdf_2024
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Mål, aktiviteter och utfall för NOSAM GBG Sydväst – 2024" in text
    assert "TG Äldre: Öka kvaliteten och delaktigheten" in text


def test_the_pdf_is_tagged_with_title_and_language(pdf_2024):
    _report, reader = pdf_2024
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Årsrapport 2024"


def test_the_first_download_builds_the_pdf_and_the_next_one_serves_it(
    demo_db, db, client, monkeypatch, django_capture_on_commit_callbacks
):
    url = reverse("reports:report_pdf", args=[2024])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    assert response.status_code == 503  # queued; in the embedded mode built when the request commits
    assert "PDF:en byggs" in response.content.decode()
    report = AnnualReport.objects.get(year=2024)
    assert report.pdf_status == AnnualReport.PdfStatus.DONE
    monkeypatch.setattr("reports.pdf.html_to_pdf", lambda html: pytest.fail("rebuilt"))
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_failed_build_records_the_reason_and_the_daily_run_retries_it(
    demo_db, db, monkeypatch, django_capture_on_commit_callbacks
):
    from reports.services import cycle_run, report_request_pdf

    def broken(html):
        raise RuntimeError("Pango saknas")

    monkeypatch.setattr("reports.pdf.html_to_pdf", broken)
    report = AnnualReport.objects.get(year=2024)
    earlier = list(OutboxMessage.objects.values_list("pk", flat=True))  # the demo's own side effects
    with django_capture_on_commit_callbacks(execute=True):
        report_request_pdf(report=report, force=True)
    report.refresh_from_db()
    assert (report.pdf_status, report.pdf_error) == ("failed", "RuntimeError: Pango saknas")
    build = OutboxMessage.objects.exclude(pk__in=earlier).get()
    assert (build.status, build.attempts) == ("pending", 1)  # the outbox retries it after a backoff
    assert cycle_run()["pdf_retried"] == 0  # so the daily run does not build it a second time
    OutboxMessage.objects.filter(pk=build.pk).update(status=OutboxMessage.Status.FAILED)  # the outbox gave up
    monkeypatch.setattr("reports.pdf.html_to_pdf", lambda html: (b"%PDF-1.7", 1))
    with django_capture_on_commit_callbacks(execute=True):
        assert cycle_run()["pdf_retried"] == 1
    report.refresh_from_db()
    assert (report.pdf_status, report.pdf_pages) == ("done", 1)
