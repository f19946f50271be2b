"""Events → one GeoDataFrame, filtered in memory, split into the map's layers.

The app loads the store's events once (cached), builds one frame with the columns the
filters need, then filters it with vectorised masks: fast enough to re-filter 100k events
on every widget change (see ``bench/dashboard_speed.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from events.model import Event

__all__ = [
    "LAYERS",
    "UNKNOWN_SOURCE",
    "EventFilter",
    "FilterOptions",
    "events_frame",
    "filter_frame",
    "filter_options",
    "layer_of",
    "query_frame",
    "split_layers",
]

#: The map's event layers, in drawing order.
LAYERS = ("patrols", "posts", "incidents")
#: Label of events whose outlet is not known (``source`` is null).
UNKNOWN_SOURCE = "unknown"

_LAYER_OF_TYPE = {"patrol": "patrols", "observation_post": "posts"}
#: Separates the keys in the ``source_text``/``actor_keys`` columns (never in a name).
_SEP = "\x1f"


def layer_of(event_type: str) -> str:
    """Return the map layer of an event type.

    Parameters
    ----------
    event_type : str

    Returns
    -------
    str
        ``patrols`` for patrols, ``posts`` for observation posts, ``incidents`` for
        everything else (ceasefires included), as in the store's ``layer`` argument.
    """
    return _LAYER_OF_TYPE.get(event_type, "incidents")


def _source_keys(source: str | None, cited: Iterable[str]) -> tuple[str, ...]:
    keys = [source if source else UNKNOWN_SOURCE]
    keys.extend(c for c in cited if c and c not in keys)
    return tuple(keys)


def _key_text(keys: Iterable[str]) -> str:
    """``keys`` as one string, each key between separators, for vectorised matching."""
    inner = _SEP.join(keys)  # names never hold this control character
    return f"{_SEP}{inner}{_SEP}" if inner else ""


def events_frame(events: Sequence[Event]) -> gpd.GeoDataFrame:
    """Build one GeoDataFrame (EPSG:4326) from events, one row per event.

    Parameters
    ----------
    events : sequence of Event
        Events without geometry are kept (they appear in the table and exports with a null
        geometry) but are not drawn.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns: ``id, event_type, sub_event_type, status, date, date_end, date_precision,
        geo_precision, fatalities, source, layer, places_ar, places_en, actors_text,
        cited_text, source_keys, evidence, url, article, props, geometry``, plus the
        filter keys ``date_last`` (``date_end`` or ``date``), ``source_text`` and
        ``actor_keys`` (the source keys / actors between unit-separator characters). ``date``
        is a pandas datetime; ``props`` holds the event's GeoJSON properties for export.
    """
    rows: dict[str, list[Any]] = {
        k: []
        for k in (
            "id",
            "event_type",
            "sub_event_type",
            "status",
            "date",
            "date_end",
            "date_precision",
            "geo_precision",
            "fatalities",
            "source",
            "layer",
            "places_ar",
            "places_en",
            "actors_text",
            "cited_text",
            "source_keys",
            "source_text",
            "actor_keys",
            "evidence",
            "url",
            "article",
            "props",
        )
    }
    geoms = []
    for ev in events:
        rows["id"].append(ev.id)
        rows["event_type"].append(ev.event_type)
        rows["sub_event_type"].append(ev.sub_event_type or "")
        rows["status"].append(ev.status)
        rows["date"].append(ev.date)
        rows["date_end"].append(ev.date_end)
        rows["date_precision"].append(ev.date_precision)
        rows["geo_precision"].append(ev.geo_precision)
        rows["fatalities"].append(ev.fatalities)
        rows["source"].append(ev.source)
        rows["layer"].append(layer_of(ev.event_type))
        rows["places_ar"].append("، ".join(p.name_ar for p in ev.places if p.name_ar))
        rows["places_en"].append(", ".join(p.name_en for p in ev.places if p.name_en))
        rows["actors_text"].append(", ".join(ev.actors) if ev.actors else "")
        rows["cited_text"].append(", ".join(ev.cited))
        keys = _source_keys(ev.source, ev.cited)
        rows["source_keys"].append(keys)
        rows["source_text"].append(_key_text(keys))
        rows["actor_keys"].append(_key_text(ev.actors or ()))
        rows["evidence"].append(ev.evidence)
        rows["url"].append(ev.url)
        rows["article"].append(ev.article)
        rows["props"].append(ev.properties())
        geoms.append(ev.geometry)
    frame = pd.DataFrame(rows)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["date_end"] = pd.to_datetime(frame["date_end"])
    frame["date_last"] = frame["date_end"].fillna(frame["date"])
    frame["fatalities"] = frame["fatalities"].astype("Int64")
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"))


@dataclass(frozen=True)
class EventFilter:
    """What the sidebar selects; ``None`` or empty means "no constraint".

    Parameters
    ----------
    date_from, date_to : datetime.date or None
        Inclusive. An event with a span (``date_end``) matches when the spans overlap.
    sources : tuple of str or None
        Outlets or cited agencies; :data:`UNKNOWN_SOURCE` selects events with no outlet.
    event_types, sub_event_types, actors, layers : tuple of str or None
    text : str
        Case-insensitive substring searched in the evidence, places and actors.
    """

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sources: tuple[str, ...] | None = None
    event_types: tuple[str, ...] | None = None
    sub_event_types: tuple[str, ...] | None = None
    actors: tuple[str, ...] | None = None
    layers: tuple[str, ...] | None = None
    text: str = ""


def _any_key(column: pd.Series, wanted: Iterable[str]) -> np.ndarray:
    """Boolean mask: rows whose key text (see :func:`_key_text`) holds any ``wanted`` key."""
    mask = np.zeros(len(column), dtype=bool)
    for key in dict.fromkeys(wanted):
        hit = column.str.contains(_key_text([key]), regex=False)
        mask |= hit.fillna(False).to_numpy(dtype=bool)
    return mask


def filter_frame(frame: gpd.GeoDataFrame, flt: EventFilter) -> gpd.GeoDataFrame:
    """Return the rows of ``frame`` that match ``flt`` (vectorised; order kept).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        From :func:`events_frame`.
    flt : EventFilter

    Returns
    -------
    geopandas.GeoDataFrame
        ``frame`` itself (not a copy) when every row matches; treat it as read-only.
    """
    mask = np.ones(len(frame), dtype=bool)
    if flt.date_from is not None:
        mask &= (frame["date_last"] >= pd.Timestamp(flt.date_from)).to_numpy()
    if flt.date_to is not None:
        mask &= (frame["date"] <= pd.Timestamp(flt.date_to)).to_numpy()
    if flt.sources:
        mask &= _any_key(frame["source_text"], flt.sources)
    if flt.event_types:
        mask &= frame["event_type"].isin(flt.event_types).to_numpy()
    if flt.sub_event_types:
        mask &= frame["sub_event_type"].isin(flt.sub_event_types).to_numpy()
    if flt.layers:
        mask &= frame["layer"].isin(flt.layers).to_numpy()
    if flt.actors:
        mask &= _any_key(frame["actor_keys"], flt.actors)
    needle = flt.text.strip().casefold()
    if needle:
        hay = (
            frame["evidence"] + "\n" + frame["places_ar"] + "\n" + frame["places_en"] + "\n"
        ) + frame["actors_text"]
        mask &= hay.str.casefold().str.contains(needle, regex=False).to_numpy()
    return frame if mask.all() else frame[mask]


@dataclass(frozen=True)
class FilterOptions:
    """The values the sidebar offers, read once per frame.

    Parameters
    ----------
    sources : tuple of str
        Outlets and cited agencies, sorted, :data:`UNKNOWN_SOURCE` last when present.
    event_types, sub_event_types, actors : tuple of str
        Sorted; empty strings left out.
    date_min, date_max : datetime.date or None
        The first and last event dates (``None`` for an empty frame).
    """

    sources: tuple[str, ...]
    event_types: tuple[str, ...]
    sub_event_types: tuple[str, ...]
    actors: tuple[str, ...]
    date_min: dt.date | None
    date_max: dt.date | None


def filter_options(frame: gpd.GeoDataFrame) -> FilterOptions:
    """Return the distinct values of the filterable columns (vectorised).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        From :func:`events_frame`.

    Returns
    -------
    FilterOptions
    """

    def distinct(series: pd.Series) -> list[str]:
        return sorted({str(v) for v in series.dropna().unique() if v})

    # distinct combinations first: few, so the per-item Python below stays small
    keys = sorted(set().union(*frame["source_keys"].unique()))
    sources = [k for k in keys if k != UNKNOWN_SOURCE]
    if UNKNOWN_SOURCE in keys:
        sources.append(UNKNOWN_SOURCE)
    combos = frame["actors_text"].dropna().unique()
    actors = sorted({a for text in combos for a in str(text).split(", ") if a})
    empty = not len(frame)
    return FilterOptions(
        sources=tuple(sources),
        event_types=tuple(distinct(frame["event_type"])),
        sub_event_types=tuple(distinct(frame["sub_event_type"])),
        actors=tuple(actors),
        date_min=None if empty else frame["date"].min().date(),
        date_max=None if empty else frame["date"].max().date(),
    )


def split_layers(
    frame: gpd.GeoDataFrame, *, columns: Sequence[str] | None = None
) -> dict[str, gpd.GeoDataFrame]:
    """Split a frame into :data:`LAYERS` (every key present, possibly empty).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
    columns : sequence of str, optional
        Keep only these columns (the geometry always): copying fewer columns is what
        makes the split cheap at 100k rows.

    Returns
    -------
    dict of str to geopandas.GeoDataFrame
    """
    layer = frame["layer"].to_numpy()
    if columns is None:
        return {name: frame[layer == name] for name in LAYERS}
    keep = list(dict.fromkeys([*columns, frame.geometry.name]))
    return {name: frame.loc[layer == name, keep] for name in LAYERS}


def query_frame(store: Any, flt: EventFilter | None = None) -> gpd.GeoDataFrame:
    """Query an ``EventStore`` with what it can filter, then apply the rest in memory.

    Parameters
    ----------
    store : events.store.EventStore
        Anything with the store's ``events(date_from=, date_to=, sources=, event_types=)``.
    flt : EventFilter, optional

    Returns
    -------
    geopandas.GeoDataFrame
    """
    flt = flt or EventFilter()
    events = store.events(
        date_from=flt.date_from,
        date_to=flt.date_to,
        sources=list(flt.sources) if flt.sources else None,
        event_types=list(flt.event_types) if flt.event_types else None,
    )
    return filter_frame(events_frame(events), flt)
