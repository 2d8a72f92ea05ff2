"""Demo meetings, consistent with Årsrapport 2024 (seed 000), plus 2025–2026 for the calendar.

2024 as the annual report states it: LGS three regular and four short extra meetings, 14 hours
in total, 15 participants at every meeting, and the November decision that LGS BG ends and is
replaced by Styrgrupp LGS; LGS BG seven digital meetings, 8 hours; NOSAM Härryda, Mölndal and
GBG Sydväst six meetings each, four physical and two digital; Temagrupp Rehabilitering och
habilitering six; Temagrupp Barn och unga five half-day meetings. The people are the invented
demo people of ``governance.demo``.

Idempotent: a meeting is found by body, date and start time; its items, attendance and
decisions are written only when the meeting is created, so a rerun changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from governance.models import Body, Membership, Organisation, Person

from .models import AgendaItem, Assignment, Attendance, Decision, Meeting, Stance
from .services import reindex

S = Meeting.Status
K = Meeting.Kind
PHYSICAL, DIGITAL = Meeting.Mode.PHYSICAL, Meeting.Mode.DIGITAL
IK = AgendaItem.Kind
OUT = Decision.Outcome

# Logins for LGS's process leader and chair (the browser journey needs them); the password is
# the demo password. Not printed: the governance loader prints the documented logins.

LGS_PARTICIPANTS = 15  # present at every LGS meeting in 2024 ("I snitt 15 deltagare/möte")


def _d(value):
    return datetime.date.fromisoformat(value)


def _t(value):
    return datetime.time.fromisoformat(value)


# --- Items of the published LGS minutes ----------------------------------------------------------
# (kind, title, presenter, minutes, dialogue, decision: (proposal, outcome, text) or None)

LGS_ITEMS = {
    "2025-01-29": [
        (
            IK.DECISION,
            "Årsrapport 2024",
            "Helena Strand, processledare",
            "Årsrapporten sammanställd av temagruppernas, NOSAM:s och UG SAMSA:s avsnitt.",
            "",
            ("LGS godkänner årsrapporten 2024.", OUT.APPROVED, "LGS godkänner årsrapporten 2024."),
        ),
    ],
    "2024-02-07": [
        (
            IK.INFORMATION,
            "Omställning till God och Nära vård",
            "Helena Strand, processledare",
            "Information från SRO om arbetet med länsgemensam utvecklingsplan för Nära vård. "
            "Hälso- och sjukvårdsavtalet och färdplanen följs upp genom rapportering från VVG.",
            "",
            None,
        ),
        (
            IK.DIALOGUE,
            "Samverkan vid in- och utskrivning från slutenvård",
            "Niklas Holmberg",
            "Indikatorer för processuppföljning av in- och utskrivningsklara patienter presenterades.",
            "Ledamöterna lyfte behovet av trygga vårdövergångar mellan sjukhus, primärvård och kommun. "
            "Flera parter ser att samordnad planering efter slutenvård behöver stärkas.",
            None,
        ),
        (
            IK.DECISION,
            "Uppdrag till UG SAMSA: delregional rutin för in- och utskrivningsprocessen",
            "Susanne Bergqvist",
            "Förslag att ge Utvecklingsgrupp SAMSA i uppdrag att ta fram en delregional rutin för "
            "in- och utskrivningsprocessen i Göteborgsområdet.",
            "",
            (
                "LGS ger UG SAMSA i uppdrag att ta fram delregional rutin för in- och utskrivningsprocessen.",
                OUT.DECIDED,
                "LGS ger UG SAMSA i uppdrag att ta fram delregional rutin för in- och "
                "utskrivningsprocessen. Slutleverans februari 2025.",
            ),
        ),
        (
            IK.FOR_INFORMATION,
            "Budget och fördelningsnyckel 2024",
            "Helena Strand, processledare",
            "Finansieringen 2024 uppgår till 5 612 tkr enligt samverkansavtalet.",
            "",
            ("LGS noterar informationen.", OUT.TAKES_NOTE, "LGS noterar informationen."),
        ),
    ],
    "2024-03-20": [
        (
            IK.DECISION,
            "Fördelning av statliga stimulansmedel psykisk hälsa 2024",
            "Helena Strand, processledare",
            "Förslag till omfördelning av medel till projekt som stödjer målen i handlingsplan psykisk hälsa.",  # noqa: E501
            "Flera ledamöter önskade ett fördjupat underlag om fördelningen mellan temagrupperna.",
            (
                "LGS fastställer fördelningen av stimulansmedel enligt förslaget.",
                OUT.TABLED,
                "Ärendet bordläggs till nästa möte.",
            ),
        ),
    ],
    "2024-05-22": [
        (
            IK.DECISION,
            "Fördelning av statliga stimulansmedel psykisk hälsa 2024",
            "Helena Strand, processledare",
            "Kompletterat underlag med fördelning per temagrupp presenterades.",
            "",
            (
                "LGS fastställer fördelningen av stimulansmedel enligt förslaget.",
                OUT.DECIDED,
                "LGS fastställer fördelningen av stimulansmedel enligt förslaget.",
            ),
        ),
        (
            IK.DIALOGUE,
            "Avvikelser i samverkan (MedControl PRO)",
            "Peter Malm",
            "Statistik över avvikelser i samverkan för första kvartalet.",
            "Dialog om hur brister i samverkan vid vårdövergångar återkopplas till verksamheterna.",
            None,
        ),
        (
            IK.DECISION,
            "Gemensam rutin för läkemedelsgenomgång vid utskrivning",
            "Jenny Lindberg",
            "Förslag till gemensam rutin för läkemedelsgenomgång vid utskrivning från sjukhus.",
            "Två parter behöver förankra förslaget i den egna organisationen innan ställningstagande.",
            (
                "LGS ställer sig bakom den gemensamma rutinen.",
                OUT.REFERRED_BACK,
                "Ärendet återremitteras för fortsatt beredning i temagrupp Äldre.",
            ),
        ),
    ],
    "2024-06-12": [
        (
            IK.INFORMATION,
            "Mobil närvård: personcentrerad mobil röntgen",
            "Anders Björk",
            "Mobil röntgen vid misstänkt höftfraktur på vård- och omsorgsboende är nu en del av "
            "verksamhet Radiologi, Sahlgrenska Universitetssjukhuset.",
            "",
            None,
        ),
    ],
    "2024-09-18": [
        (
            IK.DIALOGUE,
            "Delårsrapport och uppföljning av budget",
            "Helena Strand, processledare",
            "Uppföljning av budget och resultat för statliga stimulansmedel.",
            "Dialog om överskottet och buffert för lokalhyra.",
            None,
        ),
        (
            IK.DECISION,
            "Gemensam rutin för läkemedelsgenomgång vid utskrivning",
            "Jenny Lindberg",
            "Temagrupp Äldre har berett ärendet vidare.",
            "",
            (
                "LGS ställer sig bakom den gemensamma rutinen.",
                OUT.DECIDED,
                "LGS ställer sig bakom den gemensamma rutinen för läkemedelsgenomgång vid utskrivning.",
            ),
        ),
    ],
    "2024-10-16": [
        (
            IK.DECISION,
            "SAMSA i ambulanssjukvården",
            "Robert Eklund",
            "Ambulanssjukvården SU har testat SAMSA som kommunikativt verktyg med gott resultat.",
            "",
            (
                "LGS noterar informationen och ser positivt på breddinförandet.",
                OUT.TAKES_NOTE,
                "LGS noterar informationen.",
            ),
        ),
    ],
    "2024-11-20": [
        (
            IK.DECISION,
            "LGS Beredningsgrupp upphör och ersätts av Styrgrupp LGS",
            "Magnus Engström, ordförande",
            "Förslag att LGS Beredningsgrupp (LGS BG) upphör den 30 november 2024 och ersätts av "
            "Styrgrupp LGS, som bemannas av ledamöter som också representerar Vårdsamverkan "
            "Göteborgsområdet i Vårdsamverkan Västra Götaland.",
            "Ledamöterna ser att förankringskedjan blir tydligare med en styrgrupp.",
            (
                "LGS BG upphör 2024-11-30 och ersätts av Styrgrupp LGS från 2024-12-01.",
                OUT.DECIDED,
                "LGS beslutar att LGS BG upphör 2024-11-30. Den ersätts av Styrgrupp LGS från 2024-12-01.",
            ),
        ),
    ],
}

# Assignments given by decisions: (meeting date, item title, what, organisation, due, status)
LGS_ASSIGNMENTS = [
    (
        "2024-02-07",
        "Uppdrag till UG SAMSA: delregional rutin för in- och utskrivningsprocessen",
        "Ta fram delregional rutin för in- och utskrivningsprocessen",
        "Sahlgrenska Universitetssjukhuset",
        "2025-02-28",
        Assignment.Status.DONE,
    ),
    (
        "2024-09-18",
        "Gemensam rutin för läkemedelsgenomgång vid utskrivning",
        "Förankra rutinen i den egna organisationen och rapportera till LGS",
        "Göteborgs Stad",
        "2024-12-31",
        Assignment.Status.DONE,
    ),
    (
        "2024-11-20",
        "LGS Beredningsgrupp upphör och ersätts av Styrgrupp LGS",
        "Bemanna Styrgrupp LGS och ta fram arbetsordning",
        "Västra Götalandsregionen",
        "2025-01-31",
        Assignment.Status.IN_PROGRESS,
    ),
]

# (slug, date, start, end, kind, mode, status, title)
MEETINGS_2024 = [
    ("lgs", "2024-02-07", "13:00", "16:00", K.REGULAR, PHYSICAL),
    ("lgs", "2024-03-20", "08:00", "09:15", K.EXTRA, DIGITAL),
    ("lgs", "2024-05-22", "13:00", "16:00", K.REGULAR, PHYSICAL),
    ("lgs", "2024-06-12", "08:00", "09:15", K.EXTRA, DIGITAL),
    ("lgs", "2024-09-18", "13:00", "16:00", K.REGULAR, PHYSICAL),
    ("lgs", "2024-10-16", "08:00", "09:15", K.EXTRA, DIGITAL),
    ("lgs", "2024-11-20", "08:00", "09:15", K.EXTRA, DIGITAL),
    # LGS BG: seven regular meetings, all digital, 8 hours in total.
    *[
        ("lgs-beredningsgrupp", day, "08:00", "09:10" if i < 6 else "09:00", K.REGULAR, DIGITAL)
        for i, day in enumerate(
            ["2024-01-24", "2024-03-06", "2024-05-08", "2024-06-05", "2024-09-04", "2024-10-02", "2024-11-06"]
        )
    ],
    # Dialogue meeting and workshops of the political council, to which LGS was invited.
    ("politiskt-samrad", "2024-05-29", "13:00", "16:00", K.DIALOGUE, PHYSICAL),
    ("politiskt-samrad", "2024-04-17", "09:00", "12:00", K.WORKSHOP, PHYSICAL),
    ("politiskt-samrad", "2024-10-23", "09:00", "12:00", K.WORKSHOP, PHYSICAL),
    # Theme groups.
    *[
        ("temagrupp-rehabilitering-och-habilitering", day, "13:00", "15:30", K.REGULAR, mode)
        for day, mode in [
            ("2024-01-30", PHYSICAL),
            ("2024-03-26", DIGITAL),
            ("2024-05-28", PHYSICAL),
            ("2024-08-27", PHYSICAL),
            ("2024-10-22", DIGITAL),
            ("2024-12-03", PHYSICAL),
        ]
    ],
    *[
        ("temagrupp-barn-och-unga", day, "08:30", "12:00", K.REGULAR, PHYSICAL)
        for day in ["2024-02-13", "2024-04-09", "2024-06-04", "2024-09-24", "2024-11-26"]
    ],
]
# NOSAM: six meetings each in 2024, four physical and two digital.
NOSAM_DAYS = [
    ("2024-02-{d}", PHYSICAL),
    ("2024-03-{d}", DIGITAL),
    ("2024-05-{d}", PHYSICAL),
    ("2024-09-{d}", PHYSICAL),
    ("2024-10-{d}", DIGITAL),
    ("2024-11-{d}", PHYSICAL),
]
NOSAMS = [
    ("nosam-gbg-sydvast", "14"),
    ("nosam-gbg-nordost", "15"),
    ("nosam-gbg-hisingen", "20"),
    ("nosam-gbg-centrum", "21"),
    ("nosam-partille", "22"),
    ("nosam-harryda", "12"),
    ("nosam-molndal", "13"),
    ("nosam-ockero", "27"),
]
for _slug, _day in NOSAMS:
    for _pattern, _mode in NOSAM_DAYS:
        MEETINGS_2024.append((_slug, _pattern.format(d=_day), "13:00", "15:00", K.REGULAR, _mode))

# 2025–2026: published minutes until the autumn of 2026, then drafts and planned meetings.
LATER = [
    ("lgs", "2025-01-29", "13:00", "16:00", K.REGULAR, PHYSICAL, S.PUBLISHED),
    ("lgs", "2025-03-19", "08:00", "09:15", K.EXTRA, DIGITAL, S.PUBLISHED),
    ("lgs", "2025-05-21", "13:00", "16:00", K.REGULAR, PHYSICAL, S.PUBLISHED),
    ("lgs", "2025-09-17", "13:00", "16:00", K.REGULAR, PHYSICAL, S.PUBLISHED),
    ("lgs", "2026-02-04", "13:00", "16:00", K.REGULAR, PHYSICAL, S.PUBLISHED),
    ("lgs", "2026-05-20", "13:00", "16:00", K.REGULAR, PHYSICAL, S.PUBLISHED),
    ("lgs", "2026-09-16", "13:00", "16:00", K.REGULAR, PHYSICAL, S.PUBLISHED),
    ("lgs", "2026-11-11", "08:00", "09:15", K.EXTRA, DIGITAL, S.MINUTES_DRAFTED),
    ("lgs", "2027-01-27", "13:00", "16:00", K.REGULAR, PHYSICAL, S.AGENDA_SENT),
    ("lgs", "2027-03-17", "08:00", "09:15", K.EXTRA, DIGITAL, S.PLANNED),
    ("nosam-gbg-sydvast", "2026-09-15", "13:00", "15:00", K.REGULAR, PHYSICAL, S.PUBLISHED),
    ("nosam-gbg-sydvast", "2026-12-08", "13:00", "15:00", K.REGULAR, PHYSICAL, S.PLANNED),
    ("nosam-gbg-sydvast", "2027-02-09", "13:00", "15:00", K.REGULAR, DIGITAL, S.PLANNED),
    ("temagrupp-aldre", "2026-10-06", "13:00", "15:30", K.REGULAR, PHYSICAL, S.PUBLISHED),
    ("temagrupp-aldre", "2026-12-01", "13:00", "15:30", K.REGULAR, DIGITAL, S.AGENDA_SENT),
    ("temagrupp-aldre", "2027-02-02", "13:00", "15:30", K.WORKSHOP, PHYSICAL, S.PLANNED),
    ("temagrupp-barn-och-unga", "2026-12-15", "08:30", "12:00", K.REGULAR, PHYSICAL, S.PLANNED),
    (
        "temagrupp-rehabilitering-och-habilitering",
        "2026-12-10",
        "13:00",
        "15:30",
        K.REGULAR,
        DIGITAL,
        S.PLANNED,
    ),
    ("temagrupp-psykiatri", "2026-12-03", "13:00", "15:30", K.REGULAR, PHYSICAL, S.PLANNED),
    ("nosam-harryda", "2026-12-02", "13:00", "15:00", K.REGULAR, PHYSICAL, S.PLANNED),
    ("nosam-molndal", "2026-12-09", "13:00", "15:00", K.REGULAR, DIGITAL, S.PLANNED),
]

GENERIC_ITEMS = [
    (IK.OPENING, "Incheckning och mötets öppnande", "", "Ordföranden hälsade välkommen.", "", None),
    (
        IK.DIALOGUE,
        "Trygga och säkra vårdövergångar",
        "",
        "Genomgång av handlingsplanens aktiviteter inom fokusområdet trygga, säkra och effektiva vårdövergångar.",  # noqa: E501
        "Parterna delade erfarenheter av samordnad individuell plan (SIP) och planering efter slutenvård.",
        None,
    ),
    (
        IK.INFORMATION,
        "Rapport från temagrupperna",
        "",
        "Representanterna återrapporterade från temagrupperna.",
        "",
        None,
    ),
    (IK.OTHER_BUSINESS, "Övriga frågor", "", "Inga övriga frågor.", "", None),
]


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


def _items(meeting, items, previous=None, stances_for=None):
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
            minutes=minutes if meeting.status not in {S.PLANNED, S.AGENDA_SENT} else "",
            description=minutes if meeting.status in {S.PLANNED, S.AGENDA_SENT} else "",
            dialogue=dialogue if meeting.status not in {S.PLANNED, S.AGENDA_SENT} else "",
        )
        if decision is not None:
            proposal, outcome, text = decision
            held = meeting.status not in {S.PLANNED, S.AGENDA_SENT}
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


def _upsert_meeting(slug, date, start, end, kind, mode, status, bodies):
    body = bodies[slug]
    meeting = Meeting.objects.filter(body=body, date=_d(date), start_time=_t(start)).first()
    if meeting is not None:
        return meeting, False
    meeting = Meeting(
        body=body,
        date=_d(date),
        start_time=_t(start),
        end_time=_t(end),
        kind=kind,
        mode=mode,
        place="Samverkanskontoret, Göteborg" if mode == PHYSICAL else "Teams",
        status=status,
    )
    if status == S.PUBLISHED:
        at = timezone.make_aware(
            datetime.datetime.combine(_d(date) + datetime.timedelta(days=21), _t("10:00"))
        )
        meeting.approved_at = at - datetime.timedelta(days=7)
        meeting.published_at = at
    meeting.full_clean()
    meeting.save()
    return meeting, True


@transaction.atomic
def load_demo(stdout=None):
    """Load the demo meetings (idempotent); returns nothing (no logins to print)."""
    slugs = {row[0] for row in MEETINGS_2024} | {row[0] for row in LATER}
    bodies = {body.slug: body for body in Body.objects.filter(slug__in=slugs)}
    organisations = {o.name: o for o in Organisation.objects.all()}
    taker = {
        "lgs": "Helena Strand",
        "lgs-beredningsgrupp": "Helena Strand",
        "politiskt-samrad": "Helena Strand",
    }
    previous_by_body = {}
    published = []
    schedule = [(*row, S.PUBLISHED) for row in MEETINGS_2024] + LATER
    schedule.sort(key=lambda row: (row[0], row[1]))
    for slug, date, start, end, kind, mode, status in schedule:
        if slug not in bodies:
            continue
        meeting, created = _upsert_meeting(slug, date, start, end, kind, mode, status, bodies)
        previous = previous_by_body.get(slug)
        previous_by_body[slug] = meeting
        if not created:
            continue
        if slug == "lgs" and date in LGS_ITEMS:
            items = [GENERIC_ITEMS[0], *LGS_ITEMS[date], GENERIC_ITEMS[-1]]
        elif slug == "lgs" and status in {S.PLANNED, S.AGENDA_SENT, S.MINUTES_DRAFTED}:
            items = [GENERIC_ITEMS[0], *_lgs_later(date), GENERIC_ITEMS[-1]]
        else:
            items = GENERIC_ITEMS
        created_items = _items(meeting, items, previous=previous if slug == "lgs" else None)
        if slug == "lgs":
            _carry_links(meeting, created_items)
        if status not in {S.PLANNED, S.AGENDA_SENT}:
            _attendance(
                meeting, exactly=LGS_PARTICIPANTS if slug == "lgs" and date.startswith("2024") else None
            )
            name = taker.get(slug)
            if name is None:
                leader = (
                    Membership.objects.filter(body=meeting.body, role=Membership.Role.PROCESS_LEADER)
                    .select_related("person")
                    .first()
                )
                meeting.minutes_taker = leader.person if leader else None
            else:
                meeting.minutes_taker = _person(name)
            meeting.next_meeting = ""
            meeting.save()
        if status == S.PUBLISHED:
            published.append(meeting)
        if slug == "lgs" and status == S.MINUTES_DRAFTED:
            _stances(meeting)
    # "Next meeting" lines, the approval links and the assignments, once everything exists.
    for meeting in published:
        following = (
            Meeting.objects.filter(body=meeting.body, date__gt=meeting.date)
            .order_by("date", "start_time")
            .first()
        )
        if following is not None:
            meeting.next_meeting = (
                f"{following.date:%Y-%m-%d}, {following.start_time:%H.%M}–{following.end_time:%H.%M}"
            )
            approval = following.items.filter(kind=IK.APPROVAL, approves=meeting).first()
            meeting.approved_in = approval
            meeting.save(update_fields=["next_meeting", "approved_in"])
            if approval is not None and not hasattr(approval, "decision"):
                Decision.objects.create(
                    item=approval,
                    proposal=approval.title,
                    outcome=OUT.APPROVED if following.status not in {S.PLANNED, S.AGENDA_SENT} else "",
                    text="Minnesanteckningarna godkänns."
                    if following.status not in {S.PLANNED, S.AGENDA_SENT}
                    else "",
                )
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
    for meeting in published:
        reindex(meeting)


def _lgs_later(date):
    if date == "2026-11-11":
        return [
            (
                IK.DIALOGUE,
                "Uppföljning av in- och utskrivningsprocessen",
                "Helena Strand, processledare",
                "UG SAMSA redovisade hur den delregionala rutinen har införts.",
                "Ledamöterna ser färre oplanerade vårdövergångar men vill följa statistiken ett år till.",
                None,
            ),
            (
                IK.DECISION,
                "Samverkansplan 2027–2028: fokusområden",
                "Magnus Engström, ordförande",
                "Förslag att behålla fokusområdena trygga vårdövergångar och främja hälsa.",
                "",
                ("LGS föreslår politiskt samråd att behålla de två fokusområdena.", None, None),
            ),
        ]
    return [
        (
            IK.DECISION,
            "Budget 2027 för Samverkanskontoret",
            "Helena Strand, processledare",
            "Förslag till budget 2027 enligt samverkansavtalet, uppräknad med vårdprisindex.",
            "",
            ("LGS fastställer budget 2027 för Samverkanskontoret enligt förslaget.", None, None),
        ),
    ]


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


def _stances(meeting):
    """Stances on the undecided proposal of the drafted LGS minutes: most members support."""
    decision = Decision.objects.filter(item__meeting=meeting, outcome="").first()
    if decision is None:
        return
    for name in ["Magnus Engström", "Lena Åkesson", "Susanne Bergqvist", "Peter Malm"]:
        person = _person(name)
        if person.user_id:
            Stance.objects.create(decision=decision, user_id=person.user_id, position=Stance.Position.SUPPORT)
