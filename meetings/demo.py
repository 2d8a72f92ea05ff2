"""Demo meetings: the 2024 history (``demo/meetings_2024.toml``, as Årsrapport 2024 states it) and
the series of ``demo/meetings.toml``, which follow the calendar up to a few months after the load.

Every meeting walks its lifecycle through ``meetings.services``, as the people of its body would:
planned with its agenda and proposals, agenda sent, held (attendance, minutes, decisions),
approved by the chair and published; ``stamped`` dates each step. Idempotent: a meeting is found
by body, date and start time, and a reload on a later day only moves it forward.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from governance.demo import acting
from governance.models import Body, Membership, Organisation, Person
from governance.permissions import APPROVE_MINUTES, MANAGE_MEETINGS, PUBLISH_MINUTES
from samverkan.demo import add_months, at, compose, data, nth_weekday, relative, rng, stamped

from .models import AgendaItem, Assignment, Attendance, Decision, Meeting, Stance
from .services import (
    assignment_add,
    attendance_save,
    decision_record,
    item_add,
    item_move,
    meeting_create,
    meeting_mark_held,
    meeting_send_agenda,
    minutes_approve,
    minutes_publish,
    minutes_save,
    stance_set,
)

S = Meeting.Status
PHYSICAL = Meeting.Mode.PHYSICAL
IK = AgendaItem.Kind
OUT = Decision.Outcome

LGS_PARTICIPANTS = 15  # present at every LGS meeting in 2024 ("I snitt 15 deltagare/möte")
TAKER = {"lgs": "Helena Strand", "lgs-beredningsgrupp": "Helena Strand", "politiskt-samrad": "Helena Strand"}
APPROVED_TEXT = "Minnesanteckningarna godkänns."


def _d(value):
    return datetime.date.fromisoformat(value)


def _t(value):
    return datetime.time.fromisoformat(value)


# --- The 2024 history (demo/meetings_2024.toml) -------------------------------------------------


def _item(row):
    """(kind, title, presenter, minutes, dialogue, decision: (proposal, outcome, text) or None)."""
    decision = (
        (row["proposal"], row.get("outcome", ""), row.get("decision", "")) if "proposal" in row else None
    )
    texts = (row.get("presenter", ""), row.get("minutes", ""), row.get("dialogue", ""))
    return (row["kind"], row["title"], *texts, decision)


HISTORY = data("meetings_2024")
LGS_ITEMS = {day["date"]: [_item(row) for row in day["items"]] for day in HISTORY["lgs_minutes"]}
MEETINGS_2024 = [
    (row["body"], row["date"], row["start"], row["end"], row["kind"], row["mode"])
    for row in HISTORY["meetings"]
]
GENERIC_ITEMS = [_item(row) for row in HISTORY["generic_items"]]


def _person(full_name):
    first, last = full_name.rsplit(" ", 1)
    return Person.objects.select_related("organisation", "user").get(first_name=first, last_name=last)


RANK = {status: rank for rank, status in enumerate(S.values)}  # the lifecycle's order
HELD = {S.HELD, S.MINUTES_DRAFTED, S.MINUTES_APPROVED, S.PUBLISHED}


def _schedule(today):
    """(body slug, date, start, end, kind, mode, status) of the history and the calendar series."""
    config = data("meetings")
    rows = [(*row, S.PUBLISHED) for row in MEETINGS_2024]
    horizon = add_months(today, config["ahead_months"])
    series = []
    for spec in config["series"]:
        for year in range(config["first_year"], horizon.year + 1):
            for month in spec["months"]:
                day = nth_weekday(year, month, spec["week"], spec["weekday"])
                if day <= horizon:
                    series.append(
                        (
                            spec["body"],
                            day.isoformat(),
                            spec["start"],
                            spec["end"],
                            spec["kind"],
                            spec["mode"],
                        )
                    )
    rows += [(*row, _status(row[1], today, config)) for row in sorted(series)]
    latest = {}
    for index, row in enumerate(rows):
        if row[-1] == S.PUBLISHED and row[1] >= str(config["first_year"]):
            latest[row[0]] = index
    for slug, status in config["waiting"].items():
        if slug in latest:
            rows[latest[slug]] = (*rows[latest[slug]][:-1], status)
    return sorted(rows, key=lambda row: (row[0], row[1]))


def _status(day, today, config):
    day = _d(day)
    if day <= today:
        return S.PUBLISHED
    return S.AGENDA_SENT if day <= today + datetime.timedelta(days=config["agenda_days"]) else S.PLANNED


def _composed_items(slug, date):
    """The agenda of a calendar meeting: dialogue from the seeds' sentences and LGS's decisions
    (``meeting_create`` adds the items its previous meeting tabled or referred back)."""
    config = data("meetings")
    day = _d(date)
    random_ = rng(slug, date)
    topics = random_.sample(data("texts")["topics"], 3)
    items = [GENERIC_ITEMS[0]]
    for index, topic in enumerate(topics[:2]):
        items.append(
            (
                IK.DIALOGUE if index == 0 else IK.INFORMATION,
                topic[0].upper() + topic[1:],
                "",
                compose(slug, date, index, topic=topic),
                compose(slug, date, index, "dialog", sentences=2, topic=topic) if index == 0 else "",
                None,
            )
        )
    if slug == config["open_proposal"]["body"]:
        words = {"year": day.year, "last_year": day.year - 1, "next_year": day.year + 1, "topic": topics[2]}
        for spec in config["decisions"]:
            if day.month in spec["months"]:
                title, proposal = spec["title"].format(**words), spec["proposal"].format(**words)
                items.append(
                    (
                        IK.DECISION,
                        title,
                        "",
                        compose(slug, date, title, sentences=2),
                        "",
                        (proposal, spec["outcome"], proposal),
                    )
                )
    items.append(GENERIC_ITEMS[-1])
    return items


def _agenda(slug, date):
    """The items of the schedule row's meeting, after the opening that ``meeting_create`` adds."""
    if slug == "lgs" and date in LGS_ITEMS:
        return [*LGS_ITEMS[date], GENERIC_ITEMS[-1]]
    return GENERIC_ITEMS[1:] if date.startswith("2024") else _composed_items(slug, date)[1:]


