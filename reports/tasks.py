"""Celery tasks of the annual cycle: thin wrappers around the workflows in services.py."""

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


@shared_task(bind=True, acks_late=True, max_retries=3, default_retry_delay=60)
def build_report_pdf(self, report_id):
    """Build and store an annual report's PDF; a failure is recorded and retried."""
    try:
        report = services.report_build_pdf(report_id=report_id)
    except Exception as error:
        if self.request.is_eager:
            return None  # recorded as failed with the reason; the daily run retries it
        raise self.retry(exc=error) from error
    logger.info("Built the PDF of %s: %s pages", report, report.pdf_pages)
    return report.pdf_pages
