"""Cues that name an event without reporting one (events.modality), on sentences written
for the tests (not from the sample articles or the gold set)."""

from __future__ import annotations

import re

import pytest

from events import modality
from events.classify import agreement_terms, find_cues


def incident_subs(text: str) -> set[str | None]:
    return {c.sub_event_type for c in find_cues(text) if c.event_type == "incident"}


def kinds(text: str) -> set[str]:
    return {c.event_type for c in find_cues(text)}


@pytest.mark.parametrize(
    "text",
    [
        "وقالت الوزارة إن المسلحين كانوا يخططون لشن هجمات بطائرات مسيرة على مطار حماة",
        "وتعتزم الفصائل شن هجوم على مواقع النظام في ريف اللاذقية",
        "ويستعد الجيش لشن غارات على المنطقة خلال الأيام المقبلة",
        "وهدد القيادي بقصف المدينة إذا لم تنسحب القوات",
        "ونشر المسلحون منصات على الجبل بهدف قصف القرى المجاورة",
    ],
)
def test_intentions_and_threats_are_not_incidents(text):
    assert incident_subs(text) == set()


def test_an_attempted_advance_or_assassination_did_happen():
    assert "clashes" in incident_subs("تصدت الفصائل لمحاولة تسلل على محور التفاحية")
    assert "attack" in incident_subs("نجا قيادي في الفصائل من محاولة اغتيال في مدينة الباب")


@pytest.mark.parametrize(
    "text",
    [
        "وكانت الضربات الجوية قد تراجعت بشكل ملحوظ منذ مطلع العام",
        "وتوقف القصف المدفعي على المنطقة منذ ثلاثة أيام",
        "وخفت حدة الاشتباكات على جبهات ريف حماة",
        "وتصاعدت الغارات الروسية خلال الأسابيع الأخيرة",
    ],
)
def test_trends_are_not_incidents(text):
    assert incident_subs(text) == set()


def test_an_increase_told_as_news_is_still_an_incident():
    # no span of time: "the shelling intensified this morning on the town" is a report
    assert "shelling" in incident_subs("واشتد القصف صباح اليوم على البلدة")


@pytest.mark.parametrize(
    "text",
    [
        "وتعد هذه الغارات الأعنف على المدينة منذ أشهر",
        "وأثار ذلك القصف موجة نزوح جديدة",
        "وردت الفصائل بقصف مواقع النظام رداً على الغارات",
        "وطوقت القوات المكان بعد الانفجار",
    ],
)
def test_back_references_are_not_new_incidents(text):
    subs = incident_subs(text)
    assert "airstrike" not in subs
    assert "attack" not in subs


@pytest.mark.parametrize(
    "text",
    [
        "ورافقت طائرات مسيرة تركية الرتل حتى وصوله",
        "وحلقت طائرة مسيرة روسية في أجواء البلدة طوال اليوم",
        "بمشاركة مدرعات وطائرات بدون طيار لتأمين الطريق",
        "وحلقت طائرات روسية في سماء المنطقة",
    ],
)
def test_escort_and_surveillance_aircraft_strike_nothing(text):
    assert incident_subs(text) & {"drone_strike", "airstrike"} == set()


def test_a_drone_that_also_strikes_is_a_strike():
    text = "حلقت طائرة مسيرة فوق البلدة ثم استهدفت سيارة على مدخلها"
    assert "drone_strike" in incident_subs(text)


@pytest.mark.parametrize(
    "text",
    [
        "وحلقت طائرات الاستطلاع فوق المنطقة دون تسجيل غارات جوية",
        "ولم تسجل أي غارات على ريف المحافظة",
        "بدون وقوع قصف على الأحياء السكنية",
    ],
)
def test_negation_with_a_verb_between(text):
    assert incident_subs(text) == set()


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("ودمر سلاح الجو مستودعات للذخيرة في ريف حمص", "airstrike"),
        ("وقالت الوزارة إن قواتها الجوية دمرت مقرات للمسلحين", "airstrike"),
        ("وهاجموا فجر اليوم نقاط الجيش في المنطقة", "attack"),
        ("واستهدفت مسيرة سيارة على الطريق العام", "drone_strike"),
        ("وأغارت طائرات النظام على الأحياء الشرقية", "airstrike"),
        ("تشهد المدينة تفجيرات بسيارات ودراجات مفخخة", "car_bomb"),
    ],
)
def test_more_ways_to_tell_an_incident(text, sub):
    assert sub in incident_subs(text)


def test_a_march_is_not_a_drone():
    assert incident_subs("نظم الأهالي مسيرة احتجاجية وسط المدينة") == set()


@pytest.mark.parametrize(
    "text",
    [
        "واتفق الجانبان في اجتماعهما الأخير على تسيير دوريات مشتركة على الطريق",
        "وكان الاتفاق المبرم بين البلدين في العام الماضي قد نص على تسيير دوريات مشتركة",
        "وكانت الدوريات المشتركة قد توقفت منذ الشتاء الماضي",
        "وتأتي الدوريات المشتركة في إطار التفاهمات بين البلدين",
        "وتعرضت دورية روسية تركية مشتركة لهجوم بقذيفة",
    ],
)
def test_not_a_reported_patrol(text):
    cues = [c for c in find_cues(text) if c.event_type == "patrol"]
    assert not cues or all(agreement_terms(text, c) for c in cues)


