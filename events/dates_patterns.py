"""The vocabulary and regular expressions that find date spans in normalized Arabic text.

All patterns run on :func:`gazetteer.normalize.normalize_with_offsets` output: alef forms
folded to ا, ة→ه, ى→ي, Eastern Arabic digits to ASCII, "،" to ",", diacritics, tatweel and
censorship dots dropped. Written by hand: dateparser parses a span once it is found, but its
``search_dates`` reads dates into non-dates («إم 4», resolution numbers), so we find spans
ourselves with a small grammar of Arabic date expressions.
"""

from __future__ import annotations

import re

__all__ = [
    "ABSOLUTE",
    "AGO",
    "DAY_OF_REL_MONTH",
    "DAY_RELATIVE",
    "FUTURE_CONTEXT",
    "MONTHS",
    "MONTH_LED",
    "NUMBER_WORDS",
    "NUMERIC",
    "ORDINALS",
    "PAST_HOURS",
    "PERIOD",
    "START_FROM",
    "WEEKDAYS",
    "WEEKDAY_ALONE",
    "days_before_reference",
    "modifier_sign",
]

#: Normalized month spelling -> (month number, a spelling dateparser knows under ar-SY).
MONTHS: dict[str, tuple[int, str]] = {
    # Levantine / Iraqi names (dateparser knows them only under ar-SY, ar-LB, ar-JO, ar-IQ …)
    "كانون الثاني": (1, "كانون الثاني"),
    "كانون ثاني": (1, "كانون الثاني"),
    "شباط": (2, "شباط"),
    "اذار": (3, "آذار"),
    "نيسان": (4, "نيسان"),
    "ايار": (5, "أيار"),
    "حزيران": (6, "حزيران"),
    "تموز": (7, "تموز"),
    "اب": (8, "آب"),
    "ايلول": (9, "أيلول"),
    "تشرين الاول": (10, "تشرين الأول"),
    "تشرين اول": (10, "تشرين الأول"),
    "تشرين الثاني": (11, "تشرين الثاني"),
    "تشرين ثاني": (11, "تشرين الثاني"),
    "كانون الاول": (12, "كانون الأول"),
    "كانون اول": (12, "كانون الأول"),
    # Transliterated Gregorian names (Egypt, Gulf, wire services)
    "يناير": (1, "يناير"),
    "فبراير": (2, "فبراير"),
    "مارس": (3, "مارس"),
    "ابريل": (4, "أبريل"),
    "مايو": (5, "مايو"),
    "يونيو": (6, "يونيو"),
    "يونيه": (6, "يونيو"),
    "يوليو": (7, "يوليو"),
    "يوليه": (7, "يوليو"),
    "اغسطس": (8, "أغسطس"),
    "سبتمبر": (9, "سبتمبر"),
    "اكتوبر": (10, "أكتوبر"),
    "نوفمبر": (11, "نوفمبر"),
    "ديسمبر": (12, "ديسمبر"),
    # Maghreb spellings that are not also ordinary words (ماي, أوت are left out)
    "جانفي": (1, "يناير"),
    "فيفري": (2, "فبراير"),
    "افريل": (4, "أبريل"),
    "جوان": (6, "يونيو"),
    "جويليه": (7, "يوليو"),
}

#: Normalized weekday -> Python weekday (Monday 0).
WEEKDAYS: dict[str, int] = {
    "الاثنين": 0,
    "الثلاثاء": 1,
    "الاربعاء": 2,
    "الخميس": 3,
    "الجمعه": 4,
    "السبت": 5,
    "الاحد": 6,
}

