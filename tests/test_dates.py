"""Date expressions: every form on sentences written for the tests (not the samples)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from events import dates_patterns
from events.dates import find_dates, parse_day_month_year, week_start

D = dt.date
# A Wednesday: the weekday rules below are checked against it.
PUB = D(2021, 4, 14)


def one(text: str, published: dt.date | None = PUB):
    found = find_dates(text, published=published)
    assert len(found) == 1, [(m.surface, m.date) for m in found]
    m = found[0]
    assert text[m.start : m.end] == m.surface
    return m


# --- absolute forms ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "date", "precision"),
    [
        (
            "استهدفت غارة جوية سوق البلدة في 9 كانون الثاني 2019.",
            "9 كانون الثاني 2019",
            D(2019, 1, 9),
            1,
        ),
        ("وقعت الاشتباكات في ١٧ أغسطس ٢٠٢٠ قرب معرة مصرين", "١٧ أغسطس ٢٠٢٠", D(2020, 8, 17), 1),
        (
            "وقّع الطرفان اتفاقاً في 17 سبتمبر (أيلول) 2018 في المدينة",
            "17 سبتمبر (أيلول) 2018",
            D(2018, 9, 17),
            1,
        ),
        ("بدأت العملية في أيلول العام 2018 وانتهت لاحقاً", "أيلول العام 2018", D(2018, 9, 1), 3),
        ("تصاعد القصف خلال مايو/ أيار 2017 على الريف الغربي", "مايو/ أيار 2017", D(2017, 5, 1), 3),
        (
            "انسحبت القوات في الأول من كانون الأول 2019 من النقطة",
            "الأول من كانون الأول 2019",
            D(2019, 12, 1),
            1,
        ),
        (
            "اجتمع الطرفان في الحادي والعشرين من حزيران 2016",
            "الحادي والعشرين من حزيران 2016",
            D(2016, 6, 21),
            1,
        ),
        ("نشر بتاريخ 2019/07/03 في الموقع", "2019/07/03", D(2019, 7, 3), 1),
        ("نشر بتاريخ 03-07-2019 في الموقع", "03-07-2019", D(2019, 7, 3), 1),
        ("حدث ذلك يوم 12 شباط عام 2020م في القرية", "12 شباط عام 2020م", D(2020, 2, 12), 1),
        ("سقطت قذائف في 3 تشرين الثاني 2019 على الأحياء", "3 تشرين الثاني 2019", D(2019, 11, 3), 1),
    ],
)
def test_absolute_dates_with_a_year(text, surface, date, precision):
    m = one(text)
    assert (m.surface, m.date, m.precision, m.relative) == (surface, date, precision, False)


def test_month_span_has_an_end():
    m = one("تصاعد القصف خلال مايو/ أيار 2017 على الريف")
    assert m.date_end == D(2017, 5, 31)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # nearest on or before publication (2021-04-14)
        ("قتل مدنيان يوم 15 مارس في قصف على البلدة", D(2021, 3, 15)),
        ("قتل مدنيان يوم 15 مارس (آذار) في قصف", D(2021, 3, 15)),
        ("قتل مدنيان في 5 آذار/مارس بغارة", D(2021, 3, 5)),
        ("جرح طفل في 20 نيسان بقذيفة", D(2020, 4, 20)),  # after publication -> a year earlier
        ("جرح طفل في 14 نيسان بقذيفة", D(2021, 4, 14)),  # the publication day itself
        ("انفجرت عبوة في الخامس من شهر أيار قرب الحاجز", D(2020, 5, 5)),
        ("أوضح المتحدث الخميس 9 من كانون الثاني أن القصف توقف", D(2021, 1, 9)),
        ("جرى الاتفاق في 9 أكتوبر (تشرين الأول) الماضي", D(2020, 10, 9)),
        ("جرى الاتفاق في 9 نيسان الماضي", D(2020, 4, 9)),  # the previous April, not this one
        ("جرى الاتفاق في 2 نيسان الجاري", D(2021, 4, 2)),
        ("تعقد القمة في 20 أيار المقبل", D(2021, 5, 20)),
        ("تعقد القمة في 3 شباط القادم", D(2022, 2, 3)),
        ("جرت الانتخابات في 9 أيار من العام الماضي", D(2020, 5, 9)),
        ("قتل مدني في الـ17 من آب الماضي", D(2020, 8, 17)),
    ],
)
def test_dates_without_a_year_take_the_year_from_publication(text, date):
    m = one(text)
    assert m.date == date
    assert m.relative is True
    assert m.precision == 1


def test_future_verb_before_a_yearless_date_puts_it_after_publication():
    m = one("وقال الوزير إن الدوريات ستنطلق يوم 20 نيسان على الطريق")
    assert m.date == D(2021, 4, 20)
    assert m.future is True
    m = one("ومن المقرر أن يعقد الاجتماع في 2 أيار")
    assert (m.date, m.future) == (D(2021, 5, 2), True)


def test_future_verb_in_an_earlier_sentence_does_not_count():
    m = one("ستنطلق الدوريات قريباً. وقتل مدني في 20 نيسان بقصف")
    assert m.date == D(2020, 4, 20)
    assert m.future is False


def test_day_range():
    m = one("استمرت المعارك بين 5-7 آذار 2020 في محيط البلدة")
    assert (m.date, m.date_end, m.precision) == (D(2020, 3, 5), D(2020, 3, 7), 2)


def test_month_word_spellings_all_parse():
    for spelling, (num, _canon) in dates_patterns.MONTHS.items():
        assert parse_day_month_year(5, num, 2019) == D(2019, num, 5), spelling


def test_impossible_day_is_not_a_day():
    assert parse_day_month_year(31, 2, 2020) is None
    found = find_dates("في 31 شباط 2020", published=PUB)
    assert all(m.precision != 1 for m in found)


# --- relative forms ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "date"),
    [
        ("قصفت الطائرات البلدة اليوم", "اليوم", PUB),
        ("قصفت الطائرات البلدة اليوم (الأربعاء)", "اليوم (الأربعاء)", PUB),
        ("قتل عنصران أمس في كمين", "أمس", D(2021, 4, 13)),
        ("وأمس الثلاثاء، قتل عنصران في كمين", "أمس الثلاثاء", D(2021, 4, 13)),
        ("قتل عنصران أول من أمس", "أول من أمس", D(2021, 4, 12)),
        ("اندلعت الاشتباكات مساء أول من أمس", "مساء أول من أمس", D(2021, 4, 12)),
        ("سقطت قذيفة فجر اليوم على الحي", "فجر اليوم", PUB),
        ("وقعت الغارة الأحد على المدينة", "الأحد", D(2021, 4, 11)),
        ("وقعت الغارة يوم الأربعاء", "يوم الأربعاء", PUB),  # the publication weekday itself
        ("وقعت الغارة الأربعاء الماضي", "الأربعاء الماضي", D(2021, 4, 7)),
        ("وقعت الغارة الخميس الماضي", "الخميس الماضي", D(2021, 4, 8)),
        ("قتل الجندي قبل يومين", "قبل يومين", D(2021, 4, 12)),
        ("قتل الجندي قبل ثلاثة أيام", "قبل ثلاثة أيام", D(2021, 4, 11)),
        ("قتل الجندي قبل 4 أيام", "قبل 4 أيام", D(2021, 4, 10)),
        ("قتل الجندي منذ يوم واحد", "منذ يوم واحد", D(2021, 4, 13)),
        ("وقعت اشتباكات في 3 من الشهر الجاري", "3 من الشهر الجاري", D(2021, 4, 3)),
        ("وقعت اشتباكات في العاشر من الشهر الماضي", "العاشر من الشهر الماضي", D(2021, 3, 10)),
        ("وقعت اشتباكات في الـ5 من الشهر الجاري", "5 من الشهر الجاري", D(2021, 4, 5)),
    ],
)
def test_relative_days(text, surface, date):
    m = one(text)
    assert (m.surface, m.date, m.precision, m.relative, m.future) == (surface, date, 1, True, False)


@pytest.mark.parametrize(
    ("text", "date", "date_end", "precision"),
    [
        ("تصاعد القصف الشهر الماضي", D(2021, 3, 1), D(2021, 3, 31), 3),
        ("تصاعد القصف الشهر الفائت", D(2021, 3, 1), D(2021, 3, 31), 3),
        ("تصاعد القصف خلال الشهر الجاري", D(2021, 4, 1), D(2021, 4, 30), 3),
        ("تصاعد القصف خلال هذا الشهر", D(2021, 4, 1), D(2021, 4, 30), 3),
        # weeks run Saturday..Friday; PUB's week starts on Saturday 2021-04-10
        ("تصاعد القصف الأسبوع الماضي", D(2021, 4, 3), D(2021, 4, 9), 2),
        ("تصاعد القصف خلال الأسبوع الجاري", D(2021, 4, 10), D(2021, 4, 16), 2),
        ("تستمر الحملة منذ منتصف الشهر الماضي", D(2021, 3, 15), None, 2),
        ("بدأت الحملة مطلع الشهر الماضي", D(2021, 3, 1), D(2021, 3, 10), 2),
        ("قتل الجندي قبل أسبوعين", D(2021, 3, 31), None, 2),
        ("قتل الجندي قبل أيام", D(2021, 4, 7), D(2021, 4, 13), 2),
        ("قتل الجندي قبل شهرين", D(2021, 2, 1), D(2021, 2, 28), 3),
        ("قتل خمسة خلال الـ48 ساعة الأخيرة", D(2021, 4, 12), PUB, 2),
    ],
)
def test_relative_periods(text, date, date_end, precision):
    m = one(text)
    assert (m.date, m.date_end, m.precision, m.relative) == (date, date_end, precision, True)


def test_part_of_a_named_month():
    m = one("بدأت الحملة أواخر شهر شباط 2019")
    assert (m.date, m.date_end, m.precision, m.relative) == (
        D(2019, 2, 19),
        D(2019, 2, 28),
        2,
        False,
    )
    m = one("بدأت الحملة منتصف آذار")
    assert (m.date, m.precision, m.relative) == (D(2021, 3, 15), 2, True)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("ستسير القوات دورية غداً", D(2021, 4, 15)),
        ("تنطلق الدورية الجمعة المقبل", D(2021, 4, 16)),
        ("تنطلق الدورية الأربعاء القادم", D(2021, 4, 21)),
        ("ستبدأ الدوريات يوم السبت", D(2021, 4, 17)),  # future verb: on or after publication
        ("تعقد القمة الأسبوع المقبل", D(2021, 4, 17)),
        ("تعقد القمة الشهر المقبل", D(2021, 5, 1)),
    ],
)
def test_future_dates_are_kept_and_flagged(text, date):
    m = one(text)
    assert (m.date, m.future) == (date, True)


def test_same_month_as_an_earlier_date():
    text = "بدأت العملية في 9 تشرين الأول، وأعقبها اتفاق في 22 من الشهر ذاته."
    first, second = find_dates(text, published=D(2020, 1, 10))
    assert first.date == D(2019, 10, 9)
    assert second.date == D(2019, 10, 22)


def test_several_dates_in_text_order_and_offsets():
    text = "قتل ثلاثة مدنيين أمس الثلاثاء، بعد قصف مماثل في 2 نيسان الجاري وقصف ثالث الشهر الماضي."
    found = find_dates(text, published=PUB)
    assert [m.surface for m in found] == ["أمس الثلاثاء", "2 نيسان الجاري", "الشهر الماضي"]
    assert [m.date for m in found] == [D(2021, 4, 13), D(2021, 4, 2), D(2021, 3, 1)]
    assert all(text[m.start : m.end] == m.surface for m in found)


def test_offsets_survive_diacritics_and_tatweel():
    text = "قُتِلَ مدنيٌّ أمـــس في غارةٍ يومَ 3 آذارَ 2020"
    found = find_dates(text, published=PUB)
    assert [m.surface for m in found] == ["أمـــس", "3 آذارَ 2020"]


# --- without a publication date ----------------------------------------------------------


def test_relative_dates_stay_unresolved_without_publication():
    for text in ("قتل عنصران أمس", "الأسبوع الماضي", "الخميس", "قبل يومين", "في 5 آذار"):
        m = one(text, published=None)
        assert m.date is None, text
        assert m.relative is True


def test_absolute_dates_with_a_year_resolve_without_publication():
    m = one("في 17 آب 2020 قصفت الطائرات", published=None)
    assert (m.date, m.relative, m.future) == (D(2020, 8, 17), False, False)


def test_unresolved_future_words_still_say_future():
    m = one("تنطلق الدورية الأسبوع المقبل", published=None)
    assert (m.date, m.future) == (None, True)


# --- what is not a date -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "تبنى مجلس الأمن القرار 2510 بالإجماع",
        "وفق قرار مجلس الأمن الدولي الرقم 2254",
        "منطقة آمنة بطول 30-35 كيلومتراً من الحدود",
        "سيرت الدوريات على الطريق الدولي «إم 4» قرب البلدة",
        "قتل نحو 150 عنصراً في المعارك",
        "في العام 2018 تغيرت خريطة السيطرة",
        "مارس الجيش ضغوطاً كبيرة على الفصائل",
        "قال أبو أحمد وهو أب لثلاثة أطفال",
        "اتفق الاثنان على أن الخلاف بين الاثنين قديم",
        "قتل الأحد عشر مقاتلاً في الكمين",
        "وصلت التعزيزات قبل يومين من الهجوم",
        "في اليوم التالي انسحبت القوات",
        "بلغت الخسائر 3.5 مليون دولار و12/5 من الإنتاج",
        "سقط 1500 صاروخ خلال 24 ساعة",
    ],
)
def test_not_dates(text):
    assert find_dates(text, published=PUB) == []


def test_week_start_is_saturday():
    assert week_start(D(2021, 4, 14)) == D(2021, 4, 10)
    assert week_start(D(2021, 4, 10)) == D(2021, 4, 10)
    assert week_start(D(2021, 4, 16)) == D(2021, 4, 10)


def test_empty_text():
    assert find_dates("", published=PUB) == []


_WORDS = st.sampled_from(
    [
        "قصف",
        "في",
        "من",
        "أمس",
        "اليوم",
        "الخميس",
        "الماضي",
        "المقبل",
        "الشهر",
        "الأسبوع",
        "آذار",
        "أيلول",
        "كانون الثاني",
        "مارس",
        "العام",
        "قبل",
        "يومين",
        "ستبدأ",
        "الخامس",
        "منتصف",
        "(",
        ")",
        "/",
        "-",
        ".",
        "،",
        "\n",
        "ـ",
        "17",
        "٢٠٢٠",
        "2019",
        "31",
        "0",
        "2020/02/30",
    ]
)


@given(
    st.lists(_WORDS, max_size=30), st.one_of(st.none(), st.dates(D(1990, 1, 1), D(2030, 12, 31)))
)
def test_find_dates_never_fails_and_spans_are_verbatim(words, published):
    text = " ".join(words)
    last = -1
    for m in find_dates(text, published=published):
        assert text[m.start : m.end] == m.surface
        assert m.start >= last
        last = m.end
        assert m.precision in (1, 2, 3)
        if m.date is not None and m.date_end is not None:
            assert m.date_end >= m.date
        if published is None and m.relative:
            assert m.date is None


# --- start-from, "the next", nights, weeks, the last hours (evaluation fixes) ------------

# A Thursday.
PUB_MAR = D(2020, 3, 5)


@pytest.mark.parametrize(
    "text",
    [
        "تفتح المدارس أبوابها بدءاً من 15 آذار",
        "يفرض حظر التجول اعتباراً من 15 آذار في المحافظة",
        "ابتداءً من 15 آذار تغلق المعابر أمام الشاحنات",
        "يبدأ تطبيق القرار بدءا من يوم 15 آذار",
        "تمنع الحركة إعتباراً من الـ15 من آذار",
    ],
)
def test_start_from_a_yearless_date_soon_after_publication_is_future(text):
    m = one(text, published=PUB_MAR)
    assert (m.date, m.future, m.relative) == (D(2020, 3, 15), True, True)


def test_start_from_far_ahead_or_already_past_stays_in_the_past():
    # ten months ahead: the previous one (a start already made), not a plan
    m = one("يطبق القرار اعتباراً من 10 كانون الثاني", published=PUB_MAR)
    assert (m.date, m.future) == (D(2020, 1, 10), False)
    # a start earlier in the same month
    m = one("أغلق المعبر اعتباراً من 2 آذار", published=PUB_MAR)
    assert (m.date, m.future) == (D(2020, 3, 2), False)
    # within two months ahead
    m = one("يطبق القرار اعتباراً من 30 نيسان", published=PUB_MAR)
    assert (m.date, m.future) == (D(2020, 4, 30), True)
    m = one("يطبق القرار اعتباراً من شهر نيسان", published=PUB_MAR)
    assert (m.date, m.date_end, m.future) == (D(2020, 4, 1), D(2020, 4, 30), True)


def test_start_from_a_weekday_is_on_or_after_publication():
    m = one("تعود الدوريات اعتباراً من السبت", published=PUB_MAR)
    assert (m.date, m.future) == (D(2020, 3, 7), True)


def test_no_start_from_without_the_phrase():
    # "من 15 آذار" alone (a range start) keeps the nearest past reading
    m = one("قتل مدنيان في 15 آذار بقصف", published=PUB_MAR)
    assert m.date == D(2019, 3, 15)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("تعقد القمة في 15 آذار المقبل", D(2020, 3, 15)),
        ("تعقد القمة في 15 آذار القادم", D(2020, 3, 15)),
        ("تعقد القمة يوم 5 آذار المقبل", D(2021, 3, 5)),  # the publication day: strictly after
        ("تعقد القمة في 2 آذار المقبل", D(2021, 3, 2)),
        ("تعقد القمة في 20 شباط القادم", D(2021, 2, 20)),
        ("تعقد القمة في 9 نيسان المقبل", D(2020, 4, 9)),
    ],
)
def test_next_day_month_is_the_next_occurrence_after_publication(text, date):
    m = one(text, published=PUB_MAR)
    assert (m.date, m.future, m.precision) == (date, True, 1)


def test_next_month_named_is_strictly_after_the_current_month():
    m = one("تعقد القمة في آذار المقبل", published=PUB_MAR)
    assert (m.date, m.date_end, m.precision, m.future) == (D(2021, 3, 1), D(2021, 3, 31), 3, True)
    m = one("تعقد القمة في نيسان المقبل", published=PUB_MAR)
    assert (m.date, m.date_end, m.future) == (D(2020, 4, 1), D(2020, 4, 30), True)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("قصفت المدفعية البلدة ليلة السبت - الأحد", "ليلة السبت - الأحد"),
        ("قصفت المدفعية البلدة ليلة السبت/الأحد", "ليلة السبت/الأحد"),
        ("قصفت المدفعية البلدة ليلة السبت على الأحد", "ليلة السبت على الأحد"),
        ("تسللت مجموعة إلى الموقع ليل السبت الأحد وانسحبت", "ليل السبت الأحد"),
        ("تسللت مجموعة إلى الموقع منتصف ليل السبت – الأحد", "منتصف ليل السبت – الأحد"),
    ],
)
def test_a_night_between_two_weekdays_is_a_two_day_span(text, surface):
    # PUB_MAR is Thursday 2020-03-05: Saturday 2020-02-29 to Sunday 2020-03-01
    m = one(text, published=PUB_MAR)
    assert (m.surface, m.date, m.date_end, m.precision, m.relative, m.future) == (
        surface,
        D(2020, 2, 29),
        D(2020, 3, 1),
        1,
        True,
        False,
    )


def test_a_night_is_relative_to_publication_like_a_weekday():
    m = one("ليل الأربعاء الخميس شنت الطائرات غارات", published=PUB_MAR)
    assert (m.date, m.date_end) == (D(2020, 3, 4), D(2020, 3, 5))
    m = one("قصف ليلة السبت - الأحد", published=None)
    assert (m.date, m.date_end, m.precision) == (None, None, 1)


def test_two_weekdays_without_a_night_are_a_span_of_days():
    m = one("استمرت المعارك السبت - الاثنين", published=PUB_MAR)
    assert (m.date, m.date_end, m.precision) == (D(2020, 2, 29), D(2020, 3, 2), 2)
    # without a separator and without a night, two weekdays stay two dates
    assert len(find_dates("قال يوم السبت الأحد إنه", published=PUB_MAR)) == 2


@pytest.mark.parametrize(
    ("published", "start"),
    [
        (D(2020, 3, 5), D(2020, 2, 22)),  # Thursday: its week began Saturday 2020-02-29
        (D(2020, 2, 29), D(2020, 2, 22)),  # a Saturday starts a new week
        (D(2020, 3, 6), D(2020, 2, 22)),  # a Friday ends its week
        (D(2020, 3, 7), D(2020, 2, 29)),
    ],
)
def test_last_week_is_the_previous_saturday_to_friday_week(published, start):
    for text in ("تصاعد القصف الأسبوع الماضي", "تصاعد القصف خلال الأسبوع الماضي"):
        m = one(text, published=published)
        assert (m.date, m.date_end, m.precision, m.relative, m.future) == (
            start,
            start + dt.timedelta(days=6),
            2,
            True,
            False,
        )
        assert m.date.weekday() == 5
        assert m.date_end.weekday() == 4
    m = one("تصاعد القصف الأسبوع الفائت", published=published)
    assert m.date == start


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("قتل ثلاثة خلال الساعات الـ24 الماضية", "الساعات الـ24 الماضية"),
        ("قتل ثلاثة خلال الـ24 ساعة الماضية", "الـ24 ساعة الماضية"),
        ("قتل ثلاثة خلال الساعات الماضية", "الساعات الماضية"),
        ("قتل ثلاثة خلال الساعات القليلة الماضية", "الساعات القليلة الماضية"),
        ("قتل ثلاثة خلال الأربع والعشرين ساعة الماضية", "الأربع والعشرين ساعة الماضية"),
        ("قتل ثلاثة خلال ١٢ ساعة الأخيرة", "١٢ ساعة الأخيرة"),
    ],
)
def test_the_last_hours_reach_back_to_the_day_before_publication(text, surface):
    m = one(text)
    assert (m.surface, m.date, m.date_end, m.precision, m.relative, m.future) == (
        surface,
        D(2021, 4, 13),
        PUB,
        1,
        True,
        False,
    )


@pytest.mark.parametrize(
    ("text", "surface", "date"),
    [
        ("قصفت الطائرات قريتي البارة وكنصفرة، أمس، رداً على هجوم", "أمس", D(2021, 4, 13)),
        ("شنت الطائرات، اليوم، غارات على أطراف المدينة", "اليوم", PUB),
        ("شنت الطائرات،أمس،غارات على أطراف المدينة", "أمس", D(2021, 4, 13)),
        ("قصفت المدفعية التلال – أمس – بعشرات القذائف", "أمس", D(2021, 4, 13)),
        ("قصفت المدفعية بالأمس مواقع الفصائل", "الأمس", D(2021, 4, 13)),
        ("قصفت المدفعية مساء الأمس مواقع الفصائل", "مساء الأمس", D(2021, 4, 13)),
    ],
)
def test_yesterday_and_today_set_off_by_commas(text, surface, date):
    m = one(text)
    assert (m.surface, m.date, m.precision) == (surface, date, 1)


def test_yesterday_as_a_noun_is_not_a_date():
    assert find_dates("تحول حلفاء الأمس إلى خصوم", published=PUB) == []
