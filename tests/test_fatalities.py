"""Death tolls on sentences written for the tests."""

from __future__ import annotations

import pytest

from events.fatalities import find_fatalities, parse_number, total


def count(text: str) -> tuple[int | None, int | None]:
    return total(find_fatalities(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أسفر القصف عن مقتل 7 مدنيين", 7),
        ("أدى الانفجار إلى مقتل ١٢ شخصاً", 12),  # Eastern Arabic digits
        ("قتل نحو 40 عنصراً من الفصائل", 40),
        ("مقتل أكثر من 30 مقاتلاً في المعارك", 30),
        ("مقتل ما لا يقل عن 9 أشخاص", 9),
        ("مقتل جنديين روسيين بانفجار لغم", 2),
        ("مقتل طفلين وإصابة والدتهما", 2),
        ("مقتل جندي تركي في هجوم", 1),
        ("مقتل أحد عناصر الشرطة", 1),
        ("مقتل ثلاثة أطفال بقصف مدفعي", 3),
        ("سقوط خمسة قتلى في الغارة", 5),
        ("حصيلة الغارات 15 قتيلاً", 15),
        ("ارتفعت الحصيلة إلى ثلاثة وعشرين قتيلاً", 23),
        ("إن 6 من عناصر قوات النظام لقوا حتفهم في الكمين", 6),
        ("وأفاد بأن 3 مدنيين قتلوا جراء القصف", 3),
        ("قتيلان في انفجار عبوة", 2),
        ("مقتل 4", 4),  # the text may end right after the number
        ("استشهد مدنيان وأصيب ثلاثة آخرون", 2),
        ("قتل جندي روسي بانفجار لغم", 1),
        ("قتلت الغارة 5 مدنيين", 5),
        ("قتل الطيران الروسي ثلاثة أطفال", 3),
        ("وفي 27 شباط قتل 34 جندياً", 34),  # the date is not a toll
        # a singular and people added by "و"
        ("قتل ضابط في الشرطة وثلاثة من مرافقيه بكمين", 4),
        ("مقتل امرأة وطفلها بقصف على القرية", 2),
        ("مقتل رجل وطفليه بغارة", 3),
        ("قتل مسعف وعنصرين من الدفاع المدني", 3),
        # the number after its noun
        ("قتل جنديان اثنان بانفجار لغم", 2),
        ("أدى لمقتل شخصين اثنين", 2),
        ("قتل عنصر واحد", 1),
        # feminine verbs and nouns, possessives
        ("استشهدت سيدة بقذيفة على الحي", 1),
        ("ما أسفر عن مقتل سائقها على الفور", 1),
        ("ما تسبب باستشهاد فتاة", 1),
    ],
)
def test_stated_counts(text, expected):
    assert count(text)[0] == expected


def test_several_tolls_in_one_clause_add_up():
    assert count("مقتل 3 جنود ومقتل مدني") == (4, 4)


@pytest.mark.parametrize(
    "text",
    [
        "إصابة 10 أشخاص بجروح",  # wounded are not dead
        "مقتل وإصابة 10 جنود",  # killed *and* wounded: ambiguous
        "تدمير 12 دبابة و3 عربات",
        "فر أكثر من 300 ألف مدني",
        "مقتل مدنيين في القصف",  # plural without a number (مدنيين is also a dual spelling)
        "وفي 12 آب قتلوا في الهجوم",  # a date before a death verb is not a toll
    ],
)
def test_no_count(text):
    assert count(text)[0] is None


def test_vague_plurals_give_a_documented_minimum():
    assert count("مقتل عشرات المدنيين") == (None, 20)
    assert count("مقتل المئات") == (None, 200)


def test_parse_number():
    assert parse_number(["خمسه", "وعشرين"]) == (25, 2)
    assert parse_number(["احد", "عشر"]) == (11, 2)
    assert parse_number(["مئه", "وخمسين"]) == (150, 2)
    assert parse_number(["3", "الاف"]) == (3000, 2)
    assert parse_number(["كبير"]) is None


def test_spans_point_into_the_original_text():
    text = "وأسفرت الغارة عن مقتل ٤ مدنيين."
    (f,) = find_fatalities(text)
    assert text[f.start : f.end] == "مقتل ٤ مدنيين"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ارتقى ثلاثة مدنيين جراء القصف", [3]),
        ("ارتقت طفلة وأصيب آخرون بجروح", [1]),
        ("وأدى ذلك إلى ارتقاء 5 أشخاص", [5]),
        ("أسفر الانفجار عن مقتل ٣ عناصر من الشرطة ومدني", [4]),
        ("مقتل 4 جنود وطفل", [5]),
        ("مقتل 4 جنود وإصابة 6 آخرين", [4]),
    ],
)
def test_rising_as_a_martyr_and_a_noun_coordinated_after_a_count(text, expected):
    assert [f.count for f in find_fatalities(text)] == expected
