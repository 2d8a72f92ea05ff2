"""Meeting workflows: every write of the meetings app, each in one transaction.

Each service checks permission and state through the models' lifecycles (``Meeting.lifecycle``,
``Decision.lifecycle``, ``Assignment.lifecycle``) or ``holds``, claims the rows it changes (the
version, and for a move the state as read), validates, and records who and why in the history.
Agenda, details and minutes change only while ``Meeting.lifecycle`` allows it (until the minutes
are approved); published minutes change only through ``minutes_correct``, which records the
correction. Whenever public text of published minutes changes, the search text is rebuilt
(``reindex``). Mail is written to the outbox and goes out after the commit.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Max, Q, Value
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from governance.permissions import MANAGE_MEETINGS, TAKE_STANCE, holds
from samverkan.concurrency import Conflict, claim, save_versioned
from samverkan.history import record_change
from samverkan.lifecycle import REFUSED, changed_meanwhile, refused_message

from . import mail, search
from .models import AgendaItem, Assignment, Attendance, Decision, Meeting, MinutesCorrection, Stance

Status = Meeting.Status
Outcome = Decision.Outcome
REMINDER_AHEAD = datetime.timedelta(days=7)  # "due in 7 days"
REMINDER_CATCH_UP = datetime.timedelta(days=7)  # how far back the daily run finds missed overdue notices


class MinutesConflict(Conflict):
    """Somebody saved part of the minutes since the editor read them; ``stale`` lists the rows
    (meeting or items) as they are now, so the editor can show both versions."""

    def __init__(self, stale):
        self.stale = stale
        super().__init__(stale[0])


def _require(user, body, codename, message):
    if not holds(user, codename, body):
        raise PermissionDenied(message)


def _save(obj, user, reason):
    record_change(obj, user, reason)
    obj.full_clean()
    obj.save()
    return obj


# --- Planning and the agenda -----------------------------------------------------------------------


def _previous_meeting(meeting):
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


def _lock_agenda(meeting):
    """Lock the meeting row until the transaction ends: every change of the agenda's numbering
    (add, move, remove, carry over) and of the attendance takes this lock first, so two of them
    never number from the same reading. ``(meeting, position)`` is also unique in the database.
    Returns the row as it is now: a move of the meeting (approval) waits for, or is seen by, it."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _editable_agenda(meeting, user):
    """Lock the meeting, then refuse unless its agenda and minutes may change now, by ``user``."""
    locked = _lock_agenda(meeting)
    Meeting.lifecycle.check_edit(locked, user)
    return locked


def _next_position(meeting):
    """The number after the agenda's last item, read under the meeting's lock."""
    _lock_agenda(meeting)
    return (meeting.items.aggregate(top=Max("position"))["top"] or 0) + 1


def _carry_over(meeting, user):
    """Put every tabled or referred-back item of the body's earlier meetings, not yet taken up,
    on ``meeting``'s agenda (before it is held). Returns the new items."""
    if not meeting.is_upcoming:
        return []
    _lock_agenda(meeting)  # two recordings at once must not both carry the same item
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
        _save(item, user, _("Carried over"))
        _save(Decision(item=item, proposal=old.decision.proposal), user, _("Carried over"))
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
    _save(meeting, user, _("Planned"))
    opening = AgendaItem(
        meeting=meeting, position=1, kind=AgendaItem.Kind.OPENING, title=_("Check-in and opening")
    )
    _save(opening, user, _("Planned"))
    previous = _previous_meeting(meeting)
    if previous is not None:
        approval = AgendaItem(
            meeting=meeting,
            position=2,
            kind=AgendaItem.Kind.APPROVAL,
            title=_("Approval of the minutes of %(date)s") % {"date": previous.date.isoformat()},
            approves=previous,
        )
        _save(approval, user, _("Planned"))
    _carry_over(meeting, user)
    return meeting


@transaction.atomic
def meeting_save(*, meeting, user, version):
    """Save the meeting's details (kind, title, date, time, place) while the minutes are open."""
    Meeting.lifecycle.check_edit(meeting, user)
    return save_versioned(meeting, user=user, reason=_("Edited"), expected=version)