class Acting:
    """Who makes each move in a body: its demo logins that hold the right, else the demo actor."""

    def __init__(self, body):
        self.manager = acting(body, MANAGE_MEETINGS)
        self.chair = acting(body, APPROVE_MINUTES)
        self.publisher = acting(body, PUBLISH_MINUTES)


def _plan(body, row, today, who):
    """The meeting of the schedule row, planned with its agenda and proposals; None where the body
    already has another meeting in that month (the calendar series leaves such months alone)."""
    slug, date, start, end, kind, mode, status = row
    meeting = Meeting.objects.filter(body=body, date=_d(date), start_time=_t(start)).first()
    if meeting is not None:
        return meeting
    if (
        not date.startswith("2024")
        and body.meetings.filter(date__year=date[:4], date__month=date[5:7]).exists()
    ):
        return None
    planned = min(_d(date) - datetime.timedelta(days=data("meetings")["agenda_days"]), today)
    with stamped(planned, who.manager):
        meeting = Meeting(
            body=body,
            date=_d(date),
            start_time=_t(start),
            end_time=_t(end),
            kind=kind,
            mode=mode,
            place="Samverkanskontoret, Göteborg" if mode == PHYSICAL else "Teams",
        )
        meeting_create(meeting=meeting, user=who.manager)
        carried = set(meeting.items.values_list("title", flat=True))
        for kind_, title, presenter, minutes, dialogue, decision in _agenda(slug, date):
            if title not in carried:
                item = AgendaItem(meeting=meeting, kind=kind_, title=title, presenter=presenter)
                if status in HELD:  # already held on this day: its minutes are written as it is added
                    item.minutes, item.dialogue = minutes, dialogue
                else:
                    item.description = minutes
                item_add(item=item, user=who.manager, proposal=decision[0] if decision else "")
    return meeting


