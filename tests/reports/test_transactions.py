"""The report's workflows end to end in transactions that commit, as in production.

pytest-django normally wraps each test in a transaction, which hid a ``select_for_update``
outside ``atomic`` in the adoption (a 500 on PostgreSQL). These tests run outside any test
transaction (``transaction=True``): every request and service commits, mails and the PDF build
run on commit. They pass on SQLite and on PostgreSQL.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from governance.models import BodyUserObjectPermission, Membership
from governance.permissions import (
    REVIEW_REPORT_SECTIONS,
    WRITE_REPORT_SECTION,
    holds,
    sync_user_permissions,
)
from reports import services
from reports.models import AnnualReport, ReportSection
from samverkan.lifecycle import REFUSED
from tests.conftest import DEMO_DAY

Role = Membership.Role
Status = ReportSection.Status

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def quick_pdf(monkeypatch):
    """WeasyPrint is tested elsewhere; here the build only has to happen."""
    monkeypatch.setattr("reports.pdf.html_to_pdf", lambda html: (b"%PDF-1.7 test", 2))


def test_the_services_run_outside_any_test_transaction():
    assert not transaction.get_connection().in_atomic_block


def test_a_section_is_saved_submitted_returned_resubmitted_and_accepted(opened, client):
    s = opened.structure
    section = opened.section(s.nosam)
    edit = reverse("reports:section_edit", args=[2025, section.pk])
    review = reverse("reports:section_review", args=[2025, section.pk])
    fields = {"summary": "Sex möten.", "body_text": "- SIP", "development_areas": ""}

    client.force_login(s.people[Role.CHAIR])
    assert client.post(edit, {**fields, "version": section.version}).status_code == 302
    section.refresh_from_db()
    assert section.status == Status.DRAFT
    assert client.post(edit, {**fields, "version": section.version, "submit": "1"}).status_code == 302
    section.refresh_from_db()
    assert (section.status, section.submitted_at is not None) == (Status.SUBMITTED, True)

    mail.outbox.clear()
    client.force_login(opened.lgs_leader)
    response = client.post(review, {"decision": "return", "comment": "Nämn LOSAM."})
    assert response.status_code == 302
    section.refresh_from_db()
    assert (section.status, section.return_comment) == (Status.RETURNED, "Nämn LOSAM.")
    # The writers' mails (one each, through the outbox) went out when the return committed.
    assert sorted(m.to for m in mail.outbox) == [["chair@example.se"], ["process_leader@example.se"]]
    assert "Nämn LOSAM." in mail.outbox[0].body

    client.force_login(s.people[Role.CHAIR])
    fields["summary"] = "Sex möten, LOSAM med."
    assert client.post(edit, {**fields, "version": section.version, "submit": "1"}).status_code == 302
    client.force_login(opened.lgs_leader)
    assert client.post(review, {"decision": "accept"}).status_code == 302
    section.refresh_from_db()
    assert (section.status, section.summary) == (Status.ACCEPTED, "Sex möten, LOSAM med.")
    history = section.history.order_by("history_id")
    moves = [(h.status, h.history_user, h.history_change_reason) for h in history]
    assert moves[-5:] == [
        (Status.DRAFT, s.people[Role.CHAIR], "Spara som utkast"),
        (Status.SUBMITTED, s.people[Role.CHAIR], "Lämna in för granskning"),
        (Status.RETURNED, opened.lgs_leader, "Återsända till skribenterna"),
        (Status.SUBMITTED, s.people[Role.CHAIR], "Lämna in för granskning"),
        (Status.ACCEPTED, opened.lgs_leader, "Godkänna"),
    ]


def _write_and_accept(section, writer, reviewer):
    section.summary = section.summary or "Året i korthet."
    services.section_save(section=section, user=writer, version=section.version, submit=True)
    services.section_accept(section=section, user=reviewer)


def test_the_report_is_adopted_through_the_view_and_its_pdf_is_built_on_commit(opened, client, quick_pdf):
    report = opened.report()
    writers = {opened.structure.lgs: opened.lgs_leader, opened.structure.theme: opened.theme_chair}
    for section in report.sections.select_related("body"):
        writer = writers.get(section.body, opened.structure.people[Role.CHAIR])
        _write_and_accept(section, writer, opened.lgs_leader)
    client.force_login(opened.lgs_leader)
    response = client.post(reverse("reports:report_adopt", args=[2025]), {"adopted_on": "2026-02-12"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.adopted_on) == (AnnualReport.Status.ADOPTED, datetime.date(2026, 2, 12))
    assert report.history.first().history_user == opened.lgs_leader
    assert not report.sections.filter(facts_snapshot__isnull=True).exists()
    assert (report.pdf_status, report.pdf_pages) == (AnnualReport.PdfStatus.DONE, 2)  # built on commit
    client.logout()
    assert client.get(report.get_absolute_url()).status_code == 200


def _writer(body):
    """The body's chair or process leader, logged in (the demo gives most of them no login yet)."""
    seat = (
        Membership.objects.current()
        .filter(body=body, role__in=[Role.CHAIR, Role.PROCESS_LEADER])
        .select_related("person__user")
        .order_by("role", "pk")
        .first()
    )
    if seat.person.user is None:
        seat.person.user = get_user_model().objects.create_user(f"writer-{seat.person.pk}")
        seat.person.save()
        sync_user_permissions(seat.person.user)
    assert holds(seat.person.user, WRITE_REPORT_SECTION, body)
    return seat.person.user


