"""PostgreSQL's connections cannot run out: every process has a pool with a fixed ceiling.

The budget is computed from the compose file (what production runs), and a threaded server is
hammered to show that its connections stay within the pool whatever the number of threads.
"""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from tests.conftest import close_other_connections, require
from tests.platform.test_deployment import ROOT, compose_config

# Connections kept free for people: PostgreSQL's superuser_reserved_connections (3), a
# manage.py shell, psql and a backup (pg_dump).
HEADROOM = 10


def django_processes(name, service):
    """How many processes of a compose service run Django, each with its own pool."""
    command = service.get("command") or []
    if name == "web":
        return int(service["environment"]["WEB_CONCURRENCY"])  # sync workers; the master never connects
    if "worker" in command:
        return int(command[command.index("--concurrency") + 1]) + 1  # prefork children and the parent
    return 1  # beat (exactly one), the one-shot migrate


@pytest.mark.services
def test_the_production_budget_stays_below_postgresqls_max_connections():
    services = compose_config()["services"]
    command = services["db"]["command"]
    max_connections = int(command[command.index("-c") + 1].removeprefix("max_connections="))
    budget = HEADROOM
    for name, service in services.items():
        if "DATABASE_URL" in service.get("environment", {}):
            budget += django_processes(name, service) * int(service["environment"]["DB_POOL_MAX_SIZE"])
    assert services["web"]["environment"]["DB_POOL_MAX_SIZE"] == "2"
    assert budget == 10 + (3 + 3 + 1 + 1) * 2 <= max_connections == 100


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def threaded_server(transactional_db, tmp_path):
    """gunicorn with 16 threads in one worker, a pool of two connections, on the test database."""
    require(connection.vendor == "postgresql", "needs PostgreSQL")
    port = free_port()
    url = "postgres://{USER}@{HOST}:{PORT}/{NAME}?application_name=threaded-server".format(
        **connection.settings_dict
    )
    if connection.settings_dict["PASSWORD"]:
        url = url.replace("@", f":{connection.settings_dict['PASSWORD']}@", 1)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DB_POOL_MAX_SIZE": "2",
        "DEBUG": "1",
        "CELERY_BROKER_URL": "",
        "REDIS_URL": "",
    }
    command = [sys.executable, "-m", "gunicorn", "samverkan.wsgi:application", "--config", "gunicorn.conf.py"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1"]
    command += ["--worker-class", "gthread", "--threads", "16"]
    log = tmp_path / "gunicorn.log"
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/organisation/", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the server did not start:\n" + log.read_text())
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        close_other_connections()


def server_connections():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'threaded-server'")
        return cursor.fetchone()[0]


@pytest.mark.services
def test_a_threaded_server_never_holds_more_connections_than_its_pool(structure, threaded_server):
    peak, done = [0], threading.Event()

    def watch():
        while not done.is_set():
            peak[0] = max(peak[0], server_connections())
            time.sleep(0.005)

    def fetch(path):
        with urllib.request.urlopen(threaded_server + path, timeout=60) as response:
            return response.status

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with ThreadPoolExecutor(max_workers=32) as pool:
            statuses = list(pool.map(fetch, ["/organisation/", "/grupper/nosam-testby/", "/protokoll/"] * 30))
    finally:
        done.set()
        watcher.join()
        connection.close()
    assert statuses == [200] * 90
    assert 1 <= peak[0] <= 2
