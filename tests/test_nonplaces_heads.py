"""Kind-of-place nouns after a containment word, and compound heads of unknown names.

Sentences written for these tests (not from the samples or the gold sets); the places are
hand-made fixtures at real records' points (tests/gazetteer_fixtures.py).
"""

import pytest

from gazetteer.core import Gazetteer
from gazetteer.nonplaces import opens_tail, settles_generic
from tests.gazetteer_fixtures import ALEPPO, ALL, IDLIB, SARAQIB, FakeTable, fake

#: Places whose names are also kind-of-place nouns or compound heads.
MEDINA = fake("المدينة", ALEPPO, kind="city", pop=1_300_000)
FARM = fake("المزرعة", IDLIB)
BURJ = fake("البرج", SARAQIB)
DAYR = fake("الدير", IDLIB)


@pytest.fixture(scope="module")
def gz():
    return Gazetteer(FakeTable((*ALL, MEDINA, FARM, BURJ, DAYR)))


def names(gz, text):
    return [m.surface for m in gz.tag(text)]


@pytest.mark.parametrize(
    "text",
    [
        "تعرضت قرى ريف مدينة حلب الشمالي لقصف مدفعي",
        "سقطت قذائف على ريف المدينة الغربي بعد منتصف الليل",
        "نزح مئات المدنيين من ريفي المدينة الشرقي والجنوبي",
    ],
)
def test_city_noun_after_a_containment_word_is_not_a_place(gz, text):
    assert "المدينة" not in names(gz, text)
    assert "مدينة" not in names(gz, text)


def test_kind_noun_after_a_settlement_word_is_still_a_name(gz):
    assert "المزرعة" in names(gz, "استهدف القصف قرية المزرعة صباح اليوم")
    assert "المزرعة" in names(gz, "اشتباكات في حي المزرعة بعد الظهر")


def test_containment_after_the_noun_does_not_rescue_it(gz):
    assert "المزرعة" not in names(gz, "تضررت المزرعة بريف إدلب")


@pytest.mark.parametrize(
    "text",
    [
        "قصفت المدفعية قريتي برج القاص وكفر خاشر",
        "سقط صاروخ قرب الدير الصليب في ريف حماة",
        "وصل الرتل إلى بلدة البرج العالي مساء",
    ],
)
def test_head_of_an_unknown_compound_is_not_a_place(gz, text):
    got = names(gz, text)
    assert not {"برج", "البرج", "الدير"} & set(got)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("قصف على قرية البرج، وسراقب", "البرج"),
        ("قصف على قرية البرج وسراقب", "البرج"),
        ("سقطت قذائف على بلدة الدير في ريف إدلب", "الدير"),
        ("سقطت قذائف على بلدة الدير الليلة الماضية", "الدير"),
        ("وصلت التعزيزات إلى قرية البرج.", "البرج"),
    ],
)
def test_head_name_standing_alone_is_kept(gz, text, name):
    assert name in names(gz, text)


def test_rule_helpers():
    assert settles_generic("قريه")
    assert settles_generic("وحي")
    assert not settles_generic("ريف")
    assert not settles_generic("بريف")
    assert not settles_generic(None)
    assert opens_tail("القاص")
    assert opens_tail("الصليب")
    for w in ("في", "بريف", "الشرقي", "وسراقب", "12", "قرب", "", None):
        assert not opens_tail(w), w


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("قصفت الفصائل سراقب بالصواريخ فجر اليوم", "سراقب"),
        ("قصف الجيش أريحا بالمدفعية الثقيلة", "أريحا"),
        ("استهدفت الميليشيات إدلب بقذائف الهاون", "إدلب"),
    ],
)
def test_definite_actor_noun_before_a_place_is_the_subject_not_a_name(gz, text, name):
    assert name in names(gz, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("قال متحدث باسم فصائل إدلب إن الهجوم فشل", "إدلب"),
        ("وبثت قناة حلب اليوم صوراً من موقع الانفجار", "حلب"),
        ("وأعلن جيش إدلب الحر عن العملية", "إدلب"),
        # ألوية starts with «ال» letters that are no article: still an indefinite head
        ("شاركت ألوية حلب في صد الهجوم", "حلب"),
    ],
)
def test_indefinite_actor_head_still_takes_the_place_into_its_name(gz, text, name):
    assert name not in names(gz, text)


def test_a_frequent_word_is_not_a_proclitic_and_a_name():
    raqqa = fake("الرقة", ALEPPO, kind="city", pop=220_000)
    g = Gazetteer(FakeTable((*ALL, raqqa)))
    # فرقة (a team) and ورقة (a paper) are words, not ف/و + رقة
    assert names(g, "وصلت فرقة من الدفاع المدني إلى الموقع") == []
    assert names(g, "وقدم الوفد ورقة عمل للمفاوضات") == []
    # a name with a conjunction or preposition attached stays a name
    # (surfaces leave the attached letters out)
    assert names(g, "قصفت الطائرات الرقة وبالرقة وحلب وبحلب") == ["الرقة", "الرقة", "حلب", "حلب"]
