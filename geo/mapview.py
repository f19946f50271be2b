"""The folium map: offline basemap, roads, and one canvas GeoJSON layer per event layer.

Coordinates stay (lon, lat) GeoJSON everywhere; :func:`to_latlon` is the ONE place where a
(lon, lat) pair becomes folium's (lat, lon) (map centre, bounds). Event layers are a single
``L.geoJSON`` each, drawn on canvas, styled from per-feature ``_s`` options, with escaped
popups (``_p``) and tooltips (``_t``): never one Python folium object per event. Past
``detail_limit`` features a layer is aggregated (see :mod:`geo.symbols`).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
from branca.element import Element
from folium.map import ElementAddToElement
from folium.template import Template

from geo.assets import make_offline
from geo.basemap import VIEW_BBOX, Basemap
from geo.layers import LAYERS
from geo.symbols import LAYER_COLUMNS, basemap_collections, layer_collection

__all__ = [
    "LAYER_COLUMNS",
    "LAYER_TITLES",
    "CanvasGeoJson",
    "MapOptions",
    "base_map",
    "bounds_latlon",
    "build_map",
    "event_groups",
    "lonlat_from_leaflet",
    "script_payload",
    "to_latlon",
]

#: Names shown in the layer control.
LAYER_TITLES = {
    "patrols": "Patrol routes",
    "posts": "Observation posts",
    "incidents": "Incidents",
}
_CSS = """
<style>
.leaflet-container { background: #cfdde6; font-family: system-ui, sans-serif; }
.leaflet-tooltip.cm-label { background: transparent; border: none; box-shadow: none;
  font-size: 11px; color: #333; text-shadow: 0 0 2px #fff, 0 0 2px #fff; padding: 0; }
.leaflet-tooltip.cm-label::before { display: none; }
.cm-popup { max-width: 360px; font-size: 12px; }
.cm-popup table { border-collapse: collapse; margin: 4px 0; }
.cm-popup th { text-align: left; padding-right: 6px; vertical-align: top; color: #555; }
.cm-popup ul { margin: 0; padding-left: 16px; }
.cm-evidence { direction: rtl; text-align: right; margin: 4px 0; padding: 4px 8px;
  border-right: 3px solid #b33; background: #faf6f0; font-size: 13px; }
</style>
"""


def script_payload(data: Any) -> str:
    """Serialise ``data`` for a ``<script>`` block: UTF-8 JSON, then base64.

    base64 cannot close a ``<script>`` or open a Jinja tag (folium re-parses every rendered
    script as a template: megabytes of JSON full of ``{`` make that slow), and it keeps
    Arabic at ~2.7 bytes a letter instead of 6 for JSON unicode escapes.

    Parameters
    ----------
    data : Any
        JSON-serialisable.

    Returns
    -------
    str
        ASCII; decoded in the page by ``JSON.parse(TextDecoder(atob(...)))``.
    """
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(raw).decode("ascii")


def to_latlon(point: Sequence[float]) -> list[float]:
    """Convert one (lon, lat) pair to folium's [lat, lon] — the only such conversion.

    Parameters
    ----------
    point : sequence of float
        (lon, lat) in EPSG:4326.

    Returns
    -------
    list of float
        [lat, lon].
    """
    lon, lat = point[0], point[1]
    return [float(lat), float(lon)]


def lonlat_from_leaflet(latlng: Mapping[str, float]) -> tuple[float, float]:
    """Read a Leaflet ``{"lat": .., "lng": ..}`` object (a click) back as (lon, lat).

    Parameters
    ----------
    latlng : mapping
        As returned by streamlit-folium.

    Returns
    -------
    tuple of float
        (lon, lat).
    """
    return (float(latlng["lng"]), float(latlng["lat"]))


def bounds_latlon(bbox: Sequence[float]) -> list[list[float]]:
    """Convert (min lon, min lat, max lon, max lat) to folium's [[south, west], [north, east]].

    Parameters
    ----------
    bbox : sequence of float

    Returns
    -------
    list of list of float
    """
    return [to_latlon((bbox[0], bbox[1])), to_latlon((bbox[2], bbox[3]))]


class _RawScript(Element):
    """Script text placed in the page as it is.

    branca wraps every rendered macro in a new ``Element``, which compiles the text as a
    Jinja template: for a layer holding a megabyte of data that costs more than building
    it. This element is never compiled (no template string) and renders to its text.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class CanvasGeoJson(folium.map.Layer):
    """One ``L.geoJSON`` layer styled by its features' ``_s``/``_p``/``_t``/``_l`` properties.

    Written here because folium's ``GeoJson`` calls a Python style function per feature and
    builds popups with unescaped field values; this layer takes a prepared collection.

    Parameters
    ----------
    data : dict
        A GeoJSON FeatureCollection (lon, lat).
    name : str
        Name in the layer control.
    layer_key : str
        Stable key exposed as ``options.cmLayer`` (used by tests and the browser).
    show : bool
    interactive : bool
        False for pure background (outlines, labels): clicks pass through.
    payload : str, optional
        ``script_payload(data)`` when the caller already has it (the fixed basemap).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON(JSON.parse(new TextDecoder().decode(
            Uint8Array.from(atob("{{ this.payload }}"), function (c) { return c.charCodeAt(0); })
        )), {
            cmLayer: {{ this.layer_key|tojson }},
            interactive: {{ this.interactive|tojson }},
            pointToLayer: function (f, latlng) {
                return L.circleMarker(latlng, f.properties._s || {});
            },
            style: function (f) { return f.properties._s || {}; },
            onEachFeature: function (f, layer) {
                var p = f.properties || {};
                if (p._p) { layer.bindPopup(p._p, {maxWidth: 380}); }
                if (p._l) {
                    layer.bindTooltip(p._l, {permanent: true, direction: "right",
                                             className: "cm-label", offset: [4, 0]});
                } else if (p._t) {
                    layer.bindTooltip(p._t, {sticky: true});
                }
            }
        });
        {% endmacro %}
        """
    )

    def __init__(
        self,
        data: Mapping[str, Any],
        *,
        name: str,
        layer_key: str,
        show: bool = True,
        interactive: bool = True,
        payload: str | None = None,
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "CanvasGeoJson"
        self.data = data
        self.payload = script_payload(data) if payload is None else payload
        self.layer_key = layer_key
        self.interactive = interactive

    def render(self, **kwargs: Any) -> None:
        """Render like ``folium.map.Layer`` does, without re-parsing the script.

        Same order as folium 0.20's ``Layer.render`` → ``MacroElement.render``: the
        "add to the parent" child, then this layer's script, then the children's.
        """
        figure = self.get_root()
        if self.show:
            self.add_child(
                ElementAddToElement(
                    element_name=self.get_name(), element_parent_name=self._parent.get_name()
                ),
                name=self.get_name() + "_add",
            )
        script = self._template.module.__dict__["script"](self, kwargs)
        figure.script.add_child(_RawScript(script), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


@dataclass(frozen=True)
class MapOptions:
    """How the map is drawn.

    Parameters
    ----------
    detail_limit : int
        Past this many features a layer is aggregated into clusters.
    online_tiles : bool
        Add OpenStreetMap tiles as an extra base layer (needs internet; off by default).
    bbox : tuple of float
        Initial view (min lon, min lat, max lon, max lat).
    """

    detail_limit: int = 1000
    online_tiles: bool = False
    bbox: tuple[float, float, float, float] = (35.6, 35.2, 37.4, 36.4)


_BASE_PAYLOADS: dict[int, tuple[Basemap, dict[str, Any], dict[str, str]]] = {}


def _basemap_payloads(basemap: Basemap) -> tuple[dict[str, Any], dict[str, str]]:
    """Styled collections and their script payloads, made once per basemap object.

    The basemap is fixed for the app's life while the map is rebuilt on every rerun; the
    cache holds the basemap itself so its ``id`` cannot be reused.
    """
    hit = _BASE_PAYLOADS.get(id(basemap))
    if hit is None or hit[0] is not basemap:
        cols = basemap_collections(basemap)
        hit = (basemap, cols, {k: script_payload(v) for k, v in cols.items()})
        if len(_BASE_PAYLOADS) >= 4:
            _BASE_PAYLOADS.clear()
        _BASE_PAYLOADS[id(basemap)] = hit
    return hit[1], hit[2]


def base_map(basemap: Basemap, *, options: MapOptions | None = None) -> folium.Map:
    """Return the fixed part of the map: outlines, governorate labels, towns, roads.

    Parameters
    ----------
    basemap : Basemap
    options : MapOptions, optional

    Returns
    -------
    folium.Map
        No CDN links (see :func:`geo.assets.make_offline`), ``tiles=None`` unless
        ``options.online_tiles``.
    """
    options = options or MapOptions()
    (s, w), (n, e) = bounds_latlon(options.bbox)
    m = folium.Map(
        location=[(s + n) / 2, (w + e) / 2],
        zoom_start=9,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
        min_zoom=5,
        max_bounds=True,
        min_lat=VIEW_BBOX[1] - 2,
        max_lat=VIEW_BBOX[3] + 2,
        min_lon=VIEW_BBOX[0] - 2,
        max_lon=VIEW_BBOX[2] + 2,
    )
    make_offline(m)
    m.get_root().header.add_child(folium.Element(_CSS), name="cm_css")
    if options.online_tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)").add_to(m)
    cols, payloads = _basemap_payloads(basemap)
    for key, title in (
        ("countries", "Countries (Natural Earth)"),
        ("regions", "Governorates"),
        ("roads", "Roads (M4, M5)"),
        ("towns", "Towns"),
    ):
        interactive = key in ("roads", "towns")
        CanvasGeoJson(
            cols[key],
            name=title,
            layer_key=key,
            interactive=interactive,
            payload=payloads[key],
        ).add_to(m)
    m.fit_bounds(bounds_latlon(options.bbox))
    return m


def event_groups(
    layers: Mapping[str, gpd.GeoDataFrame],
    *,
    options: MapOptions | None = None,
    selected_id: str | None = None,
) -> list[folium.FeatureGroup]:
    """Return one feature group per event layer, each holding one canvas GeoJSON layer.

    Parameters
    ----------
    layers : mapping of str to GeoDataFrame
        From :func:`geo.layers.split_layers`.
    options : MapOptions, optional
    selected_id : str, optional
        Event drawn highlighted (the table's selection).

    Returns
    -------
    list of folium.FeatureGroup
        In :data:`geo.layers.LAYERS` order; the names say ``(clustered)`` when aggregated.
    """
    options = options or MapOptions()
    groups = []
    for key in LAYERS:
        frame = layers.get(key)
        if frame is None:
            continue
        collection, mode = layer_collection(
            frame, key, detail_limit=options.detail_limit, selected_id=selected_id
        )
        title = LAYER_TITLES[key] + (" (clustered)" if mode == "clustered" else "")
        title += f" — {len(frame)}"
        group = folium.FeatureGroup(name=title, overlay=True, show=True)
        CanvasGeoJson(collection, name=title, layer_key=key).add_to(group)
        groups.append(group)
    return groups


def build_map(
    layers: Mapping[str, gpd.GeoDataFrame],
    basemap: Basemap,
    *,
    options: MapOptions | None = None,
    selected_id: str | None = None,
) -> folium.Map:
    """Return a complete standalone map: the base map, the event layers and a layer control.

    Parameters
    ----------
    layers : mapping of str to GeoDataFrame
    basemap : Basemap
    options : MapOptions, optional
    selected_id : str, optional

    Returns
    -------
    folium.Map
    """
    m = base_map(basemap, options=options)
    for group in event_groups(layers, options=options, selected_id=selected_id):
        group.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    return m
