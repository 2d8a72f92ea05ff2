"""Meeting pages. Reading: published minutes are public; everything else needs ``view_internal``
on the body (others get 404). Editing: POST-only changes through ``services``, ending in a
redirect or, for htmx requests, a fragment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import ExtractYear
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from governance.models import Body
from governance.permissions import (
    MANAGE_MEETINGS,
    TAKE_STANCE,
    VIEW_INTERNAL,
    body_permissions,
)
from samverkan import ics
from samverkan.concurrency import submit
from samverkan.confirm import Confirmation, confirm, confirm_move, question
from samverkan.lifecycle import refused_message
from samverkan.pagecache import public_page
from samverkan.paging import page_of
from samverkan.pdf import pdf_response
from samverkan.years import parse_year

from . import services
from .calendar import calendar, public_meetings
from .forms import (
    AssignmentForm,
    AttachmentForm,
    AttendanceForm,
    CorrectionForm,
    GuestForm,
    ItemEditForm,
    ItemForm,
    MeetingForm,
    MinutesForm,
    NewMeetingForm,
    SearchForm,
    StanceForm,
)
from .minutes import minutes_context, minutes_pdf_filename, open_minutes_pdf
from .models import AgendaItem, Assignment, Attachment, Decision, Meeting, Stance
from .search import search as run_search

Status = Meeting.Status


def _is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def _meeting_for_user(request, pk, codename=None):
    """The meeting and the user's permissions on its body.

    404 when the user may not read it (drafts are internal); 403 when they may read but lack
    ``codename``.
    """
    meeting = get_object_or_404(
        Meeting.objects.select_related("body__kind", "minutes_taker__organisation", "approved_in__meeting"),
        pk=pk,
    )
    perms = body_permissions(request.user, meeting.body)
    if not (meeting.is_published or VIEW_INTERNAL in perms):
        raise Http404(_("No such meeting."))
    if codename and codename not in perms:
        raise PermissionDenied
    return meeting, perms


def _body_for_user(request, slug, codename=None):
    body = get_object_or_404(Body.objects.select_related("kind"), slug=slug)
    perms = body_permissions(request.user, body)
    if codename and codename not in perms:
        raise PermissionDenied
    return body, perms


def _refuse(request, error):
    for message in error.messages:
        messages.error(request, message)


# --- Reading ------------------------------------------------------------------------------------


@public_page(members=True)
def meeting_detail(request, pk):
    meeting, perms = _meeting_for_user(request, pk)
    return render(request, "meetings/meeting_detail.html", _detail_context(request, meeting, perms))


def _detail_context(request, meeting, perms, correction_form=None):
    context = minutes_context(meeting, perms)
    context["can_manage"] = MANAGE_MEETINGS in perms
    context["may_take_stance"] = TAKE_STANCE in perms and meeting.lifecycle.is_editable(meeting)
    if meeting.can_correct(request.user):
        context["correction_form"] = correction_form or CorrectionForm(meeting=meeting)
    if context["internal"]:
        stances = Stance.objects.filter(decision__item__meeting=meeting).select_related(
            "user__person__organisation"
        )
        by_decision = {}
        for stance in stances:
            by_decision.setdefault(stance.decision_id, []).append(stance)
        for item in context["items"]:
            decision = getattr(item, "decision", None)
            if decision is not None:
                decision.stance_list = by_decision.get(decision.pk, [])
    return context


@login_required
@require_POST
def minutes_correct(request, pk):
    """Record a correction (rättelse) of published minutes."""
    meeting, perms = _meeting_for_user(request, pk, MANAGE_MEETINGS)
    form = CorrectionForm(request.POST, meeting=meeting)
    if submit(
        form,
        lambda: services.minutes_correct(
            meeting=meeting,
            user=request.user,
            item=form.cleaned_data["item"],
            field=form.cleaned_data["field"],
            text=form.cleaned_data["after"],
            reason=form.cleaned_data["reason"],
        ),
    ):
        messages.success(request, _("The correction was recorded."))
        return redirect(meeting)
    return render(request, "meetings/meeting_detail.html", _detail_context(request, meeting, perms, form))


@require_safe
def meeting_pdf(request, pk):
    """Published minutes as PDF: the stored file of their current state (``meetings.minutes``)."""
    meeting, perms = _meeting_for_user(request, pk)
    if not meeting.is_published:
        raise Http404(_("Only published minutes can be downloaded."))
    return pdf_response(request, open_minutes_pdf(meeting), filename=minutes_pdf_filename(meeting))


def attachment(request, pk, attachment_pk):
    meeting, perms = _meeting_for_user(request, pk)
    item_attachment = get_object_or_404(Attachment, pk=attachment_pk, item__meeting=meeting)
    if VIEW_INTERNAL not in perms and not (item_attachment.is_public and meeting.is_published):
        raise Http404(_("No such attachment."))
    return FileResponse(
        item_attachment.file.open("rb"),
        as_attachment=True,
        filename=item_attachment.file.name.rsplit("/", 1)[-1],
    )


@public_page(query=("ar",))
def body_meetings(request, slug):
    """The coming meetings, and the past ones of one year (``?ar=``; the latest year by default)."""
    body, perms = _body_for_user(request, slug)
    today = timezone.localdate()
    meetings = body.meetings.defer("search_document", "search_vector")
    years = [d.year for d in meetings.filter(date__lt=today).dates("date", "year", order="DESC")]
    year = parse_year(request.GET.get("ar")) or next(iter(years), today.year)
    return render(
        request,
        "meetings/body_meetings.html",
        {
            "body": body,
            "coming": list(meetings.filter(date__gte=today).order_by("date", "start_time")),
            "past": list(meetings.filter(date__lt=today, date__year=year).order_by("-date", "-start_time")),
            "year": year,
            "years": years,
            "internal": VIEW_INTERNAL in perms,
            "can_manage": MANAGE_MEETINGS in perms,
        },
    )


ARCHIVE_PAGE = 25


@public_page(query=("sida",))
def archive(request):
    """The groups with published minutes, 25 to a page (``?sida=``), each with its years: the page
    stays the same size however many groups the collaboration grows to."""
    with_minutes = Body.objects.filter(Exists(Meeting.objects.published().filter(body=OuterRef("pk"))))
    page = page_of(request, with_minutes.order_by("name", "pk").values_list("pk", flat=True), ARCHIVE_PAGE)
    rows = (
        Meeting.objects.published()
        .filter(body__in=list(page))
        .values("body__slug", "body__name")
        .annotate(year=ExtractYear("date"), count=Count("id"))
        .order_by("body__name", "body__pk", "-year")
    )
    bodies = {}
    for row in rows:
        bodies.setdefault((row["body__name"], row["body__slug"]), []).append(row)
    return render(request, "meetings/archive.html", {"bodies": bodies, "page_obj": page})


@public_page
def archive_year(request, slug, year):
    body = get_object_or_404(Body, slug=slug)
    meetings = list(
        body.meetings.filter(status=Status.PUBLISHED, date__year=year)
        .annotate(item_count=Count("items"))
        .order_by("date", "start_time")
    )
    years = list(body.meetings.filter(status=Status.PUBLISHED).dates("date", "year", order="DESC"))
    return render(
        request,
        "meetings/archive_year.html",
        {"body": body, "year": year, "meetings": meetings, "years": [d.year for d in years]},
    )


@public_page(query=("q", "grupp", "ar", "sida"), members=True)
def search(request):
    form = SearchForm(request.GET)
    valid = form.is_valid()
    terms = form.cleaned_data  # after an error: the valid fields, shown in the form again
    query = terms.get("q", "")
    results = None
    if valid and query:
        body_slug, year, page = terms["grupp"] or None, terms["ar"], terms["sida"] or 1
        results = run_search(query, body_slug=body_slug, year=year, page=page)
    published = Meeting.objects.filter(status=Status.PUBLISHED)
    bodies = list(Body.objects.filter(meetings__status=Status.PUBLISHED).distinct().order_by("name"))
    years = [d.year for d in published.dates("date", "year", order="DESC")]
    return render(
        request,
        "meetings/search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "bodies": bodies,
            "years": years,
            "body_slug": terms.get("grupp"),
            "year": terms.get("ar"),
        },
    )


ASSIGNMENTS_PAGE = 25


@public_page(query=("sida",), members=True)
def assignments(request, slug):
    body, perms = _body_for_user(request, slug)
    rows = body.assignments.select_related(
        "decision__item__meeting", "responsible_organisation", "responsible_person__organisation"
    ).order_by("status", "due_date", "pk")
    if VIEW_INTERNAL not in perms:
        rows = rows.filter(decision__item__meeting__in=Meeting.objects.published())
    page = page_of(request, rows, ASSIGNMENTS_PAGE)
    if MANAGE_MEETINGS in perms:
        for row in page:
            # The lifecycle's moves for this row; the permission is known for the whole page.
            row.moves = [
                t for t in Assignment.lifecycle.transitions if not row.lifecycle.refusal(row, t.name)
            ]
    return render(request, "meetings/assignments.html", {"body": body, "page_obj": page})


@login_required
@require_POST
def assignment_move(request, slug, pk):
    body, perms = _body_for_user(request, slug, MANAGE_MEETINGS)
    row = get_object_or_404(body.assignments, pk=pk)
    action = request.POST.get("action", "")
    if action not in Assignment.lifecycle.by_name:
        raise Http404(_("No such action."))
    try:
        services.assignment_move(assignment=row, user=request.user, action=action)
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(request, _("The assignment was updated."))
    return redirect("meetings:assignments", slug=body.slug)


# --- Feeds and calendars -----------------------------------------------------------------------


@public_page
def calendar_all(request):
    meetings = public_meetings(Meeting.objects.select_related("body")).order_by("date", "start_time")
    return ics.response(calendar(meetings, _("Meetings in Samverkansportalen")), "moten.ics")


@public_page
def calendar_body(request, slug):
    body = get_object_or_404(Body, slug=slug)
    meetings = list(public_meetings(body.meetings.all()).order_by("date", "start_time"))
    for meeting in meetings:
        meeting.body = body
    return ics.response(calendar(meetings, body.name), f"moten-{body.slug}.ics")


# --- Planning and the agenda -------------------------------------------------------------------


@login_required
def meeting_create(request, slug):
    body, perms = _body_for_user(request, slug, MANAGE_MEETINGS)
    form = NewMeetingForm(request.POST or None, instance=Meeting(body=body))
    if request.method == "POST" and submit(
        form, lambda: services.meeting_create(meeting=form.instance, user=request.user)
    ):
        messages.success(request, _("The meeting was planned. Build the agenda."))
        return redirect("meetings:agenda", pk=form.instance.pk)
    return render(
        request, "meetings/meeting_form.html", {"body": body, "form": form, "meeting": None, "editable": True}
    )


@login_required
def meeting_edit(request, pk):
    meeting, perms = _meeting_for_user(request, pk, MANAGE_MEETINGS)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and submit(
        form,
        lambda: services.meeting_save(meeting=form.instance, user=request.user, version=form.seen_version),
    ):
        messages.success(request, _("The meeting was saved."))
        return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"body": meeting.body, "form": form, "meeting": meeting, "editable": meeting.can_edit(request.user)},
    )


def _agenda_context(meeting, user, form=None):
    items = list(
        meeting.items.select_related("decision", "carried_from__meeting")
        .annotate(attachment_count=Count("attachments"))
        .order_by("position", "pk")
    )
    editable = meeting.can_edit(user)
    return {
        "meeting": meeting,
        "items": items,
        "form": form or ItemForm(),
        "editable": editable,
        "removable": editable and meeting.is_upcoming,
    }


@login_required
def agenda(request, pk):
    """The agenda builder: numbered items, add (htmx or plain form), move, remove."""
    meeting, perms = _meeting_for_user(request, pk, MANAGE_MEETINGS)
    form = None
    if request.method == "POST":
        form = ItemForm(request.POST, instance=AgendaItem(meeting=meeting))
        if submit(
            form,
            lambda: services.item_add(
                item=form.instance, user=request.user, proposal=form.cleaned_data["proposal"]
            ),
        ):
            if not _is_htmx(request):
                messages.success(request, _("The item was added."))
                return redirect("meetings:agenda", pk=meeting.pk)
            form = None
    context = _agenda_context(meeting, request.user, form)
    if _is_htmx(request):
        return render(request, "meetings/_agenda_builder.html", context)
    return render(request, "meetings/agenda.html", context)


@login_required
@require_POST
def item_move(request, pk, item_pk):
    meeting, perms = _meeting_for_user(request, pk, MANAGE_MEETINGS)
    item = get_object_or_404(meeting.items, pk=item_pk)
    seen = request.POST.get("position", "")
    try:
        services.item_move(
            item=item,
            user=request.user,
            offset=-1 if request.POST.get("direction") == "up" else 1,
            seen=int(seen) if seen.isdigit() else None,
        )
    except ValidationError as error:
        _refuse(request, error)
    if _is_htmx(request):
        return render(request, "meetings/_agenda_builder.html", _agenda_context(meeting, request.user))
    return redirect("meetings:agenda", pk=meeting.pk)


@login_required
def item_remove(request, pk, item_pk):
    """Remove an agenda item, after a confirmation page (GET)."""
    meeting, perms = _meeting_for_user(request, pk, MANAGE_MEETINGS)
    item = get_object_or_404(meeting.items, pk=item_pk)
    item.meeting = meeting

    def perform(version, _form):
        try:
            services.item_remove(item=item, user=request.user, version=version)
        except ValidationError as error:
            _refuse(request, error)
        else:
            messages.success(request, _("The item was removed."))
        return redirect("meetings:agenda", pk=meeting.pk)

    refusal = ""
    if not (meeting.can_edit(request.user) and meeting.is_upcoming):
        refusal = refused_message(item, _("remove"), meeting.get_status_display())
    confirmation = Confirmation(
        question=question(_("remove"), item),
        consequences=_(
            "The item and its proposed decision are removed from the agenda, and the items after it "
            "are renumbered."
        ),
        refusal=refusal,
    )
    cancel = reverse("meetings:agenda", args=[meeting.pk])
    return confirm(request, obj=item, confirmation=confirmation, perform=perform, cancel=cancel)


@login_required
def item_edit(request, pk, item_pk):
    """An agenda item with its proposed decision, and its attachments (a second form)."""
    meeting, perms = _meeting_for_user(request, pk, MANAGE_MEETINGS)
    item = get_object_or_404(
        meeting.items.select_related("decision").prefetch_related("attachments"), pk=item_pk
    )
    uploading = request.method == "POST" and "file-title" in request.POST
    editing = request.method == "POST" and not uploading
    form = ItemEditForm(request.POST if editing else None, instance=item, prefix="item")
    upload = AttachmentForm(
        request.POST if uploading else None,
        request.FILES if uploading else None,
        prefix="file",
        instance=Attachment(item=item),
    )
    if uploading and submit(
        upload, lambda: services.attachment_add(attachment=upload.instance, user=request.user)
    ):
        messages.success(request, _("The attachment was added."))
        return redirect("meetings:item_edit", pk=meeting.pk, item_pk=item.pk)
    if editing and submit(
        form,
        lambda: services.item_save(
            item=form.instance, user=request.user, version=form.seen_version, proposal=form.proposal_to_save()
        ),
    ):
        messages.success(request, _("The item was saved."))
        return redirect("meetings:agenda", pk=meeting.pk)
    return render(
        request,
        "meetings/item_form.html",
        {
            "meeting": meeting,
            "item": item,
            "form": form,
            "upload": upload,
            "editable": meeting.can_edit(request.user),
        },
    )


@login_required
@require_POST
def mark_held(request, pk):
    """Mark the meeting held: a plain POST (the minutes are still to be written)."""
    return meeting_action(request, pk, "held")


@login_required
def meeting_action(request, pk, action):
    """A move of the meeting. Sending the agenda, approving and publishing are confirmed first
    (GET: the confirmation page; ``Meeting.lifecycle`` declares what each does); marking the
    meeting held is a plain POST."""
    meeting, perms = _meeting_for_user(request, pk)
    workflow, move, done = {
        "send_agenda": (
            services.meeting_send_agenda,
            "send_agenda",
            _("The agenda will be sent to the members shortly."),
        ),
        "held": (
            services.meeting_mark_held,
            "mark_held",
            _("The meeting is marked as held: write the minutes."),
        ),
        "approve": (services.minutes_approve, "approve", _("The minutes were approved.")),
        "publish": (services.minutes_publish, "publish", _("The minutes were published.")),
    }[action]

    def perform(version, _form):
        try:
            workflow(meeting=meeting, user=request.user, version=version)
        except ValidationError as error:
            _refuse(request, error)
        else:
            messages.success(request, done)
        if action == "held":
            return redirect("meetings:minutes", pk=meeting.pk)
        return redirect(meeting)

    return confirm_move(request, meeting, move, perform=perform, cancel=meeting.get_absolute_url())


# --- Attendance ---------------------------------------------------------------------------------


@login_required
def attendance(request, pk):
    meeting, perms = _meeting_for_user(request, pk, MANAGE_MEETINGS)
    form = AttendanceForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and submit(
        form,
        lambda: services.attendance_save(
            meeting=meeting,
            user=request.user,
            statuses={person_id: form.cleaned_data[f"person_{person_id}"] for person_id in form.people},
            people=form.people,
            guest=form.cleaned_data.get("guest"),
        ),
    ):
        messages.success(request, _("The attendance was saved."))
        return redirect("meetings:attendance", pk=meeting.pk)
    return _attendance_page(request, meeting, form, GuestForm(prefix="guest"))


def _attendance_page(request, meeting, form, guest_form):
    return render(
        request,
        "meetings/attendance.html",
        {
            "meeting": meeting,
            "form": form,
            "guest_form": guest_form,
            "editable": meeting.can_edit(request.user),
        },
    )


@login_required
@require_POST
def guest_add(request, pk):
    """Add a guest without a seat (name, title, organisation, e-mail) as present."""
    meeting, perms = _meeting_for_user(request, pk, MANAGE_MEETINGS)
    guest_form = GuestForm(request.POST, prefix="guest")
    if submit(
        guest_form, lambda: services.guest_add(meeting=meeting, user=request.user, person=guest_form.instance)
    ):
        messages.success(request, _("The guest was added."))
        return redirect("meetings:attendance", pk=meeting.pk)
    return _attendance_page(request, meeting, AttendanceForm(meeting=meeting), guest_form)


# --- Minutes, decisions, stances ---------------------------------------------------------------


def _editor_items(meeting):
    return list(
        meeting.items.select_related("decision", "approves")
        .prefetch_related(
            Prefetch("decision__stances", queryset=Stance.objects.select_related("user__person")),
            Prefetch(
                "decision__assignments",
                queryset=Assignment.objects.select_related("responsible_organisation", "responsible_person"),
            ),
        )
        .order_by("position", "pk")
    )


@login_required
def minutes(request, pk):
    """The minutes editor: the whole minutes in one form with one save button (``MinutesForm``).

    A proposed decision's "Record" button submits the same form: everything typed is saved first,
    then the outcome is recorded, so no text is lost. If somebody else saved any part meanwhile,
    nothing is saved and both versions are shown, with the typed text kept in the form.
    """
    meeting, perms = _meeting_for_user(request, pk, MANAGE_MEETINGS)
    items = _editor_items(meeting)
    form = MinutesForm(request.POST if request.method == "POST" else None, meeting=meeting, items=items)
    if request.method == "POST" and _minutes_save(request, meeting, form):
        recorded = request.POST.get("record", "")
        anchor = f"#item-{recorded}" if recorded.isdigit() else ""
        return redirect(reverse("meetings:minutes", args=[meeting.pk]) + anchor)
    assignment_forms = [
        (item, AssignmentForm(prefix=f"as{item.decision.pk}")) for item in items if hasattr(item, "decision")
    ]
    _share_choices([assignment_form for _item, assignment_form in assignment_forms])
    return render(
        request,
        "meetings/minutes_edit.html",
        {
            "meeting": meeting,
            "form": form,
            "assignment_forms": assignment_forms,
            "editable": meeting.can_edit(request.user),
        },
    )


def _minutes_save(request, meeting, form):
    """Save the minutes form; then record the outcome whose button was pressed, if any."""
    if not form.is_valid():
        return False
    try:
        services.minutes_save(
            meeting=meeting,
            user=request.user,
            version=form.meta.seen_version,
            items=form.item_texts(),
            new_taker=form.taker.person(),
        )
    except services.MinutesConflict as conflict:
        form.show_conflict(conflict.stale)
        return False
    except ValidationError as error:
        form.meta.add_error(None, error)
        return False
    messages.success(request, _("The minutes were saved."))
    recording = [
        form for form in form.items if form.outcome and str(form.instance.pk) == request.POST.get("record")
    ]
    for item_form in recording:
        _record(request, item_form.instance, item_form.outcome)
    return True


def _record(request, item, outcome_form):
    """Record the outcome chosen for ``item``'s decision (the approval item approves the minutes)."""
    if not outcome_form.is_valid():
        messages.error(request, _("Choose the outcome to record."))
        return
    outcome = Decision.Outcome(outcome_form.cleaned_data["outcome"])
    decision = Decision.objects.select_related("item__meeting__body", "item__approves").get(item=item)
    try:
        if decision.item.approves_id and outcome == Decision.Outcome.APPROVED:
            services.approval_item_record(item=decision.item, user=request.user)
        else:
            services.decision_record(decision=decision, user=request.user, outcome=outcome)
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(
            request, _("Item %(number)s: %(outcome)s.") % {"number": item.position, "outcome": outcome.label}
        )


