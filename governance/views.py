import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from samverkan import personal_calendar
from samverkan.concurrency import submit
from samverkan.pagecache import member_page, public_page

from . import services, subscriptions
from .forms import BodyForm, MembershipEndForm, MembershipForm, NoticePreferencesForm, SubscribeForm
from .models import Body, Membership, Organisation
from .notices import NOTICES
from .permissions import (
    EDIT_BODY,
    VIEW_INTERNAL,
    body_permissions,
    may_write_seat,
    no_seats_message,
    seat_refusal,
    seat_roles,
)
from .structure import BodyTree

ROLE_ORDER = list(Membership.Role.values)


def _seat_order(membership):
    return (ROLE_ORDER.index(membership.role), membership.person.last_name if membership.person else "")


def _body_for_user(request, slug, codename):
    """The body, if ``request.user`` holds ``codename`` on it: 404 when none, 403 when not allowed."""
    body = get_object_or_404(Body.objects.select_related("kind"), slug=slug)
    if codename not in body_permissions(request.user, body):
        raise PermissionDenied
    return body


@public_page
def home(request):
    return render(request, "governance/home.html", {"tree": BodyTree().nested(include_ended=False)})


@public_page
def organisation_chart(request):
    organisations = Organisation.objects.filter(parent__isnull=True).prefetch_related("parts")
    return render(
        request,
        "governance/organisation_chart.html",
        {"tree": BodyTree().nested(include_ended=True), "organisations": list(organisations)},
    )


@public_page(query=("narvaroar",), members=True)
def body_detail(request, slug):
    tree = BodyTree()
    body = next((b for b in tree.bodies if b.slug == slug), None)
    if body is None:
        raise Http404(_("No such group."))
    today = timezone.localdate()
    seats = list(
        body.memberships.select_related("person__organisation", "organisation").order_by("start_date")
    )
    body.parent = tree.by_id.get(body.parent_id)
    perms = body_permissions(request.user, body)
    for seat in seats:
        seat.body = body  # term_end reads the kind of the body already in memory
        seat.may_write = may_write_seat(request.user, seat)
    current = sorted((m for m in seats if m.is_current(today)), key=_seat_order)
    sections = [import_string(path)(request, body, perms) for path in settings.BODY_PAGE_SECTIONS]
    return render(
        request,
        "governance/body_detail.html",
        {
            "body": body,
            "ancestors": tree.ancestors(body),
            "parent": tree.by_id.get(body.parent_id),
            "children": tree.children(body),
            "successor": tree.by_id.get(body.successor_id),
            "predecessors": [b for b in tree.bodies if b.successor_id == body.pk],
            "plans_adopted_by": tree.by_id.get(body.plans_adopted_by_id),
            "members": [m for m in current if not m.is_vacant],
            "vacancies": [m for m in current if m.is_vacant],
            "chair": next((m for m in current if m.role == Membership.Role.CHAIR), None),
            "coming_members": [m for m in seats if m.start_date > today],
            "former_members": [m for m in seats if m.end_date and m.end_date < today],
            "sections": sections,
            "can_edit": EDIT_BODY in perms,
            "can_add_seats": bool(seat_roles(request.user, body)),
            "can_view_internal": VIEW_INTERNAL in perms,
            # Members' e-mail addresses are for those who share the body (a seat in it gives
            # VIEW_INTERNAL; site administrators hold every permission), never the public.
            "can_see_contacts": VIEW_INTERNAL in perms,
        },
    )


@public_page
def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.select_related("parent").prefetch_related("parts"), slug=slug
    )
    org_ids = [organisation.pk, *(part.pk for part in organisation.parts.all())]
    seats = (
        Membership.objects.current()
        .filter(
            Q(organisation_id__in=org_ids) | Q(organisation__isnull=True, person__organisation_id__in=org_ids)
        )
        .select_related("body__kind", "person__organisation", "organisation")
        .order_by("body__kind__order", "body__order", "body__name")
    )
    return render(
        request,
        "governance/organisation_detail.html",
        {"organisation": organisation, "seats": list(seats)},
    )


@member_page
@login_required
def my_groups(request):
    person = getattr(request.user, "person", None)
    seats = []
    if person:
        seats = list(person.memberships.select_related("body__kind", "organisation").order_by("-start_date"))
    today = timezone.localdate()
    return render(
        request,
        "governance/my_groups.html",
        {
            "person": person,
            "current": [m for m in seats if m.is_current(today) and m.body.is_active(today)],
            "coming": [m for m in seats if m.start_date > today],
            "former": [
                m for m in seats if (m.end_date and m.end_date < today) or not m.body.is_active(today)
            ],
            "calendar_url": personal_calendar.address(request.user),
        },
    )


@login_required
@require_POST
def calendar_renew(request):
    """A new address for the user's own calendar; the old one stops working."""
    personal_calendar.calendar_key_renew(user=request.user)
    messages.success(request, _("Your calendar has a new address. The old address no longer works."))
    return redirect(reverse("governance:my_groups") + "#calendar-heading")


@login_required
def body_edit(request, slug):
    body = _body_for_user(request, slug, EDIT_BODY)
    form = BodyForm(request.POST or None, instance=body)
    if request.method == "POST" and submit(
        form, lambda: services.body_save(body=form.instance, user=request.user, version=form.seen_version)
    ):
        messages.success(request, _("The group was saved."))
        return redirect(body)
    return render(request, "governance/body_form.html", {"body": body, "form": form})


def _seats_for_user(request, slug):
    """The body, if ``request.user`` may manage some of its seats: 404 when none, 403 when not."""
    body = get_object_or_404(Body.objects.select_related("kind", "parent"), slug=slug)
    if not seat_roles(request.user, body):
        raise PermissionDenied(no_seats_message(body))
    return body


