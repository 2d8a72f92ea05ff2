"""Action-plan workflows: every write of the app, each in one transaction.

Each service checks the user's permission and the plan's state through the lifecycles declared
on the models (``ActionPlan.lifecycle``, ``Activity.lifecycle``), claims what it changes (the
version claim of ``samverkan.concurrency``, or a lock on the plan row where rows are added or
reordered), validates with ``full_clean()`` and records who and why in the history.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import Body
from governance.notices import notify
from governance.permissions import EDIT_PLANS, holds
from samverkan.concurrency import claim, save_versioned
from samverkan.history import record_change
from samverkan.lifecycle import REFUSED, changed_meanwhile, refused_message

from .models import ActionPlan, Activity, FollowUp, Goal

Status = ActionPlan.Status


def _locked(plan):
    """The plan row as it is now, locked until the transaction ends.

    Content services read the state from this row, not from the object the request loaded, and
    adding or reordering rows under the lock gives two concurrent additions distinct orders.
    """
    return ActionPlan.objects.select_for_update().select_related("body").get(pk=plan.pk)


def _editable(plan, user):
    """Lock the plan and refuse unless its content may change now, by ``user``."""
    plan = _locked(plan)
    ActionPlan.lifecycle.check_edit(plan, user)
    return plan


def _next_order(rows):
    return (rows.aggregate(top=Max("order"))["top"] or 0) + 1


# --- Plans --------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, plan, user, copy_from=None):
    """Start a draft plan for a period; optionally copy the rows of an earlier plan to start from.

    Goals keep their cascade links where the delegated goal belongs to the new plan's
    collaboration plan; focus areas are matched by their order.
    """
    if not holds(user, EDIT_PLANS, plan.body):
        raise PermissionDenied
    # Two requests for the same period wait for each other here, so the second is told by
    # full_clean() that the plan exists, rather than failing on the unique constraint.
    Body.objects.select_for_update().filter(pk=plan.body_id).first()
    plan.status, plan.revision, plan.revises = Status.DRAFT, 1, None
    plan.full_clean()
    record_change(plan, user, _("Created"))
    plan.save()
    if copy_from is not None:
        _copy_rows(
            copy_from, plan, user, _("Copied from the plan for %(period)s") % {"period": copy_from.period}
        )
    return plan


@transaction.atomic
def plan_revise(*, plan, user):
    """Open a new draft version of an adopted plan (same body and period, the next revision).

    The adopted version stays in force, and public, until the revision is adopted. Only one
    revision is open at a time.
    """
    plan = _locked(plan)
    if not holds(user, EDIT_PLANS, plan.body):
        raise PermissionDenied(_("You may not revise %(plan)s.") % {"plan": plan})
    if not plan.is_adopted:
        raise ValidationError(refused_message(plan, _("revise"), plan.get_status_display()), code=REFUSED)
    if ActionPlan.objects.open().filter(body_id=plan.body_id, period=plan.period).exists():
        raise ValidationError(
            _("A revision of this plan is already being prepared: change that draft instead."),
            code="open_revision",
        )
    top = ActionPlan.objects.filter(body_id=plan.body_id, period=plan.period).aggregate(top=Max("revision"))
    revision = ActionPlan(
        body=plan.body,
        period=plan.period,
        revision=top["top"] + 1,
        revises=plan,
        collaboration_plan=plan.collaboration_plan,
        introduction=plan.introduction,
    )
    revision.full_clean()
    record_change(revision, user, _("Revision of the version adopted %(date)s") % {"date": plan.adopted_on})
    revision.save()
    _copy_rows(plan, revision, user, _("Copied for the revision"), continues=True)
    return revision


def _copy_rows(source, target, user, reason, continues=False):
    """Copy ``source``'s goals and activities into the draft ``target``.

    A revision (``continues``) keeps the activities' progress and links each row to the one it
    continues (``copied_from``); a plan for a new period starts over.
    """
    areas = {a.order: a for a in target.collaboration_plan.focus_areas.all()}
    goals = source.goals.select_related("focus_area", "implements__plan").prefetch_related("activities")
    for goal in goals:
        area = areas.get(goal.focus_area.order) if goal.focus_area_id else None
        same_cascade = (
            goal.implements_id and goal.implements.plan.collaboration_plan_id == target.collaboration_plan_id
        )
        new_goal = Goal(
            plan=target,
            focus_area=area,
            in_appendix=goal.in_appendix or area is None,
            text=goal.text if (goal.text or same_cascade) else goal.own_text,
            implements=goal.implements if same_cascade else None,
            delegated=goal.delegated,
            delegated_to=goal.delegated_to,
            order=goal.order,
            copied_from=goal if continues else None,
        )
        new_goal.full_clean()
        record_change(new_goal, user, reason)
        new_goal.save()
        for activity in goal.activities.all():
            row = Activity(
                plan=target,
                goal=new_goal,
                what=activity.what,
                how=activity.how,
                follow_up=activity.follow_up,
                responsible=activity.responsible,
                timeframe=activity.timeframe,
                status=activity.status if continues else Activity.Status.PLANNED,
                order=activity.order,
                copied_from=activity if continues else None,
            )
            row.full_clean()
            record_change(row, user, reason)
            row.save()


@transaction.atomic
def plan_submit(*, plan, user, version=None):
    """Submit a draft for adoption; from now on it is frozen for everyone. Those who adopt the
    body's plans are told."""
    ActionPlan.lifecycle.apply(
        plan,
        "submit",
        user=user,
        version=version,
        reason=_("Submitted for adoption"),
        submitted_at=timezone.now(),
        submitted_by=user,
    )
    adopter = plan.adopting_body
    notify(
        "plan_submitted",
        key=f"plan-submitted:{plan.pk}:{plan.version}",
        body=adopter,
        obj=plan,
        url=plan.get_absolute_url(),
        actor=user,
    )
    return plan


