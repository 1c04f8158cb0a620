"""Structural checks for ninjs 1.x / 2.x / 3.x, written from the IPTC spec.

This is not a JSON Schema engine: it encodes the rules the spec states
(required uri, property types, enumerations, no unknown properties (or,
given a list to keep them in, unknown properties recorded, not refused),
extension-name patterns, rights one-of, event date one-of, GeoJSON shape)
and is a little stricter where the spec's intent is clear (urgency is an
integer 1-9). Each failure raises WireRefusal naming the property.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import WireRefusal

S, N, INT, A, OBJ, DT = "string", "number", "integer", "array", "object", "date-time"
TYPES_10 = ("text", "audio", "video", "picture", "graphic", "composite")
TYPES_12 = (*TYPES_10, "component")
TYPES_3 = (*TYPES_12, "event", "planning")
PUBSTATUS = ("usable", "withheld", "canceled")

# name -> (type, minor version it appeared in); minor only matters with a hint.
V1: dict[str, tuple[str, int]] = {
    "uri": (S, 0),
    "type": (S, 0),
    "mimetype": (S, 0),
    "representationtype": (S, 0),
    "profile": (S, 0),
    "version": (S, 0),
    "versioncreated": (DT, 0),
    "embargoed": (DT, 0),
    "pubstatus": (S, 0),
    "copyrightholder": (S, 0),
    "copyrightnotice": (S, 0),
    "language": (S, 0),
    "person": (A, 0),
    "organisation": (A, 0),
    "place": (A, 0),
    "subject": (A, 0),
    "event": (A, 0),
    "object": (A, 0),
    "byline": (S, 0),
    "headline": (S, 0),
    "located": (S, 0),
    "renditions": (OBJ, 0),
    "associations": (OBJ, 0),
    "urgency": (INT, 1),
    "usageterms": (S, 1),
    "firstcreated": (DT, 2),
    "ednote": (S, 2),
    "infosource": (A, 2),
    "title": (S, 2),
    "slugline": (S, 2),
    "charcount": (N, 2),
    "wordcount": (N, 2),
    "altids": (OBJ, 3),
    "trustindicator": (A, 3),
    "$standard": (OBJ, 3),
    "genre": (A, 3),
    "contentcreated": (DT, 4),
    "expires": (DT, 4),
    "rightsinfo": (OBJ, 4),
    "digitalsourcetype": (OBJ, 6),
    "advices": (A, 99),  # proposed in the 1.x development suite
}
V2: dict[str, tuple[str, int]] = {
    "uri": (S, 0),
    "type": (S, 0),
    "representationtype": (S, 0),
    "profile": (S, 0),
    "version": (S, 0),
    "firstcreated": (DT, 0),
    "versioncreated": (DT, 0),
    "contentcreated": (DT, 0),
    "embargoed": (DT, 0),
    "pubstatus": (S, 0),
    "urgency": (INT, 0),
    "copyrightholder": (S, 0),
    "copyrightnotice": (S, 0),
    "usageterms": (S, 0),
    "ednote": (S, 0),
    "language": (S, 0),
    "descriptions": (A, 0),
    "bodies": (A, 0),
    "headlines": (A, 0),
    "people": (A, 0),
    "organisations": (A, 0),
    "places": (A, 0),
    "subjects": (A, 0),
    "events": (A, 0),
    "objects": (A, 0),
    "infosources": (A, 0),
    "title": (S, 0),
    "by": (S, 0),
    "slugline": (S, 0),
    "located": (S, 0),
    "renditions": (A, 0),
    "associations": (A, 0),
    "altids": (A, 0),
    "trustindicators": (A, 0),
    "standard": (OBJ, 0),
    "genres": (A, 0),
    "expires": (DT, 1),
    "rightsinfo": (OBJ, 0),
    "digitalsourcetype": (OBJ, 2),
    "advices": (A, 99),
}
V3: dict[str, tuple[str, int]] = {
    "uri": (S, 0),
    "type": (S, 0),
    "representationType": (S, 0),
    "profile": (S, 0),
    "version": (S, 0),
    "firstCreated": (DT, 0),
    "versionCreated": (DT, 0),
    "contentCreated": (DT, 0),
    "embargoedUntil": (DT, 0),
    "pubStatus": (S, 0),
    "urgency": (INT, 0),
    "copyrightHolder": (S, 0),
    "copyrightNotice": (S, 0),
    "usageTerms": (S, 0),
    "edNote": (S, 0),
    "language": (S, 0),
    "descriptions": (A, 0),
    "bodies": (A, 0),
    "headlines": (A, 0),
    "people": (A, 0),
    "organisations": (A, 0),
    "places": (A, 0),
    "subjects": (A, 0),
    "events": (A, 0),
    "eventDetails": (OBJ, 0),
    "plannedCoverage": (A, 0),
    "objects": (A, 0),
    "infoSources": (A, 0),
    "title": (S, 0),
    "by": (S, 0),
    "slugline": (S, 0),
    "located": (S, 0),
    "renditions": (A, 0),
    "associations": (A, 0),
    "altIds": (A, 0),
    "trustIndicators": (A, 0),
    "standard": (OBJ, 0),
    "genres": (A, 0),
    "expires": (DT, 0),
    "rightsInfo": (OBJ, 0),
    "digitalSourceType": (OBJ, 1),
}
CAMEL_ONLY = {k for k in V3 if k != k.lower()}
PLURAL_ONLY = {
    "headlines",
    "bodies",
    "descriptions",
    "people",
    "organisations",
    "places",
    "subjects",
    "events",
    "objects",
    "infosources",
    "by",
    "trustindicators",
    "genres",
    "standard",
}
EXTENSION_1X = re.compile(r"^(description|body)_[A-Za-z0-9_]")
EXTENSION_13 = re.compile(r"^headline_[A-Za-z0-9_]")
_TRUNCATED_DATE = re.compile(
    r"^(-?(?:[1-9][0-9]*)?[0-9]{4})(-(1[0-2]|0[1-9])(-(3[01]|0[1-9]|[12][0-9])"
    r"(T(2[0-3]|[01][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]+)?"
    r"(Z|[+-](?:2[0-3]|[01][0-9]):[0-5][0-9])?)?)?)?$"
)
GEOJSON_TYPES = {
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
    "Feature",
    "FeatureCollection",
}


def _fail(msg: str) -> None:
    raise WireRefusal(f"ninjs: {msg}")


def _type_ok(value: Any, kind: str) -> bool:
    if kind in (S, DT):
        return isinstance(value, str)
    if kind == N:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == A:
        return isinstance(value, list)
    return isinstance(value, dict)


type_ok = _type_ok


def detect_major(item: dict[str, Any]) -> int:
    keys = set(item)
    assoc = item.get("associations")
    nested = (
        [a for a in assoc if isinstance(a, dict)] if isinstance(assoc, list) else []
    )
    if keys & CAMEL_ONLY or any(set(a) & CAMEL_ONLY for a in nested):
        return 3
    if any(x.get("type") in ("event", "planning") for x in (item, *nested)):
        return 3
    if "$standard" in keys:
        return 1
    if (
        keys & PLURAL_ONLY
        or isinstance(item.get("associations"), list)
        or isinstance(item.get("renditions"), list)
        or isinstance(item.get("altids"), list)
    ):
        return 2
    return 1


def validate(
    item: Any,
    major: int,
    minor: int | None,
    *,
    vendor_keys: frozenset[str],
    path: str = "",
    need_uri: bool = True,
    warnings: list[str] | None = None,
    unknown: list[str] | None = None,
) -> None:
    """Refuse the item if it breaks a ninjs rule. minor=None means "latest".

    With an ``unknown`` list, properties ninjs does not define are recorded
    there (with their path) instead of refusing the item.
    """
    warnings = warnings if warnings is not None else []
    where = f"{path}: " if path else ""
    if not isinstance(item, dict):
        _fail(f"{where}an item must be a JSON object")
    spec = {1: V1, 2: V2, 3: V3}[major]
    if need_uri and "uri" not in item:
        _fail(f"{where}'uri' is required")
    for key, value in item.items():
        rule = spec.get(key)
        if rule is None:
            if major == 1 and (
                EXTENSION_1X.match(key)
                or (EXTENSION_13.match(key) and (minor or 9) >= 3)
            ):
                if not isinstance(value, str):
                    _fail(f"{where}'{key}' must be a string")
                continue
            if key in vendor_keys:
                warnings.append(f"ninjs: non-standard property '{key}' ignored")
                continue
            if unknown is not None:
                unknown.append(f"{path}.{key}" if path else key)
                continue
            _fail(f"{where}unknown property '{key}' (not in ninjs {major}.x)")
        kind, since = rule
        if minor is not None and since > minor and since != 99:
            _fail(f"{where}'{key}' is not defined in ninjs {major}.{minor}")
        if (
            key == "version"
            and isinstance(value, int)
            and not isinstance(value, bool)
            and value >= 0
        ):
            # Agencies (AP Media API) send integer versions; keep, as a string.
            warnings.append("ninjs: integer 'version' read as a string")
            continue
        if not _type_ok(value, kind):
            _fail(f"{where}'{key}' must be {'an' if kind[0] in 'aio' else 'a'} {kind}")
    _check_values(item, major, minor, where, vendor_keys, warnings, need_uri, unknown)


def _check_values(
    item: dict[str, Any],
    major: int,
    minor: int | None,
    where: str,
    vendor_keys: frozenset[str],
    warnings: list[str],
    need_uri: bool,
    unknown: list[str] | None = None,
) -> None:
    types = (
        TYPES_3
        if major == 3
        else TYPES_12
        if major == 2 or minor is None or minor >= 2
        else TYPES_10
    )
    if "type" in item and item["type"] not in types:
        _fail(f"{where}type {item['type']!r} is not one of {', '.join(types)}")
    status = item.get("pubStatus" if major == 3 else "pubstatus")
    if status is not None and status not in PUBSTATUS:
        _fail(f"{where}pubstatus {status!r} is not one of {', '.join(PUBSTATUS)}")
    rep = item.get("representationType" if major == 3 else "representationtype")
    allowed_rep = ("complete", "incomplete") if major == 1 else ("full", "partial")
    if rep is not None and rep not in allowed_rep:
        _fail(
            f"{where}representationtype {rep!r} is not one of {', '.join(allowed_rep)}"
        )
    if "urgency" in item and not 1 <= item["urgency"] <= 9:
        _fail(f"{where}urgency must be an integer from 1 to 9")
    for key, (kind, _since) in ({1: V1, 2: V2, 3: V3}[major]).items():
        if kind == A and key in item and key not in ("advices",):
            for n, el in enumerate(item[key]):
                if key not in ("trustindicator",) and not isinstance(el, dict):
                    _fail(f"{where}'{key}[{n}]' must be an object")
                if isinstance(el, dict) and key in (
                    "infosource",
                    "infoSources",
                    "infosources",
                    "genre",
                    "genres",
                ):
                    for k, v in el.items():
                        if not isinstance(v, str):
                            _fail(f"{where}'{key}[{n}].{k}' must be a string")
    rights = item.get("rightsInfo" if major == 3 else "rightsinfo")
    if isinstance(rights, dict):
        names = (
            ("linkedRights", "encodedRights")
            if major == 3
            else ("linkedrights", "encodedrights")
        )
        present = [k for k in names if k in rights]
        if len(present) != 1:
            _fail(
                f"{where}rightsinfo needs exactly one of linkedrights or encodedrights"
            )
        for k in (*present, "langid", "langId"):
            if k in rights and not isinstance(rights[k], str):
                _fail(f"{where}rightsinfo.{k} must be a string")
    for n, advice in enumerate(item.get("advices") or []):
        if not isinstance(advice, dict):
            _fail(f"{where}advices[{n}] must be an object")
        for k in ("importance", "lifetime"):
            if k in advice and (
                not isinstance(advice[k], dict) or "code" not in advice[k]
            ):
                _fail(f"{where}advices[{n}].{k} must be an object with a 'code'")
    dst = item.get("digitalSourceType" if major == 3 else "digitalsourcetype")
    if isinstance(dst, dict):
        for k, v in dst.items():
            if k not in ("name", "uri", "literal") or not isinstance(v, str):
                _fail(f"{where}digitalsourcetype.{k} is not allowed")
    for n, place in enumerate(item.get("places") or []):
        geo = place.get("geojson") if isinstance(place, dict) else None
        if geo is not None and (
            not isinstance(geo, dict) or geo.get("type") not in GEOJSON_TYPES
        ):
            _fail(f"{where}places[{n}].geojson is not a GeoJSON object")
        if (
            isinstance(geo, dict)
            and geo["type"]
            not in ("Feature", "FeatureCollection", "GeometryCollection")
            and not isinstance(geo.get("coordinates"), list)
        ):
            _fail(f"{where}places[{n}].geojson needs coordinates")
    details = item.get("eventDetails")
    if isinstance(details, dict) and isinstance(details.get("dates"), dict):
        _check_dates(details["dates"], f"{where}eventDetails.dates")
    for n, cov in enumerate(item.get("plannedCoverage") or []):
        urg = cov.get("urgency")
        if urg is not None and (not isinstance(urg, int) or not 1 <= urg <= 9):
            _fail(f"{where}plannedCoverage[{n}].urgency must be an integer from 1 to 9")
        if isinstance(cov.get("dates"), dict):
            _check_dates(cov["dates"], f"{where}plannedCoverage[{n}].dates")
    _check_associations(
        item, major, minor, where, vendor_keys, warnings, need_uri, unknown
    )


def _check_dates(dates: dict[str, Any], where: str) -> None:
    for a, b in (("startDate", "expectedStartDate"), ("endDate", "expectedEndDate")):
        if a in dates and b in dates:
            _fail(f"{where}: give {a} or {b}, not both")
    for k in ("expectedStartDate", "expectedEndDate"):
        if k in dates and not (
            isinstance(dates[k], str) and _TRUNCATED_DATE.match(dates[k])
        ):
            _fail(f"{where}.{k} {dates[k]!r} is not a (truncated) ISO date")


def _check_associations(
    item: dict[str, Any],
    major: int,
    minor: int | None,
    where: str,
    vendor_keys: frozenset[str],
    warnings: list[str],
    need_uri: bool,
    unknown: list[str] | None = None,
) -> None:
    assoc = item.get("associations")
    if major == 1 and isinstance(assoc, dict):
        for name, sub in assoc.items():
            if not re.match(r"^[a-zA-Z0-9_]+", name):
                _fail(f"{where}association name {name!r} is not allowed")
            validate(
                sub,
                1,
                minor,
                vendor_keys=vendor_keys,
                path=f"{where}associations.{name}",
                need_uri=need_uri and (minor is None or minor >= 1),
                warnings=warnings,
                unknown=unknown,
            )
    elif isinstance(assoc, list):
        for n, sub in enumerate(assoc):
            sub_path = f"{where}associations[{n}]"
            if (
                isinstance(sub, dict)
                and major >= 2
                and (minor is None or minor >= 1 or major == 3)
            ):
                if "name" not in sub:
                    _fail(f"{sub_path}: 'name' is required")
            body = (
                {k: v for k, v in sub.items() if k != "name"}
                if isinstance(sub, dict)
                else sub
            )
            validate(
                body,
                major,
                minor,
                vendor_keys=vendor_keys,
                path=sub_path,
                need_uri=need_uri,
                warnings=warnings,
                unknown=unknown,
            )
