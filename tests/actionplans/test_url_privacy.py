"""Every action-plan URL in every state of the plan (draft, submitted, adopted, revised), as an
anonymous visitor, an outsider, a member (reader) and the NOSAM's process leader (who edits the
plan and, since the NOSAM adopts its own plans, adopts it). A refused request changes nothing."""

import pytest
from django.urls import reverse

from actionplans import services
from actionplans.models import ActionPlan, Activity, FollowUp, Goal
from governance.models import Membership

Role = Membership.Role
LOGIN = "login"  # redirected to the login page
DONE = "done"  # 302, and the plan changed
REFUSED = "refused"  # 302 back with the reason as a message; nothing changed

GET_ONLY = {
    "current_collaboration_plan": lambda p: reverse("actionplans:current_collaboration_plan"),
    "collaboration_plan": lambda p: reverse("actionplans:collaboration_plan", args=["2024-2025"]),
    "red_thread": lambda p: reverse("actionplans:red_thread", args=["2024-2025"]),
    "status_overview": lambda p: reverse("actionplans:status_overview"),
    "delegated_uptake": lambda p: reverse("actionplans:delegated_uptake", args=[p.s.nosam.slug]),
}


def requests(plans, plan):
    """{name: (method, url, data)} for the version ``plan`` (its goal and activity)."""
    goal = plan.goals.get(order=1)
    activity = goal.activities.get(order=1)
    first_record = Activity.history.filter(id=activity.pk).order_by("history_id").first()
    table = {name: ("get", url_of(plans), {}) for name, url_of in GET_ONLY.items()}
    create = reverse("actionplans:plan_create", args=[plans.s.nosam.slug])
    new_plan = {"period": "2030", "collaboration_plan": plans.cplan.pk}
    goal_data = {
        "focus_area": plans.transitions.pk,
        "implements": plans.delegated.pk,
        "text": "Ändrat delmål",
        "version": goal.version,
    }
    activity_data = {"what": "Ändrad aktivitet", "status": activity.status, "version": activity.version}
    table |= {
        "plan_create": ("get", create, {}),
        "plan_create:post": ("post", create, new_plan),
        "plan_detail": ("get", plan.url("plan_detail"), {}),
        "current_plan": ("get", reverse("actionplans:current_plan", args=[plans.s.nosam.slug]), {}),
        "plan_pdf": ("get", plan.url("plan_pdf"), {}),
        "plan_xlsx": ("get", plan.url("plan_xlsx"), {}),
        "plan_history": ("get", plan.url("plan_history"), {}),
        "history_restore": (
            "post",
            plan.url("history_restore"),
            {"kind": "activity", "history_id": first_record.history_id},
        ),
        "plan_submit": ("post", plan.url("plan_submit"), {}),
        "plan_withdraw": ("post", plan.url("plan_withdraw"), {}),
        "plan_adopt": ("post", plan.url("plan_adopt"), {"adopted_on": "2024-03-15"}),
        "plan_return": ("post", plan.url("plan_return"), {}),
        "plan_revise": ("post", plan.url("plan_revise"), {}),
        "plan_edit": ("get", plan.url("plan_edit"), {}),
        "goal_add": ("get", plan.url("goal_add"), {}),
        "goal_add:post": ("post", plan.url("goal_add"), goal_data | {"text": "Nytt delmål"}),
        "goal_edit": ("get", plan.url("goal_edit", goal.pk), {}),
        "goal_edit:post": ("post", plan.url("goal_edit", goal.pk), goal_data),
        "goal_delete": ("post", plan.url("goal_delete", goal.pk), {}),
        "goal_move": ("post", plan.url("goal_move", goal.pk), {"direction": "down"}),
        "activity_add": ("get", plan.url("activity_add", goal.pk), {}),
        "activity_add:post": ("post", plan.url("activity_add", goal.pk), activity_data),
        "activity_edit": ("get", plan.url("activity_edit", activity.pk), {}),
        "activity_edit:post": ("post", plan.url("activity_edit", activity.pk), activity_data),
        "activity_delete": ("post", plan.url("activity_delete", activity.pk), {}),
        "activity_move": ("post", plan.url("activity_move", activity.pk), {"direction": "down"}),
        "followup_add": ("get", plan.url("followup_add", activity.pk), {}),
        "followup_add:post": (
            "post",
            plan.url("followup_add", activity.pk),
            {"date": "2024-05-01", "status": "green", "text": "Enligt plan"},
        ),
        "activity_status": ("post", plan.url("activity_status", activity.pk), {"move": "start"}),
    }
    return table


