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
MARKDOWN_SOURCE = """() => {
  const names = [...document.querySelectorAll('[aria-label], [title]')]
    .map(e => (e.getAttribute('aria-label') || '') + ' ' + (e.getAttribute('title') || ''));
  return [document.body.innerText, ...names].filter(t => /\\]\\(https?:\\/\\/\\w|\\*\\*\\S/.test(t))
    .map(t => t.match(/.{0,40}(\\]\\(https?:\\/\\/\\w|\\*\\*\\S).{0,20}/)[0]).join(' | ');
}"""
UNNAMED_REGIONS = """() => [...document.querySelectorAll('.table-scroll')].filter(d =>
  d.getAttribute('role') !== 'region' || d.tabIndex !== 0
  || !(document.getElementById(d.getAttribute('aria-labelledby') || '') || {}).textContent?.trim()
).map(d => d.outerHTML.slice(0, 80)).join(' | ')"""


def _public_paths():
    from actionplans.models import ActionPlan, CollaborationPlan
    from governance.models import Organisation
    from meetings.models import Meeting
    from reports.models import AnnualReport

    plan = ActionPlan.objects.current().filter(body__slug="nosam-gbg-sydvast").order_by("period").first()
    published = Meeting.objects.filter(status=Meeting.Status.PUBLISHED).order_by("-date").first()
    report = AnnualReport.objects.order_by("year").first()
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
        "login": "/konto/login/",
    } | {  # every section: the generated tables of some carry the plans' texts
        f"report section {position}": section.get_absolute_url()
        for position, section in enumerate(report.sections.order_by("order", "pk"), start=1)
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
        "confirmation page": draft.url("plan_submit"),
        "confirmation page with a form": f"/arsrapport/{section.report.year}/faststall/",
        "Mina grupper": "/mina-sidor/",
        "Att granska": "/att-granska/",
    }


def _survey(page, site, paths, found):
    """Visit each page and note in ``found`` what is wrong with it, by kind of fault and page kind."""
    for kind, path in paths.items():
        response = page.goto(site + path)
        assert response.status == 200, f"{kind} {path} answered {response.status}"
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            found["wider than 320 px"][kind] = f"{path}: {width} px ({page.evaluate(CULPRITS, WIDTH)})"
        if source := page.evaluate(MARKDOWN_SOURCE):
            found["Markdown source shown"][kind] = f"{path}: {source}"
        if regions := page.evaluate(UNNAMED_REGIONS):
            found["scrolling table not a named, focusable region"][kind] = f"{path}: {regions}"


def test_every_page_kind_reflows_at_320_px(browser, demo_site, axe_violations):
    """No page scrolls sideways, wide tables scroll in a named region that the keyboard reaches, and
    no text or accessible name shows Markdown source such as ``[text](https://…)``; axe finds no
    WCAG 2.1 A/AA violation at this width on pages with scrolling tables."""
    found = {
        "wider than 320 px": {},
        "Markdown source shown": {},
        "scrolling table not a named, focusable region": {},
        "axe at 320 px": {},
    }
    context = browser.new_context(locale="sv-SE", viewport={"width": WIDTH, "height": 800})
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        public = _public_paths()
        _survey(page, demo_site, public, found)
        for kind in ("partner page", "plan page", "lägesbild"):  # pages with scrolling tables
            page.goto(demo_site + public[kind])
            if violations := axe_violations(page):
                found["axe at 320 px"][kind] = "; ".join(violations)
        log_in(page, demo_site, "admin", "/mina-sidor/")
        _survey(page, demo_site, _member_paths(), found)
    finally:
        context.close()
    report = [
        f"{fault}: {kind}: {detail}" for fault, pages in found.items() for kind, detail in pages.items()
    ]
    assert report == [], "\n".join(report)
