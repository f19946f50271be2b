"""Which date an event gets: the nearest date of its clause or sentence, with fallbacks.

Split from :mod:`events.context` (which re-exports :func:`date_for` and
:func:`names_agreement`). Dates that name an agreement or a signing, the span of a count
(«الثالثة من نوعها خلال الشهر»), or the day of an announcement when the sentence also dates
the event are not the event's date; planned events prefer future dates, reported ones past
dates; else the day of the sentence before when this one goes on with its report, else the
publication date with precision 2 (3 when planned or «الماضي»), else the nearest earlier
dated expression of the article with precision 3; «خلال السنوات الماضية» gives no date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from events.classify import norm_text
from events.dates import DateMention
from gazetteer.normalize import normalize

if TYPE_CHECKING:
    from events.context import ArticleContext

__all__ = ["LAST_HOURS", "PAST", "VAGUE_TIME", "date_for", "names_agreement", "pick_date"]

#: "خلال الساعات الـ24 الماضية", "الساعات الفائتة": the day before publication and that day
LAST_HOURS = re.compile(
    r"(?<!\w)(?:ال)?ساعات (?:ال)?(?:\d+ |اربع وعشرين |الاربع والعشرين )?"
    r"(?:الماضيه|الفائته|الاخيره|المنصرمه|السابقه)(?!\w)"
    r"|(?<!\w)(?:ال)?(?:24|اربع وعشرين) ساعه (?:ال)?(?:ماضيه|فائته|اخيره)(?!\w)"
)
PAST = re.compile(r"(?<!\w)\w*(?:الماضي|الماضيه|الفائت|الفائته|السابق|السابقه|سابقا|سبق)(?!\w)")
#: Time spans too vague to date an event ("خلال السنوات الماضية", "منذ سنوات").
VAGUE_TIME = re.compile(
    r"(?:السنوات|الاعوام|السنين|الاشهر|الشهور|الاسابيع) (?:الماضيه|الاخيره|السابقه)"
    r"|منذ (?:سنوات|اعوام|سنين|بدايه|اشهر|شهور)"
)
#: A date right after these words names an agreement or resolution, not an event's day
#: ("اتفاق 5 آذار", "مذكرة سوتشي الموقعة في 17 أيلول", "القرار 2254").
NAMING = re.compile(
    r"(?<!\w)[وف]?(?:ب|ل)?(?:ال)?(?:اتفاق|اتفاقيه|مذكره|تفاهم|تفاهمات|بروتوكول|قرار|هدنه|الموقع"
    r"|الموقعه|توقيع|وقع|وقعت|المبرم|المبرمه)(?!\w)"
)


#: a participle or noun of signing («الموقعة في موسكو يوم 5 آذار»، «المبرم بين البلدين في
#: 17 أيلول»): a date a few words after it, in its clause, is the day of the signing.
#: («وقع/وقعت» are left out: they also mean "took place".)
SIGNED = re.compile(
    r"(?<!\w)[وف]?(?:ب|ل)?(?:ال)?(?:موقع|موقعه|مبرم|مبرمه|توقيع|توقيعه|توقيعها|ابرام|المعلن"
    r"|المعلنه)(?!\w)"
)
_SIGNED_WORDS = 6
_CLAUSE_END = re.compile(r"[،,؛;.!?؟:\n]")


def names_agreement(whole, dm: DateMention) -> bool:
    """Return whether a date expression names an agreement rather than dating an event.

    «اتفاق 5 آذار»، «القرار 2254»: the word right before the date names it; «مذكرة التفاهم
    الموقعة في موسكو يوم 5 مارس»: a word of signing at most six words before the date, in
    its clause, makes the date the signing's; «الثالثة من نوعها خلال الشهر الجاري»: the
    date is the span of a count.
    """
    ns = whole.norm_pos(dm.start)
    before = re.findall(r"\w+", whole.norm[max(0, ns - 40) : ns])[-3:]
    before = [w for w in before if w not in ("في", "يوم", "بتاريخ", "من")]
    if before and NAMING.fullmatch(before[-1]):
        return True
    window = whole.norm[max(0, ns - 15 * _SIGNED_WORDS) : ns]
    cut = [m.end() for m in _CLAUSE_END.finditer(window)]
    words = re.findall(r"\w+", window[cut[-1] if cut else 0 :])[-_SIGNED_WORDS:]
    if any(SIGNED.fullmatch(w) for w in words):
        return True
    # «هي الثالثة من نوعها خلال الشهر الجاري»: the span of a count, not the event's day
    return any(w in _OF_ITS_KIND for w in words[-3:])


_OF_ITS_KIND = frozenset(("نوعه", "نوعها", "نوعهما", "نوعهم"))


#: a reporting verb and its subject before a date: «أعلنت "قسد"، الأربعاء، مقتل …»
_REPORTED = re.compile(
    r"(?<!\w)[وف]?(?:اعلن|اعلنت|قال|قالت|افاد|افادت|ذكر|ذكرت|اكد|اكدت|اوضح|اوضحت|نشر|نشرت"
    r"|وثق|وثقت|رصد|رصدت|نقل|نقلت)(?!\w)"
)


_SUBJECT_WORDS = 6


def two_days(dates: list[DateMention]) -> tuple[dt.date, dt.date] | None:
    """Return the span of two exact dates on consecutive days («مساء أمس» … «فجر اليوم»).

    An incident whose clauses name the evening of one day and the dawn of the next (a
    battle that began at night and ended at dawn) spans both days; None unless the dates
    are exactly two single days, one after the other.
    """
    days = {d.date for d in dates if d.date is not None and d.precision == 1 and not d.date_end}
    if len(days) != 2 or len(dates) != 2:
        return None
    lo, hi = sorted(days)
    return (lo, hi) if (hi - lo).days == 1 else None


def _announced(ctx: ArticleContext, dm: DateMention, anchor: int) -> bool:
    """Whether ``dm`` dates an announcement whose complement («أن …») tells the event."""
    whole = norm_text(ctx.article.text)
    ns = whole.norm_pos(dm.start)
    before = re.findall(r"\w+", whole.norm[max(0, ns - 160) : ns])[-2 * _SUBJECT_WORDS :]
    if not any(_REPORTED.fullmatch(w) for w in before):
        return False  # the verb, its subject with a title and a name, then the day
    between = whole.norm[whole.norm_pos(dm.end) : whole.norm_pos(anchor)]
    return re.search(r"(?<!\w)(?:ان|بان|انه|انها)(?!\w)", between) is not None


def _not_announcements(ctx: ArticleContext, dates: list[DateMention]) -> list[DateMention]:
    """Drop the day of an announcement when the sentence also dates the event.

    «أعلنت قسد، الأربعاء، مقتل 4 من عناصرها في هجوم … ليلة الثلاثاء»: Wednesday is when
    it was announced (a reporting verb at most six words before the date: verb, subject).
    """
    if len(dates) < 2:
        return dates
    whole = norm_text(ctx.article.text)
    keep = []
    for d in dates:
        ns = whole.norm_pos(d.start)
        before = re.findall(r"\w+", whole.norm[max(0, ns - 80) : ns])[-_SUBJECT_WORDS:]
        if not any(_REPORTED.fullmatch(w) for w in before):
            keep.append(d)
    return keep or dates


def pick_date(dates: list[DateMention], anchor: int, *, planned: bool) -> DateMention | None:
    """Return the resolved date nearest to ``anchor`` (future ones first when planned).

    Parameters
    ----------
    dates : list of DateMention
    anchor : int
        Article offset of the cue.
    planned : bool
        Prefer future dates (else past ones).

    Returns
    -------
    DateMention or None
    """
    usable = [d for d in dates if d.date is not None]
    if not planned:
        usable = [d for d in usable if not d.future] or usable
    else:
        usable = [d for d in usable if d.future] or usable
    if not usable:
        return None
    return min(usable, key=lambda d: (abs(d.start - anchor), d.precision))


def date_for(
    ctx: ArticleContext,
    dates: list[DateMention],
    anchor: int,
    text: str,
    *,
    planned: bool,
    incident: bool = False,
) -> tuple[dt.date, dt.date | None, int, str] | None:
    """Return (date, date_end, precision, source) for an event, or None (skip it).

    Parameters
    ----------
    ctx : ArticleContext
    dates : list of DateMention
        The date expressions of the event's clauses or sentence.
    anchor : int
        Article offset of the cue; the nearest date wins.
    text : str
        The event's text (for "الماضي" and "خلال السنوات الماضية").
    planned : bool
        Prefer future dates; a fallback date gets precision 3.
    incident : bool, optional
        An incident announced "today" by a party («أعلن …، اليوم، أن الطيران وجّه ضربات»)
        spans the day before and that day (patrols and posts are announced the day they run).

    Returns
    -------
    tuple or None
        ``source`` is ``sentence``, ``previous`` (the sentence goes on with the report of
        the one before: «وأضاف …»، «وردّت …»), ``publication`` or ``article``.
    """
    kept = _not_announcements(ctx, dates)
    dm = pick_date(kept, anchor, planned=planned)
    pub = ctx.article.published
    if not planned and (both := two_days(kept)) is not None:
        return both[0], both[1], 1, "sentence"  # «بدأته مساء أمس … فجر اليوم»
    if (
        dm is not None
        and incident
        and not planned
        and dm.date == pub
        and dm.date_end is None
        and len(kept) == 1
        and _announced(ctx, dm, anchor)
    ):
        # «أعلن …، اليوم الخميس، أن الطيران وجّه ضربات …»: told today, done today or the
        # night before
        return pub - dt.timedelta(days=1), pub, 1, "sentence"
    if dm is not None and dm.date is not None:
        if dm.date_end is None and dm.date == pub and LAST_HOURS.search(normalize(dm.surface)):
            # events.dates gives "the last 24 hours" as the publication day alone
            return pub - dt.timedelta(days=1), pub, 1, "sentence"
        return dm.date, dm.date_end, dm.precision, "sentence"
    norm = norm_text(text).norm
    if VAGUE_TIME.search(norm):
        return None  # "for years": no date can be given, so no event
    if pub is not None and not planned and LAST_HOURS.search(norm):
        return pub - dt.timedelta(days=1), pub, 1, "sentence"
    if not planned and ctx.carried:
        if (both := two_days(ctx.carried)) is not None:
            return both[0], both[1], 1, "previous"
        dm = ctx.carried[-1]  # the report goes on: the day of the sentence before
        assert dm.date is not None
        return dm.date, dm.date_end, dm.precision, "previous"
    if pub is not None:
        coarse = planned or bool(PAST.search(norm_text(text).norm))
        return pub, None, 3 if coarse else 2, "publication"
    known = [d for d in ctx.dates if d.date is not None]
    if not known:
        return None
    before = [d for d in known if d.start <= anchor]
    dm = before[-1] if before else known[0]
    assert dm.date is not None
    return dm.date, None, 3, "article"
