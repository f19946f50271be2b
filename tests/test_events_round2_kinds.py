"""Rules added for unseen articles (round 2): what is an event, of which kind, with what toll.

Counts of cases, rumours denied, bodies found, deaths of nature, strikes named by who
flies, drones as the means of an offensive, raids to arrest, and tolls of mothers and
children or martyrs. Each rule on sentences written for this test; the places are the
synthetic ones of :mod:`tests.extract_fakes`.
"""

from __future__ import annotations

import datetime as dt

import pytest

from events.article import article_from_text
from events.classify import find_cues
from events.extract import extract_events
from events.fatalities import find_fatalities
from geo.roads import haversine_km
from tests.extract_fakes import A, FakeGazetteer, P

GAZ = FakeGazetteer()
PUB = dt.date(2021, 4, 14)


def run(text: str):
    art = article_from_text(text, article_id="r2k", source="مصدر تجريبي", published=PUB)
    return extract_events(art, gazetteer=GAZ)


def incident_subs(text: str) -> set[str | None]:
    return {c.sub_event_type for c in find_cues(text) if c.event_type == "incident"}


# --- tallies and denials -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ووثّق المرصد 12 حالة قصف على قرى الزربة خلال الأسبوع.",
        "وسجل ناشطون عدة حالات اختطاف في بلدة الحاضر.",
        "وشهدت المحافظة 27 عملية ومحاولة اغتيال خلال شهر كانون الثاني في الحاضر.",
        "وارتفع عدد قتلى انفجار الألغام في ريف حلب الجنوبي منذ مطلع العام إلى 60.",
        "وأكد مصدر أنه لا صحة للأنباء عن غارات على بلدة الزربة.",
        "وقال المتحدث إن الحديث عن قصف الحاضر عارٍ عن الصحة.",
    ],
)
def test_tallies_and_rumours_denied_are_no_events(text):
    assert run(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # operations of one day: the day's strikes, one event
        "ونفذت الطائرات الروسية ثلاث عمليات قصف على بلدة الحاضر، يوم الأحد.",
        "وسجل البيان 9 عمليات قصف خلال الساعات الـ24 الماضية طالت بلدة الحاضر.",
    ],
)
def test_operations_of_one_day_are_still_one_event(text):
    assert len(run(text)) == 1


# --- bodies found ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        ("عُثر على جثة شاب في بلدة الحاضر، يوم الأحد.", 1),
        ("عثر الأهالي على جثتي شابين قرب الزربة، يوم الأحد.", 2),
        ("وأعلن الدفاع المدني انتشال جثث 4 مدنيين في كفرنوران، يوم الأحد.", 4),
    ],
)
def test_bodies_found_are_killings_with_their_toll(text, toll):
    (ev,) = run(text)
    assert (ev.sub_event_type, ev.fatalities) == ("killing", toll)


@pytest.mark.parametrize(
    "text",
    [
        "وانتشلت فرق الدفاع المدني جثة طفل غريق من نهر قرب الحاضر.",
        "وعثر على جثة رجل توفي بسبب البرد في الزربة.",
    ],
)
def test_deaths_of_nature_are_no_killings(text):
    assert run(text) == []


# --- sub-types -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ضربة أمريكية تستهدف قيادياً في الزربة.",
        "وقتل 3 عناصر بضربة إسرائيلية على موقع قرب الحاضر.",
        "واستهداف إسرائيلي لمستودعات في محيط الزربة.",
        "وطالت الضربات الروسية أطراف الحاضر.",
    ],
)
def test_strikes_named_by_who_flies_are_airstrikes(text):
    assert "airstrike" in incident_subs(text)


def test_drones_as_the_means_of_an_offensive_are_no_drone_strike():
    text = "شنت قوات النظام هجوماً على بلدة الحاضر مستخدمة الطائرات المسيرة، يوم الأحد."
    assert [e.sub_event_type for e in run(text)] == ["attack"]
    # a strike with drones is still one
    assert "drone_strike" in incident_subs("قصفت قوات النظام بلدة الحاضر بالطائرات المسيرة.")


def test_a_raid_to_arrest_is_no_clash():
    assert "clashes" not in incident_subs("اقتحمت قوة أمنية منزل شاب في بلدة الحاضر واعتقلته.")
    assert "clashes" in incident_subs("اقتحمت الفصائل بلدة الحاضر بعد منتصف الليل.")


# --- tolls -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("قُتلت مواطنة وطفلاها بقصف على البلدة", 3),
        ("استشهد رجل وابناه بغارة", 3),
        ("ارتقاء شهيد بقصف مدفعي", 1),
        ("سقوط شهيدين بقصف", 2),
    ],
)
def test_tolls_of_families_and_martyrs(text, count):
    assert [f.count for f in find_fatalities(text)] == [count]


# --- one clause, two towns; a headline's day -------------------------------------------


