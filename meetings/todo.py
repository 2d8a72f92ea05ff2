"""What meetings leave for a person to do (``samverkan.todo``): stances to give, agendas to
send, minutes to write, approve and publish, and assignments. Each kind is one query; the
states and the permissions come from the lifecycles (``Meeting.lifecycle``,
``Assignment.lifecycle``) and the role map, held through the person's own seats."""

import datetime

from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from governance.permissions import TAKE_STANCE, seat_bodies
from samverkan.todo import Kind, Row

from .models import Assignment, Decision, Meeting

# Planned meetings within this many days appear as agendas to send.
AGENDA_HORIZON = datetime.timedelta(days=28)


def _where(meeting, body=None):
    return f"{(body or meeting.body).display_name}, {date_format(meeting.date, 'j F Y')}"


def _meetings_to(name, user, *, also=None, when=None):
    """Meetings in the source states of ``Meeting.lifecycle``'s move ``name`` (or of the move
    ``also``, where ``when`` holds), of the bodies where the user's seats grant the permission."""
    move = Meeting.lifecycle.transition(name)
    states = Q(status__in=move.source)
    when = when or Q()
    if also:
        states |= Q(when, status__in=Meeting.lifecycle.transition(also).source)
    else:
        states &= when
    return (
        Meeting.objects.filter(states, body__in=seat_bodies(user, move.permission))
        .select_related("body")
        .defer("search_document", "search_vector")
        .order_by("date", "start_time")
    )


def _meeting_kind(key, heading, move, action, url_name=None, *, dated=False, **query):
    """A kind of meeting to-do: the meetings ``_meetings_to(move, …)`` finds, linked to
    ``url_name`` (default: the meeting's page, where the move's button is)."""

    def row(meeting, today):
        return Row(
            title=meeting.title or meeting.get_kind_display(),
            context=_where(meeting),
            url=reverse(url_name, args=[meeting.pk]) if url_name else meeting.get_absolute_url(),
            action=str(action),
            uid=f"{key}-{meeting.pk}",
            due=meeting.date if dated else None,
        )

    def pending(user, today):
        return _meetings_to(move, user, **{k: v(today) if callable(v) else v for k, v in query.items()})

    return Kind(key=key, heading=heading, pending=pending, row=row, due_label=_("Meeting") if dated else "")


AGENDAS = _meeting_kind(
    "agenda",
    _("Agendas to send"),
    "send_agenda",
    _("Build and send the agenda"),
    "meetings:agenda",
    dated=True,
    when=lambda today: Q(date__gte=today, date__lte=today + AGENDA_HORIZON),
)
# Held meetings, and meetings whose day has passed without being marked held.
MINUTES_TO_WRITE = _meeting_kind(
    "minutes-write",
    _("Minutes to write"),
    "draft_minutes",
    _("Write the minutes"),
    also="mark_held",
    when=lambda today: Q(date__lt=today),
)
MINUTES_TO_APPROVE = _meeting_kind(
    "minutes-approve", _("Minutes to approve"), "approve", _("Read and approve the minutes")
)
MINUTES_TO_PUBLISH = _meeting_kind(
    "minutes-publish",
    _("Approved minutes to publish"),
    "publish",
    _("Publish the minutes"),
    "meetings:publish",
)


# --- Stances ------------------------------------------------------------------------------------


def _stances_pending(user, today):
    """Proposed decisions of the user's bodies, while the minutes may change, without their stance."""
    return (
        Decision.objects.filter(
            outcome=Decision.PROPOSED,
            item__meeting__status__in=Meeting.lifecycle.edit.states,
            item__meeting__body__in=seat_bodies(user, TAKE_STANCE),
        )
        .exclude(stances__user=user)
        .select_related("item__meeting__body")
        .defer("item__meeting__search_document", "item__meeting__search_vector")
        .order_by("item__meeting__date", "item__position")
    )


def _stance_row(decision, today):
    item = decision.item
    return Row(
        title=item.title,
        context=f"{_where(item.meeting)}, § {item.position}",
        url=reverse("meetings:stance", args=[decision.pk]),
        action=str(_("Take a stance")),
        uid=f"stance-{decision.pk}",
        due=item.meeting.date,
    )


STANCES = Kind(
    key="stances",
    heading=_("Stances to give"),
    pending=_stances_pending,
    row=_stance_row,
    due_label=_("Meeting"),
    in_calendar=True,
)


# --- Assignments --------------------------------------------------------------------------------


def _assignments_pending(user, today):
    """Assignments not done: of the bodies whose assignments the user's seats manage, and those
    given to the user's person."""
    move = Assignment.lifecycle.transition("finish")
    mine = Q(body__in=seat_bodies(user, move.permission)) | Q(responsible_person__user=user)
    return (
        Assignment.objects.filter(mine, status__in=move.source)
        .select_related("body", "decision__item__meeting")
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )


def _assignment_row(assignment, today):
    item = assignment.decision.item
    return Row(
        title=str(assignment),
        context=f"{_where(item.meeting, assignment.body)}, § {item.position}",
        url=reverse("meetings:assignments", args=[assignment.body.slug]) + f"#assignment-{assignment.pk}",
        action=str(_("See the assignment")),
        uid=f"assignment-{assignment.pk}",
        due=assignment.due_date,
        note=assignment.get_status_display(),
    )


ASSIGNMENTS = Kind(
    key="assignments",
    heading=_("Assignments"),
    pending=_assignments_pending,
    row=_assignment_row,
    due_label=_("Due"),
    in_calendar=True,
)
