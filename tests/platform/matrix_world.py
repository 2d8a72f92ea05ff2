"""The permission matrix's world: the test structure, an actor for every kind of visitor, and
objects of every app in each state the matrix visits. Built once per test module."""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from actionplans.models import ActionPlan, Activity, CollaborationPlan, FocusArea, Goal
from governance.models import Body, Membership
from governance.permissions import ALL_BODY_PERMISSIONS, ROLE_PERMISSIONS
from meetings import services as meeting_services
from meetings.models import AgendaItem, Assignment, Attachment, Decision, Meeting
from reports.models import AnnualReport, ReportSection
from tests.conftest import Structure

Role = Membership.Role
PDF = b"%PDF-1.4\n%matrix\n"

# Who visits, and the seat that makes them who they are: (body attribute, role) or None.
ACTORS = {
    "anonymous": None,
    "seatless": None,
    "member": ("nosam", Role.MEMBER),
    "other_member": ("other", Role.MEMBER),
    "chair": ("nosam", Role.CHAIR),
    "vice_chair": ("nosam", Role.VICE_CHAIR),
    "process_leader": ("nosam", Role.PROCESS_LEADER),
    "communicator": ("nosam", Role.COMMUNICATOR),
    "lgs_member": ("lgs", Role.MEMBER),
    # The body above the NOSAM: adopts the annual report and reviews its sections.
    "lgs_leader": ("lgs", Role.PROCESS_LEADER),
    "site_admin": None,
}


def permissions(actor, body):
    """The role-map codenames ``actor`` holds on ``body`` ("nosam", "other", "lgs", "theme")."""
    if actor == "site_admin":
        return ALL_BODY_PERMISSIONS  # guardian answers every permission for a superuser
    seat = ACTORS[actor]
    if seat is None or seat[0] != body:
        return set()
    return ROLE_PERMISSIONS[seat[1]]


