"""The `masthead` command: Django's management commands under one name.

`masthead generate-archive` and `masthead generate_archive` are the same
command; hyphens read better on a terminal, Python modules need underscores.
"""

import os
import sys

from django.core.management import execute_from_command_line


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.dev")
    if argv and not argv[0].startswith("-"):
        argv[0] = argv[0].replace("-", "_")
    execute_from_command_line(["masthead", *argv])


if __name__ == "__main__":
    main()
