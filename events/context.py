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
from events.context_dates import date_for, names_agreement
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


#: a sentence that goes on with the report before it (reporting verbs, a response)
CONTINUES = re.compile(
    r"^\W*[وف](?:اضاف|اضافت|تابع|تابعت|اشار|اشارت|اوضح|اوضحت|لفت|لفتت|بين|بينت|ذكر|ذكرت"
    r"|قال|قالت|افاد|افادت|اكد|اكدت|نقل|نقلت|اردف|اردفت|رد|ردت|ردوا)(?!\w)"
)
#: «كما ألقت …»، «وتزامنت المعارك مع …»، «وفي الأثناء …»: told alongside the report before
ALONGSIDE = re.compile(
    r"^\W*(?:و?كما|[وف]?(?:بالتزامن|تزامنا|تزامن|تزامنت|ترافق|ترافقت)|و?في (?:غضون ذلك"
    r"|الاثناء|هذه الاثناء|الوقت نفسه|الوقت ذاته))(?!\w)"
)
#: "بعد ساعات من دخوله حيز التنفيذ": hours after something the sentence before dated
HOURS_AFTER = re.compile(
    r"(?<!\w)(?:بعد|عقب|قبل) (?:ساعات|ساعه|ساعتين|دقائق|لحظات)(?: قليله)? (?:من|علي)(?!\w)"
)
#: "وجاء ذلك بعد …", "ويأتي الإعلان عقب …": background to the report, not a step of it
BACKGROUND = re.compile(r"^\W*[وف]?(?:جاء|جاءت|ياتي|تاتي|يذكر|سبق|كان|كانت)(?!\w)")
#: a date carried over from the sentence before is at most this many days old
CARRY_DAYS = 7
#: «في اليوم التالي»، «صباح اليوم التالي»، «في اليوم الذي تلاه»، «غداة ذلك»: the day after
#: the event told before (not after publication)
NEXT_DAY = re.compile(
    r"(?<!\w)(?:ال)?يوم (?:التالي|اللاحق|الذي تلاه|الذي يليه)(?!\w)"
    r"|(?<!\w)[وف]?غداه (?:ذلك|ذاك)(?!\w)"
)
#: «في اليوم نفسه/ذاته»، «في نفس اليوم»، «وبعد ساعات،»: the day of the event told before
SAME_DAY = re.compile(
    r"(?<!\w)(?:ال)?يوم (?:نفسه|ذاته)(?!\w)|(?<!\w)(?:نفس|ذات) اليوم(?!\w)"
    r"|^\W*[وف]?(?:بعد|عقب) (?:ساعات|ساعه|ساعتين)(?: قليله)?(?!\w)"
)
#: an item of a list under a lead («- قُتل …»، «1. …»، «2) …»، «• …»)
LIST_ITEM = re.compile(r"^\s*(?:[-–—•●▪■◾*]|\(?\d{1,2}\s*[-.)\u066b]|[(]\d{1,2}[)])")
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
    #: the past dates of the last sentence that had any (of any age): «في اليوم التالي»
    last_days: list[DateMention] = field(default_factory=list)
    #: the past dates of the last sentence that was not a list item (a round-up's lead)
    lead: list[DateMention] = field(default_factory=list)
    #: the sentence before was background («وكانت … قد»، «ويأتي …»)
    after_background: bool = False
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
    goes_on = (
        CONTINUES.match(norm) is not None
        or HOURS_AFTER.search(norm) is not None
        # «وكانت … قد أنشأت …، كما عززت …»: «كما» after background goes on with it
        or (ALONGSIDE.match(norm) is not None and not ctx.after_background)
    )
    ctx.carried = ctx.carry if goes_on else []
    if any(d.date is not None for d in dates):
        return
    if LIST_ITEM.match(text) and ctx.lead:
        # a round-up: «يوم أمس الأحد:» then items with no date of their own
        ctx.carried = ctx.lead
    elif ctx.last_days and NEXT_DAY.search(norm):
        ctx.carried = [_next_day(d) for d in ctx.last_days[-1:]]
    elif ctx.last_days and SAME_DAY.search(norm):
        ctx.carried = ctx.last_days[-1:]


def _next_day(d: DateMention) -> DateMention:
    assert d.date is not None
    day = (d.date_end or d.date) + dt.timedelta(days=1)
    return replace(d, date=day, date_end=None)


def end_sentence(ctx: ArticleContext, text: str, dates: list[DateMention]) -> None:
    """Remember the sentence's past dates (else what it carried) for the next sentence.

    A background sentence («وجاء الإعلان عقب لقاء … يوم الأربعاء») leaves them as they were.
    """
    ctx.after_background = BACKGROUND.match(norm_text(text).norm) is not None
    if ctx.after_background:
        return
    past = [d for d in dates if d.date is not None and not d.future]
    if past or ctx.carried:
        ctx.last_days = past or ctx.carried
    if not LIST_ITEM.match(text):
        ctx.lead = past
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
