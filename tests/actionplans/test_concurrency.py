"""Every POST action of the action plans clicked 20 times at once, through HTTP, on PostgreSQL:
exactly one effect, no answer but a page or a redirect (``tests.concurrency``)."""

import datetime

import pytest
from django.urls import reverse

from actionplans import services
from actionplans.models import ActionPlan, Activity, FollowUp, Goal
from governance.models import Membership
from tests.concurrency import RACES, Scenario, already_saved, confirmation, form_fields, hidden_fields

pytestmark = RACES

Status = ActionPlan.Status


def _leader(p):
    return p.s.people[Membership.Role.PROCESS_LEADER]


def _plan(p):
    return ActionPlan.objects.get(pk=p.plan.pk)


def _moves(p, status):
    return lambda: ActionPlan.history.filter(id=p.plan.pk, status=status).count()


def _adopted(p):
    services.plan_submit(plan=_plan(p), user=_leader(p))
    services.plan_adopt(plan=_plan(p), user=_leader(p))
    return _plan(p)


def _submit(p):
    url = _plan(p).url("plan_submit")
    return Scenario(url, _leader(p), _moves(p, Status.SUBMITTED), read=confirmation(url))


def _withdraw(p):
    """“Ångra” after a submission, clicked twenty times: the plan is a draft again once."""
    services.plan_submit(plan=_plan(p), user=_leader(p))
    return Scenario(
        _plan(p).url("plan_withdraw"),
        _leader(p),
        lambda: ActionPlan.history.filter(id=p.plan.pk, history_change_reason="Inlämningen återtogs").count(),
        read=lambda client: hidden_fields(client.get(_plan(p).url("plan_detail")), "version"),
    )


def _return(p):
    services.plan_submit(plan=_plan(p), user=_leader(p))
    return Scenario(_plan(p).url("plan_return"), _leader(p), _moves(p, Status.DRAFT))


def _adopt(p):
    services.plan_submit(plan=_plan(p), user=_leader(p))
    url = _plan(p).url("plan_adopt")
    read = confirmation(url, adopted_on="2024-03-15")
    return Scenario(url, _leader(p), _moves(p, Status.ADOPTED), read=read)


def _revise(p):
    plan = _adopted(p)
    return Scenario(
        plan.url("plan_revise"),
        _leader(p),
        lambda: ActionPlan.objects.filter(body=p.s.nosam, period="2024", revision=2).count(),
    )


def _create(p):
    url = reverse("actionplans:plan_create", args=[p.s.nosam.slug])
    return Scenario(
        url,
        _leader(p),
        lambda: ActionPlan.objects.filter(body=p.s.nosam, period="2025").count(),
        read=lambda client: (
            form_fields(client.get(url)) | {"period": "2025", "collaboration_plan": str(p.cplan.pk)}
        ),
        refusal=already_saved,
    )


def _add_goal(p):
    url = _plan(p).url("goal_add")
    return Scenario(
        url,
        _leader(p),
        lambda: Goal.objects.filter(plan=p.plan, text="Samtidigt").count(),
        read=lambda client: (
            form_fields(client.get(url)) | {"focus_area": str(p.health.pk), "text": "Samtidigt"}
        ),
        refusal=already_saved,
    )


def _edit_goal(p):
    url = _plan(p).url("goal_edit", p.goal.pk)
    return Scenario(
        url,
        _leader(p),
        lambda: Goal.history.filter(id=p.goal.pk, text="Ändrat").count(),
        read=lambda client: form_fields(client.get(url)) | {"text": "Ändrat"},
    )


def _add_activity(p):
    url = _plan(p).url("activity_add", p.goal.pk)
    return Scenario(
        url,
        _leader(p),
        lambda: Activity.objects.filter(goal=p.goal, what="Samtidigt").count(),
        read=lambda client: form_fields(client.get(url)) | {"what": "Samtidigt"},
        refusal=already_saved,
    )


def _edit_activity(p):
    url = _plan(p).url("activity_edit", p.activity.pk)
    return Scenario(
        url,
        _leader(p),
        lambda: Activity.history.filter(id=p.activity.pk, what="Ändrat").count(),
        read=lambda client: form_fields(client.get(url)) | {"what": "Ändrat"},
    )


def _second_goal(p):
    return Goal.objects.create(plan=p.plan, focus_area=p.transitions, text="Andra", order=2)