@transaction.atomic
def plan_withdraw(*, plan, user, version=None):
    """Undo a submission (“Ångra”): the plan is a draft again, while the adopting body has not
    adopted or returned it. ``version``: the version shown with the undo button."""
    return ActionPlan.lifecycle.apply(
        plan,
        "withdraw",
        user=user,
        version=version,
        reason=_("Submission withdrawn"),
        submitted_at=None,
        submitted_by=None,
    )


@transaction.atomic
def plan_return(*, plan, user):
    """Send a submitted plan back to its body as a draft (the adopter wants changes)."""
    return ActionPlan.lifecycle.apply(plan, "return", user=user, reason=_("Returned as a draft"))


@transaction.atomic
def plan_adopt(*, plan, user, adopted_on=None, version=None):
    """Record the adoption (fastställd): who, when and by which body.

    The version it revises becomes "revised", an adopted plan of an earlier period "superseded"
    (system moves), and follow-ups written on the earlier version carry over to the copied
    activities, so the plan in force shows the whole record.
    """
    ActionPlan.lifecycle.apply(
        plan,
        "adopt",
        user=user,
        version=version,
        reason=_("Adopted"),
        adopted_on=adopted_on or timezone.localdate(),
        adopted_by_body=plan.adopting_body,
        adopted_by=user,
    )
    earlier = ActionPlan.objects.select_for_update().filter(
        body_id=plan.body_id, status=Status.ADOPTED, period__lte=plan.period
    )
    for previous in earlier.exclude(pk=plan.pk).select_related("body"):
        if previous.period == plan.period:
            reason = _("Revised by revision %(revision)s") % {"revision": plan.revision}
            ActionPlan.lifecycle.apply(previous, "mark_revised", user=user, reason=reason, system=True)
        else:
            reason = _("Superseded by the plan for %(period)s") % {"period": plan.period}
            ActionPlan.lifecycle.apply(previous, "supersede", user=user, reason=reason, system=True)
    if plan.revises_id:
        _carry_follow_ups(plan, user)
    notify(
        "plan_adopted",
        key=f"plan-adopted:{plan.pk}",
        body=plan.body,
        obj=plan,
        url=plan.get_absolute_url(),
        actor=user,
    )
    return plan


