"""The kernel's one table: the keys of create forms already saved (``samverkan.concurrency``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    """A create form that was saved: its one-time key, written in the same transaction as what
    it created, so that the same form sent again (a double click, a reload) creates nothing."""

    key = models.UUIDField(primary_key=True)
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("saved form")
        verbose_name_plural = _("saved forms")

    def __str__(self):
        return str(self.key)
