"""The annual report as a tagged, accessible PDF (WeasyPrint, PDF/UA-1).

``report_html`` renders the whole report as one HTML document (the same Markdown renderer as
the pages); ``html_to_pdf`` is WeasyPrint alone. The print stylesheet is small and hand-written
(see PITFALLS.md: a CSS framework makes WeasyPrint several times slower).
"""

import logging
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from samverkan.pdf import render_document, write_document

from .facts import facts_for

# WeasyPrint logs every page it lays out at INFO: too much for the worker's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

PRINT_CSS = Path(__file__).resolve().parent / "static" / "reports" / "report-print.css"


def published_sections(report):
    """The sections printed in the report, in the fixed order, with their bodies."""
    return list(report.sections.printed().select_related("body", "report").order_by("order", "pk"))


def report_html(report, sections, *, preview=False):
    """The report (or, for a preview, some of its sections) as one HTML document."""
    entries = [(section, facts_for(section)) for section in sections]
    with translation.override("sv"):
        return render_to_string(
            "reports/pdf/report.html", {"report": report, "entries": entries, "preview": preview}
        )


def html_to_pdf(html):
    """(PDF bytes, page count) for an HTML document: WeasyPrint's share of the work, with the
    options every PDF of the portal has (``samverkan.pdf``: PDF/UA-1, words kept whole)."""
    from weasyprint import CSS

    document = render_document(
        html, base_url=str(PRINT_CSS.parent), stylesheets=[CSS(filename=str(PRINT_CSS))]
    )
    return write_document(document), len(document.pages)


def render_report_pdf(report, sections, *, preview=False):
    return html_to_pdf(report_html(report, sections, preview=preview))
