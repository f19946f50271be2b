"""Sentence → events: orchestration of cues, places, dates, actors, fatalities and sources.

For every sentence of an article (:func:`events.sentences.split_sentences`):

1. :func:`events.classify.find_cues` says what it reports (patrol, observation post,
   ceasefire, incidents); cues that only describe what an agreement allows
   (``اتفاق سوتشي … الذي أتاح …``) are dropped unless the event is still to come.
2. Incident cues are grouped by clause: one event per clause that holds a cue, with the
   cue-less clauses around it (``ووصف ما يجري في إدلب بأنه حرب، لافتاً إلى مقتل جنديين``);
   a clause that only counts the dead joins the incident before it.
3. :mod:`events.locate` picks the location (Syrian places first; abroad only when the
   clause itself is abroad; never a diplomatic venue or a country), patrol routes follow
   the named road (:func:`geo.routes.route_along`).
4. The date is the nearest date of the clause or sentence, else the publication date with
   precision 2 (3 when the sentence says "الماضي" or the event is planned), else — no
   publication date — the nearest dated expression of the article with precision 3; an
   event with no date at all is skipped.
5. Two reports of one event are merged (:mod:`events.merge`), then each draft becomes an
   :class:`~events.model.Event` whose id hashes the article id and the evidence span.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from events.actors import find_actors, find_cited
from events.classify import (
    INCIDENT_PRIORITY,
    Cue,
    agreement_terms,
    find_cues,
    is_planned,
    norm_text,
    remember,
    split_clauses,
)
from events.dates import DateMention, find_dates
from events.fatalities import find_fatalities, total
from events.locate import (
    PlaceUse,
    best_location,
    geo_precision,
    governorate_names,
    in_syria,
    place_uses,
    talks_about_diplomacy,
)
from events.merge import Draft, merge_drafts, to_event
from events.model import Article, Event
from events.patrols import patrol_geometry
from events.sentences import Sentence, split_sentences
from gazetteer.model import Mention, Place
from geo.roads import is_road, snap_to_road

if TYPE_CHECKING:
    from gazetteer.core import Gazetteer

__all__ = ["extract_events"]

_PAST = re.compile(r"(?<!\w)\w*(?:الماضي|الماضيه|الفائت|الفائته|السابق|السابقه|سابقا|سبق)(?!\w)")
#: Time spans too vague to date an event ("خلال السنوات الماضية", "منذ سنوات").
_VAGUE_TIME = re.compile(
    r"(?:السنوات|الاعوام|السنين) (?:الماضيه|الاخيره|السابقه)|منذ (?:سنوات|اعوام|سنين|بدايه)"
)
_ANAPHOR = re.compile(
    r"(?<!\w)(?:هناك|هنالك|فيها|فيه|ب?المنطقه|ب?المحافظه|ب?المدينه|ب?البلده|ب?القريه|ريفها"
    r"|محيطها|اطرافها)(?!\w)"
)
_PATROL_WORD = re.compile(r"(?<!\w)[وف]?(?:بال|لل|ال|ب|ل)?دوري(?:ه|ات|تين)(?!\w)")
_TABLE_CACHE: dict[int, tuple[object, dict[str, str], list[Place]]] = {}


@dataclass
class _Ctx:
    article: Article
    mentions: list[Mention]
    dates: list[DateMention]
    gov: dict[str, str]
    roads: list[Place]
    article_roads: list[Place]
    cited: tuple[str, ...]
    last_place: PlaceUse | None = None
    #: sentences read since ``last_place`` was set, not yet looked at (lazy: only an
    #: anaphor such as "المنطقة" or "هناك" needs them)
    pending: list[tuple[Sentence, list[Mention]]] = field(default_factory=list)

    def context_place(self) -> PlaceUse | None:
        """Return the last Syrian place named before the current sentence."""
        for sent, ments in reversed(self.pending):
            uses = place_uses(sent.text, ments, offset=sent.start, gov_names=self.gov)
            here = best_location(uses, gov_names=self.gov)
            if here is not None:
                self.last_place = here
                break
        self.pending.clear()
        return self.last_place


def _per_table(gazetteer: Gazetteer) -> tuple[dict[str, str], list[Place]]:
    """Governorate names and roads of the gazetteer's table, computed once per table."""
    table = gazetteer.table
    hit = _TABLE_CACHE.get(id(table))
    if hit is None or hit[0] is not table:
        places = table.places
        hit = (table, governorate_names(places), [p for p in places if is_road(p)])
        _TABLE_CACHE[id(table)] = hit
    return hit[1], hit[2]


