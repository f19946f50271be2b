"""Precision rules of the extractor, each on sentences written for this test.

What is one event and what is none: comparisons, circumstance clauses, the date of a
signing, a headline or a later sentence that tells an incident again, bodies found,
ground taken, places abroad that are namesakes of Syrian villages, joint patrols and
where a stopped patrol got to. The places are the synthetic ones of
:mod:`tests.extract_fakes`.
"""

from __future__ import annotations

import datetime as dt

import pytest

from events.article import article_from_text
from events.classify import find_cues
from events.extract import extract_events
from events.fatalities import find_fatalities
from geo.roads import haversine_km
from tests.extract_fakes import OFF, REGION, A, B, C, FakeGazetteer, P

#: a village abroad whose name a Syrian village also has (made-up name and point)
NAMESAKE = P("ns", "تل الوهم", "village", "PS", lon=35.0, lat=31.6)
GAZ = FakeGazetteer({"تل الوهم": NAMESAKE})
PUB = dt.date(2021, 4, 14)  # a Wednesday


def run(text: str, published: dt.date | None = PUB):
    art = article_from_text(text, article_id="p1", source="مصدر تجريبي", published=published)
    return extract_events(art, gazetteer=GAZ)


def at(ev, place, km: float = 1.0) -> bool:
    return any(haversine_km(c, place.point) <= km for c in ev.geometry.coords)


def incident_subs(text: str) -> set[str | None]:
    return {c.sub_event_type for c in find_cues(text) if c.event_type == "incident"}


# --- comparisons ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "وأدانت المنظمة ذلك، كما هو الحال في هجمات مماثلة استهدفت مدنيين في المنطقة.",
        "وحذرت من تكرار هجمات مشابهة استهدفت الأسواق الشعبية.",
        "ويأتي ذلك على غرار تفجيرات ضربت المدينة العام الماضي.",
    ],
)
def test_what_an_event_is_compared_with_is_no_event(text):
    assert incident_subs(text) == set()


def test_a_single_similar_drone_is_still_a_strike():
    assert incident_subs("واستهدفت مسيّرة مماثلة سيارة مدنية قرب الحاضر.") == {"drone_strike"}


# --- clauses -------------------------------------------------------------------------


def test_an_amid_clause_is_part_of_the_battle_and_does_not_retype_it():
    (ev,) = run(
        "تواصلت المعارك على أطراف الزربة لليوم الثالث، وسط قصف مدفعي عنيف على محاور القتال."
    )
    assert ev.sub_event_type == "clashes"
    assert at(ev, C)


def test_an_amid_clause_adds_its_toll():
    (ev,) = run("قصفت الفصائل مواقع قوات النظام في الحاضر، وسط أنباء عن مقتل عنصر منها.")
    assert (ev.sub_event_type, ev.fatalities) == ("shelling", 1)


@pytest.mark.parametrize(
    "text",
    [
        "استعادت الفصائل السيطرة على بلدة الزربة بعد هجوم معاكس على مواقع قوات النظام.",
        "سيطرت قوات النظام على قرية كفرنوران بعد يومين من المعارك.",
        "شنت الفصائل هجوماً معاكساً على مواقع النظام قرب الحاضر.",
    ],
)
def test_ground_taken_or_a_counter_attack_is_a_clash(text):
    assert "clashes" in incident_subs(text)


def test_control_told_as_a_time_mark_is_no_clash():
    assert incident_subs("وتحاصر القوات النقطة منذ عام، عندما سيطرت على ريف حلب الجنوبي.") == set()


# --- dates ---------------------------------------------------------------------------


def test_the_day_an_agreement_was_signed_is_not_the_patrols_day():
    evs = run(
        "سيرت القوات الروسية والتركية، اليوم الأربعاء، دورية مشتركة على الطريق الدولي.\n"
        "وقالت الوزارة إن الدورية نُفذت في إطار البروتوكول الإضافي للمذكرة الموقعة في "
        "أنقرة يوم 3 شباط الماضي."
    )
    (ev,) = [e for e in evs if e.event_type == "patrol"]
    assert ev.date == PUB


# --- one incident told several times ------------------------------------------------


