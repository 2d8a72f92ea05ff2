from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.models import Body
from governance.permissions import EDIT_PLANS, VIEW_INTERNAL, body_permissions

from . import export, services
from .access import plan_for_user
from .forms import ActivityForm, AdoptForm, FollowUpForm, GoalForm, PlanCreateForm
from .history import plan_history_entries
from .models import Activity, CollaborationPlan, Goal
from .queries import PlanRows, last_changed, red_thread, status_overview


def _is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def _editable(request, slug, period):
    plan, access = plan_for_user(request, slug, period)
    if not access.can_edit:
        raise PermissionDenied(access.frozen_reason(plan) or _("You may not edit this plan."))
    return plan, access


def _edit_url(plan):
    return reverse("actionplans:plan_edit", args=[plan.body.slug, plan.period])


def _done(request, plan, access, message, anchor=""):
    """After a change: the whole editor again (htmx), or a redirect back to it."""
    if _is_htmx(request):
        response = render(
            request,
            "actionplans/_editor.html",
            {"plan": plan, "rows": PlanRows(plan), "notice": message, "access": access},
        )
        response["HX-Retarget"] = "#plan-editor"
        response["HX-Reswap"] = "outerHTML"
        return response
    messages.success(request, message)
    return redirect(_edit_url(plan) + (f"#{anchor}" if anchor else ""))


# --- Public pages -------------------------------------------------------------------------------


def current_collaboration_plan(request):
    """The newest collaboration plan: the address in the main menu."""
    plan = CollaborationPlan.objects.order_by("-period").first()
    if plan is None:
        raise Http404(_("No collaboration plan has been entered yet."))
    return redirect(plan)


def collaboration_plan(request, period):
    plan = get_object_or_404(CollaborationPlan.objects.select_related("adopted_by"), period=period)
    return render(
        request,
        "actionplans/collaboration_plan.html",
        {
            "cplan": plan,
            "focus_areas": list(plan.focus_areas.all()),
            "action_plans": list(
                plan.action_plans.filter(
                    status__in=list(plan.action_plans.model.PUBLIC_STATUSES)
                ).select_related("body")
            ),
        },
    )


def red_thread_page(request, period):
    plan = get_object_or_404(CollaborationPlan, period=period)
    return render(request, "actionplans/red_thread.html", {"cplan": plan, "areas": red_thread(plan)})


def status_overview_page(request):
    return render(request, "actionplans/status_overview.html", {"plans": status_overview()})


def plan_detail(request, slug, period):
    plan, access = plan_for_user(request, slug, period)
    return render(
        request,
        "actionplans/plan_detail.html",
        {
            "plan": plan,
            "access": access,
            "rows": PlanRows(plan),
            "last_changed": last_changed(plan),
            "adopt_form": AdoptForm() if access.can_adopt else None,
        },
    )


def plan_pdf(request, slug, period):
    plan, _access = plan_for_user(request, slug, period)
    response = HttpResponse(export.plan_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{export.filename(plan)}.pdf"'
    return response


def plan_xlsx(request, slug, period):
    plan, _access = plan_for_user(request, slug, period)
    response = HttpResponse(
        export.plan_xlsx(plan),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{export.filename(plan)}.xlsx"'
    return response


def delegated_uptake(request, slug):
    """For a theme group's chair: which bodies have taken up each of its delegated goals."""
    body = get_object_or_404(Body, slug=slug)
    if VIEW_INTERNAL not in body_permissions(request.user, body):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('login')}?next={request.path}")
        raise PermissionDenied
    goals = list(
        Goal.objects.filter(plan__body=body, delegated=True)
        .select_related("plan", "delegated_to", "focus_area")
        .order_by("-plan__period", "order", "pk")
    )
    implementing = list(
        Goal.objects.filter(implements__plan__body=body, implements__delegated=True).select_related(
            "plan__body"
        )
    )
    kinds = {g.delegated_to_id for g in goals}
    candidates = (
        list(Body.objects.active().filter(kind_id__in=kinds).order_by("order", "name")) if kinds else []
    )
    for goal in goals:
        goal.implementing = [g for g in implementing if g.implements_id == goal.pk]
        taken = {g.plan.body_id for g in goal.implementing}
        goal.not_taken_up_by = [
            b for b in candidates if b.kind_id == goal.delegated_to_id and b.pk not in taken
        ]
    return render(request, "actionplans/delegated_uptake.html", {"body": body, "goals": goals})


@login_required
def plan_create(request, slug):
    body = get_object_or_404(Body.objects.select_related("plans_adopted_by"), slug=slug)
    if EDIT_PLANS not in body_permissions(request.user, body):
        raise PermissionDenied
    form = PlanCreateForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                plan=form.instance, user=request.user, copy_from=form.cleaned_data["copy_from"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The draft plan was created."))
            return redirect(_edit_url(plan))
    return render(request, "actionplans/plan_create.html", {"body": body, "form": form})


# --- History ------------------------------------------------------------------------------------


@login_required
def plan_history(request, slug, period):
    plan, access = plan_for_user(request, slug, period)
    if not access.can_see_internal:
        raise PermissionDenied
    return render(
        request,
        "actionplans/history.html",
        {"plan": plan, "access": access, "entries": plan_history_entries(plan)},
    )


@login_required
@require_POST
def history_restore(request, slug, period):
    plan, access = _editable(request, slug, period)
    try:
        services.history_restore(
            plan=plan,
            kind=request.POST.get("kind", ""),
            history_id=int(request.POST.get("history_id") or 0),
            user=request.user,
        )
    except (ValidationError, KeyError, ValueError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [_("No such version of this plan.")])))
    else:
        messages.success(request, _("The earlier version was restored."))
    return redirect("actionplans:plan_history", plan.body.slug, plan.period)


