"""Leaflet's JS/CSS from an installed registry package, inlined so the map works offline.

folium links Leaflet, jQuery, Bootstrap, awesome-markers and Font Awesome from public CDNs;
offline the map then stays blank. The map built here needs Leaflet only (event symbols are
canvas circle markers and GeoJSON, no icon fonts), so every default link is replaced by a
``data:`` URI made from the files of the PyPI package ``xstatic-leaflet`` (installed with the
other requirements; nothing third-party is committed to this repository). ``data:`` URIs work
both in a standalone HTML file and in streamlit-folium, which loads a map's ``default_js`` /
``default_css`` entries as ``<script src>`` / ``<link href>`` inside its iframe.
"""

from __future__ import annotations

import base64
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import folium

__all__ = [
    "LEAFLET_VERSION",
    "OfflineAssets",
    "external_links",
    "leaflet_dir",
    "make_offline",
    "offline_assets",
]

#: Leaflet version the folium in requirements.txt expects (folium 0.20 pins 1.9.3).
LEAFLET_VERSION = "1.9.3"

_URL_IN_CSS = re.compile(r"url\((images/[A-Za-z0-9_.-]+\.png)\)")
_ASSET_ATTR = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(https?://[^"'\s>]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class OfflineAssets:
    """Leaflet's script and stylesheet as ``data:`` URIs.

    Parameters
    ----------
    js : tuple of (str, str)
        ``(name, data_uri)`` pairs in folium's ``default_js`` format.
    css : tuple of (str, str)
        ``(name, data_uri)`` pairs in folium's ``default_css`` format.
    """

    js: tuple[tuple[str, str], ...]
    css: tuple[tuple[str, str], ...]


def leaflet_dir() -> Path:
    """Return the folder holding ``leaflet.js`` and ``leaflet.css`` from ``xstatic-leaflet``.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    RuntimeError
        If the package is missing or ships another Leaflet version than folium expects.
    """
    try:
        from xstatic.pkg import leaflet as xleaflet
    except ImportError as exc:  # pragma: no cover - install problem, message says the fix
        raise RuntimeError(
            "the offline map needs the package xstatic-leaflet: pip install -r requirements.txt"
        ) from exc
    if xleaflet.VERSION != LEAFLET_VERSION:
        raise RuntimeError(
            f"xstatic-leaflet ships Leaflet {xleaflet.VERSION}, the map expects "
            f"{LEAFLET_VERSION}: pip install -r requirements.txt"
        )
    return Path(xleaflet.BASE_DIR)


def _data_uri(mime: str, payload: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"


@functools.cache
def offline_assets() -> OfflineAssets:
    """Return Leaflet's JS and CSS (with its images inlined) as ``data:`` URIs.

    Returns
    -------
    OfflineAssets
        Cached after the first call (about 220 kB of text).
    """
    base = leaflet_dir()
    css_text = (base / "leaflet.css").read_text(encoding="utf-8")

    def inline_image(match: re.Match[str]) -> str:
        png = (base / match.group(1)).read_bytes()
        return f"url({_data_uri('image/png', png)})"

    css_text = _URL_IN_CSS.sub(inline_image, css_text)
    js = _data_uri("text/javascript", (base / "leaflet.js").read_bytes())
    css = _data_uri("text/css", css_text.encode("utf-8"))
    return OfflineAssets(js=(("leaflet", js),), css=(("leaflet_css", css),))


def make_offline(m: folium.Map) -> folium.Map:
    """Replace every CDN link of ``m`` by the inlined Leaflet assets, in place.

    Parameters
    ----------
    m : folium.Map

    Returns
    -------
    folium.Map
        The same map, for chaining.
    """
    assets = offline_assets()
    m.default_js = list(assets.js)
    m.default_css = list(assets.css)
    return m


def external_links(html: str) -> list[str]:
    """Return every ``http(s)://`` URL used as a ``src`` or ``href`` attribute in ``html``.

    Parameters
    ----------
    html : str
        A rendered page or map.

    Returns
    -------
    list of str
        Empty for a map that needs no network.
    """
    return _ASSET_ATTR.findall(html)
