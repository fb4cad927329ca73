"""gunicorn's settings for salesops, read by `gunicorn salesops.wsgi` from the project directory
(deploy/systemd/salesops.service names it with --config; bench/load and scripts/scale_check.py
start gunicorn here too, so the load test runs the production configuration).

Slow clients: in production nginx buffers every request and response (deploy/nginx/salesops.conf),
so gunicorn only ever talks to nginx. Without it — a misconfigured proxy, a test box — a client
that sends its request one byte at a time must not take the site down: threaded workers
(``gthread``) keep idle keep-alive connections in a poller and give each request a thread, so three
slow connections hold three of WORKERS × THREADS slots, not every worker; a request's headers are
bounded (line, count, size), and a worker whose request runs past ``timeout`` is replaced.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() + 1)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 60
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
errorlog = "-"
