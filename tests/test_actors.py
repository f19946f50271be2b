"""Actors and cited agencies on sentences written for the tests."""

from __future__ import annotations

import pytest

from events.actors import ACTOR_LABELS, AGENCIES, find_actors, find_cited


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قصفت قوات النظام بلدة كفرنبل", ("Syrian regime",)),
        ("تقدمت قوات الأسد بدعم من الطيران الروسي", ("Syrian regime", "Russia")),
        ("سيرت القوات الروسية والتركية دورية مشتركة", ("Russia", "Turkey")),
        ("قتل جنديان تركيان بقصف للجيش السوري", ("Turkey", "Syrian regime")),
        ("هاجمت هيئة تحرير الشام مواقع لقوات سوريا الديمقراطية", ("HTS", "SDF")),
        ("اشتبكت فصائل المعارضة مع وحدات حماية الشعب الكردية", ("Syrian opposition", "YPG")),
        ("أعلن الجيش الوطني السوري السيطرة على القرية", ("Syrian National Army",)),
        ("قاتل عناصر الجيش السوري الحر في المنطقة", ("Free Syrian Army",)),
        ("استهدفت طائرة للتحالف الدولي قياديا في تنظيم داعش", ("International coalition", "ISIS")),
        ("شاركت ميليشيات إيرانية وحزب الله في الهجوم", ("Iran", "Hezbollah")),
        ("قتل ثلاثة مدنيين بغارة أميركية", ("Civilians", "United States")),
        ("لم يسم أي طرف", ()),
    ],
)
def test_actors(text, expected):
    assert find_actors(text) == expected


def test_system_of_ceasefire_is_not_the_regime():
    assert "Syrian regime" not in find_actors("بدأ العمل بنظام وقف إطلاق النار")


def test_a_longer_name_wins_over_its_prefix():
    assert find_actors("الجيش السوري الحر") == ("Free Syrian Army",)
    assert "Syrian regime" not in find_actors("قوات سوريا الديمقراطية")


def test_labels_are_unique():
    assert len(set(ACTOR_LABELS)) == len(ACTOR_LABELS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قالت وكالة رويترز إن الهجوم وقع فجراً", ("رويترز",)),
        ("بحسب وكالة فرانس برس", ("فرانس برس",)),
        ("نقلت وكالة الصحافة الفرنسية عن مصدر عسكري", ("فرانس برس",)),
        ("أفاد المرصد السوري لحقوق الإنسان بمقتل خمسة مدنيين", ("المرصد السوري لحقوق الإنسان",)),
        ("ذكرت وكالة سبوتنيك الروسية نقلاً عن تاس", ("سبوتنيك", "تاس")),
        ("وفقاً لما نقلته «الأناضول»، وذكرت سانا أن", ("الأناضول", "سانا")),
        ("وقال مسؤول لـ«رويترز» إن", ("رويترز",)),
    ],
)
def test_cited_agencies(text, expected):
    assert find_cited(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "تمتد هضبة الأناضول إلى الشرق",  # Anatolia, not the agency
        "حضرت سانا الاجتماع",  # no citation cue before an ambiguous name
        "أكدت الرئاسة التركية في بيان",  # an official statement is not an agency
    ],
)
def test_not_cited(text):
    assert find_cited(text) == ()


def test_every_agency_is_a_canonical_arabic_name():
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in name) for name in AGENCIES)


def test_every_agency_has_a_prefilter_key_its_spellings_contain():
    from events.actors import _KEYS

    assert set(_KEYS) == set(AGENCIES)
    samples = {
        "فرانس برس": "وكالة الصحافة الفرنسية",
        "أسوشيتد برس": "أسوشيتد برس",
        "الدفاع المدني السوري": "الخوذ البيضاء",
    }
    for name, spelling in samples.items():
        assert find_cited(f"بحسب {spelling}") == (name,)
