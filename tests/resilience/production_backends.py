"""Loads every backend the current settings name, and says which cannot load.

Run in a fresh process with production settings and every optional backend
switched on (see test_production_packages.py); prints a JSON report. Lazy
clients are built too (a Redis cache imports `redis` only then), without
connecting to anything.
"""

import json
import sys
from importlib import import_module

import django
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
from django.utils.module_loading import import_string

# Keys whose string values are dotted paths Django or Wagtail will import.
BACKEND_KEYS = ("BACKEND", "ENGINE")
BACKEND_SUFFIXES = ("_BACKEND", "_BACKENDS", "_ENGINE")


def named_backends(settings) -> dict[str, str]:
    """{dotted path: the key that names it} for every backend in `settings`."""
    found: dict[str, str] = {}

    def walk(value, key: str) -> None:
        if isinstance(value, dict):
            for inner_key, inner in value.items():
                walk(inner, str(inner_key))
        elif isinstance(value, list | tuple):
            for inner in value:
                walk(inner, key)
        elif (
            isinstance(value, str)
            and "." in value
            and (key in BACKEND_KEYS or key.endswith(BACKEND_SUFFIXES))
        ):
            found[value] = key

    for name in dir(settings):
        if name.isupper():
            walk(getattr(settings, name), name)
    return found


def load(path: str, key: str) -> object:
    if key == "ENGINE":
        # A database ENGINE is a package; Django imports its `base` module.
        return import_module(path + ".base")
    try:
        return import_module(path)
    except ModuleNotFoundError as error:
        if error.name != path:
            raise
    return import_string(path)


def failures(backends: dict[str, str]) -> dict[str, str]:
    failed = {}
    for path, key in sorted(backends.items()):
        try:
            load(path, key)
        except Exception as error:  # noqa: BLE001 - any failure to load is the finding
            failed[path] = f"{type(error).__name__}: {error}"
    return failed


def build_clients() -> dict[str, str]:
    """Instantiate caches and storages, which import some libraries lazily."""
    failed = {}
    for alias in settings.CACHES:
        try:
            getattr(caches[alias], "_cache", None)
        except Exception as error:  # noqa: BLE001 - any failure to build is the finding
            failed[f"CACHES[{alias!r}]"] = f"{type(error).__name__}: {error}"
    for alias in settings.STORAGES:
        try:
            storages[alias]
        except Exception as error:  # noqa: BLE001 - any failure to build is the finding
            failed[f"STORAGES[{alias!r}]"] = f"{type(error).__name__}: {error}"
    return failed


def main() -> None:
    django.setup()
    backends = named_backends(settings)
    failed = failures(backends) | build_clients()
    media = None if failed else storages["default"]
    report = {
        "named": sorted(backends),
        "failed": failed,
        "bucket": getattr(media, "bucket_name", None),
        "endpoint": getattr(media, "endpoint_url", None),
    }
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
