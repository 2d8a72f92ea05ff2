"""Everything that reads "the body's adopted plan" reads the revision in force, never a revised one."""

import datetime

import pytest
from django.urls import reverse

from actionplans import services
from actionplans.facts import goals_and_outcomes
from actionplans.models import ActionPlan, Goal
from actionplans.queries import red_thread, status_overview
from governance.models import Membership

Role = Membership.Role


def adopt(plan, user, day):
    services.plan_submit(plan=plan, user=user)
    services.plan_adopt(plan=plan, user=user, adopted_on=day)
    plan.refresh_from_db()
    return plan


@pytest.fixture
def revised(plans):
    """The NOSAM plan adopted, then revised with a changed goal, and the revision adopted."""
    leader = plans.s.people[Role.PROCESS_LEADER]
    adopt(plans.plan, leader, datetime.date(2024, 3, 15))
    revision = services.plan_revise(plan=plans.plan, user=leader)
    goal = revision.goals.get()
    goal.text = "Skärpt delmål"
    services.goal_save(goal=goal, user=leader, version=goal.version)
    adopt(revision, leader, datetime.date(2024, 9, 1))
    plans.plan.refresh_from_db()
    return revision


def test_the_annual_report_reads_the_revision_in_force(plans, revised):
    [block] = goals_and_outcomes(plans.s.nosam, 2024)
    assert [label.split(" · ")[0] for label, _outcome in block.rows] == ["TG Äldre: Skärpt delmål"]


def test_the_status_overview_and_the_collaboration_plan_list_the_revision_once(plans, revised, client):
    assert [p.pk for p in status_overview() if p.body_id == plans.s.nosam.pk] == [revised.pk]
    page = client.get(reverse("actionplans:collaboration_plan", args=["2024-2025"])).content.decode()
    assert page.count(revised.get_absolute_url()) == 1
    assert plans.plan.get_absolute_url() not in page


def test_the_red_thread_follows_the_revision(plans, revised):
    areas = red_thread(plans.cplan).areas
    implementing = [g for area in areas for d in area["goals"] for g in d.implementing]
    assert [g.plan_id for g in implementing] == [revised.pk]


def test_a_goal_implementing_a_revised_theme_goal_still_counts_for_its_revision(plans):
    """The theme group revises its plan: the NOSAM's goal still points at version 1's goal."""
    lgs_leader = plans.s.seat(plans.s.lgs, Role.PROCESS_LEADER, "lgsleader")
    theme_leader = plans.s.seat(plans.s.theme, Role.PROCESS_LEADER, "tgleader")
    ActionPlan.objects.filter(pk=plans.plan.pk).update(status=ActionPlan.Status.ADOPTED)
    revision = services.plan_revise(plan=plans.theme_plan, user=theme_leader)
    services.plan_submit(plan=revision, user=theme_leader)
    services.plan_adopt(plan=revision, user=lgs_leader)
    [delegated] = [d for area in red_thread(plans.cplan).areas for d in area["goals"]]
    assert delegated.plan_id == revision.pk and delegated.copied_from_id == plans.delegated.pk
    assert [g.pk for g in delegated.implementing] == [plans.goal.pk]
    assert [b.pk for b in delegated.taken_up_by] == [plans.s.nosam.pk]


def test_the_body_page_lists_the_version_in_force_and_the_open_revision_to_members(plans, client):
    leader = plans.s.people[Role.PROCESS_LEADER]
    adopt(plans.plan, leader, datetime.date(2024, 3, 15))
    revision = services.plan_revise(plan=plans.plan, user=leader)
    page = client.get(plans.s.nosam.get_absolute_url()).content.decode()
    assert plans.plan.get_absolute_url() in page and revision.get_absolute_url() not in page
    client.force_login(plans.s.people[Role.MEMBER])
    page = client.get(plans.s.nosam.get_absolute_url()).content.decode()
    assert revision.get_absolute_url() in page


def test_a_revision_draft_is_internal_and_the_plain_address_keeps_the_adopted_version(plans, client):
    leader = plans.s.people[Role.PROCESS_LEADER]
    adopt(plans.plan, leader, datetime.date(2024, 3, 15))
    revision = services.plan_revise(plan=plans.plan, user=leader)
    assert client.get(revision.get_absolute_url()).status_code == 404
    assert client.get(plans.plan.get_absolute_url()).status_code == 200
    client.force_login(leader)
    page = client.get(plans.plan.get_absolute_url()).content.decode()
    assert "Revidera" not in page, "only one revision is open at a time"
    draft = client.get(revision.get_absolute_url()).content.decode()
    assert "Det här är en revision under arbete." in draft and "Redigera planen" in draft


def test_a_revision_copies_the_rows_with_their_progress_and_links(plans):
    leader = plans.s.people[Role.PROCESS_LEADER]
    plans.activity.status = "ongoing"
    plans.activity.save()
    adopt(plans.plan, leader, datetime.date(2024, 3, 15))
    revision = services.plan_revise(plan=plans.plan, user=leader)
    goal = revision.goals.get()
    activity = goal.activities.get()
    assert (revision.revision, revision.revises_id, revision.introduction) == (2, plans.plan.pk, "")
    assert goal.copied_from_id == plans.goal.pk and goal.implements_id == plans.delegated.pk
    assert (activity.what, activity.status, activity.copied_from_id) == (
        "Implementera kunskapsstödet",
        "ongoing",
        plans.activity.pk,
    )
    assert Goal.objects.filter(plan=plans.plan).get().pk == plans.goal.pk, "version 1 is untouched"
