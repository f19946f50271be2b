"""extract_events on short articles written for the tests: what is one event, what is none.

The rules are general rules of Arabic news prose (intentions, trends, consequences, second
clauses, headlines, a patrol told in two sentences …); the sentences are made up and use
the synthetic places of :mod:`tests.extract_fakes`.
"""

from __future__ import annotations

import datetime as dt

from events.article import article_from_text
from events.extract import extract_events
from geo.roads import haversine_km
from tests.extract_fakes import A, B, C, FakeGazetteer, P

BASE = P("base", "قاعدة الزربة الجوية", "site", lon=36.85, lat=35.06)
GAZ = FakeGazetteer({"قاعدة الزربة الجوية": BASE})
PUB = dt.date(2020, 3, 5)  # a Thursday


def run(text: str, published: dt.date | None = PUB):
    art = article_from_text(text, article_id="r1", source="مصدر تجريبي", published=published)
    return extract_events(art, gazetteer=GAZ)


def at(ev, place, km: float = 1.0) -> bool:
    return any(haversine_km(c, place.point) <= km for c in ev.geometry.coords)


def test_the_object_of_a_plan_is_not_where_something_happened():
    evs = run(
        "وقالت وزارة الدفاع إن قواتها الجوية دمرت مخازن للمسلحين في الحاضر، كانوا يخططون "
        "لاستخدامها في هجمات بطائرات مسيرة على قاعدة الزربة الجوية."
    )
    assert [(e.event_type, e.sub_event_type) for e in evs] == [("incident", "airstrike")]
    assert at(evs[0], A)
    assert not any(at(e, BASE, 10) for e in evs)


def test_a_trend_or_a_back_reference_is_no_event_and_a_base_is_no_fallback():
    evs = run(
        "قصفت قوات النظام قاعدة الزربة الجوية أمس.\n"
        "وكانت الغارات قد تراجعت في المنطقة لأسابيع قبل ذلك.\n"
        "وتعد هذه الغارات الأعنف على المنطقة منذ مطلع العام."
    )
    assert [e.sub_event_type for e in evs] == ["shelling"]


def test_anaphor_after_a_base_falls_back_to_the_area_not_the_base():
    evs = run(
        "تقع قاعدة الزربة الجوية في ريف حلب الجنوبي.\n"
        "وقُتل ثلاثة مدنيين بقصف مدفعي على المنطقة صباح اليوم."
    )
    (ev,) = evs
    assert not at(ev, BASE, 5)
    assert ev.geo_precision == 3


def test_a_consequence_clause_belongs_to_its_incident_with_the_sentences_date():
    evs = run(
        "استهدفت طائرة مسيرة، مساء أمس الأربعاء، سيارة عسكرية قرب بلدة كفرنوران، "
        "ما أدى لمقتل ثلاثة عناصر كانوا بداخلها."
    )
    (ev,) = evs
    assert (ev.sub_event_type, ev.fatalities) == ("drone_strike", 3)
    assert ev.date == dt.date(2020, 3, 4)
    assert at(ev, B)


def test_a_headline_and_its_dated_report_are_one_event_with_the_reports_date():
    evs = run(
        "مسيرة تستهدف سيارة قرب كفرنوران\n"
        "استهدفت طائرة مسيرة، مساء أمس الأربعاء، سيارة عسكرية قرب بلدة كفرنوران، "
        "ما أدى لمقتل ثلاثة عناصر."
    )
    (ev,) = evs
    assert ev.date == dt.date(2020, 3, 4)
    assert ev.fatalities == 3
    assert ev.evidence.startswith("استهدفت")


def test_a_headline_sums_up_with_another_sub_type():
    evs = run(
        "قصف روسي على الزربة\nشنت الطائرات الحربية الروسية غارات جوية على بلدة الزربة صباح اليوم."
    )
    (ev,) = evs
    assert ev.sub_event_type == "airstrike"


