"""Roads as lines: a road place's polyline, distances in kilometres, snapping points to it.

A road is a :class:`gazetteer.model.Place` of kind ``road`` whose ``waypoints`` are ordered
(lon, lat) points through real places. Distances along and off the road are measured in a
local equirectangular frame (x = lon·cos(lat0), y = lat, both in km): over the few hundred
kilometres of a Syrian road its error is well under 1 %, which is far below the uncertainty
of the waypoints themselves. Written by hand because it is three lines; pyproj is not a
pinned dependency of the project.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from gazetteer.model import Place
from gazetteer.resolve import haversine_km  # the one great-circle distance of the project
from geo.errors import RoadError

__all__ = [
    "LocalFrame",
    "RoadError",
    "RoadSnap",
    "haversine_km",
    "is_road",
    "line_length_km",
    "road_line",
    "roads_through",
    "snap_to_road",
]

#: Kilometres per degree of latitude, and of longitude at the equator (WGS84 means).
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON = 111.320
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class LocalFrame:
    """A local equirectangular frame in kilometres around the latitude ``lat0``."""

    lat0: float

    @property
    def _kx(self) -> float:
        return KM_PER_DEG_LON * math.cos(math.radians(self.lat0))

    def to_km(self, geom: BaseGeometry) -> BaseGeometry:
        """Return ``geom`` (lon, lat) in kilometres."""
        kx = self._kx
        return shapely.transform(geom, lambda c: c * np.array([kx, KM_PER_DEG_LAT]))

    def to_lonlat(self, geom: BaseGeometry) -> BaseGeometry:
        """Return ``geom`` (km) in (lon, lat)."""
        kx = self._kx
        return shapely.transform(geom, lambda c: c / np.array([kx, KM_PER_DEG_LAT]))

    @classmethod
    def around(cls, points: Iterable[tuple[float, float]]) -> LocalFrame:
        """Return the frame centred on the mean latitude of ``points``."""
        lats = [p[1] for p in points]
        if not lats:
            raise RoadError("cannot build a local frame around no points")
        return cls(sum(lats) / len(lats))


@dataclass(frozen=True, slots=True)
class RoadSnap:
    """Where a point meets a road.

    Parameters
    ----------
    point : tuple of float
        The nearest point on the road, (lon, lat).
    along_km : float
        Distance along the road from its first waypoint to that point.
    offset_km : float
        Distance from the original point to the road.
    """

    point: tuple[float, float]
    along_km: float
    offset_km: float


def is_road(place: Place | None) -> bool:
    """Return whether ``place`` is a road with a usable polyline.

    Parameters
    ----------
    place : Place or None

    Returns
    -------
    bool
        True for kind ``road`` with at least two distinct waypoints.
    """
    return (
        place is not None
        and place.kind == "road"
        and len(place.waypoints) >= 2
        and len(set(place.waypoints)) >= 2
    )


def road_line(road: Place) -> LineString:
    """Return the road's polyline in (lon, lat).

    Parameters
    ----------
    road : Place
        A place of kind ``road`` with ``waypoints``.

    Returns
    -------
    shapely.geometry.LineString

    Raises
    ------
    RoadError
        When ``road`` is not a road or has fewer than two distinct waypoints.
    """
    if not is_road(road):
        raise RoadError(
            f"place {road.place_id!r} (kind {road.kind!r}, {len(road.waypoints)} waypoints) "
            "is not a road with at least two waypoints"
        )
    return LineString([tuple(map(float, p)) for p in road.waypoints])


def frame_for(road: Place) -> LocalFrame:
    """Return the local frame used for ``road`` (centred on its waypoints)."""
    return LocalFrame.around(road.waypoints)


def line_length_km(line: LineString) -> float:
    """Length of a (lon, lat) line in kilometres (sum of great-circle segments).

    Parameters
    ----------
    line : shapely.geometry.LineString

    Returns
    -------
    float
    """
    coords = list(line.coords)
    return sum(haversine_km(a, b) for a, b in itertools.pairwise(coords))


def snap_to_road(road: Place, point: Sequence[float]) -> RoadSnap:
    """Project a point onto a road.

    Parameters
    ----------
    road : Place
        A road place.
    point : sequence of float
        (lon, lat).

    Returns
    -------
    RoadSnap
        The nearest road point, its distance along the road and the offset in km.
    """
    frame = frame_for(road)
    line_km = frame.to_km(road_line(road))
    p_km = frame.to_km(Point(point[0], point[1]))
    along = line_km.project(p_km)
    on_km = line_km.interpolate(along)
    on = frame.to_lonlat(on_km)
    return RoadSnap(point=(on.x, on.y), along_km=along, offset_km=p_km.distance(on_km))


def roads_through(
    roads: Iterable[Place], points: Sequence[Sequence[float]], *, tol_km: float = 5.0
) -> list[Place]:
    """Return the roads that pass within ``tol_km`` of every point, best first.

    Parameters
    ----------
    roads : iterable of Place
        Candidate roads (places that are not usable roads are ignored).
    points : sequence of (lon, lat)
        The places a route goes through.
    tol_km : float, optional
        Largest allowed offset of any point from the road.

    Returns
    -------
    list of Place
        Sorted by the largest offset, then by place id (deterministic).
    """
    if not points:
        return []
    scored = []
    for road in roads:
        if not is_road(road):
            continue
        worst = max(snap_to_road(road, p).offset_km for p in points)
        if worst <= tol_km:
            scored.append((worst, road.place_id, road))
    scored.sort(key=lambda t: (t[0], t[1]))
    return [r for _, _, r in scored]
