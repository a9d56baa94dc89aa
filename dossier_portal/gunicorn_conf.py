"""gunicorn settings for `make serve` and the benchmarks (overridable by GUNICORN_CMD_ARGS)."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
threads = 1
# Logs go to stdout/stderr, where a process supervisor collects them.
accesslog = "-"
errorlog = "-"
control_socket_disable = True
