"""Meeting workflows: each checks the rules, saves in one transaction and leaves a history trail.

Permissions are checked here too (``_require``), so that a view, a task or the admin cannot
skip them: stances only from members of the deciding body (``take_stance``), decisions and
minutes by the body's process leaders and chair (``manage_meetings``), approval by the chair
(``approve_minutes``), publication by communicators and process leaders (``publish_minutes``).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Max, Q, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import Membership
from governance.permissions import (
    APPROVE_MINUTES,
    MANAGE_MEETINGS,
    PUBLISH_MINUTES,
    TAKE_STANCE,
    body_permissions,
)
from samverkan.history import record_change

from .models import AgendaItem, Decision, Meeting, Stance

Status = Meeting.Status
Outcome = Decision.Outcome


def _require(user, body, codename, message):
    if codename not in body_permissions(user, body):
        raise PermissionDenied(message)


def _move(meeting, status, user, reason):
    """Move ``meeting`` to ``status`` if the transition is allowed, else a clear refusal."""
    if not meeting.can_move_to(status):
        raise ValidationError(
            _("A meeting that is “%(current)s” cannot become “%(new)s”.")
            % {"current": meeting.get_status_display(), "new": Status(status).label},
            code="transition",
        )
    meeting.status = status
    meeting.version += 1
    record_change(meeting, user, reason)
    meeting.full_clean()
    meeting.save()


def previous_meeting(meeting):
    """The body's meeting before ``meeting`` (by date and time), or None."""
    return (
        Meeting.objects.filter(_before(meeting), body_id=meeting.body_id)
        .exclude(pk=meeting.pk)
        .order_by("-date", "-start_time")
        .first()
    )


def _before(meeting, prefix=""):
    """Meetings that start before ``meeting``."""
    return Q(**{f"{prefix}date__lt": meeting.date}) | Q(
        **{f"{prefix}date": meeting.date, f"{prefix}start_time__lt": meeting.start_time}
    )


def _next_position(meeting):
    return (meeting.items.aggregate(top=Max("position"))["top"] or 0) + 1


def carry_over(*, meeting, user=None):
    """Put every tabled or referred-back item of the body's earlier meetings, not yet taken up,
    on ``meeting``'s agenda (before it is held). Returns the new items."""
    if meeting.status not in {Status.PLANNED, Status.AGENDA_SENT}:
        return []
    pending = (
        AgendaItem.objects.filter(
            meeting__body_id=meeting.body_id,
            decision__outcome__in=Decision.CARRIED_OVER,
            carried_to__isnull=True,
        )
        .filter(_before(meeting, "meeting__"))
        .select_related("decision", "meeting")
        .order_by("meeting__date", "position")
    )
    created = []
    position = _next_position(meeting)
    for old in pending:
        item = AgendaItem(
            meeting=meeting,
            position=position,
            kind=AgendaItem.Kind.DECISION,
            title=old.title,
            presenter=old.presenter,
            description=old.description,
            questions=old.questions,
            carried_from=old,
        )
        record_change(item, user, "carried over")
        item.full_clean()
        item.save()
        Decision.objects.create(item=item, proposal=old.decision.proposal)
        created.append(item)
        position += 1
    return created


@transaction.atomic
def meeting_create(*, meeting, user):
    """Plan a meeting: opening and approval-of-the-previous-minutes items, then the items that
    were tabled or referred back at earlier meetings of the body."""
    _require(
        user, meeting.body, MANAGE_MEETINGS, _("Only the group's process leaders and chair plan meetings.")
    )
    record_change(meeting, user, "planned")
    meeting.full_clean()
    meeting.save()
    AgendaItem.objects.create(
        meeting=meeting, position=1, kind=AgendaItem.Kind.OPENING, title=_("Check-in and opening")
    )
    previous = previous_meeting(meeting)
    if previous is not None:
        AgendaItem.objects.create(
            meeting=meeting,
            position=2,
            kind=AgendaItem.Kind.APPROVAL,
            title=_("Approval of the minutes of %(date)s") % {"date": previous.date.isoformat()},
            approves=previous,
        )
    carry_over(meeting=meeting, user=user)
    return meeting


