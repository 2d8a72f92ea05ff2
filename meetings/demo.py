"""Demo meetings: the 2024 history (``demo/meetings_2024.toml``, as Årsrapport 2024 states it) and
the series of ``demo/meetings.toml``, which follow the calendar up to a few months after the load.

Idempotent: a meeting is found by body, date and start time; its items are written when it is
created, and a reload on a later day only moves it forward (minutes, approval, publication).
"""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from governance.demo import demo_author
from governance.models import Body, Membership, Organisation, Person
from samverkan.demo import add_months, at, compose, data, nth_weekday, relative, rng, stamped

from .models import AgendaItem, Assignment, Attendance, Decision, Meeting, Stance
from .services import reindex

S = Meeting.Status
PHYSICAL, DIGITAL = Meeting.Mode.PHYSICAL, Meeting.Mode.DIGITAL
IK = AgendaItem.Kind
OUT = Decision.Outcome

LGS_PARTICIPANTS = 15  # present at every LGS meeting in 2024 ("I snitt 15 deltagare/möte")


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
LGS_ASSIGNMENTS = [
    (row["date"], row["title"], row["what"], row["organisation"], row["due"], row["status"])
    for row in HISTORY["assignments"]
]
MEETINGS_2024 = [
    (row["body"], row["date"], row["start"], row["end"], row["kind"], row["mode"])
    for row in HISTORY["meetings"]
]
GENERIC_ITEMS = [_item(row) for row in HISTORY["generic_items"]]


def _person(full_name):
    first, last = full_name.rsplit(" ", 1)
    return Person.objects.select_related("organisation").get(first_name=first, last_name=last)


def _attendance(meeting, exactly=None):
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
        people.setdefault(seat.person_id, (seat.person, seat.represents))
    rows = list(people.values())
    absent_count = max(0, len(rows) - exactly) if exactly is not None else len(rows) // 7
    offset = meeting.date.toordinal() % max(1, len(rows))
    excused = {(offset + i) % len(rows) for i in range(absent_count)} if rows else set()
    bulk_create_with_history(
        [
            Attendance(
                meeting=meeting,
                person=person,
                organisation=organisation,
                title=person.title,
                status=Attendance.Status.EXCUSED if i in excused else Attendance.Status.PRESENT,
            )
            for i, (person, organisation) in enumerate(rows)
        ],
        Attendance,
    )


def _items(meeting, items, previous=None, held=True):
    created = []
    position = 1
    if previous is not None:
        created.append(
            AgendaItem.objects.create(
                meeting=meeting,
                position=position,
                kind=IK.APPROVAL,
                title=f"Godkännande av minnesanteckningar från {previous.date.isoformat()}",
                approves=previous,
            )
        )
        position += 1
    for kind, title, presenter, minutes, dialogue, decision in items:
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            kind=kind,
            title=title,
            presenter=presenter,
            minutes=minutes if held else "",
            description="" if held else minutes,
            dialogue=dialogue if held else "",
        )
        if decision is not None:
            proposal, outcome, text = decision
            Decision.objects.create(
                item=item,
                proposal=proposal,
                outcome=outcome if held and outcome else "",
                text=text if held and text else "",
                recorded_at=timezone.make_aware(meeting.ends) if held and outcome else None,
            )
        created.append(item)
        position += 1
    return created


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


def _composed_items(slug, date, previous=None):
    """The agenda of a calendar meeting: dialogue from the seeds' sentences, LGS's decisions, and
    the items its ``previous`` meeting tabled or referred back, taken up and decided this time
    (``_carry_links`` links them), so no carried-over item is left waiting for a later meeting."""
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
    if previous is not None:
        carried = AgendaItem.objects.filter(
            meeting=previous, decision__outcome__in=Decision.CARRIED_OVER
        ).select_related("decision")
        for item in carried:
            proposal = item.decision.proposal
            items.append((IK.DECISION, item.title, "", item.minutes, "", (proposal, OUT.DECIDED, proposal)))
    items.append(GENERIC_ITEMS[-1])
    return items