# (anonymous, outsider, member, process leader). 404: not even told it exists; 403: may read,
# may not do (or the state forbids it: the refusal page says why).
DRAFT = {
    "current_collaboration_plan": (302, 302, 302, 302),
    "collaboration_plan": (200, 200, 200, 200),
    "red_thread": (200, 200, 200, 200),
    "status_overview": (200, 200, 200, 200),
    "delegated_uptake": (LOGIN, 403, 200, 200),
    "plan_create": (LOGIN, 403, 403, 200),
    "plan_create:post": (LOGIN, 403, 403, DONE),
    "plan_detail": (404, 404, 200, 200),
    # The group's "Handlingsplan": no adopted plan yet, and this draft is of a past period (2024),
    # so nobody is led to it.
    "current_plan": (404, 404, 404, 404),
    "plan_pdf": (404, 404, 200, 200),
    "plan_xlsx": (404, 404, 200, 200),
    "plan_history": (LOGIN, 404, 200, 200),
    "history_restore": (LOGIN, 404, 403, DONE),
    "plan_submit": (LOGIN, 404, 403, DONE),
    "plan_withdraw": (LOGIN, 404, 403, REFUSED),
    "plan_adopt": (LOGIN, 404, 403, REFUSED),
    "plan_return": (LOGIN, 404, 403, REFUSED),
    "plan_revise": (LOGIN, 404, 403, REFUSED),
    "plan_edit": (LOGIN, 404, 403, 200),
    "goal_add": (LOGIN, 404, 403, 200),
    "goal_add:post": (LOGIN, 404, 403, DONE),
    "goal_edit": (LOGIN, 404, 403, 200),
    "goal_edit:post": (LOGIN, 404, 403, DONE),
    "goal_delete": (LOGIN, 404, 403, DONE),
    "goal_move": (LOGIN, 404, 403, DONE),
    "activity_add": (LOGIN, 404, 403, 200),
    "activity_add:post": (LOGIN, 404, 403, DONE),
    "activity_edit": (LOGIN, 404, 403, 200),
    "activity_edit:post": (LOGIN, 404, 403, DONE),
    "activity_delete": (LOGIN, 404, 403, DONE),
    "activity_move": (LOGIN, 404, 403, DONE),
    "followup_add": (LOGIN, 404, 403, 200),
    "followup_add:post": (LOGIN, 404, 403, DONE),
    "activity_status": (LOGIN, 404, 403, DONE),
}
CONTENT = [
    "plan_edit",
    "goal_add",
    "goal_add:post",
    "goal_edit",
    "goal_edit:post",
    "goal_delete",
    "goal_move",
    "activity_add",
    "activity_add:post",
    "activity_edit",
    "activity_edit:post",
    "activity_delete",
    "activity_move",
]
# Submitted: frozen for everyone; the adopter adopts or returns it; follow-up goes on.
SUBMITTED = (
    DRAFT
    | {name: (LOGIN, 404, 403, 403) for name in [*CONTENT, "history_restore"]}
    | {
        "plan_submit": (LOGIN, 404, 403, REFUSED),
        "plan_withdraw": (LOGIN, 404, 403, DONE),
        "plan_adopt": (LOGIN, 404, 403, DONE),
        "plan_return": (LOGIN, 404, 403, DONE),
    }
)
# Adopted: public and frozen; it changes only by a revision; follow-up goes on.
ADOPTED = (
    DRAFT
    | {name: (LOGIN, 403, 403, 403) for name in [*CONTENT, "history_restore"]}
    | {
        "plan_detail": (200, 200, 200, 200),
        "current_plan": (302, 302, 302, 302),  # the newest adopted plan, for everyone
        "plan_pdf": (200, 200, 200, 200),
        "plan_xlsx": (200, 200, 200, 200),
        "plan_history": (LOGIN, 403, 200, 200),
        "plan_submit": (LOGIN, 403, 403, REFUSED),
        "plan_withdraw": (LOGIN, 403, 403, REFUSED),
        "plan_adopt": (LOGIN, 403, 403, REFUSED),
        "plan_return": (LOGIN, 403, 403, REFUSED),
        "plan_revise": (LOGIN, 403, 403, DONE),
        "followup_add": (LOGIN, 403, 403, 200),
        "followup_add:post": (LOGIN, 403, 403, DONE),
        "activity_status": (LOGIN, 403, 403, DONE),
    }
)
# Revised (a later revision was adopted): public, read-only for the record.
REVISED = ADOPTED | {
    "plan_revise": (LOGIN, 403, 403, REFUSED),
    "followup_add": (LOGIN, 403, 403, 403),
    "followup_add:post": (LOGIN, 403, 403, 403),
    "activity_status": (LOGIN, 403, 403, 403),
}
STATES = {"draft": DRAFT, "submitted": SUBMITTED, "adopted": ADOPTED, "revised": REVISED}


