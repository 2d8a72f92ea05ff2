"""Demo plans: the 2024 history from ``demo/plans_2024.toml`` and the years after it, which follow
the calendar (``demo/plans.toml``) and are written through the portal's services.

The NOSAM GBG Sydväst 2024 plan reproduces every row of the real plan (seed 002, adopted
2024-03-15); the theme groups' goals that it quotes are delegated in their plans; the other
seven NOSAMs' plans are plausible, drawn from their "Utvecklingsområden" in Årsrapport 2024.
``load_demo`` is idempotent.
"""

import datetime
from collections import Counter

from django.db import transaction
from django.utils import timezone

from governance.demo import _upsert, demo_actor, demo_author
from governance.models import Body, BodyKind
from samverkan.demo import data, rng, stamped

from .models import ActionPlan, Activity, CollaborationPlan, FocusArea, FollowUp, Goal
from .services import (
    activity_move,
    followup_add,
    goal_save,
    plan_adopt,
    plan_create,
    plan_revise,
    plan_submit,
)


def _date(value):
    return datetime.date.fromisoformat(value)


def _plan(body, period, cplan, status, adopted_on, adopting, intro, tally):
    return _upsert(
        ActionPlan,
        {"body": body, "period": period, "revision": 1},
        {
            "collaboration_plan": cplan,
            "introduction": intro,
            "status": status,
            "adopted_on": _date(adopted_on) if adopted_on else None,
            "adopted_by_body": adopting if adopted_on else None,
        },
        tally,
    )


def _rows(plan, goals, areas, delegated, kinds, author, tally):
    for order, spec in enumerate(goals, start=1):
        goal = _upsert(
            Goal,
            {"plan": plan, "order": order},
            {
                "text": spec["text"],
                "focus_area": areas[spec["area"]] if "area" in spec else None,
                "in_appendix": spec.get("appendix", False),
                "implements": delegated[spec["implements"]] if "implements" in spec else None,
                "delegated": "delegated" in spec,
                "delegated_to": kinds["NOSAM"] if "delegated" in spec else None,
            },
            tally,
        )
        if "delegated" in spec:
            delegated[spec["delegated"]] = goal
        for a_order, activity in enumerate(spec["activities"], start=1):
            row = _upsert(
                Activity,
                {"goal": goal, "order": a_order},
                {
                    "plan": plan,
                    "what": activity["what"],
                    "how": activity.get("how", ""),
                    "follow_up": activity.get("follow_up", ""),
                    "status": activity.get("status", Activity.Status.ONGOING),
                    "responsible": activity.get("responsible", ""),
                    "timeframe": activity.get("timeframe", ""),
                },
                tally,
            )
            for note in activity.get("notes", ()):
                _upsert(
                    FollowUp,
                    {"activity": row, "date": _date(note["date"])},
                    {"status": note["light"], "text": note["text"], "author": author},
                    tally,
                )


def _backdate(plan, day):
    """Make "senast ändrad" of a freshly loaded plan its adoption day, as on paper."""
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    plan.history.update(history_date=at)
    Goal.history.filter(plan_id=plan.pk).update(history_date=at)
    Activity.history.filter(plan_id=plan.pk).update(history_date=at)


@transaction.atomic
def load_demo(stdout=None, today=None):
    """Load the plans up to ``today`` (idempotent); needs the governance demo loaded first."""
    history = data("plans_2024")
    bodies = {
        b.slug: b for b in Body.objects.filter(slug__in=["lgs", *(p["body"] for p in history["plans"])])
    }
    if "lgs" not in bodies:
        return None
    tally = Counter()
    kinds = {k.name: k for k in BodyKind.objects.filter(name="NOSAM")}
    values = dict(history["collaboration_plan"])
    cplan = _upsert(
        CollaborationPlan, {"period": values.pop("period")}, values | {"adopted_by": bodies["lgs"]}, tally
    )
    areas = {}
    for order, area in enumerate(history["focus_areas"], start=1):
        areas[order] = _upsert(FocusArea, {"collaboration_plan": cplan, "order": order}, area, tally)

    fresh = []
    delegated = {}
    for spec in history["plans"]:
        body = bodies[spec["body"]]
        new = not ActionPlan.objects.filter(body=body, period=spec["period"]).exists()
        adopted_on = spec["adopted_on"]
        adopting = body.plans_adopted_by or body
        # Created adopted once; the calendar supersedes it later, and a reload leaves it so.
        plan = ActionPlan.objects.filter(body=body, period=spec["period"], revision=1).first() or _plan(
            body, spec["period"], cplan, ActionPlan.Status.ADOPTED, adopted_on, adopting,
            spec.get("introduction", ""), tally,
        )  # fmt: skip
        _rows(plan, spec["goals"], areas, delegated, kinds, demo_author(body), tally)
        if new:
            fresh.append((plan, _date(adopted_on)))
    for plan, day in fresh:
        _backdate(plan, day)
    follow_the_calendar(today or timezone.localdate(), cplan)

    if stdout is not None:
        stdout.write("Handlingsplaner inlästa:")
        for model, label in [
            (ActionPlan, "Handlingsplaner"),
            (Goal, "Delmål"),
            (Activity, "Aktiviteter"),
            (FollowUp, "Uppföljningar"),
        ]:
            stdout.write(
                f"  {label}: {model.objects.count()} "
                f"({tally[model, 'created']} nya, {tally[model, 'changed']} ändrade)"
            )
    return None