def _advance(meeting, row, following, today, who):
    """Move the meeting forward to the row's status (the calendar moved on since the last load)."""
    slug, date, _start, end, _kind, _mode, status = row
    if RANK[meeting.status] >= RANK[status]:
        return
    if meeting.status == S.PLANNED and status != S.PLANNED:
        sent = min(meeting.date - datetime.timedelta(days=data("meetings")["agenda_days"]), today)
        with stamped(sent, who.manager):
            meeting_send_agenda(meeting=meeting, user=who.manager)
    held = at(meeting.date, end)
    if meeting.is_upcoming and status in HELD:
        with stamped(held, who.manager, bulk=[Attendance]):
            _hold(meeting, row, following, who.manager)
        if status == S.MINUTES_DRAFTED and slug == data("meetings")["open_proposal"]["body"]:
            _open_proposal(meeting, today, held, who.manager)
    approved = min(at(meeting.date + datetime.timedelta(days=14)), at(today, "09:00"))
    if meeting.status == S.MINUTES_DRAFTED and status in {S.MINUTES_APPROVED, S.PUBLISHED}:
        with stamped(approved, who.chair):
            _record(meeting.items.filter(decision__outcome=""), {}, who.manager)  # the open proposal
            minutes_approve(meeting=meeting, user=who.chair)
    if meeting.status == S.MINUTES_APPROVED and status == S.PUBLISHED:
        with stamped(min(approved + datetime.timedelta(days=7), at(today, "09:30")), who.publisher):
            minutes_publish(meeting=meeting, user=who.publisher)


def _hold(meeting, row, following, user):
    """The meeting is held: attendance, the minutes of every item, every decision recorded."""
    slug, date = row[0], row[1]
    meeting_mark_held(meeting=meeting, user=user)
    _attendance(
        meeting, user, exactly=LGS_PARTICIPANTS if slug == "lgs" and date.startswith("2024") else None
    )
    meeting.refresh_from_db()
    if slug in TAKER:
        meeting.minutes_taker = _person(TAKER[slug])
    else:
        leader = meeting.body.memberships.filter(role=Membership.Role.PROCESS_LEADER).first()
        meeting.minutes_taker_id = leader.person_id if leader else meeting.minutes_taker_id
    if following is not None:
        meeting.next_meeting = (
            f"{following[1]}, {following[2].replace(':', '.')}–{following[3].replace(':', '.')}"
        )
    spec = {
        title: (minutes, dialogue, decision)
        for _k, title, _p, minutes, dialogue, decision in _agenda(slug, date)
    }
    items = list(meeting.items.select_related("decision", "carried_from").order_by("position"))
    texts = []
    for item in items:
        earlier = item.carried_from.minutes if item.carried_from else item.description
        minutes, dialogue, _decision = spec.get(item.title, (earlier, "", None))
        if item.kind == IK.OPENING:
            minutes = GENERIC_ITEMS[0][3]
        texts.append(
            (
                item,
                item.version,
                {
                    "minutes": minutes,
                    "dialogue": dialogue,
                    "decision": APPROVED_TEXT if item.kind == IK.APPROVAL else "",
                },
            )
        )
    minutes_save(meeting=meeting, user=user, version=meeting.version, items=texts)
    _record(meeting.items.exclude(decision=None), spec, user)


def _record(items, spec, user):
    """Record the outcome of each item's decision: as the data has it, else decided (referred back
    where a member objects, under the consensus rule); an approval item approves."""
    for item in items.select_related("decision"):
        decision = spec.get(item.title, (None, None, None))[2] or ("", "", "")
        outcome = decision[1] or OUT.DECIDED
        if item.kind == IK.APPROVAL:
            outcome = OUT.APPROVED
        elif item.decision.stances.filter(position=Stance.Position.OBJECTION).exists():
            outcome = OUT.REFERRED_BACK
        text = decision[2] or item.decision.text or item.decision.proposal
        decision_record(decision=item.decision, user=user, outcome=outcome, text=text)


