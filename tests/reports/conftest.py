"""Annual-cycle fixtures: the shared structure plus a report-request event and a report."""

import datetime

import pytest

from governance.models import Membership
from reports.models import AnnualReport, CycleEvent, ReportSection

Role = Membership.Role


@pytest.fixture(autouse=True)
def only_the_reports_body_section(settings, tmp_path):
    """Body pages show only this app's section, and PDFs go to a temporary media root."""
    settings.BODY_PAGE_SECTIONS = ["reports.sections.annual_reports"]
    settings.REPORT_SECTION_FACTS = []
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


class Cycle:
    """The structure's årshjul: requests on 1 December, reminders on 17 January and 1 February."""

    def __init__(self, structure):
        self.structure = structure
        s = structure
        self.lgs_leader = s.seat(s.lgs, Role.PROCESS_LEADER, username="lgs_leader")
        self.lgs_member = s.seat(s.lgs, Role.MEMBER, username="lgs_member")
        self.theme_chair = s.seat(s.theme, Role.CHAIR, username="theme_chair")
        self.open = CycleEvent.objects.create(
            month=12,
            day=1,
            title="Avsnitt till årsrapporten begärs in",
            action=CycleEvent.Action.OPEN_SECTIONS,
            responsible_body=s.lgs,
            thematic_titles="Stärkt arbete med SIP",
        )
        self.open.target_kinds.set([s.council_kind, s.theme_kind, s.local_kind])
        self.before = CycleEvent.objects.create(
            month=1, day=17, title="Påminnelse", action=CycleEvent.Action.REMIND, responsible_body=s.lgs
        )
        self.overdue = CycleEvent.objects.create(
            month=2, day=1, title="Försenat", action=CycleEvent.Action.REMIND, responsible_body=s.lgs
        )
        self.calendar = CycleEvent.objects.create(month=3, title="Politiskt samråd")

    def report(self, year=2025):
        return AnnualReport.objects.get(year=year)

    def section(self, body, year=2025):
        return ReportSection.objects.get(report__year=year, body=body, is_thematic=False)


@pytest.fixture
def cycle(structure):
    return Cycle(structure)


@pytest.fixture
def opened(cycle):
    """The 2025 report, requested on 1 December 2025."""
    from reports.services import cycle_run

    cycle_run(datetime.date(2025, 12, 1))
    return cycle