# --- The years after 2024, relative to the day of loading (demo/plans.toml) ----------------------


def _on(year, spec):
    return datetime.date(year, spec["month"], spec["day"])


def _period(first, years, year):
    start = year - (year - first) % years
    return start, f"{start}-{start + years - 1}"


def _collaboration_plans(today, first_plan):
    """Every collaboration plan from the first to the one covering ``today`` (adopted), and the
    next one in draft near the end of the period. Returns the plans by year covered."""
    config = data("plans")["collaboration"]
    lgs = Body.objects.get(slug=config["adopted_by"])
    by_year = {}
    start, _ = _period(config["first_year"], config["years"], config["first_year"])
    current_start, _ = _period(config["first_year"], config["years"], today.year)
    last_start = current_start
    if today >= _on(current_start + config["years"] - 1, config["next_draft_from"]):
        last_start += config["years"]
    while start <= last_start:
        period = f"{start}-{start + config['years'] - 1}"
        adopted = _on(start - 1, config["adopted"])
        plan = CollaborationPlan.objects.filter(period=period).first()
        if plan is None:
            plan = CollaborationPlan(
                period=period,
                title=config["title"].format(period=period.replace("-", "–")),
                overarching_goal=first_plan.overarching_goal,
                purpose=first_plan.purpose,
                success_factors=first_plan.success_factors,
                groups_to_consider=first_plan.groups_to_consider.replace(
                    first_plan.period_label, period.replace("-", "–")
                ),
            )
            with stamped(adopted - datetime.timedelta(days=90), demo_author(lgs)):
                plan.full_clean()
                plan.save()
                for area in first_plan.focus_areas.all():
                    FocusArea.objects.create(
                        collaboration_plan=plan,
                        name=area.name,
                        description=area.description,
                        order=area.order,
                    )
        if plan.adopted_on is None and adopted <= today:
            with stamped(adopted, demo_author(lgs)):
                plan.adopted_by, plan.adopted_on = lgs, adopted
                plan.save()
        for year in range(start, start + config["years"]):
            by_year[year] = plan
        start += config["years"]
    return by_year


def follow_the_calendar(today, first_plan):
    """Each year's plans up to ``today`` and a little beyond, through the portal's services."""
    config = data("plans")["yearly"]
    cplans = _collaboration_plans(today, first_plan)
    actor = demo_actor()
    # The groups that delegate goals first, so the others can quote this year's goals.
    bodies = sorted(
        Body.objects.filter(action_plans__period="2024").distinct().select_related("kind"),
        key=lambda body: (body.plans_adopted_by_id is None, body.slug),
    )
    authors = {}
    for body in bodies:
        author = authors.setdefault(body.pk, demo_author(body))
        adopting = body.plans_adopted_by or body
        adopter = authors.setdefault(adopting.pk, demo_author(adopting))
        for year in range(config["first_year"], today.year + 2):
            created = _on(year - 1, config["created"])
            if created > today or year not in cplans:
                break
            plan = ActionPlan.objects.filter(body=body, period=str(year), revision=1).first()
            if plan is None:
                source = ActionPlan.objects.current().filter(body=body, period=str(year - 1)).first()
                source = (
                    source
                    or ActionPlan.objects.filter(body=body, period=str(year - 1))
                    .order_by("-revision")
                    .first()
                )
                plan = ActionPlan(
                    body=body,
                    period=str(year),
                    collaboration_plan=cplans[year],
                    introduction=source.introduction if source else "",
                )
                with stamped(created, author):
                    plan_create(plan=plan, user=actor, copy_from=source)
                    _keep_the_red_thread(plan, source, actor)
            submitted = _on(year - 1, config["submitted"])
            if plan.status == ActionPlan.Status.DRAFT and submitted <= today:
                with stamped(submitted, author):
                    plan = plan_submit(plan=plan, user=actor)
            adopted = _on(year - 1, config["adopted"])
            if plan.status == ActionPlan.Status.SUBMITTED and adopted <= today:
                with stamped(adopted, adopter):
                    plan = plan_adopt(plan=plan, user=actor, adopted_on=adopted)
            for round_, spec in enumerate(config["follow_ups"]):
                _follow_up(plan, _on(year, spec), today, round_, config["followed_activities"], author)
            _outcomes(plan, _on(year, config["outcomes"]), today, config["followed_activities"], author)
    for spec in data("plans")["revisions"]:
        _revision(spec, today, actor, authors)


