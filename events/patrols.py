"""A patrol sentence's places → the route it drove (a LineString along the named road).

Rules, in order:

1. Two or more stops (:func:`events.locate.route_stops`: من X باتجاه Y وصولاً إلى Z، بين X
   وY) and a road → the road's stretch from the first stop to the last through the others
   (:func:`geo.routes.route_along`); ``geo_precision`` 1. The road is the one the sentence
   names, else a road of the article, else any known road, that passes within
   :data:`ON_ROAD_KM` of every stop.
2. Two or more stops and no road through them → straight segments between them; 2.
3. A road and no stops → the road's stretch inside the region the sentence names
   (``على الطريق M4 في ريف إدلب``) or around its one stop, else the whole road; 3 (2 around
   one stop).
4. No road → a Point at the finest place; its own precision.
5. Nothing → no patrol event (its date and actors alone do not make a map item).
"""

from __future__ import annotations

from collections.abc import Sequence

from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from events.locate import PlaceUse, best_location, geo_precision, in_syria
from gazetteer.model import Mention, Place
from geo.roads import haversine_km, is_road, roads_through, snap_to_road
from geo.routes import RouteError, route_along, straight_route, stretch_near, whole_road

__all__ = ["ON_ROAD_KM", "compose_route", "patrol_ends", "patrol_geometry", "route_stops"]

#: A stop farther than this from a road is not on it (village a few km off the highway).
ON_ROAD_KM = 20.0
#: Radius of the stretch around a single named stop.
AROUND_STOP_KM = 10.0


def _radius(use: PlaceUse, gov_names: dict[str, str] | None) -> float:
    p = use.place
    if p.kind in ("region", "area"):
        return max(p.precision_km, 10.0)
    if geo_precision(use, gov_names=gov_names) >= 2:
        return 30.0 if use.qualifier in ("countryside", "") else 15.0
    return AROUND_STOP_KM


def patrol_geometry(
    uses: Sequence[PlaceUse],
    *,
    roads: Sequence[Place],
    article_roads: Sequence[Place] = (),
    gov_names: dict[str, str] | None = None,
) -> tuple[BaseGeometry, int, list[Mention]] | None:
    """Return a patrol's geometry, its geo precision and the mentions it used.

    Parameters
    ----------
    uses : sequence of PlaceUse
        The patrol sentence's places (:func:`events.locate.place_uses`).
    roads : sequence of Place
        Every known road (``kind == "road"`` with waypoints).
    article_roads : sequence of Place, optional
        Roads the article names, tried before the others.
    gov_names : dict, optional
        From :func:`events.locate.governorate_names`.

    Returns
    -------
    (geometry, geo_precision, mentions) or None
    """
    stops = route_stops(uses)
    named = [u.place for u in uses if u.role == "road" and is_road(u.place)]
    pts = [u.place.point for u in stops if u.place.point is not None]
    road: Place | None = None
    if len(pts) >= 2:
        for pool in (named, article_roads, roads):
            through = roads_through(pool, pts, tol_km=ON_ROAD_KM)
            if through:
                road = through[0]
                break
        if road is not None:
            on = [u for u in stops if snap_to_road(road, u.place.point).offset_km <= ON_ROAD_KM]
            try:
                line = route_along(road, [u.place.point for u in on], max_offroad_km=ON_ROAD_KM)
            except RouteError:
                line = None
            if line is not None:
                return line, 1, [*(u.mention for u in on)]
        return straight_route(pts), 2, [u.mention for u in stops]
    if named:
        road = named[0]
    elif len(article_roads) == 1 and not [u for u in uses if u.role == "location"]:
        road = article_roads[0]
    if road is not None:
        around = stops[0] if stops else best_location(uses, gov_names=gov_names)
        if around is not None and around.place.point is not None:
            part = stretch_near(road, around.place.point, _radius(around, gov_names))
            if part is not None:
                return part, 2 if stops else 3, [around.mention]
        return whole_road(road), 3, []
    loc = best_location(uses, gov_names=gov_names)
    if loc is None or loc.place.point is None:
        return None
    return Point(loc.place.point), geo_precision(loc, gov_names=gov_names), [loc.mention]


_PLACE_KINDS = ("city", "town", "village", "site")


def patrol_ends(
    uses: Sequence[PlaceUse], *, gov_names: dict[str, str] | None = None
) -> tuple[tuple[float, float] | None, tuple[float, float] | None]:
    """Return where a patrol sentence says the patrol started and where it got to.

    The origin is the first «من/انطلاقاً من/بين» stop; where it got to is its last
    destination stop, else the finest place the sentence puts it at («قرب قرية مصيبين»).
    Either may be None. Another sentence about the same patrol may give the other end
    (:func:`compose_route`).

    Parameters
    ----------
    uses : sequence of PlaceUse
    gov_names : dict, optional

    Returns
    -------
    (origin, reach)
        (lon, lat) points or None.
    """
    stops = route_stops(uses)
    origins = [u for u in stops if u.marker in ("origin", "between")]
    origin = origins[0].place.point if origins else None
    dests = [u for u in stops if u.marker not in ("origin", "between")]
    if dests:
        return origin, dests[-1].place.point
    loc = best_location(uses, gov_names=gov_names)
    if loc is None or loc.place.kind not in _PLACE_KINDS or loc.place.point == origin:
        return origin, None
    return origin, loc.place.point


def compose_route(
    origin: tuple[float, float],
    reach: tuple[float, float],
    *,
    roads: Sequence[Place],
    article_roads: Sequence[Place] = (),
) -> LineString | None:
    """Return the road's stretch from ``origin`` to ``reach``, or None (no road through both).

    Used when one sentence says where a patrol set out and another where it got to.
    """
    if haversine_km(origin, reach) < 2.0:
        return None
    for pool in (article_roads, roads):
        through = roads_through(pool, [origin, reach], tol_km=ON_ROAD_KM)
        if through:
            try:
                return route_along(through[0], [origin, reach], max_offroad_km=ON_ROAD_KM)
            except RouteError:
                return None
    return None


def route_stops(uses: Sequence[PlaceUse]) -> list[PlaceUse]:
    """Return a patrol's stops in the order of travel.

    Origins (من، انطلاقاً من، the first of بين … و) come first, then places passed and
    destinations in text order (باتجاه X وY وصولاً إلى Z). Places with no route marker
    (``في ريف إدلب``) are context, not stops; each place counts once.

    Parameters
    ----------
    uses : sequence of PlaceUse
        From :func:`place_uses`.

    Returns
    -------
    list of PlaceUse
    """
    stops = [
        u
        for u in uses
        if u.role == "location"
        and u.marker
        and u.place.kind in ("city", "town", "village", "site")
        and u.place.point is not None
        and in_syria(u.place)
    ]
    ordered = [u for u in stops if u.marker in ("origin", "between")]
    ordered += [u for u in stops if u.marker not in ("origin", "between")]
    seen: set[str] = set()
    out = []
    for u in ordered:
        if u.place.place_id not in seen:
            seen.add(u.place.place_id)
            out.append(u)
    return out
