from samverkan.site import SiteSitemap

from .models import AnnualReport


class AdoptedReportSitemap(SiteSitemap):
    """Adopted annual reports: a report being collected is for its reviewers only."""

    def items(self):
        return AnnualReport.objects.filter(status=AnnualReport.Status.ADOPTED).order_by("year")
