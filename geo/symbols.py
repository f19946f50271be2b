"""Map symbology: layer frames and basemap → styled GeoJSON collections for the canvas layer.

Each feature carries ``_s`` (Leaflet path options), ``_p`` (escaped popup HTML), ``_t``
(escaped tooltip) or ``_l`` (permanent label). Past ``detail_limit`` features a layer is
aggregated on the server: points into a grid of clusters (circles sized by count), routes
into one line per distinct geometry (width by count), so the payload stays small at 100k.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from html import escape
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, Polygon, mapping
from shapely.geometry.base import BaseGeometry

from geo.basemap import Basemap
from geo.popup import popup_html, tooltip_text

__all__ = [
    "CLUSTER_CELL_DEG",
    "LAYER_COLUMNS",
    "SUB_TYPE_COLORS",
    "basemap_collections",
    "event_style",
    "layer_collection",
    "route_decorations",
]

#: The columns :func:`layer_collection` reads (see :func:`geo.layers.split_layers`).
LAYER_COLUMNS = ("id", "event_type", "sub_event_type", "date", "fatalities", "props")
#: Cluster grid cell, degrees (about 5 km).
CLUSTER_CELL_DEG = 0.05
#: Fill colour per incident sub-type (unknown sub-types: grey).
SUB_TYPE_COLORS = {
    "shelling": "#e67e22",
    "airstrike": "#c0392b",
    "drone_strike": "#8e44ad",
    "car_bomb": "#d35400",
    "vbied": "#d35400",
    "ied": "#a04000",
    "clashes": "#b7950b",
    "attack": "#922b21",
    "shooting": "#7b241c",
    "killing": "#641e16",
    "kidnapping": "#1f618d",
    "ceasefire": "#27ae60",
}
_PATROL = {"reported": "#b03a2e", "planned": "#b03a2e"}
_ROUND = 5


def _round(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, _ROUND)
    if isinstance(obj, list | tuple):
        return [_round(o) for o in obj]
    return obj


def _geometry(geom: BaseGeometry) -> dict[str, Any]:
    kind = geom.geom_type
    if kind == "Point":
        return {"type": kind, "coordinates": [round(geom.x, _ROUND), round(geom.y, _ROUND)]}
    if kind == "LineString":  # numpy rounding: routes are most of the detailed payload
        coords = np.round(shapely.get_coordinates(geom), _ROUND).tolist()
        return {"type": kind, "coordinates": coords}
    g = mapping(geom)
    return {"type": g["type"], "coordinates": _round(g["coordinates"])}


def event_style(props: Mapping[str, Any], *, selected: bool = False) -> dict[str, Any]:
    """Return Leaflet path options for one event.

    Parameters
    ----------
    props : mapping
        The event's properties.
    selected : bool
        Draw it highlighted.

    Returns
    -------
    dict
        Patrols: a red line, dashed when planned. Posts: blue rings (grey when withdrawn).
        Incidents: filled circles coloured by sub-type, radius growing with fatalities,
        dashed outline when fatalities are not stated.
    """
    planned = props.get("status") == "planned"
    kind = props.get("event_type")
    sub = props.get("sub_event_type") or ""
    if kind == "patrol":
        style: dict[str, Any] = {"color": _PATROL["planned" if planned else "reported"]}
        style.update({"weight": 4, "opacity": 0.85})
    elif kind == "observation_post":
        grey = sub == "post_withdrawn"
        style = {
            "radius": 7,
            "color": "#ffffff",
            "weight": 3,
            "fillColor": "#7f8c8d" if grey else "#1f4e9c",
            "fillOpacity": 0.95,
        }
    else:
        fat = props.get("fatalities")
        radius = 5 + (min(2.5 * math.sqrt(fat), 15) if isinstance(fat, int) and fat > 0 else 0)
        style = {
            "radius": round(radius, 1),
            "color": "#222222",
            "weight": 1,
            "fillColor": SUB_TYPE_COLORS.get(sub, SUB_TYPE_COLORS.get(kind or "", "#7f7f7f")),
            "fillOpacity": 0.85,
        }
        if fat is None:
            style["dashArray"] = "3 2"
    if planned:
        style["dashArray"] = "8 6"
        style["fillOpacity"] = 0.35
    if selected:
        style.update({"color": "#f1c40f", "weight": 6})
    return style


def _arrow(tip: tuple[float, float], frm: tuple[float, float], size: float) -> Polygon | None:
    """Triangle pointing from ``frm`` to ``tip`` (lon/lat; x scaled by cos(lat))."""
    k = math.cos(math.radians(tip[1]))
    dx, dy = (tip[0] - frm[0]) * k, tip[1] - frm[1]
    norm = math.hypot(dx, dy)
    if norm == 0:
        return None
    ux, uy = dx / norm, dy / norm
    bx, by = tip[0] * k - size * ux, tip[1] - size * uy
    px, py = -uy * size * 0.5, ux * size * 0.5
    return Polygon([tip, ((bx + px) / k, by + py), ((bx - px) / k, by - py), tip])


def route_decorations(line: LineString, *, size: float = 0.018) -> list[BaseGeometry]:
    """Return direction marks for a route: arrowheads at its middle and at its end.

    Parameters
    ----------
    line : shapely.geometry.LineString
        The route, first point = start (lon, lat).
    size : float
        Arrow length in degrees of latitude (about 2 km).

    Returns
    -------
    list of shapely geometry
        Polygons (triangles); empty for a degenerate line.
    """
    out: list[BaseGeometry] = []
    if line.length == 0:
        return out
    coords = list(line.coords)
    end = _arrow(coords[-1], coords[-2], size)
    if end is not None:
        out.append(end)
    mid = line.interpolate(0.5, normalized=True)
    before = line.interpolate(max(0.0, 0.5 - 0.02), normalized=True)
    arrow = _arrow((mid.x, mid.y), (before.x, before.y), size * 0.8)
    if arrow is not None:
        out.append(arrow)
    return out


def _feature(geom: BaseGeometry, props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": _geometry(geom), "properties": props}


def _detail(frame: gpd.GeoDataFrame, key: str, selected_id: str | None) -> list[dict]:
    features = []
    for geom, props in zip(frame.geometry, frame["props"], strict=True):
        if geom is None or geom.is_empty:
            continue
        sel = props.get("id") == selected_id
        base = {
            "id": props.get("id"),
            "layer": key,
            "_s": event_style(props, selected=sel),
            "_p": popup_html(props),
            "_t": tooltip_text(props),
        }
        features.append(_feature(geom, {**base, "kind": "event"}))
        if key == "patrols" and isinstance(geom, LineString):
            # decorations carry no popup copy (payload); a click on them selects the
            # nearest event through the app
            deco = {"id": base["id"], "layer": key}
            start = shapely.Point(geom.coords[0])
            dot = {"radius": 5, "color": base["_s"]["color"], "weight": 2}
            dot.update({"fillColor": "#ffffff", "fillOpacity": 1, "interactive": False})
            features.append(_feature(start, {**deco, "kind": "start", "_s": dot}))
            fill = {"color": base["_s"]["color"], "weight": 1, "fillOpacity": 0.9}
            fill["fillColor"] = base["_s"]["color"]
            for arrow in route_decorations(geom):
                features.append(_feature(arrow, {**deco, "kind": "arrow", "_s": fill}))
    return features


def _cluster_popup(count: int, key: str, first: Any, last: Any, subs: str, fat: int) -> str:
    return (
        f'<div class="cm-popup"><b>{count} {escape(key)}</b><br>'
        f"{escape(str(first.date()))} – {escape(str(last.date()))}<br>"
        f"fatalities stated: {fat}<br>{escape(subs)}<br>"
        "<i>zoom the date range or filters to see single events</i></div>"
    )


def _groups(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group equal keys (hashing): (code of each row, group sizes, first row of each group)."""
    codes, uniques = pd.factorize(keys)
    k = len(uniques)
    first = np.empty(k, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]  # the last write is the first row
    return codes, np.bincount(codes, minlength=k), first


