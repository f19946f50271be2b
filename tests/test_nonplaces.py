"""Persons, organisations and common words that contain place names are not places."""

from dataclasses import replace

import pytest

from gazetteer.core import Gazetteer
from gazetteer.nonplaces import hint_after, is_common_word, is_plural_pattern, strip_clitics
from tests.gazetteer_fixtures import ALL, FakeTable


@pytest.fixture(scope="module")
def gz():
    return Gazetteer(FakeTable(ALL))


def surfaces(gz, text):
    return [m.surface for m in gz.tag(text)]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("نقلت وكالة «الأناضول» عن مصادر محلية", "الأناضول"),
        ("وذكرت الأناضول للأنباء أن الرتل وصل", "الأناضول"),
        ("هاجم فيلق الشام نقطة للنظام", "الشام"),
        ("قائد فيلق القدس زار بغداد", "القدس"),
        ("سيطرت هيئة تحرير الشام على المعبر", "الشام"),
        ("قال متحدث باسم تحرير الشام إن", "الشام"),
        ("اشتبك مقاتلو أحرار الشام مع", "الشام"),
        ("أعلن جيش العزة عن استهداف", "العزة"),
        ("التقى بشار الأسد بالوفد", "الأسد"),
        ("ورث حافظ الأسد الحكم", "الأسد"),
        ("قصفت قوات الأسد القرية", "الأسد"),
        ("أجهزة نظام الأسد الأمنية", "الأسد"),
        ("حكم آل الأسد منذ عقود", "الأسد"),
        ("انسحبت قوات سوريا الديمقراطية من المنطقة", "سوريا"),
        ("ظهر أبو الشام في تسجيل مصور", "الشام"),
    ],
)
def test_actors_and_persons(gz, text, word):
    assert word not in surfaces(gz, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("وصل وفد إلى مدينة القدس", "القدس"),
        ("قصفت الطائرات سراقب وإدلب", "سراقب"),
        ("عادت الحياة إلى سوريا", "سوريا"),
        ("تقدم الرتل إلى منطقة الشام", "الشام"),
    ],
)
def test_same_words_as_places_are_kept(gz, text, word):
    assert word in surfaces(gz, text)


@pytest.mark.parametrize(
    "text",
    [
        "انتهت الحرب بعد سنوات",
        "قال وزير الخارجية خلال زيارة إلى ",
        "فتح الباب أمام المفاوضات",
        "اتهمت المعارضة النظام بخرق الهدنة",
        "دعا إلى السلام في المنطقة",
    ],
)
def test_common_words_without_context_are_not_places(gz, text):
    assert surfaces(gz, text) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("قصفت المدفعية قرية الحرب جنوبي المدينة", "الحرب"),
        ("نزح الأهالي من بلدة زيارة", "زيارة"),
        ("اشتباكات عنيفة في مدينة الباب", "الباب"),
        ("سقطت قذائف على الباب بريف حلب", "الباب"),
    ],
)
def test_common_words_with_locative_context_are_places(gz, text, word):
    assert word in surfaces(gz, text)


def test_short_names_need_a_locative_word(gz):
    assert surfaces(gz, "ذكر كسك أمس") == []
    assert surfaces(gz, "غارة على قرية كسك") == ["كسك"]
    assert surfaces(gz, "اشتباكات في كسك") == ["كسك"]
    assert surfaces(gz, "اشتباكات بكسك") == ["كسك"]
    assert surfaces(gz, "وصلوا إلى حلب") == ["حلب"]  # prominent: no context needed


@pytest.mark.parametrize(
    ("text", "tagged"),
    [
        ("التقيت أم محمد في السوق", []),
        ("أم 4 ليست هنا", []),
        ("الدوريات على الطريق الدولي أم 4 مستمرة", ["أم 4"]),
        ("سيرت دورية على «إم 4» أمس", ["إم 4"]),
        ("دورية على (إم4) أمس", ["إم4"]),
        ("انتشار على ام4 اليوم", ["ام4"]),
        ("patrol on the M-4 today بالقرب", ["M-4"]),
    ],
)
def test_road_codes_need_road_context(gz, text, tagged):
    got = [m for m in gz.tag(text) if m.place.kind == "road"]
    assert [m.surface for m in got if "4" in m.surface] == tagged
    assert all(m.place.place_id == "test:m4" for m in got if "4" in m.surface)


def test_nisba_is_not_the_country(gz):
    assert surfaces(gz, "قال الجيش السوري إن") == []


def test_helpers():
    assert "ريف" in strip_clitics("بريف")
    assert "الريف" in strip_clitics("للريف")
    assert is_common_word("الحرب")
    assert is_common_word("حرب")
    assert not is_common_word("سراقب")
    assert hint_after(["بريف"]) == "contain"
    assert hint_after(["الواقعه", "غرب"]) == "near"
    assert hint_after(["والتقى", "الوفد"]) is None


def _plural_village(name):
    # A real record's point under a made-up name (see tests.gazetteer_fixtures).
    base = next(p for p in ALL if p.country == "SY" and p.kind in ("village", "town"))
    return replace(base, place_id=f"test:{name}", name_ar=name, names_ar=(name,), population=8000)


@pytest.fixture(scope="module")
def gz_plural():
    return Gazetteer(FakeTable((*ALL, _plural_village("قنوات"), _plural_village("محطات"))))


@pytest.mark.parametrize(
    "text",
    [
        "تبنت المجموعة الهجوم في بيان نشرته على قنوات في تطبيق تلغرام",
        "بثت الصور عبر قنوات فضائية عدة",
        "أغلقت السلطات ثلاث محطات للوقود",
    ],
)
def test_frequent_indefinite_plurals_need_a_locative_word(gz_plural, text):
    assert surfaces(gz_plural, text) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("سقطت قذائف على بلدة قنوات صباحاً", "قنوات"),
        ("قتل شاب في قنوات برصاص مجهولين", "قنوات"),
        ("قصفت المدفعية قرية محطات", "محطات"),
    ],
)
def test_plural_named_villages_with_locative_context_are_places(gz_plural, text, word):
    assert word in surfaces(gz_plural, text)


def test_plural_pattern_helpers():
    assert is_plural_pattern("قنوات")
    assert not is_plural_pattern("القنوات")
    assert not is_plural_pattern("بنات")
