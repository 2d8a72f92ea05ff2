"""Double clicks on the annual report's actions, through HTTP on PostgreSQL: 20 browsers read
the page, then post the same form at once (``tests.concurrency``); the move happens once, with
one history row (and, for the adoption, one PDF build and one facts snapshot per section); the
other clicks get a refusal or a redirect, never a 500.

"Build the PDF again" enqueues a build through the outbox and is tested there.
"""

import pytest
from django.urls import reverse

from governance.models import Membership
from reports.models import AnnualReport, ReportSection
from tests.concurrency import RACES, Scenario, confirmation, form_fields, hidden_fields

Role = Membership.Role
Status = ReportSection.Status

pytestmark = RACES


def _section(opened, status, summary="Sex möten."):
    section = opened.section(opened.structure.nosam)
    ReportSection.objects.filter(pk=section.pk).update(status=status, summary=summary)
    return section


def _moves(section, status):
    return lambda: section.history.filter(status=status).count()


def _url(name, section):
    return reverse(f"reports:{name}", args=[section.report.year, section.pk])


def _save(opened):
    section = _section(opened, Status.DRAFT)
    url = _url("section_edit", section)
    return Scenario(
        url,
        opened.structure.people[Role.CHAIR],
        lambda: section.history.filter(summary="Sju möten.").count(),
        read=lambda client: form_fields(client.get(url)) | {"summary": "Sju möten."},
    )


def _submit(opened):
    section = _section(opened, Status.DRAFT)
    url = _url("section_edit", section)
    return Scenario(
        url,
        opened.structure.people[Role.CHAIR],
        _moves(section, Status.SUBMITTED),
        read=lambda client: form_fields(client.get(url)) | {"submit": "1"},
    )


def _accept(opened):
    section = _section(opened, Status.SUBMITTED)
    return Scenario(
        _url("section_review", section),
        opened.lgs_leader,
        _moves(section, Status.ACCEPTED),
        data={"decision": "accept"},
    )


def _return(opened):
    section = _section(opened, Status.SUBMITTED)
    return Scenario(
        _url("section_review", section),
        opened.lgs_leader,
        _moves(section, Status.RETURNED),
        data={"decision": "return", "comment": "Beskriv målen."},
    )


def _not_applicable(opened):
    section = _section(opened, Status.REQUESTED, summary="")
    return Scenario(
        _url("section_not_applicable", section),
        opened.lgs_leader,
        _moves(section, Status.NOT_APPLICABLE),
        data={"mark": "1"},
    )


def _request_again(opened):
    section = _section(opened, Status.NOT_APPLICABLE, summary="")
    return Scenario(
        _url("section_not_applicable", section),
        opened.lgs_leader,
        lambda: section.history.filter(status=Status.REQUESTED).count(),
        data={"mark": "0"},
    )


def _withdraw(opened):
    """“Ångra” on the section's page after submitting, clicked twenty times: a draft again, once."""
    section = _section(opened, Status.SUBMITTED)
    return Scenario(
        _url("section_withdraw", section),
        opened.structure.people[Role.CHAIR],
        lambda: section.history.filter(status=Status.DRAFT).count(),
        read=lambda client: hidden_fields(client.get(_url("section_detail", section)), "version"),
    )


SCENARIOS = {
    "save a draft": _save,
    "submit": _submit,
    "withdraw": _withdraw,
    "accept": _accept,
    "return": _return,
    "no section this year": _not_applicable,
    "request again": _request_again,
}


@pytest.mark.parametrize("action", SCENARIOS)
def test_twenty_clicks_at_once_have_one_effect(opened, action):
    SCENARIOS[action](opened).fire()


def test_a_double_clicked_adoption_adopts_once_and_builds_one_pdf(opened, monkeypatch):
    builds = []
    monkeypatch.setattr("reports.pdf.html_to_pdf", lambda html: builds.append(html) or (b"%PDF-1.7", 1))
    report = opened.report()
    report.sections.update(status=Status.ACCEPTED, summary="Klart.")
    url = reverse("reports:report_adopt", args=[report.year])
    Scenario(  # through the confirmation page, which asks for the decision
        url,
        opened.lgs_leader,
        lambda: report.history.filter(status=AnnualReport.Status.ADOPTED).count(),
        read=confirmation(url, adopted_on="2026-01-29", decision_reference="LGS 2026-01-29, § 4"),
    ).fire()
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.ADOPTED
    assert len(builds) == 1 and report.pdf_built  # one build, queued on the winner's commit
    for section in report.sections.all():  # facts frozen once per section
        assert section.history.filter(facts_snapshot__isnull=False).count() == 1, section