def test_a_headline_west_of_a_town_and_the_body_and_its_explanation_are_one_incident():
    evs = run(
        "اغتيال قيادي بعبوة لاصقة غربي الزربة\n"
        "قُتل قيادي في فصيل معارض، صباح اليوم، بانفجار عبوة ناسفة زُرعت في سيارته في "
        "بلدة كفرنوران.\n"
        "وقالت مصادر محلية إن الانفجار وقع أثناء توجهه إلى مقر عمله في البلدة، مرجحة "
        "وقوف خلايا تابعة للنظام وراء عملية الاغتيال."
    )
    (ev,) = evs
    assert ev.sub_event_type == "ied"
    assert ev.fatalities == 1
    assert at(ev, B)


def test_the_definite_strikes_of_a_later_sentence_give_the_finer_place():
    evs = run(
        "شنت الطائرات الحربية غارات على مواقع في ريف حلب الجنوبي، صباح اليوم.\n"
        "وقال الدفاع المدني إن الغارات طالت منازل مدنيين في أطراف قرية كفرنوران."
    )
    (ev,) = evs
    assert ev.sub_event_type == "airstrike"
    assert at(ev, B)
    assert haversine_km(B.point, REGION.point) < 15  # the fixture: the village is inside


def test_a_definite_event_noun_far_away_or_a_new_report_is_another_incident():
    evs = run("قصفت قوات النظام بلدة الحاضر صباح اليوم.\nوطال القصف أيضاً أطراف دير حافر.")
    assert len(evs) == 2
    assert haversine_km(A.point, OFF.point) > 40
    evs = run("قصفت قوات النظام بلدة الحاضر صباح اليوم.\nوشنت طائرات حربية غارات على الزربة.")
    assert sorted(e.sub_event_type for e in evs) == ["airstrike", "shelling"]


# --- tolls ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("اغتال مسلحون مجهولون، ليلة أمس، عنصراً سابقاً في الفصائل", 1),
        ("اغتالت خلية مجهولة ثلاثة عناصر من الشرطة", 3),
        ("عُثر صباح اليوم على جثة رجل مقتولاً", 1),
        ("اغتيال ناشط إعلامي بإطلاق نار في المدينة", 1),
    ],
)
def test_the_killed_object_of_an_assassination_or_a_body(text, count):
    assert [f.count for f in find_fatalities(text)] == [count]


def test_an_attempted_assassination_kills_nobody():
    assert find_fatalities("نجا قيادي من محاولة اغتيال قيادي آخر بعبوة") == []


def test_a_body_found_with_the_marks_of_a_killing_is_one():
    (ev,) = run("وعُثر مساء أمس على جثة شاب مقتولاً بطلقات نارية قرب قرية كفرنوران.")
    assert ev.fatalities == 1
    assert ev.sub_event_type in ("killing", "shooting")
    assert at(ev, B)


def test_a_body_without_marks_of_violence_is_no_incident():
    assert incident_subs("انتشلت فرق الإنقاذ جثة طفل غرق في النهر.") == set()


# --- places abroad -------------------------------------------------------------------


def test_a_village_abroad_is_a_namesake_the_articles_area_stands_in():
    evs = run(
        "تشهد قرى ريف حلب الجنوبي توتراً أمنياً.\n"
        "وقصفت القوات التركية بالمدفعية الثقيلة قرية تل الوهم، ما أسفر عن أضرار مادية."
    )
    (ev,) = evs
    assert ev.extra.get("in_syria", True)
    assert at(ev, REGION)
    assert ev.geo_precision == 3


# --- patrols -------------------------------------------------------------------------


def test_a_patrol_in_an_article_about_joint_patrols_is_joint_and_ends_where_it_was_hit():
    evs = run(
        "انفجار يستهدف دورية مشتركة على الطريق الدولي\n"
        "انفجرت عبوة ناسفة صباح اليوم بدورية عسكرية قرب بلدة كفرنوران.\n"
        "وقالت مصادر إن الدورية انطلقت من الحاضر، وكان مقرراً أن تصل إلى الزربة، لكنها "
        "توقفت بعد الانفجار وعادت أدراجها."
    )
    (patrol,) = [e for e in evs if e.event_type == "patrol"]
    assert patrol.sub_event_type == "joint_patrol"
    coords = list(patrol.geometry.coords)
    assert haversine_km(coords[0], A.point) < 3
    assert haversine_km(coords[-1], B.point) < 3


# --- toll updates --------------------------------------------------------------------


