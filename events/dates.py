"""Date expressions in Arabic news text, resolved against the publication date.

:func:`find_dates` finds date spans with the grammar in :mod:`events.dates_patterns` (on
normalized text, offsets mapped back to the original), parses day/month/year spans with
dateparser under the Levantine locale ``ar-SY`` (which knows آب، أيلول، كانون الثاني …),
and resolves relative expressions (اليوم، أمس، الخميس الماضي، الشهر الماضي، قبل يومين …)
against the publication date. Calendar arithmetic on relative expressions is written by
hand: dateparser's meaning of a bare weekday (the previous week's, even on that weekday),
its missing "أول من أمس" and its lack of number words do not match Arabic news usage.

Rules worth knowing (documented in ``docs/articles-and-dates.md``):

- A date without a year takes the year that puts it nearest on or before publication,
  unless the month carries "المقبل"/"القادم" (the next such month), "الماضي"/"الفائت"
  (the previous such month), "الجاري"/"الحالي" (this year), or the sentence announces
  the future before it ("ستبدأ الدوريات يوم 15 آذار", "من المقرر") → on or after.
  "المقبل" with a day is the next occurrence strictly after publication. After
  "اعتباراً من"/"بدءاً من" a date at most ~2 months ahead is the next one (a start).
- "ليلة السبت - الأحد": the first day (as a weekday alone) to the next, precision 1.
- "الساعات الـ24 الماضية": the day before publication to publication day, precision 1.
- A weekday alone is the latest such day on or before publication ("الخميس الماضي":
  strictly before; "الخميس المقبل": strictly after; after a future verb: on or after).
- Weeks run Saturday to Friday (CLDR's first day of the week for Syria).
- Without a publication date, relative expressions come back with ``date=None``.
- Years alone ("العام 2018") and numbers ("القرار 2254", "30-35 كيلومتراً") are not dates.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from events import dates_patterns as P
from events.dates_calendar import (
    LOCALES,
    month_end,
    named_weekday_near,
    parse_day_month_year,
    shift_month,
    week_start,
    year_for,
)
from gazetteer.normalize import normalize_with_offsets

__all__ = ["LOCALES", "DateMention", "find_dates", "parse_day_month_year", "week_start"]

#: How far before a date a future marker may stand in its sentence.
_FUTURE_WINDOW = 120
#: A yearless date after "اعتباراً من" is the next one when at most this many days ahead.
_START_FROM_AHEAD_DAYS = 62
_SENTENCE_END = re.compile(r"[.!?\n]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in a text.

    Parameters
    ----------
    start, end : int
        Offsets into the original text; ``surface == text[start:end]``.
    surface : str
    date : datetime.date or None
        The day (the first day of a week or month span); ``None`` when unresolved (a
        relative expression without a publication date).
    date_end : datetime.date or None
        The last day of a span ("الأسبوع الماضي", "آذار 2019", "5-7 آذار"); else ``None``.
    precision : int
        1 exact day, 2 within a week, 3 only the month (ACLED ``time_precision``).
    relative : bool
        Resolved against the publication date (relative words, or a date without a year).
    future : bool
        After the publication date (an announced, planned event); when unresolved, True
        if the words say so ("المقبل", "غداً").
    """

    start: int
    end: int
    surface: str
    date: dt.date | None
    date_end: dt.date | None
    precision: int
    relative: bool
    future: bool


@dataclass(frozen=True, slots=True)
class _Resolved:
    date: dt.date | None
    date_end: dt.date | None = None
    precision: int = 1
    relative: bool = True
    future_hint: bool = False


def _part_window(part: str | None, year: int, month: int) -> _Resolved | None:
    """Part of a month ("منتصف", "مطلع", "أواخر") → a precision-2 window."""
    if part is None:
        return None
    last = month_end(year, month)
    if part in ("منتصف", "اواسط"):
        return _Resolved(dt.date(year, month, 15), None, 2)
    if part in ("مطلع", "مستهل", "بدايه", "اوائل"):
        return _Resolved(dt.date(year, month, 1), dt.date(year, month, 10), 2)
    return _Resolved(last - dt.timedelta(days=9), last, 2)


def _norm_key(s: str) -> str:
    return _SPACES.sub(" ", s.strip())


