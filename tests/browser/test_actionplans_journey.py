"""A process leader edits an action plan in place, sees it in Historik; a concurrent edit is refused;
an adopted plan is changed only by a revision that is adopted in its turn; the plan and red-thread
pages pass axe (WCAG 2.1 A/AA)."""

import datetime
import re

import pytest

from tests.browser.confirm import confirm

pytestmark = [pytest.mark.browser, pytest.mark.services]

DEMO_PASSWORD = "Samverkan2026"


def plan_path(slug, status):
    """The page of the demo's plan of ``slug`` in ``status`` on DEMO_DAY."""
    from actionplans.models import ActionPlan

    return ActionPlan.objects.get(body__slug=slug, status=status).get_absolute_url()


def draft_path():
    """NOSAM GBG Sydväst's open revision: its process leader edits it, so does the chair."""
    from actionplans.models import ActionPlan

    return plan_path("nosam-gbg-sydvast", ActionPlan.Status.DRAFT)


def log_in(page, site, username, next_path):
    page.goto(f"{site}/konto/login/?next={next_path}")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))


def test_a_process_leader_adds_edits_reorders_and_finds_it_in_the_history(page, demo_site, axe_violations):
    DRAFT = draft_path()
    log_in(page, demo_site, "processledare", DRAFT + "redigera/")
    editor = page.locator("#plan-editor")

    # Add a sub-goal in place (htmx: no page load).
    page.get_by_role("link", name="Lägg till delmål").click()
    form = page.locator("#goal-new form")
    form.get_by_label("Fokusområde").select_option(label="Främja hälsa och förebygga ohälsa")
    form.get_by_label(re.compile(r"^Delmål:?$")).fill("Stärka samverkan kring välfärdsteknik")
    form.get_by_role("button", name="Lägg till delmålet").click()
    page.get_by_text("Delmålet sparades.").wait_for()
    new_goal = editor.locator(".goal-block").filter(has_text="Stärka samverkan kring välfärdsteknik")
    assert new_goal.count() == 1
    assert page.url.endswith(DRAFT + "redigera/"), "edited in place"

    # Add an activity under it.
    new_goal.get_by_role("link", name=re.compile("^Lägg till aktivitet")).click()
    activity_form = new_goal.locator("form")
    activity_form.get_by_label("Aktivitet (vad?)").fill("Bjuda in till dialog om välfärdsteknik")
    activity_form.get_by_label("Tillvägagångssätt (hur?)").fill("Inbjuden gäst på NOSAM i maj")
    activity_form.get_by_role("button", name="Lägg till aktiviteten").click()
    page.get_by_text("Aktiviteten sparades.").wait_for()
    new_goal = editor.locator(".goal-block").filter(has_text="Stärka samverkan kring välfärdsteknik")
    assert "Inbjuden gäst på NOSAM i maj" in new_goal.inner_text()

    # Edit the row in place.
    new_goal.get_by_role("link", name=re.compile("^Ändra aktivitet")).click()
    row_form = new_goal.locator("form.stacked")
    row_form.get_by_label("Tillvägagångssätt (hur?)").fill("Inbjuden gäst från välfärdsteknik på NOSAM i maj")
    row_form.get_by_role("button", name="Spara aktiviteten").click()
    editor.get_by_text("Inbjuden gäst från välfärdsteknik på NOSAM i maj").wait_for()
    assert row_form.count() == 0, "the form was replaced by the saved row"

    # Reorder: the new goal, last of its focus area, moves up one place.
    area = editor.locator("section").filter(
        has=page.get_by_role("heading", name="Främja hälsa och förebygga ohälsa")
    )
    before = area.locator("h3").all_inner_texts()
    assert "välfärdsteknik" in before[-1]
    new_goal = editor.locator(".goal-block").filter(has_text="Stärka samverkan kring välfärdsteknik")
    new_goal.locator(".goal-row").get_by_role("button", name=re.compile("^Flytta upp")).click()
    page.get_by_text("Ordningen ändrades.").wait_for()
    after = area.locator("h3").all_inner_texts()
    assert "välfärdsteknik" in after[len(before) - 2], after

    assert axe_violations(page) == []

    # Historik shows the changes, field by field.
    page.get_by_role("link", name="Historik").first.click()
    page.wait_for_url(re.compile(r"/historik/$"))
    history = page.locator("main").inner_text()
    assert "Stärka samverkan kring välfärdsteknik" in history
    assert "Inbjuden gäst från välfärdsteknik på NOSAM i maj" in history
    assert "Flyttad" in history
    assert page.get_by_role("button", name=re.compile("^Återställ denna version")).count() > 0
    assert axe_violations(page) == []