def test_a_risen_toll_updates_the_incident_and_makes_none():
    evs = run(
        "قصفت قوات النظام بالمدفعية بلدة الحاضر صباح اليوم، ما أدى لمقتل مدنيين اثنين.\n"
        "وشنت طائرات حربية غارات على الزربة.\n"
        "وارتفع عدد ضحايا القصف المدفعي على الحاضر إلى 5 قتلى بينهم طفلان."
    )
    assert sorted(e.sub_event_type for e in evs) == ["airstrike", "shelling"]
    (shelling,) = [e for e in evs if e.sub_event_type == "shelling"]
    assert shelling.fatalities == 5


def test_the_toll_of_the_battles_told_later_goes_to_the_clash():
    evs = run(
        "اندلعت اشتباكات عنيفة فجر اليوم على أطراف بلدة الزربة.\n"
        "وأكدت مصادر عسكرية أن المعارك أسفرت عن مقتل أكثر من 12 عنصراً."
    )
    (ev,) = evs
    assert (ev.sub_event_type, ev.fatalities) == ("clashes", 12)


def test_a_new_toll_with_an_indefinite_event_is_not_an_update():
    evs = run(
        "اندلعت اشتباكات عنيفة فجر اليوم على أطراف بلدة الزربة.\n"
        "وقُتل ثلاثة مدنيين بقصف على بلدة الحاضر."
    )
    clash = next(e for e in evs if e.sub_event_type == "clashes")
    assert clash.fatalities is None


# --- districts and areas -------------------------------------------------------------


def test_the_district_of_a_town_is_near_it_not_the_town():
    (ev,) = run("قصفت القوات التركية اليوم قرى في منطقة الزربة.")
    assert ev.geo_precision == 2


def test_of_two_areas_the_smaller_one_places_the_event():
    mountain = P("mt", "جبل التجربة", "area", lon=36.7, lat=35.05, precision_km=10)
    gaz = FakeGazetteer({"جبل التجربة": mountain})
    art = article_from_text(
        "وفي ريف حلب الجنوبي، تواصلت المعارك على محور قرية مجهولة في جبل التجربة.",
        article_id="p2",
        published=PUB,
    )
    (ev,) = extract_events(art, gazetteer=gaz)
    assert at(ev, mountain)


# --- titles, shooters, weapons as things ---------------------------------------------


def test_a_title_after_a_kicker_line_sums_up_the_body():
    evs = run(
        "● أخبار محلية | الأربعاء ١٤ نيسان\n"
        "مسيّرة تقصف موقعاً عسكرياً قرب الزربة\n"
        "استهدفت طائرة مسيّرة، مساء أمس الثلاثاء، موقعاً عسكرياً في قرية كفرنوران، ما "
        "أدى إلى مقتل عنصرين."
    )
    (ev,) = evs
    assert (ev.sub_event_type, ev.fatalities) == ("drone_strike", 2)
    assert at(ev, B)
    assert ev.date == dt.date(2021, 4, 13)


def test_shells_fired_from_two_villages_one_unknown_hit_the_target():
    evs = run(
        "قُتل مدني جراء اعتداء المجموعات المسلحة المنتشرة في بلدتي المجهولة والحاضر "
        "بالقذائف على بلدة الزربة."
    )
    (ev,) = evs
    assert at(ev, C)


@pytest.mark.parametrize(
    "text",
    [
        "ودمرت القوات منصات إطلاق صواريخ وآليات للمسلحين.",
        "وضبطت الشرطة شحنة صواريخ في مستودع مهجور.",
        "وعثر الأهالي على ورشة لتصنيع عبوات ناسفة.",
    ],
)
def test_weapons_named_as_things_are_not_fire(text):
    assert incident_subs(text) & {"shelling", "ied"} == set()


def _draft(point, gprec, radius, *, headline=False, sentence=0, sub="airstrike"):
    from shapely.geometry import Point

    from events.merge import Draft

    return Draft(
        event_type="incident",
        sub=sub,
        status="reported",
        date=PUB,
        date_end=None,
        date_precision=1,
        date_own=True,
        geometry=Point(point),
        geo_precision=gprec,
        start=sentence * 10,
        end=sentence * 10 + 9,
        first=sentence,
        last=sentence,
        radius_km=radius,
        headline=headline,
    )


