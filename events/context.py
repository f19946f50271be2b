"""What extraction knows about an article while it reads it, and helpers all event types share.

Dates with their fallbacks, a location's point and radius, the event's places, and building
a :class:`events.merge.Draft`.

Date rules: the date expression nearest to the cue in its clause group or sentence (dates
that name an agreement — "اتفاق 5 آذار" — excluded; planned events prefer future dates,
reported ones past dates); else the publication date with precision 2 (3 when planned or
when the sentence says الماضي/السابق/سبق); else the nearest earlier dated expression of the
article with precision 3; an event spread over years ("خلال السنوات الماضية") or with no
date at all is skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from events.classify import (
    Cue,
    norm_text,
)
from events.dates import DateMention
from events.locate import (
    PlaceUse,
    best_location,
    geo_precision,
    governorate_names,
    in_syria,
    place_uses,
)
from events.merge import Draft
from events.model import Article
from events.sentences import Sentence
from gazetteer.model import Mention, Place
from gazetteer.normalize import normalize
from geo.roads import is_road, snap_to_road

if TYPE_CHECKING:
    from gazetteer.core import Gazetteer

__all__ = [
    "ANAPHOR",
    "PATROL_WORD",
    "ArticleContext",
    "context_candidate",
    "date_for",
    "end_sentence",
    "event_places",
    "gov_names_of",
    "in_span",
    "locate_event",
    "make_draft",
    "names_agreement",
    "point_at",
    "radius_for",
    "refers_back",
    "roads_of",
    "start_sentence",
]


#: "خلال الساعات الـ24 الماضية", "الساعات الفائتة": the day before publication and that day
LAST_HOURS = re.compile(
    r"(?<!\w)(?:ال)?ساعات (?:ال)?(?:\d+ |اربع وعشرين |الاربع والعشرين )?"
    r"(?:الماضيه|الفائته|الاخيره|المنصرمه|السابقه)(?!\w)"
    r"|(?<!\w)(?:ال)?(?:24|اربع وعشرين) ساعه (?:ال)?(?:ماضيه|فائته|اخيره)(?!\w)"
)
#: a sentence that goes on with the report before it (reporting verbs, a response)
CONTINUES = re.compile(
    r"^\W*[وف](?:اضاف|اضافت|تابع|تابعت|اشار|اشارت|اوضح|اوضحت|لفت|لفتت|بين|بينت|ذكر|ذكرت"
    r"|قال|قالت|افاد|افادت|اكد|اكدت|نقل|نقلت|اردف|اردفت|رد|ردت|ردوا)(?!\w)"
)
#: "بعد ساعات من دخوله حيز التنفيذ": hours after something the sentence before dated
HOURS_AFTER = re.compile(
    r"(?<!\w)(?:بعد|عقب|قبل) (?:ساعات|ساعه|ساعتين|دقائق|لحظات)(?: قليله)? (?:من|علي)(?!\w)"
)
#: "وجاء ذلك بعد …", "ويأتي الإعلان عقب …": background to the report, not a step of it
BACKGROUND = re.compile(r"^\W*[وف]?(?:جاء|جاءت|ياتي|تاتي|يذكر|سبق|كان|كانت)(?!\w)")
#: a date carried over from the sentence before is at most this many days old
CARRY_DAYS = 7
PAST = re.compile(r"(?<!\w)\w*(?:الماضي|الماضيه|الفائت|الفائته|السابق|السابقه|سابقا|سبق)(?!\w)")
#: Time spans too vague to date an event ("خلال السنوات الماضية", "منذ سنوات").
VAGUE_TIME = re.compile(
    r"(?:السنوات|الاعوام|السنين|الاشهر|الشهور|الاسابيع) (?:الماضيه|الاخيره|السابقه)"
    r"|منذ (?:سنوات|اعوام|سنين|بدايه|اشهر|شهور)"
)
ANAPHOR = re.compile(
    r"(?<!\w)(?:هناك|هنالك|فيها|فيه|ب?المنطقه|ب?المحافظه|ب?المدينه|ب?البلده|ب?القريه|ريفها"
    r"|محيطها|اطرافها)(?!\w)"
)
#: "فيها/فيه" after a relative pronoun ("المرة الأولى التي تُستهدف فيها الدوريات") points
#: inside the sentence, not back to a place
_RELATIVE_FIHA = re.compile(
    r"(?<!\w)(?:التي|الذي|اللتي|اللذي|حيث)(?:\W+\w+){0,3}?\W+فيه(?:ا)?(?!\w)"
)


def refers_back(norm: str) -> bool:
    """Return whether a clause points back to a place told before (هناك، المنطقة، فيها …)."""
    for m in ANAPHOR.finditer(norm):
        if m.group(0) in ("فيها", "فيه") and any(
            r.end() == m.end() for r in _RELATIVE_FIHA.finditer(norm)
        ):
            continue
        return True
    return False


PATROL_WORD = re.compile(r"(?<!\w)[وف]?(?:بال|لل|ال|ب|ل)?دوري(?:ه|ات|تين)(?!\w)")
_TABLE_CACHE: dict[int, tuple[object, dict[str, str], list[Place]]] = {}


@dataclass
class ArticleContext:
    """The article being read: its mentions, dates, roads, and the last place named."""

    article: Article
    mentions: list[Mention]
    dates: list[DateMention]
    gov: dict[str, str]
    roads: list[Place]
    article_roads: list[Place]
    cited: tuple[str, ...]
    last_place: PlaceUse | None = None
    #: the past dates of the sentence before (or the ones it carried over itself)
    carry: list[DateMention] = field(default_factory=list)
    #: the dates the current sentence carries over (it goes on with the report before)
    carried: list[DateMention] = field(default_factory=list)
    #: sentences read since ``last_place`` was set, not yet looked at (lazy: only an
    #: anaphor such as "المنطقة" or "هناك" needs them)
    pending: list[tuple[Sentence, list[Mention]]] = field(default_factory=list)
    #: the numbers of the article's title sentences
    headlines: frozenset[int] = frozenset()

    def context_place(self) -> PlaceUse | None:
        """Return the last Syrian area named before the current sentence.

        Never a site (a base, an airport, a crossing, a post: «المنطقة» after «قاعدة
        حميميم» means the war area around, not the base) and never a diplomatic venue;
        a place that only qualifies another («بريف اللاذقية») counts.
        """
        for sent, ments in reversed(self.pending):
            uses = place_uses(sent.text, ments, offset=sent.start, gov_names=self.gov)
            here = context_candidate(uses, gov_names=self.gov)
            if here is not None:
                self.last_place = here
                break
        self.pending.clear()
        return self.last_place


def start_sentence(ctx: ArticleContext, text: str, dates: list[DateMention]) -> None:
    """Carry the dates of the sentence before into one that goes on with its report."""
    norm = norm_text(text).norm
    goes_on = CONTINUES.match(norm) is not None or HOURS_AFTER.search(norm) is not None
    ctx.carried = ctx.carry if goes_on else []


def end_sentence(ctx: ArticleContext, text: str, dates: list[DateMention]) -> None:
    """Remember the sentence's past dates (else what it carried) for the next sentence.

    A background sentence («وجاء الإعلان عقب لقاء … يوم الأربعاء») leaves them as they were.
    """
    if BACKGROUND.match(norm_text(text).norm):
        return
    pub = ctx.article.published
    own = [
        d
        for d in dates
        if d.date is not None
        and not d.future
        and (pub is None or (pub - d.date).days <= CARRY_DAYS)
    ]
    ctx.carry = own or ctx.carried


def context_candidate(uses: list[PlaceUse], *, gov_names: dict[str, str]) -> PlaceUse | None:
    """Return the place of a sentence that a later «المنطقة/هناك» may refer to, or None."""
    areas = [
        replace(u, role="location") if u.role == "containment" else u
        for u in uses
        if u.role in ("location", "containment") and u.place.kind != "site"
    ]
    return best_location(areas, gov_names=gov_names)


def per_table(gazetteer: Gazetteer) -> tuple[dict[str, str], list[Place]]:
    """Governorate names and roads of the gazetteer's table, computed once per table."""
    table = gazetteer.table
    hit = _TABLE_CACHE.get(id(table))
    if hit is None or hit[0] is not table:
        places = table.places
        hit = (table, governorate_names(places), [p for p in places if is_road(p)])
        _TABLE_CACHE[id(table)] = hit
    return hit[1], hit[2]


