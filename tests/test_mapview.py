"""geo.mapview / geo.symbols / geo.popup: the folium map, asserted on to_dict() and HTML."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from shapely.geometry import LineString, Point

from events.model import Event, EventPlace
from geo.basemap import Basemap, places_layers
from geo.layers import events_frame, split_layers
from geo.mapview import (
    CanvasGeoJson,
    MapOptions,
    bounds_latlon,
    build_map,
    event_groups,
    lonlat_from_leaflet,
    to_latlon,
)
from geo.popup import popup_html, tooltip_text
from geo.symbols import event_style, layer_collection, route_decorations

XSS = ("<script>alert(1)</script>", '"onmouseover=alert(2) x="', "<img src=x onerror=alert(3)>")


def _empty_basemap() -> Basemap:
    towns, regions, roads = places_layers([])
    import geopandas as gpd

    countries = gpd.GeoDataFrame(
        {"iso_a2": [], "name_en": [], "name_ar": []}, geometry=[], crs="EPSG:4326"
    )
    return Basemap(countries=countries, towns=towns, regions=regions, roads=roads, credits=())


def test_the_one_coordinate_swap():
    assert to_latlon((36.8, 35.86)) == [35.86, 36.8]
    assert bounds_latlon((35.0, 34.0, 37.0, 36.0)) == [[34.0, 35.0], [36.0, 37.0]]
    assert lonlat_from_leaflet({"lat": 35.86, "lng": 36.8}) == (36.8, 35.86)


def _walk(node):
    yield node
    for child in node.get("children", {}).values():
        yield from _walk(child)


def test_one_geojson_layer_per_event_layer(sample_events):
    m = build_map(split_layers(events_frame(sample_events)), _empty_basemap())
    nodes = list(_walk(m.to_dict()))
    canvas = [n for n in nodes if n["name"] == "CanvasGeoJson"]
    # 4 basemap layers + 3 event layers, whatever the number of events
    assert len(canvas) == 7
    assert not any(n["name"] in ("Marker", "CircleMarker", "PolyLine") for n in nodes)
    assert m.options["prefer_canvas"] is True


def test_patrol_layer_has_route_start_and_arrows(sample_events):
    frame = events_frame(sample_events)
    coll, mode = layer_collection(split_layers(frame)["patrols"], "patrols", detail_limit=100)
    assert mode == "detail"
    kinds = [f["properties"]["kind"] for f in coll["features"]]
    assert (kinds.count("event"), kinds.count("start"), kinds.count("arrow")) == (3, 3, 6)
    route = next(f for f in coll["features"] if f["properties"]["kind"] == "event")
    assert route["geometry"]["type"] == "LineString"
    assert 35 < route["geometry"]["coordinates"][0][0] < 38  # lon first


def test_arrow_points_along_the_route():
    line = LineString([(36.3, 35.8), (36.8, 35.86)])  # west → east
    end_arrow = route_decorations(line)[0]
    tip = max(end_arrow.exterior.coords, key=lambda c: c[0])
    assert tip == pytest.approx((36.8, 35.86))
    assert end_arrow.centroid.x < 36.8  # the body trails behind the tip


def test_incident_symbols_by_subtype_and_fatalities():
    a = event_style({"event_type": "incident", "sub_event_type": "car_bomb", "fatalities": 4})
    b = event_style({"event_type": "incident", "sub_event_type": "airstrike", "fatalities": 30})
    c = event_style({"event_type": "incident", "sub_event_type": "airstrike", "fatalities": None})
    assert a["fillColor"] != b["fillColor"]
    assert b["radius"] > a["radius"] > c["radius"] - 1
    assert "dashArray" in c
    planned = event_style({"event_type": "patrol", "status": "planned"})
    assert planned["dashArray"]


def _xss_event(base: Event) -> Event:
    fields = {f: getattr(base, f) for f in base.__slots__ if f != "extra"}
    fields.update(
        evidence=XSS[0] + " قصف " + XSS[1],
        source=XSS[2],
        actors=(XSS[1],),
        places=(EventPlace(name_ar=XSS[0], name_en=XSS[1], place_id="x"),),
        url="javascript:alert(4)",
        sub_event_type="shelling",
    )
    return Event(**fields)


def test_popup_escapes_everything(sample_events):
    props = _xss_event(sample_events[1]).properties()
    html = popup_html(props)
    assert "<script" not in html
    assert "<img" not in html
    assert '"onmouseover' not in html
    assert "javascript:" not in html  # only http(s) links are kept
    assert 'dir="rtl"' in html
    assert "قصف" in html
    assert "&lt;script&gt;" in html
    assert "<" not in tooltip_text(props).replace("&lt;", "")


def _payloads(html: str) -> list:
    import base64

    return [
        json.loads(base64.b64decode(b).decode("utf-8"))
        for b in re.findall(r'atob\("([A-Za-z0-9+/=]*)"\)', html)
    ]


def test_rendered_map_carries_no_injection(sample_events):
    frame = events_frame([_xss_event(sample_events[1])])
    html = build_map(split_layers(frame), _empty_basemap()).get_root().render()
    assert "alert(" not in html  # the data travels base64-encoded, never as markup
    popups = [f["properties"].get("_p", "") for p in _payloads(html) for f in p["features"]]
    joined = "".join(popups)
    assert "&lt;script&gt;" in joined
    assert "<script" not in joined
    assert "<img" not in joined


def test_popup_shows_places_both_languages_and_precision(sample_events):
    route = next(e for e in sample_events if e.date == dt.date(2020, 8, 17))
    html = popup_html(route.properties())
    for text in ("عين الحور", "Ain al-Hour", "سراقب", "Saraqib", "exact day", "شبكة شام"):
        assert text in html


def _many(n: int, base: Event, *, patrol: bool = False) -> list[Event]:
    out = []
    fields = {f: getattr(base, f) for f in base.__slots__ if f != "extra"}
    for i in range(n):
        lon, lat = 36.0 + (i % 50) * 0.02, 35.0 + (i // 50 % 20) * 0.02
        geom = LineString([(lon, lat), (lon + 0.1, lat)]) if patrol else Point(lon, lat)
        out.append(Event(**{**fields, "id": f"e{i}", "geometry": geom}))
    return out


def test_clusters_past_the_threshold(sample_events):
    incident = sample_events[1]
    frame = events_frame(_many(600, incident))
    coll, mode = layer_collection(frame, "incidents", detail_limit=500)
    assert mode == "clustered"
    counts = [f["properties"]["count"] for f in coll["features"]]
    assert sum(counts) == 600
    assert len(counts) < 600
    assert all("_p" in f["properties"] for f in coll["features"])
    groups = event_groups({"incidents": frame}, options=MapOptions(detail_limit=500))
    assert "clustered" in groups[0].layer_name


def test_routes_group_past_the_threshold(sample_events):
    patrol = sample_events[3]
    frame = events_frame(_many(300, patrol, patrol=True) * 2)
    coll, mode = layer_collection(frame, "patrols", detail_limit=100)
    assert mode == "clustered"
    assert len(coll["features"]) == 100
    assert all(f["properties"]["count"] >= 2 for f in coll["features"])


def test_selected_event_is_highlighted(sample_events):
    frame = events_frame(sample_events)
    target = sample_events[5].id  # the observation post
    coll, _ = layer_collection(
        split_layers(frame)["posts"], "posts", detail_limit=10, selected_id=target
    )
    assert coll["features"][0]["properties"]["_s"]["color"] == "#f1c40f"


def test_canvas_layer_payload_round_trips():
    import folium

    data = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": None,
            "properties": {"_t": "سراقب </script><script>alert(1)</script>"}}]}  # fmt: skip
    m = folium.Map(tiles=None)
    CanvasGeoJson(data, name="x", layer_key="k").add_to(m)
    html = m.get_root().render()
    assert "</script><script>alert" not in html
    assert _payloads(html) == [data]


def test_cluster_contents(sample_events):
    base = sample_events[1]
    fields = {f: getattr(base, f) for f in base.__slots__ if f != "extra"}
    rows = [  # (lon, lat, date, sub-type, fatalities); two ~5 km cells
        (36.001, 35.001, dt.date(2020, 1, 5), "shelling", 2),
        (36.002, 35.002, dt.date(2020, 1, 1), "shelling", None),
        (36.003, 35.004, dt.date(2020, 2, 9), "airstrike", 5),
        (36.401, 35.301, dt.date(2020, 3, 3), "", 1),
    ]
    events = [
        Event(
            **{
                **fields,
                "id": f"c{i}",
                "geometry": Point(lon, lat),
                "date": day,
                "date_end": None,
                "sub_event_type": sub or None,
                "fatalities": fat,
            }
        )
        for i, (lon, lat, day, sub, fat) in enumerate(rows)
    ]
    coll, mode = layer_collection(events_frame(events), "incidents", detail_limit=1)
    assert mode == "clustered"
    by_count = {f["properties"]["count"]: f for f in coll["features"]}
    assert sorted(by_count) == [1, 3]
    big = by_count[3]
    lon, lat = big["geometry"]["coordinates"]
    assert lon == pytest.approx(36.002)
    assert lat == pytest.approx(35.00233, abs=1e-5)
    popup = big["properties"]["_p"]
    assert "2020-01-01 – 2020-02-09" in popup
    assert "fatalities stated: 7" in popup
    assert "shelling 2, airstrike 1" in popup
    assert f"{base.event_type} 1" in by_count[1]["properties"]["_p"]


def test_route_groups_count_identical_routes(sample_events):
    patrol = sample_events[3]
    fields = {f: getattr(patrol, f) for f in patrol.__slots__ if f != "extra"}
    a = LineString([(36.0, 35.0), (36.5, 35.2)])
    b = LineString([(36.0, 35.0), (36.5, 35.2), (36.9, 35.3)])  # same start, one more stop
    c = LineString([(36.0001, 35.0001), (36.5001, 35.2001)])  # a within 0.001°
    geoms = [a, a, c, b, a.reverse()]
    events = [
        Event(**{**fields, "id": f"r{i}", "geometry": g, "date": dt.date(2020, 1, 1 + i)})
        for i, g in enumerate(geoms)
    ]
    coll, _ = layer_collection(events_frame(events), "patrols", detail_limit=1)
    counts = [f["properties"]["count"] for f in coll["features"]]
    assert counts == [3]  # the limit keeps the largest group
    coll, _ = layer_collection(events_frame(events * 2), "patrols", detail_limit=5)
    assert sorted(f["properties"]["count"] for f in coll["features"]) == [2, 2, 6]
    assert "2020-01-01 – 2020-01-03" in coll["features"][0]["properties"]["_p"]
