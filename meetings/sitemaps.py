from samverkan.site import SiteSitemap

from .models import Meeting


class PublishedMinutesSitemap(SiteSitemap):
    """Published minutes: the only meetings with a public page of their own."""

    def items(self):
        return Meeting.objects.published().defer("search_document", "search_vector").order_by("pk")

    def lastmod(self, meeting):
        return meeting.published_at