def test_a_finer_place_far_outside_the_report_does_not_move_it():
    from events.merge import merge_drafts

    body = _draft(C.point, 2, 15.0, sentence=1)
    far_title = _draft((41.6, 37.0), 1, 1.0, headline=True)
    from gazetteer.model import Mention

    # the title also names the body's town, so the two are one incident
    body.places = far_title.places = [Mention(0, 6, "الزربة", C, 0.9)]
    (merged,) = merge_drafts([far_title, body])
    assert haversine_km(merged.geometry.coords[0], C.point) < 1


def test_a_finer_place_inside_the_report_refines_it():
    from events.merge import merge_drafts

    region = _draft(REGION.point, 3, 30.0, sentence=1)
    village = _draft(B.point, 1, 1.0, sentence=2)
    village.definite = True
    (merged,) = merge_drafts([region, village])
    assert haversine_km(merged.geometry.coords[0], B.point) < 1


# --- denials, habits, background -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ونفت وزارة الدفاع أن تكون طائراتها قد شنت غارات على المنطقة خلال الأسبوع الماضي.",
        "ونفى المتحدث باسم الفصيل حدوث أي قصف على مواقع النظام.",
        "وتتعرض بلدات المنطقة لقصف شبه يومي من قوات النظام.",
        "وتستهدف الطائرات المسيّرة الطريق بشكل متكرر.",
        "وتشهد المنطقة توتراً منذ أن قصفت الطائرات محيط المدينة قبل أسبوعين.",
    ],
)
def test_denied_habitual_or_time_mark_cues_are_no_events(text):
    assert incident_subs(text) == set()


def test_shelling_going_on_now_is_still_an_event():
    assert incident_subs("وتتعرض بلدة الحاضر منذ الصباح لقصف مدفعي عنيف.") == {"shelling"}


def test_an_event_long_before_publication_is_background():
    evs = run(
        "قصفت قوات النظام بلدة الحاضر صباح اليوم.\n"
        "وكانت قوات النظام قد سيطرت على بلدة الزربة في آب 2019 بعد معارك عنيفة."
    )
    assert [e.sub_event_type for e in evs] == ["shelling"]


def test_a_condemned_attack_and_the_car_bomb_that_was_it_are_one():
    evs = run(
        "أدانت الخارجية بشدة الهجوم الذي استهدف مدنيين في بلدة الحاضر أمس.\n"
        "وكان انفجار سيارة مفخخة قد هز سوق البلدة صباح أمس، ما أسفر عن مقتل 6 مدنيين."
    )
    (ev,) = evs
    assert (ev.sub_event_type, ev.fatalities) == ("car_bomb", 6)


def test_ongoing_battles_and_a_village_retaken_nearby_are_two_clashes():
    evs = run(
        "تتواصل المعارك العنيفة على محاور بلدة الحاضر منذ صباح اليوم.\n"
        "وقال مراسلنا إن الفصائل استعادت السيطرة على قرية كفرنوران بعد اشتباكات أسفرت "
        "عن مقتل 5 عناصر."
    )
    assert [e.sub_event_type for e in evs] == ["clashes", "clashes"]


def test_the_second_item_of_a_title_joins_the_report_the_first_merged_with():
    evs = run(
        "قصف متبادل في ريف حلب الجنوبي ومقتل مدني في كفرنوران\n"
        "قصفت قوات النظام بالمدفعية قرية كفرنوران صباح اليوم، ما أدى إلى مقتل مدني."
    )
    (ev,) = evs
    assert (ev.sub_event_type, ev.fatalities) == ("shelling", 1)


def test_an_undated_pluperfect_incident_is_background_a_dated_one_is_news():
    evs = run(
        "قصفت قوات النظام بلدة الحاضر صباح اليوم.\n"
        "وكانت طائرات حربية قد استهدفت بلدة الزربة بغارات عنيفة.\n"
        "وكانت مسيّرة تركية قد قصفت يوم الأحد الماضي سيارة قرب كفرنوران."
    )
    assert sorted(e.sub_event_type for e in evs) == ["drone_strike", "shelling"]


def test_a_toll_risen_since_the_start_of_the_year_is_a_tally_not_an_update():
    evs = run(
        "قُتل 5 عناصر من قوات النظام مساء أمس بهجوم على نقطة عسكرية قرب الزربة.\n"
        "وبذلك يرتفع عدد قتلى قوات النظام منذ مطلع العام إلى 120 عنصراً."
    )
    (ev,) = evs
    assert ev.fatalities == 5