def _finish_the_demo_sections(reviewer):
    """Write, submit and accept every 2025 section still open, as the demo's own people."""
    report = AnnualReport.objects.get(year=2025)
    for section in report.sections.select_related("body").order_by("order"):
        if section.is_editable:
            section.summary = section.summary or "Året i korthet."
            writer = _writer(section.body)
            services.section_save(section=section, user=writer, version=section.version, submit=True)
        if section.can("accept", reviewer):
            services.section_accept(section=section, user=reviewer)
    return report


@pytest.fixture
def demo(settings):
    """The whole portal's demo on a fresh database, with the real facts providers."""
    from samverkan import settings as project

    settings.REPORT_SECTION_FACTS = project.REPORT_SECTION_FACTS
    call_command("load_demo", force=True, today=DEMO_DAY, stdout=open("/dev/null", "w"))  # noqa: SIM115
    lgs_reviewers = BodyUserObjectPermission.objects.filter(
        content_object__slug="lgs", permission__codename=REVIEW_REPORT_SECTIONS
    )
    return lgs_reviewers.get(user__username="processledare-lgs").user


def test_the_bar_on_the_demo_the_open_report_is_accepted_and_adopted_through_the_services(demo, quick_pdf):
    report = _finish_the_demo_sections(demo)
    assert not report.sections.pending().exists()
    services.report_adopt(report=report, user=demo, adopted_on=datetime.date(2026, 2, 12))
    report.refresh_from_db()
    assert report.is_adopted and report.pdf_built
    lgs = report.sections.get(body__slug="lgs", is_thematic=False)
    assert lgs.facts_snapshot and lgs.facts_snapshot[0]["heading"] == "Möten 2025"
    # Frozen: nothing of the adopted report moves any more.
    absent = report.sections.get(status=Status.NOT_APPLICABLE)
    with pytest.raises(ValidationError) as refused:
        services.section_request_again(section=absent, user=demo)
    assert refused.value.code == REFUSED


def test_the_bar_on_the_demo_the_open_report_is_adopted_through_the_view(demo, client, quick_pdf):
    _finish_the_demo_sections(demo)
    client.force_login(demo)
    page = client.get(reverse("reports:report_detail", args=[2025]))
    assert "Registrera fastställandet" in page.content.decode()
    decision = AnnualReport.objects.get(year=2025).adoption_decisions().first()
    data = {"adopted_on": "2026-02-12", "decision_reference": "LGS 2026-02-12 § 4"}
    if decision is not None:
        data["decision"] = decision.pk
    response = client.post(reverse("reports:report_adopt", args=[2025]), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    report = AnnualReport.objects.get(year=2025)
    assert (report.status, report.decision_reference) == (AnnualReport.Status.ADOPTED, "LGS 2026-02-12 § 4")
    assert report.decision == decision
