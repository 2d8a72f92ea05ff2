"""Atom feed of newly published minutes."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from samverkan.site import absolute_url

from .models import Meeting


class PublishedMinutesFeed(Feed):
    """Every address and id in it comes from SITE_URL (``absolute_url``), so an entry keeps its id
    whatever host the feed reader used, and readers do not show old minutes as new. The portal is
    the author of the feed (RFC 4287 4.1.1: a feed whose entries have no author needs one)."""

    feed_type = Atom1Feed
    title = _("Published minutes – Samverkansportalen")
    subtitle = _("Minutes of the groups of health and care collaboration in the Göteborg area.")
    author_name = "Samverkansportalen"

    def link(self):
        return absolute_url(reverse("meetings:archive"))

    def author_link(self):
        return absolute_url("/")

    def feed_url(self):
        return absolute_url(reverse("meetings:minutes_feed"))

    def feed_guid(self):
        return self.feed_url()

    def items(self):
        return list(
            Meeting.objects.published()
            .filter(published_at__isnull=False)
            .select_related("body")
            .defer("search_document", "search_vector")
            .order_by("-published_at")[:30]
        )

    def item_title(self, item):
        return _("Minutes: %(body)s, %(date)s") % {"body": item.body.name, "date": item.date.isoformat()}

    def item_description(self, item):
        return item.search_title

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at