def _set_proposal(item, user, proposal):
    """Give ``item`` its proposed decision, whatever its kind; change it while still proposed."""
    proposal = (proposal or "").strip()
    decision = getattr(item, "decision", None)
    if decision is None:
        if proposal:
            _save(Decision(item=item, proposal=proposal), user, _("Proposed"))
        return
    if proposal and proposal != decision.proposal:
        if not decision.is_proposed:
            raise ValidationError(
                _("The decision is recorded: its proposal can no longer change."), code=REFUSED
            )
        decision.proposal = proposal
        save_versioned(decision, user=user, reason=_("Proposal edited"))


@transaction.atomic
def item_add(*, item, user, proposal=""):
    """Add an item at the end of the agenda, with its proposed decision when one is given (any
    kind of item can carry a decision; a decision item needs one)."""
    meeting = item.meeting
    _editable_agenda(meeting, user)
    if item.kind == AgendaItem.Kind.DECISION and not (proposal or "").strip():
        proposal = item.title
    item.position = _next_position(meeting)
    _save(item, user, _("Added"))
    _set_proposal(item, user, proposal)
    decision = getattr(item, "decision", None)
    if decision is not None and Meeting.objects.filter(pk=meeting.pk, status=Status.AGENDA_SENT).exists():
        # The members were sent the agenda without this proposal: ask for their stances on it.
        mail.stances_requested(meeting, user, [decision], key=f"stance:{decision.pk}")
    return item


@transaction.atomic
def item_save(*, item, user, version, proposal=None):
    """Save an edited agenda item (and its proposed decision) while the minutes are open."""
    Meeting.lifecycle.check_edit(item.meeting, user)
    save_versioned(item, user=user, reason=_("Edited"), expected=version)
    if proposal is not None:
        _set_proposal(item, user, proposal)
    return item


@transaction.atomic
def attachment_add(*, attachment, user):
    """Attach a PDF or Office file to an item while the minutes are open."""
    Meeting.lifecycle.check_edit(attachment.item.meeting, user)
    attachment.uploaded_by = user
    attachment.size = attachment.file.size
    return _save(attachment, user, _("Attached"))


@transaction.atomic
def item_move(*, item, user, offset, seen=None):
    """Swap the item with its neighbour above (offset -1) or below (+1).

    ``seen``: the item's number on the page the user clicked. If it has moved since (the same
    click sent twice, or somebody else's move), nothing moves: a double click moves once.
    """
    _editable_agenda(item.meeting, user)
    items = list(item.meeting.items.order_by("position", "pk"))
    index = next((i for i, other in enumerate(items) if other.pk == item.pk), None)
    if index is None or (seen is not None and items[index].position != seen):
        raise ValidationError(
            _("The agenda changed since you read it: nothing was moved. Check the order and try again."),
            code="conflict",
        )
    target = index + offset
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    _renumber(items, user)


def _renumber(items, user):
    for position, other in enumerate(items, start=1):
        if other.position != position:
            other.position = position
            claim(other)
            record_change(other, user, _("Moved"))
            other.save(update_fields=["position", "version"])


@transaction.atomic
def item_remove(*, item, user, version=None):
    """Remove an item before the meeting is held (afterwards it belongs to the minutes).
    ``version``: the item's version the user confirmed; if it was edited since, nothing goes."""
    meeting = _editable_agenda(item.meeting, user)
    if not meeting.is_upcoming:
        raise ValidationError(refused_message(item, _("remove"), meeting.get_status_display()), code=REFUSED)
    current = AgendaItem.objects.filter(pk=item.pk).values_list("version", flat=True).first()
    if current is None:  # removed while we waited for the lock
        raise ValidationError(_("The item was already removed."), code="conflict")
    if version is not None and current != version:
        raise changed_meanwhile(item)
    record_change(item, user, _("Removed"))
    item.delete()
    _renumber(list(meeting.items.order_by("position", "pk")), user)


# --- The meeting's moves ---------------------------------------------------------------------------


@transaction.atomic
def meeting_send_agenda(*, meeting, user, version=None):
    """Send the agenda: the meeting becomes "agenda sent" and each member's mail (with an .ics
    invitation) is written to the outbox in the same transaction, delivered after the commit. A
    double click moves once (the claim) and each mail has a unique key: one mail per member."""
    Meeting.lifecycle.apply(meeting, "send_agenda", user=user, version=version)
    mail.agenda_sent(meeting, user)
    return meeting


