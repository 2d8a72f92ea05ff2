"""Who and why for django-simple-history rows written outside a request (workflows, tasks)."""

from django.utils.text import Truncator

# django-simple-history's history_change_reason column is 100 characters: a longer reason (a
# correction's "why", typed freely) is shortened rather than failing the save on PostgreSQL.
REASON_MAX_LENGTH = 100


def record_change(obj, user, reason):
    """Set the user and reason that the next history row of ``obj`` records."""
    obj._history_user = user
    obj._change_reason = Truncator(reason).chars(REASON_MAX_LENGTH) if reason else reason
