"""Rules added for unseen articles (round 2), each on sentences written for this test.

Kidnappings as their own sub-type, days told relative to the event before («في اليوم
التالي»، «في اليوم نفسه»), round-ups whose items take the lead's day, a relative day and
a weekday that disagree. The places are the synthetic ones of :mod:`tests.extract_fakes`.
"""

from __future__ import annotations

import datetime as dt

import pytest

from events.article import article_from_text
from events.classify import find_cues
from events.dates import find_dates
from events.extract import extract_events
from tests.extract_fakes import FakeGazetteer

GAZ = FakeGazetteer()
PUB = dt.date(2021, 4, 14)  # a Wednesday


def run(text: str, published: dt.date | None = PUB):
    art = article_from_text(text, article_id="r2", source="مصدر تجريبي", published=published)
    return extract_events(art, gazetteer=GAZ)


def incident_subs(text: str) -> set[str | None]:
    return {c.sub_event_type for c in find_cues(text) if c.event_type == "incident"}


# --- kidnappings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "اختطف مسلحون مجهولون شاباً في بلدة الحاضر، مساء الاثنين.",
        "وأقدم مجهولون على خطف طفل من أمام منزله في قرية كفرنوران.",
        "أفاد ناشطون باختطاف سائق سيارة أجرة على طريق الزربة.",
        "واختُطف تاجر من أبناء المنطقة أثناء عودته إلى منزله.",
        "وتعرضت ناشطة للتغييب القسري بعد مداهمة منزلها.",
    ],
)
def test_abductions_are_kidnappings(text):
    assert "kidnapping" in incident_subs(text)


@pytest.mark.parametrize(
    "text",
    [
        # arrests by an authority are not kidnappings
        "وشنت قوات الأمن حملة اعتقالات في بلدة الحاضر طالت عشرة شبان.",
        "واعتقلت الشرطة العسكرية ثلاثة أشخاص بتهمة السرقة.",
    ],
)
def test_arrests_are_not_kidnappings(text):
    assert "kidnapping" not in incident_subs(text)


def test_kidnapping_event_with_its_place_and_day():
    evs = run("اختطف مسلحون مجهولون شاباً في بلدة الزربة، مساء أمس الثلاثاء.")
    assert [(e.sub_event_type, e.date, e.places[0].name_ar) for e in evs] == [
        ("kidnapping", dt.date(2021, 4, 13), "الزربة")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "وأفرج عن المهندس بعد اختطافه بأسبوعين في الحاضر.",
        "وعُثر على جثة تاجر مقتولاً في الزربة، بعد ثلاثة أيام من اختطافه على يد مجهولين.",
    ],
)
def test_the_victims_abduction_is_background(text):
    # «بعد اختطافه»: the abduction of the person the sentence is about, told already
    assert "kidnapping" not in incident_subs(text)


def test_kidnapping_beats_shooting_in_one_clause():
    text = "اختطف مسلحون تاجراً في بلدة الحاضر بعد إطلاق النار على سيارته، يوم الأحد."
    assert [e.sub_event_type for e in run(text)] == ["kidnapping"]


# --- days relative to the event before ------------------------------------------------


def test_next_day_counts_from_the_event_before():
    text = (
        "قُتل مدني بقصف مدفعي على بلدة الحاضر، يوم الأحد 4 نيسان. "
        "وفي اليوم التالي، قُتل طفل بقصف على الزربة. "
        "وفي اليوم نفسه، انفجرت عبوة ناسفة في كفرنوران."
    )
    days = {e.places[0].name_ar: (e.date, e.date_precision) for e in run(text)}
    assert days == {
        "الحاضر": (dt.date(2021, 4, 4), 1),
        "الزربة": (dt.date(2021, 4, 5), 1),
        "كفرنوران": (dt.date(2021, 4, 5), 1),
    }


def test_morning_after_a_night_is_the_day_after_it():
    text = (
        "شنت طائرات التحالف غارات على الزربة، ليل السبت - الأحد. "
        "وصباح اليوم التالي، قصفت قوات النظام بلدة الحاضر."
    )
    days = {e.places[0].name_ar: e.date for e in run(text)}
    assert days["الحاضر"] == dt.date(2021, 4, 12)


def test_hours_later_is_the_same_day_even_when_old():
    text = (
        "قصفت قوات النظام بلدة الحاضر، يوم 20 آذار. وبعد ساعات، شنت طائرات روسية غارات على الزربة."
    )
    days = {e.places[0].name_ar: e.date for e in run(text, published=dt.date(2021, 4, 5))}
    assert days == {"الحاضر": dt.date(2021, 3, 20), "الزربة": dt.date(2021, 3, 20)}