def test_strikes_two_days_before_the_incident_are_dated_two_days_before():
    evs = run(
        "انفجرت عبوة ناسفة بسيارة عسكرية قرب الحاضر صباح اليوم.\n"
        "وتأتي الحادثة بعد يومين من غارات روسية استهدفت محيط بلدة الزربة."
    )
    (air,) = [e for e in evs if e.sub_event_type == "airstrike"]
    assert air.date == PUB - dt.timedelta(days=2)


@pytest.mark.parametrize(
    ("before", "days"),
    [
        ("بعد يومين من ", (2, 2)),
        ("عقب ثلاثة أيام من ", (3, 3)),
        ("بعد أسبوع على ", (7, 7)),
        ("بعد أيام من ", (2, 7)),
        ("بعد الظهر ", None),
    ],
)
def test_days_before_the_reference(before, days):
    from events.dates_patterns import days_before_reference
    from gazetteer.normalize import normalize

    assert days_before_reference(normalize(before)) == days


@pytest.mark.parametrize(
    "text",
    [
        "وحذر المبعوث الأممي من أن أي هجوم عسكري على المدينة سيؤدي إلى كارثة إنسانية.",
        "وفي حال شنت قوات النظام هجوماً على المنطقة فإن آلاف المدنيين سينزحون.",
        "وقال القائد إن قواته سترد على أي اعتداء.",
        "وإذا تعرضت النقطة لقصف فستنسحب القوات منها.",
    ],
)
def test_warnings_conditions_and_any_attack_are_no_events(text):
    assert incident_subs(text) == set()


def test_a_cautious_calm_is_no_warning():
    text = (
        "ساد هدوء حذر الجبهات، منذ دخول اتفاق وقف إطلاق النار الذي أعلنه الرئيسان حيز "
        "التنفيذ، عند منتصف الليل."
    )
    assert [c.event_type for c in find_cues(text)] == ["ceasefire"]


def test_a_monthly_toll_is_a_tally_not_one_event():
    evs = run(
        "وثقت الشبكة مقتل 150 مدنياً في ريف حلب الجنوبي خلال شهر آذار الماضي.",
        published=dt.date(2021, 4, 2),
    )
    assert evs == []


def test_state_media_aggression_is_an_air_strike_told_once():
    evs = run(
        "تصدت وسائط الدفاع الجوي لعدوان إسرائيلي بالصواريخ استهدف نقاطاً في محيط الحاضر "
        "فجر اليوم.\n"
        "وقال مصدر عسكري إن العدو نفذ عدواناً جوياً استهدف نقاطاً في محيط الحاضر، ما أدى "
        "إلى استشهاد جنديين."
    )
    (ev,) = evs
    assert (ev.sub_event_type, ev.fatalities) == ("airstrike", 2)


def test_the_span_of_a_count_of_its_kind_is_not_the_events_date():
    evs = run(
        "وأنشأ الجيش التركي نقطة عسكرية جديدة في بلدة الحاضر، هي الثالثة من نوعها خلال "
        "الشهر الجاري."
    )
    (ev,) = evs
    assert ev.event_type == "observation_post"
    assert (ev.date, ev.date_end) == (PUB, None)


def test_a_cause_clause_and_a_risen_toll_make_one_car_bomb():
    evs = run(
        "عاجل | انفجار عنيف يهز بلدة الزربة\n"
        "هز انفجار عنيف، مساء اليوم، بلدة الزربة، ناجم عن انفجار سيارة مفخخة قرب دوار "
        "وسط البلدة، ما أدى إلى سقوط 8 قتلى.\n"
        "وفي وقت لاحق، ارتفعت حصيلة ضحايا التفجير إلى 11 قتيلاً، بحسب مصادر طبية."
    )
    (ev,) = evs
    assert (ev.sub_event_type, ev.fatalities) == ("car_bomb", 11)
    assert at(ev, C)


def test_the_forces_stationed_in_a_camp_fire_at_the_villages_after_the_verb():
    camp = P("camp", "التجربة", "village", lon=36.2, lat=35.3)
    gaz = FakeGazetteer({"التجربة": camp})
    art = article_from_text(
        "قصفت قوات النظام المتمركزة في معسكر التجربة بالمدفعية الثقيلة قرية كفرنوران، ظهر اليوم.",
        article_id="p3",
        published=PUB,
    )
    (ev,) = extract_events(art, gazetteer=gaz)
    assert at(ev, B)


