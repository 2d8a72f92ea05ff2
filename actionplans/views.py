from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST, require_safe

from governance.models import Body
from governance.permissions import EDIT_PLANS, VIEW_INTERNAL, body_permissions
from samverkan.concurrency import submit
from samverkan.confirm import Confirmation, confirm, confirm_move, question
from samverkan.pagecache import member_page, public_page
from samverkan.paging import page_of
from samverkan.pdf import draft_pdf_response, pdf_response

from . import export, services
from .access import plan_for_user
from .forms import ActivityForm, AdoptForm, FollowUpForm, GoalForm, PlanCreateForm
from .history import plan_history_entries
from .models import ActionPlan, Activity, CollaborationPlan, Goal
from .queries import PlanRows, delegated_with_uptake, last_changed, red_thread, status_overview


def _is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def _refusals_shown(view):
    """Show a refusal (403) with its reason and a way back, rather than a bare "Forbidden"."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as refusal:
            return render(
                request,
                "actionplans/refused.html",
                {
                    "message": str(refusal) or _("You may not do this."),
                    "back": request.path.split("/redigera/")[0],
                },
                status=403,
            )

    return wrapper


def _plan_page(kwargs):
    """The plan page a refused request came from (None outside a plan)."""
    if "period" not in kwargs:
        return None
    revision = [kwargs["revision"]] if kwargs.get("revision") else []
    return reverse("actionplans:plan_detail", args=[kwargs["slug"], kwargs["period"], *revision])


def _editable(request, slug, period, revision):
    """The plan version, if its content may change now and by this user (the lifecycle's edit rule)."""
    plan, access = plan_for_user(request, slug, period, revision)
    try:
        ActionPlan.lifecycle.check_edit(plan, request.user)
    except ValidationError as refusal:
        hint = _("An adopted plan is changed by a revision.") if plan.is_adopted else ""
        raise PermissionDenied(" ".join([*refusal.messages, hint]).strip()) from refusal
    return plan, access


def _edit_url(plan):
    return plan.url("plan_edit")


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


def _workflow(request, call, success):
    """Run a workflow service; its refusal (a stale button, an empty plan) becomes a message."""
    try:
        call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


# --- Public pages -------------------------------------------------------------------------------


def current_collaboration_plan(request):
    """The newest collaboration plan: the address in the main menu."""
    plan = CollaborationPlan.objects.order_by("-period").first()
    if plan is None:
        raise Http404(_("No collaboration plan has been entered yet."))
    return redirect(plan)


@require_safe
def current_plan(request, slug):
    """A body's "Handlingsplan" in menus, following the reader: for those who work on its plans
    (``ActionPlan.takes_part``) the version being written, a draft or submitted plan of this
    period or a later one; for everyone else the adopted plan of this period, else the newest
    adopted one."""
    body = get_object_or_404(Body.objects.select_related("plans_adopted_by"), slug=slug)
    plans = list(
        ActionPlan.objects.filter(body=body)
        .exclude(status=ActionPlan.Status.REVISED)
        .order_by("-period", "-revision")
    )
    for plan in plans:
        plan.body = body
    year = timezone.localdate().year
    being_written = [p for p in plans if p.status in ActionPlan.OPEN_STATUSES and p.years[1] >= year]
    plan = None
    if being_written and being_written[-1].takes_part(request.user):
        plan = being_written[-1]  # the nearest period first
    if plan is None:
        public = [p for p in plans if p.is_public]
        plan = next((p for p in public if p.covers(year)), public[0] if public else None)
    if plan is None:
        raise Http404(_("%(body)s has no adopted action plan yet.") % {"body": body.name})
    return redirect(plan)


@public_page
def collaboration_plan(request, period):
    plan = get_object_or_404(CollaborationPlan.objects.select_related("adopted_by"), period=period)
    return render(
        request,
        "actionplans/collaboration_plan.html",
        {
            "cplan": plan,
            "focus_areas": list(plan.focus_areas.all()),
            "action_plans": list(plan.action_plans.current().select_related("body")),
        },
    )


@public_page(query=("delregion",))
def red_thread_page(request, period):
    """The red thread of one sub-region at a time (``?delregion=<slug>``), the others counted."""
    plan = get_object_or_404(CollaborationPlan, period=period)
    try:
        thread = red_thread(plan, request.GET.get("delregion"))
    except Body.DoesNotExist:
        raise Http404(_("There is no such sub-region.")) from None
    return render(request, "actionplans/red_thread.html", {"cplan": plan, "thread": thread})


@public_page
def status_overview_page(request):
    return render(request, "actionplans/status_overview.html", {"plans": status_overview()})


@public_page
def plan_detail(request, slug, period, revision=None):
    plan, access = plan_for_user(request, slug, period, revision)
    return render(
        request,
        "actionplans/plan_detail.html",
        {
            "plan": plan,
            "access": access,
            "rows": PlanRows(plan),
            "last_changed": last_changed(plan),
            "open_revision": next(
                (v for v in plan.versions if v.revision > plan.revision and not v.is_public), None
            ),
            "current_url": reverse("actionplans:plan_detail", args=[slug, period]),
        },
    )


@require_safe
def plan_pdf(request, slug, period, revision=None):
    """The plan as PDF: an adopted version's stored file; a draft rendered for its members now."""
    plan, _access = plan_for_user(request, slug, period, revision)
    filename = f"{export.filename(plan)}.pdf"
    if plan.is_public:
        return pdf_response(request, export.open_plan_pdf(plan), filename=filename)
    return draft_pdf_response(export.plan_html(plan), filename=filename)


@public_page
def plan_xlsx(request, slug, period, revision=None):
    plan, _access = plan_for_user(request, slug, period, revision)
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
    goals = delegated_with_uptake(
        Goal.objects.filter(plan__body=body).order_by("-plan__period", "order", "pk")
    )
    return render(request, "actionplans/delegated_uptake.html", {"body": body, "goals": goals})


@login_required
@_refusals_shown
def plan_create(request, slug):
    body = get_object_or_404(Body.objects.select_related("plans_adopted_by"), slug=slug)
    if EDIT_PLANS not in body_permissions(request.user, body):
        raise PermissionDenied(_("Only the group's editors can start an action plan."))
    form = PlanCreateForm(request.POST or None, body=body)
    if request.method == "POST" and submit(
        form,
        lambda: services.plan_create(
            plan=form.instance, user=request.user, copy_from=form.cleaned_data["copy_from"]
        ),
    ):
        messages.success(request, _("The draft plan was created."))
        return redirect(_edit_url(form.instance))
    return render(request, "actionplans/plan_create.html", {"body": body, "form": form})


# --- History ------------------------------------------------------------------------------------

HISTORY_PAGE = 50  # changes on one page of a plan's history


@login_required
@_refusals_shown
def plan_history(request, slug, period, revision=None):
    plan, access = plan_for_user(request, slug, period, revision)
    if not access.can_see_internal:
        raise PermissionDenied(_("The history is for the group's members."))
    return render(
        request,
        "actionplans/history.html",
        {
            "plan": plan,
            "access": access,
            "page_obj": page_of(request, plan_history_entries(plan), HISTORY_PAGE),
        },
    )


@login_required
@require_POST
@_refusals_shown
def history_restore(request, slug, period, revision=None):
    plan, _access = _editable(request, slug, period, revision)
    try:
        history_id = int(request.POST.get("history_id") or 0)
    except ValueError:
        history_id = 0
    _workflow(
        request,
        lambda: services.history_restore(
            plan=plan, kind=request.POST.get("kind", ""), history_id=history_id, user=request.user
        ),
        _("The earlier version was restored."),
    )
    return redirect(plan.url("plan_history"))


# --- Workflow -----------------------------------------------------------------------------------


@login_required
@_refusals_shown
def plan_submit(request, slug, period, revision=None):
    """Submit for adoption, after the confirmation page (GET)."""
    plan, _access = plan_for_user(request, slug, period, revision)

    def perform(version, _form):
        _workflow(
            request,
            lambda: services.plan_submit(plan=plan, user=request.user, version=version),
            _("The plan was submitted for adoption to %(body)s.") % {"body": plan.adopting_body},
        )
        return redirect(plan)

    return confirm_move(request, plan, "submit", perform=perform, cancel=plan.get_absolute_url())


@login_required
@require_POST
@_refusals_shown
def plan_withdraw(request, slug, period, revision=None):
    """“Ångra” after a submission: the plan is a draft again (``ActionPlan.lifecycle``'s undo)."""
    plan, _access = plan_for_user(request, slug, period, revision)
    version = request.POST.get("version", "")
    _workflow(
        request,
        lambda: services.plan_withdraw(
            plan=plan, user=request.user, version=int(version) if version.isdigit() else None
        ),
        _("The submission was withdrawn: the plan is a draft again."),
    )
    return redirect(plan)


@login_required
@_refusals_shown
def plan_adopt(request, slug, period, revision=None):
    """Record the adoption, after the confirmation page (GET), which asks for its date."""
    plan, _access = plan_for_user(request, slug, period, revision)

    def perform(version, form):
        _workflow(
            request,
            lambda: services.plan_adopt(
                plan=plan, user=request.user, adopted_on=form.cleaned_data["adopted_on"], version=version
            ),
            _("The plan was adopted and is now public."),
        )
        return redirect(plan)

    return confirm_move(
        request,
        plan,
        "adopt",
        perform=perform,
        cancel=plan.get_absolute_url(),
        form=lambda data: AdoptForm(data, initial={"adopted_on": timezone.localdate()}),
    )


@login_required
@require_POST
@_refusals_shown
def plan_return(request, slug, period, revision=None):
    plan, _access = plan_for_user(request, slug, period, revision)
    _workflow(
        request,
        lambda: services.plan_return(plan=plan, user=request.user),
        _("The plan was returned to the group as a draft."),
    )
    return redirect(plan)


@login_required
@require_POST
@_refusals_shown
def plan_revise(request, slug, period, revision=None):
    plan, _access = plan_for_user(request, slug, period, revision)
    try:
        draft = services.plan_revise(plan=plan, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(plan)
    messages.success(
        request,
        _("Revision %(revision)s was opened as a draft. The adopted version is in force until it is adopted.")
        % {"revision": draft.revision},
    )
    return redirect(_edit_url(draft))


# --- The editor ---------------------------------------------------------------------------------


@member_page
@login_required
@_refusals_shown
def plan_edit(request, slug, period, revision=None):
    plan, access = _editable(request, slug, period, revision)
    return render(
        request,
        "actionplans/plan_edit.html",
        {
            "plan": plan,
            "access": access,
            "rows": PlanRows(plan),
            "goal_form": GoalForm(plan=plan, user=request.user),
        },
    )


def _row_form_response(request, plan, form, template, context):
    context = {"plan": plan, "form": form, **context}
    if _is_htmx(request):
        return render(request, f"actionplans/_{template}.html", context)
    return render(request, f"actionplans/{template}_page.html", context)


@login_required
@_refusals_shown
def goal_edit(request, slug, period, pk=None, revision=None):
    plan, access = _editable(request, slug, period, revision)
    if pk:
        goal = get_object_or_404(plan.goals.select_related("implements__plan__body", "focus_area"), pk=pk)
    else:
        goal = Goal(plan=plan)
    form = GoalForm(request.POST or None, instance=goal, plan=plan, user=request.user)
    if request.method == "POST" and submit(
        form, lambda: services.goal_save(goal=form.instance, user=request.user, version=form.seen_version)
    ):
        return _done(request, plan, access, _("The sub-goal was saved."), anchor=f"goal-{goal.pk}")
    return _row_form_response(request, plan, form, "goal_form", {"goal": goal if pk else None})


@login_required
@_refusals_shown
def activity_edit(request, slug, period, pk=None, goal_pk=None, revision=None):
    plan, access = _editable(request, slug, period, revision)
    if pk:
        activity = get_object_or_404(plan.activities.select_related("goal"), pk=pk)
        goal = activity.goal
    else:
        goal = get_object_or_404(plan.goals, pk=goal_pk)
        activity = Activity(plan=plan, goal=goal)
    form = ActivityForm(request.POST or None, instance=activity, goal=goal)
    if request.method == "POST" and submit(
        form,
        lambda: services.activity_save(activity=form.instance, user=request.user, version=form.seen_version),
    ):
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


ROW_DELETION = {
    "goal": (
        _lazy(
            "The sub-goal and its activities are deleted from the plan. They can be restored from the "
            "plan's history."
        ),
        _lazy("The sub-goal and its activities were deleted. They can be restored from the history."),
    ),
    "activity": (
        _lazy("The activity is deleted from the plan. It can be restored from the plan's history."),
        _lazy("The activity was deleted. It can be restored from the history."),
    ),
}


@login_required
@_refusals_shown
def row_delete(request, slug, period, kind, pk, revision=None):
    """Delete a sub-goal or an activity, after the confirmation page (GET)."""
    plan, access = _editable(request, slug, period, revision)
    row = _row(plan, kind, pk)
    consequences, done = ROW_DELETION[kind]

    def perform(version, _form):
        try:
            services.row_delete(row=row, user=request.user, version=version)
        except ValidationError as error:
            if _is_htmx(request):
                return _done(request, plan, access, " ".join(error.messages))
            messages.error(request, " ".join(error.messages))
            return redirect(_edit_url(plan))
        return _done(request, plan, access, str(done))

    confirmation = Confirmation(question=question(_("delete"), row), consequences=str(consequences))
    return confirm(
        request, obj=row, confirmation=confirmation, perform=perform, cancel=_edit_url(plan) + f"#{kind}-{pk}"
    )


@login_required
@require_POST
@_refusals_shown
def row_move(request, slug, period, kind, pk, revision=None):
    plan, access = _editable(request, slug, period, revision)
    row = _row(plan, kind, pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise Http404
    seen = request.POST.get("order", "")
    try:
        moved = services.row_move(
            row=row, direction=direction, user=request.user, seen=int(seen) if seen.isdigit() else None
        )
    except ValidationError as error:
        if _is_htmx(request):
            return _done(request, plan, access, " ".join(error.messages), anchor=f"{kind}-{pk}")
        messages.error(request, " ".join(error.messages))
        return redirect(_edit_url(plan))
    message = _("The order was changed.") if moved else _("It is already first or last.")
    return _done(request, plan, access, message, anchor=f"{kind}-{pk}")


# --- Following the plan up (also when it is adopted) ----------------------------------------------


def _followed_activity(request, slug, period, pk, revision):
    plan, access = plan_for_user(request, slug, period, revision)
    if not access.can_follow_up:
        raise PermissionDenied(plan.follow_up_refusal() or _("Only the group's editors follow the plan up."))
    activity = get_object_or_404(plan.activities.select_related("goal__implements__plan__body"), pk=pk)
    activity.plan = plan
    return plan, activity


@login_required
@_refusals_shown
def followup_add(request, slug, period, pk, revision=None):
    plan, activity = _followed_activity(request, slug, period, pk, revision)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and submit(
        form,
        lambda: services.followup_add(
            activity=activity,
            user=request.user,
            status=form.cleaned_data["status"],
            text=form.cleaned_data["text"],
            date=form.cleaned_data["date"],
        ),
    ):
        messages.success(request, _("The follow-up was saved."))
        return redirect(plan.get_absolute_url() + f"#activity-{activity.pk}")
    notes = list(activity.follow_ups.select_related("author"))
    return render(
        request,
        "actionplans/followup_form.html",
        {
            "plan": plan,
            "activity": activity,
            "form": form,
            "notes": notes,
            "moves": Activity.lifecycle.allowed_moves(activity, request.user),
        },
    )


@login_required
@require_POST
@_refusals_shown
def activity_status(request, slug, period, pk, revision=None):
    """Record an activity's progress with one of the moves its lifecycle offers."""
    plan, activity = _followed_activity(request, slug, period, pk, revision)
    move = request.POST.get("move", "")
    if move not in Activity.lifecycle.by_name:
        raise Http404
    _workflow(
        request,
        lambda: services.activity_move(activity=activity, user=request.user, move=move),
        _("The activity's status was changed."),
    )
    return redirect(plan.url("followup_add", activity.pk))