def test_two_incidents_joined_by_wa_in_a_headline():
    evs = run("قصف على الحاضر واشتباكات قرب الزربة\nوتحدثت مصادر محلية عن أضرار كبيرة.")
    assert sorted(e.sub_event_type for e in evs) == ["clashes", "shelling"]
    shelling = next(e for e in evs if e.sub_event_type == "shelling")
    assert at(shelling, A)


def test_a_second_clause_with_fima_is_a_second_incident():
    evs = run(
        "شنت الطائرات الحربية غارات على بلدة الحاضر، ما أدى لمقتل مدنيين اثنين، فيما "
        "نفذت طائرات روسية غارات على أطراف قرية كفرنوران."
    )
    assert len(evs) == 2
    first, second = sorted(evs, key=lambda e: e.evidence_start)
    assert at(first, A)
    assert first.fatalities == 2
    assert at(second, B, 15)
    assert second.fatalities is None


def test_a_shootdown_does_not_retype_the_shelling_of_its_sentence():
    evs = run(
        "قصفت قوات النظام بلدة الزربة، في حين دوت انفجارات في سماء المنطقة إثر إسقاط "
        "الفصائل طائرة مسيرة."
    )
    assert [e.sub_event_type for e in evs] == ["shelling"]
    assert at(evs[0], C)


def test_a_tally_over_weeks_is_not_one_event():
    evs = run(
        "ووثق المرصد منذ مطلع الشهر الجاري 5 تفجيرات في الحاضر، أسفرت عن مقتل 9 أشخاص.",
        published=dt.date(2020, 3, 20),
    )
    assert evs == []


def test_one_patrol_told_in_two_sentences_is_one_joint_patrol_with_the_route():
    evs = run(
        "سيرت القوات الروسية والتركية، الثلاثاء، الدورية المشتركة العاشرة على الطريق الدولي.\n"
        "وقال بيان لوزارة الدفاع إن الدورية انطلقت من بلدة الزربة وصولاً إلى قرية الحاضر.\n"
        "وأشار البيان إلى أن الدورية نفذت بمشاركة مدرعات، فضلا عن طائرات مسيرة لتأمين "
        "المنطقة جوا."
    )
    (ev,) = evs
    assert (ev.event_type, ev.sub_event_type) == ("patrol", "joint_patrol")
    coords = list(ev.geometry.coords)
    assert haversine_km(coords[0], C.point) < 1
    assert haversine_km(coords[-1], A.point) < 1


def test_patrols_agreed_on_are_planned_or_nothing():
    text = "واتفق الجانبان في أنقرة على تسيير دوريات مشتركة على الطريق الدولي بدءاً من 15 آذار 2020."
    (ev,) = run(text, published=dt.date(2020, 3, 5))
    assert (ev.event_type, ev.status, ev.date) == ("patrol", "planned", dt.date(2020, 3, 15))
    assert run(text, published=dt.date(2020, 6, 1)) == []


def test_a_stopped_patrol_programme_is_no_patrol():
    assert run("وكانت الدوريات المشتركة على الطريق الدولي قد توقفت منذ الشتاء الماضي.") == []


def test_a_patrol_only_attacked_is_an_incident_not_a_patrol():
    evs = run("وتعرضت دورية مشتركة لهجوم بعبوة ناسفة قرب بلدة كفرنوران صباح اليوم.")
    assert [(e.event_type, e.sub_event_type) for e in evs] == [("incident", "ied")]
    assert evs[0].extra.get("target") == "patrol"


def test_wa_ukhra_repeats_a_post_at_a_new_place():
    evs = run(
        "وكانت القوات التركية قد أنشأت يوم الثلاثاء الماضي نقطة في بلدة الحاضر، "
        "وأخرى في محيط قرية كفرنوران."
    )
    posts = sorted(
        (e for e in evs if e.event_type == "observation_post"), key=lambda e: e.evidence_start
    )
    assert [e.sub_event_type for e in posts] == ["post_established"] * 2
    assert at(posts[0], A)
    assert at(posts[1], B, 15)
    assert posts[0].id != posts[1].id
    assert all(e.date == dt.date(2020, 3, 3) for e in posts)