@transaction.atomic
def meeting_mark_held(*, meeting, user, version=None):
    return Meeting.lifecycle.apply(meeting, "mark_held", user=user, version=version)


@transaction.atomic
def minutes_approve(*, meeting, user, version=None):
    """The chair approves the minutes (every decision recorded); they are frozen from now on, and
    the publishers are told. ``version``: the meeting's version the chair confirmed (a stale one is
    refused)."""
    Meeting.lifecycle.apply(
        meeting, "approve", user=user, version=version, approved_by=user, approved_at=timezone.now()
    )
    mail.minutes_approved(meeting, user)
    return meeting


@transaction.atomic
def approval_item_record(*, item, user):
    """The next meeting's "approval of the previous minutes" item approves them, and records
    that it did (its decision "approved")."""
    minutes = item.approves
    if minutes is None:
        raise ValidationError(_("This item does not say which minutes it approves."), code="no_minutes")
    Meeting.lifecycle.apply(
        minutes,
        "approve_at_meeting",
        user=user,
        approved_by=user,
        approved_at=timezone.now(),
        approved_in=item,
    )
    mail.minutes_approved(minutes, user)
    decision = getattr(item, "decision", None) or _save(
        Decision(item=item, proposal=item.title), user, _("Proposed")
    )
    if decision.is_proposed:
        decision_record(
            decision=decision,
            user=user,
            outcome=Outcome.APPROVED,
            text=_("The minutes of %(date)s are approved.") % {"date": minutes.date.isoformat()},
        )
    return minutes


@transaction.atomic
def minutes_publish(*, meeting, user, version=None):
    """Publish approved minutes: they become public, searchable and appear in the feed."""
    Meeting.lifecycle.apply(
        meeting, "publish", user=user, version=version, published_at=timezone.now(), published_by=user
    )
    reindex(meeting)
    mail.minutes_published(meeting, user)
    return meeting


# --- The minutes ------------------------------------------------------------------------------------


@transaction.atomic
def minutes_save(*, meeting, user, version, items=(), new_taker=None):
    """Save the whole minutes at once: the header (``meeting`` as edited: minutes taker, next
    meeting) and every item's text (``items``: ``(item, seen version, {"minutes", "dialogue",
    "decision"})``). A text typed under "Decision" on an item without one gives it a decision.

    If anybody saved the meeting or any item since the editor read them, nothing is saved
    (``MinutesConflict`` lists them). ``new_taker``: an unsaved person (without a seat) who took
    the minutes. A held meeting's minutes become "drafted".
    """
    current = Meeting.objects.get(pk=meeting.pk)
    Meeting.lifecycle.check_edit(current, user)
    stale = [current] if current.version != version else []
    fresh = {i.pk: i for i in AgendaItem.objects.filter(meeting=meeting).select_related("decision")}
    stale += [fresh[item.pk] for item, seen, _texts in items if fresh[item.pk].version != seen]
    if stale:
        raise MinutesConflict(stale)
    if new_taker is not None:
        meeting.minutes_taker = _save(new_taker, user, _("Took the minutes"))
    if _changed(current, meeting, ["minutes_taker_id", "next_meeting"]):
        save_versioned(meeting, user=user, reason=_("Minutes edited"), expected=version)
    for item, seen, texts in items:
        _item_texts_save(fresh[item.pk], user, seen, texts)
    if meeting.lifecycle.state(current) == Status.HELD:
        meeting.refresh_from_db()
        Meeting.lifecycle.apply(meeting, "draft_minutes", user=user)
    _tell_when_ready(meeting, user)
    return meeting


