"""Bad input is refused with a clear Swedish message; states move only along allowed transitions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from actionplans import services
from actionplans.models import ActionPlan, Activity, FollowUp, Goal
from governance.models import Membership
from samverkan.lifecycle import REFUSED

Role = Membership.Role


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


def messages_of(error):
    return " ".join(error.value.messages)


def test_an_empty_sub_goal_is_refused(plans):
    goal = Goal(plan=plans.plan, focus_area=plans.health, text="   ")
    with pytest.raises(ValidationError) as error:
        goal.full_clean()
    assert "Skriv delmålet" in messages_of(error)


def test_an_empty_activity_is_refused(plans):
    activity = Activity(plan=plans.plan, goal=plans.goal, what=" \n ")
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "får inte vara tomt" in messages_of(error)


def test_an_activity_under_a_goal_of_another_plan_is_refused(plans):
    activity = Activity(plan=plans.plan, goal=plans.delegated, what="Fel plan")
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "En aktivitet kan bara placeras under ett delmål i sin egen handlingsplan." in messages_of(error)


def test_a_cycle_in_the_cascade_is_refused(plans):
    # The theme group's goal would implement the NOSAM goal that implements it.
    plans.goal.delegated, plans.goal.delegated_to = True, plans.s.theme_kind
    plans.goal.save()
    plans.delegated.implements = plans.goal
    with pytest.raises(ValidationError) as error:
        plans.delegated.full_clean()
    assert "Det skulle bli en cirkel" in messages_of(error)


def test_only_a_delegated_goal_can_be_implemented(plans):
    plans.delegated.delegated = False
    plans.delegated.save()
    plans.goal.implements = plans.delegated
    with pytest.raises(ValidationError) as error:
        services.goal_save(goal=plans.goal, user=plans.s.people[Role.PROCESS_LEADER])
    assert error.value.error_dict["implements"][0].code == "not_delegated"
    assert "Bara ett delmål som har delegerats kan genomföras." in messages_of(error)


def test_a_goal_without_focus_area_must_be_a_local_issue(plans):
    with pytest.raises(ValidationError) as error:
        Goal(plan=plans.plan, text="Lokalt").full_clean()
    assert "Välj ett fokusområde" in messages_of(error)
    Goal(plan=plans.plan, text="Lokalt", in_appendix=True).full_clean()


def test_an_implementing_goal_is_shown_with_the_theme_groups_short_name(plans):
    assert plans.goal.label == "TG Äldre: Öka den proaktiva bedömningen av den enskilde"


def test_submit_then_adopt_records_who_and_when_and_supersedes_the_older_plan(plans):
    leader = plans.s.people[Role.PROCESS_LEADER]
    older = ActionPlan.objects.create(
        body=plans.s.nosam, period="2023", collaboration_plan=plans.cplan, status=ActionPlan.Status.ADOPTED
    )
    services.plan_submit(plan=plans.plan, user=leader)
    assert plans.plan.is_submitted and plans.plan.submitted_by == leader
    services.plan_adopt(plan=plans.plan, user=leader, adopted_on=datetime.date(2024, 3, 15))
    plans.plan.refresh_from_db()
    assert plans.plan.is_adopted
    assert (plans.plan.adopted_on, plans.plan.adopted_by, plans.plan.adopted_by_body) == (
        datetime.date(2024, 3, 15),
        leader,
        plans.s.nosam,
    )
    older.refresh_from_db()
    assert older.status == ActionPlan.Status.SUPERSEDED
    assert older.history.first().history_change_reason == "Ersatt av planen för 2024"
    assert plans.plan.history.first().history_change_reason == "Fastställd"


def test_a_draft_cannot_be_adopted_directly(plans):
    with pytest.raises(ValidationError) as error:
        services.plan_adopt(plan=plans.plan, user=plans.s.people[Role.PROCESS_LEADER])
    assert error.value.code == REFUSED
    assert messages_of(error) == (
        "Det går inte att fastställa handlingsplan ”Handlingsplan 2024, NOSAM Testby”: status är ”Utkast”."
    )
    plans.plan.refresh_from_db()
    assert plans.plan.is_draft and plans.plan.version == 1


def test_an_empty_plan_cannot_be_submitted(plans):
    empty = ActionPlan.objects.create(body=plans.s.nosam, period="2025", collaboration_plan=plans.cplan)
    with pytest.raises(ValidationError) as error:
        services.plan_submit(plan=empty, user=plans.s.people[Role.PROCESS_LEADER])
    assert error.value.code == REFUSED
    assert "En tom plan kan inte skickas in" in messages_of(error)


def test_a_submitted_plan_is_frozen_for_everyone_and_only_the_adopting_bodys_process_leader_adopts(plans):
    theme_plan = plans.theme_plan
    theme_plan.status = ActionPlan.Status.SUBMITTED
    theme_plan.save()
    theme_leader = plans.s.seat(plans.s.theme, Role.PROCESS_LEADER, "tgleader")
    lgs_leader = plans.s.seat(plans.s.lgs, Role.PROCESS_LEADER, "lgsleader")
    lgs_chair = plans.s.seat(plans.s.lgs, Role.CHAIR, "lgschair")
    assert not theme_plan.can_edit(theme_leader) and not theme_plan.can_edit(lgs_leader)
    assert theme_plan.can("adopt", lgs_leader) and theme_plan.can("return", lgs_leader)
    assert not theme_plan.can("adopt", lgs_chair) and not theme_plan.can("adopt", theme_leader)
    with pytest.raises(ValidationError) as error:
        services.goal_save(goal=plans.delegated, user=theme_leader, version=plans.delegated.version)
    assert error.value.code == REFUSED


def test_the_frozen_plan_refuses_the_editor_with_403_and_says_why(plans, client):
    leader = plans.s.people[Role.PROCESS_LEADER]
    services.plan_submit(plan=plans.plan, user=leader)
    # the NOSAM adopts its own plans: even its process leader, who adopts, no longer edits
    for user in (leader, plans.s.people[Role.CHAIR]):
        client.force_login(user)
        response = client.get(f"/grupper/{plans.s.nosam.slug}/handlingsplan/2024/redigera/")
        assert response.status_code == 403
        assert "status är ”Inskickad för fastställande”" in response.content.decode()


def test_a_follow_up_is_dated_and_shows_as_the_latest_status(plans, client):
    leader = plans.s.people[Role.PROCESS_LEADER]
    services.followup_add(
        activity=plans.activity, user=leader, status="red", text="Försenad", date=datetime.date(2024, 4, 1)
    )
    services.followup_add(
        activity=plans.activity, user=leader, status="green", text="Klar", date=datetime.date(2024, 9, 1)
    )
    assert FollowUp.objects.filter(activity=plans.activity).count() == 2
    client.force_login(leader)
    page = client.get(plans.plan.get_absolute_url()).content.decode()
    assert "Grön: enligt plan" in page and "2024-09-01" in page


def test_a_follow_up_without_text_is_refused(plans):
    with pytest.raises(ValidationError) as error:
        services.followup_add(
            activity=plans.activity, user=plans.s.people[Role.PROCESS_LEADER], status="green", text=""
        )
    assert error.value.error_dict["text"][0].code == "blank"
    assert "får inte vara tomt" in messages_of(error)
    assert not FollowUp.objects.exists()


def test_an_activity_status_moves_only_along_allowed_transitions(plans, client):
    plans.activity.status = "cancelled"
    plans.activity.save()
    client.force_login(plans.s.people[Role.PROCESS_LEADER])
    url = f"/grupper/{plans.s.nosam.slug}/handlingsplan/2024/redigera/aktiviteter/{plans.activity.pk}/"
    response = client.post(url, {"what": "Ny text", "status": "done", "version": plans.activity.version})
    assert response.status_code == 200
    assert (
        "Det går inte att markera som genomförd aktivitet ”Implementera kunskapsstödet”: "
        "status är ”Avbruten”." in response.content.decode()
    )
    assert "Ny text" in response.content.decode(), "what was typed is kept"
    plans.activity.refresh_from_db()
    assert (plans.activity.what, plans.activity.status) == ("Implementera kunskapsstödet", "cancelled")
