"""The demo follows the calendar: on any day it shows the plans, meetings and report of that day.

The demo as loaded on DEMO_DAY (the tests' snapshot), then reloads on later days (as ``make demo``
on a later date), each checked against the issue's bar; the reloads add without duplicating and
keep what a visitor added by hand. Dates are passed to the loader (no clock is frozen). A load
costs many seconds, so there is no extra reload on the same day: the later ones check the same.
"""

import datetime

from django.urls import reverse

from actionplans.models import ActionPlan, CollaborationPlan
from governance.models import Body
from meetings.models import Assignment, Decision, Meeting, Stance
from meetings.search import search
from reports.models import AnnualReport
from samverkan.demo import add_months, load_all
from tests.conftest import DEMO_DAY

DAYS = [DEMO_DAY, datetime.date(2026, 11, 25), datetime.date(2027, 6, 1)]


def _the_bar(client, today):
    year = today.year
    assert CollaborationPlan.objects.filter(
        period__lte=f"{year}-{year + 1}", period__gte=f"{year - 1}-{year}", adopted_on__lte=today
    ).exists(), "a collaboration plan covers this year"
    sydvast = ActionPlan.objects.current().get(body__slug="nosam-gbg-sydvast", period=str(year))
    assert sydvast.adopted_on <= today
    last_year = ActionPlan.objects.get(body__slug="nosam-gbg-sydvast", period=str(year - 1), revision=1)
    assert last_year.activities.filter(follow_ups__isnull=False).exists()
    lgs = Meeting.objects.filter(body__slug="lgs")
    assert lgs.filter(status="published", date__gte=add_months(today, -4), date__lte=today).exists()
    assert lgs.filter(date__gt=today, date__lte=add_months(today, 4)).exists()

    expected = year - 1 if today.month >= 3 else year - 2
    response = client.get(reverse("reports:latest_report"), follow=True)
    assert response.status_code == 200
    assert AnnualReport.objects.filter(status="adopted").order_by("-year").first().year == expected
    assert f"/arsrapport/{expected}/" in response.redirect_chain[-1][0]

    results = search("samverkan")
    snippets = [meeting.snippet for meeting in results.meetings]
    assert len(snippets) >= 10 and len(set(snippets)) == len(snippets), "varied snippets"


def _each_login_has_something_waiting(today):
    """The states behind each printed login's to-do list (see README's login table)."""
    drafted_lgs = Meeting.objects.get(body__slug="lgs", status="minutes_drafted")
    open_proposal = Decision.objects.get(item__meeting=drafted_lgs, outcome="", item__kind="decision")
    voters = set(Stance.objects.filter(decision=open_proposal).values_list("user__username", flat=True))
    assert "lgs" not in voters  # a stance waiting (member of LGS)
    assert drafted_lgs.date <= today  # minutes to approve (ordforande-lgs)
    assert Meeting.objects.filter(
        body__slug="nosam-gbg-sydvast", status="minutes_drafted"
    ).exists()  # ordforande, and admin (vice chair)
    assert Meeting.objects.filter(
        body__slug="temagrupp-aldre", status="minutes_approved"
    ).exists()  # kommunikator
    drafts = ActionPlan.objects.filter(body__slug="nosam-gbg-sydvast", status="draft")  # processledare
    assert drafts.exists()
    submitted = ActionPlan.objects.filter(status="submitted", body__plans_adopted_by__slug="lgs")
    assert submitted.exists()  # a plan to adopt (processledare-lgs)
    assert Assignment.objects.filter(status="open", due_date__lt=today).exists()
    assert Assignment.objects.filter(status="open", due_date__gte=today).exists()


def test_the_demo_follows_the_calendar_and_moves_forward(demo_users, client):
    _the_bar(client, DAYS[0])
    _each_login_has_something_waiting(DAYS[0])
    cycle = AnnualReport.objects.get(year=2025)
    assert cycle.status == "collecting"
    assert set(cycle.sections.values_list("status", flat=True)) >= {
        "requested",
        "draft",
        "submitted",
        "returned",
    }

    by_hand = Meeting.objects.create(
        body=Body.objects.get(slug="lgs"),
        date=datetime.date(2026, 7, 1),
        start_time=datetime.time(10),
        end_time=datetime.time(11),
        status="planned",
    )
    for today in DAYS[1:]:
        load_all(today=today)
        _the_bar(client, today)
        _each_login_has_something_waiting(today)
        assert Meeting.objects.filter(pk=by_hand.pk, status="planned").exists()
        assert not Meeting.objects.filter(body__slug="lgs", date__year=2026, date__month=7).exclude(
            pk=by_hand.pk
        )
        keys = list(Meeting.objects.values_list("body_id", "date", "start_time"))
        assert len(keys) == len(set(keys)), "no meeting twice"
    assert AnnualReport.objects.get(year=2026).status == "adopted"
    assert Meeting.objects.filter(body__slug="lgs", status="minutes_drafted").count() == 1
