"""Event and Article <-> table rows, exactly reversible (geometry as GeoJSON text)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from typing import Any

from shapely.geometry import mapping, shape

from events.model import Article, Event, EventPlace

__all__ = ["article_fingerprint", "article_row", "event_to_row", "row_to_article", "row_to_event"]


def article_fingerprint(article: Article) -> str:
    """Return what decides whether a stored article is unchanged.

    A sha256 over the article's content hash, its cleaned text and its metadata (so an
    edited sidecar date counts as an edit), but not its path (moving a file is no edit).

    Parameters
    ----------
    article : Article

    Returns
    -------
    str
        64 hex digits.
    """
    parts = [
        article.content_hash,
        article.text,
        article.source,
        article.url,
        article.published.isoformat() if article.published else None,
        article.published_inferred,
        article.title,
    ]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _bounds(event: Event) -> tuple[float | None, ...]:
    if event.geometry is None or event.geometry.is_empty:
        return (None, None, None, None)
    bounds = tuple(float(v) for v in event.geometry.bounds)
    return (None,) * 4 if any(math.isnan(v) for v in bounds) else bounds


def event_to_row(event: Event, seq: int) -> dict[str, Any]:
    """Return the ``events`` row of ``event`` (``seq``: its position in the article)."""
    minlon, minlat, maxlon, maxlat = _bounds(event)
    return {
        "id": event.id,
        "article_id": event.article,
        "seq": seq,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "status": event.status,
        "date": event.date,
        "date_end": event.date_end,
        "date_precision": event.date_precision,
        "geo_precision": event.geo_precision,
        "places": _dumps([p.to_json() for p in event.places]),
        "actors": _dumps(list(event.actors)) if event.actors is not None else None,
        "fatalities": event.fatalities,
        "source": event.source,
        "cited": _dumps(list(event.cited)),
        "url": event.url,
        "published": event.published,
        "evidence": event.evidence,
        "evidence_start": event.evidence_start,
        "evidence_end": event.evidence_end,
        "extra": _dumps(event.extra),
        "geometry": _dumps(mapping(event.geometry)) if event.geometry is not None else None,
        "minlon": minlon,
        "minlat": minlat,
        "maxlon": maxlon,
        "maxlat": maxlat,
    }


def row_to_event(row: Any) -> Event:
    """Return the :class:`Event` stored in an ``events`` row."""
    actors = json.loads(row.actors) if row.actors is not None else None
    return Event(
        id=row.id,
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        status=row.status,
        date=row.date,
        date_precision=row.date_precision,
        geo_precision=row.geo_precision,
        evidence=row.evidence,
        article=row.article_id,
        geometry=shape(json.loads(row.geometry)) if row.geometry is not None else None,
        date_end=row.date_end,
        places=tuple(EventPlace(**p) for p in json.loads(row.places)),
        actors=tuple(actors) if actors is not None else None,
        fatalities=row.fatalities,
        source=row.source,
        cited=tuple(json.loads(row.cited)),
        url=row.url,
        published=row.published,
        evidence_start=row.evidence_start,
        evidence_end=row.evidence_end,
        extra=json.loads(row.extra),
    )


def row_to_article(row: Any) -> Article:
    """Return the :class:`Article` stored in an ``articles`` row."""
    return Article(
        article_id=row.article_id,
        text=row.text,
        source=row.source,
        url=row.url,
        published=row.published,
        published_inferred=bool(row.published_inferred),
        title=row.title,
        path=row.path,
        content_hash=row.content_hash,
    )


def article_row(article: Article, extractor_version: str) -> dict[str, Any]:
    """Return the ``articles`` row of ``article`` (stamped now, UTC)."""
    return {
        "article_id": article.article_id,
        "text": article.text,
        "source": article.source,
        "url": article.url,
        "published": article.published,
        "published_inferred": article.published_inferred,
        "title": article.title,
        "path": article.path,
        "content_hash": article.content_hash,
        "fingerprint": article_fingerprint(article),
        "ingested_at": dt.datetime.now(dt.UTC),
        "extractor_version": extractor_version,
    }
