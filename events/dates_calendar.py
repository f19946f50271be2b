"""Calendar arithmetic for :mod:`events.dates`.

Parsing (day, month, year) with dateparser, weeks, month spans and the year of a date
printed without one.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

import dateparser

from events.dates_patterns import MONTHS

__all__ = [
    "LOCALES",
    "month_end",
    "named_weekday_near",
    "parse_day_month_year",
    "shift_month",
    "week_start",
    "year_for",
]

#: dateparser locales: the Levantine month names are known only under these.
LOCALES = ["ar-SY"]
_MONTH_CANON = dict(MONTHS.values())
#: Weeks start on Saturday in Syria (CLDR weekData firstDay "sat" for SY); Python's Saturday.
_WEEK_FIRST_DAY = 5


def week_start(day: dt.date) -> dt.date:
    """Return the Saturday that starts ``day``'s week.

    Parameters
    ----------
    day : datetime.date

    Returns
    -------
    datetime.date
    """
    return day - dt.timedelta(days=(day.weekday() - _WEEK_FIRST_DAY) % 7)


@lru_cache(maxsize=8192)
def _parse_cached(day: int | None, month: int, year: int) -> dt.date | None:
    canon = _MONTH_CANON[month]
    text = f"{day} {canon} {year}" if day else f"{canon} {year}"
    settings = {
        "RELATIVE_BASE": dt.datetime(year, month, 1),
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month", "year"] if day else ["month", "year"],
    }
    parsed = dateparser.parse(text, locales=LOCALES, settings=settings)
    if parsed is None or parsed.month != month or parsed.year != year:
        return None
    return parsed.date()


def parse_day_month_year(day: int | None, month: int, year: int) -> dt.date | None:
    """Parse a (day, month, year) read from a span with dateparser under ``ar-SY``.

    The span's month word is replaced by a spelling dateparser knows (the table in
    :data:`events.dates_patterns.MONTHS` has one per spelling), so "17 آب 2020",
    "١٧ أغسطس ٢٠٢٠" and "17 اغسطس 2020" parse alike. Every part is given, so the result
    does not depend on ``RELATIVE_BASE``; results are cached.

    Parameters
    ----------
    day : int or None
        ``None`` for a month (the first day is returned).
    month, year : int

    Returns
    -------
    datetime.date or None
        ``None`` when the day does not exist in that month ("31 شباط").
    """
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return _parse_cached(day, month, year)


def month_end(year: int, month: int) -> dt.date:
    """Return the last day of a month.

    Parameters
    ----------
    year, month : int

    Returns
    -------
    datetime.date
    """
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def shift_month(year: int, month: int, k: int) -> tuple[int, int]:
    """Return (year, month) ``k`` months after (negative: before) the given month.

    Parameters
    ----------
    year, month, k : int

    Returns
    -------
    tuple of int
    """
    idx = year * 12 + (month - 1) + k
    return idx // 12, idx % 12 + 1


def year_for(
    pub: dt.date,
    month: int,
    day: int | None,
    *,
    sign: int | None,
    future: bool,
    ahead_days: int | None = None,
) -> int:
    """Return the year of a date printed without one.

    Parameters
    ----------
    pub : datetime.date
        The publication date.
    month : int
    day : int or None
        ``None`` for a month ("شهر أيار").
    sign : int or None
        The month's modifier: -1 "الماضي"/"الفائت" (the previous such month, strictly
        before the publication month), +1 "المقبل"/"القادم" (the next occurrence strictly
        after publication: "15 آذار المقبل" published on 5 March is ten days later, "آذار
        المقبل" published in March is next year's), 0 "الجاري"/"الحالي" (the publication
        year), ``None`` none.
    future : bool
        Without a modifier: the sentence announces the future (the date is on or after
        publication); else the date is the nearest on or before publication.
    ahead_days : int or None
        Without a modifier and without ``future``: take the next occurrence on or after
        publication when it is at most this many days away ("اعتباراً من 15 آذار"
        published on 5 March), else the nearest on or before.

    Returns
    -------
    int
    """
    if sign == -1:
        return pub.year if month < pub.month else pub.year - 1
    if sign == 1:
        key = (month, day or 0)
        pub_key = (pub.month, pub.day if day else 0)
        return pub.year if key > pub_key else pub.year + 1
    if sign == 0:
        return pub.year
    key, pub_key = (month, day or 0), (pub.month, pub.day if day else 0)
    ahead = pub.year if key >= pub_key else pub.year + 1
    if future:
        return ahead
    if ahead_days is not None:
        first = dt.date(ahead, month, min(day or 1, calendar.monthrange(ahead, month)[1]))
        if (first - pub).days <= ahead_days:
            return ahead
    return pub.year if key <= pub_key else pub.year - 1


def named_weekday_near(day: dt.date, weekday: int, published: dt.date) -> dt.date:
    """Return the day a relative word and a weekday name together give («أمس الاثنين»).

    When they disagree (an article whose web date is a day after its print date), the
    weekday named is the firmer fact: the day with that weekday nearest to ``day``, never
    after ``published``; farther than two days off it is a slip of the weekday and ``day``
    stands.

    Parameters
    ----------
    day : datetime.date
        The day the relative word gives (publication day minus one for «أمس»).
    weekday : int
        The weekday named (Monday 0).
    published : datetime.date

    Returns
    -------
    datetime.date
    """
    shift = (weekday - day.weekday() + 3) % 7 - 3
    if day + dt.timedelta(days=shift) > published:
        shift -= 7
    return day + dt.timedelta(days=shift) if abs(shift) <= 2 else day
