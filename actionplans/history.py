"""The "Historik" of a plan: who changed what and when, as readable field-level differences."""

from django.utils.translation import gettext as _

from .models import ActionPlan, Activity, FocusArea, FollowUp, Goal

TRACKED = {
    "plan": (ActionPlan, ["introduction", "status", "adopted_on"]),
    "goal": (Goal, ["text", "focus_area", "in_appendix", "implements", "delegated", "delegated_to"]),
    "activity": (Activity, ["what", "how", "follow_up", "responsible", "timeframe", "status", "goal"]),
    "followup": (FollowUp, ["date", "status", "text"]),
}
#: One whole message per kind of row and kind of change, never a noun and a participle put together:
#: the participle agrees with the noun's gender ("Delmål tillagt", "Aktivitet tillagd").
HEADINGS = {
    ("plan", "+"): lambda: _("The plan created"),
    ("plan", "~"): lambda: _("The plan changed"),
    ("plan", "-"): lambda: _("The plan deleted"),
    ("goal", "+"): lambda: _("Sub-goal added"),
    ("goal", "~"): lambda: _("Sub-goal changed"),
    ("goal", "-"): lambda: _("Sub-goal deleted"),
    ("activity", "+"): lambda: _("Activity added"),
    ("activity", "~"): lambda: _("Activity changed"),
    ("activity", "-"): lambda: _("Activity deleted"),
    ("followup", "+"): lambda: _("Follow-up added"),
    ("followup", "~"): lambda: _("Follow-up changed"),
    ("followup", "-"): lambda: _("Follow-up deleted"),
}
LIMIT = 300


def _records(plan):
    activity_ids = Activity.history.filter(plan_id=plan.pk).values("id")
    return {
        "plan": list(plan.history.select_related("history_user").order_by("history_date", "history_id")),
        "goal": list(
            Goal.history.filter(plan_id=plan.pk)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        ),
        "activity": list(
            Activity.history.filter(plan_id=plan.pk)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        ),
        "followup": list(
            FollowUp.history.filter(activity_id__in=activity_ids)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        ),
    }


def plan_history_entries(plan):
    """Newest first; each entry with its changes as (field, before, after). A fixed number of queries."""
    records = _records(plan)
    focus_areas = {
        a.pk: a.name for a in FocusArea.objects.filter(collaboration_plan_id=plan.collaboration_plan_id)
    }
    goal_texts = {r.id: (r.text or "").strip() for r in records["goal"]}
    implemented_ids = {r.implements_id for r in records["goal"] if r.implements_id}
    implemented = {
        g.pk: f"{g.plan.body.display_name}: {g.text.strip()}"
        for g in Goal.objects.filter(pk__in=implemented_ids).select_related("plan__body")
    }
    for g_id, label in implemented.items():
        goal_texts.setdefault(g_id, label)
    from governance.models import BodyKind

    kinds = {k.pk: k.name for k in BodyKind.objects.all()}
    resolvers = {
        "focus_area": lambda v: focus_areas.get(v, "–"),
        "implements": lambda v: implemented.get(v, "–"),
        "goal": lambda v: goal_texts.get(v, "–"),
        "delegated_to": lambda v: kinds.get(v, "–"),
    }

    entries = []
    live = {
        "goal": set(Goal.objects.filter(plan=plan).values_list("pk", flat=True)),
        "activity": set(Activity.objects.filter(plan=plan).values_list("pk", flat=True)),
    }
    for kind, rows in records.items():
        model, fields = TRACKED[kind]
        previous, newest = {}, {}
        for record in rows:
            newest[record.id] = record.history_id
        for record in rows:
            before = previous.get(record.id)
            changes = []
            for name in fields:
                field = model._meta.get_field(name)
                attname = field.attname
                new = getattr(record, attname)
                old = getattr(before, attname) if before else None
                if before is not None and old == new and record.history_type != "-":
                    continue
                if before is None and new in (None, "", False) and record.history_type == "+":
                    continue
                if record.history_type == "-":
                    continue
                changes.append(
                    (
                        str(field.verbose_name).capitalize(),
                        _show(field, old, resolvers),
                        _show(field, new, resolvers),
                    )
                )
            previous[record.id] = record
            # The order is internal (no "Ordning" row); a move shows as a change with its reason.
            moved = before is not None and getattr(before, "order", None) != getattr(record, "order", None)
            if record.history_type == "~" and not changes and not moved:
                continue
            user = record.history_user
            entries.append(
                {
                    "when": record.history_date,
                    "who": (user.get_full_name() or user.get_username()) if user else _("the system"),
                    "kind": kind,
                    "heading": HEADINGS[kind, record.history_type](),
                    "object": _object_label(kind, record, implemented),
                    "reason": record.history_change_reason or "",
                    "changes": changes,
                    "history_id": record.history_id,
                    "restorable": kind != "plan"
                    and not (record.history_id == newest[record.id] and record.id in live.get(kind, ())),
                }
            )
    entries.sort(key=lambda e: (e["when"], e["history_id"]), reverse=True)
    return entries[:LIMIT]


def _show(field, value, resolvers):
    if value is None or value == "":
        return "–"
    if field.name in resolvers:
        return resolvers[field.name](value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _object_label(kind, record, implemented):
    if kind == "goal":
        return (record.text or "").strip() or implemented.get(record.implements_id, "")
    if kind == "activity":
        return record.what
    if kind == "followup":
        return f"{record.date}: {record.text}"
    return ""