def _carry_follow_ups(plan, user):
    """Copy the notes of each continued activity (once: a plan is adopted once)."""
    for activity in plan.activities.filter(copied_from__isnull=False):
        for note in FollowUp.objects.filter(activity_id=activity.copied_from_id).order_by("date", "pk"):
            carried = FollowUp(
                activity=activity, date=note.date, status=note.status, text=note.text, author=note.author
            )
            record_change(carried, user, _("Carried over from the earlier version"))
            carried.save()


# --- Goals and activities (content: draft only) ----------------------------------------------


@transaction.atomic
def goal_save(*, goal, user, version=None):
    """Add a goal (at the end of the plan) or save an edit of one seen at ``version``."""
    plan = _editable(goal.plan, user)
    if goal.pk is None:
        goal.order = _next_order(plan.goals)
    return save_versioned(goal, user=user, reason=_("Sub-goal saved"), expected=version)


@transaction.atomic
def activity_save(*, activity, user, version=None):
    """Add an activity (last under its goal) or save an edit of one seen at ``version``.

    A change of the activity's status must be a move its lifecycle allows from the saved status.
    """
    plan = _editable(activity.plan, user)
    if activity.pk is None:
        activity.order = _next_order(activity.goal.activities)
    else:
        saved = Activity.objects.get(pk=activity.pk)
        if activity.status != saved.status:
            saved.plan = plan
            Activity.lifecycle.check(saved, Activity.move_to(activity.status), user)
    return save_versioned(activity, user=user, reason=_("Activity saved"), expected=version)


@transaction.atomic
def activity_move(*, activity, user, move):
    """Record an activity's progress (ongoing, done, postponed …): also on an adopted plan."""
    activity.plan = _locked(activity.plan)
    return Activity.lifecycle.apply(activity, move, user=user)


def _still_there(row, seen=None):
    """``row`` as it is now, read under the plan's lock; refused when it was deleted meanwhile,
    or when ``seen`` (its order on the page the user clicked) is no longer its order."""
    current = type(row).objects.filter(pk=row.pk).first()
    if current is None:
        raise ValidationError(_("Somebody else deleted this row meanwhile."), code="conflict")
    if seen is not None and current.order != seen:
        raise ValidationError(
            _("The order changed since you read it: nothing was moved. Check the order and try again."),
            code="conflict",
        )
    return current


@transaction.atomic
def row_move(*, row, direction, user, seen=None):
    """Swap a goal or an activity with its neighbour ("up" or "down") in the plan's order.

    Only ``order`` changes, and the versions stay: reordering never conflicts with someone
    editing the row's text. Returns False when the row is already first or last. ``seen``: the
    row's order on the page; if it moved since (the same click sent twice), nothing moves.

    A goal's neighbour is the next goal of its group (appendix, focus area), and the orders are
    renumbered over the whole plan, so that they stay unique in it.
    """
    _editable(row.plan, user)
    row = _still_there(row, seen)
    if isinstance(row, Goal):
        rows = list(Goal.objects.filter(plan_id=row.plan_id))  # the display order
        group = [g for g in rows if (g.in_appendix, g.focus_area_id) == (row.in_appendix, row.focus_area_id)]
    else:
        rows = group = list(Activity.objects.filter(goal_id=row.goal_id))
    index = next(i for i, s in enumerate(group) if s.pk == row.pk)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(group):
        return False
    a, b = rows.index(group[index]), rows.index(group[other_index])
    rows[a], rows[b] = rows[b], rows[a]
    # Renumber the whole list so that equal or missing orders cannot make a swap a no-op.
    for position, sibling in enumerate(rows, start=1):
        if sibling.order != position:
            sibling.order = position
            record_change(sibling, user, _("Moved"))
            sibling.save(update_fields=["order"])
    return True


