"""Adopted plan versions as PDF: built once per state, served as a file with an ETag; drafts are
rendered for their members on each request and never stored.

Renders are counted around ``samverkan.pdf.render_pdf`` (the ``pdf_renders`` fixture): the PDFs
are real, and their text is read back with pypdf.
"""

import datetime
import io

import pytest
from django.db import connection
from pypdf import PdfReader

from actionplans import services
from actionplans.export import ensure_plan_pdf
from actionplans.models import ActionPlan
from governance.models import Membership
from tests.conftest import concurrent_gets, pdf_text, require, stored_pdfs, struct_types

Role = Membership.Role


def adopt(plans):
    leader = plans.s.people[Role.PROCESS_LEADER]
    services.plan_submit(plan=ActionPlan.objects.get(pk=plans.plan.pk), user=leader)
    services.plan_adopt(
        plan=ActionPlan.objects.get(pk=plans.plan.pk), user=leader, adopted_on=datetime.date(2024, 3, 15)
    )
    return ActionPlan.objects.get(pk=plans.plan.pk)


def test_an_adopted_plan_renders_once_and_is_served_as_a_file(client, plans, pdf_renders):
    plan = adopt(plans)
    first = client.get(plan.url("plan_pdf"))
    second = client.get(plan.url("plan_pdf"))
    assert len(pdf_renders) == 1 and len(stored_pdfs("handlingsplaner")) == 1
    assert first.status_code == second.status_code == 200
    assert first["ETag"] == second["ETag"] and first["Last-Modified"] and "public" in first["Cache-Control"]
    assert first["Content-Disposition"] == 'inline; filename="handlingsplan-2024-nosam-testby.pdf"'
    body = second.getvalue()
    assert first.getvalue() == body
    text = pdf_text(body)
    assert "Implementera kunskapsstödet" in text and "Fastställd: 2024-03-15" in text
    not_modified = client.get(plan.url("plan_pdf"), headers={"If-None-Match": first["ETag"]})
    assert not_modified.status_code == 304 and len(pdf_renders) == 1


def test_the_pdf_is_tagged_pdf_ua_in_swedish_with_a_title(client, plans):
    reader = PdfReader(io.BytesIO(client.get(adopt(plans).url("plan_pdf")).getvalue()))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "sv" and "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Handlingsplan 2024 – NOSAM Testby"


def test_the_heading_names_period_and_body_and_a_focus_area_without_goals_has_no_table(client, plans):
    """The NOSAM plan has goals under the first focus area of the collaboration plan only."""
    body = client.get(adopt(plans).url("plan_pdf")).getvalue()
    text = pdf_text(body)
    assert text.startswith("Handlingsplan 2024 – NOSAM Testby\n")
    assert "Främja hälsa och förebygga ohälsa\nInga delmål inom fokusområdet." in text
    assert struct_types(body)["/Table"] == 1, "one table: the focus area with goals"


def test_a_follow_up_on_the_plan_in_force_gives_a_new_file_and_etag(client, plans, pdf_renders):
    plan = adopt(plans)
    before = client.get(plan.url("plan_pdf"))["ETag"]
    services.followup_add(
        activity=plans.activity,
        user=plans.s.people[Role.PROCESS_LEADER],
        status="yellow",
        text="Försenad",
        date=datetime.date(2024, 4, 1),
    )
    after = client.get(plan.url("plan_pdf"), headers={"If-None-Match": before})
    assert after.status_code == 200 and after["ETag"] != before
    assert "Senaste uppföljning 2024-04-01" in pdf_text(after.getvalue())
    assert len(pdf_renders) == 2 and len(stored_pdfs("handlingsplaner")) == 1, "the earlier file is removed"


def test_an_adopted_revision_is_a_new_file_and_the_revised_version_keeps_its_own(client, plans):
    first = adopt(plans)
    leader = plans.s.people[Role.PROCESS_LEADER]
    etag_of_first = client.get(first.url("plan_pdf"))["ETag"]
    revision = services.plan_revise(plan=first, user=leader)
    assert client.get(first.url("plan_pdf"))["ETag"] == etag_of_first, "a draft revision changes nothing"
    services.plan_submit(plan=ActionPlan.objects.get(pk=revision.pk), user=leader)
    services.plan_adopt(plan=ActionPlan.objects.get(pk=revision.pk), user=leader)
    current = client.get(ActionPlan.objects.get(pk=revision.pk).url("plan_pdf"))
    revised = client.get(ActionPlan.objects.get(pk=first.pk).url("plan_pdf"))
    assert len({etag_of_first, current["ETag"], revised["ETag"]}) == 3
    assert "ersatt av en senare revision" in pdf_text(revised.getvalue())
    assert len(stored_pdfs("handlingsplaner")) == 2


def test_a_draft_is_rendered_for_its_members_on_each_request_and_never_stored(client, plans, pdf_renders):
    assert client.get(plans.plan.url("plan_pdf")).status_code == 404
    client.force_login(plans.s.people[Role.MEMBER])
    responses = [client.get(plans.plan.url("plan_pdf")) for _ in range(2)]
    assert [r.status_code for r in responses] == [200, 200] and len(pdf_renders) == 2
    assert all("ETag" not in r and "no-store" in r["Cache-Control"] for r in responses)
    assert "Implementera kunskapsstödet" in pdf_text(responses[0].getvalue())
    with pytest.raises(ValueError):
        ensure_plan_pdf(plans.plan)
    assert stored_pdfs("handlingsplaner") == []


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_requests_render_once(plans, pdf_renders):
    require(connection.vendor == "postgresql", "needs PostgreSQL (row locks)")
    answers = concurrent_gets(adopt(plans).url("plan_pdf"), 12)
    assert len(answers) == 12 and {status for status, _etag, _body in answers} == {200}
    assert len({etag for _status, etag, _body in answers}) == 1
    assert len({body for _status, _etag, body in answers}) == 1
    assert len(pdf_renders) == 1 and len(stored_pdfs("handlingsplaner")) == 1
