"""gunicorn for the portal: sync workers, each serving one request at a time.

One request at a time means one database connection per worker, which the connection budget in
the README counts on; the pool (DB_POOL_MAX_SIZE) bounds it anyway if threads are ever added.
"""

import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "sync"
threads = 1
# The reverse proxy buffers slow clients, so a worker waits only on the portal's own work. The
# longest is a PDF rendered in the request (an action plan's or the minutes' PDF, a few seconds; the
# annual report is built by the worker): 120 s leaves ample room before gunicorn kills the worker.
timeout = 120
# On a restart (deploy) a worker finishes the request in hand for up to this long.
graceful_timeout = 30
# Behind the proxy's keep-alive connections.
keepalive = 5
accesslog = "-"
# X-Forwarded-* are judged by the portal (TRUSTED_PROXIES), not by gunicorn.
forwarded_allow_ips = ""
# Nothing steers the workers at run time (gunicorn 24+ otherwise opens a control socket).
control_socket_disable = True
