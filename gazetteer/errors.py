"""Exceptions raised by the gazetteer; every message names the bad value."""

from __future__ import annotations

__all__ = ["GazetteerError", "ImportFormatError", "InputError", "TableError"]


class GazetteerError(Exception):
    """Base class of every error the gazetteer raises on purpose."""


class InputError(GazetteerError, ValueError):
    """Text or a file given to the gazetteer cannot be read (binary, wrong encoding, too big)."""


class ImportFormatError(GazetteerError, ValueError):
    """A file or tree given to ``gazetteer import`` is not in the announced format."""


class TableError(GazetteerError):
    """The place table on disk is missing, corrupt or from an incompatible version."""
