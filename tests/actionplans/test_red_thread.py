"""The red thread shows one sub-region at a time, chosen in the URL, and counts the others."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import ActionPlan, Goal
from actionplans.queries import red_thread
from governance.models import Body

NORTH_GOAL = "Gemensam plan för utskrivning i norr"


@pytest.fixture
def north(plans):
    """A second sub-region, after the first in the structure's order, whose theme group delegates
    a goal to its NOSAM under the same collaboration plan."""
    s = plans.s
    root = Body.objects.create(name="Samordningsgrupp Norr", slug="norr", kind=s.council_kind)
    theme = Body.objects.create(name="Temagrupp Norr", slug="tg-norr", kind=s.theme_kind, parent=root)
    Body.objects.create(name="NOSAM Norrby", slug="nosam-norrby", kind=s.local_kind, parent=root)
    plan = ActionPlan.objects.create(
        body=theme, period="2024", collaboration_plan=plans.cplan, status=ActionPlan.Status.ADOPTED
    )
    Goal.objects.create(
        plan=plan,
        focus_area=plans.transitions,
        text=NORTH_GOAL,
        delegated=True,
        delegated_to=s.local_kind,
        order=1,
    )
    return root


def page(client, query=""):
    response = client.get(reverse("actionplans:red_thread", args=["2024-2025"]) + query)
    return response.status_code, response.content.decode()


def test_the_first_sub_region_is_shown_and_the_other_is_one_click_away(plans, north, client):
    status, html = page(client)
    assert status == 200
    assert plans.delegated.text in html and NORTH_GOAL not in html
    assert '<strong aria-current="page">Ledningsgrupp för samverkan</strong> (1)' in html
    assert 'href="/samverkansplan/2024-2025/rod-trad/?delregion=norr">Samordningsgrupp Norr</a> (1)' in html
    assert "1 delegerat delmål under detta fokusområde finns i en annan delregion." in html


def test_the_sub_region_chosen_in_the_url_is_shown(plans, north, client):
    status, html = page(client, "?delregion=norr")
    assert status == 200
    assert NORTH_GOAL in html and plans.delegated.text not in html
    assert '<strong aria-current="page">Samordningsgrupp Norr</strong>' in html
    assert page(client, "?delregion=ingen-sadan")[0] == 404


def test_a_goal_awaits_only_the_groups_of_its_own_sub_region(plans, north):
    ActionPlan.objects.filter(pk=plans.plan.pk).update(status=ActionPlan.Status.ADOPTED)
    [[ours], []] = [area["goals"] for area in red_thread(plans.cplan).areas]
    assert [b.slug for b in ours.taken_up_by] == ["nosam-testby"]
    [[theirs], []] = [area["goals"] for area in red_thread(plans.cplan, "norr").areas]
    assert [b.slug for b in theirs.not_taken_up_by] == ["nosam-norrby"]


def test_with_one_sub_region_there_is_nothing_to_choose(plans, client):
    assert "delregion=" not in page(client)[1]


def test_each_sub_region_is_its_own_page_in_the_cache(plans, north, client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first, chosen = page(client)[1], page(client, "?delregion=norr")[1]
    assert NORTH_GOAL in chosen and NORTH_GOAL not in first
    with CaptureQueriesContext(connection) as queries:
        again = page(client)[1], page(client, "?delregion=norr")[1]
    assert again == (first, chosen) and len(queries) == 0, "both served from the cache"
