"""Celery tasks of the annual cycle, and the outbox handler of its PDF build: thin wrappers around
the workflows in services.py."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def run_annual_cycle():
    """Daily: walk the årshjul (idempotent, catches up on missed days)."""
    summary = services.cycle_run()
    logger.info("Annual cycle run: %s", dict(summary))
    return dict(summary)


def build_pdf(payload):
    """The outbox handler of kind ``reports.pdf``: build and store an annual report's PDF.

    A failure is recorded on the report and raised, so the outbox retries it with backoff.
    """
    report = services.report_build_pdf(report_id=payload["report"])
    logger.info("Built the PDF of %s: %s pages", report, report.pdf_pages)
