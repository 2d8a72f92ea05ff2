"""Generated action plans for scale tests: a plan a year for each theme group and NOSAM of a
generated sub-region, adopted by its coordinating group, plus next year's draft.

Each plan has five sub-goals (two under each focus area of the collaboration plan, one in the
appendix), eight activities under each and, once adopted, three dated follow-ups per activity.
The theme groups delegate their first sub-goal to the NOSAMs, whose first sub-goal implements it
(the red thread). Earlier years are superseded, the last year's plan is in force.

Written in bulk, history rows included (``bulk_create_with_history``): plans, sub-goals,
activities and follow-ups, as the services would leave them after adoption.
"""

import datetime

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from .models import ActionPlan, Activity, FollowUp, Goal

REASON = "Genererad testdata"
BATCH = 2000
GOALS_PER_FOCUS_AREA = 2
ACTIVITIES_PER_GOAL = 8
FOLLOW_UPS_PER_ACTIVITY = 3

RESPONSIBLE = ["Processledare", "NOSAM", "Temagruppen", "Kommunerna", "Primärvården", "Sjukhusen"]
TIMEFRAMES = ["Under våren", "Under hösten", "Helår", "Kvartal 1", "Kvartal 2", "Kvartal 3", "Kvartal 4"]


def generate_plans(*, unit, years, collaboration_plan, nosam_kind, rng, text):
    """Create the plans of ``unit``'s theme groups and NOSAMs; returns the number of plans."""
    focus_areas = list(collaboration_plan.focus_areas.order_by("order", "pk"))
    last = years[-1]
    plans = []
    for body in [*unit.themes, *unit.nosams]:
        for year in [*years, last + 1]:
            status = (
                ActionPlan.Status.DRAFT
                if year > last
                else ActionPlan.Status.ADOPTED
                if year == last
                else ActionPlan.Status.SUPERSEDED
            )
            plan = ActionPlan(
                body=body,
                period=str(year),
                collaboration_plan=collaboration_plan,
                introduction=text.paragraph(rng, 2, 3),
                status=status,
            )
            if status != ActionPlan.Status.DRAFT:
                plan.submitted_at = timezone.make_aware(datetime.datetime(year - 1, 11, 20, 10))
                plan.submitted_by = unit.process_leader.user
                plan.adopted_on = datetime.date(year - 1, 12, 10)
                plan.adopted_by_body = unit.leadership
                plan.adopted_by = unit.process_leader.user
            plans.append(plan)
    plans = bulk_create_with_history(plans, ActionPlan, batch_size=BATCH, default_change_reason=REASON)

    goals, delegated = [], {}  # delegated: period → [theme goals the NOSAMs take up]
    for plan in plans:  # theme groups' plans come first
        is_theme = plan.body in unit.themes
        order = 0
        for area in [*focus_areas, None]:
            for _ in range(GOALS_PER_FOCUS_AREA if area else 1):
                goal = Goal(plan=plan, focus_area=area, in_appendix=area is None, order=order)
                if is_theme and order == 0:
                    goal.text, goal.delegated, goal.delegated_to = text.sentence(rng), True, nosam_kind
                    delegated.setdefault(plan.period, []).append(goal)
                elif not is_theme and order == 0 and delegated.get(plan.period):
                    goal.implements = delegated[plan.period][plan.body.order % len(delegated[plan.period])]
                else:
                    goal.text = text.sentence(rng)
                goals.append(goal)
                order += 1
    # The theme groups' goals first: the NOSAMs' goals refer to the delegated ones.
    theme_goals = [g for g in goals if g.plan.body in unit.themes]
    bulk_create_with_history(theme_goals, Goal, batch_size=BATCH, default_change_reason=REASON)
    bulk_create_with_history(
        [g for g in goals if g.plan.body not in unit.themes],
        Goal,
        batch_size=BATCH,
        default_change_reason=REASON,
    )

    activities = []
    for goal in goals:
        for order in range(ACTIVITIES_PER_GOAL):
            adopted = goal.plan.status != ActionPlan.Status.DRAFT
            activities.append(
                Activity(
                    plan=goal.plan,
                    goal=goal,
                    what=text.sentence(rng),
                    how=text.paragraph(rng, 1, 2),
                    follow_up=text.sentence(rng) if adopted else "",
                    responsible=rng.choice(RESPONSIBLE),
                    timeframe=rng.choice(TIMEFRAMES),
                    status=_activity_status(goal.plan, rng),
                    order=order,
                )
            )
    bulk_create_with_history(activities, Activity, batch_size=BATCH, default_change_reason=REASON)

    follow_ups = []
    for activity in activities:
        if activity.plan.status == ActionPlan.Status.DRAFT:
            continue
        year = int(activity.plan.period)
        for month in (4, 8, 12)[:FOLLOW_UPS_PER_ACTIVITY]:
            follow_ups.append(
                FollowUp(
                    activity=activity,
                    date=datetime.date(year, month, 1 + rng.randrange(27)),
                    status=rng.choices(list(FollowUp.Light), weights=[6, 3, 1])[0],
                    text=text.sentence(rng),
                    author=unit.process_leader.user,
                )
            )
    bulk_create_with_history(follow_ups, FollowUp, batch_size=BATCH, default_change_reason=REASON)
    return len(plans)


def _activity_status(plan, rng):
    if plan.status == ActionPlan.Status.DRAFT:
        return Activity.Status.PLANNED
    if plan.status == ActionPlan.Status.SUPERSEDED:
        return rng.choices([Activity.Status.DONE, Activity.Status.CANCELLED], weights=[9, 1])[0]
    return rng.choices(list(Activity.Status), weights=[2, 5, 3, 1, 1])[0]