def test_negated_strikes_make_no_event():
    evs = run("وحلقت طائرات الاستطلاع في أجواء الحاضر، دون تسجيل غارات جوية حتى المساء.")
    assert evs == []


def test_where_a_patrol_set_out_and_where_it_got_to_from_two_sentences():
    evs = run(
        "انفجرت عبوة ناسفة بعربة ضمن الدورية المشتركة على الطريق الدولي قرب بلدة كفرنوران "
        "صباح اليوم.\n"
        "وكانت الدورية قد انطلقت من بلدة الزربة قبل أن تتوقف عند مكان الانفجار."
    )
    (patrol,) = [e for e in evs if e.event_type == "patrol"]
    coords = list(patrol.geometry.coords)
    assert haversine_km(coords[0], C.point) < 1
    assert haversine_km(coords[-1], B.point) < 1
    assert patrol.geo_precision == 1


def test_the_next_patrol_of_an_article_about_joint_patrols_is_joint():
    evs = run(
        "سيرت القوات الروسية والتركية اليوم دورية مشتركة من الزربة إلى الحاضر.\n"
        "وقال المتحدث إن الدورية المقبلة ستسير يوم 10 آذار 2020 حتى بلدة كفرنوران.\n"
        "كما ستسير دورية روسية منفردة يوم 12 آذار 2020 في بلدة الحاضر."
    )
    planned = sorted((e for e in evs if e.status == "planned"), key=lambda e: e.date)
    assert [e.sub_event_type for e in planned] == ["joint_patrol", "patrol"]


def test_earlier_patrols_told_as_background_are_not_todays():
    evs = run(
        "سيرت القوات الروسية والتركية اليوم دورية مشتركة من الزربة إلى الحاضر.\n"
        "وهذه الدورية الأولى التي تصل إلى الحاضر، بعد أن اقتصرت الدوريات السابقة على المقطع "
        "الواقع بين الزربة وكفرنوران."
    )
    assert len([e for e in evs if e.event_type == "patrol"]) == 1


def test_a_post_is_placed_in_its_own_clause():
    evs = run(
        "وصل رتل تركي إلى نقطة المراقبة في الحاضر صباح اليوم، بعد أيام من سيطرة قوات النظام "
        "على قرية كفرنوران."
    )
    (post,) = [e for e in evs if e.event_type == "observation_post"]
    assert at(post, A)


def test_among_the_dead_is_not_a_second_incident():
    evs = run(
        "قُتل 12 مدنياً بغارات جوية على بلدة الحاضر صباح اليوم.\n"
        "وأفاد المرصد بأن من بين القتلى ثلاثة متطوعين في الدفاع المدني في كفرنوران."
    )
    assert [(e.sub_event_type, e.fatalities) for e in evs] == [("airstrike", 12)]


def test_headline_items_are_told_apart():
    evs = run(
        "الدورية العاشرة تصل إلى الحاضر.. وقتيلان بقصف على الزربة\n"
        "وقُتل مدنيان بقصف مدفعي على بلدة الزربة ظهر اليوم."
    )
    (shelling,) = [e for e in evs if e.event_type == "incident"]
    assert at(shelling, C)
    assert shelling.fatalities == 2


def test_a_headline_naming_one_of_the_bodys_places_is_that_event():
    evs = run(
        "غارات روسية على الحاضر\n"
        "شنت الطائرات الروسية غارات على قرية كفرنوران وبلدة الحاضر صباح اليوم."
    )
    # the body's two towns lie ~36 km apart: one event each (events.incident_split); the
    # headline is the one at الحاضر, not a third
    assert sorted(e.places[0].name_ar for e in evs) == ["الحاضر", "كفرنوران"]