def _tell_when_ready(meeting, user):
    """Once the minutes are drafted and every decision recorded, those who approve are told (once)."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    if meeting.status == Status.MINUTES_DRAFTED and meeting.unrecorded_refusal() is None:
        mail.minutes_ready(meeting, user)


def _changed(before, after, fields):
    return any(getattr(before, name) != getattr(after, name) for name in fields)


def _item_texts_save(item, user, seen, texts):
    """One item's part of ``minutes_save``: its own text, and its decision's."""
    decision = getattr(item, "decision", None)
    text = texts.get("decision", "").strip()
    if texts["minutes"] != item.minutes or texts["dialogue"] != item.dialogue:
        item.minutes, item.dialogue = texts["minutes"], texts["dialogue"]
        save_versioned(item, user=user, reason=_("Minutes edited"), expected=seen)
    if decision is None and text:
        _save(Decision(item=item, proposal=text, text=text), user, _("Decision written in the minutes"))
    elif decision is not None and text != decision.text:
        decision.text = text
        save_versioned(decision, user=user, reason=_("Minutes edited"))


@transaction.atomic
def minutes_correct(*, meeting, user, item, field, text, reason):
    """Correct published minutes (rättelse): apply ``text`` to ``field`` of ``item`` (or of the
    meeting: the next meeting), record what changed, why, who and when, and re-index."""
    _require(
        user, meeting.body, MANAGE_MEETINGS, _("Only the group's process leaders and chair correct minutes.")
    )
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.is_published:
        raise ValidationError(
            refused_message(meeting, _("correct"), meeting.get_status_display()), code=REFUSED
        )
    Field = MinutesCorrection.Field
    target = meeting
    if item is not None:
        item = AgendaItem.objects.select_related("decision").get(pk=item.pk, meeting=meeting)
        target = item
        if field == Field.DECISION:
            target = getattr(item, "decision", None)
            if target is None:
                raise ValidationError(
                    {"field": ValidationError(_("This item has no decision to correct."), code="no_decision")}
                )
    attribute = "text" if field == Field.DECISION else field
    correction = MinutesCorrection(
        meeting=meeting,
        item=item,
        field=field,
        before=getattr(target, attribute),
        after=text.strip(),
        reason=(reason or "").strip(),
        corrected_by=user,
    )
    correction.full_clean()
    if correction.before == correction.after:
        raise ValidationError({"after": _("The new text is the same as the old one.")}, code="unchanged")
    setattr(target, attribute, correction.after)
    label = _("Correction: %(reason)s") % {"reason": correction.reason}
    save_versioned(target, user=user, reason=label)
    _save(correction, user, _("Corrected"))
    reindex(meeting)
    return correction


@transaction.atomic
def reindex(meeting):
    """Store the searchable text of published minutes (and the weighted tsvector on PostgreSQL).

    A queryset update: the derived columns are not part of the meeting's history.
    """
    items = meeting.items.select_related("decision").order_by("position", "pk")
    agenda = [(item, getattr(item, "decision", None)) for item in items]
    title, document = search.search_texts(meeting, agenda)
    values = {"search_title": title, "search_document": document}
    if connection.vendor == "postgresql":
        values["search_vector"] = search.search_vector(Value(title), Value(document))
    Meeting.objects.filter(pk=meeting.pk).update(**values)


@transaction.atomic
def reindex_stored_texts(meetings):
    """Compute the tsvector of ``meetings`` from their stored search texts, in one statement (for
    rows whose texts were written in bulk, e.g. by the scale-data generator). PostgreSQL only."""
    if connection.vendor == "postgresql":
        meetings.update(search_vector=search.search_vector("search_title", "search_document"))


# --- Decisions and stances --------------------------------------------------------------------------


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
    if not decision.is_proposed:
        raise ValidationError(
            refused_message(decision, _("take a stance on"), decision.get_outcome_display()), code=REFUSED
        )
    reason = (reason or "").strip()
    stance = Stance.objects.select_for_update().filter(decision=decision, user=user).first()
    if stance is not None and stance.position == position and stance.reason == reason:
        return stance, False
    stance = stance or Stance(decision=decision, user=user)
    stance.position = position
    stance.reason = reason
    _save(stance, user, _("Stance"))
    if position == Stance.Position.OBJECTION:
        mail.objection_raised(stance, user)
    return stance, True


@transaction.atomic
def decision_record(*, decision, user, outcome, text=""):
    """Record the outcome of a decision: the move named after it, under the consensus rule
    ("decided" or "approved" only while no member objects). Tabled and referred-back items go on
    the body's next planned agenda."""
    _lock(decision)
    outcome = Outcome(outcome)
    text = (text or "").strip() or decision.text or _default_text(decision, outcome)
    Decision.lifecycle.apply(
        decision, outcome.value, user=user, text=text, recorded_by=user, recorded_at=timezone.now()
    )
    meeting = decision.item.meeting
    if outcome in Decision.CARRIED_OVER:
        upcoming = (
            Meeting.objects.filter(body_id=meeting.body_id, status__in=[Status.PLANNED, Status.AGENDA_SENT])
            .filter(date__gt=meeting.date)
            .order_by("date", "start_time")
            .first()
        )
        if upcoming is not None:
            _carry_over(upcoming, user)
    _tell_when_ready(meeting, user)
    return decision


