"""The action-plan workflows end to end in transactions that really commit (as in production, where
a ``select_for_update`` outside ``atomic`` fails), and double clicks fired from 20 threads at once
on PostgreSQL: each move happens exactly once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from actionplans import services
from actionplans.models import ActionPlan, Activity, FollowUp, Goal
from governance.models import Membership
from samverkan.lifecycle import REFUSED
from tests.concurrency import CLICKS, fire

Role = Membership.Role
Status = ActionPlan.Status
committed = pytest.mark.django_db(transaction=True)


def leader_of(plans):
    return plans.s.people[Role.PROCESS_LEADER]


def fresh(plan):
    return ActionPlan.objects.get(pk=plan.pk)


def goal_state():
    return list(Goal.objects.order_by("pk").values_list("pk", "text", "order", "version"))


@committed
def test_submit_return_and_adopt(plans):
    leader = leader_of(plans)
    older = ActionPlan.objects.create(
        body=plans.s.nosam, period="2023", collaboration_plan=plans.cplan, status=Status.ADOPTED
    )
    services.plan_submit(plan=fresh(plans.plan), user=leader)
    services.plan_return(plan=fresh(plans.plan), user=leader)
    assert fresh(plans.plan).is_draft
    services.plan_submit(plan=fresh(plans.plan), user=leader)
    services.plan_adopt(plan=fresh(plans.plan), user=leader, adopted_on=datetime.date(2024, 3, 15))
    plan = fresh(plans.plan)
    assert plan.is_adopted and plan.adopted_by == leader and plan.adopted_by_body == plans.s.nosam
    reasons = list(plan.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert reasons[1:] == [
        "Inskickad för fastställande",
        "Återsänd som utkast",
        "Inskickad för fastställande",
        "Fastställd",
    ]
    assert fresh(older).status == Status.SUPERSEDED


@committed
def test_editing_a_goal_of_an_adopted_plan_as_its_process_leader_is_refused_and_changes_nothing(plans):
    leader = leader_of(plans)
    services.plan_submit(plan=fresh(plans.plan), user=leader)
    services.plan_adopt(plan=fresh(plans.plan), user=leader)
    before = goal_state()
    client = Client()
    client.force_login(leader)
    response = client.post(
        reverse("actionplans:goal_edit", args=[plans.s.nosam.slug, "2024", plans.goal.pk]),
        {"focus_area": plans.transitions.pk, "text": "Ändrat i efterhand", "version": plans.goal.version},
    )
    assert response.status_code == 403
    assert "En fastställd plan ändras genom en revision." in response.content.decode()
    added = client.post(
        reverse("actionplans:goal_add", args=[plans.s.nosam.slug, "2024"]),
        {"focus_area": plans.transitions.pk, "text": "Tillagt i efterhand"},
    )
    assert added.status_code == 403
    goal = Goal.objects.get(pk=plans.goal.pk)
    goal.text = "Ändrat i efterhand"
    with pytest.raises(ValidationError) as refused:
        services.goal_save(goal=goal, user=leader, version=goal.version)
    assert refused.value.code == REFUSED
    with pytest.raises(ValidationError) as refused:
        services.goal_save(goal=Goal(plan=fresh(plans.plan), text="Nytt", in_appendix=True), user=leader)
    assert refused.value.code == REFUSED
    assert goal_state() == before


@committed
def test_revise_then_adopt_the_revision(plans):
    leader = leader_of(plans)
    services.plan_submit(plan=fresh(plans.plan), user=leader)
    services.plan_adopt(plan=fresh(plans.plan), user=leader, adopted_on=datetime.date(2024, 3, 15))
    services.followup_add(
        activity=plans.activity, user=leader, status="yellow", text="Försenad", date=datetime.date(2024, 4, 1)
    )
    client = Client()
    client.force_login(leader)
    response = client.post(reverse("actionplans:plan_revise", args=[plans.s.nosam.slug, "2024"]))
    revision = ActionPlan.objects.get(body=plans.s.nosam, period="2024", revision=2)
    assert (
        response["Location"]
        == revision.url("plan_edit")
        == "/grupper/nosam-testby/handlingsplan/2024/version/2/redigera/"
    )
    assert revision.is_draft and revision.revises == plans.plan
    copy = revision.goals.get()
    assert copy.copied_from == plans.goal and copy.implements == plans.delegated

    # The revision is edited through its own address while the public still sees version 1.
    response = client.post(
        revision.url("goal_edit", copy.pk),
        {
            "focus_area": plans.transitions.pk,
            "implements": plans.delegated.pk,
            "text": "Skärpt delmål",
            "version": copy.version,
        },
    )
    assert response.status_code == 302
    public = (
        Client().get(reverse("actionplans:plan_detail", args=[plans.s.nosam.slug, "2024"])).content.decode()
    )
    assert "Skärpt delmål" not in public and "2024-03-15" in public
    member = Client()
    member.force_login(plans.s.people[Role.MEMBER])
    page = member.get(plans.plan.get_absolute_url()).content.decode()
    assert "En revision av planen håller på att tas fram" in page and revision.get_absolute_url() in page

    services.plan_submit(plan=fresh(revision), user=leader)
    services.plan_adopt(plan=fresh(revision), user=leader, adopted_on=datetime.date(2024, 9, 1))
    first = fresh(plans.plan)
    assert first.is_revised and first.history.first().history_change_reason == "Reviderad genom revision 2"
    assert fresh(revision).is_adopted
    carried = FollowUp.objects.get(activity__plan=revision)
    assert (carried.text, carried.date) == ("Försenad", datetime.date(2024, 4, 1))

    # The plain address now shows revision 2; version 1 stays readable and says it was revised.
    public = (
        Client().get(reverse("actionplans:plan_detail", args=[plans.s.nosam.slug, "2024"])).content.decode()
    )
    assert "Skärpt delmål" in public and "2024-03-15, reviderad 2024-09-01" in public
    assert first.get_absolute_url() == "/grupper/nosam-testby/handlingsplan/2024/version/1/"
    assert f'href="{first.get_absolute_url()}"' in public, "the earlier version is listed and linked"
    old = Client().get(first.get_absolute_url()).content.decode()
    assert "Den här versionen har reviderats" in old and "Skärpt delmål" not in old
    assert ActionPlan.objects.current().filter(body=plans.s.nosam).get() == revision


@committed
def test_only_one_revision_is_open_at_a_time(plans):
    leader = leader_of(plans)
    services.plan_submit(plan=fresh(plans.plan), user=leader)
    services.plan_adopt(plan=fresh(plans.plan), user=leader)
    services.plan_revise(plan=fresh(plans.plan), user=leader)
    with pytest.raises(ValidationError) as refused:
        services.plan_revise(plan=fresh(plans.plan), user=leader)
    assert refused.value.code == "open_revision"
    assert ActionPlan.objects.filter(body=plans.s.nosam, period="2024").count() == 2


@committed
def test_an_adopted_plan_is_followed_up_and_its_activities_progress(plans):
    leader = leader_of(plans)
    services.plan_submit(plan=fresh(plans.plan), user=leader)
    services.plan_adopt(plan=fresh(plans.plan), user=leader)
    client = Client()
    client.force_login(leader)
    followup = reverse("actionplans:followup_add", args=[plans.s.nosam.slug, "2024", plans.activity.pk])
    response = client.post(followup, {"date": "2024-05-01", "status": "green", "text": "Enligt plan"})
    assert response.status_code == 302
    page = client.get(followup).content.decode()
    assert "Markera som pågående" in page
    status = reverse("actionplans:activity_status", args=[plans.s.nosam.slug, "2024", plans.activity.pk])
    assert client.post(status, {"move": "start"}).status_code == 302
    activity = Activity.objects.get(pk=plans.activity.pk)
    assert activity.status == Activity.Status.ONGOING and activity.what == "Implementera kunskapsstödet"
    assert FollowUp.objects.filter(activity=activity).count() == 1


@committed
def test_the_editor_adds_moves_deletes_and_restores_in_committed_transactions(plans):
    leader = leader_of(plans)
    client = Client()
    client.force_login(leader)
    add = reverse("actionplans:goal_add", args=[plans.s.nosam.slug, "2024"])
    client.post(add, {"focus_area": plans.transitions.pk, "text": "Andra"})
    second = Goal.objects.get(text="Andra")
    assert second.order == 2
    client.post(
        reverse("actionplans:goal_move", args=[plans.s.nosam.slug, "2024", second.pk]), {"direction": "up"}
    )
    assert Goal.objects.get(pk=second.pk).order == 1
    client.post(reverse("actionplans:goal_delete", args=[plans.s.nosam.slug, "2024", second.pk]))
    assert not Goal.objects.filter(pk=second.pk).exists()
    record = Goal.history.filter(id=second.pk, history_type="-").get()
    client.post(
        reverse("actionplans:history_restore", args=[plans.s.nosam.slug, "2024"]),
        {"kind": "goal", "history_id": record.history_id},
    )
    assert Goal.objects.get(pk=second.pk).text == "Andra"


# --- Double clicks on PostgreSQL -----------------------------------------------------------------

def moves_to(plan, status):
    return ActionPlan.history.filter(id=plan.pk, status=status).count()


@committed
def test_submit_twenty_times_submits_once(plans):
    leader = leader_of(plans)
    done, refused = fire(lambda: services.plan_submit(plan=fresh(plans.plan), user=leader))
    assert len(done) == 1 and len(refused) == CLICKS - 1 and set(refused) <= {"conflict", REFUSED}
    assert moves_to(plans.plan, Status.SUBMITTED) == 1


@committed
def test_adopt_twenty_times_adopts_once(plans):
    leader = leader_of(plans)
    services.plan_submit(plan=fresh(plans.plan), user=leader)
    done, refused = fire(lambda: services.plan_adopt(plan=fresh(plans.plan), user=leader))
    assert len(done) == 1 and len(refused) == CLICKS - 1 and set(refused) <= {"conflict", REFUSED}
    assert moves_to(plans.plan, Status.ADOPTED) == 1


@committed
def test_return_twenty_times_returns_once(plans):
    leader = leader_of(plans)
    services.plan_submit(plan=fresh(plans.plan), user=leader)
    done, refused = fire(lambda: services.plan_return(plan=fresh(plans.plan), user=leader))
    assert len(done) == 1 and set(refused) <= {"conflict", REFUSED}
    assert moves_to(plans.plan, Status.DRAFT) == 2  # created, then returned once


@committed
def test_revise_twenty_times_opens_one_revision(plans):
    leader = leader_of(plans)
    services.plan_submit(plan=fresh(plans.plan), user=leader)
    services.plan_adopt(plan=fresh(plans.plan), user=leader)
    done, refused = fire(lambda: services.plan_revise(plan=fresh(plans.plan), user=leader))
    assert len(done) == 1 and set(refused) == {"open_revision"}
    assert ActionPlan.objects.filter(body=plans.s.nosam, period="2024", revision=2).count() == 1
    assert Goal.objects.filter(plan__revision=2).count() == 1


@committed
def test_twenty_goals_added_at_once_get_distinct_orders(plans):
    leader = leader_of(plans)
    done, refused = fire(
        lambda: services.goal_save(
            goal=Goal(plan=fresh(plans.plan), focus_area=plans.health, text="Samtidigt"), user=leader
        )
    )
    assert len(done) == CLICKS and refused == []
    orders = list(Goal.objects.filter(plan=plans.plan).values_list("order", flat=True))
    assert len(orders) == len(set(orders)) == CLICKS + 1


@committed
def test_an_activity_started_twenty_times_moves_once(plans):
    leader = leader_of(plans)
    pk = plans.activity.pk
    done, refused = fire(
        lambda: services.activity_move(activity=Activity.objects.get(pk=pk), user=leader, move="start")
    )
    assert len(done) == 1 and set(refused) <= {"conflict", REFUSED}
    assert Activity.history.filter(id=pk, status=Activity.Status.ONGOING).count() == 1
