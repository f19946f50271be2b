"""Patrol routes along named roads.

:func:`route_along` cuts the stretch of a road's polyline between the places a patrol went
through, in the order it went: each stop is projected onto the road (``line.project``) and
consecutive stops are joined by ``shapely.ops.substring`` (which reverses the stretch when
the patrol drives against the waypoints' order). Everything is computed in the road's local
kilometre frame (:class:`geo.roads.LocalFrame`) and returned in (lon, lat).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from shapely import ops
from shapely.geometry import LineString, Point

from gazetteer.model import Place
from geo.errors import RouteError
from geo.roads import frame_for, road_line

__all__ = ["RouteError", "route_along", "straight_route", "stretch_near", "whole_road"]


def _dedupe(coords: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for c in coords:
        if not out or (abs(out[-1][0] - c[0]) > 1e-9 or abs(out[-1][1] - c[1]) > 1e-9):
            out.append(c)
    return out


def route_along(
    road: Place,
    stops: Sequence[tuple[float, float]],
    *,
    snap_km: float = 1.0,
    max_offroad_km: float = 20.0,
    min_km: float = 1.0,
) -> LineString:
    """Return the stretch of ``road`` from the first stop to the last, in the stops' order.

    Parameters
    ----------
    road : Place
        A road place (kind ``road``) with ordered ``waypoints``.
    stops : sequence of (lon, lat)
        The places the route goes through, in the order of travel (at least two).
    snap_km : float, optional
        An end stop farther than this from the road is joined to the road by a straight
        segment (a village a few kilometres off the highway where the patrol starts).
    max_offroad_km : float, optional
        A stop farther than this from the road is not on it: :class:`RouteError`.
    min_km : float, optional
        When all stops meet the road at one point, a stretch this long centred on it.

    Returns
    -------
    shapely.geometry.LineString
        (lon, lat) coordinates from the first stop to the last, through every stop in turn.

    Raises
    ------
    RouteError
        Fewer than two stops, or a stop more than ``max_offroad_km`` from the road.
    geo.roads.RoadError
        ``road`` is not a road.
    """
    if len(stops) < 2:
        raise RouteError(f"a route needs at least two stops, got {len(stops)}")
    frame = frame_for(road)
    line = frame.to_km(road_line(road))
    pts = [frame.to_km(Point(float(s[0]), float(s[1]))) for s in stops]
    along = []
    for stop, p in zip(stops, pts, strict=True):
        offset = line.distance(p)
        if offset > max_offroad_km:
            raise RouteError(
                f"stop {tuple(stop)} is {offset:.1f} km from road {road.place_id!r} "
                f"(more than max_offroad_km={max_offroad_km})"
            )
        along.append(line.project(p))
    coords: list[tuple[float, float]] = []
    for a, b in itertools.pairwise(along):
        if abs(b - a) < 1e-9:
            continue
        coords.extend(ops.substring(line, a, b).coords)
    if not coords:
        half = min_km / 2
        lo, hi = max(0.0, along[0] - half), min(line.length, along[0] + half)
        coords.extend(ops.substring(line, lo, hi).coords)
    if line.distance(pts[0]) > snap_km:
        coords.insert(0, (pts[0].x, pts[0].y))
    if line.distance(pts[-1]) > snap_km:
        coords.append((pts[-1].x, pts[-1].y))
    coords = _dedupe([(float(x), float(y)) for x, y, *_ in coords])
    if len(coords) < 2:
        raise RouteError(f"stops {list(stops)} give a route of length zero on {road.place_id!r}")
    return frame.to_lonlat(LineString(coords))


def whole_road(road: Place) -> LineString:
    """Return the road's whole polyline (a patrol "along the M4" with no end places).

    Parameters
    ----------
    road : Place

    Returns
    -------
    shapely.geometry.LineString
    """
    return road_line(road)


def stretch_near(road: Place, center: tuple[float, float], radius_km: float) -> LineString | None:
    """Return the part of ``road`` within ``radius_km`` of ``center``.

    Used for a patrol "on the M4 in the Idlib countryside": the region is known only by its
    representative point and radius, so the stretch is the road inside that circle, from
    its first to its last point there (following the road in between).

    Parameters
    ----------
    road : Place
    center : (lon, lat)
    radius_km : float

    Returns
    -------
    LineString or None
        None when the road does not come within ``radius_km`` of ``center``.
    """
    frame = frame_for(road)
    line = frame.to_km(road_line(road))
    circle = frame.to_km(Point(center[0], center[1])).buffer(radius_km, quad_segs=32)
    inside = line.intersection(circle)
    if inside.is_empty:
        return None
    parts = getattr(inside, "geoms", [inside])
    alongs = [line.project(Point(c)) for g in parts for c in g.coords]
    lo, hi = min(alongs), max(alongs)
    if hi - lo < 1e-6:
        return None
    return frame.to_lonlat(ops.substring(line, lo, hi))


def straight_route(stops: Sequence[tuple[float, float]]) -> LineString:
    """Return straight segments through the stops (no known road joins them).

    Parameters
    ----------
    stops : sequence of (lon, lat)
        At least two distinct points.

    Returns
    -------
    shapely.geometry.LineString

    Raises
    ------
    RouteError
        Fewer than two distinct stops.
    """
    coords = _dedupe([(float(s[0]), float(s[1])) for s in stops])
    if len(coords) < 2:
        raise RouteError(f"a straight route needs two distinct stops, got {list(stops)}")
    return LineString(coords)