def test_a_generic_attack_needs_a_place_of_its_own():
    # the place belongs to the clause before: "attacks" given as a pretext are no event
    evs = run(
        "وأعلنت موسكو تعليق الدوريات على الطريق الدولي في ريف حلب الجنوبي، متذرعة بما "
        "أسمته هجمات المتشددين."
    )
    assert evs == []


def test_a_sentence_going_on_with_the_report_keeps_its_day():
    evs = run(
        "قُتل مدنيان بقصف مدفعي على بلدة الحاضر، مساء الثلاثاء.\n"
        "وأضاف المصدر أن قوات النظام قصفت أيضاً قرية كفرنوران بالصواريخ.\n"
        "وقالت مصادر محلية إن اشتباكات اندلعت في محيط الزربة."
    )
    by_place = {e.places[0].place_id: e for e in evs}
    assert by_place["t:b"].date == dt.date(2020, 3, 3)
    assert by_place["t:b"].extra["date_source"] == "previous"
    assert by_place["t:c"].date == dt.date(2020, 3, 3)  # the chain goes on


def test_hours_after_takes_the_day_told_before_and_skips_background():
    evs = run(
        "دخلت الهدنة حيز التنفيذ في ريف حلب الجنوبي ظهر الثلاثاء.\n"
        "وجاء الإعلان عقب لقاء بين الجانبين في أنقرة يوم الاثنين.\n"
        "ورغم ذلك قصفت قوات النظام بلدة الحاضر بعد ساعات من بدء الهدنة."
    )
    (shelling,) = [e for e in evs if e.event_type == "incident"]
    assert shelling.date == dt.date(2020, 3, 3)


def test_a_new_report_without_a_date_takes_the_publication_date():
    evs = run("قصفت قوات النظام بلدة الزربة يوم الاثنين.\nوشنت طائرات روسية غارات على الحاضر.")
    later = next(e for e in evs if e.sub_event_type == "airstrike")
    assert (later.date, later.extra["date_source"]) == (PUB, "publication")


def test_the_last_24_hours_span_the_day_before_publication():
    (ev,) = run("وسجل المركز 7 عمليات قصف على الحاضر خلال الساعات الـ24 الماضية.")
    assert (ev.date, ev.date_end) == (dt.date(2020, 3, 4), PUB)


def test_wa_ukhra_repeats_an_incident_at_a_new_place():
    evs = run("استهدفت غارة جوية بلدة الحاضر صباح اليوم، وأخرى أطراف قرية كفرنوران.")
    assert sorted(e.places[0].place_id for e in evs) == ["t:a", "t:b"]
    assert {e.sub_event_type for e in evs} == {"airstrike"}


def test_a_clause_going_on_with_the_same_kind_of_cue_is_the_same_incident():
    (ev,) = run("شن الطيران الحربي الروسي، أمس، غارات على أطراف بلدة الحاضر.")
    assert ev.evidence.startswith("شن")  # the whole sentence, one incident
    assert ev.date == dt.date(2020, 3, 4)


def test_a_second_incident_without_a_place_takes_the_first_ones():
    evs = run("قصفت قوات النظام بلدة الحاضر صباح اليوم، كما قُتل مدني برصاص قناص.")
    assert sorted(e.sub_event_type for e in evs) == ["shelling", "shooting"]
    assert all(at(e, A) for e in evs)


def test_a_clause_naming_an_unknown_place_does_not_borrow_the_first_ones():
    # "قرية المشيرفة" is in no table: better no event than one 70 km away
    evs = run("قصفت قوات النظام بلدة الحاضر صباح اليوم، كما استهدفت غارات محيط قرية المشيرفة.")
    assert [e.sub_event_type for e in evs] == ["shelling"]


# -- where the shooters are vs where they fire (made-up places)
_SH1 = P("sh1", "تل الورد", lon=36.60, lat=35.32)
_SH2 = P("sh2", "عين الصفا", lon=36.62, lat=35.37)
_TGT = P("tgt", "المرج الأخضر", "city", lon=36.40, lat=35.10)
_SHOOT_GAZ = FakeGazetteer({"تل الورد": _SH1, "عين الصفا": _SH2, "المرج الأخضر": _TGT})


