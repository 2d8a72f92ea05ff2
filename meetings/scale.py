"""Generated meetings for scale tests: years of meetings of a generated sub-region's groups.

Each group meets eight to ten times a year. Meetings up to ``published_until`` have published
minutes (agenda items with minutes and dialogue written from the seed texts' sentences, decisions
with outcomes, members' stances, attendance, follow-up assignments, and the search index);
later ones are held with draft minutes, and the last ones are planned with an agenda.

Written in bulk, history rows included (``bulk_create_with_history``): meetings, agenda items,
decisions, stances, attendance and assignments, the way the services would leave them after the
whole workflow. The search texts are then stored with ``bulk_update`` and the tsvectors computed
in one statement (``services.reindex_stored_texts``): derived columns, outside the history.
"""

import datetime

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from governance.models import Membership

from .models import AgendaItem, Assignment, Attendance, Decision, Meeting, Stance
from .search import search_texts
from .services import reindex_stored_texts

S = Meeting.Status
IK = AgendaItem.Kind
REASON = "Genererad testdata"
BATCH = 2000

TOPICS = [
    "Trygga och säkra vårdövergångar",
    "Samordnad individuell plan (SIP)",
    "Avvikelser i samverkan",
    "Hemsjukvård och primärvård",
    "Barn och ungas psykiska hälsa",
    "Äldres läkemedelsanvändning",
    "Utskrivningsprocessen i SAMSA",
    "Brukarmedverkan",
    "Handlingsplanens aktiviteter",
    "Rapport från temagrupperna",
    "Uppföljning av samverkansavtalet",
    "Psykiatrins samverkansrutiner",
    "Rehabilitering efter sjukhusvistelse",
    "Digitala vårdmöten",
    "Kompetensförsörjning",
    "Suicidprevention",
    "Tidiga insatser för barn",
    "Läget i närområdet",
    "Årsrapport och delårsrapport",
    "Mobila team",
]
PROPOSALS = [
    "Att godkänna handlingsplanen för kommande år.",
    "Att ge processledaren i uppdrag att ta fram ett underlag till nästa möte.",
    "Att ställa sig bakom den gemensamma rutinen.",
    "Att lägga informationen till handlingarna.",
    "Att utse en arbetsgrupp med representanter från kommun och region.",
    "Att föreslå ledningsgruppen att prioritera frågan.",
]
# Months of the year each group meets in (the leadership group also in January and December).
MONTHS = [2, 3, 4, 5, 6, 9, 10, 11]
LEADERSHIP_MONTHS = [1, *MONTHS, 12]


def generate_meetings(*, unit, years, published_until, held_until, rng, text):
    """Create the meetings of ``unit``'s groups in ``years``; returns the number of meetings."""
    meetings = []
    for b, body in enumerate(unit.meeting_bodies):
        months = LEADERSHIP_MONTHS if body == unit.leadership else MONTHS
        for year in years:
            for month in months:
                date = datetime.date(year, month, 3 + (7 * b + 3 * month + year) % 24)
                meetings.append(_meeting(body, date, unit, rng, published_until, held_until))
    meetings = bulk_create_with_history(meetings, Meeting, batch_size=BATCH, default_change_reason=REASON)

    items, decisions, previous = [], [], {}
    agenda = {}  # meeting pk → [(item, decision or None)]
    for meeting in sorted(meetings, key=lambda m: (m.body_id, m.date)):
        rows = _agenda(meeting, previous.get(meeting.body_id), rng, text)
        previous[meeting.body_id] = meeting
        agenda[meeting.pk] = rows
        items += [item for item, _ in rows]
    bulk_create_with_history(items, AgendaItem, batch_size=BATCH, default_change_reason=REASON)
    for rows in agenda.values():
        for item, decision in rows:
            if decision is not None:
                decision.item = item
                decisions.append(decision)
    bulk_create_with_history(decisions, Decision, batch_size=BATCH, default_change_reason=REASON)

    stances, attendance, assignments = [], [], []
    for meeting in meetings:
        if meeting.is_upcoming:
            continue
        seats = [s for s in unit.seats[meeting.body_id] if s.is_current(meeting.date)]
        attendance += _attendance(meeting, seats, rng)
        members = [s for s in seats if s.role != Membership.Role.COMMUNICATOR]
        for item, decision in agenda[meeting.pk]:
            if decision is None or item.kind != IK.DECISION:
                continue
            for seat in rng.sample(members, 3):
                stances.append(Stance(decision=decision, user=seat.user, position=Stance.Position.SUPPORT))
            if decision.outcome == Decision.Outcome.DECIDED and rng.random() < 0.5:
                assignments.append(
                    Assignment(
                        body=meeting.body,
                        decision=decision,
                        what=text.sentence(rng),
                        responsible_organisation=rng.choice(unit.organisations),
                        due_date=meeting.date + datetime.timedelta(days=90),
                        status=(
                            Assignment.Status.DONE
                            if meeting.date < published_until - datetime.timedelta(days=180)
                            else Assignment.Status.IN_PROGRESS
                        ),
                    )
                )
    bulk_create_with_history(stances, Stance, batch_size=BATCH, default_change_reason=REASON)
    bulk_create_with_history(attendance, Attendance, batch_size=BATCH, default_change_reason=REASON)
    bulk_create_with_history(assignments, Assignment, batch_size=BATCH, default_change_reason=REASON)

    published = [m for m in meetings if m.is_published]
    for meeting in published:
        meeting.search_title, meeting.search_document = search_texts(meeting, agenda[meeting.pk])
    Meeting.objects.bulk_update(published, ["search_title", "search_document"], batch_size=500)
    reindex_stored_texts(Meeting.objects.filter(body__in=unit.meeting_bodies, status=S.PUBLISHED))
    return len(meetings)


