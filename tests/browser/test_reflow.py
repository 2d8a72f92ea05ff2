"""One page of every kind, public and member, including the error pages and the footer pages, at
320 CSS px wide with the demo data (one demo load, one browser): reflow (WCAG 2.1 1.4.10: no page
scrolls sideways; wide tables scroll inside their own labelled region) and axe (no WCAG 2.1 A/AA
violation)."""

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
        "password reset": "/konto/password_reset/",
        "accessibility statement": "/tillganglighet/",
        "personal data": "/personuppgifter/",
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
        "Att göra": "/att-gora/",
        "password change": "/konto/password_change/",
        "accessibility statement (member)": "/tillganglighet/",
    }


# The error pages, by who sees them: (status, heading, path). The views that refuse and fail come
# from the error pages' test URLconf (tests/platform/test_error_pages.py), on top of the portal's.
TOO_MANY_FIELDS = "/sok/?" + "&".join(f"f{n}=" for n in range(1001))  # DATA_UPLOAD_MAX_NUMBER_FIELDS
VISITOR_ERRORS = {
    "400": (400, "Begäran kunde inte tolkas", TOO_MANY_FIELDS),
    "403": (403, "Inte tillåtet", "/test/nej/"),
    "404": (404, "Sidan finns inte", "/finns-inte/"),
    "500": (500, "Något gick fel", "/test/fel/"),
}
MEMBER_ERRORS = {
    "403 with the view's message": (403, "Inte tillåtet", "/grupper/nosam-gbg-sydvast/platser/ny/"),
    "404": (404, "Sidan finns inte", "/grupper/finns-inte/"),
}


def _check(page, kind, path, found, axe_violations, status=200):
    """Note in ``found`` what is wrong with the page shown, by kind of fault and page kind."""
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > WIDTH:
        found["wider than 320 px"][kind] = f"{path}: {width} px ({page.evaluate(CULPRITS, WIDTH)})"
    if source := page.evaluate(MARKDOWN_SOURCE):
        found["Markdown source shown"][kind] = f"{path}: {source}"
    if regions := page.evaluate(UNNAMED_REGIONS):
        found["scrolling table not a named, focusable region"][kind] = f"{path}: {regions}"
    if violations := axe_violations(page, status):
        found["axe"][kind] = f"{path}: " + "; ".join(violations)
    found["pages checked"][kind] = path


def _survey(page, site, paths, found, axe_violations):
    for kind, path in paths.items():
        response = page.goto(site + path)
        assert response.status == 200, f"{kind} {path} answered {response.status}"
        _check(page, kind, path, found, axe_violations)


def _error_pages(page, site, errors, who, found, axe_violations):
    for name, (status, heading, path) in errors.items():
        response = page.goto(site + path)
        assert response.status == status, f"{name} {path} answered {response.status}"
        assert page.locator("main h1").inner_text() == heading, f"{name}: {path}"
        _check(page, f"{name} page ({who})", path, found, axe_violations, status)


def _csrf_failure_page(page, site, found, axe_violations):
    """A form sent without its CSRF cookie (e.g. after the session expired in another tab)."""
    page.goto(site + "/konto/login/")
    page.context.clear_cookies()
    page.get_by_label("Användarnamn").fill("admin")
    page.get_by_label("Lösenord").fill("fel")
    page.get_by_role("button", name="Logga in").click()
    assert page.locator("main h1").inner_text() == "Formuläret kunde inte skickas"
    _check(page, "CSRF failure page (visitor)", "/konto/login/ (POST)", found, axe_violations, 403)


@pytest.fixture
def with_error_views(settings):
    settings.ROOT_URLCONF = "tests.platform.test_error_pages"


def test_every_page_kind_reflows_at_320_px_and_passes_axe(
    browser, demo_site, with_error_views, axe_violations
):
    """No page scrolls sideways, wide tables scroll in a named region that the keyboard reaches, no
    text or accessible name shows Markdown source such as ``[text](https://…)``, and axe finds no
    WCAG 2.1 A/AA violation: every page kind, the error pages and the footer pages, as a visitor
    and as members."""
    found = {
        "wider than 320 px": {},
        "Markdown source shown": {},
        "scrolling table not a named, focusable region": {},
        "axe": {},
        "pages checked": {},
    }
    context = browser.new_context(locale="sv-SE", viewport={"width": WIDTH, "height": 800})
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        _survey(page, demo_site, _public_paths(), found, axe_violations)
        _error_pages(page, demo_site, VISITOR_ERRORS, "visitor", found, axe_violations)
        _csrf_failure_page(page, demo_site, found, axe_violations)
        log_in(page, demo_site, "lgs", "/mina-sidor/")  # a member of LGS, no right over NOSAM's seats
        _error_pages(page, demo_site, MEMBER_ERRORS, "member", found, axe_violations)
        page.context.clear_cookies()
        log_in(page, demo_site, "admin", "/mina-sidor/")
        _survey(page, demo_site, _member_paths(), found, axe_violations)
    finally:
        context.close()
    checked = found.pop("pages checked")
    report = [
        f"{fault}: {kind}: {detail}" for fault, pages in found.items() for kind, detail in pages.items()
    ]
    assert report == [], f"{len(report)} faults on {len(checked)} pages:\n" + "\n".join(report)
    assert len(checked) > 50