def _keep_the_red_thread(plan, source, actor):
    """A copied goal quotes last year's theme-group goal (or, in a new collaboration plan, none:
    the cascade belongs to one plan); the demo's groups take up the same delegated goals again,
    so link the copies to this year's versions of them."""
    if source is None:
        return
    quoted = source.goals.filter(implements__isnull=False).select_related("implements__plan")
    for earlier in quoted:
        target = Goal.objects.filter(
            plan__body_id=earlier.implements.plan.body_id,
            plan__period=plan.period,
            plan__revision=1,
            order=earlier.implements.order,
            delegated=True,
        ).first()
        goal = plan.goals.filter(order=earlier.order).first()
        if target is None or goal is None:
            continue
        goal.implements, goal.text = target, earlier.text
        goal_save(goal=goal, user=actor, version=goal.version)


def _followed(plan, count, round_):
    activities = list(plan.activities.order_by("goal__order", "order"))
    random_ = rng(plan.body.slug, plan.period, round_)
    return random_.sample(activities, min(count, len(activities)))


def _follow_up(plan, day, today, round_, count, author):
    plan = ActionPlan.objects.current().filter(body=plan.body, period=plan.period).first() or plan
    if (
        day > today
        or plan.follow_up_refusal()
        or FollowUp.objects.filter(activity__plan=plan, date=day).exists()
    ):
        return
    notes = data("texts")["follow_ups"]
    for index, activity in enumerate(_followed(plan, count, round_)):
        note = rng(plan.body.slug, plan.period, round_, index).choice(notes[:3] if round_ == 0 else notes)
        topic = rng(activity.pk, day).choice(data("texts")["topics"])
        with stamped(day, author):
            followup_add(
                activity=activity,
                user=demo_actor(),
                status=note["light"],
                text=note["text"].format(topic=topic),
                date=day,
            )


def _outcomes(plan, day, today, count, author):
    """At the end of the year most followed activities are done; the rest are postponed."""
    plan = ActionPlan.objects.current().filter(body=plan.body, period=plan.period).first() or plan
    if day > today or plan.follow_up_refusal():
        return
    for index, activity in enumerate(_followed(plan, count, "outcome")):
        move = "postpone" if index == count - 1 else "finish"
        if activity.status in {Activity.Status.DONE, Activity.Status.POSTPONED, Activity.Status.CANCELLED}:
            continue
        with stamped(day, author):
            activity_move(activity=activity, user=demo_actor(), move=move)


def _revision(spec, today, actor, authors):
    """This year's plan of a body opened again for revision (and perhaps submitted)."""
    plan = ActionPlan.objects.current().filter(body__slug=spec["body"], period=str(today.year)).first()
    if plan is None or ActionPlan.objects.open().filter(body=plan.body, period=plan.period).exists():
        return
    if ActionPlan.objects.filter(body=plan.body, period=plan.period, revision__gt=1).exists():
        return  # revised once already this year: the demo leaves the rest to its visitors
    day = max(plan.adopted_on + datetime.timedelta(days=3), today - datetime.timedelta(days=spec["days_ago"]))
    author = authors.get(plan.body_id) or demo_author(plan.body)
    with stamped(day, author):
        revision = plan_revise(plan=plan, user=actor)
    if spec["submit"]:
        with stamped(min(today, day + datetime.timedelta(days=2)), author):
            plan_submit(plan=revision, user=actor)