@transaction.atomic
def item_add(*, item, user, proposal=""):
    """Add an item to the agenda (at the end); a decision item gets its proposed decision."""
    meeting = item.meeting
    _require(
        user, meeting.body, MANAGE_MEETINGS, _("Only the group's process leaders and chair edit the agenda.")
    )
    if meeting.status not in {Status.PLANNED, Status.AGENDA_SENT, Status.HELD, Status.MINUTES_DRAFTED}:
        raise ValidationError(_("The minutes are approved: the agenda can no longer change."), code="locked")
    item.position = _next_position(meeting)
    record_change(item, user, "added")
    item.full_clean()
    item.save()
    if item.kind == AgendaItem.Kind.DECISION:
        Decision.objects.create(item=item, proposal=proposal or item.title)
    return item


@transaction.atomic
def item_move(*, item, user, offset):
    """Swap the item with its neighbour above (offset -1) or below (+1)."""
    _require(
        user,
        item.meeting.body,
        MANAGE_MEETINGS,
        _("Only the group's process leaders and chair edit the agenda."),
    )
    items = list(item.meeting.items.order_by("position", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + offset
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items, start=1):
        if other.position != position:
            other.position = position
            record_change(other, user, "moved")
            other.save(update_fields=["position"])


@transaction.atomic
def item_remove(*, item, user):
    meeting = item.meeting
    _require(
        user, meeting.body, MANAGE_MEETINGS, _("Only the group's process leaders and chair edit the agenda.")
    )
    if meeting.status not in {Status.PLANNED, Status.AGENDA_SENT}:
        raise ValidationError(_("Items can only be removed before the meeting is held."), code="locked")
    record_change(item, user, "removed")
    item.delete()
    for position, other in enumerate(meeting.items.order_by("position", "pk"), start=1):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])


@transaction.atomic
def meeting_send_agenda(*, meeting, user):
    """Send the agenda: the meeting becomes "agenda sent" and the members get it by e-mail
    (with an .ics invitation), after the commit."""
    _require(
        user, meeting.body, MANAGE_MEETINGS, _("Only the group's process leaders and chair send the agenda.")
    )
    _move(meeting, Status.AGENDA_SENT, user, "agenda sent")
    from .tasks import send_agenda

    transaction.on_commit(lambda: send_agenda.delay(meeting.pk, user.pk))
    return meeting


@transaction.atomic
def meeting_mark_held(*, meeting, user):
    _require(
        user, meeting.body, MANAGE_MEETINGS, _("Only the group's process leaders and chair write minutes.")
    )
    _move(meeting, Status.HELD, user, "held")
    return meeting


@transaction.atomic
def minutes_save(*, meeting, user):
    """After minutes are written for a held meeting, it becomes "minutes drafted"; later edits
    of published minutes refresh the search index."""
    if meeting.status == Status.HELD:
        _move(meeting, Status.MINUTES_DRAFTED, user, "minutes drafted")
    elif meeting.status == Status.PUBLISHED:
        reindex(meeting)


def members_for_stance(body, on=None):
    """Current seats whose role carries ``take_stance`` on ``body``."""
    from governance.permissions import ROLE_PERMISSIONS

    roles = [role for role, perms in ROLE_PERMISSIONS.items() if TAKE_STANCE in perms]
    return Membership.objects.current(on).filter(body=body, role__in=roles, person__isnull=False)


def _lock(decision):
    """Lock the decision row and read it afresh: a stance and the recording of the outcome never
    interleave, so an objection that arrives while the chair records "decided" is seen (or waits)."""
    list(Decision.objects.select_for_update().filter(pk=decision.pk).values_list("pk", flat=True))
    decision.refresh_from_db()


