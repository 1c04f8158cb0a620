"""One short line per refused Host header, not a traceback per request.

Django logs every request with a Host outside ALLOWED_HOSTS at ERROR on
`django.security.DisallowedHost`, with the exception's traceback. Scanners send
thousands of made-up hosts: that is hundreds of megabytes of log saying the
same thing. The filter keeps the signal (which host, which path) on one line,
says each host once (in a bounded memory of recent hosts), and caps the lines
per minute, counting what it held back.

It is attached to the logger itself (by masthead.core.sites, imported with the
middleware), so it holds whatever LOGGING a deployment configures.
"""

import logging
import threading
import time
from collections import OrderedDict

LOGGER_NAME = "django.security.DisallowedHost"
REMEMBERED_HOSTS = 1024
LINES_PER_MINUTE = 20


class BadHostLogFilter(logging.Filter):
    def __init__(self, clock=time.monotonic):
        super().__init__()
        self.clock = clock
        self.seen: OrderedDict[str, None] = OrderedDict()
        self.window_start = clock()
        self.lines = 0
        self.held_back = 0
        self.lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        host = _raw_host(request)
        with self.lock:
            if host in self.seen:
                self.seen.move_to_end(host)
                self.held_back += 1
                return False
            self.seen[host] = None
            while len(self.seen) > REMEMBERED_HOSTS:
                self.seen.popitem(last=False)
            now = self.clock()
            if now - self.window_start >= 60:
                self.window_start, self.lines = now, 0
            if self.lines >= LINES_PER_MINUTE:
                self.held_back += 1
                return False
            self.lines += 1
            held_back, self.held_back = self.held_back, 0
        path = getattr(request, "path", "")
        record.msg = "refused Host header %r (not in ALLOWED_HOSTS) for %s"
        record.args = (host[:200], path[:200])
        if held_back:
            record.msg += "; %d more refused requests not logged"
            record.args += (held_back,)
        # The traceback says nothing the line does not.
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


def _raw_host(request) -> str:
    if request is None:
        return ""
    try:
        return request._get_raw_host()
    except Exception:  # noqa: BLE001 - a log filter must never fail the log call
        return ""


_installed: BadHostLogFilter | None = None


def install_bad_host_filter() -> BadHostLogFilter:
    global _installed
    if _installed is None:
        _installed = BadHostLogFilter()
        logging.getLogger(LOGGER_NAME).addFilter(_installed)
    return _installed
