"""The demo newsroom: its content as data files, the loader, and the archive generator."""
