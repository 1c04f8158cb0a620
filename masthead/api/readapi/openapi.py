"""The OpenAPI 3.1 description of /api/v1/, served at /api/v1/openapi.json.

Written by hand, beside the views it describes: four paths do not need a
generator, and tests/api/test_readapi_openapi.py fails when a route is added
here without being described, or the document stops being valid OpenAPI.
An item is described by reference to IPTC's ninjs 2.2 schema (external
documentation, not a `$ref`: a validator must not have to fetch it).
"""

from __future__ import annotations

from .params import DEFAULT_LIMIT, MAX_LIMIT, MAX_VALUE_CHARS

NINJS_URL = "https://www.iptc.org/std/ninjs/"


def _error(description: str, *, headers: dict | None = None) -> dict:
    response = {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
        },
    }
    if headers:
        response["headers"] = headers
    return response


RATE_HEADERS = {
    "RateLimit-Limit": {
        "description": "Requests this key may make a minute.",
        "schema": {"type": "integer"},
    },
    "RateLimit-Remaining": {
        "description": "Requests left in the current minute.",
        "schema": {"type": "integer"},
    },
    "RateLimit-Reset": {
        "description": "Seconds until the current minute ends.",
        "schema": {"type": "integer"},
    },
}

KEYED_ERRORS = {
    "400": _error("A query parameter is malformed, too long, repeated or unknown."),
    "401": _error("No API key, or a key that is not known."),
    "403": _error("The key is switched off, or may not receive this copy."),
    "429": _error(
        "Over the key's rate limit.",
        headers={
            "Retry-After": {
                "description": "Seconds to wait before the next request.",
                "schema": {"type": "integer"},
            },
            **RATE_HEADERS,
        },
    ),
}


def _string_param(name: str, description: str, **schema) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "string", "maxLength": MAX_VALUE_CHARS, **schema},
    }


LIST_PARAMETERS = [
    _string_param(
        "section",
        "A section's slug (e.g. `world`); a section includes its sub-sections.",
        pattern="^[-a-z0-9_]{1,100}$",
    ),
    _string_param(
        "region",
        "A region's slug (e.g. `pudong`).",
        pattern="^[-a-z0-9_]{1,100}$",
    ),
    _string_param(
        "since",
        "First published at or after this moment: an ISO 8601 date "
        "(`2025-05-16`, midnight UTC) or date and time with a zone "
        "(`2025-05-16T08:30:00Z`).",
    ),
    _string_param(
        "until",
        "First published before this moment (same forms as `since`).",
    ),
    {
        "name": "limit",
        "in": "query",
        "required": False,
        "description": "Items per page.",
        "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_LIMIT,
            "default": DEFAULT_LIMIT,
        },
    },
    _string_param(
        "cursor",
        "Where the page starts: copy it from the previous page's `cursor` (or "
        "follow `next`). Opaque and signed; valid only with the same filters.",
    ),
]


def openapi_document(server_url: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Masthead read API",
            "version": "1",
            "description": (
                "Published articles as IPTC ninjs 2.2 documents, newest first. "
                "Each key has a rate limit and receives our own copy and the "
                "agency copy it is licensed for. Embargoed, scheduled and "
                "taken-down articles never appear."
            ),
        },
        "servers": [{"url": server_url}],
        "security": [{"apiKey": []}],
        "paths": {
            "/": {
                "get": {
                    "operationId": "index",
                    "summary": "Links to the items and to this description.",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "The API's entry point.",
                            "content": {
                                "application/json": {"schema": {"type": "object"}}
                            },
                        },
                        "400": _error("The entry point takes no parameters."),
                    },
                }
            },
            "/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This description.",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1.",
                            "content": {
                                "application/json": {"schema": {"type": "object"}}
                            },
                        },
                        "400": _error("This description takes no parameters."),
                    },
                }
            },
            "/items": {
                "get": {
                    "operationId": "listItems",
                    "summary": "Published articles, newest first, a page at a time.",
                    "parameters": LIST_PARAMETERS,
                    "responses": {
                        "200": {
                            "description": "A page of items.",
                            "headers": RATE_HEADERS,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/ItemList"}
                                }
                            },
                        },
                        **KEYED_ERRORS,
                    },
                }
            },
            "/items/{guid}": {
                "get": {
                    "operationId": "getItem",
                    "summary": "One published article by its guid (its ninjs `uri`).",
                    "parameters": [
                        {
                            "name": "guid",
                            "in": "path",
                            "required": True,
                            "description": (
                                "The item's `uri`, e.g. "
                                "`tag:news.example.com,2025:article:123`."
                            ),
                            "schema": {"type": "string", "maxLength": 300},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "The item.",
                            "headers": RATE_HEADERS,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Ninjs"}
                                }
                            },
                        },
                        **KEYED_ERRORS,
                        "404": _error("No published article has this guid."),
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {
                "apiKey": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The key the newsroom gave you: "
                    "`Authorization: Bearer <key>`.",
                }
            },
            "schemas": {
                "Ninjs": {
                    "type": "object",
                    "description": (
                        "A ninjs 2.2 document; it validates against IPTC's "
                        "ninjs-schema_2.2.json."
                    ),
                    "externalDocs": {"url": NINJS_URL},
                    "required": ["uri", "version", "headlines", "bodies"],
                    "properties": {
                        "uri": {
                            "type": "string",
                            "description": "The stable guid of the article.",
                        },
                        "version": {
                            "type": "string",
                            "description": "Grows with every publish.",
                        },
                        "firstcreated": {"type": "string", "format": "date-time"},
                        "versioncreated": {"type": "string", "format": "date-time"},
                        "headlines": {"type": "array", "items": {"type": "object"}},
                        "bodies": {"type": "array", "items": {"type": "object"}},
                        "by": {"type": "string"},
                        "located": {"type": "string"},
                        "subjects": {"type": "array", "items": {"type": "object"}},
                        "associations": {
                            "type": "array",
                            "items": {"type": "object"},
                            "description": "Pictures, each with renditions on "
                            "absolute URLs.",
                        },
                    },
                },
                "ItemList": {
                    "type": "object",
                    "required": ["items", "next", "cursor"],
                    "properties": {
                        "items": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Ninjs"},
                        },
                        "next": {
                            "type": ["string", "null"],
                            "description": "The next page's URL; null on the last.",
                        },
                        "cursor": {
                            "type": ["string", "null"],
                            "description": "The next page's cursor; null on the last.",
                        },
                    },
                },
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["status", "code", "message"],
                            "properties": {
                                "status": {"type": "integer"},
                                "code": {"type": "string"},
                                "message": {"type": "string"},
                                "parameter": {"type": "string"},
                            },
                        }
                    },
                },
            },
        },
    }
