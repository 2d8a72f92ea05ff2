"""Markdown typed into a goal or an activity never shows as source: bodies render it, headings,
accessible names and generated table cells get its text (a link keeps its words, not its URL)."""

import datetime
import re

import pytest
from django.urls import reverse

from actionplans import services
from actionplans.facts import goals_and_outcomes
from governance.models import Membership
from samverkan.richtext import markdown_to_text

Role = Membership.Role
URL = "https://www.vardsamverkan.se/globalassets/kunskapsstod/samverkande-sjukvard-i-hemmet-2023.pdf"
WHAT = f"Implementera [kunskapsstödet Samverkande sjukvård i hemmet]({URL}) inom **NOSAM**"
TEXT = "Implementera kunskapsstödet Samverkande sjukvård i hemmet inom NOSAM"


def test_markdown_is_reduced_to_its_words_on_one_line():
    assert markdown_to_text(WHAT) == TEXT
    assert markdown_to_text("- ett\n- två & tre\n\n<script>x</script>") == "ett två & tre"
    assert markdown_to_text(None) == markdown_to_text("") == ""


@pytest.fixture
def marked_up(plans):
    plans.delegated.text = f"Följ [kunskapsstödet]({URL})"
    plans.delegated.save()
    plans.activity.what = WHAT
    plans.activity.save()
    return plans


def _no_source(page):
    """No Markdown link syntax and no URL outside an href."""
    text_outside_tags = re.sub(r"<[^>]+>", " ", page)
    assert f"]({URL}" not in page and URL not in text_outside_tags


def test_the_editor_names_its_buttons_with_the_text(marked_up, client):
    plans = marked_up
    client.force_login(plans.s.people[Role.PROCESS_LEADER])
    page = client.get(
        reverse("actionplans:plan_edit", args=[plans.s.nosam.slug, plans.plan.period])
    ).content.decode()
    _no_source(page)
    assert f'<span class="visually-hidden">: {TEXT[:59]}…</span>' in page  # Change, Move, Delete
    assert page.count(f": {TEXT[:59]}…</span>") == 4
    link = "kunskapsstödet Samverkande sjukvård i hemmet"
    assert f'<a href="{URL}" rel="noopener noreferrer">{link}</a>' in page


def test_the_red_thread_and_the_plan_page_show_text_and_links_not_source(marked_up, client):
    plans = marked_up
    leader = plans.s.people[Role.PROCESS_LEADER]
    services.plan_submit(plan=plans.plan, user=leader)
    services.plan_adopt(plan=plans.plan, user=leader, adopted_on=datetime.date(2024, 3, 15))
    red_thread = client.get(reverse("actionplans:red_thread", args=["2024-2025"])).content.decode()
    _no_source(red_thread)
    assert "Följ kunskapsstödet</h3>" in red_thread and TEXT in red_thread
    client.force_login(leader)
    plan_page = client.get(plans.plan.get_absolute_url()).content.decode()
    _no_source(plan_page)
    assert f": {TEXT[:59]}…</span>" in plan_page  # the follow-up link's name


def test_the_annual_report_rows_carry_the_text(marked_up):
    plans = marked_up
    leader = plans.s.people[Role.PROCESS_LEADER]
    services.plan_submit(plan=plans.plan, user=leader)
    services.plan_adopt(plan=plans.plan, user=leader, adopted_on=datetime.date(2024, 3, 15))
    [block] = goals_and_outcomes(plans.s.nosam, 2024)
    assert block.rows[0][0] == f"TG Äldre: Följ kunskapsstödet · {TEXT}"


def test_a_long_url_in_the_plan_pdf_wraps_inside_the_page(plans):
    """WeasyPrint's layout, measured: no box of the plan's PDF reaches past the paper's edge."""
    from weasyprint import HTML

    from actionplans.export import plan_html

    plans.activity.how = "Se https://www.vardsamverkan.se/" + "kunskapsstod" * 20 + ".pdf"
    plans.activity.save()
    [page] = HTML(string=plan_html(plans.plan)).render().pages
    inside = [box for box in page._page_box.descendants() if box is not page._page_box]
    assert max(box.position_x + box.margin_width() for box in inside) <= page.width
