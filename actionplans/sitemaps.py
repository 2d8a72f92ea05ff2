from samverkan.site import SiteSitemap

from .models import ActionPlan, CollaborationPlan


class CollaborationPlanSitemap(SiteSitemap):
    def items(self):
        return CollaborationPlan.objects.order_by("pk")


class ActionPlanSitemap(SiteSitemap):
    """Adopted action plans, revised and superseded versions too (``ActionPlan.objects.public``)."""

    def items(self):
        return ActionPlan.objects.public().select_related("body").order_by("pk")
