"""The one-page editor: add, edit, reorder and delete in place (htmx) or with plain forms."""

import pytest
from django.test import Client
from django.urls import reverse

from actionplans.models import Activity, Goal
from governance.models import Membership

Role = Membership.Role
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def editor(plans, client):
    client.force_login(plans.s.people[Role.PROCESS_LEADER])
    return client


def url(plans, name, *args):
    return reverse(f"actionplans:{name}", args=[plans.s.nosam.slug, plans.plan.period, *args])


def test_a_goal_is_added_with_a_plain_form_and_shown_after_the_redirect(plans, editor):
    response = editor.post(
        url(plans, "goal_add"), {"focus_area": plans.health.pk, "text": "Suicidprevention"}, follow=True
    )
    assert "Delmålet sparades." in response.content.decode()
    goal = Goal.objects.get(text="Suicidprevention")
    assert goal.plan == plans.plan and goal.order == 2
    assert goal.history.first().history_user == plans.s.people[Role.PROCESS_LEADER]


def test_htmx_gets_the_form_in_place_and_the_whole_editor_back_after_saving(plans, editor):
    fragment = editor.get(url(plans, "goal_edit", plans.goal.pk), **HTMX).content.decode()
    assert "<html" not in fragment and f'id="goal-row-{plans.goal.pk}"' in fragment
    response = editor.post(
        url(plans, "activity_add", plans.goal.pk), {"what": "Gapanalys", "status": "planned"}, **HTMX
    )
    assert response["HX-Retarget"] == "#plan-editor"
    assert 'id="plan-editor"' in response.content.decode() and "Gapanalys" in response.content.decode()
    assert "Aktiviteten sparades." in response.content.decode()


def test_bad_input_is_shown_in_swedish_and_what_was_typed_is_kept(plans, editor):
    response = editor.post(url(plans, "goal_add"), {"text": "Mitt delmål"}, **HTMX)
    page = response.content.decode()
    assert response.status_code == 200 and "HX-Retarget" not in response
    assert "Välj ett fokusområde" in page and "Mitt delmål" in page
    assert not Goal.objects.filter(text="Mitt delmål").exists()


def test_the_second_save_of_the_same_row_is_refused_and_shows_the_other_change(plans, editor):
    version = plans.activity.version
    first = editor.post(
        url(plans, "activity_edit", plans.activity.pk),
        {"what": "Första versionen", "status": "ongoing", "version": version},
    )
    assert first.status_code == 302
    other = Client()
    other.force_login(plans.s.people[Role.CHAIR])
    second = other.post(
        url(plans, "activity_edit", plans.activity.pk),
        {"what": "Andra versionen", "status": "ongoing", "version": version},
    )
    page = second.content.decode()
    assert second.status_code == 200
    assert "Process_Leader Testsson sparade medan du redigerade" in page
    assert "Första versionen" in page, "the other person's value is shown"
    assert "Andra versionen" in page, "what was typed is kept"
    assert Activity.objects.get(pk=plans.activity.pk).what == "Första versionen"


def test_reordering_swaps_neighbours_and_is_recorded(plans, editor):
    second = Goal.objects.create(plan=plans.plan, focus_area=plans.transitions, text="Andra", order=2)
    editor.post(url(plans, "goal_move", second.pk), {"direction": "up"})
    order = list(Goal.objects.filter(plan=plans.plan).order_by("order").values_list("pk", flat=True))
    assert order == [second.pk, plans.goal.pk]
    assert second.history.first().history_change_reason == "Flyttad"
    response = editor.post(url(plans, "goal_move", second.pk), {"direction": "up"}, **HTMX)
    assert "Den står redan först eller sist." in response.content.decode()


def test_deleting_a_goal_takes_its_activities_and_history_can_bring_them_back(plans, editor):
    editor.post(url(plans, "goal_delete", plans.goal.pk))
    assert not Goal.objects.filter(pk=plans.goal.pk).exists()
    assert not Activity.objects.filter(pk=plans.activity.pk).exists()
    goal_record = Goal.history.filter(id=plans.goal.pk, history_type="-").get()
    editor.post(url(plans, "history_restore"), {"kind": "goal", "history_id": goal_record.history_id})
    activity_record = Activity.history.filter(id=plans.activity.pk, history_type="-").get()
    response = editor.post(
        url(plans, "history_restore"),
        {"kind": "activity", "history_id": activity_record.history_id},
        follow=True,
    )
    assert "Den tidigare versionen återställdes." in response.content.decode()
    assert Activity.objects.get(pk=plans.activity.pk).goal_id == plans.goal.pk


def test_a_delegated_goal_that_others_implement_cannot_be_deleted(plans, client):
    client.force_login(plans.s.seat(plans.s.theme, Role.PROCESS_LEADER, "tgleader"))
    plans.theme_plan.status = "draft"
    plans.theme_plan.save()
    response = client.post(
        reverse("actionplans:goal_delete", args=[plans.s.theme.slug, "2024", plans.delegated.pk]), follow=True
    )
    assert "Andra gruppers delmål genomför detta delmål" in response.content.decode()
    assert Goal.objects.filter(pk=plans.delegated.pk).exists()


def test_the_body_page_lists_the_plans_a_visitor_may_read(plans, client):
    page = client.get(plans.s.nosam.get_absolute_url()).content.decode()
    assert "Handlingsplaner" in page and "Handlingsplan 2024" not in page, "a draft is internal"
    client.force_login(plans.s.people[Role.MEMBER])
    page = client.get(plans.s.nosam.get_absolute_url()).content.decode()
    assert "Handlingsplan 2024" in page and "Utkast" in page


def test_a_new_plan_can_start_from_last_years_rows(plans, editor):
    response = editor.post(
        reverse("actionplans:plan_create", args=[plans.s.nosam.slug]),
        {"period": "2025", "collaboration_plan": plans.cplan.pk, "copy_from": plans.plan.pk},
    )
    new = plans.plan.__class__.objects.get(body=plans.s.nosam, period="2025")
    assert response["Location"] == reverse("actionplans:plan_edit", args=[plans.s.nosam.slug, "2025"])
    assert new.status == "draft"
    goal = new.goals.get()
    assert goal.implements == plans.delegated and goal.activities.get().what == "Implementera kunskapsstödet"


def test_a_second_plan_for_the_same_period_is_refused(plans, editor):
    response = editor.post(
        reverse("actionplans:plan_create", args=[plans.s.nosam.slug]),
        {"period": "2024", "collaboration_plan": plans.cplan.pk},
    )
    assert response.status_code == 200
    assert "finns redan" in response.content.decode()
