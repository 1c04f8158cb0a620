"""The single exception a parser raises when it will not turn bytes into stories."""


class WireRefusal(Exception):
    """Raised when input is unsafe, malformed or not a format we understand.

    The message is shown to desk staff, so it names the problem plainly,
    e.g. "ninjs: 'uri' is required" or "input is 12 MB, over the 5 MB cap".
    """

    def __init__(self, reason: str) -> None:
        if not reason:
            reason = "refused (no reason given)"
        super().__init__(reason)
        self.reason = reason
