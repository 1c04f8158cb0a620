"""The generated archive: bench data for `masthead generate-archive`."""

from masthead.demo.archive.generator import (
    ARTICLES_PER_DAY,
    MAX_DAYS,
    ArchiveError,
    generate_archive,
)

__all__ = ["ARTICLES_PER_DAY", "MAX_DAYS", "ArchiveError", "generate_archive"]
