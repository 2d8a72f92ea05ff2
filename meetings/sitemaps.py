from django.db.models import Max

from samverkan.site import SiteSitemap

from .models import Meeting


class PublishedMinutesSitemap(SiteSitemap):
    """Published minutes: the only meetings with a public page of their own."""

    def items(self):
        return Meeting.objects.published().defer("search_document", "search_vector").order_by("pk")

    def lastmod(self, meeting):
        return meeting.published_at

    def get_latest_lastmod(self):
        """The index's date of the section, without reading every minutes (Django's default)."""
        return self.items().aggregate(latest=Max("published_at"))["latest"]
