"""Loading a plan's rows, the red thread and the status overview in a fixed number of queries."""

from collections import Counter, defaultdict

from django.db.models import Max, OuterRef, Subquery

from governance.models import Body

from .models import ActionPlan, Activity, FollowUp, Goal

CURRENT = [ActionPlan.Status.ADOPTED, ActionPlan.Status.SUPERSEDED]  # ActionPlan.objects.current()


def with_latest_follow_up(activities):
    """Annotate each activity with its latest follow-up (status, date, text): one query in all."""
    latest = FollowUp.objects.filter(activity=OuterRef("pk")).order_by("-date", "-pk")
    return activities.annotate(
        latest_status=Subquery(latest.values("status")[:1]),
        latest_date=Subquery(latest.values("date")[:1]),
        latest_text=Subquery(latest.values("text")[:1]),
    )


LIGHT_LABELS = dict(FollowUp.Light.choices)


class PlanRows:
    """A plan's goals, grouped per focus area and appendix, each with its activities (3 queries)."""

    def __init__(self, plan):
        self.plan = plan
        self.focus_areas = list(plan.collaboration_plan.focus_areas.all())
        self.goals = list(
            plan.goals.select_related("implements__plan__body", "focus_area").order_by("order", "pk")
        )
        activities = with_latest_follow_up(plan.activities.order_by("order", "pk"))
        by_goal = defaultdict(list)
        for activity in activities:
            activity.latest_label = LIGHT_LABELS.get(activity.latest_status, "")
            by_goal[activity.goal_id].append(activity)
        for goal in self.goals:
            goal.activity_list = by_goal.get(goal.pk, [])
        self.sections = [
            {
                "focus_area": area,
                "goals": [g for g in self.goals if not g.in_appendix and g.focus_area_id == area.pk],
            }
            for area in self.focus_areas
        ]
        self.appendix = [g for g in self.goals if g.in_appendix]
        self.activity_count = sum(len(g.activity_list) for g in self.goals)


def last_changed(plan):
    """ "Senast ändrad": the newest history entry of the plan or any of its rows."""
    dates = [
        plan.history.aggregate(at=Max("history_date"))["at"],
        Goal.history.filter(plan_id=plan.pk).aggregate(at=Max("history_date"))["at"],
        Activity.history.filter(plan_id=plan.pk).aggregate(at=Max("history_date"))["at"],
    ]
    dates = [d for d in dates if d]
    return max(dates) if dates else None


def _lineage(goals):
    """{id of each goal, and of every earlier version of it: the goal}.

    A goal of another plan may implement a delegated goal of a version since revised; the
    copy in the revision (``copied_from``) carries the link on. One query per revision step.
    """
    owner = {g.pk: g for g in goals}
    step = {g.copied_from_id: g for g in goals if g.copied_from_id}
    while step:
        for older, goal in step.items():
            owner.setdefault(older, goal)
        rows = Goal.objects.filter(pk__in=step, copied_from__isnull=False).values_list("pk", "copied_from_id")
        step = {older: step[pk] for pk, older in rows if older not in owner}
    return owner


def _attach_implementers(delegated, implementing, candidates):
    """Give each delegated goal ``implementing`` (the goals that carry it out) and the bodies of
    the kind it is delegated to that have (not) taken it up."""
    owner = _lineage(delegated)
    implementers = defaultdict(list)
    for goal in implementing:
        if goal.implements_id in owner:
            implementers[owner[goal.implements_id].pk].append(goal)
    for goal in delegated:
        goal.implementing = implementers.get(goal.pk, [])
        taken = {g.plan.body_id for g in goal.implementing}
        goal.taken_up_by = [b for b in candidates if b.kind_id == goal.delegated_to_id and b.pk in taken]
        goal.not_taken_up_by = [
            b for b in candidates if b.kind_id == goal.delegated_to_id and b.pk not in taken
        ]


def _candidates(delegated):
    kinds = {g.delegated_to_id for g in delegated if g.delegated_to_id}
    return list(Body.objects.active().filter(kind_id__in=kinds).order_by("order", "name")) if kinds else []


def red_thread(collaboration_plan):
    """Focus area → delegated goals → the goals that implement them → their activities.

    Only the adopted version of each plan counts (``ActionPlan.objects.current()``).
    """
    focus_areas = list(collaboration_plan.focus_areas.all())
    delegated = list(
        Goal.objects.filter(
            delegated=True, plan__collaboration_plan=collaboration_plan, plan__status__in=CURRENT
        )
        .select_related("plan__body", "delegated_to")
        .order_by("plan__body__order", "plan__body__name", "order", "pk")
    )
    implementing = list(
        Goal.objects.filter(
            implements__delegated=True,
            implements__plan__collaboration_plan=collaboration_plan,
            plan__status__in=CURRENT,
        )
        .select_related("plan__body")
        .order_by("plan__body__order", "plan__body__name", "order", "pk")
    )
    activities = with_latest_follow_up(
        Activity.objects.filter(
            goal__implements__delegated=True,
            goal__implements__plan__collaboration_plan=collaboration_plan,
            plan__status__in=CURRENT,
        ).order_by("order", "pk")
    )
    by_goal = defaultdict(list)
    for activity in activities:
        activity.latest_label = LIGHT_LABELS.get(activity.latest_status, "")
        by_goal[activity.goal_id].append(activity)
    for goal in implementing:
        goal.activity_list = by_goal.get(goal.pk, [])
        goal.never_followed_up = [a for a in goal.activity_list if not a.latest_status]
    _attach_implementers(delegated, implementing, _candidates(delegated))
    return [
        {"focus_area": area, "goals": [g for g in delegated if g.focus_area_id == area.pk]}
        for area in focus_areas
    ]


def delegated_with_uptake(goals):
    """The delegated ones of ``goals`` (revised versions left out), each with who took it up."""
    delegated = list(
        goals.filter(delegated=True)
        .exclude(plan__status=ActionPlan.Status.REVISED)
        .select_related("plan__body", "delegated_to", "focus_area")
    )
    owner_ids = list(_lineage(delegated))
    implementing = list(
        Goal.objects.filter(implements__in=owner_ids)
        .exclude(plan__status=ActionPlan.Status.REVISED)
        .select_related("plan__body")
    )
    _attach_implementers(delegated, implementing, _candidates(delegated))
    return delegated


def status_overview():
    """For every body's current (newest adopted) plan: activities per latest traffic light."""
    plans = {}
    for plan in ActionPlan.objects.filter(status=ActionPlan.Status.ADOPTED).select_related("body__kind"):
        if plan.body_id not in plans or plans[plan.body_id].period < plan.period:
            plans[plan.body_id] = plan
    counts = defaultdict(Counter)
    rows = with_latest_follow_up(Activity.objects.filter(plan__in=list(plans.values()))).values_list(
        "plan_id", "latest_status"
    )
    for plan_id, status in rows:
        counts[plan_id][status or "none"] += 1
    result = []
    for plan in sorted(plans.values(), key=lambda p: (p.body.kind.order, p.body.order, p.body.name)):
        count = counts[plan.pk]
        plan.counts = {key: count.get(key, 0) for key in ("green", "yellow", "red", "none")}
        plan.total = sum(count.values())
        result.append(plan)
    return result
