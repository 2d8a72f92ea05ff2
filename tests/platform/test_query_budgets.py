"""Query budgets: every page of the URL configuration has a pinned number of SQL queries.

The pages come from the URL configuration (``named_routes``, as the permission matrix walks it),
each addressed with real objects of a world and read by a visitor and by a member who may see it
(the NOSAM's process leader, else LGS's, else a site administrator), rendered (the public page
cache is off here: a stored page runs none, ``test_public_page_cache``). A page without an entry
in ``BUDGETS`` fails ``test_every_page_has_a_budget``; a page above its budget fails, named with
its count.

The world is a fixture: by default the permission matrix's small world (``matrix_world.World``).
Set ``QUERY_BUDGET_WORLD=package.module:factory`` to measure another (the 10× county): the
factory is called inside the test database and returns an object with ``clients`` (a logged-in
``django.test.Client`` per actor name of ``matrix_world.ACTORS``) and ``url(name, actor)`` (the
address of that page for that actor, or None to skip it).
"""

import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.module_loading import import_string

from .matrix import EXCLUDED_PREFIXES, OK, SPEC, outcomes
from .test_permission_matrix import media_root, named_routes, quick_pdfs, quiet_refusals, world  # noqa: F401

# Who reads a page as a member: the first of these the page answers 200.
MEMBERS = ("process_leader", "lgs_leader", "site_admin")

# name: (anonymous, member): the most queries one GET of the page may run; None where that
# visitor does not get the page (a login, 403, 404 or redirect). Measured on the small world;
# a page's count must not grow with the data.
BUDGETS = {
    "accessibility": (0, 3),
    "actionplans:activity_add": (None, 6),
    "actionplans:activity_delete": (None, 6),
    "actionplans:activity_edit": (None, 6),
    "actionplans:activity_move": (None, None),
    "actionplans:activity_status": (None, None),
    "actionplans:collaboration_plan": (3, 6),
    "actionplans:current_collaboration_plan": (None, None),
    "actionplans:current_plan": (None, None),
    "actionplans:delegated_uptake": (None, 6),
    "actionplans:followup_add": (None, 7),
    "actionplans:goal_add": (None, 8),
    "actionplans:goal_delete": (None, 6),
    "actionplans:goal_edit": (None, 9),
    "actionplans:goal_move": (None, None),
    "actionplans:history_restore": (None, None),
    "actionplans:plan_adopt": (None, 5),
    "actionplans:plan_create": (None, 7),
    "actionplans:plan_detail": (7, 12),
    "actionplans:plan_edit": (None, 8),
    "actionplans:plan_history": (None, 13),
    "actionplans:plan_pdf": (7, 11),
    "actionplans:plan_return": (None, None),
    "actionplans:plan_revise": (None, None),
    "actionplans:plan_submit": (None, 6),
    "actionplans:plan_withdraw": (None, None),
    "actionplans:plan_xlsx": (4, 8),
    "actionplans:red_thread": (5, 8),
    "actionplans:status_overview": (2, 5),
    "admin:index": (None, 3),
    "favicon": (None, None),
    "governance:body_detail": (11, 24),
    "governance:body_edit": (None, 5),
    "governance:calendar_renew": (None, None),
    "governance:membership_add": (None, 10),
    "governance:membership_edit": (None, 11),
    "governance:membership_end": (None, 9),
    "governance:my_groups": (None, 7),
    "governance:notice_preferences": (None, 5),
    "governance:organisation_chart": (3, 6),
    "governance:organisation_detail": (3, 6),
    "governance:subscribe_minutes": (1, 4),
    "governance:subscribe_report": (0, 3),
    "governance:subscription_confirm": (1, 4),
    "governance:unsubscribe": (1, 4),
    "healthz": (1, 1),
    "home": (1, 4),
    "login": (0, 3),
    "logout": (None, None),
    "meetings:agenda": (None, 6),
    "meetings:approve": (None, 5),
    "meetings:archive": (3, 6),
    "meetings:archive_year": (3, 6),
    "meetings:assignment_add": (None, None),
    "meetings:assignment_move": (None, None),
    "meetings:assignments": (3, 7),
    "meetings:attachment": (2, 6),
    "meetings:attendance": (None, 9),
    "meetings:body_meetings": (4, 8),
    "meetings:calendar_all": (1, 1),
    "meetings:calendar_body": (2, 2),
    "meetings:guest_add": (None, None),
    "meetings:item_edit": (None, 7),
    "meetings:item_move": (None, None),
    "meetings:item_remove": (None, 6),
    "meetings:mark_held": (None, None),
    "meetings:meeting_create": (None, 5),
    "meetings:meeting_detail": (6, 10),
    "meetings:meeting_edit": (None, 5),
    "meetings:meeting_pdf": (6, 10),
    "meetings:minutes": (None, 14),
    "meetings:minutes_correct": (None, None),
    "meetings:minutes_feed": (1, 1),
    "meetings:publish": (None, 5),
    "meetings:review": (None, 3),
    "meetings:search": (9, 12),
    "meetings:send_agenda": (None, 5),
    "meetings:stance": (None, 7),
    "password_change": (None, 3),
    "password_change_done": (None, 3),
    "password_reset": (0, 3),
    "password_reset_complete": (0, 3),
    "password_reset_confirm": (1, 4),
    "password_reset_done": (0, 3),
    "personal_calendar": (None, None),
    "personal_data": (0, 3),
    "reports:arshjul": (2, 5),
    "reports:arshjul_ics": (1, 1),
    "reports:latest_report": (None, None),
    "reports:report_adopt": (None, 6),
    "reports:report_detail": (2, 8),
    "reports:report_pdf": (None, None),
    "reports:report_rebuild_pdf": (None, None),
    "reports:section_detail": (6, 9),
    "reports:section_edit": (None, 7),
    "reports:section_not_applicable": (None, None),
    "reports:section_preview_pdf": (None, 7),
    "reports:section_review": (None, None),
    "reports:section_withdraw": (None, None),
    "robots_txt": (0, 0),
    "security_txt": (0, 0),
    "set_language": (None, None),
    "sitemap": (7, 7),
    "sitemap_section": (2, 2),
    "todo": (None, 13),
}


