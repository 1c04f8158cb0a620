"""One SMTP connection worked by a thread of its own.

The next message is built (a database read, a template, two signatures) while
this one travels; the SMTP exchange is mostly waiting for the server, and the
thread waits without the GIL. The thread touches no database: it hands back
(delivery, error or None) for each message in order, and the sender marks the
rows. With one message queued behind the one on the wire, a crash can leave
at most two accepted messages unmarked (sent again on resume, same
Message-ID).
"""

from __future__ import annotations

import queue
import smtplib
import threading

_STOP = object()


class SendThread:
    def __init__(self, backend, depth: int = 1):
        self.backend = backend
        self._todo: queue.Queue = queue.Queue(maxsize=depth)
        self._done: queue.Queue = queue.Queue()
        self._thread = threading.Thread(
            target=self._work, name="newsletter-smtp", daemon=True
        )
        self._thread.start()

    def _work(self) -> None:
        while True:
            item = self._todo.get()
            if item is _STOP:
                return
            delivery, message = item
            try:
                self.backend.send_messages([message])
            except (OSError, smtplib.SMTPException) as exc:
                # The server's answer or its absence: the sender decides.
                self._done.put((delivery, exc))
            except Exception as exc:  # noqa: BLE001 - anything else ends the send as a crash would; the sender re-raises it
                self._done.put((delivery, exc))
                return
            else:
                self._done.put((delivery, None))

    def _put(self, item) -> bool:
        while self._thread.is_alive():
            try:
                self._todo.put(item, timeout=0.2)
            except queue.Full:
                continue
            return True
        return False

    def send(self, delivery, message) -> bool:
        """Queue a message; False when the thread has stopped."""
        return self._put((delivery, message))

    def results(self) -> list[tuple]:
        """What has been sent (or refused) since the last call, in order."""
        found = []
        while True:
            try:
                found.append(self._done.get_nowait())
            except queue.Empty:
                return found

    def finish(self) -> list[tuple]:
        """Send what is queued, stop, and return the last results."""
        self._put(_STOP)
        self._thread.join()
        return self.results()