def _default_text(decision, outcome):
    if outcome == Outcome.DECIDED:
        return decision.proposal
    return Outcome(outcome).label


# --- Assignments ------------------------------------------------------------------------------------


@transaction.atomic
def assignment_add(*, assignment, user):
    """Give an assignment by a decision (also after approval: follow-up is not the minutes)."""
    _require(
        user,
        assignment.body,
        MANAGE_MEETINGS,
        _("Only the group's process leaders and chair give assignments."),
    )
    _save(assignment, user, _("Assigned"))
    mail.assignment_notice("assignment_given", assignment, user)
    return assignment


@transaction.atomic
def assignment_reminders(today=None):
    """The daily reminders: assignments not done that are due within 7 days, or overdue (looking
    back ``REMINDER_CATCH_UP`` days, so a missed day catches up). Each notice is given once per
    assignment (its key); returns how many were given."""
    today = today or timezone.localdate()
    open_ = Assignment.objects.exclude(status=Assignment.Status.DONE).select_related(
        "body", "responsible_person"
    )
    given = 0
    for kind, due in [
        ("assignment_due", Q(due_date__gte=today, due_date__lte=today + REMINDER_AHEAD)),
        ("assignment_overdue", Q(due_date__lt=today, due_date__gte=today - REMINDER_CATCH_UP)),
    ]:
        for assignment in open_.filter(due).order_by("due_date", "pk"):
            given += bool(mail.assignment_notice(kind, assignment))
    return given


@transaction.atomic
def assignment_move(*, assignment, user, action):
    """Start, finish or reopen an assignment (``Assignment.lifecycle``)."""
    return Assignment.lifecycle.apply(assignment, action, user=user)


# --- Attendance ------------------------------------------------------------------------------------


@transaction.atomic
def attendance_save(*, meeting, user, statuses, people, guest=None):
    """Record who was present, excused or absent (people: id -> (person, organisation, guest));
    ``guest``: a person to add as present guest. Rows are saved only when they change."""
    _editable_agenda(meeting, user)  # two saves of the same page must not both add the same person
    existing = {a.person_id: a for a in meeting.attendances.all()}
    added = []
    for person_id, status in statuses.items():
        person, organisation, is_guest = people[person_id]
        row = existing.get(person_id)
        if row is None:
            row = Attendance(
                meeting=meeting,
                person=person,
                organisation=organisation,
                title=person.title,
                is_guest=is_guest,
                status=status,
            )
            # The people and the meeting were just read, and the lock above keeps one row per
            # person: only the fields' own values are left to check (no query per row).
            row.clean_fields(exclude=["meeting", "person", "organisation"])
            added.append(row)
        elif row.status != status:
            row.status = status
            _save(row, user, _("Attendance"))
    # A whole meeting's list at once: one insert of the rows and one of their history.
    bulk_create_with_history(added, Attendance, default_user=user, default_change_reason=_("Attendance"))
    if guest is not None and guest.pk not in existing:
        _add_guest(meeting, guest, user)
    return meeting


def _add_guest(meeting, person, user):
    row = Attendance(
        meeting=meeting,
        person=person,
        organisation=person.organisation,
        title=person.title,
        is_guest=True,
        status=Attendance.Status.PRESENT,
    )
    return _save(row, user, _("Guest"))


@transaction.atomic
def guest_add(*, meeting, user, person):
    """Add a guest who holds no seat (an unsaved ``Person``: name, title, organisation, e-mail)
    to the meeting as present; they can then be named as the minutes taker too."""
    _editable_agenda(meeting, user)
    _save(person, user, _("Guest"))
    return _add_guest(meeting, person, user)