@transaction.atomic
def row_delete(*, row, user, version=None):
    """Delete a goal (with its activities) or an activity; history keeps it restorable.
    ``version``: the row's version the user confirmed; if it was edited since, nothing goes."""
    _editable(row.plan, user)
    row = _still_there(row)
    if version is not None and row.version != version:
        raise changed_meanwhile(row)
    if isinstance(row, Goal) and row.implemented_by.exists():
        raise ValidationError(
            _(
                "Other groups' goals implement this sub-goal: it cannot be deleted. "
                "Stop delegating it instead."
            ),
            code="implemented",
        )
    if isinstance(row, Goal):
        for activity in row.activities.all():
            record_change(activity, user, _("Deleted with its sub-goal"))
            activity.delete()
    record_change(row, user, _("Deleted"))
    row.delete()


HISTORY_MODELS = {"plan": ActionPlan, "goal": Goal, "activity": Activity, "followup": FollowUp}
# Restoring text never undoes the workflow or the revision chain.
KEPT_ON_RESTORE = (
    "status",
    "revision",
    "revises",
    "submitted_at",
    "submitted_by",
    "adopted_on",
    "adopted_by_body",
    "adopted_by",
)


@transaction.atomic
def history_restore(*, plan, kind, history_id, user):
    """Put a goal, activity, follow-up or the plan's text back as it was in an earlier version.

    A deleted row comes back with its old id. The restored row's version moves on, so anyone
    still editing the newer text gets the conflict message instead of overwriting the restore.
    """
    plan = _editable(plan, user)
    model = HISTORY_MODELS.get(kind)
    record = model.history.filter(history_id=history_id).first() if model else None
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
    if current is None and kind in ("goal", "activity"):  # a deleted row: its old place may be taken
        siblings = plan.goals if kind == "goal" else Activity.objects.filter(goal_id=instance.goal_id)
        if siblings.filter(order=instance.order).exists():
            instance.order = _next_order(siblings)
    if current is not None:
        instance._state.adding = False  # it replaces the row: its constraints exclude that row
    if current is not None and hasattr(current, "version"):
        claim(current)
        instance.version = current.version
    if kind == "plan":
        for name in KEPT_ON_RESTORE:
            setattr(instance, name, getattr(current, name))
    if current is not None and _same_content(current, instance):  # e.g. the same restore clicked twice
        raise ValidationError(
            _("This version is already the current one: nothing was restored."), code="unchanged"
        )
    instance.full_clean(validate_unique=False)
    when = (
        timezone.localtime(record.history_date)
        if isinstance(record.history_date, datetime.datetime)
        else None
    )
    record_change(
        instance,
        user,
        _("Restored the version of %(when)s") % {"when": when.strftime("%Y-%m-%d %H:%M") if when else ""},
    )
    instance.save()
    return instance


def _same_content(current, restored):
    """Whether restoring would change nothing (the version number aside)."""
    return all(
        field.value_from_object(current) == field.value_from_object(restored)
        for field in current._meta.concrete_fields
        if field.name != "version"
    )


def _plan_id_of(record, kind):
    if kind == "plan":
        return record.id
    if kind == "followup":
        return Activity.history.filter(id=record.activity_id).values_list("plan_id", flat=True).first()
    return record.plan_id


# --- Follow-up (execution: also on the adopted plan) ------------------------------------------


@transaction.atomic
def followup_add(*, activity, user, status, text, date=None):
    """Add a dated follow-up note (traffic light + text) to an activity of a plan in force."""
    plan = activity.plan
    if not holds(user, EDIT_PLANS, plan.body):
        raise PermissionDenied
    refusal = plan.follow_up_refusal()
    if refusal:
        raise ValidationError(refusal, code=REFUSED)
    note = FollowUp(
        activity=activity, author=user, status=status, text=text, date=date or timezone.localdate()
    )
    note.full_clean()
    record_change(note, user, _("Followed up"))
    note.save()
    return note
