"""gunicorn for the portal: sync workers, each serving one request at a time.

One request at a time means one database connection per worker, which the connection budget in
the README counts on; the pool (DB_POOL_MAX_SIZE) bounds it anyway if threads are ever added.
"""

import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "sync"
threads = 1
# The reverse proxy buffers slow clients; a request that takes longer than this is a bug.
timeout = 60
accesslog = "-"
# X-Forwarded-* are judged by the portal (TRUSTED_PROXIES), not by gunicorn.
forwarded_allow_ips = ""
# Nothing steers the workers at run time (gunicorn 24+ otherwise opens a control socket).
control_socket_disable = True
