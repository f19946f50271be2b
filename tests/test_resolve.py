"""Candidate ranking: homonyms, containment and nearness hints, article context."""

import pytest

from gazetteer.core import Gazetteer
from gazetteer.resolve import Context, haversine_km, prior, rank
from tests.gazetteer_fixtures import (
    AIN_HOUR_ID,
    AIN_HOUR_LA,
    ALL,
    ARIHA,
    IDLIB,
    IDLIB_GOV,
    JERICHO,
    LATAKIA,
    MOSCOW,
    MOSCOW_ID,
    NAYRAB_HL,
    NAYRAB_ID,
    SARAQIB,
    FakeTable,
)


@pytest.fixture(scope="module")
def gz():
    return Gazetteer(FakeTable(ALL))


def first(gz, text, surface):
    ms = [m for m in gz.tag(text) if m.surface == surface]
    assert ms, f"{surface} not tagged in {text!r}"
    return ms[0]


def test_haversine():
    assert haversine_km((0, 0), (0, 0)) == 0
    assert 110 < haversine_km((0, 0), (0, 1)) < 112


def test_syria_first_and_world_cities():
    assert prior(ARIHA) > prior(JERICHO)
    assert rank([JERICHO, ARIHA]).places[0] is ARIHA
    assert rank([MOSCOW_ID, MOSCOW]).places[0] is MOSCOW


def test_scores_are_probabilities_with_runner_up(gz):
    m = first(gz, "وصل الوفد إلى أريحا صباحا", "أريحا")
    assert m.place is ARIHA
    assert m.runner_up is JERICHO
    assert 0 <= m.runner_up_score < m.score <= 1


def test_moscow_is_russia(gz):
    assert first(gz, "عقدت المحادثات في موسكو", "موسكو").place.country == "RU"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("انطلقت الدورية من قرية عين الحور بريف اللاذقية", AIN_HOUR_LA),
        ("انطلقت الدورية من قرية عين الحور في ريف اللاذقية", AIN_HOUR_LA),
        ("قصف مدفعي على عين الحور بريف إدلب الغربي", AIN_HOUR_ID),
    ],
)
def test_containment_hint(gz, text, expected):
    m = first(gz, text, "عين الحور")
    assert m.place is expected
    assert m.score > 0.6


def test_nearness_hint(gz):
    assert first(gz, "سقطت قذائف على بلدة النيرب غرب سراقب", "النيرب").place is NAYRAB_ID
    assert first(gz, "حلقت طائرات فوق النيرب شرق حلب", "النيرب").place is NAYRAB_HL


def test_article_context(gz):
    text = "قصفت قوات النظام مدينة سراقب صباح اليوم. وفي المساء استهدفت القذائف بلدة النيرب."
    assert first(gz, text, "النيرب").place is NAYRAB_ID


def test_one_sense_per_discourse(gz):
    text = "وصلت الدورية إلى عين الحور بريف اللاذقية. وعادت الدورية من سراقب إلى عين الحور مساء."
    got = [m.place for m in gz.tag(text) if m.surface.endswith("عين الحور")]
    assert got == [AIN_HOUR_LA, AIN_HOUR_LA]


def _gov_without_prefix():
    from dataclasses import replace

    return replace(IDLIB_GOV, name_ar="إدلب", names_ar=("إدلب",))


def test_governorate_vs_city(gz):
    assert first(gz, "في محافظة إدلب", "محافظة إدلب").place is IDLIB_GOV
    table = FakeTable([p for p in ALL if p is not IDLIB_GOV] + [_gov_without_prefix()])
    assert first(Gazetteer(table), "في محافظة إدلب", "إدلب").place.kind == "region"
    assert first(gz, "وصل الرتل إلى مدينة إدلب", "إدلب").place is IDLIB
    assert first(gz, "التوتر في إدلب مستمر", "إدلب").place is IDLIB


def test_rank_with_explicit_context():
    ctx = Context(contain=(LATAKIA,))
    assert rank([AIN_HOUR_ID, AIN_HOUR_LA], ctx).places[0] is AIN_HOUR_LA
    ctx = Context(near=(SARAQIB,))
    r = rank([NAYRAB_HL, NAYRAB_ID], ctx)
    assert r.places[0] is NAYRAB_ID
    assert abs(sum(r.probs) - 1) < 1e-9


def test_generic_highway_needs_the_article(gz):
    assert [m for m in gz.tag("أغلق الطريق الدولي أمس") if m.place.kind == "road"] == []
    text = "سيرت دورية على الطريق الدولي بين سراقب وأريحا"
    roads = [m for m in gz.tag(text) if m.place.kind == "road"]
    assert [m.place.place_id for m in roads] == ["test:m4"]
    text = "دورية على طريق أم 4. وأغلق الطريق الدولي لاحقا"
    roads = [m for m in gz.tag(text) if m.place.kind == "road"]
    assert {m.place.place_id for m in roads} == {"test:m4"}
