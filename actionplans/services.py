"""Action-plan workflows: each validates, writes in one transaction and records who and why."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.concurrency import claim

from .models import ActionPlan, Activity, FollowUp, Goal

Status = ActionPlan.Status


def _save(obj, *, user=None, reason="", **kwargs):
    """Save with the history user and reason set (requests set the user via the middleware)."""
    if user is not None:
        obj._history_user = user
    if reason:
        obj._change_reason = reason
    obj.save(**kwargs)
    return obj


def _move(plan, status):
    if not plan.can_move_to(status):
        raise ValidationError(
            _("A plan that is %(current)s cannot become %(wanted)s.")
            % {
                "current": plan.get_status_display().lower(),
                "wanted": str(Status(status).label).lower(),
            },
            code="bad_transition",
        )
    plan.status = status


def _bump(plan):
    """Claim the plan row (optimistic locking): a concurrent workflow on it fails loudly."""
    if not claim(plan):
        raise ValidationError(
            _("Somebody else changed the plan's status at the same time. Reload the page and try again."),
            code="conflict",
        )


@transaction.atomic
def plan_create(*, plan, user=None, copy_from=None):
    """Start a draft plan for a period; optionally copy the rows of an earlier plan to revise.

    Goals keep their cascade links where the delegated goal belongs to the new plan's
    collaboration plan; focus areas are matched by their order.
    """
    plan.status = Status.DRAFT
    plan.full_clean()
    _save(plan, user=user, reason=_("Created"))
    if copy_from is None:
        return plan
    areas = {a.order: a for a in plan.collaboration_plan.focus_areas.all()}
    for goal in copy_from.goals.select_related("focus_area", "implements__plan").prefetch_related(
        "activities"
    ):
        activities = list(goal.activities.all())
        area = areas.get(goal.focus_area.order) if goal.focus_area_id else None
        same_cascade = (
            goal.implements_id and goal.implements.plan.collaboration_plan_id == plan.collaboration_plan_id
        )
        copy = Goal(
            plan=plan,
            focus_area=area,
            in_appendix=goal.in_appendix or area is None,
            text=goal.text if (goal.text or same_cascade) else goal.own_text,
            implements=goal.implements if same_cascade else None,
            delegated=goal.delegated,
            delegated_to=goal.delegated_to,
            order=goal.order,
        )
        copy.full_clean()
        _save(copy, user=user, reason=_("Copied from the plan for %(period)s") % {"period": copy_from.period})
        for activity in activities:
            activity.pk, activity.id, activity.plan, activity.goal, activity.version = (
                None,
                None,
                plan,
                copy,
                1,
            )
            activity.status = Activity.Status.PLANNED
            activity.full_clean()
            _save(activity, user=user)
    return plan


@transaction.atomic
def plan_submit(*, plan, user):
    """Submit a draft for adoption; it is frozen for everyone but the adopting process leader."""
    _move(plan, Status.SUBMITTED)
    if not plan.goals.exists():
        raise ValidationError(
            _("An empty plan cannot be submitted: add at least one sub-goal."), code="empty"
        )
    _bump(plan)
    plan.submitted_at = timezone.now()
    plan.submitted_by = user
    plan.full_clean()
    return _save(plan, user=user, reason=_("Submitted for adoption"))


@transaction.atomic
def plan_return(*, plan, user):
    """Send a submitted plan back to its body as a draft."""
    _move(plan, Status.DRAFT)
    _bump(plan)
    plan.full_clean()
    return _save(plan, user=user, reason=_("Returned as a draft"))


@transaction.atomic
def plan_adopt(*, plan, user, adopted_on=None):
    """Record the adoption (fastställd): who, when and by which body; older plans are superseded."""
    _move(plan, Status.ADOPTED)
    _bump(plan)
    plan.adopted_on = adopted_on or timezone.localdate()
    plan.adopted_by_body = plan.adopting_body
    plan.adopted_by = user
    plan.full_clean()
    _save(plan, user=user, reason=_("Adopted"))
    older = ActionPlan.objects.filter(body_id=plan.body_id, status=Status.ADOPTED, period__lt=plan.period)
    for previous in older:
        previous.status = Status.SUPERSEDED
        previous.version += 1
        _save(
            previous, user=user, reason=_("Superseded by the plan for %(period)s") % {"period": plan.period}
        )
    return plan


@transaction.atomic
def goal_implement(*, goal, target, user=None):
    """Link ``goal`` to the delegated goal ``target`` of another body (None: unlink)."""
    goal.implements = target
    goal.full_clean()
    goal.version += 1
    return _save(goal, user=user, reason=_("Cascade link changed"))


@transaction.atomic
def followup_add(*, activity, user, status, text, date=None):
    """Add a dated follow-up note (traffic light + text) to an activity."""
    if activity.plan.status == Status.SUPERSEDED:
        raise ValidationError(_("A superseded plan is not followed up any more."), code="superseded")
    note = FollowUp(
        activity=activity, author=user, status=status, text=text, date=date or timezone.localdate()
    )
    note.full_clean()
    return _save(note, user=user)


def next_order(queryset):
    return (queryset.aggregate(top=Max("order"))["top"] or 0) + 1


@transaction.atomic
def row_move(*, row, direction, user=None):
    """Swap a goal or an activity with its neighbour ("up" or "down") in the plan's order.

    Only ``order`` changes, and the versions stay: reordering never conflicts with someone
    editing the row's text.
    """
    if isinstance(row, Goal):
        siblings = list(
            Goal.objects.filter(
                plan_id=row.plan_id, in_appendix=row.in_appendix, focus_area_id=row.focus_area_id
            )
        )
    else:
        siblings = list(Activity.objects.filter(goal_id=row.goal_id))
    index = next(i for i, s in enumerate(siblings) if s.pk == row.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(siblings):
        return False
    # Renumber the whole list so that equal or missing orders cannot make a swap a no-op.
    siblings[index], siblings[other_index] = siblings[other_index], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.order != position:
            sibling.order = position
            _save(sibling, user=user, reason=_("Moved"), update_fields=["order"])
    return True


HISTORY_MODELS = {"plan": ActionPlan, "goal": Goal, "activity": Activity, "followup": FollowUp}


@transaction.atomic
def history_restore(*, plan, kind, history_id, user=None):
    """Put a goal, activity, follow-up or the plan itself back as it was in an earlier version.

    A deleted row comes back with its old id. The restored row's version moves on, so anyone
    still editing the newer text gets the conflict message instead of overwriting the restore.
    """
    model = HISTORY_MODELS[kind]
    record = model.history.filter(history_id=history_id).first()
    if record is None or _plan_id_of(record, kind) != plan.pk:
        raise ValidationError(_("No such version of this plan."), code="missing")
    instance = record.instance
    if kind == "activity" and not Goal.objects.filter(pk=instance.goal_id).exists():
        raise ValidationError(
            _("The activity's sub-goal has been deleted: restore the sub-goal first."), code="goal_missing"
        )
    if kind == "followup" and not Activity.objects.filter(pk=instance.activity_id).exists():
        raise ValidationError(
            _("The note's activity has been deleted: restore the activity first."), code="activity_missing"
        )
    current = model.objects.filter(pk=instance.pk).first()
    if hasattr(instance, "version"):
        instance.version = (current.version if current else 0) + 1
    if kind == "plan":
        # Restoring text never undoes the workflow: status and adoption stay as they are.
        for name in ("status", "submitted_at", "submitted_by", "adopted_on", "adopted_by_body", "adopted_by"):
            setattr(instance, name, getattr(current, name))
    instance.full_clean(validate_unique=False)
    when = (
        timezone.localtime(record.history_date) if isinstance(record.history_date, datetime.datetime) else ""
    )
    return _save(
        instance,
        user=user,
        reason=_("Restored the version of %(when)s")
        % {"when": when.strftime("%Y-%m-%d %H:%M") if when else ""},
    )


def _plan_id_of(record, kind):
    if kind == "plan":
        return record.id
    if kind == "followup":
        return Activity.history.filter(id=record.activity_id).values_list("plan_id", flat=True).first()
    return record.plan_id


@transaction.atomic
def row_delete(*, row, user=None):
    """Delete a goal (with its activities) or an activity; history keeps it restorable."""
    if isinstance(row, Goal) and row.implemented_by.exists():
        raise ValidationError(
            _(
                "Other groups' goals implement this sub-goal: it cannot be deleted. "
                "Stop delegating it instead."
            ),
            code="implemented",
        )
    if user is not None:
        row._history_user = user
        if isinstance(row, Goal):
            for activity in row.activities.all():
                activity._history_user = user
                activity.delete()
    row.delete()
