"""Exceptions raised by the events package; every message names the bad value."""

from __future__ import annotations

__all__ = ["ArticleError", "DateError", "EventsError", "StoreError"]


class EventsError(Exception):
    """Base class of every error the events package raises on purpose."""


class ArticleError(EventsError, ValueError):
    """An article file cannot be read: empty, binary, undecodable, too big, bad sidecar."""


class DateError(EventsError, ValueError):
    """A date given by the user (option or sidecar) is not a valid ISO date."""


class StoreError(EventsError):
    """The event store cannot be opened or written (bad URL, locked, corrupt)."""