def _move_goal(p):
    """One click on "Move up" moves the goal one step, however often it arrives."""
    goal = _second_goal(p)
    url = _plan(p).url("goal_move", goal.pk)
    return Scenario(
        url,
        _leader(p),
        lambda: 2 - Goal.objects.get(pk=goal.pk).order,
        read=lambda client: (
            hidden_fields(client.get(_plan(p).url("plan_edit")), action=url) | {"direction": "up"}
        ),
    )


def _move_activity(p):
    second = Activity.objects.create(plan=p.plan, goal=p.goal, what="Andra", order=2)
    url = _plan(p).url("activity_move", second.pk)
    return Scenario(
        url,
        _leader(p),
        lambda: 2 - Activity.objects.get(pk=second.pk).order,
        read=lambda client: (
            hidden_fields(client.get(_plan(p).url("plan_edit")), action=url) | {"direction": "up"}
        ),
    )


def _delete_goal(p):
    goal = _second_goal(p)
    url = _plan(p).url("goal_delete", goal.pk)
    return Scenario(
        url,
        _leader(p),
        lambda: Goal.history.filter(id=goal.pk, history_type="-").count(),
        read=confirmation(url),
        allowed=(200, 302, 404),  # a click that arrives after the deletion finds no goal
    )


def _delete_activity(p):
    url = _plan(p).url("activity_delete", p.activity.pk)
    return Scenario(
        url,
        _leader(p),
        lambda: Activity.history.filter(id=p.activity.pk, history_type="-").count(),
        read=confirmation(url),
        allowed=(200, 302, 404),
    )


def _restore(p):
    goal = Goal.objects.get(pk=p.goal.pk)
    goal.text = "Ändrat"
    services.goal_save(goal=goal, user=_leader(p), version=goal.version)
    record = Goal.history.filter(id=goal.pk).order_by("history_id").first()
    return Scenario(
        _plan(p).url("history_restore"),
        _leader(p),
        lambda: Goal.history.filter(id=goal.pk, history_change_reason__startswith="Återställd").count(),
        data={"kind": "goal", "history_id": str(record.history_id)},
    )


def _follow_up(p):
    plan = _adopted(p)
    url = plan.url("followup_add", p.activity.pk)
    return Scenario(
        url,
        _leader(p),
        lambda: FollowUp.objects.filter(activity=p.activity).count(),
        read=lambda client: (
            form_fields(client.get(url))
            | {"date": "2024-05-01", "status": FollowUp.Light.GREEN, "text": "Går bra"}
        ),
        refusal=already_saved,
    )


def _activity_status(p):
    plan = _adopted(p)
    return Scenario(
        plan.url("activity_status", p.activity.pk),
        _leader(p),
        lambda: Activity.history.filter(id=p.activity.pk, status=Activity.Status.ONGOING).count(),
        data={"move": "start"},
    )


SCENARIOS = {
    "submit": _submit,
    "withdraw": _withdraw,
    "return": _return,
    "adopt": _adopt,
    "revise": _revise,
    "create plan": _create,
    "add goal": _add_goal,
    "edit goal": _edit_goal,
    "add activity": _add_activity,
    "edit activity": _edit_activity,
    "move goal": _move_goal,
    "move activity": _move_activity,
    "delete goal": _delete_goal,
    "delete activity": _delete_activity,
    "restore": _restore,
    "follow up": _follow_up,
    "activity status": _activity_status,
}


@pytest.mark.parametrize("action", SCENARIOS)
def test_twenty_clicks_at_once_have_one_effect(plans, action):
    SCENARIOS[action](plans).fire()


def test_a_goal_added_from_twenty_tabs_at_once_gets_twenty_distinct_orders(plans):
    _add_goal(plans).fire(expected=20, tabs=True)
    orders = list(Goal.objects.filter(plan=plans.plan).values_list("order", flat=True))
    assert len(orders) == len(set(orders)) == 21


def test_a_plan_created_from_twenty_tabs_at_once_is_created_once(plans):
    """Twenty pages asking for the same period: one plan, the others told it exists (no 500)."""
    _create(plans).fire(tabs=True)


def test_adopted_on_is_the_posted_date(plans):
    _adopt(plans).fire()
    assert _plan(plans).adopted_on == datetime.date(2024, 3, 15)
