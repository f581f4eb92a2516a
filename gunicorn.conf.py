"""Gunicorn's settings for the production server (`make serve`, `make bench`, deploys).

Sync workers, one per core: a worker renders one page at a time, which suits CPU-bound
template rendering behind a CDN or a proxy that buffers slow clients. Environment variables
tune it: NEWSROOM_BIND (default 127.0.0.1:$PORT, PORT defaulting to 8000), WEB_CONCURRENCY
(workers, default 2) and GUNICORN_CMD_ARGS for anything else gunicorn accepts.
"""

import gc
import os

wsgi_app = "newsroom.wsgi:application"
bind = [os.environ.get("NEWSROOM_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")]
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# Load the app once in the master: workers start faster and share its memory until they write.
preload_app = True
timeout = 30
graceful_timeout = 20
proc_name = "newsroom"
# No control socket: its one default path would be shared by every gunicorn on the machine.
control_socket_disable = True
errorlog = "-"
loglevel = os.environ.get("DJANGO_LOG_LEVEL", "INFO").lower()
# The proxy in front terminates TLS; trust its X-Forwarded-* headers from this address only.
forwarded_allow_ips = os.environ.get("NEWSROOM_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def pre_fork(server, worker):
    """Move what the master loaded (Django, the settings, the templates) out of the garbage
    collector's reach before each worker is forked: a worker's full collections then walk only
    what it made itself (`make bench` timed them at 86 to 110 ms per worker with all of it, a
    pause for every request waiting on that worker), and they no longer write to the pages it
    shares with the master. As Python's documentation advises for fork without exec."""
    gc.freeze()