def _gov_names(gazetteer: Gazetteer) -> dict[str, str]:
    return _per_table(gazetteer)[0]


def _roads(gazetteer: Gazetteer) -> list[Place]:
    return _per_table(gazetteer)[1]


def _in(span: tuple[int, int], pos: int) -> bool:
    return span[0] <= pos < span[1]


#: A date right after these words names an agreement or resolution, not an event's day
#: ("اتفاق 5 آذار", "مذكرة سوتشي الموقعة في 17 أيلول", "القرار 2254").
_NAMING = re.compile(
    r"(?<!\w)[وف]?(?:ب|ل)?(?:ال)?(?:اتفاق|اتفاقيه|مذكره|تفاهم|تفاهمات|بروتوكول|قرار|هدنه|الموقع"
    r"|الموقعه|توقيع|وقع|وقعت|المبرم|المبرمه)(?!\w)"
)


def _names(whole, dm: DateMention) -> bool:
    """Return whether a date expression names an agreement rather than dating an event."""
    ns = whole.norm_pos(dm.start)
    before = re.findall(r"\w+", whole.norm[max(0, ns - 40) : ns])[-3:]
    before = [w for w in before if w not in ("في", "يوم", "بتاريخ", "من")]
    return bool(before) and bool(_NAMING.fullmatch(before[-1]))


def _pick_date(dates: list[DateMention], anchor: int, *, planned: bool) -> DateMention | None:
    usable = [d for d in dates if d.date is not None]
    if not planned:
        usable = [d for d in usable if not d.future] or usable
    else:
        usable = [d for d in usable if d.future] or usable
    if not usable:
        return None
    return min(usable, key=lambda d: (abs(d.start - anchor), d.precision))


def _date_for(
    ctx: _Ctx, dates: list[DateMention], anchor: int, text: str, *, planned: bool
) -> tuple[dt.date, dt.date | None, int, str] | None:
    dm = _pick_date(dates, anchor, planned=planned)
    if dm is not None and dm.date is not None:
        return dm.date, dm.date_end, dm.precision, "sentence"
    if _VAGUE_TIME.search(norm_text(text).norm):
        return None  # "for years": no date can be given, so no event
    pub = ctx.article.published
    if pub is not None:
        coarse = planned or bool(_PAST.search(norm_text(text).norm))
        return pub, None, 3 if coarse else 2, "publication"
    known = [d for d in ctx.dates if d.date is not None]
    if not known:
        return None
    before = [d for d in known if d.start <= anchor]
    dm = before[-1] if before else known[0]
    assert dm.date is not None
    return dm.date, None, 3, "article"


def _point_at(use: PlaceUse, roads: list[Place], gov: dict[str, str]) -> tuple[BaseGeometry, int]:
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


def _event_places(uses: list[PlaceUse], *, syrian: bool, extra: list[Mention] = ()) -> list:
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


def _locate(
    ctx: _Ctx, uses: list[PlaceUse], text: str, *, prefer: tuple[int, int] | None
) -> tuple[PlaceUse | None, bool, bool]:
    """(location, in Syria, from context) for a post, ceasefire or similar sentence."""
    loc = best_location(uses, prefer=prefer, gov_names=ctx.gov)
    if loc is not None:
        return loc, True, False
    if _ANAPHOR.search(norm_text(text).norm) and ctx.context_place() is not None:
        return ctx.last_place, True, True
    return None, True, False


def _radius(loc: PlaceUse, gprec: int) -> float:
    """Return how far from its point an event located at ``loc`` may be, in km."""
    if gprec == 1:
        return 1.0
    return max(loc.place.precision_km, 15.0 if gprec == 2 else 25.0)


def _base(ctx, cue: Cue, sent: Sentence, idx: int, when, geom, gprec, **kw) -> Draft:
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


