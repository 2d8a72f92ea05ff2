"""What action plans leave for a person to do (``samverkan.todo``): plans waiting for adoption
by their body, and follow-ups due on the plans in force that they edit. One query per kind; the
states and permissions come from ``ActionPlan.lifecycle`` and the role map."""

import datetime

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from governance.permissions import EDIT_PLANS, seat_bodies
from samverkan.todo import Kind, Row

from .models import ActionPlan, Activity

# An activity under way is followed up at least this often (the årshjul's April and September
# follow-ups are about four months apart).
FOLLOW_UP_INTERVAL = datetime.timedelta(days=120)
# Activities that are still to be followed up: the sources of the move "finish".
UNDER_WAY = Activity.lifecycle.transition("finish").source


def _plan_context(plan):
    return plan.body.display_name


def _plans_to_adopt(user, today):
    """Submitted plans whose adopting body (``Body.plans_adopted_by``, else the body itself) is
    one where the user's seats grant the move's permission."""
    move = ActionPlan.lifecycle.transition("adopt")
    adopters = seat_bodies(user, move.permission)
    adopted_here = Q(body__plans_adopted_by__in=adopters) | Q(
        body__plans_adopted_by__isnull=True, body__in=adopters
    )
    return (
        ActionPlan.objects.filter(adopted_here, status__in=move.source)
        .select_related("body")
        .order_by("submitted_at", "pk")
    )


def _adopt_row(plan, today):
    return Row(
        title=str(plan),
        context=_plan_context(plan),
        url=plan.get_absolute_url(),
        action=str(_("Review and adopt the plan")),
        uid=f"plan-adopt-{plan.pk}",
    )


PLANS_TO_ADOPT = Kind(
    key="plans-adopt", heading=_("Action plans to adopt"), pending=_plans_to_adopt, row=_adopt_row
)


def _follow_ups_due(user, today):
    """Plans in force of the user's bodies with activities under way that have had no follow-up
    for ``FOLLOW_UP_INTERVAL`` (counted from the plan's adoption when there is none yet)."""
    since = today - FOLLOW_UP_INTERVAL
    due = (
        Activity.objects.filter(plan=OuterRef("pk"), status__in=UNDER_WAY)
        .exclude(follow_ups__date__gt=since)
        .order_by()
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        ActionPlan.objects.filter(
            status=ActionPlan.Status.ADOPTED,
            body__in=seat_bodies(user, EDIT_PLANS),
            adopted_on__lte=since,
        )
        .annotate(due_activities=Coalesce(Subquery(due), 0))
        .filter(due_activities__gt=0)
        .select_related("body")
        .order_by("body__name", "period")
    )


def _follow_up_row(plan, today):
    return Row(
        title=str(plan),
        context=_plan_context(plan),
        url=plan.get_absolute_url(),
        action=str(_("Follow up the activities")),
        uid=f"plan-follow-up-{plan.pk}",
        note=ngettext(
            "One activity under way has not been followed up for four months.",
            "%(count)s activities under way have not been followed up for four months.",
            plan.due_activities,
        )
        % {"count": plan.due_activities},
    )


FOLLOW_UPS = Kind(key="follow-ups", heading=_("Follow-ups due"), pending=_follow_ups_due, row=_follow_up_row)