def gov_names_of(gazetteer: Gazetteer) -> dict[str, str]:
    """Return :func:`events.locate.governorate_names` of the gazetteer's table (cached)."""
    return per_table(gazetteer)[0]


def roads_of(gazetteer: Gazetteer) -> list[Place]:
    """Return the usable roads of the gazetteer's table (cached)."""
    return per_table(gazetteer)[1]


def in_span(span: tuple[int, int], pos: int) -> bool:
    """Return whether ``pos`` lies in the half-open ``span``."""
    return span[0] <= pos < span[1]


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
    usable = [d for d in dates if d.date is not None]
    if not planned:
        usable = [d for d in usable if not d.future] or usable
    else:
        usable = [d for d in usable if d.future] or usable
    if not usable:
        return None
    return min(usable, key=lambda d: (abs(d.start - anchor), d.precision))


def date_for(
    ctx: ArticleContext, dates: list[DateMention], anchor: int, text: str, *, planned: bool
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

    Returns
    -------
    tuple or None
        ``source`` is ``sentence``, ``previous`` (the sentence goes on with the report of
        the one before: «وأضاف …»، «وردّت …»), ``publication`` or ``article``.
    """
    dm = pick_date(_not_announcements(ctx, dates), anchor, planned=planned)
    pub = ctx.article.published
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


def point_at(use: PlaceUse, roads: list[Place], gov: dict[str, str]) -> tuple[BaseGeometry, int]:
    """Return a Point at the place; on the road when a road is named and the place is near it."""
    p = use.place
    prec = geo_precision(use, gov_names=gov)
    assert p.point is not None
    for road in roads:
        if is_road(road) and use.qualifier in ("near", "countryside"):
            snap = snap_to_road(road, p.point)
            if snap.offset_km <= 15:
                return Point(snap.point), prec
    return Point(p.point), prec


def event_places(uses: list[PlaceUse], *, syrian: bool, extra: list[Mention] = ()) -> list:
    """Return the mentions an event lists as its places, in text order, each place once."""
    keep = [
        u.mention
        for u in uses
        if u.role in ("location", "containment", "road")
        and u.place.kind != "country"
        and (in_syria(u.place) == syrian or u.role == "road")
    ]
    seen, out = set(), []
    for m in sorted([*keep, *extra], key=lambda m: m.start):
        if m.place.place_id not in seen:
            seen.add(m.place.place_id)
            out.append(m)
    return out


def locate_event(
    ctx: ArticleContext, uses: list[PlaceUse], text: str, *, prefer: tuple[int, int] | None
) -> tuple[PlaceUse | None, bool, bool]:
    """(location, in Syria, from context) for a post, ceasefire or similar sentence."""
    loc = best_location(uses, prefer=prefer, gov_names=ctx.gov)
    if loc is not None:
        return loc, True, False
    if refers_back(norm_text(text).norm) and ctx.context_place() is not None:
        return ctx.last_place, True, True
    return None, True, False


#: how far from its town a district («منطقة عفرين»، «ناحية تل تمر») reaches: Syria's
#: nawahi (sub-districts) are some 20-30 km across (OCHA admin-3)
_DISTRICT_KM = 20.0


def radius_for(loc: PlaceUse, gprec: int) -> float:
    """Return how far from its point an event located at ``loc`` may be, in km."""
    if gprec == 1:
        return 1.0
    if loc.qualifier == "district":
        return max(loc.place.precision_km, _DISTRICT_KM)
    return max(loc.place.precision_km, 15.0 if gprec == 2 else 25.0)


def make_draft(ctx, cue: Cue, sent: Sentence, idx: int, when, geom, gprec, **kw) -> Draft:
    """Return a :class:`Draft` for a cue of sentence number ``idx`` (keywords: Draft fields)."""
    date, date_end, dprec, how = when
    return Draft(
        event_type=cue.event_type,
        sub=cue.sub_event_type,
        status=kw.pop("status", "reported"),
        date=date,
        date_end=date_end,
        date_precision=dprec,
        date_own=how == "sentence",
        geometry=geom,
        geo_precision=gprec,
        start=kw.pop("start", sent.start),
        end=kw.pop("end", sent.end),
        first=idx,
        last=idx,
        extra={"cue": cue.surface, "date_source": how, **kw.pop("extra", {})},
        **kw,
    )