def _sentence_events(ctx: _Ctx, idx: int, sent: Sentence) -> list[Draft]:
    text = sent.text
    cues = find_cues(text)
    ments = [m for m in ctx.mentions if sent.start <= m.start and m.end <= sent.end]
    drafts: list[Draft] = []
    if not cues:
        if ments:
            ctx.pending.append((sent, ments))
        return drafts
    uses = place_uses(text, ments, offset=sent.start, gov_names=ctx.gov)
    s_dates = [d for d in ctx.dates if sent.start <= d.start < sent.end]
    planned = is_planned(text) or any(d.future for d in s_dates)
    cited = find_cited(text)
    for cue in cues:
        if cue.event_type == "incident":
            continue
        if agreement_terms(text, cue) and not planned:
            continue
        anchor = sent.start + cue.start
        when = _date_for(ctx, s_dates, anchor, text, planned=planned)
        if when is None:
            continue
        status = "planned" if planned else "reported"
        kw = {"status": status, "actors": find_actors(text), "cited": cited}
        if cue.event_type == "patrol":
            found = patrol_geometry(uses, roads=ctx.roads, article_roads=ctx.article_roads,
                                    gov_names=ctx.gov)  # fmt: skip
            if found is None:
                continue
            geom, gprec, used = found
            places = _event_places(uses, syrian=True, extra=used)
            drafts.append(_base(ctx, cue, sent, idx, when, geom, gprec, places=places, **kw))
            continue
        loc, _, from_ctx = _locate(ctx, uses, text, prefer=None)
        if loc is None:
            continue
        geom, gprec = _point_at(loc, [u.place for u in uses if u.role == "road"], ctx.gov)
        gprec = 3 if from_ctx else gprec
        places = _event_places(uses, syrian=True, extra=[loc.mention])
        kw["radius_km"] = _radius(loc, gprec)
        drafts.append(_base(ctx, cue, sent, idx, when, geom, gprec, places=places, **kw))
    drafts.extend(_incidents(ctx, idx, sent, cues, uses, s_dates, cited))
    here = best_location(uses, gov_names=ctx.gov)
    if here is not None:
        ctx.last_place = here
        ctx.pending.clear()
    elif ments:
        ctx.pending.append((sent, ments))
    return drafts


def _groups(
    text: str, cues: list[Cue], has_place: Callable[[tuple[int, int]], bool]
) -> list[tuple[tuple[int, int], tuple[int, int], list]]:
    """Clause groups of incident cues: (group span, cue clause span, cues), sentence offsets.

    A clause that only counts the dead and names no place joins the incident next to it
    ("قُتل 5 مدنيين، الثلاثاء، في قصف على …" is one shelling with 5 dead).
    """
    clauses = split_clauses(text)
    with_cues = []
    for span in clauses:
        inside = [c for c in cues if c.event_type == "incident" and span[0] <= c.start < span[1]]
        with_cues.append((span, inside))
    groups: list[list] = []
    pending_start: int | None = None
    for span, inside in with_cues:
        if not inside:
            if pending_start is None:
                pending_start = span[0]
            continue
        killing_only = all(c.sub_event_type == "killing" for c in inside)
        if groups and killing_only and pending_start is None:
            groups[-1][2].extend(inside)
            groups[-1][1] = (groups[-1][1][0], span[1])
            groups[-1][0] = (groups[-1][0][0], span[1])
            continue
        start = span[0] if pending_start is None else pending_start
        groups.append([(start, span[1]), span, list(inside)])
        pending_start = None
    if groups and pending_start is not None:
        groups[-1][0] = (groups[-1][0][0], len(text))
    i = 0
    while i < len(groups) - 1:
        g, nxt = groups[i], groups[i + 1]
        if all(c.sub_event_type == "killing" for c in g[2]) and not has_place(g[1]):
            nxt[0] = (g[0][0], nxt[0][1])
            nxt[2] = g[2] + nxt[2]
            del groups[i]
            continue
        i += 1
    return [(g[0], g[1], g[2]) for g in groups]