def _attendance(meeting, user, exactly=None):
    """Present and excused seat holders of the day (one row per person). ``exactly``: how many
    are present (the rest excused, in turn by date); default: everyone but one in seven."""
    seats = (
        Membership.objects.current(meeting.date)
        .filter(body=meeting.body, person__isnull=False)
        .exclude(role=Membership.Role.COMMUNICATOR)
        .select_related("person__organisation", "organisation")
        .order_by("person__last_name", "person__first_name")
    )
    people = {}
    for seat in seats:
        people.setdefault(seat.person_id, (seat.person, seat.represents, False))
    ids = list(people)
    absent = max(0, len(ids) - exactly) if exactly is not None else len(ids) // 7
    offset = meeting.date.toordinal() % max(1, len(ids))
    excused = {ids[(offset + i) % len(ids)] for i in range(absent)}
    statuses = {pk: Attendance.Status.EXCUSED if pk in excused else Attendance.Status.PRESENT for pk in ids}
    attendance_save(meeting=meeting, user=user, statuses=statuses, people=people)


@transaction.atomic
def load_demo(stdout=None, today=None):
    """Load the demo meetings up to ``today`` and a few months on (idempotent)."""
    today = today or timezone.localdate()
    schedule = _schedule(today)
    bodies = {body.slug: body for body in Body.objects.filter(slug__in={row[0] for row in schedule})}
    who = {slug: Acting(body) for slug, body in bodies.items()}
    for index, row in enumerate(schedule):
        if row[0] not in bodies:
            continue
        meeting = _plan(bodies[row[0]], row, today, who[row[0]])
        if meeting is not None:
            following = schedule[index + 1] if index + 1 < len(schedule) else None
            following = following if following and following[0] == row[0] else None
            _advance(meeting, row, following, today, who[row[0]])
    _assignments(bodies, today, who["lgs"].manager)


def _assignments(bodies, today, user):
    """The history's assignments, and those the calendar's LGS decisions gave (open, overdue)."""
    organisations = {o.name: o for o in Organisation.objects.all()}
    lgs = Decision.objects.filter(item__meeting__body=bodies["lgs"]).select_related("item__meeting")
    wanted = []
    for row in HISTORY["assignments"]:
        decision = lgs.filter(item__meeting__date=_d(row["date"]), item__title=row["title"]).first()
        wanted.append((decision, row, _d(row["due"]), row["status"]))
    for spec in data("meetings")["assignments"]:
        decided = lgs.filter(
            item__meeting__date__lte=relative(today, spec), item__kind=IK.DECISION, outcome=OUT.DECIDED
        )
        decision = decided.order_by("-item__meeting__date").first()
        if decision is not None:
            due = decision.item.meeting.date + datetime.timedelta(days=spec["due_days"])
            wanted.append((decision, spec, due, Assignment.Status.OPEN))
    for decision, spec, due, status in wanted:
        if decision is None or decision.assignments.filter(what=spec["what"]).exists():
            continue
        with stamped(decision.item.meeting.date, user):
            assignment = Assignment(
                body=bodies["lgs"],
                decision=decision,
                what=spec["what"],
                responsible_organisation=organisations.get(spec["organisation"]),
                due_date=due,
                status=status,
            )
            assignment_add(assignment=assignment, user=user)


def _open_proposal(meeting, today, held, user):
    """The proposal of the newest LGS minutes still waiting for a decision, with the stances of
    most members (demo/meetings.toml names them); the others have a stance to take."""
    spec = data("meetings")["open_proposal"]
    topic = rng(meeting.body.slug, meeting.date, "open").choice(data("texts")["topics"])
    item = AgendaItem(
        meeting=meeting,
        kind=IK.DECISION,
        title=spec["title"].format(topic=topic),
        minutes=compose(meeting.body.slug, meeting.date, "open", topic=topic),
        dialogue=compose(meeting.body.slug, meeting.date, "open-dialog", sentences=2, topic=topic),
    )
    with stamped(held, user):
        item_add(item=item, user=user, proposal=spec["proposal"].format(topic=topic))
        item_move(item=item, user=user, offset=-1)  # before "other business"
    for name in spec["supporters"]:
        person = _person(name)
        if person.user_id:
            with stamped(min(today, meeting.date + datetime.timedelta(days=2))):
                stance_set(decision=item.decision, user=person.user, position=Stance.Position.SUPPORT)