@pytest.fixture
def table_plans(plans):
    """A second goal and activity, so that moving the first ones changes the order, and a second
    version of the first activity, to restore the first."""
    Goal.objects.create(plan=plans.plan, focus_area=plans.transitions, text="Andra delmålet", order=2)
    Activity.objects.create(plan=plans.plan, goal=plans.goal, what="Andra aktiviteten", order=2)
    plans.activity.how = "Dialog på NOSAM och i LGS"
    plans.activity.save()  # a second version: restoring the first changes something
    return plans


def into(state, plans):
    """Put the NOSAM's plan in ``state``; the version the URLs address."""
    plan = plans.plan
    leader = plans.s.people[Role.PROCESS_LEADER]
    if state in ("submitted", "adopted", "revised"):
        services.plan_submit(plan=plan, user=leader)
    if state in ("adopted", "revised"):
        services.plan_adopt(plan=plan, user=leader)
    if state == "revised":
        revision = services.plan_revise(plan=plan, user=leader)
        services.plan_submit(plan=revision, user=leader)
        services.plan_adopt(plan=revision, user=leader)
    plan.refresh_from_db()
    assert plan.status == state
    return plan


def snapshot():
    """Everything a request to these URLs could change."""
    return (
        list(ActionPlan.objects.order_by("pk").values_list("pk", "status", "version", "introduction")),
        list(Goal.objects.order_by("pk").values_list("pk", "text", "order", "version")),
        list(Activity.objects.order_by("pk").values_list("pk", "what", "status", "order", "version")),
        FollowUp.objects.count(),
        [model.history.count() for model in (ActionPlan, Goal, Activity, FollowUp)],
    )


def test_the_table_covers_every_actionplans_url():
    from actionplans.urls import urlpatterns

    names = {pattern.name for pattern in urlpatterns}
    for table in STATES.values():
        assert {name.split(":")[0] for name in table} == names


@pytest.mark.parametrize("state", sorted(STATES))
@pytest.mark.parametrize("name", sorted(DRAFT))
def test_who_may_do_what_in_each_state_and_a_refusal_changes_nothing(table_plans, client, state, name):
    plans = table_plans
    method, url, data = requests(plans, into(state, plans))[name]
    visitors = [None, plans.s.outsider, plans.s.people[Role.MEMBER], plans.s.people[Role.PROCESS_LEADER]]
    for visitor, expected in zip(visitors, STATES[state][name], strict=True):
        client.logout()
        if visitor:
            client.force_login(visitor)
        before = snapshot()
        response = getattr(client, method)(url, data)
        who = (state, name, visitor)
        if expected == LOGIN:
            assert response.status_code == 302 and "/konto/login/" in response["Location"], who
        elif expected in (DONE, REFUSED):
            assert response.status_code == 302, (*who, response.status_code)
        else:
            assert response.status_code == expected, (*who, response.status_code)
        changed = snapshot() != before
        assert changed == (expected == DONE), (*who, "changed" if changed else "nothing changed")


def test_the_menus_collaboration_plan_is_the_newest(plans, client):
    from actionplans.models import CollaborationPlan

    response = client.get(reverse("actionplans:current_collaboration_plan"))
    assert response.url == CollaborationPlan.objects.order_by("-period").first().get_absolute_url()


def test_without_a_collaboration_plan_the_menu_link_says_so(db, client):
    response = client.get(reverse("actionplans:current_collaboration_plan"))
    assert response.status_code == 404
