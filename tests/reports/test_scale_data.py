"""``generate_scale_data``: deterministic generated sub-regions, written with their history, that
the portal's search and permissions read like any other data."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q

from actionplans.models import ActionPlan, Activity, FollowUp
from governance.models import Body, Membership
from governance.permissions import MANAGE_MEETINGS, holds
from meetings.models import AgendaItem, Attendance, Decision, Meeting
from meetings.search import search
from reports.models import ReportSection

REASON = "Genererad testdata"


def generate(factor):
    out = io.StringIO()
    call_command(
        "generate_scale_data",
        f"--factor={factor}",
        "--first-year=2026",
        "--last-year=2026",
        "--force",
        stdout=out,
    )
    return out.getvalue()


def fingerprint():
    return (
        list(Meeting.objects.order_by("body__slug", "date").values_list("body__slug", "date", "status")),
        list(
            AgendaItem.objects.order_by("meeting__body__slug", "meeting__date", "position").values_list(
                "title"
            )
        ),
        list(
            Activity.objects.order_by("plan__body__slug", "plan__period", "goal__order", "order").values_list(
                "what"
            )
        ),
    )


@pytest.mark.django_db(transaction=True)
def test_it_builds_a_sub_region_with_history_that_search_and_permissions_read():
    assert "1 delregioner tillagda" in generate(1)
    groups = Body.objects.filter(Q(parent__slug="skala-1") | Q(parent__parent__slug="skala-1"))
    assert groups.count() == 6  # a coordinating group, two theme groups, three NOSAMs
    meetings = Meeting.objects.filter(body__in=groups)
    published = meetings.filter(status=Meeting.Status.PUBLISHED)
    assert meetings.count() > 40 and meetings.filter(status=Meeting.Status.PLANNED).exists()
    assert AgendaItem.objects.filter(meeting__in=published).count() >= 7 * published.count()
    assert Decision.objects.exclude(outcome="").exists() and Attendance.objects.exists()
    # History rows as the app writes them, with a reason.
    assert AgendaItem.history.filter(history_change_reason=REASON).count() == AgendaItem.objects.count()
    assert Membership.history.filter(history_change_reason=REASON).count() == Membership.objects.count()
    adopted = ActionPlan.objects.current().filter(body__in=groups)
    assert adopted.count() == 5 and FollowUp.objects.filter(activity__plan__in=adopted).exists()
    assert ActionPlan.objects.open().filter(body__in=groups).count() == 5  # next year's drafts
    assert ReportSection.objects.filter(body__in=groups).exists()
    # Seats became permissions; the minutes are searchable (a common word and a seed phrase).
    leader = Membership.objects.filter(body__in=groups, role=Membership.Role.PROCESS_LEADER).first()
    assert holds(leader.person.user, MANAGE_MEETINGS, groups.first())
    assert search("samverkan").total > 0
    assert search("vårdövergångar").total > 0


@pytest.mark.django_db
def test_it_is_deterministic_and_a_larger_factor_adds_only_the_missing_units():
    with transaction.atomic():
        generate(1)
        first = fingerprint()
        transaction.set_rollback(True)
    generate(1)
    assert fingerprint() == first
    output = generate(2)
    assert "Fyrbodal" not in output and "Skaraborg" in output
