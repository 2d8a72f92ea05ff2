"""Fragments that the body page includes (settings.BODY_PAGE_SECTIONS)."""

from django.template.loader import render_to_string

from governance.permissions import EDIT_PLANS, VIEW_INTERNAL

from .models import ActionPlan


def plans(request, body, permissions):
    """The body's action plans: adopted ones for everyone, drafts for its members (one query).

    Revised versions are left out: the plan page of the version in force lists them.
    """
    internal = VIEW_INTERNAL in permissions
    plans = list(
        ActionPlan.objects.filter(body=body)
        .exclude(status=ActionPlan.Status.REVISED)
        .order_by("-period", "-revision")
    )
    if not internal:
        plans = [p for p in plans if p.is_public]
    return render_to_string(
        "actionplans/_body_section.html",
        {
            "body": body,
            "plans": plans,
            "internal": internal,
            "can_edit": EDIT_PLANS in permissions,
            "has_public": any(p.is_public for p in plans),
        },
        request=request,
    )