@transaction.atomic
def stance_set(*, decision, user, position, reason=""):
    """Record ``user``'s stance on a proposed decision. One current stance per member: a change
    updates it (the history keeps the old one); the same stance again changes nothing."""
    _lock(decision)
    body = decision.item.meeting.body
    _require(
        user,
        body,
        TAKE_STANCE,
        _("Only members of %(body)s take a stance on its decisions.") % {"body": body},
    )
    if decision.outcome:
        raise ValidationError(_("The decision has already been recorded."), code="recorded")
    reason = (reason or "").strip()
    stance = Stance.objects.select_for_update().filter(decision=decision, user=user).first()
    if stance is not None and stance.position == position and stance.reason == reason:
        return stance, False
    stance = stance or Stance(decision=decision, user=user)
    stance.position = position
    stance.reason = reason
    record_change(stance, user, "stance")
    stance.full_clean()
    stance.save()
    return stance, True


@transaction.atomic
def decision_record(*, decision, user, outcome, text=""):
    """Record the outcome of a decision item, enforcing the consensus rule: "decided" (or
    "approved") only while no member objects; with an objection the chair or process leader
    refers it back or strikes it. Tabled and referred-back items go on the next agenda."""
    _lock(decision)
    meeting = decision.item.meeting
    _require(
        user, meeting.body, MANAGE_MEETINGS, _("Only the group's chair and process leaders record decisions.")
    )
    if meeting.minutes_approved:
        raise ValidationError(
            _("The minutes are approved: the decision can no longer change."), code="locked"
        )
    outcome = Outcome(outcome)
    objections = list(
        decision.stances.filter(position=Stance.Position.OBJECTION).select_related("user__person")
    )
    if outcome in {Outcome.DECIDED, Outcome.APPROVED} and objections:
        names = ", ".join(
            (getattr(s.user, "person", None) and s.user.person.full_name) or s.user.get_username()
            for s in objections
        )
        raise ValidationError(
            _(
                "The proposal cannot be recorded as decided: %(names)s objects. Under the consensus rule "
                "it must be referred back for renewed preparation or struck."
            )
            % {"names": names},
            code="consensus",
        )
    decision.outcome = outcome
    decision.text = (text or "").strip() or decision.text or _default_text(decision, outcome)
    decision.recorded_by = user
    decision.recorded_at = timezone.now()
    decision.version += 1
    record_change(decision, user, f"recorded: {outcome}")
    decision.full_clean()
    decision.save()
    if outcome in Decision.CARRIED_OVER:
        upcoming = (
            Meeting.objects.filter(body_id=meeting.body_id, status__in=[Status.PLANNED, Status.AGENDA_SENT])
            .filter(date__gt=meeting.date)
            .order_by("date", "start_time")
            .first()
        )
        if upcoming is not None:
            carry_over(meeting=upcoming, user=user)
    return decision


def _default_text(decision, outcome):
    if outcome == Outcome.DECIDED:
        return decision.proposal
    return Outcome(outcome).label


@transaction.atomic
def minutes_approve(*, meeting, user, via_item=None):
    """The chair approves the minutes, or the next meeting's approval item does (``via_item``,
    recorded by whoever records that item's decision)."""
    if via_item is None:
        _require(user, meeting.body, APPROVE_MINUTES, _("Only the group's chair approves the minutes."))
    else:
        _require(
            user,
            meeting.body,
            MANAGE_MEETINGS,
            _("Only the group's chair and process leaders record decisions."),
        )
        meeting.approved_in = via_item
    if meeting.status != Status.MINUTES_DRAFTED:
        raise ValidationError(
            _("Only drafted minutes can be approved; these are “%(status)s”.")
            % {"status": meeting.get_status_display()},
            code="transition",
        )
    unrecorded = AgendaItem.objects.filter(meeting=meeting, decision__outcome="").count()
    if unrecorded:
        raise ValidationError(
            _("Record the outcome of every decision item before approving the minutes (%(count)s left).")
            % {"count": unrecorded},
            code="unrecorded",
        )
    meeting.approved_by = user
    meeting.approved_at = timezone.now()
    _move(meeting, Status.MINUTES_APPROVED, user, "minutes approved")
    return meeting