def _share_choices(forms):
    """Evaluate the organisation and person choices once for all the assignment forms."""
    if not forms:
        return
    for name in ("responsible_organisation", "responsible_person"):
        choices = list(forms[0].fields[name].choices)
        for form in forms:
            form.fields[name].widget.choices = choices


def _decision_for_user(request, pk, codename):
    decision = get_object_or_404(
        Decision.objects.select_related("item__meeting__body__kind", "item__approves"), pk=pk
    )
    meeting = decision.item.meeting
    perms = body_permissions(request.user, meeting.body)
    if VIEW_INTERNAL not in perms and not meeting.is_published:
        raise Http404(_("No such decision."))
    if codename not in perms:
        raise PermissionDenied
    return decision


@login_required
@require_POST
def assignment_add(request, pk):
    decision = _decision_for_user(request, pk, MANAGE_MEETINGS)
    meeting = decision.item.meeting
    form = AssignmentForm(
        request.POST, prefix=f"as{decision.pk}", instance=Assignment(decision=decision, body=meeting.body)
    )
    if submit(form, lambda: services.assignment_add(assignment=form.instance, user=request.user)):
        messages.success(request, _("The assignment was added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(reverse("meetings:minutes", args=[meeting.pk]) + f"#item-{decision.item_id}")


@login_required
def stance(request, pk):
    """Take (or change) a stance on a proposed decision: the form that "Att göra" links to. A
    refusal is shown again with the chosen stance kept; a saved stance returns to ``next`` (a path
    on this site) or to the to-do list."""
    decision = _decision_for_user(request, pk, TAKE_STANCE)
    mine = Stance.objects.filter(decision=decision, user=request.user).first()
    form = StanceForm(
        request.POST or None,
        prefix=f"d{decision.pk}",
        instance=Stance(decision=decision, user=request.user) if request.method == "POST" else mine,
    )
    saved = request.method == "POST" and submit(
        form,
        lambda: services.stance_set(
            decision=decision,
            user=request.user,
            position=form.cleaned_data["position"],
            reason=form.cleaned_data["reason"],
        ),
    )
    if not saved:
        counts = decision.stances.aggregate(
            objections=Count("pk", filter=Q(position=Stance.Position.OBJECTION)),
            supports=Count("pk", filter=Q(position=Stance.Position.SUPPORT)),
        )
        return render(
            request,
            "meetings/stance.html",
            {"decision": decision, "mine": mine, "form": form, "next": request.GET.get("next", ""), **counts},
        )
    _stance, changed = saved
    messages.success(
        request,
        _("Your stance was saved.") if changed else _("Your stance was already saved; nothing changed."),
    )
    # Back to the page the form was on: a path on this site, never another host ("//evil.example/")
    # and never a view name (redirect("0") would look one up).
    next_url = request.POST.get("next", "")
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("todo")
    return HttpResponseRedirect(next_url)
