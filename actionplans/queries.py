"""Loading a plan's rows, the red thread and the status overview in a fixed number of queries."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from governance.models import Body
from governance.structure import BodyTree

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


def _attach_implementers(owner, delegated, implementing, tree):
    """Give each delegated goal ``implementing`` (the goals that carry it out) and the bodies of
    the kind it is delegated to, in the delegating body's sub-region, that have (not) taken it up.

    ``owner``: ``_lineage(delegated)``; ``tree``: a ``BodyTree``.
    """
    implementers = defaultdict(list)
    for goal in implementing:
        if goal.implements_id in owner:
            implementers[owner[goal.implements_id].pk].append(goal)
    today = timezone.localdate()
    candidates = defaultdict(list)  # (sub-region id, kind id) → active bodies, in the tree's order
    for body in tree.bodies:
        if body.is_active(today):
            candidates[tree.sub_region(body).pk, body.kind_id].append(body)
    for goal in delegated:
        goal.implementing = implementers.get(goal.pk, [])
        taken = {g.plan.body_id for g in goal.implementing}
        bodies = candidates[_sub_region_of(goal, tree).pk, goal.delegated_to_id]
        goal.taken_up_by = [b for b in bodies if b.pk in taken]
        goal.not_taken_up_by = [b for b in bodies if b.pk not in taken]


def _sub_region_of(goal, tree):
    return tree.sub_region(tree.by_id.get(goal.plan.body_id, goal.plan.body))


def _implementing(owner):
    """The goals of plans in force that implement one of the goals ``owner`` holds."""
    return list(
        Goal.objects.filter(implements__in=list(owner), plan__status__in=CURRENT)
        .select_related("plan__body")
        .order_by("plan__body__order", "plan__body__name", "order", "pk")
    )


@dataclass
class RedThread:
    """One sub-region's red thread under a collaboration plan, and what the others hold."""

    sub_region: Body | None
    areas: list  # [{"focus_area", "goals": this sub-region's, "elsewhere": count in the others}]
    sub_regions: list  # [(sub-region, number of delegated goals)]: those with any, and the chosen


def red_thread(collaboration_plan, sub_region_slug=None):
    """Focus area → delegated goals → the goals that implement them → their activities, for the
    sub-region (a root of the body tree) ``sub_region_slug``; by default the first one, in the
    structure's order, whose groups delegated a goal under the plan.

    One sub-region at a time, so the page does not grow with the county; the others are counted.
    Only the adopted version of each plan counts (``ActionPlan.objects.current()``). Raises
    ``Body.DoesNotExist`` for a slug that names no sub-region. Five queries (one more per
    revision step of a delegated goal).
    """
    tree = BodyTree()
    focus_areas = list(collaboration_plan.focus_areas.all())
    delegated = list(
        Goal.objects.filter(
            delegated=True, plan__collaboration_plan=collaboration_plan, plan__status__in=CURRENT
        )
        .select_related("plan__body", "delegated_to")
        .order_by("plan__body__order", "plan__body__name", "order", "pk")
    )
    counts = Counter(_sub_region_of(goal, tree).pk for goal in delegated)
    if sub_region_slug is None:
        chosen = next((root for root in tree.roots() if counts[root.pk]), None)
    else:
        chosen = next((root for root in tree.roots() if root.slug == sub_region_slug), None)
        if chosen is None:
            raise Body.DoesNotExist(sub_region_slug)
    shown = [g for g in delegated if chosen is not None and _sub_region_of(g, tree) is chosen]
    shown_ids = {g.pk for g in shown}
    owner = _lineage(shown)
    implementing = _implementing(owner)
    activities = with_latest_follow_up(
        Activity.objects.filter(goal__in=[g.pk for g in implementing]).order_by("order", "pk")
    )
    by_goal = defaultdict(list)
    for activity in activities:
        activity.latest_label = LIGHT_LABELS.get(activity.latest_status, "")
        by_goal[activity.goal_id].append(activity)
    for goal in implementing:
        goal.activity_list = by_goal.get(goal.pk, [])
        goal.never_followed_up = [a for a in goal.activity_list if not a.latest_status]
    _attach_implementers(owner, shown, implementing, tree)
    return RedThread(
        sub_region=chosen,
        areas=[
            {
                "focus_area": area,
                "goals": [g for g in shown if g.focus_area_id == area.pk],
                "elsewhere": sum(
                    1 for g in delegated if g.focus_area_id == area.pk and g.pk not in shown_ids
                ),
            }
            for area in focus_areas
        ],
        sub_regions=[(root, counts[root.pk]) for root in tree.roots() if counts[root.pk] or root is chosen],
    )


def delegated_with_uptake(goals):
    """The delegated ones of ``goals`` (revised versions left out), each with who took it up."""
    delegated = list(
        goals.filter(delegated=True)
        .exclude(plan__status=ActionPlan.Status.REVISED)
        .select_related("plan__body", "delegated_to", "focus_area")
    )
    if not delegated:
        return []
    owner = _lineage(delegated)
    implementing = list(
        Goal.objects.filter(implements__in=list(owner))
        .exclude(plan__status=ActionPlan.Status.REVISED)
        .select_related("plan__body")
    )
    _attach_implementers(owner, delegated, implementing, BodyTree())
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
