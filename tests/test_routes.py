"""Roads and routes: golden geometry with tolerance on a synthetic road (no real coordinates)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point
from shapely.testing import assert_geometries_equal

from gazetteer.model import Place
from geo.roads import (
    KM_PER_DEG_LAT,
    RoadError,
    haversine_km,
    line_length_km,
    road_line,
    roads_through,
    snap_to_road,
)
from geo.routes import RouteError, route_along, straight_route, stretch_near, whole_road

# A synthetic road (not a real one): west -> east along lat 35, then north-east.
WAYPOINTS = ((36.0, 35.0), (36.5, 35.0), (37.0, 35.0), (37.2, 35.2))
ROAD = Place("test:road", "طريق تجريبي", "Test road", 36.5, 35.0, "road", "SY", waypoints=WAYPOINTS)
OTHER = Place(
    "test:other", "", "Other road", 36.5, 34.0, "road", "SY", waypoints=((36.0, 34.0), (37.0, 34.0))
)


def test_road_line_is_the_waypoints():
    assert list(road_line(ROAD).coords) == list(WAYPOINTS)


def test_road_line_rejects_a_place_that_is_not_a_road():
    town = Place("test:t", "بلدة", "Town", 36.0, 35.0, "town", "SY")
    with pytest.raises(RoadError, match="test:t"):
        road_line(town)


def test_route_between_two_stops_follows_the_road_in_travel_direction():
    line = route_along(ROAD, [(36.2, 35.0), (36.8, 35.0)])
    assert_geometries_equal(
        line, LineString([(36.2, 35.0), (36.5, 35.0), (36.8, 35.0)]), tolerance=1e-6
    )


def test_route_against_the_waypoint_order_is_reversed():
    line = route_along(ROAD, [(37.1, 35.1), (36.2, 35.0)])
    expected = LineString([(37.1, 35.1), (37.0, 35.0), (36.5, 35.0), (36.2, 35.0)])
    assert_geometries_equal(line, expected, tolerance=1e-6)


def test_route_through_intermediate_stops_visits_each_in_turn():
    # out to 36.8, back to 36.3: the route drives both legs
    line = route_along(ROAD, [(36.1, 35.0), (36.8, 35.0), (36.3, 35.0)])
    coords = list(line.coords)
    assert coords[0] == pytest.approx((36.1, 35.0))
    assert coords[-1] == pytest.approx((36.3, 35.0))
    assert max(x for x, _ in coords) == pytest.approx(36.8)


def test_stops_are_projected_onto_the_road():
    # stops 0.02 deg (~2 km) south of the road: the route is on the road, with short
    # connectors from the off-road end stops
    line = route_along(ROAD, [(36.2, 34.98), (36.8, 34.98)], snap_km=5)
    assert_geometries_equal(
        line, LineString([(36.2, 35.0), (36.5, 35.0), (36.8, 35.0)]), tolerance=1e-6
    )
    joined = route_along(ROAD, [(36.2, 34.98), (36.8, 35.0)], snap_km=1)
    assert next(iter(joined.coords)) == pytest.approx((36.2, 34.98))
    assert list(joined.coords)[1] == pytest.approx((36.2, 35.0))


def test_a_stop_far_from_the_road_is_an_error():
    with pytest.raises(RouteError, match="km from road"):
        route_along(ROAD, [(36.2, 35.0), (36.8, 36.0)], max_offroad_km=20)


def test_a_route_needs_two_stops():
    with pytest.raises(RouteError, match="at least two"):
        route_along(ROAD, [(36.2, 35.0)])


def test_stops_meeting_the_road_at_one_point_give_a_short_stretch():
    line = route_along(ROAD, [(36.5, 35.01), (36.5, 34.99)], min_km=2.0, snap_km=5)
    assert 1.9 < line_length_km(line) < 2.1
    assert line.distance(Point(36.5, 35.0)) < 1e-9


def test_whole_road_and_stretch_near():
    assert_geometries_equal(whole_road(ROAD), LineString(WAYPOINTS))
    part = stretch_near(ROAD, (36.5, 35.0), 10.0)
    assert part is not None
    assert 19.5 < line_length_km(part) < 20.5
    assert stretch_near(ROAD, (36.5, 36.0), 10.0) is None


def test_straight_route_needs_two_distinct_points():
    assert len(straight_route([(36.0, 35.0), (36.1, 35.1)]).coords) == 2
    with pytest.raises(RouteError):
        straight_route([(36.0, 35.0), (36.0, 35.0)])


def test_snap_reports_distance_along_and_offset_in_km():
    snap = snap_to_road(ROAD, (36.5, 35.1))
    assert snap.point == pytest.approx((36.5, 35.0))
    assert snap.offset_km == pytest.approx(0.1 * KM_PER_DEG_LAT, rel=1e-6)
    expected_along = 0.5 * 111.320 * math.cos(math.radians(sum(p[1] for p in WAYPOINTS) / 4))
    assert snap.along_km == pytest.approx(expected_along, rel=1e-6)


def test_roads_through_picks_the_road_near_every_stop():
    assert roads_through([OTHER, ROAD], [(36.2, 35.01), (36.9, 35.0)], tol_km=5) == [ROAD]
    assert roads_through([OTHER, ROAD], [(36.2, 35.01), (36.9, 34.0)], tol_km=5) == []


def test_line_length_matches_haversine():
    assert line_length_km(LineString([(36.0, 35.0), (37.0, 35.0)])) == pytest.approx(
        haversine_km((36.0, 35.0), (37.0, 35.0))
    )


@settings(max_examples=60, deadline=None)
@given(
    st.floats(min_value=36.0, max_value=37.19, allow_nan=False),
    st.floats(min_value=36.0, max_value=37.19, allow_nan=False),
)
def test_route_starts_and_ends_at_the_stops_projections(a, b):
    pa, pb = road_line(ROAD).interpolate(road_line(ROAD).project(Point(a, 35.0))), None
    pb = road_line(ROAD).interpolate(road_line(ROAD).project(Point(b, 35.0)))
    if pa.distance(pb) < 1e-6:
        return
    line = route_along(ROAD, [(pa.x, pa.y), (pb.x, pb.y)])
    assert Point(line.coords[0]).distance(pa) < 1e-6
    assert Point(line.coords[-1]).distance(pb) < 1e-6
    assert line.hausdorff_distance(road_line(ROAD)) <= road_line(ROAD).length
    assert all(road_line(ROAD).distance(Point(c)) < 1e-6 for c in line.coords)
