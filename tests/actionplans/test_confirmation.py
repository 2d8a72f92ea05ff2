"""Confirm before the irreversible, and undo where the lifecycle allows it, for action plans:
submitting and adopting go through a confirmation page (``ActionPlan.lifecycle`` declares what
happens), deleting a sub-goal or an activity too; a submission can be withdrawn (“Ångra”) until
the adopting body has acted on it."""

import datetime
import html

import pytest
from django.db.models import F

from actionplans import services
from actionplans.models import ActionPlan, Goal
from governance.models import Membership

Status = ActionPlan.Status
CHANGED_MEANWHILE = "Någon annan ändrade"


def _leader(plans):
    return plans.s.people[Membership.Role.PROCESS_LEADER]


def _plan(plans):
    return ActionPlan.objects.get(pk=plans.plan.pk)


def _text(response):
    return html.unescape(response.content.decode())


def _history(plan):
    return list(plan.history.order_by("history_id").values_list("history_change_reason", flat=True))


def test_submitting_is_confirmed_on_its_own_page(plans, client):
    client.force_login(_leader(plans))
    plan = _plan(plans)
    url = plan.url("plan_submit")
    detail = client.get(plan.get_absolute_url()).content.decode()
    assert f'href="{url}"' in detail and f'action="{url}"' not in detail
    page = _text(client.get(url))
    assert "Vill du skicka in för fastställande" in page and "låses" in page and "återta" in page
    assert _plan(plans).is_draft  # the page changed nothing
    response = client.post(url, {"version": plan.version})
    assert response.status_code == 302
    assert _plan(plans).is_submitted


def test_a_stale_confirmation_of_the_submission_is_refused(plans, client):
    client.force_login(_leader(plans))
    plan = _plan(plans)
    ActionPlan.objects.filter(pk=plan.pk).update(version=F("version") + 1)  # somebody saved it
    response = client.post(plan.url("plan_submit"), {"version": plan.version}, follow=True)
    assert CHANGED_MEANWHILE in _text(response)
    assert _plan(plans).is_draft


def test_a_submission_is_undone_until_the_adopting_body_acts(plans, client):
    leader = _leader(plans)
    client.force_login(leader)
    services.plan_submit(plan=_plan(plans), user=leader)
    plan = _plan(plans)
    page = _text(client.get(plan.get_absolute_url()))
    assert "Ångra" in page and f'action="{plan.url("plan_withdraw")}"' in page
    response = client.post(plan.url("plan_withdraw"), {"version": plan.version}, follow=True)
    assert "Inlämningen återtogs" in _text(response)
    plan = _plan(plans)
    assert plan.is_draft and plan.submitted_at is None
    assert _history(plan)[-1] == "Inlämningen återtogs"
    # Once adopted, nothing downstream can be undone: no button, and a late POST changes nothing.
    services.plan_submit(plan=plan, user=leader)
    services.plan_adopt(plan=_plan(plans), user=leader)
    plan = _plan(plans)
    assert "Ångra" not in _text(client.get(plan.get_absolute_url()))
    client.post(plan.url("plan_withdraw"), {"version": plan.version})
    assert _plan(plans).is_adopted


def test_the_adoption_asks_for_its_date_on_the_confirmation_page(plans, client):
    leader = _leader(plans)
    client.force_login(leader)
    services.plan_submit(plan=_plan(plans), user=leader)
    url = _plan(plans).url("plan_adopt")
    response = client.get(url)
    assert "fastställs och publiceras" in _text(response) and "adopted_on" in response.content.decode()
    assert client.post(url, {"version": _plan(plans).version, "adopted_on": ""}).status_code == 200
    assert _plan(plans).is_submitted  # no date: the page again, nothing adopted
    client.post(url, {"version": _plan(plans).version, "adopted_on": "2024-03-15"})
    plan = _plan(plans)
    assert plan.is_adopted and plan.adopted_on == datetime.date(2024, 3, 15)


@pytest.mark.parametrize("kind", ["goal", "activity"])
def test_a_row_is_deleted_after_its_confirmation(plans, client, kind):
    client.force_login(_leader(plans))
    row = plans.goal if kind == "goal" else plans.activity
    url = _plan(plans).url(f"{kind}_delete", row.pk)
    assert f'href="{url}"' in client.get(_plan(plans).url("plan_edit")).content.decode()
    page = _text(client.get(url))
    assert "Vill du ta bort" in page and "historik" in page
    model = type(row)
    seen = row.version
    model.objects.filter(pk=row.pk).update(version=F("version") + 1)  # edited meanwhile
    client.post(url, {"version": seen})
    assert model.objects.filter(pk=row.pk).exists()
    client.post(url, {"version": seen + 1})
    assert not model.objects.filter(pk=row.pk).exists()
    if kind == "goal":
        assert not Goal.objects.filter(pk=plans.goal.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_submit_undo_submit_and_adopt_through_the_pages_commit(plans, client):
    """The whole workflow over HTTP in committed transactions: confirm, undo, confirm, adopt."""
    leader = _leader(plans)
    client.force_login(leader)
    plan = _plan(plans)
    client.post(
        plan.url("plan_submit"),
        {"version": client.get(plan.url("plan_submit")).context["confirm_form"]["version"].value()},
    )
    assert _plan(plans).is_submitted
    client.post(plan.url("plan_withdraw"), {"version": _plan(plans).version})
    assert _plan(plans).is_draft
    client.post(plan.url("plan_submit"), {"version": _plan(plans).version})
    client.post(plan.url("plan_adopt"), {"version": _plan(plans).version, "adopted_on": "2024-03-15"})
    plan = _plan(plans)
    assert plan.is_adopted
    assert _history(plan)[1:] == [
        "Inskickad för fastställande",
        "Inlämningen återtogs",
        "Inskickad för fastställande",
        "Fastställd",
    ]
