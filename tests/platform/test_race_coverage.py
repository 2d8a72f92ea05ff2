"""Every view of the apps is either read-only or clicked 20 times at once in a race test: a new
view without an entry here fails, so its double click gets a test (``tests/concurrency.py``)."""

from django.urls import get_resolver

APPS = ["governance", "actionplans", "meetings", "reports"]

# View name -> the race test that clicks its POST (the scenario's key in that module).
RACED = {
    "meetings:meeting_create": "meetings: create meeting",
    "meetings:meeting_edit": "meetings: edit meeting",
    "meetings:agenda": "meetings: add item (and from twenty tabs)",
    "meetings:item_edit": "meetings: edit item, attach a file",
    "meetings:item_move": "meetings: move item",
    "meetings:item_remove": "meetings: remove item",
    "meetings:attendance": "meetings: attendance",
    "meetings:guest_add": "meetings: add guest",
    "meetings:minutes": "meetings: save minutes, record decision, approve at the next meeting",
    "meetings:minutes_correct": "meetings: correct minutes",
    "meetings:mark_held": "meetings: mark held",
    "meetings:approve": "meetings: approve",
    "meetings:publish": "meetings: publish",
    "meetings:stance": "meetings: stance",
    "meetings:assignment_add": "meetings: add assignment",
    "meetings:assignment_move": "meetings: finish assignment",
    "meetings:send_agenda": "tests/meetings/test_transactions.py (the outbox: one mail per member)",
    "actionplans:plan_create": "actionplans: create plan (and from twenty tabs)",
    "actionplans:history_restore": "actionplans: restore",
    "actionplans:plan_submit": "actionplans: submit",
    "actionplans:plan_withdraw": "actionplans: withdraw",
    "actionplans:plan_adopt": "actionplans: adopt",
    "actionplans:plan_return": "actionplans: return",
    "actionplans:plan_revise": "actionplans: revise",
    "actionplans:goal_add": "actionplans: add goal (and from twenty tabs)",
    "actionplans:goal_edit": "actionplans: edit goal",
    "actionplans:activity_add": "actionplans: add activity",
    "actionplans:activity_edit": "actionplans: edit activity",
    "actionplans:goal_delete": "actionplans: delete goal",
    "actionplans:goal_move": "actionplans: move goal",
    "actionplans:activity_delete": "actionplans: delete activity",
    "actionplans:activity_move": "actionplans: move activity",
    "actionplans:followup_add": "actionplans: follow up",
    "actionplans:activity_status": "actionplans: activity status",
    "reports:section_edit": "reports: save a draft, submit",
    "reports:section_review": "reports: accept, return",
    "reports:section_withdraw": "reports: withdraw",
    "reports:section_not_applicable": "reports: no section this year, request again",
    "reports:report_adopt": "reports: the double-clicked adoption",
    "reports:report_rebuild_pdf": "the outbox (a rebuild is queued once)",
    "governance:body_edit": "governance: a group saved twenty times",
    "governance:membership_add": "the seat constraints (tests/governance)",
    "governance:membership_edit": "the seat constraints (tests/governance)",
    "governance:membership_end": "the seat constraints (tests/governance)",
    "governance:notice_preferences": "tests/governance/test_subscription_races.py",
    "governance:calendar_renew": "tests/governance/test_subscription_races.py",
    "governance:subscription_confirm": "tests/governance/test_subscription_races.py",
    "governance:unsubscribe": "tests/governance/test_subscription_races.py",
    "governance:subscribe_minutes": "tests/governance/test_subscription_races.py",
    "governance:subscribe_report": "tests/governance/test_subscription_races.py",
}

READ_ONLY = {
    "meetings": [
        "meeting_detail", "meeting_pdf", "attachment", "body_meetings", "assignments", "review",
        "archive", "archive_year", "search", "minutes_feed", "calendar_all", "calendar_body",
    ],
    "actionplans": [
        "current_collaboration_plan", "collaboration_plan", "red_thread", "status_overview",
        "delegated_uptake", "plan_detail", "plan_pdf", "plan_xlsx", "plan_history", "plan_edit",
        "current_plan",
    ],
    "reports": [
        "arshjul", "arshjul_ics", "latest_report", "report_detail", "report_pdf", "section_detail",
        "section_preview_pdf",
    ],
    "governance": ["organisation_chart", "body_detail", "organisation_detail", "my_groups"],
}  # fmt: skip


def _views():
    resolver = get_resolver()
    for app in APPS:
        for pattern in resolver.namespace_dict[app][1].url_patterns:
            yield f"{app}:{pattern.name}"


def test_every_view_is_read_only_or_raced():
    read_only = {f"{app}:{name}" for app, names in READ_ONLY.items() for name in names}
    assert not read_only & RACED.keys()
    assert sorted(set(_views()) - read_only - RACED.keys()) == []
    assert sorted((read_only | RACED.keys()) - set(_views())) == []
