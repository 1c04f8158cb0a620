"""Wire parsers: bytes in, typed WireStory objects out. Pure: no I/O, no DB.

detect_format(data) -> str        raises WireRefusal("unknown format")
parse(data) -> list[WireStory]    raises WireRefusal with a clear reason
"""

from .errors import WireRefusal
from .registry import PARSERS, detect_format, parse
from .story import WireStory

__all__ = ["PARSERS", "WireRefusal", "WireStory", "detect_format", "parse"]
