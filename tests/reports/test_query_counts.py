"""The report, section, årshjul and body pages run a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Body
from reports.models import CycleEvent, ReportSection


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def grow(opened, n=10):
    s = opened.structure
    report = opened.report()
    for i in range(n):
        body = Body.objects.create(name=f"NOSAM {i}", slug=f"nosam-{i}", kind=s.local_kind, parent=s.lgs)
        ReportSection.objects.create(report=report, body=body, order=9000 + i, summary="Text.")
        event = CycleEvent.objects.create(month=i % 12 + 1, title=f"Händelse {i}", responsible_body=s.lgs)
        event.target_kinds.set([s.local_kind])
        event.target_bodies.set([body])


PAGES = {
    # name: (url, user, pinned number of queries); a logged-in page counts the header's "Att göra".
    # The adoption's form (and its list of decisions) is on its confirmation page.
    "report (reviewer)": (lambda o, sec: reverse("reports:report_detail", args=[2025]), "lgs_leader", 6),
    "section (writer)": (lambda o, sec: sec.get_absolute_url(), "chair", 5),
    "section editor": (lambda o, sec: reverse("reports:section_edit", args=[2025, sec.pk]), "chair", 5),
    "årshjul": (lambda o, sec: reverse("reports:arshjul"), None, 4),
    "body page": (
        lambda o, sec: reverse("governance:body_detail", args=[o.structure.nosam.slug]),
        "chair",
        9,  # + the seat rules: the chair's person (the permissions are read once per request)
    ),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_query_count_is_pinned_and_does_not_grow(opened, client, page):
    url_of, who, pinned = PAGES[page]
    s = opened.structure
    users = {"lgs_leader": opened.lgs_leader, "chair": s.people["chair"]}
    if who:
        client.force_login(users[who])
    section = opened.section(s.nosam)
    before = count(client, url_of(opened, section))
    grow(opened)
    assert count(client, url_of(opened, section)) == before == pinned
