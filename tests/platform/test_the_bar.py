"""The workflow bar on the demo data, outside any test transaction (every write commits).

The annual report's own bar (its open sections accepted and the report adopted through the
services and the view) is in ``tests/reports/test_transactions.py``; here are the frozen plan,
the frozen minutes and the public calendars, on the same fresh demo database.
"""

from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionPlan, Goal
from governance.models import Body
from meetings import services as meeting_services
from meetings.models import Decision, Meeting
from samverkan.lifecycle import REFUSED
from tests.conftest import DEMO_DAY

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(demo_users):
    return demo_users


def test_a_goal_of_the_adopted_sydvast_plan_cannot_be_edited_by_its_process_leader(demo, client):
    plan = ActionPlan.objects.get(body__slug="nosam-gbg-sydvast", status=ActionPlan.Status.ADOPTED)
    goal = plan.goals.order_by("order").first()
    before = (goal.text, goal.version, plan.goals.count())
    client.force_login(demo["processledare"])
    url = reverse("actionplans:goal_edit", args=[plan.body.slug, plan.period, goal.pk])
    response = client.post(url, {"text": "Ändrat i efterhand", "version": goal.version})
    assert response.status_code == 403
    assert "Fastställd" in response.content.decode()
    added = client.post(reverse("actionplans:goal_add", args=[plan.body.slug, plan.period]), {"text": "Nytt"})
    assert added.status_code == 403
    goal.refresh_from_db()
    assert (goal.text, goal.version, plan.goals.count()) == before
    assert (
        not Goal.history.filter(plan_id=plan.pk, history_date__date__gte=plan.adopted_on)
        .exclude(history_type="+")
        .exists()
    )


def test_approved_minutes_cannot_be_edited(demo):
    """LGS's newest meeting has drafted minutes (on any day): its chair records the decisions
    and approves them; from then on neither the minutes nor an item changes."""
    meeting = Meeting.objects.get(body__slug="lgs", status=Meeting.Status.MINUTES_DRAFTED)
    chair = demo["ordforande-lgs"]
    for decision in Decision.objects.filter(item__meeting=meeting):
        if decision.is_proposed:
            meeting_services.decision_record(decision=decision, user=chair, outcome=Decision.Outcome.DECIDED)
    meeting_services.minutes_approve(meeting=meeting, user=chair)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_APPROVED
    item = meeting.items.order_by("position").first()
    texts = {"minutes": "Ändrat efter justeringen", "dialogue": item.dialogue, "decision": ""}
    with pytest.raises(ValidationError) as refused:
        meeting_services.minutes_save(
            meeting=meeting,
            user=demo["processledare-lgs"],
            version=meeting.version,
            items=[(item, item.version, texts)],
        )
    assert refused.value.code == REFUSED
    item.title = "Ny rubrik"
    with pytest.raises(ValidationError) as refused:
        meeting_services.item_save(item=item, user=demo["processledare-lgs"], version=item.version)
    assert refused.value.code == REFUSED
    item.refresh_from_db()
    assert item.minutes != "Ändrat efter justeringen" and item.title != "Ny rubrik"


def _urls_in_calendar(text):
    lines = text.replace("\r\n ", "").split("\r\n")
    return [line.removeprefix("URL:") for line in lines if line.startswith("URL:")]


def test_every_url_in_the_public_calendars_answers_an_anonymous_visitor(demo, client, monkeypatch):
    # The calendars hold the last three months and the coming year; the shared demo was loaded as of DEMO_DAY.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: DEMO_DAY)
    calendars = [reverse("meetings:calendar_all")] + [
        reverse("meetings:calendar_body", args=[slug]) for slug in Body.objects.values_list("slug", flat=True)
    ]
    urls = set()
    for calendar in calendars:
        response = client.get(calendar)
        assert response.status_code == 200, calendar
        urls.update(_urls_in_calendar(response.content.decode()))
    assert len(urls) > 10
    for url in sorted(urls):
        assert client.get(urlsplit(url).path).status_code == 200, url
