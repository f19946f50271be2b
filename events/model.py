"""Records that cross the events package's boundary: :class:`Article` and :class:`Event`."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

__all__ = ["EVENT_TYPES", "Article", "Event", "EventPlace", "event_id"]

EVENT_TYPES = ("patrol", "observation_post", "incident", "ceasefire")


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article and its metadata.

    Parameters
    ----------
    article_id : str
        Stable identity of the article: the sidecar's ``id`` when given, else the file's
        stem, else (pasted text) ``sha1:`` + the first 16 hex digits of the SHA-1 of the
        UTF-8 text.
        Re-ingesting the same id replaces that article's events.
    text : str
        The article body after decoding and boilerplate removal (what extraction reads
        and what evidence sentences are verbatim slices of).
    source : str or None
        The outlet (``None`` when unknown).
    url : str or None
    published : datetime.date or None
        Publication date; relative dates stay unresolved without it.
    published_inferred : bool
        True when the date was inferred rather than printed.
    title : str
        First line / HTML title when known.
    path : str or None
        The file the article was read from.
    content_hash : str
        sha256 hex digest of the raw bytes read (or of the UTF-8 text for pasted text).
    """

    article_id: str
    text: str
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_inferred: bool = False
    title: str = ""
    path: str | None = None
    content_hash: str = ""


@dataclass(frozen=True, slots=True)
class EventPlace:
    """A place an event names, in text order."""

    name_ar: str
    name_en: str
    place_id: str

    def to_json(self) -> dict[str, str]:
        """Return ``{name_ar, name_en, place_id}``."""
        return {"name_ar": self.name_ar, "name_en": self.name_en, "place_id": self.place_id}


def event_id(article_id: str, start: int, end: int, event_type: str, sub_event_type: str) -> str:
    """Return a stable event id: a hash of the article id and the evidence span.

    Parameters
    ----------
    article_id : str
        The article's id.
    start, end : int
        Offsets of the evidence in the article text.
    event_type, sub_event_type : str
        So that two events from one sentence (a patrol and an attack on it) differ.

    Returns
    -------
    str
        20 hex digits.
    """
    key = f"{article_id}\x1f{start}\x1f{end}\x1f{event_type}\x1f{sub_event_type}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event (ACLED-style), with the sentence it came from.

    Properties follow ``design.md``'s event schema; ``geometry`` is a shapely geometry in
    EPSG:4326 (Point for posts and incidents, LineString for patrol routes).
    """

    id: str
    event_type: str
    sub_event_type: str | None
    status: str
    date: dt.date
    date_precision: int
    geo_precision: int
    evidence: str
    article: str
    geometry: BaseGeometry | None = None
    date_end: dt.date | None = None
    places: tuple[EventPlace, ...] = ()
    actors: tuple[str, ...] | None = None
    fatalities: int | None = None
    source: str | None = None
    cited: tuple[str, ...] = ()
    url: str | None = None
    published: dt.date | None = None
    evidence_start: int = -1
    evidence_end: int = -1
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def properties(self) -> dict[str, Any]:
        """Return the GeoJSON ``properties`` object (JSON-safe values only)."""
        return {
            "id": self.id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "status": self.status,
            "date": self.date.isoformat(),
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "date_precision": self.date_precision,
            "geo_precision": self.geo_precision,
            "places": [p.to_json() for p in self.places],
            "actors": list(self.actors) if self.actors is not None else None,
            "fatalities": self.fatalities,
            "source": self.source,
            "cited": list(self.cited),
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "article": self.article,
            "evidence": self.evidence,
            **self.extra,
        }

    def to_feature(self) -> dict[str, Any]:
        """Return an RFC 7946 GeoJSON Feature (``id`` repeated at the top level)."""
        return {
            "type": "Feature",
            "id": self.id,
            "geometry": mapping(self.geometry) if self.geometry is not None else None,
            "properties": self.properties(),
        }