def _date_range(dates: np.ndarray, codes: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Earliest and latest date (datetime64[ns]) of each of ``k`` groups."""
    ns = dates.astype("datetime64[ns]").astype(np.int64)
    lo = np.full(k, np.iinfo(np.int64).max)
    hi = np.full(k, np.iinfo(np.int64).min)
    np.minimum.at(lo, codes, ns)
    np.maximum.at(hi, codes, ns)
    return lo.astype("datetime64[ns]"), hi.astype("datetime64[ns]")


def _clusters(frame: gpd.GeoDataFrame, key: str) -> list[dict]:
    geoms = frame.geometry.to_numpy()
    ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if not ok.any():
        return []
    arr = geoms[ok]
    x, y = shapely.get_x(arr), shapely.get_y(arr)  # NaN for non-points
    other = np.isnan(x)
    if other.any():
        pts = shapely.point_on_surface(arr[other])
        x[other], y[other] = shapely.get_x(pts), shapely.get_y(pts)
    # one int64 key per ~5 km grid cell (numpy grouping: no per-row Python)
    cx = np.floor(x / CLUSTER_CELL_DEG).astype(np.int64)
    cy = np.floor(y / CLUSTER_CELL_DEG).astype(np.int64)
    codes, counts, _ = _groups(cx * 100_000 + cy)
    k = len(counts)
    mx = np.bincount(codes, weights=x, minlength=k) / counts
    my = np.bincount(codes, weights=y, minlength=k) / counts
    fat_col = frame["fatalities"].to_numpy(dtype="float64", na_value=0.0)[ok]
    fat = np.bincount(codes, weights=fat_col, minlength=k).astype(np.int64)
    first, last = _date_range(frame["date"].to_numpy()[ok], codes, k)
    subs = frame["sub_event_type"].where(frame["sub_event_type"] != "", frame["event_type"])
    sub_codes, sub_names = pd.factorize(subs.astype(str).to_numpy()[ok])
    _, pair_counts, pair_first = _groups(codes * (len(sub_names) + 1) + sub_codes)
    sub_text: dict[int, list[tuple[int, str]]] = {}
    for row, n in zip(pair_first.tolist(), pair_counts.tolist(), strict=True):
        sub_text.setdefault(int(codes[row]), []).append((n, str(sub_names[sub_codes[row]])))
    fill = {"patrols": "#b03a2e", "posts": "#1f4e9c"}.get(key, "#e67e22")
    features = []
    for c in range(k):
        n = int(counts[c])
        style = {
            "radius": round(6 + 3 * math.log2(n), 1),
            "color": "#ffffff",
            "weight": 2,
            "fillColor": fill,
            "fillOpacity": 0.75,
        }
        top = sorted(sub_text.get(c, []), key=lambda t: (-t[0], t[1]))[:4]
        subs_line = ", ".join(f"{name} {m}" for m, name in top)
        popup = _cluster_popup(
            n, key, pd.Timestamp(first[c]), pd.Timestamp(last[c]), subs_line, int(fat[c])
        )
        props = {"layer": key, "kind": "cluster", "count": n, "_s": style, "_p": popup}
        props["_t"] = escape(f"{n} {key}")
        point = {"type": "Point", "coordinates": [round(mx[c], _ROUND), round(my[c], _ROUND)]}
        features.append({"type": "Feature", "geometry": point, "properties": props})
    return features


def _route_keys(geoms: np.ndarray) -> np.ndarray:
    """One key per line: its coordinates on a 0.001° grid (same key = same drawn route)."""
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    grid = np.round(coords * 1000).astype(np.int64)
    starts = np.searchsorted(index, np.arange(len(geoms)))
    flat = grid.ravel().tobytes()
    bounds = np.append(starts, len(index)) * 16  # two int64 per coordinate
    return np.array([flat[a:b] for a, b in itertools.pairwise(bounds)], dtype=object)


def _route_groups(frame: gpd.GeoDataFrame, limit: int) -> list[dict]:
    geoms = frame.geometry.to_numpy()
    ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    geoms = geoms[ok]
    if not len(geoms):
        return []
    codes, counts, first_row = _groups(_route_keys(geoms))
    lo, hi = _date_range(frame["date"].to_numpy()[ok], codes, len(counts))
    order = np.argsort(-counts, kind="stable")[:limit]
    text = "patrols on this route"
    features = []
    for code in order.tolist():
        n = int(counts[code])
        style = {"color": "#b03a2e", "weight": round(2 + 1.5 * math.log2(n), 1), "opacity": 0.7}
        popup = _cluster_popup(n, text, pd.Timestamp(lo[code]), pd.Timestamp(hi[code]), "", 0)
        props = {"layer": "patrols", "kind": "route_group", "count": n, "_s": style}
        props.update({"_p": popup, "_t": escape(f"{n} {text}")})
        features.append(_feature(geoms[first_row[code]], props))
    return features


def layer_collection(
    frame: gpd.GeoDataFrame, key: str, *, detail_limit: int, selected_id: str | None = None
) -> tuple[dict[str, Any], str]:
    """Return the styled FeatureCollection of one event layer and its mode.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        The layer's rows (from :func:`geo.layers.split_layers`).
    key : str
        ``patrols``, ``posts`` or ``incidents``.
    detail_limit : int
        More rows than this → aggregated.
    selected_id : str, optional
        Highlighted event (also drawn in detail when the layer is aggregated).

    Returns
    -------
    (dict, str)
        The collection and ``"detail"`` or ``"clustered"``.
    """
    if len(frame) <= detail_limit:
        return {"type": "FeatureCollection", "features": _detail(frame, key, selected_id)}, (
            "detail"
        )
    features = _route_groups(frame, detail_limit) if key == "patrols" else _clusters(frame, key)
    if selected_id is not None:
        features += _detail(frame[frame["id"] == selected_id], key, selected_id)
    return {"type": "FeatureCollection", "features": features}, "clustered"


def basemap_collections(basemap: Basemap) -> dict[str, dict[str, Any]]:
    """Return styled collections for the basemap: countries, governorates, roads, towns.

    The ``regions`` collection holds the governorate outlines (dashed, when available)
    and their labels.

    Parameters
    ----------
    basemap : Basemap

    Returns
    -------
    dict of str to dict
        Keys ``countries``, ``regions``, ``roads``, ``towns``.
    """

    def label(ar: str, en: str) -> str:
        return escape(" · ".join(n for n in (ar, en) if n))

    countries = []
    for row in basemap.countries.itertuples():
        syria = row.iso_a2 == "SY"
        style = {
            "color": "#555555" if syria else "#8a8a8a",
            "weight": 1.6 if syria else 1,
            "fillColor": "#f6f1e4" if syria else "#e9e9e4",
            "fillOpacity": 1,
            "interactive": False,
        }
        countries.append(_feature(row.geometry, {"_s": style}))
    outline = {"color": "#8c7b62", "weight": 1.2, "dashArray": "5 4", "fill": False}
    outline["interactive"] = False
    regions = [_feature(geom, {"_s": outline}) for geom in basemap.governorates.geometry]
    regions += [
        _feature(
            row.geometry,
            {
                "_s": {"radius": 0, "opacity": 0, "fillOpacity": 0, "interactive": False},
                "_l": label(row.name_ar, row.name_en),
            },
        )
        for row in basemap.regions.itertuples()
    ]
    roads = [
        _feature(
            row.geometry,
            {
                "_s": {"color": "#d4a017", "weight": 3, "opacity": 0.9},
                "_t": label(row.name_ar, row.name_en),
            },
        )
        for row in basemap.roads.itertuples()
    ]
    towns = []
    for row in basemap.towns.itertuples():
        props: dict[str, Any] = {
            "_s": {"radius": 3, "color": "#444444", "weight": 1, "fillColor": "#ffffff"},
        }
        props["_s"]["fillOpacity"] = 1
        props["_l" if row.label else "_t"] = label(row.name_ar, row.name_en)
        towns.append(_feature(row.geometry, props))
    return {
        name: {"type": "FeatureCollection", "features": feats}
        for name, feats in (
            ("countries", countries),
            ("regions", regions),
            ("roads", roads),
            ("towns", towns),
        )
    }
