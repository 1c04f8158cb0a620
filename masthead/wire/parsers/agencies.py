"""The news agencies the wire desk knows by name, and their home time zones.

Agencies spell themselves many ways (a full name, an acronym, a domain in a
link); every parser maps what it finds to one short name through
`normalise_provider`, so dedupe, push-token checks and credits all compare the
same string.
"""

from __future__ import annotations

import re

# A wall-clock time with no zone is read in the provider's home zone when we
# know it (see common.parse_datetime); otherwise as UTC.
PROVIDER_ZONES: dict[str, str] = {
    "NTB": "Europe/Oslo",
    "STT": "Europe/Helsinki",
    "Ritzau": "Europe/Copenhagen",
    "Xinhua": "Asia/Shanghai",
}

# Order matters: the first pattern that matches wins, so "Australian Associated
# Press" must be tried before "Associated Press".
AGENCY_ALIASES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), name)
    for p, name in [
        (r"australian associated press|\baap\b", "AAP"),
        (r"associated press|\bap\b|ap\.org|apnews", "AP"),
        (r"reuters", "Reuters"),
        (r"agence france|\bafp\b|afp\.com", "AFP"),
        (r"xinhua", "Xinhua"),
        (r"anadolu", "Anadolu"),
        (r"\bdpa\b|deutsche presse", "dpa"),
        (r"\bansa\b", "ANSA"),
        (r"\befe\b", "EFE"),
        (r"\bstt\b|stt\.fi|stt-lehtikuva", "STT"),
        (r"\bntb\b|faktisk", "NTB"),
        (r"ritzau", "Ritzau"),
        (r"\bpa\b|press association|pa sport", "PA"),
        (r"\bbbc\b", "BBC"),
        (r"\bwenn\b", "WENN"),
        (r"\btt\b|tt\.se", "TT"),
        (r"business ?wire", "Business Wire"),
    ]
]

KNOWN_AGENCIES = frozenset(name for _pattern, name in AGENCY_ALIASES)


def normalise_provider(*candidates: str | None) -> str:
    """Map the first recognisable agency name/domain to its short name."""
    for cand in candidates:
        if not cand:
            continue
        for pattern, name in AGENCY_ALIASES:
            if pattern.search(cand):
                return name
    for cand in candidates:
        if cand and cand.strip():
            return cand.strip()
    return ""
