"""gunicorn settings for Peerpath: `gunicorn -c gunicorn.conf.py training.wsgi`.

Every value can be changed from the environment; docs/deploy.md explains the
choices. gunicorn's own GUNICORN_CMD_ARGS still overrides anything here.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


# Where to listen: BIND wins (e.g. "unix:/run/peerpath/gunicorn.sock"), else
# all interfaces on PORT (what Heroku-style platforms set), else 8000.
bind = os.environ.get("BIND") or f"0.0.0.0:{_int('PORT', 8000)}"

# gthread: a few processes, each with a few threads, so a request waiting on
# PostgreSQL or Redis leaves the CPU to another. Two processes per core with
# two threads each: on 2 cores that is 8 requests at once and 8 database
# connections. Measured (bench/RESULTS.md, the soak): the same 8 as 2 processes
# x 4 threads doubled p95 (400 ms against 217 ms), because threads of one
# process take turns holding Python's GIL, and a thread back from the
# database waits for it behind the others. A process holds Django, Wagtail and
# WeasyPrint: about 160 MB each.
worker_class = "gthread"
workers = _int("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count())
threads = _int("GUNICORN_THREADS", 2)

# A request that takes longer than this is stuck: the worker is replaced.
# PDFs are rendered by the task worker, not in requests, so 30 s is generous.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On a deploy or restart, requests in flight get this long to finish.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Behind a proxy that reuses connections; keep idle ones a little while.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then so slow memory growth cannot build up; the
# jitter keeps them from all restarting at once. Not too often: a new worker
# starts with no published content kept (training/content_cache.py) and reads
# it again page by page; at 80 requests/s, 1,000 requests was every 25 s.
max_requests = _int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 500)

# preload_app: load Django once in the master, then fork. Workers share that
# memory, start fast, and a configuration error stops the master with one line
# (training/wsgi.py) instead of every worker failing in turn. The cost: a
# plain HUP does not load new code, so a deploy restarts the service. No
# connection is opened while loading, and post_fork closes any that were.
preload_app = True

# Logs: JSON lines on stdout (access) and stderr (errors), like the app's own.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logger_class = "training.logging.GunicornJsonLogger"

# gunicorn 25.1+ opens a control socket for `gunicornc` at one path per user
# ($XDG_RUNTIME_DIR/gunicorn.ctl, else ~/.gunicorn/gunicorn.ctl), so a second
# instance on the host (staging next to production, a blue-green deploy) takes
# it over from the first. Off, unless GUNICORN_CONTROL_SOCKET names a path of
# this instance's own. (Older gunicorn ignores both names.)
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip()
control_socket_disable = not control_socket

# Worker temporary files in memory: the heartbeat does not wait on a slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def when_ready(server):
    # In the master, after preload_app loaded Django and before any worker is
    # forked: compile the templates and import what the first request would
    # (training/warmup.py), so a worker started by max_requests recycling
    # answers its first page in tens of milliseconds, not half a second.
    if server.cfg.preload_app:
        from training.warmup import warm_process

        warm_process()


def post_fork(server, worker):
    # A connection opened in the master must never be shared by two processes.
    from django.db import connections

    connections.close_all()