class World:
    """Everything the matrix's URLs address. Attribute names are what the spec refers to."""

    def __init__(self):
        s = self.structure = Structure()
        self.nosam, self.lgs, self.theme = s.nosam, s.lgs, s.theme
        self.other = Body.objects.create(
            name="NOSAM Annanby", slug="nosam-annanby", kind=s.local_kind, parent=s.lgs
        )
        users = {
            "seatless": s.outsider,
            "member": s.people[Role.MEMBER],
            "chair": s.people[Role.CHAIR],
            "vice_chair": s.people[Role.VICE_CHAIR],
            "process_leader": s.people[Role.PROCESS_LEADER],
            "communicator": s.people[Role.COMMUNICATOR],
            "other_member": s.seat(self.other, Role.MEMBER, username="other_member"),
            "lgs_member": s.seat(s.lgs, Role.MEMBER, username="lgs_member"),
            "lgs_leader": s.seat(s.lgs, Role.PROCESS_LEADER, username="lgs_leader"),
            "site_admin": get_user_model().objects.create_superuser(
                "site_admin", "site_admin@example.se", "pw-Samverkan-1"
            ),
        }
        self.users = users
        self.seats = {
            name: Membership.objects.get(person__user=user, body__slug=getattr(self, ACTORS[name][0]).slug)
            for name, user in users.items()
            if ACTORS[name]
        }
        # A vice chair's term that ends, so a successor's seat can be added (single-seat role).
        Membership.objects.filter(pk=self.seats["vice_chair"].pk).update(end_date=datetime.date(2030, 12, 31))
        self.seats["vice_chair"].refresh_from_db()
        self._meetings()
        self._plans()
        self._reports()

    # --- Meetings -----------------------------------------------------------------------------

    def _meetings(self):
        leader, chair = self.users["process_leader"], self.users["chair"]
        self.meetings, self.items, self.decisions, self.info_items = {}, {}, {}, {}
        steps = [
            ("planned", None),
            ("agenda_sent", lambda m: meeting_services.meeting_send_agenda(meeting=m, user=leader)),
            ("held", lambda m: meeting_services.meeting_mark_held(meeting=m, user=leader)),
            ("drafted", lambda m: self._draft(m, leader, chair)),
            ("approved", lambda m: meeting_services.minutes_approve(meeting=m, user=chair)),
            (
                "published",
                lambda m: meeting_services.minutes_publish(meeting=m, user=self.users["communicator"]),
            ),
        ]
        names = [name for name, _move in steps]
        for month, state in enumerate(names, start=2):
            meeting = meeting_services.meeting_create(
                meeting=Meeting(
                    body=self.nosam,
                    date=datetime.date(2024, month, 10),
                    start_time=datetime.time(13),
                    end_time=datetime.time(15),
                ),
                user=leader,
            )
            info = meeting_services.item_add(
                item=AgendaItem(
                    meeting=meeting, kind=AgendaItem.Kind.INFORMATION, title=f"Information {state}"
                ),
                user=leader,
            )
            item = meeting_services.item_add(
                item=AgendaItem(meeting=meeting, kind=AgendaItem.Kind.DECISION, title=f"Beslut {state}"),
                user=leader,
                proposal="NOSAM föreslås besluta",
            )
            for _name, move in steps[1 : names.index(state) + 1]:
                meeting.refresh_from_db()
                move(meeting)
            meeting.refresh_from_db()
            self.meetings[state], self.items[state], self.info_items[state] = meeting, item, info
            self.decisions[state] = Decision.objects.get(item=item)
        published = self.meetings["published"]
        self.public_attachment = Attachment.objects.create(
            item=self.items["published"],
            title="Rutin",
            file=SimpleUploadedFile("rutin.pdf", PDF),
            is_public=True,
        )
        self.internal_attachment = Attachment.objects.create(
            item=self.items["published"], title="Intern", file=SimpleUploadedFile("intern.pdf", PDF)
        )
        self.draft_attachment = Attachment.objects.create(
            item=self.items["held"],
            title="Utkast",
            file=SimpleUploadedFile("utkast.pdf", PDF),
            is_public=True,
        )
        self.assignment = Assignment.objects.create(
            body=self.nosam,
            decision=self.decisions["published"],
            what="Förankra",
            responsible_organisation=self.structure.town,
        )
        self.draft_assignment = Assignment.objects.create(
            body=self.nosam,
            decision=self.decisions["approved"],
            what="Utreda",
            responsible_organisation=self.structure.town,
        )
        # A held meeting addressed with the planned meeting's items (the matrix's IDOR probe).
        self.meetings["foreign"], self.items["foreign"] = self.meetings["held"], self.items["planned"]
        self.info_items["foreign"] = self.info_items["planned"]
        self.foreign_attachment = self.draft_attachment  # addressed through the published meeting
        assert published.is_published

    @staticmethod
    def _draft(meeting, leader, chair):
        """Minutes drafted with every proposal recorded: ready to approve."""
        meeting_services.minutes_save(meeting=meeting, user=leader, version=meeting.version)
        for decision in Decision.objects.filter(item__meeting=meeting):
            meeting_services.decision_record(decision=decision, user=chair, outcome=Decision.Outcome.DECIDED)

    # --- Action plans -------------------------------------------------------------------------

    def _plans(self):
        self.cplan = CollaborationPlan.objects.create(
            period="2024-2025",
            title="Samverkansplan 2024–2025",
            overarching_goal="Utjämna skillnader i hälsa.",
        )
        self.focus = FocusArea.objects.create(collaboration_plan=self.cplan, name="Vårdövergångar", order=1)
        self.plans, self.goals, self.activities = {}, {}, {}
        Status = ActionPlan.Status
        for state, period, status in [
            ("draft", "2024", Status.DRAFT),
            ("submitted", "2025", Status.SUBMITTED),
            ("adopted", "2023", Status.ADOPTED),
        ]:
            plan = ActionPlan.objects.create(
                body=self.nosam,
                period=period,
                collaboration_plan=self.cplan,
                status=status,
                adopted_on=datetime.date(2023, 1, 10) if status == Status.ADOPTED else None,
                adopted_by_body=self.nosam if status == Status.ADOPTED else None,
            )
            self._rows(plan, state)
        # An adopted plan with an open revision: revision 2 is a draft addressed by its number.
        adopted = ActionPlan.objects.create(
            body=self.nosam,
            period="2022",
            collaboration_plan=self.cplan,
            status=Status.ADOPTED,
            adopted_on=datetime.date(2022, 1, 10),
            adopted_by_body=self.nosam,
        )
        self._rows(adopted, "revised_base")
        revision = ActionPlan.objects.create(
            body=self.nosam, period="2022", revision=2, revises=adopted, collaboration_plan=self.cplan
        )
        self._rows(revision, "revision")
        self.plans["revision"] = revision
        # The draft plan addressed with the revision's rows (the matrix's IDOR probe).
        self.plans["foreign"] = self.plans["draft"]
        self.goals["foreign"], self.activities["foreign"] = (
            self.goals["revision"],
            self.activities["revision"],
        )

    def _rows(self, plan, state):
        goal = Goal.objects.create(plan=plan, focus_area=self.focus, text=f"Första delmål {state}", order=1)
        goal.text = f"Delmål {state}"  # an earlier version to restore
        goal.save()
        Goal.objects.create(plan=plan, focus_area=self.focus, text=f"Andra delmål {state}", order=2)
        activity = Activity.objects.create(plan=plan, goal=goal, what=f"Aktivitet {state}", order=1)
        Activity.objects.create(plan=plan, goal=goal, what=f"Andra aktivitet {state}", order=2)
        self.plans[state], self.goals[state], self.activities[state] = plan, goal, activity

    # --- Annual reports -----------------------------------------------------------------------

    def _reports(self):
        """2025 collecting (the NOSAM section requested), 2024 collecting (submitted; the rest
        accepted, so it can be adopted), 2023 adopted (accepted)."""
        Status, Section = AnnualReport.Status, ReportSection.Status
        self.reports, self.sections = {}, {}
        for state, year, status, section_status in [
            ("requested", 2025, Status.COLLECTING, Section.REQUESTED),
            ("submitted", 2024, Status.COLLECTING, Section.SUBMITTED),
            ("adopted", 2023, Status.ADOPTED, Section.ACCEPTED),
            ("ready", 2022, Status.COLLECTING, Section.ACCEPTED),
        ]:
            report = AnnualReport.objects.create(
                year=year,
                adopting_body=self.lgs,
                status=status,
                opened_on=datetime.date(year, 12, 1),
                due_date=datetime.date(year + 1, 2, 1),
                adopted_on=datetime.date(year + 1, 3, 1) if status == Status.ADOPTED else None,
            )
            self.sections[state] = ReportSection.objects.create(
                report=report,
                body=self.nosam,
                status=section_status,
                summary="Sammanfattning",
                body_text="Text",
            )
            ReportSection.objects.create(report=report, body=self.lgs, status=Section.ACCEPTED, summary="LGS")
            self.reports[state] = report
        # The 2025 report addressed with the 2024 section (the matrix's IDOR probe).
        self.reports["foreign"], self.sections["foreign"] = (
            self.reports["requested"],
            self.sections["submitted"],
        )
