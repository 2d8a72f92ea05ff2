"""The body tree, read in one query and walked in memory."""

from collections import defaultdict

from django.utils import timezone

from .models import Body


class BodyTree:
    """All bodies of every sub-region, with children and ancestors resolved in memory."""

    def __init__(self, bodies=None):
        self.bodies = list(bodies if bodies is not None else Body.objects.select_related("kind"))
        self.by_id = {body.pk: body for body in self.bodies}
        self._children = defaultdict(list)
        for body in self.bodies:
            self._children[body.parent_id].append(body)

    def roots(self):
        return self._children[None]

    def children(self, body, include_ended=True):
        today = timezone.localdate()
        return [b for b in self._children[body.pk] if include_ended or b.is_active(today)]

    def ancestors(self, body):
        """Parents of ``body``, the root first."""
        chain, parent_id = [], body.parent_id
        while parent_id is not None and parent_id in self.by_id and len(chain) < len(self.bodies):
            parent = self.by_id[parent_id]
            chain.append(parent)
            parent_id = parent.parent_id
        return chain[::-1]

    def sub_region(self, body):
        """The root above ``body`` (its sub-region, "delregion"), or ``body`` itself at the top."""
        return next(iter(self.ancestors(body)), self.by_id.get(body.pk, body))

    def nested(self, include_ended=True):
        """[(body, [(child, [...]), ...]), ...] from the roots down, for templates."""

        def walk(body):
            return (body, [walk(child) for child in self.children(body, include_ended)])

        today = timezone.localdate()
        return [walk(root) for root in self.roots() if include_ended or root.is_active(today)]
