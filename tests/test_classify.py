"""Event cues on sentences written for the tests (not from the sample articles)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events import cues
from events.classify import agreement_terms, find_cues, is_planned, split_clauses
from gazetteer.normalize import normalize


def kinds(text: str) -> list[tuple[str, str | None]]:
    return [(c.event_type, c.sub_event_type) for c in find_cues(text)]


def incident_subs(text: str) -> set[str | None]:
    return {c.sub_event_type for c in find_cues(text) if c.event_type == "incident"}


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("قصفت المدفعية التركية مواقع لقوات النظام قرب بلدة النيرب", "shelling"),
        ("سقطت قذائف صاروخية على أحياء مدينة الباب", "shelling"),
        ("شن الطيران الحربي الروسي غارات على بلدة البارة", "airstrike"),
        ("ألقت مروحيات النظام براميل متفجرة على قرية في ريف حماة", "airstrike"),
        ("استهدفت طائرة مسيرة تركية سيارة عسكرية قرب القامشلي", "drone_strike"),
        ("قصف بطائرات بدون طيار على مواقع الفصائل", "drone_strike"),
        ("انفجرت سيارة مفخخة في سوق مدينة أعزاز", "car_bomb"),
        ("قتل مدني بانفجار دراجة نارية مفخخة وسط مدينة الباب", "car_bomb"),
        ("انفجرت عبوة ناسفة بسيارة عسكرية على طريق حلب", "ied"),
        ("انفجر لغم أرضي بجرار زراعي", "ied"),
        ("دارت اشتباكات عنيفة بين الفصائل وقوات النظام على محور الملاجة", "clashes"),
        ("تصدت الفصائل لمحاولة تقدم لقوات النظام", "clashes"),
        ("هاجم مسلحون دورية روسية على الطريق الدولي", "patrol_attack"),
        ("أصيب جندي برصاص قناص في حي جوبر", "shooting"),
        ("اغتيل قيادي في الفصائل على يد مجهولين", "attack"),
        ("أعلنت الفصائل مقتل 12 عنصراً من قوات النظام", "killing"),
        ("تمكنت الفصائل من إسقاط طائرة حربية للنظام فوق البلدة", "shootdown"),
    ],
)
def test_incident_sub_types(text, sub):
    assert sub in incident_subs(text)


def test_a_shot_down_aircraft_is_not_an_airstrike():
    assert incident_subs("أسقطت الدفاعات الجوية طائرة مسيرة فوق المطار") == {"shootdown"}


def test_censorship_dots_do_not_hide_a_cue():
    assert "shelling" in incident_subs("تعرضت البلدة لقصـ.ف مدفعي عنيف")
    assert ("ceasefire", "ceasefire") in kinds("أعلنت روسيا وقف إطـ.لاق نـ.ار شامل في المنطقة")


def test_ceasefire_is_not_a_shooting():
    assert "shooting" not in incident_subs("أعلن الجانبان وقف إطلاق النار في المنطقة")
    assert "shooting" not in incident_subs("وخرقت قوات النظام وقف لإطلاق النار")


@pytest.mark.parametrize(
    "text",
    [
        "أعلنت وزارة الدفاع وقف إطلاق النار في المحافظة اعتباراً من منتصف الليل",
        "اتفق الطرفان على هدنة في الغوطة",
        "ودخل وقف إطلاق النار حيز التنفيذ صباح اليوم",
        "توصلت الأطراف إلى وقف للأعمال القتالية في الجنوب",
    ],
)
def test_ceasefire_declared(text):
    assert ("ceasefire", "ceasefire") in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "دعا الوزير إلى ضرورة التوصل إلى وقف إطلاق النار",
        "ناقش الوفدان تفاصيل وقف إطلاق النار",
        "اتهمت المعارضة النظام بخرق وقف إطلاق النار",
        "سيعمل الجانبان على وقف إطلاق النار",
    ],
)
def test_ceasefire_talk_is_not_a_declaration(text):
    assert ("ceasefire", "ceasefire") not in kinds(text)


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("سيرت القوات الروسية والتركية دورية مشتركة على طريق حلب اللاذقية", "joint_patrol"),
        ("انطلقت دورية روسية تركية من بلدة ترنبة", "joint_patrol"),
        ("وتجوب دوريات للشرطة العسكرية الروسية شوارع المدينة", "patrol"),
    ],
)
def test_patrols(text, sub):
    assert ("patrol", sub) in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "أعلنت موسكو تعليق الدوريات المشتركة مع أنقرة",
        "وبحث الوزيران ملف الدوريات المشتركة على الطريق الدولي",
        "وناقش الجانبان تفاصيل الدوريات المشتركة",
        "تعقد اللجنة اجتماعات دورية لمتابعة الوضع",
        "يجري تقييم الوضع بصورة دورية",
    ],
)
def test_not_a_patrol(text):
    assert "patrol" not in {k for k, _ in kinds(text)}


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("أنشأ الجيش التركي نقطة مراقبة جديدة في بلدة قميناس", "post_established"),
        ("ثبتت القوات التركية نقاط تمركز على الطريق", "post_established"),
        ("أقامت القوات الروسية قاعدة عسكرية في مطار القامشلي", "post_established"),
        ("دفع الجيش التركي بتعزيزات إلى نقاطه في ريف إدلب", "post_reinforced"),
        ("عززت القوات التركية نقطتها في بلدة معرحطاط", "post_reinforced"),
        ("انسحبت القوات التركية من نقطة المراقبة في شير مغار", "post_withdrawn"),
        ("بدأ الجيش التركي إخلاء نقطة المراقبة العاشرة", "post_withdrawn"),
        ("نقطة المراقبة التركية في مورك أخليت بالكامل", "post_withdrawn"),
    ],
)
def test_observation_posts(text, sub):
    assert ("observation_post", sub) in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "استهدفت الغارات النقاط الطبية والمدارس",  # medical points, no post action
        "نقاط الخلاف بين الطرفين ما زالت قائمة",
        "لن تنسحب القوات التركية من نقاط المراقبة",
        "وطالبت موسكو بانسحاب القوات التركية من نقاط المراقبة",
        "وناقش الجانبان إخلاء نقاط المراقبة التركية",
    ],
)
def test_not_an_observation_post(text):
    assert "observation_post" not in {k for k, _ in kinds(text)}


def test_negated_incident_is_dropped():
    assert "shelling" not in incident_subs("لم يسجل أي قصف على المنطقة")


def test_denied_incident_is_dropped():
    assert incident_subs("ونفت وزارة الدفاع الروسية قصف مستشفى في المدينة") == set()
    assert "airstrike" in incident_subs("وقالت وزارة الدفاع إن غارات استهدفت مواقع المسلحين")


def test_agreement_terms_are_not_events():
    text = "وينص الاتفاق الذي وقع العام الماضي على إقامة نقاط مراقبة تركية في المنطقة"
    cue = next(c for c in find_cues(text) if c.event_type == "observation_post")
    assert agreement_terms(text, cue)
    done = "وأقامت القوات التركية نقاط مراقبة في المنطقة بموجب الاتفاق"
    cue2 = next(c for c in find_cues(done) if c.event_type == "observation_post")
    assert not agreement_terms(done, cue2)


@pytest.mark.parametrize(
    ("text", "planned"),
    [
        ("ستبدأ الدوريات المشتركة الأسبوع المقبل", True),
        ("ومن المقرر أن تنطلق الدورية من بلدة ترنبة", True),
        ("سوف تنشئ تركيا نقاطاً جديدة", True),
        ("سيرت القوات دورية مشتركة أمس", False),
        ("سيطرت الفصائل على سيارة عسكرية", False),  # س-initial words are not futures
    ],
)
def test_is_planned(text, planned):
    assert is_planned(text) is planned


def test_split_clauses_covers_the_sentence():
    text = "قصفت قوات النظام البلدة، ما أدى لمقتل مدنيين؛ وشنت الطائرات غارات"
    spans = split_clauses(text)
    assert len(spans) == 3
    assert [text[s:e].strip() for s, e in spans][1] == "ما أدى لمقتل مدنيين"


def test_cue_spans_point_into_the_original_sentence():
    text = "تعرضت البلدة لقصـ.ف مدفعي"
    cue = next(c for c in find_cues(text) if c.sub_event_type == "shelling")
    assert normalize(text[cue.start : cue.end]).endswith("قصف مدفعي")


def test_cue_tables_are_written_in_normalized_spelling():
    # a stem with أ/إ/آ/ى/ة could never match normalized text
    for name in cues.__all__:
        obj = getattr(cues, name)
        if isinstance(obj, re.Pattern):
            assert not re.search("[أإآىة]", obj.pattern), name
    for pat in cues.INCIDENT_CUES.values():
        assert not re.search("[أإآىة]", pat.pattern)
    for _, pat in cues.POST_SUBS:
        assert not re.search("[أإآىة]", pat.pattern)


_CUE_WORDS = sorted(
    {w for pat in cues.INCIDENT_CUES.values() for w in re.findall(r"[\u0621-\u064a]+", pat.pattern)}
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "و", "ب", "ال", "بال", "لل", "ف"]), st.sampled_from(_CUE_WORDS)
        ),
        min_size=1,
        max_size=8,
    )
)
def test_every_cue_match_holds_one_of_its_keys(pieces):
    # the literal pre-filter (INCIDENT_KEYS) must never hide a match
    text = " ".join(p + w for p, w in pieces)
    for sub, pat in cues.INCIDENT_CUES.items():
        for m in pat.finditer(text):
            assert any(k in m.group(0) for k in cues.INCIDENT_KEYS[sub]), (sub, m.group(0))
