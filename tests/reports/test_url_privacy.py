"""Every reports URL as anonymous, outsider, member, the body's chair and LGS's process leader see it:
the pages (GET), and every POST in every state of the section and the report, where a refused POST
changes nothing."""

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
        "section_detail": ("get", reverse("reports:section_detail", args=[2025, section.pk])),
        "section_detail_adopted": (
            "get",
            reverse("reports:section_detail", args=[adopted_year, published.pk]),
        ),
        "section_edit": ("get", reverse("reports:section_edit", args=[2025, section.pk])),
        "section_preview_pdf": ("get", reverse("reports:section_preview_pdf", args=[2025, section.pk])),
    }


# name: (anonymous, outsider, NOSAM member, NOSAM chair, LGS process leader)
EXPECTED = {
    "arshjul": (200, 200, 200, 200, 200),
    "arshjul_ics": (200, 200, 200, 200, 200),
    "latest_report": (302, 302, 302, 302, 302),
    "report_detail": (404, 404, 404, 200, 200),  # the chair writes a section: takes part
    "report_detail_adopted": (200, 200, 200, 200, 200),
    "report_pdf": (404, 404, 404, 404, 503),  # 503: "being built" (queued on commit)
    "section_detail": (404, 403, 200, 200, 200),
    "section_detail_adopted": (200, 200, 200, 200, 200),
    "section_edit": (LOGIN, 403, 403, 200, 403),
    "section_preview_pdf": (LOGIN, 403, 403, 200, 200),
}
URL_NAMES = {
    "report_detail_adopted": "report_detail",
    "section_detail_adopted": "section_detail",
}


def test_the_tables_cover_every_reports_url():
    from reports.urls import urlpatterns

    pages = {URL_NAMES.get(name, name) for name in EXPECTED}
    posts = {name for name, *_rest in [*SECTION_POSTS.values(), *REPORT_POSTS.values()]}
    assert {p.name for p in urlpatterns} == pages | posts


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


# --- POSTs in every state ---------------------------------------------------------------------------

S = ReportSection.Status
R = AnnualReport.Status
WRITING = (S.REQUESTED, S.DRAFT, S.RETURNED)
VISITORS = ("anonymous", "outsider", "member", "chair", "lgs_leader")

# action: (URL name, POST data, the one visitor who may, {state: the state it leads to},
#          the answer when that visitor is refused in another state)
SECTION_POSTS = {
    "save": ("section_edit", {"summary": "Nytt."}, "chair", dict.fromkeys(WRITING, S.DRAFT), 302),
    "submit": (
        "section_edit",
        {"summary": "Nytt.", "submit": "1"},
        "chair",
        dict.fromkeys(WRITING, S.SUBMITTED),
        302,
    ),
    "accept": ("section_review", {"decision": "accept"}, "lgs_leader", {S.SUBMITTED: S.ACCEPTED}, 200),
    "return": (
        "section_review",
        {"decision": "return", "comment": "Mer om året."},
        "lgs_leader",
        {S.SUBMITTED: S.RETURNED},
        200,
    ),
    "no_section": (
        "section_not_applicable",
        {"mark": "1"},
        "lgs_leader",
        dict.fromkeys((*WRITING, S.SUBMITTED), S.NOT_APPLICABLE),
        302,
    ),
    "request_again": (
        "section_not_applicable",
        {"mark": "0"},
        "lgs_leader",
        {S.NOT_APPLICABLE: S.REQUESTED},
        302,
    ),
    "withdraw": ("section_withdraw", {}, "chair", {S.SUBMITTED: S.DRAFT}, 302),
}
# An adopted report holds only accepted and absent sections; nothing in it moves.
SECTION_CASES = [(action, R.COLLECTING, state) for action in SECTION_POSTS for state in S] + [
    (action, R.ADOPTED, state) for action in SECTION_POSTS for state in (S.ACCEPTED, S.NOT_APPLICABLE)
]


def _visitor(opened, name):
    s = opened.structure
    return {
        "anonymous": None,
        "outsider": s.outsider,
        "member": s.people[Role.MEMBER],
        "chair": s.people[Role.CHAIR],
        "lgs_leader": opened.lgs_leader,
    }[name]


def _post(client, visitor, url, data):
    client.logout()
    if visitor:
        client.force_login(visitor)
    return client.post(url, data)


def _refused(response, expected, visitor):
    if visitor is None:
        assert response.status_code == 302 and response.url.startswith(reverse(LOGIN))
    else:
        assert response.status_code == expected


def _section_trace(section):
    section.refresh_from_db()
    return section.status, section.version, section.summary, section.history.count()


@pytest.mark.parametrize("action,report_state,state", SECTION_CASES)
def test_every_section_post_in_every_state(opened, client, action, report_state, state):
    name, data, allowed, moves, refusal = SECTION_POSTS[action]
    section = opened.section(opened.structure.nosam)
    AnnualReport.objects.filter(pk=section.report_id).update(status=report_state)
    url = reverse(f"reports:{name}", args=[2025, section.pk])
    for who in VISITORS:
        ReportSection.objects.filter(pk=section.pk).update(status=state, summary="Klart.")
        before = _section_trace(section)
        visitor = _visitor(opened, who)
        response = _post(client, visitor, url, {**data, "version": section.version})
        if who == allowed and report_state == R.COLLECTING and state in moves:
            assert response.status_code == 302, (who, response.status_code)
            assert _section_trace(section)[0] == moves[state]
            continue
        _refused(response, refusal if who == allowed else 403, visitor)
        assert _section_trace(section) == before, who


# action: (URL name, POST data, the one visitor who may)
REPORT_POSTS = {
    "adopt": ("report_adopt", {"adopted_on": "2026-01-29"}, "lgs_leader"),
    "rebuild_pdf": ("report_rebuild_pdf", {}, "lgs_leader"),
}


def _report_trace(report):
    report.refresh_from_db()
    return report.status, report.version, report.pdf_status, report.history.count()


@pytest.mark.parametrize("action", REPORT_POSTS)
@pytest.mark.parametrize("state", ["collecting, sections missing", "collecting, sections ready", "adopted"])
def test_every_report_post_in_every_state(opened, client, action, state):
    name, data, allowed = REPORT_POSTS[action]
    report = opened.report()
    url = reverse(f"reports:{name}", args=[2025])
    for who in VISITORS:
        AnnualReport.objects.filter(pk=report.pk).update(
            status=R.ADOPTED if state == "adopted" else R.COLLECTING, pdf_status=AnnualReport.PdfStatus.NONE
        )
        report.sections.update(status=S.SUBMITTED if state.endswith("missing") else S.ACCEPTED)
        before = _report_trace(report)
        visitor = _visitor(opened, who)
        response = _post(client, visitor, url, data)
        if who != allowed:
            _refused(response, 403, visitor)
            assert _report_trace(report) == before, who
        elif action == "rebuild_pdf":  # in any state: queued, built after commit
            assert response.status_code == 302
            assert _report_trace(report)[2] == AnnualReport.PdfStatus.QUEUED
        elif state == "collecting, sections ready":
            assert response.status_code == 302
            assert _report_trace(report)[0] == R.ADOPTED
        else:
            assert response.status_code == 200  # the page again, with the refusal
            assert _report_trace(report) == before
