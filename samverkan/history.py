"""Who and why for django-simple-history rows written outside a request (workflows, tasks)."""


def record_change(obj, user, reason):
    """Set the user and reason that the next history row of ``obj`` records."""
    obj._history_user = user
    obj._change_reason = reason