def _meeting(body, date, unit, rng, published_until, held_until):
    if date <= published_until:
        status = S.PUBLISHED
    elif date <= held_until:
        status = S.MINUTES_DRAFTED
    else:
        status = S.PLANNED
    workshop = rng.random() < 0.08
    digital = rng.random() < 0.4
    meeting = Meeting(
        body=body,
        date=date,
        kind=Meeting.Kind.WORKSHOP if workshop else Meeting.Kind.REGULAR,
        title=rng.choice(TOPICS) if workshop else "",
        start_time=datetime.time(9 if rng.random() < 0.5 else 13, 0),
        end_time=datetime.time(12 if workshop else 11, 0) if rng.random() < 0.5 else datetime.time(15, 30),
        mode=Meeting.Mode.DIGITAL if digital else Meeting.Mode.PHYSICAL,
        place="Teams" if digital else f"Kommunhuset, {body.name.split()[-1]}",
        status=status,
        minutes_taker=unit.process_leader.person,
        next_meeting="Enligt mötesplanen.",
    )
    if meeting.start_time >= meeting.end_time:
        meeting.end_time = datetime.time(16, 0)
    if status == S.PUBLISHED:
        at = timezone.make_aware(
            datetime.datetime.combine(date + datetime.timedelta(days=21), datetime.time(10))
        )
        meeting.approved_at = at - datetime.timedelta(days=7)
        meeting.published_at = at
        meeting.published_by = unit.process_leader.user
    return meeting


def _agenda(meeting, previous, rng, text):
    """[(item, decision or None)] of a meeting, numbered from 1."""
    held = not meeting.is_upcoming
    rows = [(AgendaItem(meeting=meeting, kind=IK.OPENING, title="Incheckning och mötets öppnande"), None)]
    if previous is not None:
        approval = AgendaItem(
            meeting=meeting,
            kind=IK.APPROVAL,
            title=f"Godkännande av minnesanteckningar från {previous.date.isoformat()}",
            approves=previous,
        )
        rows.append(
            (approval, _decision("Att godkänna minnesanteckningarna.", Decision.Outcome.APPROVED, held))
        )
    for title in rng.sample(TOPICS, rng.randint(5, 8)):
        kind = rng.choice([IK.INFORMATION, IK.DIALOGUE, IK.DECISION, IK.FOR_INFORMATION])
        item = AgendaItem(
            meeting=meeting,
            kind=kind,
            title=title,
            presenter=rng.choice(["Processledare", "Ordförande", "Verksamhetschef", "Utvecklingsledare"]),
            description=text.paragraph(rng, 1, 2),
            minutes=text.paragraph(rng, 2, 4) if held else "",
            dialogue=text.paragraph(rng, 1, 2) if held and kind == IK.DIALOGUE else "",
        )
        decision = None
        if kind == IK.DECISION:
            outcome = rng.choices(
                [Decision.Outcome.DECIDED, Decision.Outcome.TAKES_NOTE, Decision.Outcome.TABLED],
                weights=[8, 2, 1],
            )[0]
            decision = _decision(rng.choice(PROPOSALS), outcome, held)
        rows.append((item, decision))
    rows.append((AgendaItem(meeting=meeting, kind=IK.OTHER_BUSINESS, title="Övriga frågor"), None))
    for position, (item, _) in enumerate(rows, start=1):
        item.position = position
    return rows


def _decision(proposal, outcome, held):
    if not held:
        return Decision(proposal=proposal)
    return Decision(proposal=proposal, outcome=outcome, text=proposal.removeprefix("Att ").capitalize())


def _attendance(meeting, seats, rng):
    rows, seen = [], set()
    for seat in seats:
        if seat.role == Membership.Role.COMMUNICATOR or seat.person.pk in seen:
            continue
        seen.add(seat.person.pk)
        excused = rng.random() < 1 / 7
        rows.append(
            Attendance(
                meeting=meeting,
                person=seat.person,
                organisation=seat.organisation,
                title=seat.person.title,
                status=Attendance.Status.EXCUSED if excused else Attendance.Status.PRESENT,
            )
        )
    return rows