def _seat_for_user(request, body, pk):
    """A seat of ``body`` that ``request.user`` may write; 403 with the reason otherwise."""
    membership = get_object_or_404(body.memberships.select_related("person"), pk=pk)
    membership.body = body
    refusal = seat_refusal(request.user, membership)
    if refusal:
        raise PermissionDenied(refusal)
    return membership


@login_required
def membership_edit(request, slug, pk=None):
    body = _seats_for_user(request, slug)
    membership = _seat_for_user(request, body, pk) if pk else Membership(body=body)
    form = MembershipForm(request.POST or None, instance=membership, body=body, user=request.user)
    if request.method == "POST" and submit(
        form,
        lambda: services.membership_save(
            membership=form.instance,
            user=request.user,
            version=form.seen_version,
            new_person=form.new_person(),
        ),
    ):
        messages.success(request, _("The seat was saved."))
        return redirect(body)
    return render(
        request,
        "governance/membership_form.html",
        {"body": body, "form": form, "membership": membership if pk else None},
    )


@login_required
def membership_end(request, slug, pk):
    body = _seats_for_user(request, slug)
    membership = _seat_for_user(request, body, pk)
    form = MembershipEndForm(
        request.POST or None, initial={"end_date": timezone.localdate(), "version": membership.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                membership=membership,
                user=request.user,
                end_date=form.cleaned_data["end_date"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            on_date = getattr(error, "error_dict", {}).get("end_date")
            form.add_error("end_date" if on_date else None, on_date or error.messages)
        else:
            messages.success(request, _("The seat was ended; it stays in the group's history."))
            return redirect(body)
    return render(
        request,
        "governance/membership_end.html",
        {"body": body, "membership": membership, "form": form},
    )


# --- Notices and public subscriptions ----------------------------------------------------------------


@login_required
def notice_preferences(request):
    """Which notices the user's person gets, and how (``governance.notices``)."""
    person = getattr(request.user, "person", None)
    if person is None:
        raise PermissionDenied(_("Your login is not linked to a person in the collaboration structure."))
    chosen = dict(person.notice_preferences.values_list("kind", "delivery"))
    form = NoticePreferencesForm(request.POST or None, chosen=chosen)
    if request.method == "POST" and form.is_valid():
        services.notice_preferences_save(person=person, user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your notice settings were saved."))
        return redirect("governance:notice_preferences")
    return render(
        request,
        "governance/notice_preferences.html",
        {"person": person, "form": form, "notices": NOTICES},
    )


# At most this many subscription requests per client address an hour,, and confirmation mails to
# one address a day (so the form cannot be used to flood somebody's inbox).
SUBSCRIBE_PER_CLIENT_HOUR = 30
CONFIRMATIONS_PER_ADDRESS_DAY = 3


def _count(key, timeout):
    """Add one to a counter in the cache; returns the new count."""
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        return 1


def _subscribe(request, topic, body=None):
    form = SubscribeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        client = request.META.get("REMOTE_ADDR", "")
        if _count(f"subscribe:client:{client}", 3600) > SUBSCRIBE_PER_CLIENT_HOUR:
            form.add_error(None, _("Too many subscription requests from your address. Try again in an hour."))
            status = 429
        elif form.is_valid():
            email = subscriptions.normalise(form.cleaned_data["email"])
            digest = hashlib.sha256(email.lower().encode()).hexdigest()
            if _count(f"subscribe:address:{digest}", 86400) <= CONFIRMATIONS_PER_ADDRESS_DAY:
                subscriptions.subscription_request(email=email, topic=topic, body=body)
            # The same answer whether the address subscribes already, or was asked too often.
            messages.success(
                request,
                _(
                    "Thank you. We have sent a mail with a link to confirm the subscription to the "
                    "address you gave. Nothing is stored until you confirm."
                ),
            )
            return redirect(request.path)
    return render(
        request,
        "governance/subscribe.html",
        {"form": form, "body": body, "what": subscriptions.describe(topic, body)},
        status=status,
    )


def subscribe_minutes(request, slug):
    """Subscribe by e-mail to a group's published minutes (anyone; double opt-in)."""
    body = get_object_or_404(Body, slug=slug)
    return _subscribe(request, subscriptions.Topic.MINUTES, body)


def subscribe_report(request):
    """Subscribe by e-mail to the annual report (anyone; double opt-in)."""
    return _subscribe(request, subscriptions.Topic.ANNUAL_REPORT)


def _token_page(request, token, *, salt, max_age, act, template):
    """A page reached by a signed link: GET shows what the button will do, POST does it.

    The token is the authority (no session, no CSRF cookie); a GET changes nothing, so a mail
    scanner that opens the link neither confirms nor unsubscribes.
    """
    try:
        _email, topic, body = subscriptions.read_token(token, salt=salt, max_age=max_age)
    except ValidationError as error:
        context = {"error": error.messages[0]}
        return render(request, "governance/subscription_link.html", context, status=400)
    done = False
    if request.method == "POST":
        act(token=token)
        done = True
    context = {"what": subscriptions.describe(topic, body), "body": body, "done": done}
    return render(request, template, context)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscription_confirm(request, token):
    return _token_page(
        request,
        token,
        salt=subscriptions.CONFIRM_SALT,
        max_age=subscriptions.CONFIRM_MAX_AGE,
        act=subscriptions.subscription_confirm,
        template="governance/subscription_confirm.html",
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The one-click unsubscribe address: a POST (RFC 8058, or the page's button) unsubscribes."""
    return _token_page(
        request,
        token,
        salt=subscriptions.UNSUBSCRIBE_SALT,
        max_age=None,
        act=subscriptions.subscription_end,
        template="governance/unsubscribe.html",
    )
