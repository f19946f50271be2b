"""extract_events end to end on articles written for the tests.

Most tests use a small fake gazetteer with synthetic places (ids ``t:…``, made-up
coordinates, a made-up road through them) so that they test the extraction rules, not the
place table; the last ones use the real gazetteer on text that is not from the samples.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from events.article import article_from_text
from events.extract import extract_events
from events.model import Article
from gazetteer.model import Place
from geo.roads import haversine_km
from tests.extract_fakes import ANKARA, BAGHDAD, ROAD, A, B, C, FakeGazetteer

GAZ = FakeGazetteer()
PUB = dt.date(2020, 3, 5)  # a Thursday


def run(text: str, published: dt.date | None = PUB, **kw):
    art = article_from_text(text, article_id="t1", source="مصدر تجريبي", published=published, **kw)
    return art, extract_events(art, gazetteer=GAZ)


def near(geom, place: Place, km: float = 1.0) -> bool:
    return any(haversine_km(c, place.point) <= km for c in geom.coords)


def test_reported_patrol_follows_the_road_in_travel_direction():
    text = (
        "سيرت القوات الروسية والتركية، يوم الثلاثاء 3 آذار، دورية مشتركة على الطريق الدولي "
        "من بلدة الزربة باتجاه كفرنوران وصولاً إلى الحاضر."
    )
    art, evs = run(text)
    (ev,) = evs
    assert (ev.event_type, ev.sub_event_type, ev.status) == ("patrol", "joint_patrol", "reported")
    assert ev.date == dt.date(2020, 3, 3)
    assert ev.date_precision == 1
    assert ev.geometry.geom_type == "LineString"
    assert ev.geo_precision == 1
    coords = list(ev.geometry.coords)
    assert haversine_km(coords[0], C.point) < 0.5
    assert haversine_km(coords[-1], A.point) < 0.5
    assert ev.geometry.distance(Point(B.point)) < 1e-6
    assert ev.actors == ("Russia", "Turkey")
    assert [p.place_id for p in ev.places] == ["t:road", "t:c", "t:b", "t:a"]
    assert ev.evidence == text
    assert art.text[ev.evidence_start : ev.evidence_end] == text
    assert (ev.source, ev.article, ev.published) == ("مصدر تجريبي", "t1", PUB)


def test_patrol_between_two_places_without_a_named_road_finds_the_road():
    _, evs = run("وسيرت القوات دوريات مشتركة قصيرة بين الحاضر وكفرنوران أمس.")
    (ev,) = evs
    assert ev.geometry.geom_type == "LineString"
    assert near(ev.geometry, A, 0.5)
    assert near(ev.geometry, B, 0.5)
    assert ev.date == dt.date(2020, 3, 4)


def test_planned_patrol_with_a_future_date():
    _, evs = run("ومن المقرر أن تبدأ الدوريات المشتركة على الطريق الدولي يوم 15 آذار.")
    (ev,) = evs
    assert ev.status == "planned"
    assert ev.date == dt.date(2020, 3, 15)
    assert ev.geo_precision == 3  # the whole road: no end places
    assert list(ev.geometry.coords) == list(ROAD.waypoints)


def test_planned_without_date_takes_publication_date_with_precision_3():
    _, evs = run("وستقوم القوات الروسية والتركية بدوريات مشتركة على الطريق الدولي.")
    (ev,) = evs
    assert (ev.status, ev.date, ev.date_precision) == ("planned", PUB, 3)


def test_undated_and_dated_reports_of_one_patrol_are_merged():
    text = (
        "وستقوم القوات التركية والروسية بدوريات مشتركة على الطريق الدولي.\n"
        "وقال الوزير إن الاجتماعات مستمرة.\n"
        "وأضاف: ستبدأ الدوريات المشتركة على الطريق الدولي يوم 15 آذار."
    )
    _, evs = run(text)
    (ev,) = evs
    assert ev.date == dt.date(2020, 3, 15)
    assert set(ev.actors) == {"Russia", "Turkey"}  # from the undated report


def test_adjacent_sentences_about_one_incident_become_one_evidence_span():
    text = (
        "أعلنت وزارة الدفاع مقتل 4 جنود بانفجار سيارة مفخخة في الزربة.\n"
        "وقالت الوزارة إن 4 من الجنود قتلوا مساء أمس بهجوم بسيارة مفخخة في الزربة."
    )
    art, evs = run(text)
    (ev,) = evs
    assert ev.sub_event_type == "car_bomb"
    assert ev.fatalities == 4
    assert ev.date == dt.date(2020, 3, 4)
    assert ev.date_precision == 1
    assert ev.evidence == art.text  # both sentences, verbatim


def test_a_toll_before_the_incident_joins_it():
    (ev,) = run("قُتل 5 مدنيين، بينهم طفلان، الثلاثاء، في قصف مدفعي على الحاضر.")[1]
    assert ev.sub_event_type == "shelling"
    assert ev.fatalities == 5
    assert ev.date == dt.date(2020, 3, 3)


def test_region_report_and_village_report_of_one_incident_merge():
    text = (
        "قُتل 3 مدنيين اليوم في قصف مدفعي على ريف حلب الجنوبي.\n"
        "وقال مراسل محلي إن قوات النظام قصفت بلدة كفرنوران بالمدفعية."
    )
    art, evs = run(text)
    (ev,) = evs
    assert ev.geo_precision == 1
    assert near(ev.geometry, B, 0.01)
    assert ev.date == PUB
    assert ev.evidence == art.text


def test_distant_reports_of_a_region_and_a_village_stay_apart():
    text = (
        "قصفت قوات النظام ريف حلب الجنوبي.\nوقال الوزير إن الوضع صعب.\n"
        "وأضاف أن المفاوضات مستمرة.\nوتابع أن الوفد سيعود.\nوقصفت قوات النظام كفرنوران."
    )
    assert len(run(text)[1]) == 2


def test_a_reference_back_to_an_incident_is_not_a_new_one():
    text = "ويأتي القصف رغم الاتفاق الذي توصل إليه الرئيسان في أنقرة في 1 آذار."
    assert run(text)[1] == []


def test_no_incident_abroad_in_a_clause_about_talks():
    assert run("واتفق الرئيسان في بغداد على وقف الهجمات الصاروخية.")[1] == []


def test_diplomatic_venue_gets_no_event():
    text = (
        "وعقدت محادثات في أنقرة بين الوفدين الروسي والتركي.\n"
        "وقصفت قوات النظام بلدة الحاضر بالمدفعية، ما أدى لمقتل ثلاثة مدنيين."
    )
    _, evs = run(text)
    assert all(haversine_km(ev.geometry.coords[0], ANKARA.point) > 50 for ev in evs)
    (ev,) = evs
    assert (ev.event_type, ev.sub_event_type, ev.fatalities) == ("incident", "shelling", 3)
    assert ev.geo_precision == 1
    assert near(ev.geometry, A, 0.01)
    assert ev.actors == ("Syrian regime", "Civilians")


def test_sentence_date_precision_and_publication_fallback():
    _, evs = run("قصفت قوات النظام بلدة الحاضر.")
    assert (evs[0].date, evs[0].date_precision) == (PUB, 2)
    _, evs = run("وتعرضت الحاضر لقصف مدفعي خلال الشهر الماضي.")
    assert evs[0].date_precision == 3
    assert evs[0].extra["date_source"] == "sentence"


def test_a_date_naming_an_agreement_is_not_the_event_date():
    (ev,) = run("وسيرت القوات دورية مشتركة من الحاضر إلى الزربة وفق اتفاق 1 آذار.")[1]
    assert ev.date == PUB
    assert ev.extra["date_source"] == "publication"


def test_an_event_spread_over_years_has_no_date_and_is_skipped():
    assert run("وكانت الحاضر هدفاً لقصف متكرر خلال السنوات الماضية.")[1] == []


def test_observation_post_near_a_road_is_put_on_the_road():
    text = "وانسحبت القوات التركية من نقطة المراقبة على الطريق الدولي بريف كفرنوران."
    (ev,) = run(text)[1]
    assert (ev.event_type, ev.sub_event_type) == ("observation_post", "post_withdrawn")
    assert ev.geometry.geom_type == "Point"
    assert ev.geo_precision == 2
    assert ev.geometry.distance(Point(B.point)) < 0.01


def test_ceasefire_declared_in_a_region():
    (ev,) = run("أعلنت روسيا وقف إطـ.لاق النـ.ار في ريف حلب الجنوبي اعتباراً من اليوم.")[1]
    assert (ev.event_type, ev.geo_precision) == ("ceasefire", 3)
    assert ev.date == PUB
    assert ev.date_precision == 1


def test_incident_abroad_keeps_its_place_and_says_so():
    (ev,) = run("وقتل قائد عسكري بغارة أميركية في بغداد يوم الجمعة الماضي.")[1]
    assert ev.sub_event_type == "airstrike"
    assert ev.fatalities == 1
    assert near(ev.geometry, BAGHDAD, 0.01)
    assert ev.extra["in_syria"] is False
    assert ev.extra["country"] == "IQ"
    assert ev.date == dt.date(2020, 2, 28)


def test_incident_with_only_a_country_is_not_mapped():
    assert run("وشنت إيران هجوماً صاروخياً على قاعدتين في العراق.")[1] == []


def test_anaphor_takes_the_previous_place_at_precision_3():
    text = "وصلت تعزيزات عسكرية إلى الزربة.\nوتعرضت المنطقة لقصف مدفعي عنيف."
    (ev,) = run(text)[1]
    assert ev.geo_precision == 3
    assert near(ev.geometry, C, 0.01)


def test_two_incidents_of_one_kind_in_one_sentence_have_distinct_ids():
    text = "قصفت قوات النظام بلدة الحاضر، فيما قصفت المعارضة بلدة الزربة."
    art, evs = run(text)
    assert len(evs) == 2
    assert len({e.id for e in evs}) == 2
    assert all(e.evidence in art.text and e.evidence != art.text for e in evs)


def test_ids_are_stable_and_unique():
    text = "سيرت القوات دورية مشتركة من الحاضر إلى الزربة.\nوقصفت قوات النظام كفرنوران."
    ids1 = [e.id for e in run(text)[1]]
    ids2 = [e.id for e in run(text)[1]]
    assert ids1 == ids2
    assert len(set(ids1)) == len(ids1) == 2


def test_agreement_terms_and_talk_make_no_events():
    text = (
        "ونص الاتفاق على إقامة نقاط مراقبة تركية في ريف حلب الجنوبي.\n"
        "ودعا الوزير إلى وقف إطلاق النار في الحاضر."
    )
    assert run(text)[1] == []


def test_without_publication_date_uses_the_articles_known_date_or_skips():
    # built directly: article_from_text would read the first date as the publication date
    text = "وقصفت قوات النظام الحاضر في 3 آذار 2020.\nوقصفت أمس كفرنوران."
    evs = extract_events(Article("t2", text), gazetteer=GAZ)
    assert [(e.date, e.date_precision) for e in evs] == [
        (dt.date(2020, 3, 3), 1),
        (dt.date(2020, 3, 3), 3),
    ]
    assert evs[1].extra["date_source"] == "article"
    assert extract_events(Article("t3", "وقصفت قوات النظام أمس كفرنوران."), gazetteer=GAZ) == []


def test_cited_agencies_sentence_first_then_article():
    text = "وقصفت قوات النظام الحاضر، بحسب المرصد السوري.\nوقصفت الطائرات الزربة، وفقاً لرويترز."
    a, b = run(text)[1]
    assert a.cited == ("المرصد السوري لحقوق الإنسان",)
    assert b.cited == ("رويترز",)
    (c,) = run("نقلت رويترز عن مصادر.\nوقصفت قوات النظام الحاضر.")[1]
    assert c.cited == ("رويترز",)
    assert c.extra["cited_scope"] == "article"


def test_empty_article_has_no_events():
    assert extract_events(Article("t4", "   \n "), gazetteer=GAZ) == []


# --- the real gazetteer, on text that is not from the sample articles -------------------


@pytest.fixture(scope="module")
def real_gazetteer(tmp_path_factory):
    import os

    from gazetteer.core import Gazetteer

    old = os.environ.get("CONFLICTMAP_DATA_DIR")
    os.environ["CONFLICTMAP_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))
    try:
        yield Gazetteer.load()
    finally:
        if old is None:
            os.environ.pop("CONFLICTMAP_DATA_DIR", None)
        else:
            os.environ["CONFLICTMAP_DATA_DIR"] = old


def test_real_m4_patrol_from_saraqib_westwards(real_gazetteer):
    text = (
        "سيرت القوات الروسية والتركية أمس الأربعاء دورية مشتركة جديدة على طريق M4، "
        "انطلقت من مدينة سراقب باتجاه أريحا وصولاً إلى جسر الشغور."
    )
    art = article_from_text(text, article_id="m4", published=PUB)
    (ev,) = [e for e in extract_events(art, gazetteer=real_gazetteer) if e.event_type == "patrol"]
    saraqib = real_gazetteer.get("gn:164816").point
    ariha = real_gazetteer.get("gn:172994").point
    jisr = real_gazetteer.get("gn:169023").point
    coords = list(ev.geometry.coords)
    assert haversine_km(coords[0], saraqib) < 3
    assert haversine_km(coords[-1], jisr) < 3
    assert ev.geometry.distance(Point(ariha)) < 0.03
    assert ev.date == dt.date(2020, 3, 4)


def test_real_summit_abroad_and_shelling_at_home(real_gazetteer):
    text = (
        "واجتمع الرئيسان في قمة في إسطنبول لبحث الوضع.\n"
        "وفي الأثناء قصفت قوات النظام بلدة سرمين شرق إدلب بقذائف المدفعية."
    )
    art = article_from_text(text, article_id="x", published=PUB)
    evs = extract_events(art, gazetteer=real_gazetteer)
    assert [e.sub_event_type for e in evs] == ["shelling"]
    assert evs[0].geometry.x > 35.5
    assert evs[0].geometry.x < 37.5


# --- properties on arbitrary text ---------------------------------------------------------

_WORDS = [
    "قصفت", "قوات", "النظام", "الحاضر", "كفرنوران", "الزربة", "دورية", "مشتركة", "سيرت", "من",
    "إلى", "باتجاه", "وصولاً", "بين", "و", "مقتل", "4", "جنود", "غارة", "أنقرة", "محادثات",
    "في", "بريف", "نقطة", "مراقبة", "انسحبت", "أعلنت", "وقف", "إطـ.لاق", "النار", "هدنة",
    "أمس", "الأحد", "3", "آذار", "الماضي", "ستبدأ", "الطريق", "الدولي", "،", ".", "\n",
    "بغداد", "العراق", "عبوة", "ناسفة", "هناك", "المنطقة", "«", "»", "بحسب", "رويترز",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=60), st.booleans())
def test_any_text_gives_well_formed_events(words, dated):
    text = " ".join(words)
    if not text.strip():
        return
    art = Article("fuzz", text, source=None, published=PUB if dated else None)
    evs = extract_events(art, gazetteer=GAZ)
    assert len({e.id for e in evs}) == len(evs)
    for e in evs:
        assert e.evidence
        assert e.evidence == text[e.evidence_start : e.evidence_end]
        assert e.date_precision in (1, 2, 3)
        assert e.geo_precision in (1, 2, 3)
        assert e.geometry is not None
        assert e.geometry.is_valid
        assert not e.geometry.is_empty
        assert e.status in ("reported", "planned")
    assert [e.id for e in extract_events(art, gazetteer=GAZ)] == [e.id for e in evs]
