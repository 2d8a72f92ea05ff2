"""The shape of the facts that apps provide to the annual report (``REPORT_SECTION_FACTS``).

It lives in the kernel so that actionplans and meetings can return it without importing
reports, which reads them: dependencies point one way (reports → meetings, actionplans).
"""

from dataclasses import dataclass, field


@dataclass
class FactsBlock:
    """A heading with rows (pairs of label and value) and paragraphs of plain text."""

    heading: str
    rows: list = field(default_factory=list)
    paragraphs: list = field(default_factory=list)

    def as_dict(self):
        return {
            "heading": str(self.heading),
            "rows": [[str(label), str(value)] for label, value in self.rows],
            "paragraphs": [str(p) for p in self.paragraphs],
        }