def _run_with(gaz, text):
    art = article_from_text(text, article_id="r2", source="مصدر تجريبي", published=PUB)
    return extract_events(art, gazetteer=gaz)


def test_the_event_is_at_the_target_not_where_the_shooters_are():
    (ev,) = _run_with(
        _SHOOT_GAZ,
        "أصيب مدنيان جراء اعتداء المسلحين المنتشرين في قريتي تل الورد وعين الصفا "
        "بالقذائف الصاروخية على مدينة المرج الأخضر.",
    )
    assert at(ev, _TGT)
    (ev,) = _run_with(_SHOOT_GAZ, "قصفت الفصائل من مواقعها في تل الورد بالمدفعية على المرج الأخضر.")
    assert at(ev, _TGT)
    # without a target the stationed place is still the place of the event
    (ev,) = _run_with(_SHOOT_GAZ, "سقطت قذائف على المسلحين المنتشرين في تل الورد.")
    assert at(ev, _SH1)


# -- «حي X بمدينة Y»: a neighbourhood name resolved far from its town is not the place
_FAR = P("far", "الروضة", "village", lon=37.6, lat=36.6)
_NEAR_N = P("nearn", "الصالحية", "village", lon=36.41, lat=35.11)
_NB_GAZ = FakeGazetteer({"الروضة": _FAR, "الصالحية": _NEAR_N, "المرج الأخضر": _TGT})


def test_a_neighbourhood_is_placed_in_its_town_unless_it_resolved_near_it():
    (ev,) = _run_with(_NB_GAZ, "انفجرت عبوة ناسفة في حي الروضة بمدينة المرج الأخضر.")
    assert at(ev, _TGT)
    (ev,) = _run_with(_NB_GAZ, "انفجرت عبوة ناسفة في حي الروضة في المرج الأخضر.")
    assert at(ev, _TGT)
    (ev,) = _run_with(_NB_GAZ, "انفجرت عبوة ناسفة في حي الصالحية بمدينة المرج الأخضر.")
    assert at(ev, _NEAR_N)


def test_a_planned_destination_the_text_then_denies_is_no_end_of_the_route():
    for text in (
        "سيّرت القوات الروسية والتركية دورية مشتركة على الطريق الدولي انطلاقاً من الحاضر، "
        "وكان من المقرر أن تصل إلى الزربة لكنها توقفت في كفرنوران وعادت أدراجها.",
        "سيّرت القوات الروسية والتركية دورية مشتركة على الطريق الدولي انطلاقاً من الحاضر، "
        "وكان من المفترض أن تبلغ الدورية الزربة، إلا أنها توقفت في كفرنوران.",
    ):
        (ev,) = run(text)
        assert ev.sub_event_type == "joint_patrol"
        assert at(ev, A)
        assert at(ev, B)
        assert not at(ev, C, 5)


def test_a_settlement_noun_heading_the_next_name_is_no_place_and_the_patrol_is_joint():
    medina = P("medina", "مدينة", "city", "SA", 39.6, 24.47, population=1_300_000)
    gaz = FakeGazetteer({"قاعدة الزربة الجوية": BASE, "مدينة": medina})
    art = article_from_text(
        "اعترض الأهالي الدورية الروسية التركية المشتركة في ريف الحاضر اليوم.\n"
        "ومن المقرر أن تُسيّر الدورية التالية يوم الأحد المقبل في ريف مدينة الزربة.",
        article_id="r1",
        source="مصدر تجريبي",
        published=PUB,
    )
    evs = extract_events(art, gazetteer=gaz)
    assert [(e.sub_event_type, e.status) for e in evs] == [
        ("joint_patrol", "reported"),
        ("joint_patrol", "planned"),
    ]
    assert at(evs[1], C, 1)
