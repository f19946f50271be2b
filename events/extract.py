"""Sentence → events: orchestration of cues, places, dates, actors, fatalities and sources.

For every sentence of an article (:func:`events.sentences.split_sentences`):

1. :func:`events.classify.find_cues` says what it reports (patrol, observation post,
   ceasefire, incidents); cues that name an event without reporting it — intentions,
   trends, back-references, escort drones (:mod:`events.modality`), negations — are not
   cues, and cues that only describe what an agreement allows or the parties agreed on
   (``اتفاق سوتشي … الذي أتاح …``، ``اتفقتا على تسيير دوريات``) are dropped unless the
   event is still to come.
2. Incident cues are grouped by clause (:mod:`events.incidents`): one event per clause
   group; consequences («ما أدى لمقتل …») join their incident, «فيما/كما …» clauses and
   «وأخرى …» are incidents of their own.
3. :mod:`events.locate` picks the location (Syrian places first; abroad only when the
   clause itself is abroad; never a diplomatic venue, the object of a plan or a country),
   patrol routes follow the named road (:func:`geo.routes.route_along`).
4. Dates (:func:`events.context.date_for`): the nearest date of the clause or sentence,
   else the day of the sentence before when this one goes on with its report («وأضاف …»),
   else the publication date with precision 2 (3 when the sentence says "الماضي" or the
   event is planned), else — no publication date — the nearest dated expression of the
   article with precision 3; an event with no date at all is skipped.
5. Two reports of one event are merged (:mod:`events.merge`: repeats, headline and body,
   a patrol told in several sentences); a patrol whose start and end came from different
   sentences gets the road between them; then each draft becomes an
   :class:`~events.model.Event` whose id hashes the article id and the evidence span.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from events.actors import find_actors, find_cited
from events.classify import (
    agreement_terms,
    find_cues,
    is_planned,
    norm_text,
    remember,
    repeated_objects,
    split_clauses,
)
from events.context import (
    ArticleContext,
    context_candidate,
    date_for,
    end_sentence,
    event_places,
    gov_names_of,
    locate_event,
    make_draft,
    names_agreement,
    point_at,
    radius_for,
    roads_of,
    start_sentence,
)
from events.dates import find_dates
from events.incidents import incident_drafts, trim_span
from events.locate import in_syria, place_uses
from events.merge import Draft, merge_drafts, to_event
from events.model import Article, Event
from events.patrols import compose_route, patrol_ends, patrol_geometry
from events.sentences import Sentence, split_sentences
from events.tolls import apply_toll_update
from geo.roads import is_road

if TYPE_CHECKING:
    from gazetteer.core import Gazetteer

__all__ = ["extract_events"]


def _sentence_events(ctx: ArticleContext, idx: int, sent: Sentence) -> list[Draft]:
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
        when = date_for(ctx, s_dates, anchor, text, planned=planned)
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
            places = event_places(uses, syrian=True, extra=used)
            d = make_draft(ctx, cue, sent, idx, when, geom, gprec, places=places, **kw)
            d.origin, d.reach = patrol_ends(uses, gov_names=ctx.gov)
            d.explicit_sub = _one_nation(text, cue)
            drafts.append(d)
            continue
        drafts.extend(_point_drafts(ctx, cue, sent, idx, uses, when, kw))
    drafts.extend(incident_drafts(ctx, idx, sent, cues, uses, s_dates, cited))
    if idx in ctx.headlines:
        for d in drafts:
            d.headline, d.titles = True, d.sentences
    here = context_candidate(uses, gov_names=ctx.gov)
    if here is not None:
        ctx.last_place = here
        ctx.pending.clear()
    elif ments:
        ctx.pending.append((sent, ments))
    return drafts


def _point_drafts(ctx, cue, sent: Sentence, idx: int, uses, when, kw) -> list[Draft]:
    """Return drafts for a post or ceasefire cue; «، وأخرى في …» repeats a post elsewhere."""
    text, off = sent.text, sent.start
    repeats = repeated_objects(text) if cue.event_type == "observation_post" else []
    bounds = [0, *repeats, len(text)]
    out = []
    for lo, hi in itertools.pairwise(bounds):
        part = [u for u in uses if off + lo <= u.mention.start < off + hi] if repeats else uses
        # the post's own clause first ("نقطة المراقبة في مورك، بعد سيطرة النظام على …")
        cs, ce = next(((a, b) for a, b in split_clauses(text) if a <= cue.start < b), (lo, hi))
        prefer = (off + max(cs, lo), off + min(ce, hi)) if lo <= cue.start < hi else None
        loc, _, from_ctx = locate_event(ctx, part, text[lo:hi], prefer=prefer)
        if loc is None or (from_ctx and repeats):
            continue
        geom, gprec = point_at(loc, [u.place for u in uses if u.role == "road"], ctx.gov)
        gprec = 3 if from_ctx else gprec
        places = event_places(part, syrian=True, extra=[loc.mention])
        span = {}
        if repeats:  # one sentence, several posts: each its clause as evidence
            start, end = trim_span(ctx.article.text, (off + lo, off + hi))
            span = {"start": start, "end": end}
        d = make_draft(ctx, cue, sent, idx, when, geom, gprec, places=places,
                       radius_km=radius_for(loc, gprec), **span, **kw)  # fmt: skip
        out.append(d)
    return out


_ONE_NATION = re.compile(
    r"(?:ال)?(?:روسيه|تركيه|امريكيه|اميركيه|ايرانيه|سوريه|منفرده|منفصله)(?!\w)"
)


def _one_nation(text: str, cue) -> bool:
    """Return whether the patrol noun says whose patrol it is alone («دورية روسية»)."""
    nt = norm_text(text)
    after = nt.norm[nt.norm_pos(cue.end) :].lstrip()
    return _ONE_NATION.match(after) is not None and not re.match(
        r"(?:ال)?\w+ (?:و|-|–)\s*(?:ال)?(?:روسيه|تركيه)", after
    )


def _finish_patrols(ctx: ArticleContext, drafts: list[Draft]) -> list[Draft]:
    """Route a patrol whose start and end were told in different sentences; joint sub-types.

    - one sentence says where the patrol set out, another where it got to: the road's
      stretch between them (:func:`events.patrols.compose_route`);
    - «الدورية المقبلة» in an article about joint patrols is a joint patrol too, unless
      its own sentence says whose it is («دورية روسية»).
    """
    joint = any(d.event_type == "patrol" and d.sub == "joint_patrol" for d in drafts)
    joint = joint or _JOINT_PATROLS.search(norm_text(ctx.article.text).norm) is not None
    hits = [
        d
        for d in drafts
        if d.event_type == "incident"
        and d.extra.get("target") == "patrol"
        and d.geo_precision <= 2
        and d.geometry.geom_type == "Point"
    ]
    for d in drafts:
        if d.event_type != "patrol":
            continue
        if joint and d.sub == "patrol" and not d.explicit_sub:
            d.sub = "joint_patrol"
        routed = d.geometry.geom_type == "LineString" and d.geo_precision == 1
        if not routed and d.origin is not None and d.reach is None:
            d.reach = _stopped_at(ctx, d, hits)
        if not routed and d.origin is not None and d.reach is not None:
            line = compose_route(
                d.origin, d.reach, roads=ctx.roads, article_roads=ctx.article_roads
            )
            if line is not None:
                d.geometry, d.geo_precision = line, 1
    return drafts


#: the article speaks of joint patrols («دورية مشتركة»، «الدوريات الروسية التركية»)
_JOINT_PATROLS = re.compile(
    r"(?<!\w)\w*دوري(?:ه|ات|تين)\W+(?:\w+\W+){0,3}?(?:ال)?مشترك\w*"
    r"|(?<!\w)\w*دوري(?:ه|ات|تين)\W+(?:ال)?(?:روسيه\W+(?:و|-|–)?\W*(?:ال)?تركيه"
    r"|تركيه\W+(?:و|-|–)?\W*(?:ال)?روسيه)(?!\w)"
)
#: the patrol stopped or turned back («لكنها توقفت بعد الانفجار وعادت أدراجها»)
_STOPPED = re.compile(r"(?<!\w)[وف]?(?:توقفت|اوقفت|عادت|تراجعت|قطعت|اضطرت|انسحبت)(?!\w)")


def _stopped_at(ctx: ArticleContext, d: Draft, hits: list[Draft]) -> tuple[float, float] | None:
    """Where a patrol that stopped or turned back got to: the attack on it that day.

    «انطلقت من ترنبة … وكان مقرراً أن تصل إلى عين الحور … لكنها توقفت بعد الانفجار
    وعادت»: the route ends where the patrol was hit (the planned end is denied).
    """
    if not _STOPPED.search(norm_text(ctx.article.text[d.start : d.end]).norm):
        return None
    same_day = [h for h in hits if h.date == d.date]
    return same_day[0].geometry.coords[0] if same_day else None


#: a sentence that may give a toll (checked before the cues are read again)
_TOLL_WORDS = re.compile(r"قتل|قتيل|ضحايا|شهداء|قضي|حصيله|مصرع|حتف")


def _toll_update(ctx: ArticleContext, drafts, own, idx: int, sent: Sentence) -> list[Draft]:
    """Give the toll a sentence updates to its incident (:mod:`events.tolls`)."""

    def places() -> list:
        ments = [m for m in ctx.mentions if sent.start <= m.start and m.end <= sent.end]
        uses = place_uses(sent.text, ments, offset=sent.start, gov_names=ctx.gov)
        return [
            u.mention
            for u in uses
            if u.role == "location" and in_syria(u.place) and u.place.kind != "country"
        ]

    return apply_toll_update(
        drafts, own, idx=idx, text=sent.text, cues_of=lambda: find_cues(sent.text), places_of=places
    )


#: an incident told in the pluperfect over this many days before publication is background
#: to the report («وكانت قوات النظام قد سيطرت على خان شيخون في آب 2019»), not news of it
_BACKGROUND_DAYS = 30
_PLUPERFECT = re.compile(
    r"(?<!\w)[وف]?(?:كان|كانت|كانوا)\s+(?:\S+\s+){0,5}?قد(?!\w)|(?<!\w)[وف]?سبق\s+(?:ان|و)"
    r"|(?<!\w)[وف]?يذكر\s+ان(?!\w)"
)


def _background(article: Article, d: Draft) -> bool:
    """Return whether an incident is told in the pluperfect as background.

    Long before publication («وكانت قوات النظام قد سيطرت … في آب 2019»), or with no date
    of its own («وكان رتل قد تعرض لهجوم»: some time before, not on the publication day).
    """
    pub = article.published
    if pub is None or d.status != "reported" or d.event_type != "incident":
        return False  # (posts and patrols held before are still where the forces are)
    old = (pub - (d.date_end or d.date)).days > _BACKGROUND_DAYS
    if not (old or not d.date_own):
        return False
    return _PLUPERFECT.search(norm_text(article.text[d.start : d.end]).norm) is not None


def _bare_line(text: str, sent: Sentence) -> bool:
    """Return whether ``sent`` is a line of its own with no full stop (title, kicker)."""
    line_end = text.find("\n", sent.start)
    return line_end != -1 and not sent.text.rstrip().endswith((".", "!", "؟", "?"))


#: a title comes within the first lines (after a kicker or dateline line at most)
_TITLE_LINES = 2


def _headlines(text: str, sents: list[Sentence]) -> frozenset[int]:
    """Return the numbers of the title sentences.

    The first line when it has no full stop; also the next one when the first has no event
    cue and is only a kicker or dateline («● أخبار سورية | الأحد ١٤ آب»).
    """
    out: set[int] = set()
    for idx, sent in enumerate(sents[:_TITLE_LINES]):
        if not _bare_line(text, sent):
            break
        out.add(idx)
        if find_cues(sent.text):
            break
    return frozenset(out)


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
    roads = roads_of(gazetteer)
    mentions = sorted(gazetteer.tag(text), key=lambda m: m.start)
    article_roads = list({m.place.place_id: m.place for m in mentions if is_road(m.place)}.values())
    whole = norm_text(text)
    ctx = ArticleContext(
        article=article,
        mentions=mentions,
        dates=[
            d
            for d in find_dates(text, published=article.published)
            if not names_agreement(whole, d)
        ],
        gov=gov_names_of(gazetteer),
        roads=roads,
        article_roads=article_roads,
        cited=find_cited(text),
    )
    drafts: list[Draft] = []
    sents = split_sentences(text)
    ctx.headlines = _headlines(text, sents)
    for idx, sent in enumerate(sents):
        nt = remember(whole.slice(sent.start, sent.end))
        for cs, ce in split_clauses(sent.text):
            remember(nt.slice(cs, ce))
        s_dates = [d for d in ctx.dates if sent.start <= d.start < sent.end]
        start_sentence(ctx, sent.text, s_dates)
        own = _sentence_events(ctx, idx, sent)
        if _TOLL_WORDS.search(nt.norm):
            own = _toll_update(ctx, drafts, own, idx, sent)
        drafts.extend(own)
        end_sentence(ctx, sent.text, s_dates)
    events: dict[str, Event] = {}
    for d in _finish_patrols(ctx, merge_drafts(drafts)):
        if _background(article, d):
            continue
        ev = to_event(article, d, ctx.cited)
        events.setdefault(ev.id, ev)
    return sorted(events.values(), key=lambda e: (e.evidence_start, e.event_type, e.id))
