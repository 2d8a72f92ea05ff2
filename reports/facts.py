"""Facts the portal already knows about a body's year, provided by other apps.

``settings.REPORT_SECTION_FACTS`` lists dotted paths of callables ``(body, year) -> list of
blocks``. A block is a ``samverkan.facts.FactsBlock`` or a dict with ``heading`` and any of ``rows`` (pairs of
label and value) and ``paragraphs`` (plain text). Reports renders the blocks in the section
page and the PDF, marked as generated from the records; the section's writers add their own
text beside them but cannot change them. When a report is adopted the blocks are frozen in
``ReportSection.facts_snapshot`` so that the published report does not change afterwards.
"""

from django.conf import settings
from django.utils import translation
from django.utils.module_loading import import_string

from samverkan.facts import FactsBlock


def _normalise(block):
    if isinstance(block, FactsBlock):
        return block.as_dict()
    return FactsBlock(
        heading=block["heading"], rows=block.get("rows", []), paragraphs=block.get("paragraphs", [])
    ).as_dict()


def collect_facts(body, year):
    """Every configured provider's blocks for ``body`` in ``year``, as plain dicts."""
    blocks = []
    for path in getattr(settings, "REPORT_SECTION_FACTS", []):
        blocks += [_normalise(block) for block in import_string(path)(body, year) or []]
    return blocks


def frozen_facts(body, year):
    """The blocks to freeze into an adopted section: in Swedish, the language of the report."""
    with translation.override(settings.LANGUAGE_CODE):
        return collect_facts(body, year)


def facts_for(section):
    """The frozen facts of an adopted section, else the live ones."""
    if section.facts_snapshot is not None:
        return section.facts_snapshot
    if section.is_thematic:
        return []
    return collect_facts(section.body, section.report.year)
