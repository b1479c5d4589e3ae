"""gunicorn settings for a bureau's server: `gunicorn -c python:eligibility.web.gunicorn_conf` (works from the
installed wheel; the checkout's gunicorn.conf.py imports this). Each setting can be overridden on the command line.

Worker processes, not threads: durable-rules evaluates under one process-wide lock, so threads would queue behind
it while processes use every core. The app is built in each worker (no preload): durable-rules' C state and its
engine lock must not be shared across a fork.
"""
import multiprocessing
import os

wsgi_app = "eligibility.web:create_app()"
# Behind nginx on the same machine; set GUNICORN_BIND (or --bind) to listen elsewhere.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() + 1)
worker_class = "sync"
threads = 1
# The worst legal anonymous request costs well under a second of CPU; 30 s is for a desk export of a long period.
timeout = 30
# SIGTERM: stop accepting, let requests in flight finish for up to graceful_timeout seconds, then stop the workers
# (systemd's TimeoutStopSec should be a little longer).
graceful_timeout = 30
keepalive = 5
# A fresh worker now and then keeps a leak in a library from growing without bound. Not too often: a new worker
# spends about 1.5 s of CPU building the app (rules, engine), and durable-rules' memory stays flat over 100k
# evaluations once each state is deleted (shared/notes/stack.md); every 2,000 requests cost a loaded server
# seconds of a worker each minute.
max_requests = 20000
max_requests_jitter = 2000
# Request line and header bounds before Flask sees anything (the body is bounded by the app: MAX_CONTENT_LENGTH).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# The app writes its own JSON request log to stderr; gunicorn's own messages go to stderr too (the journal).
accesslog = None
errorlog = "-"
loglevel = "info"
# No runtime control socket in $HOME (the service user has none); systemd manages the process.
control_socket_disable = True
# X-Forwarded-* are read by the app's ProxyFix (FLASK_PROXY_COUNT), not by gunicorn.
forwarded_allow_ips = "127.0.0.1,::1"
