"""The lifecycles as tables: every move is allowed from its source states and refused, with the one
error code and nothing changed, from every other state."""

import pytest
from django.core.exceptions import ValidationError

from actionplans import services
from actionplans.models import ActionPlan, Activity
from governance.models import Membership
from samverkan.lifecycle import REFUSED

Role = Membership.Role
PlanStatus = ActionPlan.Status
ActivityStatus = Activity.Status

PLAN_SERVICES = {
    "submit": lambda plan, user: services.plan_submit(plan=plan, user=user),
    "withdraw": lambda plan, user: services.plan_withdraw(plan=plan, user=user),
    "return": lambda plan, user: services.plan_return(plan=plan, user=user),
    "adopt": lambda plan, user: services.plan_adopt(plan=plan, user=user),
    # System moves: plan_adopt makes them for the version revised or the period superseded.
    "mark_revised": lambda plan, user: ActionPlan.lifecycle.apply(
        plan, "mark_revised", user=user, system=True
    ),
    "supersede": lambda plan, user: ActionPlan.lifecycle.apply(plan, "supersede", user=user, system=True),
}
PLAN_CASES = [(t.name, state) for t in ActionPlan.lifecycle.transitions for state in PlanStatus]


def test_the_table_names_a_service_for_every_plan_move():
    assert set(PLAN_SERVICES) == set(ActionPlan.lifecycle.by_name)


@pytest.mark.parametrize("name,state", PLAN_CASES, ids=[f"{n}-from-{s}" for n, s in PLAN_CASES])
def test_a_plan_moves_only_from_the_states_its_lifecycle_names(plans, name, state):
    transition = ActionPlan.lifecycle.transition(name)
    leader = plans.s.people[Role.PROCESS_LEADER]  # edits the NOSAM's plans and adopts them
    ActionPlan.objects.filter(pk=plans.plan.pk).update(status=state)
    plan = ActionPlan.objects.get(pk=plans.plan.pk)
    allowed = state in transition.source
    assert plan.can(name, leader) == (allowed and transition.permission is not None)
    if allowed:
        PLAN_SERVICES[name](plan, leader)
        assert ActionPlan.objects.get(pk=plan.pk).status == transition.target
        return
    with pytest.raises(ValidationError) as refused:
        PLAN_SERVICES[name](plan, leader)
    assert refused.value.code == REFUSED
    assert ActionPlan.objects.get(pk=plan.pk).status == state and plan.history.count() == 1


ACTIVITY_CASES = [(t.name, state) for t in Activity.lifecycle.transitions for state in ActivityStatus]


@pytest.mark.parametrize("name,state", ACTIVITY_CASES, ids=[f"{n}-from-{s}" for n, s in ACTIVITY_CASES])
def test_an_activity_moves_only_from_the_states_its_lifecycle_names(plans, name, state):
    transition = Activity.lifecycle.transition(name)
    leader = plans.s.people[Role.PROCESS_LEADER]
    ActionPlan.objects.filter(pk=plans.plan.pk).update(
        status=PlanStatus.ADOPTED
    )  # progress on the plan in force
    Activity.objects.filter(pk=plans.activity.pk).update(status=state)
    activity = Activity.objects.select_related("plan__body").get(pk=plans.activity.pk)
    allowed = state in transition.source
    assert activity.can(name, leader) == allowed
    if allowed:
        services.activity_move(activity=activity, user=leader, move=name)
        assert Activity.objects.get(pk=activity.pk).status == transition.target
        return
    with pytest.raises(ValidationError) as refused:
        services.activity_move(activity=activity, user=leader, move=name)
    assert refused.value.code == REFUSED
    assert Activity.objects.get(pk=activity.pk).status == state


@pytest.mark.parametrize("plan_state", [PlanStatus.REVISED, PlanStatus.SUPERSEDED])
def test_no_activity_moves_once_its_plan_is_no_longer_in_force(plans, plan_state):
    leader = plans.s.people[Role.PROCESS_LEADER]
    ActionPlan.objects.filter(pk=plans.plan.pk).update(status=plan_state)
    activity = Activity.objects.select_related("plan__body").get(pk=plans.activity.pk)
    assert Activity.lifecycle.allowed_moves(activity, leader) == []
    with pytest.raises(ValidationError) as refused:
        services.activity_move(activity=activity, user=leader, move="start")
    assert refused.value.code == REFUSED
    assert Activity.objects.get(pk=activity.pk).status == ActivityStatus.PLANNED


@pytest.mark.parametrize("state", list(PlanStatus))
def test_content_changes_only_in_a_draft(plans, state):
    leader = plans.s.people[Role.PROCESS_LEADER]
    ActionPlan.objects.filter(pk=plans.plan.pk).update(status=state)
    plan = ActionPlan.objects.get(pk=plans.plan.pk)
    assert plan.can_edit(leader) == (state == PlanStatus.DRAFT)
    assert not plan.can_edit(plans.s.people[Role.MEMBER])
    if state != PlanStatus.DRAFT:
        with pytest.raises(ValidationError) as refused:
            services.row_delete(row=plans.goal, user=leader)
        assert refused.value.code == REFUSED
        assert plan.goals.filter(pk=plans.goal.pk).exists()
