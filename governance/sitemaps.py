from samverkan.site import SiteSitemap

from .models import Body, Organisation


class BodySitemap(SiteSitemap):
    """Every group's page is public (its name, mandate and seats)."""

    def items(self):
        return Body.objects.order_by("pk")


class OrganisationSitemap(SiteSitemap):
    def items(self):
        return Organisation.objects.order_by("pk")
