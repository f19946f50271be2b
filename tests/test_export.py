"""geo.export: RFC 7946 GeoJSON and CSV of the filtered layers."""

from __future__ import annotations

import csv
import io
import json

import pytest
from shapely.geometry import Polygon, shape

from events.model import Event
from geo.export import CSV_COLUMNS, to_csv, to_feature_collection, to_geojson_bytes
from geo.layers import events_frame

DESIGN_KEYS = {
    "id", "event_type", "sub_event_type", "status", "date", "date_end", "date_precision",
    "geo_precision", "places", "actors", "fatalities", "source", "cited", "url",
    "published", "article", "evidence",
}  # fmt: skip


@pytest.fixture(scope="module")
def frame(sample_events):
    return events_frame(sample_events)


def test_feature_collection_is_rfc7946(frame):
    coll = json.loads(to_geojson_bytes(frame))
    assert coll["type"] == "FeatureCollection"
    assert "crs" not in coll
    minx, miny, maxx, maxy = coll["bbox"]
    assert 35 < minx < maxx < 42
    assert 34 < miny < maxy < 38
    for feat in coll["features"]:
        assert feat["type"] == "Feature"
        assert feat["id"] == feat["properties"]["id"]
        assert set(feat["properties"]) >= DESIGN_KEYS
        geom = shape(feat["geometry"])
        assert geom.is_valid
        lon, lat = geom.representative_point().coords[0]
        assert 35 < lon < 42
        assert 34 < lat < 38  # lon first, Syria
        flat = json.dumps(feat["geometry"]["coordinates"])
        assert all(
            len(n.split(".")[-1]) <= 6 for n in flat.replace("[", "").replace("]", "").split(",")
        )


def test_arabic_is_kept_verbatim(frame):
    text = to_geojson_bytes(frame).decode("utf-8")
    assert "شبكة شام" in text
    assert "\\u" not in text


def test_empty_selection_is_a_valid_empty_collection(frame):
    assert to_feature_collection(frame.iloc[:0]) == {"type": "FeatureCollection", "features": []}


def test_polygons_follow_right_hand_rule(sample_events):
    clockwise = Polygon([(36.0, 35.0), (36.0, 35.1), (36.1, 35.1), (36.1, 35.0)])
    assert not clockwise.exterior.is_ccw
    ev = Event(
        **{
            **{f: getattr(sample_events[1], f) for f in sample_events[1].__slots__ if f != "extra"},
            "geometry": clockwise,
        }
    )
    coll = to_feature_collection(events_frame([ev]))
    ring = coll["features"][0]["geometry"]["coordinates"][0]
    assert Polygon(ring).exterior.is_ccw


def test_event_without_geometry_has_null_geometry(sample_events):
    src = sample_events[1]
    ev = Event(**{**{f: getattr(src, f) for f in src.__slots__ if f != "extra"}, "geometry": None})
    coll = to_feature_collection(events_frame([ev]))
    assert coll["features"][0]["geometry"] is None
    assert "bbox" not in coll


def test_csv_rows_and_columns(frame):
    data = to_csv(frame)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(frame)
    route = next(r for r in rows if "عين الحور" in r["places_ar"])
    assert route["geometry_wkt"].startswith("LINESTRING")
    assert route["places_en"].startswith("Ain al-Hour")
    assert float(route["lon"]) > 36
