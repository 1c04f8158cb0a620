"""JSON-LD that cannot break out of its `<script>` element."""

import json

from django.utils.html import format_html
from django.utils.safestring import SafeString

# An HTML parser ends a script at `</script`, and `<!--` changes how it reads
# what follows; `&` is escaped too so the text means the same to any parser.
# U+2028/U+2029 end a line in older JavaScript engines that eval JSON.
_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def dumps(data) -> str:
    """`data` as JSON safe to put inside `<script type="application/ld+json">`."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (text pasted from a broken source) cannot be sent as
        # UTF-8: escape everything outside ASCII instead of failing the page.
        text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return text.translate(_ESCAPES)


def json_ld_script(data) -> SafeString:
    if not data:
        return SafeString("")
    return format_html(
        '<script type="application/ld+json">{}</script>', SafeString(dumps(data))
    )