def _upsert_meeting(slug, date, start, end, kind, mode, bodies):
    """The meeting of the schedule row: found by body, date and start; None where the body already
    has another meeting in that month (the calendar series leaves such months alone)."""
    body = bodies[slug]
    meeting = Meeting.objects.filter(body=body, date=_d(date), start_time=_t(start)).first()
    if meeting is not None:
        return meeting, False
    if (
        not date.startswith("2024")
        and body.meetings.filter(date__year=date[:4], date__month=date[5:7]).exists()
    ):
        return None, False
    meeting = Meeting(
        body=body,
        date=_d(date),
        start_time=_t(start),
        end_time=_t(end),
        kind=kind,
        mode=mode,
        place="Samverkanskontoret, Göteborg" if mode == PHYSICAL else "Teams",
        status=S.PLANNED,
    )
    meeting.full_clean()
    meeting.save()
    return meeting, True


def _advance(meeting, status, today):
    """Move a demo meeting forward to ``status`` (the calendar moved on since the last load):
    minutes from the agenda, attendance, recorded decisions, approval and publication times."""
    if RANK[meeting.status] >= RANK[status]:
        return False
    if status in HELD and meeting.status not in HELD:
        for item in meeting.items.all():
            item.minutes, item.description = item.minutes or item.description, ""
            item.save()
        if not meeting.attendances.exists():
            _attendance(
                meeting,
                exactly=LGS_PARTICIPANTS
                if meeting.body.slug == "lgs" and meeting.date.year == 2024
                else None,
            )
        leader = (
            Membership.objects.filter(body=meeting.body, role=Membership.Role.PROCESS_LEADER)
            .select_related("person")
            .first()
        )
        meeting.minutes_taker = leader.person if leader else meeting.minutes_taker
        if meeting.body.slug in TAKER:
            meeting.minutes_taker = _person(TAKER[meeting.body.slug])
    if status in {S.MINUTES_APPROVED, S.PUBLISHED}:
        undecided = Decision.objects.filter(item__meeting=meeting, outcome="").exclude(item__kind=IK.APPROVAL)
        for decision in undecided:
            decision.outcome = OUT.DECIDED
            decision.text = decision.text or decision.proposal
            decision.recorded_at = timezone.make_aware(meeting.ends)
            decision.save()
        approved = min(at(meeting.date + datetime.timedelta(days=14)), at(today, "09:00"))
        meeting.approved_at = meeting.approved_at or approved
    if status == S.PUBLISHED:
        meeting.published_at = meeting.published_at or min(
            approved + datetime.timedelta(days=7), at(today, "09:30")
        )
    meeting.status = status
    meeting.save()
    return True


TAKER = {"lgs": "Helena Strand", "lgs-beredningsgrupp": "Helena Strand", "politiskt-samrad": "Helena Strand"}


@transaction.atomic
def load_demo(stdout=None, today=None):
    """Load the demo meetings up to ``today`` and a few months on (idempotent)."""
    today = today or timezone.localdate()
    schedule = _schedule(today)
    bodies = {body.slug: body for body in Body.objects.filter(slug__in={row[0] for row in schedule})}
    organisations = {o.name: o for o in Organisation.objects.all()}
    previous_by_body, authors = {}, {}
    touched = []
    for slug, date, start, end, kind, mode, status in schedule:
        if slug not in bodies:
            continue
        history = date.startswith("2024")
        author = None if history else authors.setdefault(slug, demo_author(bodies[slug]))
        with stamped([Meeting, AgendaItem, Decision, Attendance], at(min(_d(date), today), end), author):
            meeting, created = _upsert_meeting(slug, date, start, end, kind, mode, bodies)
            if meeting is None:
                continue
            previous = previous_by_body.get(slug)
            previous_by_body[slug] = meeting
            if created:
                if slug == "lgs" and date in LGS_ITEMS:
                    items = [GENERIC_ITEMS[0], *LGS_ITEMS[date], GENERIC_ITEMS[-1]]
                else:
                    items = GENERIC_ITEMS if history else _composed_items(slug, date, previous)
                approves = previous if slug == "lgs" or not history else None
                created_items = _items(meeting, items, previous=approves, held=status in HELD)
                if slug == "lgs":
                    _carry_links(meeting, created_items)
            if _advance(meeting, status, today) or created:
                touched.append(meeting)
            if status == S.MINUTES_DRAFTED and slug == data("meetings")["open_proposal"]["body"]:
                _open_proposal(meeting, today)
    _link_approvals(touched)
    _assignments(bodies, organisations, today)
    for meeting in touched:
        if meeting.status == S.PUBLISHED:
            reindex(meeting)


