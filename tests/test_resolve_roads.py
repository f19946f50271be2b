"""A text that names a road prefers the namesake on it (sentences written for this test)."""

from dataclasses import replace

import pytest

from gazetteer.core import Gazetteer
from gazetteer.resolve import road_distance_km
from tests.gazetteer_fixtures import (
    AIN_HOUR_ID,
    AIN_HOUR_LA,
    ALEPPO,
    ALL,
    ARIHA,
    JISR,
    LATAKIA,
    M4,
    SARAQIB,
    FakeTable,
)

#: The M4 as the overlay draws it: Ain al-Hour (Latakia) is one of its waypoints.
M4_REAL = replace(
    M4,
    waypoints=tuple(p.point for p in (LATAKIA, AIN_HOUR_LA, JISR, ARIHA, SARAQIB, ALEPPO)),
)


@pytest.fixture(scope="module")
def gz():
    return Gazetteer(FakeTable([M4_REAL if p is M4 else p for p in ALL]))


def _ain_hour(gz, text):
    return next(m.place.place_id for m in gz.tag(text) if m.surface == "عين الحور")


def test_distance_to_a_polyline():
    assert road_distance_km(LATAKIA.point, M4.waypoints) == pytest.approx(0.0, abs=1e-9)
    # a point between two waypoints lies on the segment
    mid = ((LATAKIA.lon + JISR.lon) / 2, (LATAKIA.lat + JISR.lat) / 2)
    assert road_distance_km(mid, M4.waypoints) < 0.5
    # Ain al-Hour (Idlib) lies a few km off the Latakia - Jisr al-Shughur segment
    assert 2.0 < road_distance_km(AIN_HOUR_ID.point, M4.waypoints) < 10.0


def test_a_named_road_picks_the_namesake_on_it(gz):
    text = "سيّرت القوات الروسية والتركية دورية على طريق إم 4 انطلقت من سراقب ووصلت إلى عين الحور"
    assert _ain_hour(gz, text) == AIN_HOUR_LA.place_id


def test_a_containment_hint_still_wins_over_the_road(gz):
    text = "سيّرت دورية على طريق إم 4، فيما قصفت المدفعية عين الحور بريف إدلب"
    assert _ain_hour(gz, text) == AIN_HOUR_ID.place_id


def test_without_a_named_road_nothing_changes(gz):
    text = "قصفت المدفعية سراقب وأريحا ثم عين الحور"
    plain = Gazetteer(FakeTable([p for p in ALL if p is not M4]))
    assert [(m.place.place_id, m.score) for m in gz.tag(text)] == [
        (m.place.place_id, m.score) for m in plain.tag(text)
    ]
