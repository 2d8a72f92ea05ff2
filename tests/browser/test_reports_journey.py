"""A NOSAM chair files a section, LGS's process leader returns it, it is fixed, resubmitted and
accepted (and then frozen); the årshjul, the section editor and the public report pass axe (WCAG 2.1 A/AA)."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.services]

DEMO_PASSWORD = "Samverkan2026"


def log_in(page, site, username, next_path):
    page.goto(f"{site}/konto/login/?next={next_path}")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))


def log_out(page):
    page.get_by_role("button", name="Logga ut").click()


def test_a_section_is_filed_returned_resubmitted_and_accepted(page, demo_site, axe_violations):
    from reports.models import ReportSection

    section = ReportSection.objects.get(report__year=2025, body__slug="nosam-gbg-sydvast")
    # On DEMO_DAY the chair has begun the section; start it over to see an empty one refused.
    ReportSection.objects.filter(pk=section.pk).update(summary="", body_text="", development_areas="")
    edit_path = f"/arsrapport/2025/avsnitt/{section.pk}/redigera/"

    log_in(page, demo_site, "ordforande", "/grupper/nosam-gbg-sydvast/")
    page.get_by_role("link", name=re.compile("^Skriv avsnittet")).first.click()
    page.wait_for_url(re.compile(re.escape(edit_path) + "$"))
    assert axe_violations(page) == []
    page.get_by_role("button", name="Lämna in för granskning").click()
    page.get_by_text("Ett tomt avsnitt kan inte lämnas in").wait_for()
    page.get_by_label("Sammanfattning").fill("NOSAM Sydväst har haft sex möten under 2025.")
    page.get_by_label("Text").fill("- Samverkansmöten för sjuksköterskor\n- Gapanalys")
    page.get_by_role("button", name="Spara utkast").click()
    assert page.get_by_text("Utkastet sparades.").is_visible()
    page.get_by_role("button", name="Lämna in för granskning").click()
    assert page.get_by_text("Avsnittet lämnades in för granskning.").is_visible()
    # “Ångra” until LGS has reviewed it: a draft again, then submitted once more.
    assert axe_violations(page) == []
    page.get_by_role("button", name=re.compile("^Ångra")).click()
    assert page.get_by_text("Inlämningen återtogs: avsnittet är ett utkast igen.").is_visible()
    page.get_by_role("link", name="Skriv avsnittet").click()
    page.get_by_role("button", name="Lämna in för granskning").click()
    assert page.get_by_text("Avsnittet lämnades in för granskning.").is_visible()
    log_out(page)

    log_in(page, demo_site, "processledare-lgs", "/arsrapport/2025/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="NOSAM GBG Sydväst").first.click()
    page.get_by_label("Återsänd det till skribenterna").check()
    page.get_by_label("Kommentar till skribenterna").fill("Beskriv också arbetet med LOSAM.")
    page.get_by_role("button", name="Registrera granskningen").click()
    assert page.get_by_text("Avsnittet återsändes till skribenterna.").is_visible()
    log_out(page)

    log_in(page, demo_site, "ordforande", edit_path)
    assert page.get_by_text("Beskriv också arbetet med LOSAM.").is_visible()
    page.get_by_label("Text").fill(
        "- Samverkansmöten för sjuksköterskor\n- LOSAM är nu representerat i NOSAM"
    )
    page.get_by_role("button", name="Lämna in för granskning").click()
    assert page.get_by_text("Avsnittet lämnades in för granskning.").is_visible()
    log_out(page)

    log_in(page, demo_site, "processledare-lgs", f"/arsrapport/2025/avsnitt/{section.pk}/")
    page.get_by_label("Godkänn avsnittet").check()
    page.get_by_role("button", name="Registrera granskningen").click()
    assert page.get_by_text("Avsnittet godkändes.").is_visible()
    section.refresh_from_db()
    assert section.status == ReportSection.Status.ACCEPTED
    log_out(page)

    # Accepted means frozen: the writers are no longer offered the editor, and it refuses them.
    log_in(page, demo_site, "ordforande", f"/arsrapport/2025/avsnitt/{section.pk}/")
    assert page.get_by_role("link", name="Skriv avsnittet").count() == 0
    page.goto(demo_site + edit_path)
    assert page.get_by_text("Det går inte att ändra avsnitt i årsrapporten").is_visible()


@pytest.mark.parametrize("path", ["/arshjul/", "/arsrapport/2024/", "/grupper/lgs/"])
def test_public_report_pages_have_no_wcag_a_or_aa_violations(page, demo_site, axe_violations, path):
    page.goto(demo_site + path)
    assert axe_violations(page) == []


def test_a_public_section_page_has_no_violations(page, demo_site, axe_violations):
    page.goto(demo_site + "/arsrapport/2024/")
    page.get_by_role("link", name="Temagrupp Psykiatri").click()
    assert page.get_by_role("heading", name="Temagrupp Psykiatri", level=1).is_visible()
    assert page.get_by_role("table").count() >= 1
    assert axe_violations(page) == []