def test_two_towns_far_apart_are_two_events():
    # الحاضر and الزربة lie ~70 km apart in the fake table, كفرنوران ~36 km from each
    evs = run("قصفت قوات النظام بلدتي الحاضر والزربة وقرية كفرنوران، يوم الأحد.")
    assert sorted(e.places[0].name_ar for e in evs) == ["الحاضر", "الزربة", "كفرنوران"]
    assert len({e.id for e in evs}) == 3
    assert all(len(e.places) == 1 for e in evs)


def test_towns_near_each_other_stay_one_event():
    near = P("near", "تل النور", "village", lon=36.03, lat=35.01)  # ~3 km from الحاضر
    art = article_from_text(
        "شنت طائرات روسية غارات على الحاضر وتل النور، يوم الأحد.",
        article_id="r2n",
        source="مصدر تجريبي",
        published=PUB,
    )
    evs = extract_events(art, gazetteer=FakeGazetteer({"تل النور": near}))
    assert len(evs) == 1


def test_a_region_after_a_town_is_no_second_event():
    assert len(run("شنت طائرات روسية غارات على الحاضر وفي ريف حلب الجنوبي، يوم الأحد.")) == 1


def test_headline_day_does_not_override_the_body():
    text = (
        "مقتل مدنيين بقصف لقوات النظام على الحاضر اليوم\n"
        "قُتل مدنيان اثنان بقصف مدفعي لقوات النظام على بلدة الحاضر، مساء أمس الثلاثاء."
    )
    (ev,) = run(text)
    assert (ev.date, ev.fatalities) == (dt.date(2021, 4, 13), 2)


def test_towns_at_the_ends_of_a_road_are_one_place():
    text = "انفجرت عبوة ناسفة على الطريق بين مدينتي الحاضر والزربة، يوم الأحد."
    assert len(run(text)) == 1


# --- where: the target, not the source of fire; not where people fled ------------------


@pytest.mark.parametrize(
    "text",
    [
        "قصف مدفعي مصدره الزربة استهدف بلدة الحاضر، يوم الأحد.",
        "سقطت قذائف مصدرها مواقع قوات النظام في الزربة على بلدة الحاضر، يوم الأحد.",
        "نزح مئات المدنيين إلى الزربة بعد قصف عنيف على بلدة الحاضر، يوم الأحد.",
        "فرّت عشرات العائلات باتجاه مدينة الزربة هرباً من القصف على الحاضر، يوم الأحد.",
    ],
)
def test_the_event_is_at_the_target(text):
    (ev,) = run(text)
    assert [p.name_ar for p in ev.places] == ["الحاضر"]
    assert haversine_km(ev.geometry.coords[0], A.point) < 1.0


def test_a_road_leading_to_a_town_is_no_flight():
    (ev,) = run("قصفت قوات النظام الطريق المؤدي إلى الزربة، يوم الأحد.")
    assert [p.name_ar for p in ev.places] == ["الزربة"]


@pytest.mark.parametrize(
    ("update", "toll"),
    [
        ("وارتفعت الحصيلة إلى 9 قتلى.", 9),  # the toll named alone
        ("وارتفعت الحصيلة إلى 12 جريحاً.", None),  # the wounded
        ("وارتفعت حصيلة الجرحى إلى 12.", None),
    ],
)
def test_a_rise_of_the_toll_named_alone(update, toll):
    text = "انفجرت عبوة ناسفة بسيارة تقل 4 عناصر في بلدة الحاضر، يوم الأحد. " + update
    (ev,) = run(text)
    assert ev.fatalities == toll


def test_weapons_of_one_attack_are_one_incident():
    text = (
        "تعرضت حافلة عسكرية لهجوم من خلايا داعش في بادية الحاضر بالرشاشات والقذائف "
        "الصاروخية، يوم الأحد."
    )
    assert len(run(text)) == 1


def test_a_sentence_final_day_dates_every_incident_before_it():
    evs = run("قصف على الحاضر واشتباكات قرب الزربة، يوم الأحد.")
    assert {e.sub_event_type: e.date for e in evs} == {
        "shelling": dt.date(2021, 4, 11),
        "clashes": dt.date(2021, 4, 11),
    }


def test_a_day_inside_another_incidents_clause_is_its_own():
    evs = run("قصفت قوات النظام الحاضر، فيما اندلعت اشتباكات في الزربة يوم الأحد.")
    assert {e.sub_event_type: e.date for e in evs}["shelling"] == PUB


def test_an_unknown_village_takes_the_articles_area():
    text = "تشهد منطقة الحاضر توتراً أمنياً. وقصفت قوات النظام قرية تل الصوان، يوم الإثنين."
    (ev,) = run(text)
    assert (ev.places[0].name_ar, ev.geo_precision) == ("الحاضر", 3)


def test_an_unknown_village_in_an_unknown_area_is_not_guessed():
    text = (
        "تشهد منطقة الحاضر توتراً أمنياً. "
        "وقصفت قوات النظام قرية تل الصوان في منطقة جبل الوهم، يوم الإثنين."
    )
    assert run(text) == []
