"""Playwright driving Debian's Chromium against a live server with the demo data."""

import os
from pathlib import Path

import pytest

from tests.conftest import require

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM.exists(), "Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread for the whole session;
    # the ORM calls that tests and fixtures make beside it are ordinary synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_site(live_server, transactional_db):
    """The live server with the demo data loaded, as `make demo` serves it."""
    from samverkan.demo import load_all
    from tests.conftest import DEMO_DAY

    load_all(today=DEMO_DAY)
    return live_server.url


@pytest.fixture
def axe_violations():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        """The WCAG 2.1 A/AA violations of the page shown, after making sure it is the page asked
        for: a 404 or 500 page would pass axe and prove nothing."""
        status = page.evaluate("performance.getEntriesByType('navigation')[0].responseStatus")
        assert status == 200, f"{page.url} answered {status}"
        assert page.locator("main h1").count() == 1, f"{page.url} has no main heading"
        results = axe.run(page, options=WCAG_AA)
        return [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} element(s), e.g. {v['nodes'][0]['target']})"
            for v in results.response["violations"]
        ]

    return check
