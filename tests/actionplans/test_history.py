"""Historik: who changed what, field by field, and restoring an earlier version of a row."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actionplans import services
from actionplans.history import plan_history_entries
from actionplans.models import Activity, Goal
from governance.models import Membership

Role = Membership.Role


def edit_activity(client, plans, **data):
    activity = Activity.objects.get(pk=plans.activity.pk)
    values = {
        "what": activity.what,
        "how": activity.how,
        "status": activity.status,
        "version": activity.version,
    }
    url = reverse("actionplans:activity_edit", args=[plans.s.nosam.slug, "2024", activity.pk])
    return client.post(url, values | data)


def test_the_history_page_shows_who_changed_which_field_from_what_to_what(plans, client):
    client.force_login(plans.s.people[Role.PROCESS_LEADER])
    edit_activity(client, plans, how="Gapanalys i maj")
    page = client.get(reverse("actionplans:plan_history", args=[plans.s.nosam.slug, "2024"])).content.decode()
    assert "Historik" in page
    assert "Process_Leader Testsson" in page
    assert "Tillvägagångssätt (hur?)" in page
    assert "<del>Dialog på NOSAM</del>" in page and "<ins>Gapanalys i maj</ins>" in page


def test_an_earlier_version_of_a_row_can_be_restored_and_the_restore_is_recorded(plans, client):
    leader = plans.s.people[Role.PROCESS_LEADER]
    client.force_login(leader)
    edit_activity(client, plans, what="Ändrad text")
    original = Activity.history.filter(id=plans.activity.pk).order_by("history_date", "history_id").first()
    response = client.post(
        reverse("actionplans:history_restore", args=[plans.s.nosam.slug, "2024"]),
        {"kind": "activity", "history_id": original.history_id},
        follow=True,
    )
    assert "Den tidigare versionen återställdes." in response.content.decode()
    restored = Activity.objects.get(pk=plans.activity.pk)
    assert restored.what == "Implementera kunskapsstödet"
    assert restored.version == 3, "someone still editing the changed text gets a conflict"
    latest = restored.history.first()
    assert latest.history_user == leader and latest.history_change_reason.startswith(
        "Återställd till versionen från"
    )


def test_a_version_of_another_plan_cannot_be_restored_here(plans):
    foreign = Goal.history.filter(id=plans.delegated.pk).first()
    with pytest.raises(ValidationError) as error:
        services.history_restore(
            plan=plans.plan,
            kind="goal",
            history_id=foreign.history_id,
            user=plans.s.people[Role.PROCESS_LEADER],
        )
    assert error.value.code == "missing"
    assert Goal.objects.get(pk=plans.delegated.pk).plan == plans.theme_plan


def test_the_history_runs_a_constant_number_of_queries(plans, django_assert_max_num_queries):
    plans.grow(5)
    with django_assert_max_num_queries(9):
        entries = plan_history_entries(plans.plan)
    assert len(entries) >= 10


def test_the_headings_agree_with_the_noun_and_the_internal_order_is_not_shown(plans, client):
    """ "Delmål" is neuter, "aktivitet" common gender: one whole message per kind and change,
    never a noun and a participle put together ("Delmål tillagd"). A move is listed with its
    reason but without the internal "Ordning" field."""
    leader = plans.s.people[Role.PROCESS_LEADER]
    client.force_login(leader)
    second = Goal.objects.create(
        plan=plans.plan, focus_area=plans.transitions, text="Andra delmålet", order=2
    )
    edit_activity(client, plans, how="Gapanalys i maj")
    assert services.row_move(row=second, direction="up", user=leader)
    page = client.get(reverse("actionplans:plan_history", args=[plans.s.nosam.slug, "2024"])).content.decode()
    for heading in ("Delmål tillagt", "Delmål ändrat", "Aktivitet tillagd", "Aktivitet ändrad"):
        assert f"<strong>{heading}</strong>" in page
    assert "Delmål tillagd" not in page and "Delmål ändrad<" not in page
    assert "<em>Flyttad</em>" in page
    assert "Ordning" not in page
