"""Events as RFC 7946 GeoJSON FeatureCollections, and back.

Coordinates are (lon, lat) WGS 84 and there is no ``crs`` member (RFC 7946 §4). The
``properties`` of each Feature are the event schema of ``design.md``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import IO, Any

from shapely.geometry import shape

from events.errors import EventsError
from events.model import Event, EventPlace

__all__ = [
    "dump_feature_collection",
    "feature_collection",
    "feature_to_event",
    "load_feature_collection",
]

# Properties that map onto Event fields; any other property goes to Event.extra.
_KNOWN = {
    "id",
    "event_type",
    "sub_event_type",
    "status",
    "date",
    "date_end",
    "date_precision",
    "geo_precision",
    "places",
    "actors",
    "fatalities",
    "source",
    "cited",
    "url",
    "published",
    "article",
    "evidence",
    "evidence_start",
    "evidence_end",
}


def feature_collection(events: Iterable[Event]) -> dict[str, Any]:
    """Return a GeoJSON FeatureCollection of ``events`` (a JSON-safe dict).

    Parameters
    ----------
    events : iterable of Event

    Returns
    -------
    dict
        ``{"type": "FeatureCollection", "features": [...]}``.
    """
    return {"type": "FeatureCollection", "features": [ev.to_feature() for ev in events]}


def dump_feature_collection(
    events: Iterable[Event], fp: IO[str], *, indent: int | None = None
) -> None:
    """Write ``events`` as a FeatureCollection to the text stream ``fp`` (UTF-8, not escaped).

    Parameters
    ----------
    events : iterable of Event
    fp : text stream
    indent : int, optional
        Pretty-print with this indent.
    """
    json.dump(feature_collection(events), fp, ensure_ascii=False, indent=indent)
    fp.write("\n")


def _date(value: Any, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise EventsError(f"feature property {name}={value!r} is not a YYYY-MM-DD date") from None


def feature_to_event(feature: dict[str, Any]) -> Event:
    """Return the :class:`Event` a Feature written by :func:`feature_collection` describes.

    Parameters
    ----------
    feature : dict
        A GeoJSON Feature with the event schema's properties.

    Returns
    -------
    Event

    Raises
    ------
    EventsError
        A required property is missing or malformed.
    """
    props = dict(feature.get("properties") or {})
    try:
        actors = props.get("actors")
        geometry = feature.get("geometry")
        return Event(
            id=props["id"],
            event_type=props["event_type"],
            sub_event_type=props.get("sub_event_type"),
            status=props["status"],
            date=_date(props["date"], "date"),
            date_precision=int(props["date_precision"]),
            geo_precision=int(props["geo_precision"]),
            evidence=props["evidence"],
            article=props["article"],
            geometry=shape(geometry) if geometry else None,
            date_end=_date(props.get("date_end"), "date_end"),
            places=tuple(EventPlace(**p) for p in props.get("places") or ()),
            actors=tuple(actors) if actors is not None else None,
            fatalities=props.get("fatalities"),
            source=props.get("source"),
            cited=tuple(props.get("cited") or ()),
            url=props.get("url"),
            published=_date(props.get("published"), "published"),
            evidence_start=int(props.get("evidence_start", -1)),
            evidence_end=int(props.get("evidence_end", -1)),
            extra={k: v for k, v in props.items() if k not in _KNOWN},
        )
    except KeyError as exc:
        raise EventsError(f"feature {feature.get('id')!r} lacks property {exc.args[0]!r}") from None
    except (TypeError, ValueError) as exc:
        raise EventsError(f"feature {feature.get('id')!r} is malformed: {exc}") from None


def load_feature_collection(data: str | dict[str, Any]) -> list[Event]:
    """Return the events of a FeatureCollection (a dict or its JSON text).

    Parameters
    ----------
    data : str or dict

    Returns
    -------
    list of Event

    Raises
    ------
    EventsError
        Not a FeatureCollection, or a Feature that is not an event.
    """
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise EventsError(f"not JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise EventsError("not a GeoJSON FeatureCollection")
    return [feature_to_event(f) for f in data.get("features", [])]