def test_the_day_of_an_announcement_is_not_the_day_of_the_attack():
    (ev,) = run(
        "أعلنت قوات الأمن الداخلي، الأربعاء، مقتل 4 من عناصرها في هجوم على حاجز لها قرب "
        "بلدة الزربة، ليلة الثلاثاء."
    )
    assert ev.date == dt.date(2021, 4, 13)
    assert ev.fatalities == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ورصد المركز قيام المسلحين بتحضيرات لشن هجوم على مواقع الجيش.", set()),
        ("وأرسلت القوات تعزيزات لشن هجوم على البلدة.", set()),
        ("وعاد الطيران الحربي لشن غارات على البلدة بعد توقف دام أسبوعاً.", {"airstrike"}),
    ],
)
def test_preparations_and_purposes_are_no_events_but_resumed_raids_are(text, expected):
    assert incident_subs(text) == expected


def test_the_hometown_of_the_dead_is_not_a_second_killing():
    evs = run(
        "استهدفت طائرة مسيّرة، ظهر اليوم، سيارة قرب بلدة الزربة، ما أدى إلى مقتل شخصين.\n"
        "وقالت مصادر محلية إن القتيلين ينحدران من بلدة الحاضر."
    )
    (ev,) = evs
    assert at(ev, C)


def test_a_new_base_is_not_at_a_village_called_new():
    new_village = P("jd", "جديدة", "village", lon=36.1, lat=33.6)
    gaz = FakeGazetteer({"جديدة": new_village, "قاعدة الزربة": C})
    art = article_from_text(
        "تعمل القوات التركية على إنشاء قاعدة عسكرية جديدة في ريف حلب الجنوبي.\n"
        "وقصفت قوات النظام بلدة جديدة صباح اليوم.",
        article_id="p4",
        published=PUB,
    )
    evs = extract_events(art, gazetteer=gaz)
    post = next(e for e in evs if e.event_type == "observation_post")
    assert at(post, REGION)
    shelling = next(e for e in evs if e.event_type == "incident")
    assert at(shelling, new_village)


def test_a_town_abroad_named_with_its_countrys_adjective_stays_abroad():
    border = P("tr", "قره قلعة", "town", "TR", lon=38.0, lat=36.8)
    gaz = FakeGazetteer({"قره قلعة": border})
    art = article_from_text(
        "وسقطت قذائف صاروخية على بلدة قره قلعة التركية، ما أدى إلى إصابة مدنيين.",
        article_id="p5",
        published=PUB,
    )
    (ev,) = extract_events(art, gazetteer=gaz)
    assert ev.extra.get("in_syria") is False
    assert at(ev, border)


@pytest.mark.parametrize(
    "text",
    [
        "وقال البيان إن الهجمات الأخيرة أسفرت عن مقتل عشرات المدنيين ونزوح الآلاف.",
        "وشدد الكرملين على مكافحة الإرهاب، متهماً الهيئة بشن هجمات على مواقع الجيش.",
    ],
)
def test_recent_attacks_summed_up_and_accusations_of_attacks_are_no_events(text):
    assert incident_subs(text) == set()


def test_an_accusation_of_one_dated_strike_is_still_a_report():
    assert incident_subs("واتهمت الإدارة الذاتية تركيا بقصف قرية الزربة صباح اليوم.") == {
        "shelling"
    }


def test_a_toll_of_an_escalation_since_weeks_is_a_tally():
    evs = run(
        "وتتعرض مناطق ريف حلب الجنوبي لتصعيد عسكري منذ أسبوعين، أدى لمقتل أكثر من 40 "
        "مدنياً بحسب فرق الإنقاذ."
    )
    assert evs == []


def test_a_definite_name_clipped_inside_a_word_is_no_place():
    raqqa = P("rq", "الرقة", "city", lon=39.0, lat=35.95)
    gaz = FakeGazetteer({"رقه": raqqa, "الرقة": raqqa})
    art = article_from_text(
        "شنت طائرات حربية غارات على بلدة الزربة صباح اليوم.\n"
        "وقال الدفاع المدني إن فرقه انتشلت الضحايا، وإن الغارات دمرت منازل عدة.",
        article_id="p6",
        published=PUB,
    )
    (ev,) = extract_events(art, gazetteer=gaz)
    assert at(ev, C)
