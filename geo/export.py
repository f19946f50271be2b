"""Downloads: GeoJSON (RFC 7946) and CSV of the filtered layers.

GeoJSON: a FeatureCollection in WGS 84 (lon, lat; no ``crs`` member), polygons wound
counter-clockwise (right-hand rule), coordinates rounded to 6 decimals (~0.1 m, as RFC 7946
§11.2 suggests), a ``bbox``, and each feature's properties exactly as ``design.md`` lists
them (``Event.properties()``), with the event id repeated as the Feature ``id``.
"""

from __future__ import annotations

import io
import json
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

__all__ = ["CSV_COLUMNS", "to_csv", "to_feature_collection", "to_geojson_bytes"]

#: Columns of the CSV download, in order.
CSV_COLUMNS = (
    "id",
    "event_type",
    "sub_event_type",
    "status",
    "date",
    "date_end",
    "date_precision",
    "geo_precision",
    "places_ar",
    "places_en",
    "actors",
    "fatalities",
    "source",
    "cited",
    "url",
    "published",
    "article",
    "lon",
    "lat",
    "geometry_wkt",
    "evidence",
)


def _round(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, 6)
    if isinstance(obj, list | tuple):
        return [_round(o) for o in obj]
    return obj


def _geometry(geom: BaseGeometry | None) -> dict[str, Any] | None:
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type == "Polygon":
        geom = orient(geom, sign=1.0)
    elif geom.geom_type == "MultiPolygon":
        geom = shapely.MultiPolygon([orient(p, sign=1.0) for p in geom.geoms])
    g = mapping(geom)
    return {"type": g["type"], "coordinates": _round(g["coordinates"])}


def to_feature_collection(frame: gpd.GeoDataFrame) -> dict[str, Any]:
    """Return the rows of a layer frame as an RFC 7946 FeatureCollection.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        From :func:`geo.layers.events_frame` (possibly filtered).

    Returns
    -------
    dict
        ``{"type": "FeatureCollection", "bbox": [...], "features": [...]}``; no ``bbox``
        when nothing has a geometry.
    """
    features = []
    for geom, props in zip(frame.geometry, frame["props"], strict=True):
        features.append(
            {
                "type": "Feature",
                "id": props["id"],
                "geometry": _geometry(geom),
                "properties": dict(props),
            }
        )
    out: dict[str, Any] = {"type": "FeatureCollection"}
    present = frame.geometry[~(frame.geometry.isna() | frame.geometry.is_empty)]
    if len(present):
        out["bbox"] = [round(float(v), 6) for v in present.total_bounds]
    out["features"] = features
    return out


def to_geojson_bytes(frame: gpd.GeoDataFrame) -> bytes:
    """Return :func:`to_feature_collection` serialised as UTF-8 JSON (Arabic kept as is).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame

    Returns
    -------
    bytes
    """
    return json.dumps(to_feature_collection(frame), ensure_ascii=False).encode("utf-8")


def to_csv(frame: gpd.GeoDataFrame) -> bytes:
    """Return one CSV row per event (UTF-8 with BOM so spreadsheets read the Arabic).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame

    Returns
    -------
    bytes
        Columns :data:`CSV_COLUMNS`; ``lon``/``lat`` is a point on the geometry (a route's
        is on the line), ``geometry_wkt`` the full geometry.
    """
    rows = []
    for geom, props in zip(frame.geometry, frame["props"], strict=True):
        has_geom = geom is not None and not geom.is_empty
        point = geom.representative_point() if has_geom else None
        places = props.get("places") or []
        actors = props.get("actors")
        rows.append(
            {
                **{k: props.get(k) for k in CSV_COLUMNS if k in props},
                "places_ar": "; ".join(p.get("name_ar", "") for p in places),
                "places_en": "; ".join(p.get("name_en", "") for p in places),
                "actors": "; ".join(actors) if actors else None,
                "cited": "; ".join(props.get("cited") or []),
                "lon": round(point.x, 6) if point is not None else None,
                "lat": round(point.y, 6) if point is not None else None,
                "geometry_wkt": shapely.to_wkt(geom, rounding_precision=6) if has_geom else None,
            }
        )
    table = pd.DataFrame(rows, columns=list(CSV_COLUMNS))
    buf = io.StringIO()
    table.to_csv(buf, index=False)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
