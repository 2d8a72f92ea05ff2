"""A demo user logs in, finds their groups and opens a NOSAM; the pages pass axe (WCAG 2.1 AA)."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.services]

DEMO_PASSWORD = "Samverkan2026"


def test_a_chair_logs_in_sees_my_groups_and_opens_the_nosam(page, demo_site):
    page.goto(demo_site + "/")
    page.get_by_role("link", name="Logga in").click()
    page.get_by_label("Användarnamn").fill("ordforande")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()

    page.wait_for_url(demo_site + "/")  # back where the user came from, now logged in
    assert page.get_by_text("Inloggad som").is_visible()
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mina grupper").click()
    page.wait_for_url(re.compile(r"/mina-sidor/$"))
    assert page.get_by_role("heading", name="Mina grupper", level=1).is_visible()
    row = page.get_by_role("row").filter(has_text="NOSAM GBG Sydväst")
    assert "Ordförande" in row.inner_text()

    row.get_by_role("link", name="NOSAM GBG Sydväst").click()
    page.wait_for_url(re.compile(r"/grupper/nosam-gbg-sydvast/$"))
    assert page.get_by_role("heading", name="NOSAM GBG Sydväst", level=1).is_visible()
    assert page.get_by_role("heading", name="Ledamöter").is_visible()
    assert page.get_by_role("link", name="Redigera gruppen").is_visible(), "the chair may edit"


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, demo_site):
    page.goto(demo_site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hoppa till huvudinnehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize(
    "path",
    ["/", "/organisation/", "/grupper/nosam-gbg-sydvast/", "/grupper/lgs/", "/konto/login/"],
)
def test_public_pages_have_no_wcag_a_or_aa_violations(page, demo_site, axe_violations, path):
    page.goto(demo_site + path)
    assert axe_violations(page) == []


def test_a_logged_in_body_page_with_edit_controls_has_no_violations(page, demo_site, axe_violations):
    page.goto(demo_site + "/konto/login/?next=/grupper/nosam-gbg-sydvast/")
    page.get_by_label("Användarnamn").fill("processledare")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(r"/grupper/nosam-gbg-sydvast/$"))
    assert axe_violations(page) == []
    page.goto(demo_site + "/mina-sidor/")
    assert axe_violations(page) == []


def _log_in(page, demo_site, username, path):
    page.goto(demo_site + "/konto/login/?next=" + path)
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(re.escape(path) + "$"))


def test_the_group_manages_its_ordinary_seats_and_lgs_appoints_the_chair(page, demo_site):
    nosam = "/grupper/nosam-gbg-sydvast/"
    _log_in(page, demo_site, "processledare", nosam)
    members = page.get_by_role("table", name="Ledamöter i NOSAM GBG Sydväst")
    assert members.get_by_role("link", name="Ändra Emil Forsman").is_visible()
    assert members.get_by_role("link", name="Ändra Mikael Holm").count() == 0, "the chair is set from above"
    page.get_by_role("link", name="Lägg till plats").click()
    roles = page.get_by_label("Roll").locator("option").all_inner_texts()
    assert "Ledamot" in roles and "Ordförande" not in roles and "Vice ordförande" not in roles

    page.get_by_role("button", name="Logga ut").click()
    _log_in(page, demo_site, "processledare-lgs", nosam)
    page.get_by_role("link", name="Lägg till plats").click()
    roles = page.get_by_label("Roll").locator("option").all_inner_texts()
    assert {"Ordförande", "Vice ordförande", "Processledare"} <= set(roles)
