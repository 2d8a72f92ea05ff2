"""Every action-plan URL, as an anonymous visitor, an outsider, a member (reader) and a process leader."""

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan
from governance.models import Membership

Role = Membership.Role
LOGIN = "login"


def urls(plans):
    nosam, period = plans.s.nosam.slug, plans.plan.period
    plan = (nosam, period)
    return {
        "current_collaboration_plan": ("get", reverse("actionplans:current_collaboration_plan")),
        "collaboration_plan": ("get", reverse("actionplans:collaboration_plan", args=["2024-2025"])),
        "red_thread": ("get", reverse("actionplans:red_thread", args=["2024-2025"])),
        "status_overview": ("get", reverse("actionplans:status_overview")),
        "delegated_uptake": ("get", reverse("actionplans:delegated_uptake", args=[nosam])),
        "plan_create": ("get", reverse("actionplans:plan_create", args=[nosam])),
        "plan_detail": ("get", reverse("actionplans:plan_detail", args=plan)),
        "plan_pdf": ("get", reverse("actionplans:plan_pdf", args=plan)),
        "plan_xlsx": ("get", reverse("actionplans:plan_xlsx", args=plan)),
        "plan_history": ("get", reverse("actionplans:plan_history", args=plan)),
        "history_restore": ("post", reverse("actionplans:history_restore", args=plan)),
        "plan_submit": ("post", reverse("actionplans:plan_submit", args=plan)),
        "plan_adopt": ("post", reverse("actionplans:plan_adopt", args=plan)),
        "plan_return": ("post", reverse("actionplans:plan_return", args=plan)),
        "plan_edit": ("get", reverse("actionplans:plan_edit", args=plan)),
        "goal_add": ("get", reverse("actionplans:goal_add", args=plan)),
        "goal_edit": ("get", reverse("actionplans:goal_edit", args=[*plan, plans.goal.pk])),
        "goal_delete": ("post", reverse("actionplans:goal_delete", args=[*plan, plans.goal.pk])),
        "goal_move": ("post", reverse("actionplans:goal_move", args=[*plan, plans.goal.pk])),
        "activity_add": ("get", reverse("actionplans:activity_add", args=[*plan, plans.goal.pk])),
        "activity_edit": ("get", reverse("actionplans:activity_edit", args=[*plan, plans.activity.pk])),
        "activity_delete": ("post", reverse("actionplans:activity_delete", args=[*plan, plans.activity.pk])),
        "activity_move": ("post", reverse("actionplans:activity_move", args=[*plan, plans.activity.pk])),
        "followup_add": ("get", reverse("actionplans:followup_add", args=[*plan, plans.activity.pk])),
    }


# The NOSAM's plan is a draft: (anonymous, outsider, member, process leader). 404 = not even
# told it exists; 403 = may read, may not do; 302 = done and redirected.
DRAFT = {
    "current_collaboration_plan": (302, 302, 302, 302),
    "collaboration_plan": (200, 200, 200, 200),
    "red_thread": (200, 200, 200, 200),
    "status_overview": (200, 200, 200, 200),
    "delegated_uptake": (LOGIN, 403, 200, 200),
    "plan_create": (LOGIN, 403, 403, 200),
    "plan_detail": (404, 404, 200, 200),
    "plan_pdf": (404, 404, 200, 200),
    "plan_xlsx": (404, 404, 200, 200),
    "plan_history": (LOGIN, 404, 200, 200),
    "history_restore": (LOGIN, 404, 403, 302),
    "plan_submit": (LOGIN, 404, 403, 302),
    "plan_adopt": (LOGIN, 404, 403, 403),
    "plan_return": (LOGIN, 404, 403, 403),
    "plan_edit": (LOGIN, 404, 403, 200),
    "goal_add": (LOGIN, 404, 403, 200),
    "goal_edit": (LOGIN, 404, 403, 200),
    "goal_delete": (LOGIN, 404, 403, 302),
    "goal_move": (LOGIN, 404, 403, 302),
    "activity_add": (LOGIN, 404, 403, 200),
    "activity_edit": (LOGIN, 404, 403, 200),
    "activity_delete": (LOGIN, 404, 403, 302),
    "activity_move": (LOGIN, 404, 403, 302),
    "followup_add": (LOGIN, 404, 403, 200),
}
# Once adopted the plan is public: everyone reads it, only the editors change it.
ADOPTED_CHANGES = {
    "plan_detail": (200, 200, 200, 200),
    "plan_pdf": (200, 200, 200, 200),
    "plan_xlsx": (200, 200, 200, 200),
    "plan_history": (LOGIN, 403, 200, 200),
    "history_restore": (LOGIN, 403, 403, 302),
    "plan_submit": (LOGIN, 403, 403, 403),
    "plan_adopt": (LOGIN, 403, 403, 403),
    "plan_return": (LOGIN, 403, 403, 403),
    "plan_edit": (LOGIN, 403, 403, 200),
    "goal_add": (LOGIN, 403, 403, 200),
    "goal_edit": (LOGIN, 403, 403, 200),
    "goal_delete": (LOGIN, 403, 403, 302),
    "goal_move": (LOGIN, 403, 403, 302),
    "activity_add": (LOGIN, 403, 403, 200),
    "activity_edit": (LOGIN, 403, 403, 200),
    "activity_delete": (LOGIN, 403, 403, 302),
    "activity_move": (LOGIN, 403, 403, 302),
    "followup_add": (LOGIN, 403, 403, 200),
}
ADOPTED = DRAFT | ADOPTED_CHANGES


def test_the_table_covers_every_actionplans_url():
    from actionplans.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == set(DRAFT) == set(ADOPTED)


def _check(client, plans, name, expected_row):
    method, url = urls(plans)[name]
    visitors = [None, plans.s.outsider, plans.s.people[Role.MEMBER], plans.s.people[Role.PROCESS_LEADER]]
    for visitor, expected in zip(visitors, expected_row, strict=True):
        client.logout()
        if visitor:
            client.force_login(visitor)
        data = {"direction": "down", "kind": "goal", "history_id": "0", "adopted_on": "2024-03-15"}
        response = client.post(url, data) if method == "post" else client.get(url)
        if expected == LOGIN:
            assert response.status_code == 302 and "/konto/login/" in response["Location"], (name, visitor)
        else:
            assert response.status_code == expected, (name, visitor, response.status_code)


@pytest.mark.parametrize("name", sorted(DRAFT))
def test_who_may_open_what_on_a_draft(plans, client, name):
    _check(client, plans, name, DRAFT[name])


@pytest.mark.parametrize("name", sorted(ADOPTED))
def test_who_may_open_what_on_an_adopted_plan(plans, client, name):
    ActionPlan.objects.filter(pk=plans.plan.pk).update(status=ActionPlan.Status.ADOPTED)
    _check(client, plans, name, ADOPTED[name])


def test_the_menus_collaboration_plan_is_the_newest(plans, client):
    from actionplans.models import CollaborationPlan

    response = client.get(reverse("actionplans:current_collaboration_plan"))
    assert response.url == CollaborationPlan.objects.order_by("-period").first().get_absolute_url()


def test_without_a_collaboration_plan_the_menu_link_says_so(db, client):
    response = client.get(reverse("actionplans:current_collaboration_plan"))
    assert response.status_code == 404
