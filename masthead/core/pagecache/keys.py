"""Which part of a query string a cached page depends on.

Every distinct query string used to be its own render and its own entry kept
a day: `?utm_source=1` … `?utm_source=1000` were a thousand renders of the
same page, and a way for anyone to fill the cache. Now:

- tracking parameters (utm_*, fbclid, gclid, ...) are taken off the request
  before Django sees it: no page reads them (analytics read the browser's
  address bar), and a redirect kept for an old address still matches;
- the key holds only the parameters the path reads (READ_PARAMS, PATH_PARAMS);
- any other parameter reaches Django untouched, but the answer does not
  depend on it: such a request is answered from, and may fill, the entry of
  the address without it, for a 200 only. A 404 or a redirect may depend on
  it (Wagtail's redirects match the full query, e.g. an old `story.php?id=7`).
"""

from dataclasses import dataclass
from urllib.parse import unquote_plus

TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
TRACKING_NAMES = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "li_fat_id",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "ref_src",
    }
)
# Read on any page: the cursor of article listings (newsroom/listing.py), which
# sections, regions, the archive and people pages use.
READ_PARAMS = frozenset({"before"})
# Read on one path only. (/search/ is never cached: see wsgi.BYPASS_PREFIXES.)
PATH_PARAMS = {"/sitemap.xml": frozenset({"p"})}


@dataclass(frozen=True)
class Query:
    forwarded: str  # what Django gets: the query without tracking parameters
    key: str  # what the store keys on: only the parameters the path reads
    exact: bool  # True when nothing else is left in `forwarded`


def _name(field: str) -> str:
    return unquote_plus(field.partition("=")[0], errors="surrogateescape")


def is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_NAMES or name.startswith(TRACKING_PREFIXES)


def split_query(path: str, query_string: str) -> Query:
    # Fields are kept as sent (their encoding too): Django parses them itself.
    fields = [f for f in query_string.split("&") if f and not is_tracking(_name(f))]
    read = READ_PARAMS | PATH_PARAMS.get(path, frozenset())
    keyed = [f for f in fields if _name(f) in read]
    # By name, and stable, so `?a=1&before=x` and `?before=x&a=1` share an
    # entry while repeated values keep their order (Django reads the last one).
    keyed.sort(key=_name)
    return Query(
        forwarded="&".join(fields),
        key="&".join(keyed),
        exact=len(keyed) == len(fields),
    )
