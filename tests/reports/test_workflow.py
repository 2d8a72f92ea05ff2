"""Filing, returning, accepting and adopting: the rules and their Swedish refusals."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance.models import Membership
from reports import services
from reports.models import AnnualReport, ReportSection
from samverkan.lifecycle import REFUSED

Role = Membership.Role
Status = ReportSection.Status


def edit_url(section):
    return reverse("reports:section_edit", args=[section.report.year, section.pk])


def post_section(client, section, submit=False, **fields):
    data = {"summary": "", "body_text": "", "development_areas": "", "version": section.version}
    data.update(fields)
    if submit:
        data["submit"] = "1"
    return client.post(edit_url(section), data)


def test_the_chair_saves_a_draft_and_submits_it(opened, client):
    s = opened.structure
    section = opened.section(s.nosam)
    client.force_login(s.people[Role.CHAIR])
    response = post_section(client, section, body_text="| Kommun | Antal |\n|---|---|\n| Testby | 3 |")
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.status == Status.DRAFT
    assert section.history.first().history_user == s.people[Role.CHAIR]
    response = post_section(client, section, submit=True, summary="Ett bra år.", body_text=section.body_text)
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.status == Status.SUBMITTED
    page = client.get(section.get_absolute_url()).content.decode()
    assert "<table>" in page and "<td>Testby</td>" in page


def test_submitting_an_empty_section_is_refused_and_nothing_is_saved(opened, client):
    s = opened.structure
    section = opened.section(s.nosam)
    client.force_login(s.people[Role.PROCESS_LEADER])
    response = post_section(client, section, submit=True, development_areas="Bara detta.")
    assert response.status_code == 200
    assert "Ett tomt avsnitt kan inte lämnas in" in response.content.decode()
    assert "Bara detta." in response.content.decode()  # what was typed is kept
    section.refresh_from_db()
    assert (section.status, section.development_areas) == (Status.REQUESTED, "")


def test_a_concurrent_save_is_refused(opened, client):
    s = opened.structure
    section = opened.section(s.nosam)
    client.force_login(s.people[Role.CHAIR])
    stale_version = section.version
    post_section(client, section, summary="Först.")
    response = post_section(client, section, summary="Sen.", version=stale_version)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chair Testsson sparade medan du redigerade. Inget av dina ändringar sparades" in page
    assert "Sammanfattning: Först." in page  # their version, beside what this editor typed
    assert "Sen." in page
    section.refresh_from_db()
    assert section.summary == "Först."


def test_the_lgs_process_leader_returns_and_accepts(opened, client):
    s = opened.structure
    section = opened.section(s.nosam)
    services.section_submit(section=_written(section), user=None)
    client.force_login(opened.lgs_leader)
    url = reverse("reports:section_review", args=[2025, section.pk])
    response = client.post(url, {"decision": "return", "comment": ""}, follow=True)
    assert "Skriv vad som behöver ändras" in response.content.decode()
    client.post(url, {"decision": "return", "comment": "Lägg till mötena."})
    section.refresh_from_db()
    assert (section.status, section.return_comment) == (Status.RETURNED, "Lägg till mötena.")
    # The writers fix it and resubmit.
    client.force_login(s.people[Role.CHAIR])
    post_section(client, section, submit=True, summary="Ett bra år, sex möten.")
    section.refresh_from_db()
    assert section.status == Status.SUBMITTED
    client.force_login(opened.lgs_leader)
    client.post(url, {"decision": "accept"})
    section.refresh_from_db()
    assert section.status == Status.ACCEPTED


def test_an_accepted_section_cannot_be_edited(opened, client):
    s = opened.structure
    section = _written(opened.section(s.nosam))
    services.section_submit(section=section, user=None)
    services.section_accept(section=section, user=None)
    client.force_login(s.people[Role.CHAIR])
    response = client.get(edit_url(section), follow=True)
    refusal = "Det går inte att ändra avsnitt i årsrapporten ”NOSAM Testby (2025)”: status är ”Godkänt”."
    assert refusal in response.content.decode()
    response = post_section(client, section, summary="Ändrat i efterhand.")
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.summary == "Sammanfattning."
    with pytest.raises(ValidationError) as refused:
        services.section_return(section=section, user=opened.lgs_leader, comment="Nej")
    assert refused.value.code == REFUSED
    with pytest.raises(ValidationError) as refused:
        services.section_save(section=section, user=s.people[Role.CHAIR], version=section.version)
    assert refused.value.code == REFUSED


def test_only_the_adopting_bodys_process_leader_reviews(opened, client):
    s = opened.structure
    section = opened.section(s.nosam)
    services.section_submit(section=_written(section), user=None)
    url = reverse("reports:section_review", args=[2025, section.pk])
    # The NOSAM's own process leader holds review_report_sections on the NOSAM, not on LGS.
    for user in (s.people[Role.PROCESS_LEADER], s.people[Role.CHAIR], opened.lgs_member):
        client.force_login(user)
        assert client.post(url, {"decision": "accept"}).status_code == 403
    section.refresh_from_db()
    assert section.status == Status.SUBMITTED


def test_adopting_with_missing_sections_is_refused_unless_marked_absent(opened, client):
    report = opened.report()
    client.force_login(opened.lgs_leader)
    url = reverse("reports:report_adopt", args=[2025])
    response = client.post(url, {"adopted_on": "2026-01-29"}, follow=True)
    assert "Årsrapporten kan inte fastställas när avsnitt saknas" in response.content.decode()
    for section in report.sections.all():
        if section.body == opened.structure.nosam:
            client.post(reverse("reports:section_not_applicable", args=[2025, section.pk]), {"mark": "1"})
        else:
            services.section_submit(section=_written(section), user=None)
            services.section_accept(section=section, user=None)
    response = client.post(url, {"adopted_on": "2026-01-29", "decision_reference": "LGS 2026-01-29 § 3"})
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.ADOPTED
    assert report.adopted_on == datetime.date(2026, 1, 29)
    assert report.sections.get(body=opened.structure.lgs, is_thematic=False).facts_snapshot == []
    # Public now, without the absent section.
    client.logout()
    page = client.get(report.get_absolute_url()).content.decode()
    assert "NOSAM Testby" not in page and "Temagrupp Äldre" in page


def test_adoption_only_via_lgs(opened, client):
    client.force_login(opened.structure.people[Role.PROCESS_LEADER])
    assert (
        client.post(reverse("reports:report_adopt", args=[2025]), {"adopted_on": "2026-01-29"}).status_code
        == 403
    )


def _written(section):
    section.summary = "Sammanfattning."
    section.body_text = "- Punkt"
    section.save()
    section.refresh_from_db()
    return section


def _decision(body, outcome, title="Årsrapport 2025"):
    from meetings.models import AgendaItem, Decision, Meeting

    meeting = Meeting.objects.create(
        body=body,
        date=datetime.date(2026, 1, 29),
        start_time=datetime.time(13),
        end_time=datetime.time(15),
        status=Meeting.Status.PUBLISHED,
    )
    item = AgendaItem.objects.create(meeting=meeting, kind=AgendaItem.Kind.DECISION, title=title)
    return Decision.objects.create(
        item=item, proposal=f"Godkänner {title}.", text=f"Godkänner {title}.", outcome=outcome
    )


def _all_sections_accepted(report):
    for section in report.sections.all():
        services.section_submit(section=_written(section), user=None)
        services.section_accept(section=section, user=None)


def test_the_adoption_links_the_lgs_decision_in_the_minutes(opened, client):
    from meetings.models import Decision

    report = opened.report()
    _all_sections_accepted(report)
    decision = _decision(opened.structure.lgs, Decision.Outcome.APPROVED)
    client.force_login(opened.lgs_leader)
    page = client.get(reverse("reports:report_adopt", args=[2025])).content.decode()
    assert "2026-01-29, Årsrapport 2025: Godkänner Årsrapport 2025." in page  # on the confirmation page
    client.post(
        reverse("reports:report_adopt", args=[2025]), {"adopted_on": "2026-01-29", "decision": decision.pk}
    )
    report.refresh_from_db()
    assert report.decision == decision
    client.logout()
    page = client.get(report.get_absolute_url()).content.decode()
    assert f'<a href="{decision.item.meeting.get_absolute_url()}">Godkänner Årsrapport 2025.' in page


def test_a_decision_of_another_body_or_not_made_cannot_record_the_adoption(opened):
    from meetings.models import Decision

    report = opened.report()
    _all_sections_accepted(report)
    for decision in (
        _decision(opened.structure.nosam, Decision.Outcome.APPROVED),
        _decision(opened.structure.lgs, Decision.Outcome.REFERRED_BACK),
    ):
        with pytest.raises(ValidationError) as excinfo:
            services.report_adopt(report=report, user=opened.lgs_leader, decision=decision)
        assert excinfo.value.code == REFUSED
        assert excinfo.value.messages == [
            "Fastställandet måste vara ett beslut som Ledningsgrupp för samverkan har fattat."
        ]
    report.refresh_from_db()
    assert report.status != AnnualReport.Status.ADOPTED
