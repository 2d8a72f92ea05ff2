"""Reflow (WCAG 2.1 1.4.10): one page of every kind, public and member, at 320 CSS px wide with the
demo data. No page may scroll sideways; wide tables scroll inside their own labelled region."""

import pytest

from tests.browser.test_reports_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.services]

WIDTH = 320
# The innermost elements that stick out past the viewport (those inside a scrolling region do not
# widen the page): to say in the failure where to look.
CULPRITS = """(limit) => {
  const out = [...document.querySelectorAll('body *')].filter(
    e => !e.parentElement.closest('.table-scroll') && e.getBoundingClientRect().right > limit + 1);
  return out.filter(e => ![...e.children].some(c => out.includes(c))).slice(0, 3)
    .map(e => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
    .join(', ');
}"""


def _public_paths():
    from actionplans.models import ActionPlan, CollaborationPlan
    from governance.models import Organisation
    from meetings.models import Meeting
    from reports.models import AnnualReport

    plan = ActionPlan.objects.current().filter(body__slug="nosam-gbg-sydvast").order_by("period").first()
    published = Meeting.objects.filter(status=Meeting.Status.PUBLISHED).order_by("-date").first()
    report = AnnualReport.objects.order_by("year").first()
    section = report.sections.order_by("pk").first()
    return {
        "start page": "/",
        "organisation chart": "/organisation/",
        "group page": "/grupper/nosam-gbg-sydvast/",
        "partner page": f"/parter/{Organisation.objects.order_by('pk').first().slug}/",
        "collaboration plan": CollaborationPlan.objects.first().get_absolute_url(),
        "red thread": CollaborationPlan.objects.first().get_absolute_url() + "rod-trad/",
        "lägesbild": "/lagesbild/",
        "plan page": plan.get_absolute_url(),
        "plan history": plan.url("plan_history"),
        "published minutes": published.get_absolute_url(),
        "minutes archive": "/protokoll/",
        "minutes archive year": f"/protokoll/{published.body.slug}/{published.date.year}/",
        "search": "/sok/?q=samverkan",
        "årshjul": "/arshjul/",
        "annual report": report.get_absolute_url(),
        "report section": section.get_absolute_url(),
        "login": "/konto/login/",
    }


def _member_paths():
    from actionplans.models import ActionPlan
    from meetings.models import Meeting
    from reports.models import ReportSection

    draft = ActionPlan.objects.filter(body__slug="nosam-gbg-sydvast", status=ActionPlan.Status.DRAFT).first()
    meeting = Meeting.objects.exclude(status=Meeting.Status.PUBLISHED).order_by("date").first()
    section = ReportSection.objects.exclude(status=ReportSection.Status.ACCEPTED).order_by("pk").first()
    return {
        "plan editor": draft.url("plan_edit"),
        "meeting page": meeting.get_absolute_url(),
        "agenda": f"/moten/{meeting.pk}/dagordning/",
        "minutes editor": f"/moten/{meeting.pk}/protokoll/",
        "assignments": f"/grupper/{meeting.body.slug}/uppdrag/",
        "section editor": f"{section.get_absolute_url()}redigera/",
        "Mina grupper": "/mina-sidor/",
        "Att granska": "/att-granska/",
    }


def _too_wide(page, site, paths):
    """{kind: "path: width (widest element)"} for each page wider than the viewport."""
    wide = {}
    for kind, path in paths.items():
        response = page.goto(site + path)
        assert response.status == 200, f"{kind} {path} answered {response.status}"
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            culprit = page.evaluate(CULPRITS, WIDTH)
            wide[kind] = f"{path}: {width} px ({culprit})"
    return wide


def test_no_page_scrolls_sideways_at_320_px(browser, demo_site):
    context = browser.new_context(locale="sv-SE", viewport={"width": WIDTH, "height": 800})
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        wide = _too_wide(page, demo_site, _public_paths())
        log_in(page, demo_site, "admin", "/mina-sidor/")
        wide |= _too_wide(page, demo_site, _member_paths())
    finally:
        context.close()
    assert wide == {}, "\n".join(f"{kind}: {detail}" for kind, detail in wide.items())


def test_wide_tables_scroll_in_a_labelled_focusable_region(browser, demo_site):
    """Each scrolling table wrapper is a keyboard-reachable region named by the table's caption."""
    context = browser.new_context(locale="sv-SE", viewport={"width": WIDTH, "height": 800})
    page = context.new_page()
    try:
        bad = []
        for path in ("/lagesbild/", "/protokoll/", _public_paths()["plan page"]):
            page.goto(demo_site + path)
            bad += page.evaluate(
                """(path) => [...document.querySelectorAll('.table-scroll')].filter(d =>
                    d.getAttribute('role') !== 'region' || d.tabIndex !== 0
                    || !(document.getElementById(d.getAttribute('aria-labelledby') || '')
                         || d.getAttribute('aria-label'))).map(d => path + ' ' + d.outerHTML.slice(0, 80))""",
                path,
            )
    finally:
        context.close()
    assert bad == []
