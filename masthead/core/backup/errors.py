"""The one error of backup and restore, apart so that the engine modules and
the package that picks between them can both import it."""


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""
