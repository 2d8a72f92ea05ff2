"""Who may do what with an action plan: one place, read by every view."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from governance.models import Membership
from governance.permissions import EDIT_PLANS, VIEW_INTERNAL, body_permissions

from .models import ActionPlan

Status = ActionPlan.Status


def is_adopting_process_leader(user, plan):
    """Whether ``user`` is a current process leader of the body that adopts ``plan``."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is None:
        return False
    return (
        Membership.objects.current()
        .filter(body_id=plan.adopting_body.pk, person=person, role=Membership.Role.PROCESS_LEADER)
        .exists()
    )


@dataclass(frozen=True)
class PlanAccess:
    can_view: bool
    can_edit: bool
    can_submit: bool
    can_adopt: bool
    can_follow_up: bool
    can_see_internal: bool

    @classmethod
    def of(cls, user, plan, perms=None):
        perms = body_permissions(user, plan.body) if perms is None else perms
        editor = EDIT_PLANS in perms
        # The adopting body's process leader matters only once the plan is submitted.
        adopter = plan.status == Status.SUBMITTED and is_adopting_process_leader(user, plan)
        return cls(
            can_view=plan.is_public or VIEW_INTERNAL in perms or adopter,
            can_edit=(editor and plan.status in (Status.DRAFT, Status.ADOPTED)) or adopter,
            can_submit=editor and plan.status == Status.DRAFT,
            can_adopt=adopter,
            can_follow_up=editor and plan.status != Status.SUPERSEDED,
            can_see_internal=VIEW_INTERNAL in perms or adopter,
        )

    def frozen_reason(self, plan):
        if plan.status == Status.SUBMITTED:
            return _(
                "The plan has been submitted for adoption and is frozen: only the process leader "
                "of %(body)s can change it now."
            ) % {"body": plan.adopting_body}
        if plan.status == Status.SUPERSEDED:
            return _("The plan has been superseded by a newer plan and can no longer be changed.")
        return ""


def plan_queryset():
    return ActionPlan.objects.select_related(
        "body__kind", "body__plans_adopted_by", "collaboration_plan", "adopted_by_body", "adopted_by"
    )


def plan_for_user(request, slug, period):
    """The plan and what the user may do with it; 404 when missing or not visible to them."""
    plan = get_object_or_404(plan_queryset(), body__slug=slug, period=period)
    access = PlanAccess.of(request.user, plan)
    if not access.can_view:
        raise Http404(_("No such action plan."))
    return plan, access
