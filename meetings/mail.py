"""The notices of meetings (``governance.notices``), given by the services in their transaction.

Each function names its notice once (the unique key) and says what the mail lists; who receives
it and how is the table's and the recipients' business.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from governance.notices import notify
from governance.subscriptions import Topic, notify_subscribers

from .calendar import calendar


def _when(meeting):
    day = formats.date_format(meeting.date, "l j F Y")
    return f"{day}, {meeting.start_time:%H.%M}–{meeting.end_time:%H.%M}"


def agenda_sent(meeting, user):
    """The agenda for the body's members, with the meeting as an .ics invitation; and, when it
    proposes decisions, the request for their stances. Keyed by this sending (the version)."""
    items = list(meeting.items.select_related("decision").order_by("position", "pk"))
    with translation.override(settings.LANGUAGE_CODE):
        details = [
            _("When: %(when)s") % {"when": _when(meeting)},
            _("Where: %(place)s") % {"place": meeting.place or meeting.get_mode_display()},
        ] + [f"{item.position}. {item.title}" for item in items]
        ics = calendar([meeting], str(meeting.body), method_request=True)
    notify(
        "agenda_sent",
        key=f"agenda:{meeting.pk}:{meeting.version}",
        body=meeting.body,
        obj=meeting,
        url=meeting.get_absolute_url(),
        actor=user,
        details=details,
        attachments=[("mote.ics", ics, "text/calendar; method=REQUEST; charset=utf-8")],
    )
    proposals = [
        item.decision for item in items if getattr(item, "decision", None) and item.decision.is_proposed
    ]
    if proposals:
        stances_requested(meeting, user, proposals, key=f"stances:{meeting.pk}:{meeting.version}")


def stances_requested(meeting, user, decisions, *, key):
    """Ask the members who take stances for theirs on ``decisions`` (before the meeting)."""
    notify(
        "stance_requested",
        key=key,
        body=meeting.body,
        obj=meeting,
        url=meeting.get_absolute_url(),
        actor=user,
        details=[f"§{d.item.position} {d.item.title}: {d.proposal}" for d in decisions],
    )


def objection_raised(stance, user):
    """Tell the chair and the process leaders that a member objects (the consensus rule)."""
    decision = stance.decision
    meeting = decision.item.meeting
    latest = stance.history.order_by("-history_id").values_list("history_id", flat=True).first()
    notify(
        "objection_raised",
        key=f"objection:{stance.pk}:{latest}",
        body=meeting.body,
        obj=meeting,
        url=meeting.get_absolute_url(),
        actor=user,
        details=[f"§{decision.item.position} {decision.item.title}: {decision.proposal}", stance.reason],
    )


def minutes_ready(meeting, user):
    """Once the minutes are drafted and every decision recorded: to those who approve them."""
    notify(
        "minutes_ready",
        key=f"minutes-ready:{meeting.pk}",
        body=meeting.body,
        obj=meeting,
        url=meeting.get_absolute_url(),
        actor=user,
    )


def minutes_approved(meeting, user):
    notify(
        "minutes_approved",
        key=f"minutes-approved:{meeting.pk}",
        body=meeting.body,
        obj=meeting,
        url=meeting.get_absolute_url(),
        actor=user,
    )


def minutes_published(meeting, user):
    """To the group's members, and once to each public subscriber of the group's minutes."""
    notify(
        "minutes_published",
        key=f"minutes-published:{meeting.pk}",
        body=meeting.body,
        obj=meeting,
        url=meeting.get_absolute_url(),
        actor=user,
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Minutes published: %(meeting)s") % {"meeting": meeting}
        lead = _("The minutes of %(body)s from %(date)s are published.") % {
            "body": meeting.body.name,
            "date": formats.date_format(meeting.date, "j F Y"),
        }
    notify_subscribers(
        topic=Topic.MINUTES,
        body=meeting.body,
        key=f"minutes:{meeting.pk}",
        subject=subject,
        lead=lead,
        url=meeting.get_absolute_url(),
    )


def _assignments_url(assignment):
    return reverse("meetings:assignments", args=[assignment.body.slug])


def assignment_notice(kind, assignment, user=None):
    """``assignment_given`` / ``_due`` / ``_overdue``: to the responsible person, or to the group's
    chair and process leaders when only an organisation is responsible. Once per assignment."""
    with translation.override(settings.LANGUAGE_CODE):
        due = formats.date_format(assignment.due_date, "j F Y") if assignment.due_date else "–"
    return notify(
        kind,
        key=f"{kind}:{assignment.pk}",
        body=assignment.body,
        obj=assignment,
        url=_assignments_url(assignment),
        actor=user,
        people=[assignment.responsible_person],
        due=due,
    )