def test_a_second_editor_of_the_same_row_gets_the_conflict_message(browser, page, demo_site):
    other_context = browser.new_context(locale="sv-SE")
    other = other_context.new_page()
    DRAFT = draft_path()
    try:
        log_in(page, demo_site, "processledare", DRAFT + "redigera/")
        log_in(other, demo_site, "ordforande", DRAFT + "redigera/")
        for p in (page, other):
            block = p.locator(".goal-block").first
            block.get_by_role("link", name=re.compile("^Ändra aktivitet")).first.click()
            p.locator(".goal-block").first.locator("form.stacked").wait_for()

        first = page.locator(".goal-block").first.locator("form.stacked")
        first.get_by_label("Tillvägagångssätt (hur?)").fill("Processledarens ändring")
        first.get_by_role("button", name="Spara aktiviteten").click()
        page.get_by_text("Aktiviteten sparades.").wait_for()

        second = other.locator(".goal-block").first.locator("form.stacked")
        second.get_by_label("Tillvägagångssätt (hur?)").fill("Ordförandens ändring")
        second.get_by_role("button", name="Spara aktiviteten").click()
        alert = other.get_by_role("alert")
        alert.wait_for()
        message = alert.inner_text()
        assert "sparade medan du redigerade" in message
        assert "Processledarens ändring" in message, "the other person's change is shown"
        assert second.get_by_label("Tillvägagångssätt (hur?)").input_value() == "Ordförandens ändring"
    finally:
        other_context.close()


def test_an_adopted_plan_is_changed_by_a_revision_that_is_adopted_in_its_turn(
    page, demo_site, axe_violations
):
    from actionplans.models import ActionPlan

    # Temagrupp Äldre's plan is adopted with no revision open; "processledare" leads the group.
    plan = ActionPlan.objects.get(body__slug="temagrupp-aldre", status=ActionPlan.Status.ADOPTED)
    ADOPTED = plan.get_absolute_url()
    revised_on = plan.adopted_on + datetime.timedelta(days=60)
    log_in(page, demo_site, "processledare", ADOPTED)
    assert page.get_by_role("link", name="Redigera planen").count() == 0, "the adopted plan is frozen"

    page.get_by_role("button", name="Revidera").click()
    page.wait_for_url(re.compile(re.escape(ADOPTED + "version/2/redigera/") + "$"))
    page.get_by_text("Revision 2 öppnades som utkast.").wait_for()
    block = page.locator(".goal-block").first
    block.get_by_role("link", name=re.compile("^Ändra delmål")).click()
    form = block.locator("form.stacked")
    form.get_by_label(re.compile(r"^Delmål:?$")).fill("Tidiga insatser och psykisk hälsa")
    form.get_by_role("button", name="Spara delmålet").click()
    page.get_by_text("Delmålet sparades.").wait_for()

    # The public still sees the adopted version while the revision is prepared.
    public = page.context.browser.new_context(locale="sv-SE").new_page()
    public.goto(demo_site + ADOPTED)
    assert "Tidiga insatser och psykisk hälsa" not in public.locator("main").inner_text()

    page.get_by_role("link", name="Visa planen").click()
    page.get_by_role("link", name="Skicka in för fastställande").click()
    confirm(page, "Planen går till den grupp som fastställer den och låses", axe_violations)
    # Changed their mind: “Ångra” while nobody has acted on it, then submit again.
    page.get_by_role("button", name=re.compile("^Ångra")).click()
    page.get_by_text("Inlämningen återtogs: planen är ett utkast igen.").wait_for()
    page.get_by_role("link", name="Skicka in för fastställande").click()
    confirm(page, "Planen går till den grupp som fastställer den och låses", axe_violations)
    # LGS adopts the thematic groups' plans: its process leader registers the adoption.
    page.context.clear_cookies()
    log_in(page, demo_site, "processledare-lgs", ADOPTED + "version/2/")
    page.get_by_role("link", name="Registrera fastställandet").click()
    page.get_by_label("Fastställd den").fill(revised_on.isoformat())
    confirm(page, "Planen fastställs och publiceras", axe_violations)
    page.get_by_text("Planen är fastställd och nu publicerad.").wait_for()

    public.goto(demo_site + ADOPTED)
    main = public.locator("main").inner_text()
    assert "Tidiga insatser och psykisk hälsa" in main
    assert f"{plan.adopted_on}, reviderad {revised_on}" in main
    public.get_by_role("link", name="Revision 1").click()
    public.get_by_text("Den här versionen har reviderats").wait_for()
    assert axe_violations(public) == []
    public.context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/grupper/nosam-gbg-sydvast/handlingsplan/2024/",
        "/samverkansplan/2024-2025/rod-trad/",
        "/samverkansplan/2024-2025/",
        "/lagesbild/",
    ],
)
def test_plan_pages_have_no_wcag_a_or_aa_violations(page, demo_site, axe_violations, path):
    page.goto(demo_site + path)
    assert axe_violations(page) == []