def test_agreeing_on_a_ceasefire_declares_it():
    text = "واتفق الجانبان على وقف إطلاق النار في المحافظة"
    cue = next(c for c in find_cues(text) if c.event_type == "ceasefire")
    assert not agreement_terms(text, cue)


def test_modality_tables_are_written_in_normalized_spelling():
    for name in dir(modality):
        obj = getattr(modality, name)
        if isinstance(obj, re.Pattern):
            assert not re.search("[أإآىة]", obj.pattern), name
        if isinstance(obj, frozenset):
            assert not any(re.search("[أإآىة]", w) for w in obj), name


def test_an_exploding_drone_is_a_strike_even_in_the_sky():
    assert "drone_strike" in incident_subs("وانفجرت طائرة مسيرة مفخخة في سماء المدينة")


@pytest.mark.parametrize(
    "text",
    [
        "ومن المتوقع أن تشن قوات النظام هجوماً على المنطقة",
        "وتخشى الفصائل من هجوم وشيك لقوات النظام على الجبل",
        "وتتحدث مصادر عن عملية عسكرية مرتقبة ضد مواقع قسد",
    ],
)
def test_expected_or_feared_incidents_are_not_incidents(text):
    assert incident_subs(text) == set()


def test_the_dead_already_told_are_no_new_killing():
    assert incident_subs("وعملت فرق الدفاع المدني على انتشال الضحايا من تحت الأنقاض") == set()
    assert incident_subs("وشيع الأهالي الشهداء في مقبرة البلدة") == set()
    assert "killing" in incident_subs("وأسفر الهجوم عن سقوط ثلاثة قتلى")


@pytest.mark.parametrize(
    "text",
    [
        # a motive: the shelling answered is not a new event (the main verb's is)
        "وقصفت قوات النظام قرية البارة رداً على قصف الفصائل لمواقعها",
        "ونفذ الطيران الحربي غارات على الجبل انتقاماً لمقتل ضابط",
    ],
)
def test_a_motive_is_not_a_second_incident(text):
    motive = text.split("رداً على" if "رداً" in text else "انتقاماً")[1]
    offs = len(text) - len(motive)
    # every cue is in the main clause, none in the motive
    assert find_cues(text)
    assert all(c.start < offs for c in find_cues(text))


@pytest.mark.parametrize(
    "text",
    [
        "وتبنى فصيل مجهول الهجوم في بيان على تطبيق تلغرام",
        "وأعلنت جماعة صغيرة مسؤوليتها عن التفجير",
        "على غرار ما جرى في هجمات مماثلة على القرى الحدودية",
        "وأمهل القائد العسكري الفصائل يومين للانسحاب من المنطقة قبل قصفها",
    ],
)
def test_claims_comparisons_and_ultimatums_are_not_new_incidents(text):
    assert incident_subs(text) == set()


def test_an_ultimatum_to_withdraw_behind_posts_is_no_withdrawal():
    text = "وأمهل الرئيس الجيش حتى نهاية الشهر للانسحاب إلى ما وراء نقاط المراقبة التركية"
    assert [c for c in find_cues(text) if c.event_type == "observation_post"] == []
    assert [c.sub_event_type for c in find_cues("انسحبت القوات من نقطة المراقبة في البلدة")] == [
        "post_withdrawn"
    ]


def test_a_similar_drone_that_struck_is_still_an_incident():
    assert "drone_strike" in incident_subs("واستهدفت مسيرة مماثلة سيارة قرب البلدة")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وثقت الشبكة منذ بدء الهدنة مقتل نحو 150 مدنياً", True),
        ("شهدت المدينة منذ مطلع العام 9 تفجيرات بعبوات ناسفة", True),
        ("تشهد البلدة منذ توقيع الاتفاق عمليات اغتيال شبه يومية", True),
        ("تتعرض القرى منذ بدء الهجوم لقصف بشكل شبه يومي", True),
        ("قصفت القوات البلدة منذ الصباح", False),
        ("وهو أول قصف منذ توقيع الاتفاق في 2018", False),
    ],
)
def test_a_count_since_a_starting_point_is_a_tally(text, expected):
    from events.classify import norm_text
    from events.cues import INCIDENT_CUES

    nt = norm_text(text)
    # the last cue word by the raw tables: «شبه يومية» also makes find_cues drop it (a habit)
    ns, ne = max(
        (m.span() for pat in INCIDENT_CUES.values() for m in pat.finditer(nt.norm)),
        key=lambda span: span[0],
    )
    got = modality.since_tally(nt.norm, ns, ne)
    assert got is expected


def test_a_time_clause_naming_the_truce_declares_no_ceasefire():
    text = "وتعرضت النقطة لقصف قبل ساعات من بدء سريان الهدنة"
    assert [c for c in find_cues(text) if c.event_type == "ceasefire"] == []
    assert [c.event_type for c in find_cues("ودخلت الهدنة حيز التنفيذ منتصف الليل")] == [
        "ceasefire"
    ]
