"""Menus follow the reader: "Årsrapport" opens the report being written for those who take part in
it and the newest adopted report for everyone else; a group's "Handlingsplan" opens the version
being written for those who work on it and the adopted plan for everyone else."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionPlan, CollaborationPlan
from governance.models import Membership
from reports.models import AnnualReport, ReportSection

Role = Membership.Role


@pytest.fixture
def reports(structure):
    adopted = AnnualReport.objects.create(
        year=2024,
        adopting_body=structure.lgs,
        status=AnnualReport.Status.ADOPTED,
        due_date=datetime.date(2025, 1, 31),
        adopted_on=datetime.date(2025, 2, 20),
    )
    writing = AnnualReport.objects.create(
        year=2025, adopting_body=structure.lgs, due_date=datetime.date(2026, 1, 31)
    )
    ReportSection.objects.create(report=writing, body=structure.nosam, summary="NOSAM skriver")
    ReportSection.objects.create(report=writing, body=structure.theme, summary="Temat skriver")
    return adopted, writing


def test_the_annual_report_menu_follows_the_reader(client, structure, reports):
    adopted, writing = reports
    lgs_member = structure.seat(structure.lgs, Role.MEMBER, username="lgsledamot")
    menu = reverse("reports:latest_report")
    assert client.get(menu).url == adopted.get_absolute_url()
    expected = {
        structure.people[Role.CHAIR]: writing,  # writes the NOSAM's section
        structure.people[Role.PROCESS_LEADER]: writing,
        lgs_member: writing,  # sits in the body that adopts it
        structure.people[Role.MEMBER]: adopted,  # neither
        structure.outsider: adopted,
    }
    for user, report in expected.items():
        client.force_login(user)
        assert client.get(menu).url == report.get_absolute_url(), user


def test_who_takes_part_reads_the_report_being_written(client, structure, reports):
    adopted, writing = reports
    client.force_login(structure.people[Role.CHAIR])
    response = client.get(writing.get_absolute_url())
    html = response.content.decode()
    nosam = writing.sections.get(body=structure.nosam)
    assert response.status_code == 200
    assert f'href="{nosam.get_absolute_url()}"' in html  # their own section opens
    theme = writing.sections.get(body=structure.theme)
    assert "Temagrupp Äldre" in html and f'href="{theme.get_absolute_url()}"' not in html  # progress only
    assert "Begärt" in html
    client.force_login(structure.people[Role.MEMBER])
    assert client.get(writing.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(writing.get_absolute_url()).status_code == 404


def test_a_groups_plan_follows_the_reader(client, structure):
    year = timezone.localdate().year
    cplan = CollaborationPlan.objects.create(period="2024-2030", title="Plan", overarching_goal="Mål")
    in_force = ActionPlan.objects.create(
        body=structure.nosam,
        period=str(year),
        collaboration_plan=cplan,
        status=ActionPlan.Status.ADOPTED,
        adopted_on=datetime.date(year, 1, 10),
    )
    ActionPlan.objects.create(
        body=structure.nosam,
        period=str(year - 1),
        collaboration_plan=cplan,
        status=ActionPlan.Status.SUPERSEDED,
        adopted_on=datetime.date(year - 1, 1, 10),
    )
    next_year = ActionPlan.objects.create(
        body=structure.nosam, period=str(year + 1), collaboration_plan=cplan
    )
    menu = reverse("actionplans:current_plan", args=[structure.nosam.slug])
    assert client.get(menu).url == in_force.get_absolute_url()
    for user, plan in {
        structure.people[Role.PROCESS_LEADER]: next_year,  # edits the group's plans
        structure.people[Role.CHAIR]: next_year,
        structure.people[Role.MEMBER]: in_force,
        structure.outsider: in_force,
    }.items():
        client.force_login(user)
        assert client.get(menu).url == plan.get_absolute_url(), user
    html = client.get(structure.nosam.get_absolute_url()).content.decode()
    assert f'href="{menu}"' in html
    assert client.get(reverse("actionplans:current_plan", args=[structure.theme.slug])).status_code == 404