class MatrixWorld:
    """The permission matrix's world, addressed through its spec."""

    def __init__(self, built):
        self.world = built
        self.clients = built.clients

    def url(self, name, actor):
        view = SPEC[name]
        for state in view.states:
            if OK in outcomes(view.expect("GET", actor, state)):
                return reverse(name, kwargs=view.kwargs(self.world, state, actor)) + view.query
        return None


@pytest.fixture(scope="module")
def budget_world(request):
    factory = os.environ.get("QUERY_BUDGET_WORLD")
    if factory:
        with request.getfixturevalue("django_db_blocker").unblock():
            return import_string(factory.replace(":", "."))()
    return MatrixWorld(request.getfixturevalue("world"))


@pytest.fixture(autouse=True)
def rendered(settings):
    settings.PAGE_CACHE_SECONDS = 0


def pages():
    return sorted(
        {name for name, _route in named_routes() if not name.startswith(tuple(EXCLUDED_PREFIXES))}
        | {name for name in SPEC if name.startswith(tuple(EXCLUDED_PREFIXES))}
    )


def count(client, url):
    """Queries of a GET, after one that warmed the process-wide caches; None unless 200."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries) if response.status_code == 200 else None


def measure(place, name):
    anonymous = place.url(name, "anonymous")
    found = [count(place.clients["anonymous"], anonymous) if anonymous else None, None]
    for actor in MEMBERS:
        url = place.url(name, actor)
        if url:
            found[1] = count(place.clients[actor], url)
            break
    return tuple(found)


def test_every_page_has_a_budget():
    missing = [name for name in pages() if name not in BUDGETS]
    assert not missing, f"Pages without a query budget (tests/platform/test_query_budgets.py): {missing}"
    stale = sorted(BUDGETS.keys() - set(pages()))
    assert not stale, f"Budgets of pages that no longer exist: {stale}"


@pytest.mark.parametrize("name", pages())
def test_the_page_keeps_its_budget(name, budget_world, db):
    if name not in BUDGETS:
        pytest.fail(f"{name}: no budget; measured (anonymous, member) = {measure(budget_world, name)}")
    measured = measure(budget_world, name)
    over = [
        f"{who}: {got} > {allowed}"
        for who, got, allowed in zip(("anonymous", "member"), measured, BUDGETS[name], strict=True)
        if got is not None and (allowed is None or got > allowed)
    ]
    assert not over, f"{name} runs more queries than its budget: {', '.join(over)}"
