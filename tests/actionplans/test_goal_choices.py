"""The goal form's "implements" list offers only goals the editor may read: of adopted plans, or
of plans of bodies the editor sits in, never another body's draft."""

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan, Goal
from governance.models import Body, Membership
from governance.permissions import sync_user_permissions

Role = Membership.Role


@pytest.fixture
def secret(plans):
    """A delegated goal in another theme group's unadopted plan."""
    s = plans.s
    other = Body.objects.create(
        name="Temagrupp Barn", slug="tg-barn", kind=s.theme_kind, parent=s.lgs, plans_adopted_by=s.lgs
    )
    draft = ActionPlan.objects.create(body=other, period="2024", collaboration_plan=plans.cplan)
    return Goal.objects.create(
        plan=draft, focus_area=plans.transitions, text="Hemligt utkastmål", delegated=True, order=1
    )


def goal_add(plans):
    return reverse("actionplans:goal_add", args=[plans.s.nosam.slug, plans.plan.period])


def test_another_bodys_draft_goals_are_not_offered(plans, secret, client):
    client.force_login(plans.s.people[Role.PROCESS_LEADER])
    page = client.get(goal_add(plans)).content.decode()
    assert "Öka den proaktiva bedömningen" in page, "the adopted plan's delegated goal is offered"
    assert "Hemligt utkastmål" not in page
    response = client.post(goal_add(plans), {"text": "Eget", "implements": secret.pk})
    assert response.status_code == 200
    assert not Goal.objects.filter(implements=secret).exists()


def test_an_editor_who_sits_in_the_other_body_is_offered_its_draft(plans, secret, client):
    editor = plans.s.people[Role.PROCESS_LEADER]
    Membership.objects.create(body=secret.plan.body, person=editor.person, role=Role.MEMBER)
    sync_user_permissions(editor)
    client.force_login(editor)
    assert "Hemligt utkastmål" in client.get(goal_add(plans)).content.decode()
