"""The facts hook: other apps' blocks are shown, marked as generated, and frozen at adoption."""

import pytest
from django.urls import reverse

from governance.models import Membership
from reports import services
from reports.facts import FactsBlock, collect_facts

Role = Membership.Role
CALLS = []


def meetings_facts(body, year):
    CALLS.append((body.slug, year))
    return [
        FactsBlock(
            heading=f"Möten {year}",
            rows=[("Ordinarie möten", "3"), ("Extra möten", "4"), ("Total mötestid", "14 timmar")],
        ),
        {
            "heading": f"Mål, aktiviteter och utfall för {body.name} – {year}",
            "paragraphs": ["Delmål 1: uppfyllt."],
        },
    ]


@pytest.fixture
def with_facts(settings):
    settings.REPORT_SECTION_FACTS = ["tests.reports.test_facts.meetings_facts"]
    CALLS.clear()


def test_the_section_page_and_the_editor_show_the_generated_facts(opened, client, with_facts):
    s = opened.structure
    section = opened.section(s.lgs)
    client.force_login(opened.lgs_leader)
    for url in (section.get_absolute_url(), reverse("reports:section_edit", args=[2025, section.pk])):
        page = client.get(url).content.decode()
        assert "Möten 2025" in page and "14 timmar" in page
        assert "Genererat ur portalens register" in page
        assert "Mål, aktiviteter och utfall för Ledningsgrupp för samverkan – 2025" in page
    # The editor's form has no field for them: the writers add text beside them.
    page = client.get(reverse("reports:section_edit", args=[2025, section.pk])).content.decode()
    assert 'name="facts' not in page


def test_the_facts_are_frozen_when_the_report_is_adopted(opened, with_facts):
    report = opened.report()
    for section in report.sections.all():
        section.summary = "Text."
        section.save()
        section.refresh_from_db()
        services.section_submit(section=section, user=None)
        services.section_accept(section=section, user=None)
    services.report_adopt(report=report, user=None)
    lgs_section = report.sections.get(body=opened.structure.lgs, is_thematic=False)
    assert lgs_section.facts_snapshot[0]["rows"][1] == ["Extra möten", "4"]
    CALLS.clear()
    from reports.facts import facts_for

    assert facts_for(lgs_section)[0]["heading"] == "Möten 2025"
    assert CALLS == []  # no provider called for an adopted section


def test_no_providers_no_facts(opened):
    assert collect_facts(opened.structure.lgs, 2025) == []
