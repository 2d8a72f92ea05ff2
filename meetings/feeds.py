"""Atom feed of newly published minutes."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Meeting


class PublishedMinutesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Published minutes – Samverkansportalen")
    link = reverse_lazy("meetings:archive")
    subtitle = _("Minutes of the groups of health and care collaboration in the Göteborg area.")

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

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at
