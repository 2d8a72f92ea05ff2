"""The editor, the plan page, the red thread and the status overview: queries do not grow with rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import ActionPlan
from governance.models import Membership

Role = Membership.Role


def count_queries(client, url):
    client.get(url)  # warm the process-wide caches (content types, translations)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


PAGES = {
    # name: (url, logged in as process leader, pinned count at both sizes); the editor opens
    # on the draft, the other pages show the adopted plan.
    "editor": (lambda p: reverse("actionplans:plan_edit", args=[p.s.nosam.slug, "2024"]), True, 8),
    "plan page": (lambda p: reverse("actionplans:plan_detail", args=[p.s.nosam.slug, "2024"]), True, 12),
    "red thread": (lambda p: reverse("actionplans:red_thread", args=["2024-2025"]), False, 6),
    "status overview": (lambda p: reverse("actionplans:status_overview"), False, 2),
    "history": (lambda p: reverse("actionplans:plan_history", args=[p.s.nosam.slug, "2024"]), True, 14),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_query_count_is_pinned_at_two_sizes(plans, client, page):
    url_of, logged_in, pinned = PAGES[page]
    if page != "editor":
        ActionPlan.objects.filter(pk=plans.plan.pk).update(status=ActionPlan.Status.ADOPTED)
    if logged_in:
        client.force_login(plans.s.people[Role.PROCESS_LEADER])
    plans.grow(2)
    small = count_queries(client, url_of(plans))
    plans.grow(20)
    large = count_queries(client, url_of(plans))
    assert (small, large) == (pinned, pinned)