def _incidents(ctx, idx, sent, cues, uses, s_dates, cited) -> list[Draft]:
    text, off = sent.text, sent.start

    def has_place(span: tuple[int, int]) -> bool:
        lo, hi = off + span[0], off + span[1]
        return any(u.role == "location" and lo <= u.mention.start < hi for u in uses)

    groups = _groups(text, cues, has_place)
    subs = [min((c.sub_event_type for c in g[2]), key=INCIDENT_PRIORITY.index) for g in groups]
    out = []
    for (gspan, cspan, gcues), sub in zip(groups, subs, strict=True):
        gtext = remember(norm_text(text).slice(*gspan)).text
        ctext = text[cspan[0] : cspan[1]]
        if any(agreement_terms(text, c) for c in gcues) or is_planned(ctext):
            continue
        a_gspan = (off + gspan[0], off + gspan[1])
        a_cspan = (off + cspan[0], off + cspan[1])
        g_uses = [u for u in uses if _in(a_gspan, u.mention.start)]
        c_has_place = any(u.role == "location" for u in uses if _in(a_cspan, u.mention.start))
        count, minimum = total(find_fatalities(gtext))
        anaphor = bool(_ANAPHOR.search(norm_text(ctext).norm))
        if all(c.generic for c in gcues) and not (c_has_place or anaphor or minimum):
            continue
        loc = best_location(g_uses, prefer=a_cspan, gov_names=ctx.gov)
        syrian, from_ctx = True, False
        if loc is None:
            foreign = [
                u
                for u in g_uses
                if u.role == "location"
                and not in_syria(u.place)
                and (u.place.kind != "country" or u.locative)
            ]
            loc = best_location(g_uses, syrian=False, gov_names=ctx.gov)
            if loc is not None and talks_about_diplomacy(gtext):
                foreign, loc = [], None  # a venue of talks, not where something happened
            syrian = loc is None
            if foreign and loc is None:
                continue  # abroad, but only a country is named: too vague to map
            if loc is None:
                loc = best_location(uses, prefer=a_cspan, gov_names=ctx.gov)
        if loc is None and anaphor and ctx.context_place() is not None:
            loc, from_ctx = ctx.last_place, True
        if loc is None:
            continue
        cue = min(gcues, key=lambda c: INCIDENT_PRIORITY.index(c.sub_event_type))
        others = [(off + g[0][0], off + g[0][1]) for g in groups if g[0] != gspan]
        dates = [d for d in s_dates if _in(a_gspan, d.start)] or [
            d for d in s_dates if not any(_in(o, d.start) for o in others)
        ]
        when = _date_for(ctx, dates, off + cue.start, gtext, planned=False)
        if when is None:
            continue
        geom, gprec = _point_at(loc, [u.place for u in uses if u.role == "road"], ctx.gov)
        extra: dict[str, object] = {}
        if not syrian:
            extra.update(in_syria=False, country=loc.place.country)
        if any(c.target for c in gcues) or _PATROL_WORD.search(norm_text(ctext).norm):
            extra["target"] = "patrol"
        if count is None and minimum is not None:
            extra["fatalities_min"] = minimum
        start, end = sent.start, sent.end
        if subs.count(sub) > 1:  # two incidents of one kind in one sentence: clause evidence
            start, end = _trim(ctx.article.text, a_gspan)
        d = _base(
            ctx,
            replace(cue, sub_event_type=sub),
            sent,
            idx,
            when,
            geom,
            3 if from_ctx else gprec,
            places=_event_places(g_uses, syrian=syrian, extra=[loc.mention]),
            radius_km=_radius(loc, 3 if from_ctx else gprec),
            actors=find_actors(gtext) or find_actors(text),
            fatalities=count,
            fatalities_min=minimum,
            cited=cited,
            start=start,
            end=end,
            extra=extra,
        )
        out.append(d)
    return out


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and (text[s].isspace() or text[s] in "،,؛;"):
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def extract_events(article: Article, *, gazetteer: Gazetteer) -> list[Event]:
    """Return the events an article reports, ACLED-style, each with its evidence.

    Parameters
    ----------
    article : Article
        A cleaned article (:func:`events.article.read_article`).
    gazetteer : gazetteer.core.Gazetteer
        Finds and resolves the article's place names.

    Returns
    -------
    list of Event
        In text order of their evidence; ids are stable (article id, evidence span, type,
        sub-type) and unique.
    """
    text = article.text
    if not text.strip():
        return []
    roads = _roads(gazetteer)
    mentions = sorted(gazetteer.tag(text), key=lambda m: m.start)
    article_roads = list({m.place.place_id: m.place for m in mentions if is_road(m.place)}.values())
    whole = norm_text(text)
    ctx = _Ctx(
        article=article,
        mentions=mentions,
        dates=[d for d in find_dates(text, published=article.published) if not _names(whole, d)],
        gov=_gov_names(gazetteer),
        roads=roads,
        article_roads=article_roads,
        cited=find_cited(text),
    )
    drafts: list[Draft] = []
    for idx, sent in enumerate(split_sentences(text)):
        nt = remember(whole.slice(sent.start, sent.end))
        for cs, ce in split_clauses(sent.text):
            remember(nt.slice(cs, ce))
        drafts.extend(_sentence_events(ctx, idx, sent))
    events: dict[str, Event] = {}
    for d in merge_drafts(drafts):
        ev = to_event(article, d, ctx.cited)
        events.setdefault(ev.id, ev)
    return sorted(events.values(), key=lambda e: (e.evidence_start, e.event_type, e.id))
