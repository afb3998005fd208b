"""gunicorn settings for one app server (`gunicorn -c deploy/gunicorn.conf.py opengov.wsgi`)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the pages are short database-bound requests; two per core keeps the CPU busy while one waits.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
timeout = 60  # the longest synchronous page (a cold insights page) takes well under this
graceful_timeout = 20  # a stopping server finishes what it is answering; the balancer has already moved on
keepalive = 5
max_requests = 5000  # recycle workers now and then (memory held by large exports)
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
