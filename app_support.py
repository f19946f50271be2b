"""Non-UI helpers of ``app.py``: reading pasted/uploaded articles, replay steps, selection.

Kept out of ``app.py`` so they are unit-tested without Streamlit (this module never imports
streamlit).
"""

from __future__ import annotations

import datetime as dt
import math
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from events.errors import ArticleError
from events.model import Article, Event
from gazetteer.paths import REPO_DATA

__all__ = [
    "SAMPLE_ARTICLES",
    "article_from_paste",
    "article_from_upload",
    "extract_article",
    "nearest_event",
    "next_play_step",
    "play_due",
    "replay_steps",
    "replay_window",
    "table_frame",
]

#: The bundled demo articles, ingested on first run when the store is empty.
SAMPLE_ARTICLES = REPO_DATA / "articles"
_UPLOAD_SUFFIXES = (".txt", ".html", ".htm")


def article_from_paste(
    text: str, *, source: str | None, url: str | None, published: dt.date | None
) -> Article:
    """Make an article from pasted text.

    Parameters
    ----------
    text : str
    source, url : str or None
        Empty strings count as not given.
    published : datetime.date or None

    Returns
    -------
    Article

    Raises
    ------
    ArticleError
        Empty or whitespace-only text (or whatever the article reader refuses).
    """
    if not text or not text.strip():
        raise ArticleError("the pasted text is empty: paste the article's text first")
    from events.article import article_from_text

    return article_from_text(text, source=source or None, url=url or None, published=published)


def article_from_upload(
    name: str, data: bytes, *, source: str | None, url: str | None, published: dt.date | None
) -> Article:
    """Read an uploaded ``.txt``/``.html`` file with the same reader as ``events ingest``.

    Parameters
    ----------
    name : str
        The uploaded file's name (its stem becomes the article id).
    data : bytes
    source, url : str or None
    published : datetime.date or None

    Returns
    -------
    Article

    Raises
    ------
    ArticleError
        Wrong file type, empty, binary or undecodable content.
    """
    safe = Path(name).name
    if not safe.lower().endswith(_UPLOAD_SUFFIXES):
        raise ArticleError(f"{safe!r}: only .txt and .html files can be added")
    if not data:
        raise ArticleError(f"{safe!r}: the file is empty")
    from events.article import read_article

    with tempfile.TemporaryDirectory(prefix="conflictmap-upload-") as tmp:
        path = Path(tmp) / safe
        path.write_bytes(data)
        return read_article(path, source=source or None, url=url or None, published=published)


def extract_article(article: Article, *, gazetteer: Any) -> list[Event]:
    """Run the extractor on one article (nothing is saved).

    Parameters
    ----------
    article : Article
    gazetteer : gazetteer.core.Gazetteer

    Returns
    -------
    list of Event
    """
    from events.extract import extract_events

    return list(extract_events(article, gazetteer=gazetteer))


def replay_steps(start: dt.date, end: dt.date, *, step: str) -> list[dt.date]:
    """Return the replay slider's stops: each day, or each week's last day, up to ``end``.

    Parameters
    ----------
    start, end : datetime.date
        The sidebar's date range (inclusive).
    step : str
        ``"day"`` or ``"week"``.

    Returns
    -------
    list of datetime.date
        Always ends with ``end``; never empty.
    """
    if end < start:
        start, end = end, start
    days = 1 if step == "day" else 7
    out = []
    current = start + dt.timedelta(days=days - 1)
    while current < end:
        out.append(current)
        current += dt.timedelta(days=days)
    out.append(end)
    return out


def replay_window(
    start: dt.date, until: dt.date, *, step: str, only_step: bool
) -> tuple[dt.date, dt.date]:
    """Return the dates shown at one replay step.

    Parameters
    ----------
    start : datetime.date
        The date range's first day.
    until : datetime.date
        The replay slider's value (a day, or a week's last day).
    step : str
        ``"day"`` or ``"week"``.
    only_step : bool
        Show only this day/week instead of everything from ``start`` up to it.

    Returns
    -------
    (date_from, date_to) : tuple of datetime.date
        Never starts before ``start``.
    """
    if not only_step:
        return start, until
    first = until - dt.timedelta(days=0 if step == "day" else 6)
    return max(start, first), until


def next_play_step(steps: Sequence[dt.date], current: dt.date) -> tuple[dt.date, bool]:
    """Return the step that playback shows after ``current`` and whether it plays on.

    Parameters
    ----------
    steps : sequence of datetime.date
        From :func:`replay_steps` (never empty).
    current : datetime.date
        The step shown now; one that is not in ``steps`` restarts at the first.

    Returns
    -------
    (step, playing) : tuple
        Playback stops (``playing`` False) once the last step is shown.
    """
    i = steps.index(current) + 1 if current in steps else 0
    nxt = steps[min(i, len(steps) - 1)]
    return nxt, nxt != steps[-1]


def play_due(last: float | None, now: float, *, every: float) -> bool:
    """Return whether playback should move on (a timer tick, not a click, reran the page).

    Parameters
    ----------
    last : float or None
        ``time.monotonic()`` of the last move (``None``: never moved).
    now : float
        ``time.monotonic()`` now.
    every : float
        Seconds per step. A rerun within 90 % of it (a click on the map or the table
        while playing) does not move on.

    Returns
    -------
    bool
    """
    return last is None or now - last >= 0.9 * every


def nearest_event(
    frame: gpd.GeoDataFrame, lon: float, lat: float, *, max_km: float = 3.0
) -> str | None:
    """Return the id of the event drawn closest to a clicked point, if within ``max_km``.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
    lon, lat : float
    max_km : float

    Returns
    -------
    str or None
    """
    geoms = frame.geometry.to_numpy()
    ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if not ok.any():
        return None
    k = math.cos(math.radians(lat))
    dist = shapely.distance(geoms[ok], shapely.Point(lon, lat))  # degrees, rough
    i = int(dist.argmin())
    km = float(dist[i]) * 111.0 * max(k, 0.5)
    return str(frame["id"].to_numpy()[ok][i]) if km <= max_km else None


def table_frame(frame: gpd.GeoDataFrame, *, limit: int | None = None) -> pd.DataFrame:
    """Return the columns shown in the event table (plain values, sortable).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
    limit : int, optional
        Past this many rows, only the ``limit`` latest events (by date) are kept: the
        table is sent to the browser whole (100k rows with their evidence are ~25 MB).

    Returns
    -------
    pandas.DataFrame
    """
    if limit is not None and len(frame) > limit:
        order = np.argsort(-frame["date"].to_numpy().astype("int64"), kind="stable")
        frame = frame.iloc[order[:limit]]
    return pd.DataFrame(
        {
            "date": frame["date"].dt.date,
            "type": frame["event_type"],
            "sub-type": frame["sub_event_type"],
            "status": frame["status"],
            "places": frame["places_ar"],
            "places (en)": frame["places_en"],
            "fatalities": frame["fatalities"],
            "outlet": frame["source"].fillna("unknown"),
            "cites": frame["cited_text"],
            "evidence": frame["evidence"],
            "id": frame["id"],
        }
    ).reset_index(drop=True)


ProgressFn = Callable[[int, int, str, str], None]
