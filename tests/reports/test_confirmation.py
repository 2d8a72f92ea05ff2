"""The annual report's adoption goes through a confirmation page (what will happen, the decision
asked there); a submitted section can be withdrawn (“Ångra”) until it is reviewed."""

import html

from django.db.models import F
from django.urls import reverse

from governance.models import Membership
from reports import services
from reports.models import AnnualReport, ReportSection

Status = ReportSection.Status


def _text(response):
    return html.unescape(response.content.decode())


def test_the_adoption_is_confirmed_with_its_decision(opened, client):
    report = opened.report()
    report.sections.update(status=Status.ACCEPTED, summary="Klart.")
    client.force_login(opened.lgs_leader)
    url = reverse("reports:report_adopt", args=[report.year])
    assert f'href="{url}"' in client.get(report.get_absolute_url()).content.decode()
    page = _text(client.get(url))
    assert "Vill du fastställa" in page and "ingenting i rapporten kan ändras" in page
    assert 'name="decision_reference"' in page
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.COLLECTING
    seen = report.version
    AnnualReport.objects.filter(pk=report.pk).update(version=F("version") + 1)  # changed meanwhile
    response = client.post(url, {"version": seen, "adopted_on": "2026-01-29"})
    assert response.status_code == 200 and "Någon annan ändrade" in _text(response)
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.COLLECTING
    response = client.post(url, {"version": report.version, "adopted_on": "2026-01-29"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.ADOPTED


def test_a_submitted_section_is_withdrawn_until_it_is_reviewed(opened, client):
    chair = opened.structure.people[Membership.Role.CHAIR]
    section = opened.section(opened.structure.nosam)
    section.summary = "Sex möten."
    section.save()
    services.section_submit(section=section, user=chair)
    client.force_login(chair)
    url = reverse("reports:section_withdraw", args=[section.report.year, section.pk])
    page = _text(client.get(section.get_absolute_url()))
    assert "Ångra" in page and f'action="{url}"' in page
    section.refresh_from_db()
    client.post(url, {"version": section.version})
    section.refresh_from_db()
    assert section.status == Status.DRAFT and section.submitted_at is None
    # Reviewed: nothing to undo any more.
    services.section_submit(section=section, user=chair)
    services.section_accept(section=ReportSection.objects.get(pk=section.pk), user=opened.lgs_leader)
    assert "Ångra" not in _text(client.get(section.get_absolute_url()))
    client.post(url, {"version": ReportSection.objects.get(pk=section.pk).version})
    assert ReportSection.objects.get(pk=section.pk).status == Status.ACCEPTED