def test_same_day_is_not_today():
    assert find_dates("وفي نفس اليوم قصفت قوات النظام", published=PUB) == []


def test_next_day_without_an_event_before_falls_back_to_publication():
    (ev,) = run("وفي اليوم التالي، قصفت قوات النظام بلدة الحاضر.")
    assert (ev.date, ev.date_precision) == (PUB, 2)


# --- round-ups ---------------------------------------------------------------------------


def test_round_up_items_take_the_lead_day():
    text = (
        "حصيلة يوم أمس الاثنين في ريف حلب الجنوبي:\n"
        "- قُتل مدني بقصف مدفعي على بلدة الحاضر.\n"
        "- اختطف مسلحون مجهولون شاباً في بلدة الزربة.\n"
        "3. انفجرت عبوة ناسفة في قرية كفرنوران.\n"
        "وفي سياق آخر، قصفت قوات النظام بلدة دير حافر."
    )
    days = {e.places[0].name_ar: (e.date, e.date_precision) for e in run(text)}
    monday = dt.date(2021, 4, 12)
    assert days["الحاضر"] == days["الزربة"] == days["كفرنوران"] == (monday, 1)
    # after the list, a sentence with no date of its own is no item of it
    assert days["دير حافر"] == (PUB, 2)


def test_an_item_with_its_own_day_keeps_it():
    text = (
        "أبرز الأحداث يوم الأحد 11 نيسان:\n"
        "• قصفت قوات النظام بلدة الحاضر.\n"
        "• انفجرت عبوة ناسفة في الزربة، صباح الاثنين."
    )
    days = {e.places[0].name_ar: e.date for e in run(text)}
    assert days == {"الحاضر": dt.date(2021, 4, 11), "الزربة": dt.date(2021, 4, 12)}


# --- a relative day and a weekday ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("مساء أمس الثلاثاء", dt.date(2021, 4, 13)),  # they agree
        # a web date a day after the print date: the weekday named wins
        ("مساء أمس الاثنين", dt.date(2021, 4, 12)),
        ("اليوم الثلاثاء", dt.date(2021, 4, 13)),
        # far off: a slip of the weekday, the relative word stands
        ("أمس الخميس", dt.date(2021, 4, 13)),
    ],
)
def test_relative_day_with_a_weekday(text, day):
    (dm,) = find_dates(text, published=PUB)
    assert dm.date == day


# --- spans of two days, announcements, reports told alongside --------------------------


def test_a_fight_from_evening_to_dawn_spans_both_days():
    text = (
        "استعادت الفصائل، فجر اليوم الأربعاء، السيطرة على بلدة الحاضر بعد هجوم معاكس "
        "بدأته مساء أمس."
    )
    (ev,) = run(text)
    assert (ev.date, ev.date_end, ev.date_precision) == (dt.date(2021, 4, 13), PUB, 1)


def test_a_strike_announced_today_spans_the_night_before():
    text = (
        "أعلن المتحدث باسم وزارة الدفاع اللواء فلان الفلاني، اليوم الأربعاء، أن الطيران "
        "الحربي وجّه ضربات لمواقع مسلحين في بلدة الحاضر."
    )
    (ev,) = run(text)
    assert (ev.date, ev.date_end) == (dt.date(2021, 4, 13), PUB)


def test_a_patrol_announced_today_ran_today():
    text = "أعلنت وزارة الدفاع، اليوم الأربعاء، أن الشرطة العسكرية سيّرت دورية في بلدة الحاضر."
    evs = [e for e in run(text) if e.event_type == "patrol"]
    assert [(e.date, e.date_end) for e in evs] == [(PUB, None)]


@pytest.mark.parametrize(
    "follow",
    [
        "كما ألقت المروحيات براميل متفجرة على بلدة الزربة.",
        "وتزامن ذلك مع غارات روسية على بلدة الزربة.",
        "وفي الأثناء، قصفت قوات النظام بلدة الزربة.",
    ],
)
def test_a_report_told_alongside_takes_the_day_before(follow):
    text = "قصفت قوات النظام بلدة الحاضر، يوم الأحد. " + follow
    days = {e.places[0].name_ar: e.date for e in run(text)}
    assert days["الزربة"] == dt.date(2021, 4, 11)


def test_also_after_background_is_background_too():
    text = (
        "قصفت قوات النظام بلدة الحاضر، يوم الأحد. "
        "وكانت القوات التركية قد أنشأت نقطة في بلدة كفرنوران. "
        "كما عززت نقطتها في بلدة الزربة بمعدات ثقيلة."
    )
    days = {e.places[0].name_ar: (e.date, e.date_precision) for e in run(text)}
    assert days["الزربة"] == (PUB, 2)