class _Finder:
    """One run of :func:`find_dates` over one text."""

    def __init__(self, text: str, published: dt.date | None) -> None:
        self.text = text
        self.pub = published
        self.norm, self.offsets = normalize_with_offsets(text)
        self.resolved: list[DateMention] = []
        # Dated mentions sorted by end offset, for previous().
        self._dated: list[DateMention] = []
        self._dated_ends: list[int] = []
        self.here = 0

    # -- helpers -------------------------------------------------------------------------
    def future_context(self, nstart: int) -> bool:
        lo = max(0, nstart - _FUTURE_WINDOW)
        window = self.norm[lo:nstart]
        ends = list(_SENTENCE_END.finditer(window))
        if ends:
            window = window[ends[-1].end() :]
        return P.FUTURE_CONTEXT.search(window) is not None

    def start_from(self, nstart: int) -> bool:
        """Return whether "بدءاً من"/"اعتباراً من"/"ابتداءً من" stands right before."""
        return P.START_FROM.search(self.norm[max(0, nstart - 30) : nstart]) is not None

    def previous(self) -> DateMention | None:
        """Return the nearest resolved mention before the current match ("الشهر ذاته")."""
        here = self.offsets[self.here] if self.here < len(self.offsets) else len(self.text)
        k = bisect.bisect_right(self._dated_ends, here)
        return self._dated[k - 1] if k else None

    def month_of(self, m: re.Match[str], group: str = "month") -> int | None:
        word = _norm_key(m.group(group))
        num = P.MONTHS[word][0]
        if word == "اب" and self.text[self.offsets[m.start(group)]] not in "آا":
            return None  # أب is "father", not August
        return num

    def yearless(self, nstart: int, month: int, day: int | None, sign: int | None) -> int | None:
        if self.pub is None:
            return None
        future = sign is None and self.future_context(nstart)
        ahead = _START_FROM_AHEAD_DAYS if sign is None and self.start_from(nstart) else None
        return year_for(self.pub, month, day, sign=sign, future=future, ahead_days=ahead)

    def year_from_tail(
        self, m: re.Match[str], month: int, day: int | None
    ) -> tuple[int | None, bool, int | None]:
        """(year, relative, month-modifier sign) from the year tail of a month match."""
        if m.group("year"):
            return int(m.group("year")), False, None
        yearmod = m.group("yearmod")
        if yearmod:
            if yearmod in ("ذاته", "نفسه", "ذاتها", "نفسها"):
                prev = self.previous()
                return (prev.date.year if prev and prev.date else None), True, None
            sign = P.modifier_sign(yearmod)
            return (self.pub.year + sign if self.pub and sign is not None else None), True, None
        if m.group("yearthis"):
            return (self.pub.year if self.pub else None), True, None
        sign = P.modifier_sign(m.group("mod"))
        return self.yearless(m.start(), month, day, sign), True, sign

    # -- one resolver per pattern -------------------------------------------------------------
    def absolute(self, m: re.Match[str]) -> _Resolved | None:
        month = self.month_of(m)
        if month is None:
            return None
        day = int(m.group("day")) if m.group("day") else P.ORDINALS[_norm_key(m.group("oday"))]
        day2 = int(m.group("day2")) if m.group("day2") else None
        if not 1 <= day <= 31 or (day2 is not None and not day < day2 <= 31):
            return None
        year, relative, sign = self.year_from_tail(m, month, day)
        hint = sign == 1
        if year is None:
            return _Resolved(None, None, 1 if day2 is None else 2, True, hint)
        date = parse_day_month_year(day, month, year)
        if date is None:
            return None
        if day2 is None:
            return _Resolved(date, None, 1, relative, hint)
        end = parse_day_month_year(day2, month, year)
        if end is None:
            return None
        span = (end - date).days
        return _Resolved(date, end, 1 if span < 1 else 2 if span <= 7 else 3, relative, hint)

    def month_led(self, m: re.Match[str]) -> _Resolved | None:
        qualified = any(
            m.group(g) for g in ("part", "shahr", "alt1", "alt2", "year", "yearmod", "yearthis")
        ) or m.group("mod")
        month = self.month_of(m)
        if not qualified or month is None:
            return None
        year, relative, sign = self.year_from_tail(m, month, None)
        if year is None:
            return _Resolved(None, None, 2 if m.group("part") else 3, True, sign == 1)
        first = parse_day_month_year(None, month, year)
        if first is None:
            return None
        window = _part_window(m.group("part"), year, month)
        if window is not None:
            return _Resolved(window.date, window.date_end, 2, relative, sign == 1)
        return _Resolved(first, month_end(year, month), 3, relative, sign == 1)

    def numeric(self, m: re.Match[str]) -> _Resolved | None:
        y, mo, d = (m.group("y1"), m.group("m1"), m.group("d1"))
        if y is None:
            y, mo, d = (m.group("y2"), m.group("m2"), m.group("d2"))
        date = parse_day_month_year(int(d), int(mo), int(y))
        return None if date is None else _Resolved(date, None, 1, False)

    def day_of_rel_month(self, m: re.Match[str]) -> _Resolved | None:
        day = int(m.group("day")) if m.group("day") else P.ORDINALS[_norm_key(m.group("oday"))]
        dmod = m.group("dmod")
        if dmod in ("ذاته", "نفسه"):
            prev = self.previous()
            if prev is None or prev.date is None:
                return _Resolved(None, None, 1, True)
            year, month, relative = prev.date.year, prev.date.month, prev.relative
        else:
            sign = 0 if m.group("this") else P.modifier_sign(dmod)
            if self.pub is None or sign is None:
                return _Resolved(None, None, 1, True, sign == 1)
            (year, month), relative = shift_month(self.pub.year, self.pub.month, sign), True
        date = parse_day_month_year(day, month, year)
        return None if date is None else _Resolved(date, None, 1, relative)

    def period(self, m: re.Match[str]) -> _Resolved | None:
        unit = m.group("unit1") or m.group("unit2")
        sign = 0 if m.group("this") else P.modifier_sign(m.group("pmod"))
        if sign is None:
            return None
        if self.pub is None:
            return _Resolved(None, None, 3 if unit == "الشهر" else 2, True, sign == 1)
        if unit == "الاسبوع":
            start = week_start(self.pub) + dt.timedelta(days=7 * sign)
            return _Resolved(start, start + dt.timedelta(days=6), 2, True)
        year, month = shift_month(self.pub.year, self.pub.month, sign)
        window = _part_window(m.group("part"), year, month)
        if window is not None:
            return window
        return _Resolved(dt.date(year, month, 1), month_end(year, month), 3, True)

    def ago(self, m: re.Match[str]) -> _Resolved | None:
        raw_n, unit = m.group("n"), m.group("unit")
        n = None
        if raw_n and raw_n.isdigit():
            n = int(raw_n)
        elif raw_n in P.NUMBER_WORDS:
            n = P.NUMBER_WORDS[raw_n]
        fuzzy = raw_n in ("بضعه", "بضع") or (
            n is None and unit in ("ايام", "اسابيع", "اشهر", "شهور")
        )
        pub = self.pub
        if unit in ("ساعه", "ساعتين", "ساعات"):
            return _Resolved(pub, None, 1) if pub else _Resolved(None, None, 1)
        if unit in ("يوم", "يومين", "ايام"):
            if fuzzy:
                if pub is None:
                    return _Resolved(None, None, 2)
                return _Resolved(pub - dt.timedelta(days=7), pub - dt.timedelta(days=1), 2)
            days = 2 if unit == "يومين" else (n or 1)
            return _Resolved(pub - dt.timedelta(days=days) if pub else None, None, 1)
        if unit in ("اسبوع", "اسبوعين", "اسابيع"):
            if fuzzy:
                return None
            weeks = 2 if unit == "اسبوعين" else (n or 1)
            return _Resolved(pub - dt.timedelta(weeks=weeks) if pub else None, None, 2)
        if fuzzy:
            return None
        months = 2 if unit == "شهرين" else (n or 1)
        if pub is None:
            return _Resolved(None, None, 3)
        year, month = shift_month(pub.year, pub.month, -months)
        return _Resolved(dt.date(year, month, 1), month_end(year, month), 3)

    def past_hours(self, m: re.Match[str]) -> _Resolved | None:
        # "the last 24 hours" (or hours without a number) may reach back over midnight:
        # the day before publication to publication day, p1 (one day's report, at most a
        # day out); 25-48 hours and more: p2.
        hours = int(m.group("h1") or m.group("h2") or 24)
        if self.pub is None:
            return _Resolved(None, None, 1 if hours <= 24 else 2)
        days = min(7, max(1, -(-hours // 24)))
        return _Resolved(self.pub - dt.timedelta(days=days), self.pub, 1 if days == 1 else 2)

    def day_relative(self, m: re.Match[str]) -> _Resolved | None:
        rel = _norm_key(m.group("rel"))
        if rel == "الامس" and not m.group("tod") and not self._after(m.start(), ("ب", "يوم ")):
            return None  # "حلفاء الأمس" (yesterday's allies); "بالأمس"، "مساء الأمس" are days
        if rel == "اليوم" and self._after(m.start(), ("نفس ", "ذات ")):
            return None  # «في نفس اليوم»: the day of the event told before, not today
        offset = {"اليوم": 0, "امس": -1, "الامس": -1, "البارحه": -1, "غدا": 1, "بعد غد": 2}
        off = offset.get(rel, -2)
        if self.pub is None:
            return _Resolved(None, None, 1, True, off > 0)
        day = self.pub + dt.timedelta(days=off)
        wd = m.group("wd") or m.group("wd2")
        if wd and off <= 0:
            day = named_weekday_near(day, P.WEEKDAYS[wd], self.pub)
        return _Resolved(day, None, 1)

    def _after(self, nstart: int, prefixes: tuple[str, ...]) -> bool:
        before = self.norm[max(0, nstart - 8) : nstart]
        return any(before.endswith(p) for p in prefixes)

    def weekday(self, m: re.Match[str]) -> _Resolved | None:
        if P.NOT_WEEKDAY_BEFORE.search(self.norm[max(0, m.start() - 12) : m.start()]):
            return None
        wd = P.WEEKDAYS[m.group("wd")]
        wd2 = P.WEEKDAYS[m.group("wd2")] if m.group("wd2") else None
        sign = P.modifier_sign(m.group("wmod"))
        # Two weekdays: a night ("ليلة السبت - الأحد", the night from Saturday to Sunday)
        # is a known night, p1 from its first day to the next; other pairs ("السبت - الاثنين")
        # are a span of days, p2.
        span = None if wd2 is None else (wd2 - wd) % 7
        night = m.group("night") is not None and span == 1
        precision = 1 if not span or night else 2
        if self.pub is None:
            return _Resolved(None, None, precision, True, sign == 1)
        pub_wd = self.pub.weekday()
        if sign == -1:
            delta = -((pub_wd - wd) % 7 or 7)
        elif sign == 1:
            delta = (wd - pub_wd) % 7 or 7
        elif self.future_context(m.start()) or self.start_from(m.start()):
            delta = (wd - pub_wd) % 7
        else:
            delta = -((pub_wd - wd) % 7)
        date = self.pub + dt.timedelta(days=delta)
        end = date + dt.timedelta(days=span) if span else None
        return _Resolved(date, end, precision)

    # -- driver ---------------------------------------------------------------------------
    def run(self) -> list[DateMention]:
        passes = (
            (P.NUMERIC, self.numeric),
            (P.ABSOLUTE, self.absolute),
            (P.DAY_OF_REL_MONTH, self.day_of_rel_month),
            (P.MONTH_LED, self.month_led),
            (P.PERIOD, self.period),
            (P.AGO, self.ago),
            (P.PAST_HOURS, self.past_hours),
            (P.DAY_RELATIVE, self.day_relative),
            (P.WEEKDAY_ALONE, self.weekday),
        )
        starts: list[int] = []  # accepted spans, sorted and disjoint
        ends: list[int] = []
        for pattern, resolve in passes:
            for m in pattern.finditer(self.norm):
                s, e = m.start(), m.end()
                k = bisect.bisect_left(ends, s + 1)  # first accepted span ending after s
                if s == e or (k < len(starts) and starts[k] < e):
                    continue
                self.here = s
                resolved = resolve(m)
                if resolved is not None:
                    starts.insert(k, s)
                    ends.insert(k, e)
                    mention = self._mention(s, e, resolved)
                    self.resolved.append(mention)
                    if mention.date is not None:
                        j = bisect.bisect_right(self._dated_ends, mention.end)
                        self._dated.insert(j, mention)
                        self._dated_ends.insert(j, mention.end)
        self.resolved.sort(key=lambda mention: mention.start)
        return self.resolved

    def _mention(self, s: int, e: int, r: _Resolved) -> DateMention:
        start, end = self.offsets[s], self.offsets[e - 1] + 1
        future = r.future_hint if r.date is None or self.pub is None else r.date > self.pub
        return DateMention(
            start=start,
            end=end,
            surface=self.text[start:end],
            date=r.date,
            date_end=r.date_end,
            precision=r.precision,
            relative=r.relative,
            future=bool(future),
        )


def find_dates(text: str, *, published: dt.date | None) -> list[DateMention]:
    """Find the date expressions in a text and resolve them.

    Parameters
    ----------
    text : str
        Any text (an article, a sentence). Offsets refer to it as given.
    published : datetime.date or None
        The publication date; relative expressions and dates without a year resolve
        against it, and come back with ``date=None`` without it.

    Returns
    -------
    list of DateMention
        In text order, not overlapping.

    Examples
    --------
    >>> [m.date.isoformat() for m in find_dates("قصف أمس الأربعاء", published=dt.date(2020, 1, 9))]
    ['2020-01-08']
    """
    if not text:
        return []
    return _Finder(text, published).run()