# --- Workflow -----------------------------------------------------------------------------------


@login_required
@require_POST
def plan_submit(request, slug, period):
    plan, access = plan_for_user(request, slug, period)
    if not access.can_submit:
        raise PermissionDenied
    try:
        services.plan_submit(plan=plan, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The plan was submitted for adoption to %(body)s.") % {"body": plan.adopting_body}
        )
    return redirect(plan)


@login_required
@require_POST
def plan_adopt(request, slug, period):
    plan, access = plan_for_user(request, slug, period)
    if not access.can_adopt:
        raise PermissionDenied
    form = AdoptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date of adoption."))
        return redirect(plan)
    try:
        services.plan_adopt(plan=plan, user=request.user, adopted_on=form.cleaned_data["adopted_on"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The plan was adopted and is now public."))
    return redirect(plan)


@login_required
@require_POST
def plan_return(request, slug, period):
    plan, access = plan_for_user(request, slug, period)
    if not access.can_adopt:
        raise PermissionDenied
    try:
        services.plan_return(plan=plan, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The plan was returned to the group as a draft."))
    return redirect(plan)


# --- The editor ---------------------------------------------------------------------------------


@login_required
def plan_edit(request, slug, period):
    plan, access = _editable(request, slug, period)
    return render(
        request,
        "actionplans/plan_edit.html",
        {"plan": plan, "access": access, "rows": PlanRows(plan), "goal_form": GoalForm(plan=plan)},
    )


def _row_form_response(request, plan, form, template, context):
    context = {"plan": plan, "form": form, **context}
    if _is_htmx(request):
        return render(request, f"actionplans/_{template}.html", context)
    return render(request, f"actionplans/{template}_page.html", context)


@login_required
def goal_edit(request, slug, period, pk=None):
    plan, access = _editable(request, slug, period)
    if pk:
        goal = get_object_or_404(plan.goals.select_related("implements__plan__body", "focus_area"), pk=pk)
    else:
        goal = Goal(plan=plan, order=services.next_order(plan.goals))
    form = GoalForm(request.POST or None, instance=goal, plan=plan)
    if request.method == "POST" and form.is_valid() and form.save():
        return _done(request, plan, access, _("The sub-goal was saved."), anchor=f"goal-{goal.pk}")
    return _row_form_response(request, plan, form, "goal_form", {"goal": goal if pk else None})


@login_required
def activity_edit(request, slug, period, pk=None, goal_pk=None):
    plan, access = _editable(request, slug, period)
    if pk:
        activity = get_object_or_404(plan.activities.select_related("goal"), pk=pk)
        goal = activity.goal
    else:
        goal = get_object_or_404(plan.goals, pk=goal_pk)
        activity = Activity(plan=plan, goal=goal, order=services.next_order(goal.activities))
    form = ActivityForm(request.POST or None, instance=activity, goal=goal)
    if request.method == "POST" and form.is_valid() and form.save():
        return _done(request, plan, access, _("The activity was saved."), anchor=f"activity-{activity.pk}")
    return _row_form_response(
        request, plan, form, "activity_form", {"activity": activity if pk else None, "goal": goal}
    )


def _row(plan, kind, pk):
    if kind == "goal":
        return get_object_or_404(plan.goals, pk=pk)
    if kind == "activity":
        return get_object_or_404(plan.activities, pk=pk)
    raise Http404


@login_required
@require_POST
def row_delete(request, slug, period, kind, pk):
    plan, access = _editable(request, slug, period)
    row = _row(plan, kind, pk)
    try:
        services.row_delete(row=row, user=request.user)
    except ValidationError as error:
        if _is_htmx(request):
            return _done(request, plan, access, " ".join(error.messages))
        messages.error(request, " ".join(error.messages))
        return redirect(_edit_url(plan))
    message = (
        _("The sub-goal and its activities were deleted. They can be restored from the history.")
        if kind == "goal"
        else _("The activity was deleted. It can be restored from the history.")
    )
    return _done(request, plan, access, message)


@login_required
@require_POST
def row_move(request, slug, period, kind, pk):
    plan, access = _editable(request, slug, period)
    row = _row(plan, kind, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404
    moved = services.row_move(row=row, direction=direction, user=request.user)
    message = _("The order was changed.") if moved else _("It is already first or last.")
    return _done(request, plan, access, message, anchor=f"{kind}-{pk}")


@login_required
def followup_add(request, slug, period, pk):
    plan, access = plan_for_user(request, slug, period)
    if not access.can_follow_up:
        raise PermissionDenied
    activity = get_object_or_404(plan.activities.select_related("goal__implements__plan__body"), pk=pk)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_add(activity=activity, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The follow-up was saved."))
            return redirect(plan.get_absolute_url() + f"#activity-{activity.pk}")
    notes = list(activity.follow_ups.select_related("author"))
    return render(
        request,
        "actionplans/followup_form.html",
        {"plan": plan, "activity": activity, "form": form, "notes": notes},
    )
