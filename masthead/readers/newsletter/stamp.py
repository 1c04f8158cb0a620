"""A digest or alert message built once, then stamped for each reader.

Building a two-part MIME message with Django costs far more than sending it
to a local SMTP server. The readers of one mailing with the same sections get
the same message but for four things: the To address, the Message-ID and the
two signed links (in the List-Unsubscribe header and in both parts). So the
message is built once with stand-ins for those and the bytes are copied with
the stand-ins replaced. The result goes through Django's SMTP backend like
any message (it reads from_email, recipients() and message().as_bytes()).

A stand-in must survive the build unchanged: the parts are sent as 8-bit
UTF-8, and if Django chose quoted-printable (a line over 998 bytes) or folded
a stand-in apart, the counts below do not match and the reader's message is
built the ordinary way instead. Addresses that are not plain ASCII are too
(Django encodes them).
"""

from __future__ import annotations

from .content import PREFERENCES, UNSUBSCRIBE, Parts
from .mails import Sender

TO = "stand-in.reader@masthead.invalid"
MESSAGE_ID = "<stand-in.message-id@masthead.invalid>"


class PreRendered:
    """A message already in bytes, in the shape Django's backends send."""

    encoding = None

    def __init__(self, from_email: str, to: str, data: bytes):
        self.from_email = from_email
        self.to = to
        self.data = data

    def recipients(self) -> list[str]:
        return [self.to]

    def message(self):
        return self

    def as_bytes(self, linesep: str = "\n") -> bytes:
        return self.data


class Stamp:
    def __init__(self, sender: Sender, list_name: str, parts: Parts):
        self.from_email = sender.from_email
        message = sender.compose(
            TO,
            list_name,
            parts.subject,
            parts.text,
            parts.html,
            unsubscribe_url=UNSUBSCRIBE,
            message_id=MESSAGE_ID,
        )
        self.data = message.message().as_bytes(linesep="\r\n")
        in_parts = lambda mark: parts.text.count(mark) + parts.html.count(mark)  # noqa: E731
        self.usable = (
            self.data.count(TO.encode()) == 1
            and self.data.count(MESSAGE_ID.encode()) == 1
            and self.data.count(UNSUBSCRIBE.encode()) == 1 + in_parts(UNSUBSCRIBE)
            and self.data.count(PREFERENCES.encode()) == in_parts(PREFERENCES)
        )

    def fits(self, address: str) -> bool:
        return self.usable and address.isascii() and address.isprintable()

    def message_for(
        self, address: str, message_id: str, unsubscribe_url: str, preferences_url: str
    ) -> PreRendered:
        data = (
            self.data.replace(TO.encode(), address.encode(), 1)
            .replace(MESSAGE_ID.encode(), message_id.encode(), 1)
            .replace(UNSUBSCRIBE.encode(), unsubscribe_url.encode())
            .replace(PREFERENCES.encode(), preferences_url.encode())
        )
        return PreRendered(self.from_email, address, data)
