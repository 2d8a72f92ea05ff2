"""Which version of a plan an address means, and what the visitor may do with it.

The rules themselves are the plan's lifecycle (``ActionPlan.lifecycle``); this module only
answers them once per request, for the views and for templates that loop over rows.
"""

from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from governance.permissions import ADOPT_PLANS, VIEW_INTERNAL, body_permissions, holds

from .models import ActionPlan


def may_view(user, plan, perms=None):
    """Public versions for everyone; the rest for the body's members, and a submitted plan for
    whoever may adopt it."""
    perms = body_permissions(user, plan.body) if perms is None else perms
    if plan.is_public or VIEW_INTERNAL in perms:
        return True
    return plan.is_submitted and holds(user, ADOPT_PLANS, plan.adopting_body)


class PlanAccess:
    """What ``user`` may do with ``plan``, asked at most once per request (rows loop over it)."""

    def __init__(self, user, plan, perms):
        self.user, self.plan, self.perms = user, plan, perms

    @cached_property
    def can_see_internal(self):
        return VIEW_INTERNAL in self.perms or (
            self.plan.is_submitted and holds(self.user, ADOPT_PLANS, self.plan.adopting_body)
        )

    @cached_property
    def can_follow_up(self):
        return self.plan.can_follow_up(self.user)

    @cached_property
    def can_revise(self):
        return self.plan.can_revise(self.user)


def plan_queryset():
    return ActionPlan.objects.select_related(
        "body__kind", "body__plans_adopted_by", "collaboration_plan", "adopted_by_body", "adopted_by"
    )


def plan_for_user(request, slug, period, revision=None):
    """The plan version an address means, and what the user may do with it.

    With ``revision``: that version. Without: the current one, i.e. the newest public version,
    else the newest the user may see. 404 when missing or not visible to the user.
    """
    versions = list(plan_queryset().filter(body__slug=slug, period=period).order_by("-revision"))
    if not versions:
        raise Http404(_("No such action plan."))
    perms = body_permissions(request.user, versions[0].body)
    visible = [v for v in versions if may_view(request.user, v, perms)]
    if revision is not None:
        plan = next((v for v in visible if v.revision == revision), None)
    else:
        plan = next((v for v in visible if v.is_public), visible[0] if visible else None)
    if plan is None:
        raise Http404(_("No such action plan."))
    plan.versions = sorted(visible, key=lambda v: v.revision)
    return plan, PlanAccess(request.user, plan, perms)