def _link_approvals(meetings):
    """ "Next meeting" lines and the approval items that approve each held meeting's minutes."""
    for meeting in meetings:
        if meeting.status not in {S.MINUTES_APPROVED, S.PUBLISHED} or meeting.approved_in_id:
            continue
        following = (
            Meeting.objects.filter(body=meeting.body, date__gt=meeting.date)
            .order_by("date", "start_time")
            .first()
        )
        if following is None:
            continue
        meeting.next_meeting = (
            f"{following.date:%Y-%m-%d}, {following.start_time:%H.%M}–{following.end_time:%H.%M}"
        )
        approval = following.items.filter(kind=IK.APPROVAL, approves=meeting).first()
        meeting.approved_in = approval
        meeting.save(update_fields=["next_meeting", "approved_in"])
        if approval is not None and not hasattr(approval, "decision"):
            held = following.status in HELD
            Decision.objects.create(
                item=approval,
                proposal=approval.title,
                outcome=OUT.APPROVED if held else "",
                text="Minnesanteckningarna godkänns." if held else "",
            )


def _assignments(bodies, organisations, today):
    """The history's assignments, and those the calendar's LGS decisions gave (open, overdue)."""
    for date, title, what, organisation, due, status in LGS_ASSIGNMENTS:
        decision = Decision.objects.filter(
            item__meeting__body=bodies["lgs"], item__meeting__date=_d(date), item__title=title
        ).first()
        if decision is not None and not decision.assignments.filter(what=what).exists():
            Assignment.objects.create(
                body=bodies["lgs"],
                decision=decision,
                what=what,
                responsible_organisation=organisations.get(organisation),
                due_date=_d(due),
                status=status,
            )
    for spec in data("meetings")["assignments"]:
        decision = (
            Decision.objects.filter(
                item__meeting__body=bodies["lgs"],
                item__meeting__date__lte=relative(today, spec),
                item__kind=IK.DECISION,
                outcome=OUT.DECIDED,
            )
            .order_by("-item__meeting__date")
            .first()
        )
        if decision is None or decision.assignments.filter(what=spec["what"]).exists():
            continue
        with stamped([Assignment], decision.item.meeting.date, demo_author(bodies["lgs"])):
            Assignment.objects.create(
                body=bodies["lgs"],
                decision=decision,
                what=spec["what"],
                responsible_organisation=organisations.get(spec["organisation"]),
                due_date=decision.item.meeting.date + datetime.timedelta(days=spec["due_days"]),
                status=Assignment.Status.OPEN,
            )


def _carry_links(meeting, items):
    """Link an item that takes up a tabled or referred-back item of an earlier LGS meeting."""
    for item in items:
        earlier = (
            AgendaItem.objects.filter(
                meeting__body=meeting.body,
                meeting__date__lt=meeting.date,
                title=item.title,
                decision__outcome__in=Decision.CARRIED_OVER,
                carried_to__isnull=True,
            )
            .exclude(pk=item.pk)
            .first()
        )
        if earlier is not None:
            item.carried_from = earlier
            item.save(update_fields=["carried_from"])


def _open_proposal(meeting, today):
    """The proposal of the newest LGS minutes still waiting for a decision, with the stances of
    most members (demo/meetings.toml names them); the others have a stance to take."""
    spec = data("meetings")["open_proposal"]
    if Decision.objects.filter(item__meeting=meeting, outcome="").exclude(item__kind=IK.APPROVAL).exists():
        return
    topic = rng(meeting.body.slug, meeting.date, "open").choice(data("texts")["topics"])
    before_other_business = meeting.items.filter(kind=IK.OTHER_BUSINESS).first()
    position = before_other_business.position if before_other_business else meeting.items.count() + 1
    meeting.items.filter(position__gte=position).update(position=F("position") + 1)
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=position,
        kind=IK.DECISION,
        title=spec["title"].format(topic=topic),
        minutes=compose(meeting.body.slug, meeting.date, "open", topic=topic),
        dialogue=compose(meeting.body.slug, meeting.date, "open-dialog", sentences=2, topic=topic),
    )
    decision = Decision.objects.create(item=item, proposal=spec["proposal"].format(topic=topic))
    for name in spec["supporters"]:
        person = _person(name)
        if person.user_id:
            with stamped([Stance], min(today, meeting.date + datetime.timedelta(days=2)), person.user):
                Stance.objects.create(
                    decision=decision, user_id=person.user_id, position=Stance.Position.SUPPORT
                )
