"""gunicorn settings for Heritage Commons (https://docs.gunicorn.org/en/stable/settings.html).

    gunicorn -c deploy/gunicorn.conf.py heritage.wsgi

Threaded workers (``gthread``): a request that takes long — a curator's 1 GB upload, a
listener's slow download when no front server buffers it — holds one thread, not a
whole process, and the worker's main loop keeps answering the arbiter's heartbeat, so
``timeout`` never kills a worker in the middle of a long transfer (it only catches a
worker that is truly stuck). Everything is overridable from the environment.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# Seconds a worker may stay silent before the arbiter restarts it (not a request limit
# with gthread workers: see the docstring).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle workers now and then: a slow leak in any library never grows without bound.
# The jitter is wide (half): workers that share the load evenly would otherwise reach
# the limit together and leave their process with none for the seconds a new one takes
# to start on a busy machine (bench/load.py saw 502s from exactly that at 2000 ± 200).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 2
# The heartbeat file on a RAM disk: a slow or busy /tmp never looks like a stuck worker.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 (gunicorn's own advice)
# Trust X-Forwarded-* only from the front server.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Load the application once, before forking: less memory per worker, faster restarts.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
proc_name = "heritage-web"