_UNITS = ["الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
_TEENS_UNITS = ["الحادي", *_UNITS[1:]]


def _ordinals() -> dict[str, int]:
    words: dict[str, int] = {u: i + 1 for i, u in enumerate(_UNITS)}
    words["العاشر"] = 10
    for i, u in enumerate(_TEENS_UNITS):
        words[f"{u} عشر"] = 11 + i
    words["العشرين"] = 20
    words["الثلاثين"] = 30
    for i, u in enumerate(_TEENS_UNITS):
        words[f"{u} والعشرين"] = 21 + i
    words["الحادي والثلاثين"] = 31
    return words


#: Ordinal day words ("الخامس من أيار") -> day of month.
ORDINALS: dict[str, int] = _ordinals()

#: Cardinal number words in durations ("قبل ثلاثة أيام").
NUMBER_WORDS: dict[str, int] = {
    "واحد": 1,
    "ثلاثه": 3,
    "ثلاث": 3,
    "اربعه": 4,
    "اربع": 4,
    "خمسه": 5,
    "خمس": 5,
    "سته": 6,
    "ست": 6,
    "سبعه": 7,
    "سبع": 7,
    "ثمانيه": 8,
    "ثماني": 8,
    "ثمان": 8,
    "تسعه": 9,
    "تسع": 9,
    "عشره": 10,
    "عشر": 10,
}

_PAST = ("الماضي", "الماضيه", "الفائت", "الفائته", "المنصرم", "المنصرمه", "السابق")
_NEXT = ("المقبل", "المقبله", "القادم", "القادمه")
_THIS = ("الجاري", "الجاريه", "الحالي", "الحاليه")


def modifier_sign(word: str | None) -> int | None:
    """Return -1 (past), 0 (this), +1 (next) for a period modifier, ``None`` otherwise.

    Parameters
    ----------
    word : str or None
        A normalized modifier ("الماضي", "المقبل", "الجاري" …).

    Returns
    -------
    int or None
    """
    if word in _PAST:
        return -1
    if word in _NEXT:
        return 1
    if word in _THIS or word == "هذا":
        return 0
    return None


def _alt(words: object) -> str:
    """Regex alternation, longest first, spaces matching any run of spaces."""
    items = sorted(set(words), key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


# A word starts here: nothing wordy before, or a one-letter proclitic (و ف ب ل) standing alone.
B = r"(?:(?<!\w)|(?<=(?<!\w)[وفبل]))"
# A day number may also carry the article: "في الـ17 من آب" (tatweel is dropped by normalize).
BD = r"(?:(?<!\w)|(?<=(?<!\w)[وفبل])|(?<=(?<!\w)ال)|(?<=(?<!\w)[وفبل]ال))"
E = r"(?!\w)"
MONTH = rf"(?:{_alt(MONTHS)}){E}"
WEEKDAY = rf"(?:{_alt(WEEKDAYS)}){E}(?!\s+(?:عشر|معا|كليهما){E})"
ORDINAL = rf"(?:{_alt(ORDINALS)}){E}"
MOD = rf"(?:{_alt(_PAST + _NEXT + _THIS)}){E}"
YEAR = r"(?:19|20)\d{2}(?!\d)"
_YEAR_TAIL = (
    rf"(?:[\s,]*(?:من\s+)?(?:عام|العام|لعام|سنه|السنه)?\s*(?P<year>{YEAR})(?:\s*م{E})?"
    rf"|\s+(?:من\s+)?(?:العام|السنه|عام)\s+(?P<yearmod>{MOD}|ذاته|نفسه|ذاتها|نفسها)"
    rf"|\s+(?:من\s+)?(?P<yearthis>هذا\s+العام|هذه\s+السنه){E}"
    rf"|\s+(?P<mod>{MOD}))"
)
_ALT_MONTH = rf"(?:\s*\(\s*(?P<alt1>{MONTH})\s*\)|\s*/\s*(?P<alt2>{MONTH}))"
_TOD = r"(?:(?P<night>ليل|ليله|منتصف\s+ليل|منتصف\s+ليله)|صباح|مساء|ظهر|عصر|فجر|ظهيره|صبيحه)"
_PART = r"(?P<part>منتصف|مطلع|مستهل|بدايه|اوائل|اواسط|اواخر|نهايه|اخر)"

#: "الخميس 9 من كانون الثاني"، "17 سبتمبر (أيلول) 2018"، "5-7 آذار"، "الخامس من شهر أيار".
ABSOLUTE = re.compile(
    rf"{BD}(?:(?P<wd>{WEEKDAY})\s*,?\s*)?"
    rf"(?:(?<![\d/.:-])(?P<day>\d{{1,2}})(?!\d)"
    rf"(?:\s*(?:-|–|الى|حتى)\s*(?P<day2>\d{{1,2}})(?!\d))?\s*(?:من\s+)?"
    rf"|(?P<oday>{ORDINAL})\s+من\s+)"
    rf"(?:شهر\s+)?(?P<month>{MONTH}){_ALT_MONTH}?{_YEAR_TAIL}?"
)

#: "في أيلول العام 2018"، "مايو/ أيار 2017"، "شهر أيار الماضي"، "منتصف آذار".
MONTH_LED = re.compile(
    rf"{B}(?:{_PART}\s+)?(?:(?P<shahr>شهر)\s+)?(?P<month>{MONTH}){_ALT_MONTH}?{_YEAR_TAIL}?"
)

#: "2020/08/17"، "17/8/2020"، "17-08-2020"، "2020-08-17".
NUMERIC = re.compile(
    r"(?<![\d/.:-])(?:"
    r"(?P<y1>(?:19|20)\d{2})(?P<s1>[/.-])(?P<m1>\d{1,2})(?P=s1)(?P<d1>\d{1,2})"
    r"|(?P<d2>\d{1,2})(?P<s2>[/.-])(?P<m2>\d{1,2})(?P=s2)(?P<y2>(?:19|20)\d{2})"
    r")(?![\d]|[/.-]\d)"
)

#: "في 5 من الشهر الجاري"، "22 من الشهر ذاته"، "العاشر من هذا الشهر".
DAY_OF_REL_MONTH = re.compile(
    rf"{BD}(?:(?<![\d/.:-])(?P<day>\d{{1,2}})(?!\d)\s*|(?P<oday>{ORDINAL})\s+)(?:من\s+)?"
    rf"(?:(?P<this>هذا)\s+الشهر{E}"
    rf"|الشهر\s+(?P<dmod>{MOD}|ذاته|نفسه){E})"
)

#: "الشهر الماضي"، "الأسبوع المقبل"، "منتصف الشهر الماضي"، "هذا الأسبوع".
PERIOD = re.compile(
    rf"{B}(?:{_PART}\s+)?"
    rf"(?:(?P<this>هذا)\s+(?P<unit1>الشهر|الاسبوع){E}"
    rf"|(?P<unit2>الشهر|الاسبوع)\s+(?P<pmod>{MOD}))"
)

_DURATION_UNITS = r"يوم|يومين|ايام|اسبوع|اسبوعين|اسابيع|شهر|شهرين|اشهر|شهور|ساعه|ساعتين|ساعات"
#: "قبل يومين"، "قبل ثلاثة أيام"، "منذ أسبوعين" (not "قبل يومين من الهجوم").
AGO = re.compile(
    rf"{B}(?:قبل|منذ)\s+(?:(?P<n>\d{{1,2}}|{_alt(NUMBER_WORDS)}|بضعه|بضع)\s+)?"
    rf"(?P<unit>{_DURATION_UNITS}){E}(?:\s+واحد{E})?"
    rf"(?!\s+(?:من|على|فقط\s+من){E})"
)

#: "خلال الساعات الـ24 الماضية"، "خلال الـ48 ساعة الأخيرة"، "في الساعات الماضية"،
#: "الأربع والعشرين ساعة الماضية"، "الساعات القليلة الماضية".
PAST_HOURS = re.compile(
    rf"{B}(?:ال)?(?:ساعات\s+(?:ال)?(?P<h1>\d{{2}})|(?P<h2>\d{{2}})\s+ساعه"
    rf"|اربع\s+و(?:ال)?عشرين\s+ساعه|ساعات\s+(?:ال)?اربع\s+و(?:ال)?عشرين"
    rf"|ساعات(?:\s+القليله)?){E}"
    rf"\s+(?:الماضيه|الاخيره|المنصرمه|السابقه|الفائته){E}"
)

_NOT_TODAY = (
    r"التالي|السابق|نفسه|ذاته|الاول|الثاني|الثالث|الرابع|الخامس|الاخير|العالمي|الوطني|"
    r"الدولي|المقبل|القادم|الموعود"
)
#: "اليوم (الخميس)"، "أمس الأربعاء"، "مساء أول من أمس"، "فجر اليوم"، "غداً".
DAY_RELATIVE = re.compile(
    rf"{B}(?:(?P<tod>{_TOD})\s+)?"
    rf"(?P<rel>اول\s+من\s+امس|اول\s+امس|امس\s+الاول|امس|الامس|البارحه|اليوم(?!\s+(?:{_NOT_TODAY}){E})"
    rf"|غدا|بعد\s+غد){E}"
    rf"(?:\s*\(\s*(?P<wd>{WEEKDAY})\s*\)|\s+(?P<wd2>{WEEKDAY}))?"
)

#: "الخميس"، "يوم الأحد الماضي"، "ليل الثلاثاء - الأربعاء"، "ليلة السبت/الأحد"، "ليل الجمعة
#: السبت" (a night names its two days; without a separator only after ليل/ليلة)، "الجمعة المقبل".
WEEKDAY_ALONE = re.compile(
    rf"{B}(?:{_TOD}\s+)?(?:يوم\s+)?(?P<wd>{WEEKDAY})"
    rf"(?:(?:\s*[-–/]\s*|(?(night)\s+(?:(?:علي|الي)\s+|و)?|(?!)))(?P<wd2>{WEEKDAY}))?"
    rf"(?:\s+(?P<wmod>{_alt(_PAST + _NEXT)}){E})?"
)
#: Weekday words that are also ordinary words: "بين الاثنين" (the two), "الواحد الأحد".
NOT_WEEKDAY_BEFORE = re.compile(r"(?:بين|كلا|كلتا|الواحد|هذين|هذان)\s+$")

_FUTURE_STEMS = (
    "تم|بدا|عقد|نطلق|جري|كون|زور|لتقي|صل|قام|سير|شارك|جتمع|عود|ستانف|نفذ|شهد|نسحب|"
    "توجه|دخل|خرج|صدر|علن|طلق|فتح|نشر|حضر|بحث|ناقش|وقع|ستلم|ستمر|كمل|غادر|نتقل|نظم|"
    "صبح|ضم|سلم|عمل|نعقد|جول"
)
#: Words that put a date in the future when they precede it in the sentence.
FUTURE_CONTEXT = re.compile(
    rf"{B}(?:سوف|من\s+المقرر|من\s+المنتظر|من\s+المتوقع|المقرر|المزمع|المرتقب|المرتقبه|"
    rf"يعتزم|تعتزم|ينوي|تنوي|يرتقب|س[يتن](?:{_FUTURE_STEMS})\w{{0,3}}){E}"
)

#: "بدءاً من"، "اعتباراً من"، "ابتداءً من" right before a date: the start of something
#: announced, so a yearless date shortly after publication is in the future.
START_FROM = re.compile(rf"{B}(?:بدءا|بدء|ابتداء|اعتبارا)\s+من\s+(?:يوم\s+|تاريخ\s+)?(?:ال)?$")


#: «بعد يومين من غارات …»، «عقب ثلاثة أيام من هجوم …»: the event named next happened that
#: many days before the sentence's own event (told on the publication day)
_DAYS_BEFORE = re.compile(
    r"(?<!\w)(?:بعد|عقب)\s+(?:نحو\s+)?(?P<n>يوم|يومين|اسبوع|اسبوعين|ايام|(?P<k>\d+|ثلاثه|اربعه"
    r"|خمسه|سته|سبعه)\s+ايام)\s+(?:من|علي)(?:\s+\w+)?\s*$"
)
#: «بعد أيام من …»: a few days, told as at most a week
_FEW_DAYS = (2, 7)
_FIXED_DAYS = {"يوم": 1, "يومين": 2, "اسبوع": 7, "اسبوعين": 14}
_DAY_WORDS = {"ثلاثه": 3, "اربعه": 4, "خمسه": 5, "سته": 6, "سبعه": 7}


def days_before_reference(norm_before: str) -> tuple[int, int] | None:
    """Return (N, N) when the text before a cue ends with «بعد N أيام من» (else None).

    «بعد أيام من» gives (2, 7): a few days, at most a week.

    Parameters
    ----------
    norm_before : str
        The normalized text of the clause up to the cue.

    Returns
    -------
    (fewest, most) or None
        How many days before the reference day the named event happened.
    """
    m = _DAYS_BEFORE.search(norm_before)
    if m is None:
        return None
    k = m.group("k")
    if k is None:
        n = m.group("n")
        return _FEW_DAYS if n == "ايام" else (_FIXED_DAYS[n], _FIXED_DAYS[n])
    days = int(k) if k.isdigit() else _DAY_WORDS[k]
    return days, days