@transaction.atomic
def approval_item_record(*, item, user):
    """The "approval of the previous minutes" item: approves them and records that it did."""
    if item.approves is None:
        raise ValidationError(_("This item does not say which minutes it approves."), code="no_minutes")
    minutes_approve(meeting=item.approves, user=user, via_item=item)
    decision, _created = Decision.objects.get_or_create(item=item, defaults={"proposal": item.title})
    if not decision.outcome:
        decision_record(
            decision=decision,
            user=user,
            outcome=Outcome.APPROVED,
            text=_("The minutes of %(date)s are approved.") % {"date": item.approves.date.isoformat()},
        )
    return item.approves


@transaction.atomic
def minutes_publish(*, meeting, user):
    """Publish approved minutes: they become public, searchable and appear in the feed."""
    _require(
        user, meeting.body, PUBLISH_MINUTES, _("Only communicators and process leaders publish minutes.")
    )
    if meeting.status != Status.MINUTES_APPROVED:
        raise ValidationError(
            _("Only approved minutes can be published; these are “%(status)s”.")
            % {"status": meeting.get_status_display()},
            code="unapproved",
        )
    meeting.published_at = timezone.now()
    meeting.published_by = user
    _move(meeting, Status.PUBLISHED, user, "published")
    reindex(meeting)
    return meeting


def search_texts(meeting):
    """(title text, body text) of a meeting's minutes, for the search index."""
    items = list(meeting.items.select_related("decision").order_by("position", "pk"))
    title = " ".join(
        [meeting.body.name, meeting.body.short_name, meeting.title, meeting.get_kind_display()]
        + [item.title for item in items]
    )
    parts = []
    for item in items:
        parts += [item.description, item.questions, item.minutes, item.dialogue]
        decision = getattr(item, "decision", None)
        if decision is not None:
            parts += [decision.proposal, decision.text]
    return " ".join(title.split()), "\n".join(p for p in parts if p)


def reindex(meeting):
    """Store the searchable text of published minutes (and the weighted tsvector on PostgreSQL).

    A queryset update: the derived columns are not part of the meeting's history.
    """
    title, document = search_texts(meeting)
    values = {"search_title": title, "search_document": document}
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        values["search_vector"] = SearchVector(Value(title), weight="A", config="swedish") + SearchVector(
            Value(document), weight="B", config="swedish"
        )
    Meeting.objects.filter(pk=meeting.pk).update(**values)


@transaction.atomic
def attendance_save(*, meeting, user, statuses, people, guest=None):
    """Record who was present, excused or absent (people: id -> (person, organisation, guest));
    ``guest``: a person to add as present guest. Rows are saved only when they change."""
    from .models import Attendance

    _require(
        user,
        meeting.body,
        MANAGE_MEETINGS,
        _("Only the group's process leaders and chair record attendance."),
    )
    existing = {a.person_id: a for a in meeting.attendances.all()}
    for person_id, status in statuses.items():
        person, organisation, is_guest = people[person_id]
        row = existing.get(person_id)
        if row is not None and row.status == status:
            continue
        row = row or Attendance(
            meeting=meeting, person=person, organisation=organisation, title=person.title, is_guest=is_guest
        )
        row.status = status
        record_change(row, user, "attendance")
        row.full_clean()
        row.save()
    if guest is not None and guest.pk not in existing:
        row = Attendance(
            meeting=meeting,
            person=guest,
            organisation=guest.organisation,
            title=guest.title,
            is_guest=True,
            status=Attendance.Status.PRESENT,
        )
        record_change(row, user, "guest")
        row.full_clean()
        row.save()
