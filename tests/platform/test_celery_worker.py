"""A real Celery worker, fed through Redis, runs a task against the real database."""

import os
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connections

from governance.models import BodyUserObjectPermission, Membership
from tests.conftest import close_other_connections, require

pytestmark = pytest.mark.services


@pytest.fixture
def real_celery_worker(transactional_db):
    with celery_worker() as app:
        yield app


@contextmanager
def celery_worker():
    """A worker thread (solo pool) consuming from the Redis broker; tasks are published, not eager."""
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun

    from samverkan.celery import app

    require(settings.CELERY_BROKER_URL.startswith("redis://"), "CELERY_BROKER_URL does not point at Redis")
    import redis

    try:
        redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as error:
        require(False, f"Redis is not reachable: {error}")

    def close_worker_connections(**kwargs):
        connections.close_all()  # the worker thread's own connections, so the test DB can be dropped

    task_postrun.connect(close_worker_connections, weak=False)
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield app
    finally:
        task_postrun.disconnect(close_worker_connections)
        app.conf.task_always_eager = True
        close_other_connections()


@contextmanager
def broker_at(url):
    """Publish to ``url`` (not eagerly) for the duration: a fresh connection pool on each side.

    Celery reads the ``CELERY_BROKER_URL`` environment variable before its configuration, so both
    change.
    """
    from samverkan.celery import app

    saved = app.conf.broker_url, app.conf.task_always_eager, os.environ.get("CELERY_BROKER_URL")

    def use(broker, eager, variable):
        app.conf.broker_url, app.conf.task_always_eager = broker, eager
        if variable is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = variable
        app._pool = None
        app.amqp._producer_pool = None

    use(url, False, url)
    try:
        assert app.connection_for_write().port == urlsplit(url).port
        yield app
    finally:
        use(*saved)


def test_the_daily_permission_task_runs_on_a_real_worker(structure, real_celery_worker):
    BodyUserObjectPermission.objects.all().delete()
    from governance.tasks import sync_all_permissions

    result = sync_all_permissions.delay()
    changed = result.get(timeout=30)
    assert changed == BodyUserObjectPermission.objects.count() > 0
    chair = type(structure.people[Membership.Role.CHAIR]).objects.get(
        pk=structure.people[Membership.Role.CHAIR].pk
    )
    assert chair.has_perm("governance.edit_plans", structure.nosam)
