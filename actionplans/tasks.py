import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task
def build_plan_pdf(plan_id):
    """Build a plan's PDF off the web process (the download view renders small plans directly).

    Returns the number of bytes; the PDF itself is rebuilt on download, so the task is idempotent.
    """
    from .export import plan_pdf
    from .models import ActionPlan

    plan = ActionPlan.objects.select_related("body", "collaboration_plan").get(pk=plan_id)
    size = len(plan_pdf(plan))
    logger.info("Built PDF of %s: %d bytes", plan, size)
    return size
