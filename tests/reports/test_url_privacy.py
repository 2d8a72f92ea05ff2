"""Every reports URL as anonymous, outsider, member, the body's chair and LGS's process leader see it."""

import pytest
from django.urls import reverse

from governance.models import Membership
from reports.models import AnnualReport, ReportSection

Role = Membership.Role
LOGIN = "login"


def urls(opened, adopted_year):
    s = opened.structure
    section = opened.section(s.nosam)
    published = ReportSection.objects.get(report__year=adopted_year, body=s.nosam)
    return {
        "arshjul": ("get", reverse("reports:arshjul")),
        "arshjul_ics": ("get", reverse("reports:arshjul_ics")),
        "latest_report": ("get", reverse("reports:latest_report")),
        "report_detail": ("get", reverse("reports:report_detail", args=[2025])),
        "report_detail_adopted": ("get", reverse("reports:report_detail", args=[adopted_year])),
        "report_pdf": ("get", reverse("reports:report_pdf", args=[2025])),
        "report_adopt": ("post", reverse("reports:report_adopt", args=[2025])),
        "report_rebuild_pdf": ("post", reverse("reports:report_rebuild_pdf", args=[adopted_year])),
        "section_detail": ("get", reverse("reports:section_detail", args=[2025, section.pk])),
        "section_detail_adopted": (
            "get",
            reverse("reports:section_detail", args=[adopted_year, published.pk]),
        ),
        "section_edit": ("get", reverse("reports:section_edit", args=[2025, section.pk])),
        "section_preview_pdf": ("get", reverse("reports:section_preview_pdf", args=[2025, section.pk])),
        "section_review": ("post", reverse("reports:section_review", args=[2025, section.pk])),
        "section_not_applicable": (
            "post",
            reverse("reports:section_not_applicable", args=[2025, section.pk]),
        ),
    }


# name: (anonymous, outsider, NOSAM member, NOSAM chair, LGS process leader)
EXPECTED = {
    "arshjul": (200, 200, 200, 200, 200),
    "arshjul_ics": (200, 200, 200, 200, 200),
    "latest_report": (302, 302, 302, 302, 302),
    "report_detail": (404, 404, 404, 404, 200),
    "report_detail_adopted": (200, 200, 200, 200, 200),
    "report_pdf": (404, 404, 404, 404, 503),  # 503: "being built" (queued on commit)
    "report_adopt": (LOGIN, 403, 403, 403, 302),
    "report_rebuild_pdf": (LOGIN, 403, 403, 403, 302),
    "section_detail": (404, 403, 200, 200, 200),
    "section_detail_adopted": (200, 200, 200, 200, 200),
    "section_edit": (LOGIN, 403, 403, 200, 403),
    "section_preview_pdf": (LOGIN, 403, 403, 200, 200),
    "section_review": (LOGIN, 403, 403, 403, 302),
    "section_not_applicable": (LOGIN, 403, 403, 403, 302),
}
URL_NAMES = {
    "report_detail_adopted": "report_detail",
    "section_detail_adopted": "section_detail",
}


def test_the_table_covers_every_reports_url():
    from reports.urls import urlpatterns

    assert {p.name for p in urlpatterns} == {URL_NAMES.get(name, name) for name in EXPECTED}


@pytest.fixture
def adopted_2024(opened):
    s = opened.structure
    report = AnnualReport.objects.create(
        year=2024, adopting_body=s.lgs, status=AnnualReport.Status.ADOPTED, due_date="2025-01-31"
    )
    ReportSection.objects.create(
        report=report, body=s.nosam, status=ReportSection.Status.ACCEPTED, summary="Klart."
    )
    return 2024


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_who_may_open_what(opened, adopted_2024, client, name, monkeypatch):
    # PDFs are rendered elsewhere (test_pdf.py); here only access matters.
    monkeypatch.setattr("reports.pdf.html_to_pdf", lambda html: (b"%PDF-1.7 test", 1))
    s = opened.structure
    method, url = urls(opened, adopted_2024)[name]
    visitors = [None, s.outsider, s.people[Role.MEMBER], s.people[Role.CHAIR], opened.lgs_leader]
    for visitor, expected in zip(visitors, EXPECTED[name], strict=True):
        client.logout()
        if visitor:
            client.force_login(visitor)
        response = getattr(client, method)(url)
        if expected == LOGIN:
            assert response.status_code == 302 and response.url.startswith(reverse("login")), (name, visitor)
        else:
            assert response.status_code == expected, (name, visitor, response.status_code)


def test_the_menus_annual_report_is_the_newest_adopted_one(opened, adopted_2024, client):
    response = client.get(reverse("reports:latest_report"))
    assert response.url == reverse("reports:report_detail", args=[adopted_2024])


def test_before_any_adoption_the_annual_report_link_says_so(opened, client):
    assert client.get(reverse("reports:latest_report")).status_code == 404
