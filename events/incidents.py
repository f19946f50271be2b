"""Incidents: one event per clause group of a sentence.

A sentence is split into clauses (:func:`events.classify.split_clauses`, plus «و» + a cue
of another kind after a place). A clause with an incident cue starts a group, unless it
only tells the consequence or circumstances of the group before it («، ما أدى لمقتل …»،
«، حيث قُتل …»), only counts the dead without a place, or goes on with a generic or
same-kind cue without «و» — then it joins that group. A cue-less clause continues the group
before it unless it opens a new frame («، وفي ريف حماة، …»، «فيما …»); «، وأخرى …» repeats
the group before at a new place. The group's sub-type is its most specific cue; its place
is the finest Syrian location of its clauses (else a place abroad named there, never in a
clause about talks; else the place of the incident before it in the sentence, else a place
no other incident claims; else, for "هناك/المنطقة", the previous sentences'), its date its
own or the nearest told before it in the sentence, its toll the sum of its tolls.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from events.actors import find_actors
from events.classify import (
    INCIDENT_PRIORITY,
    Cue,
    agreement_terms,
    is_planned,
    norm_text,
    remember,
    split_clauses,
    words_before,
)
from events.context import (
    PATROL_WORD,
    date_for,
    event_places,
    in_span,
    make_draft,
    point_at,
    radius_for,
    refers_back,
)
from events.dates_patterns import days_before_reference
from events.fatalities import find_fatalities, parse_number, total
from events.incident_split import coordinated_towns, split_coordinated
from events.locate import (
    best_location,
    in_syria,
    talks_about_diplomacy,
)
from events.merge import Draft
from events.modality import since_tally
from events.place_roles import credible_abroad

__all__ = ["clause_groups", "incident_drafts", "trim_span"]


#: a clause that opens a new frame ("وفي ريف حماة، …", "فيما …"): it belongs to the next
#: incident, not to the one before it
_FRAME = re.compile(
    r"^\W*(?:وفي|وعلي|ومن|والي|واما|اما|وبعد|وقبل|فيما|بينما|في حين|كما|وكما|ثم|كذلك|وكذلك"
    r"|تزامنا|بالتزامن|على صعيد|علي صعيد|في سياق|وفي سياق|من جهه|الي ذلك)(?!\w)"
)
#: "، وأخرى …", "، وثانية …": the incident before, again, at a new place
_REPEAT = re.compile(r"^\W*و(?:اخري|ثانيه|ثالثه|اخريات|اخريين)(?!\w)")
#: a clause naming a place of its own ("محيط معبر باب الهوى", "أطراف بلدة …") that the
#: gazetteer does not know: it does not borrow the place of the incident before it
_OWN_PLACE = re.compile(
    r"(?<!\w)[وفب]?(?:ال)?(?:بلده|بلدتي|قريه|قريتي|مدينه|مدينتي|معبر|مطار|حي|حيي|ناحيه|مخيم"
    r"|محيط|اطراف|ضواحي|قرب|بالقرب|مدخل|بلدات|قري)(?!\w)"
)
#: an area noun («في مقاطعة الشهباء»، «بريف …»، «ناحية …»): a sentence with one and no
#: Syrian place the gazetteer knows is set in an area we do not know, not the article's last
#: a settlement noun and a name after it («قرية كفرعمة»، «بلدة …»)
_VILLAGE_NAMED = re.compile(
    r"(?<!\w)[وفبل]?(?:ال)?(?:قريه|بلده|مدينه|مخيم|قريتي|بلدتي)\s+(?!(?:في|من|علي|الي|عن)\s)\w{2,}"
)
_AREA_NOUN = re.compile(r"(?<!\w)[وفب]?(?:ال)?(?:مقاطعه|منطقه|ناحيه|محافظه|ريف)(?!\w)")
#: ".." or "…" ends an item of a headline: what comes before is not the next item's frame
_ITEM_END = re.compile(r"\s*(?:\.\.|…)")
#: a clause that tells the consequence or the circumstances of the incident before it
#: ("، ما أدى لمقتل ٣ عناصر", "، أسفر عن …", "، حيث قتل …"): same incident
_CONSEQUENCE = re.compile(
    r"^\W*(?:ما|مما|وما|الامر الذي)? ?(?:ادي|ادت|اسفر|اسفرت|تسبب|تسببت|نتج|خلف|خلفت)(?!\w)"
    r"|^\W*(?:متسببا|متسببه|مخلفا|مخلفه|موقعا|موقعه|اسفر|اسفرت|وادي|وادت|واسفر|واسفرت"
    r"|حيث|ليسفر|لتسفر|قتل خلالها|قتل فيها|قتل خلاله)(?!\w)"
    # «، ناجم عن انفجار سيارة مفخخة»، «، نتيجة قصف …»: what caused it
    r"|^\W*(?:ناجم|ناجما|ناجمه|الناجم|ناتج|ناتجا|ناتجه|الناتج|نتيجه|بفعل)(?!\w)"
)
#: «، وسط قصف مدفعي عنيف على محاور القتال»، «، على وقع اشتباكات»: what went on around the
#: incident before it; part of it, without changing what kind of incident it is
_AMID = re.compile(r"^\W*(?:وسط|في وسط|علي وقع)(?!\w)")


#: definite event nouns («الانفجار»، «الغارات الروسية»، «عملية الاغتيال»): a report told by
#: them only may point back to an incident of the article (events.merge)
_DEFINITE_EVENT = re.compile(
    r"^[وف]?(?:بال|لل|ال)(?:غاره|غارات|قصف|انفجار|تفجير|هجوم|هجمات|اغتيال|اشتباكات|معارك"
    r"|استهداف|ضربه|ضربات|كمين|مجزره)(?!\w)"
)

#: a clause that starts with "و/ف" + a verb or noun has its own subject: a new incident
_NEW_SUBJECT = re.compile(r"^\W*[وف]")


def clause_groups(
    text: str, cues: list[Cue], has_place: Callable[[tuple[int, int]], bool]
) -> list[tuple[tuple[int, int], tuple[int, int], list]]:
    """Clause groups of incident cues: (group span, cue clause span, cues), sentence offsets.

    - a clause with a cue starts an incident, unless it only tells the consequence or
      circumstances of the one before it («، ما أدى لمقتل ٣ عناصر»، «، حيث قُتل …») or
      only counts the dead without naming a place: then it joins that incident;
    - a clause without a cue continues the incident before it («، مساء أمس،»، «، قرب
      قرية …»), unless it opens a new frame («، وفي ريف حماة،»، «فيما …»): then it
      belongs to the next incident;
    - a leading death toll with no place joins the incident after it («قُتل 5 مدنيين،
      الثلاثاء، في قصف على …» is one shelling with 5 dead).
    """
    nt = norm_text(text)
    groups: list[list] = []
    pending_start: int | None = None
    for span in split_coordinated(text, split_clauses(text), cues, has_place):
        inside = [c for c in cues if c.event_type == "incident" and span[0] <= c.start < span[1]]
        head = nt.norm[nt.norm_pos(span[0]) : nt.norm_pos(span[1])]
        if not inside and any(span[0] <= c.start < span[1] for c in cues):
            pending_start = None  # a patrol's or a post's clause: no incident's place
            continue
        if not inside and groups and _REPEAT.match(head):
            # "استهدفت غارة بلدة كفرنبل، وأخرى قرية حاس": the same kind again, elsewhere
            groups.append([span, span, list(groups[-1][2])])
            pending_start = None
            continue
        if not inside:
            if groups and pending_start is None and not _FRAME.match(head):
                groups[-1][0] = (groups[-1][0][0], span[1])  # continues the incident
            elif pending_start is None and not _ITEM_END.match(text, span[1]):
                pending_start = span[0]
            continue
        killing_only = all(c.sub_event_type == "killing" for c in inside)
        generic_only = all(c.generic for c in inside)
        same_kind = bool(groups) and {c.sub_event_type for c in inside} <= {
            c.sub_event_type for c in groups[-1][2]
        }
        if groups and _AMID.match(head):
            groups[-1][0] = (groups[-1][0][0], span[1])  # its toll counts, not its kind
            pending_start = None
            continue
        joins = (
            _CONSEQUENCE.match(head) is not None
            or (killing_only and not has_place(span))
            # "انفجرت عبوة ناسفة، استهدفت عربة روسية"; "شن الطيران، أمس، غارات على …":
            # the same incident told on
            or ((generic_only or same_kind) and not _NEW_SUBJECT.match(head))
        )
        if groups and joins and not _FRAME.match(head):
            groups[-1][2].extend(inside)
            groups[-1][0] = (groups[-1][0][0], span[1])
            pending_start = None
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


def incident_drafts(ctx, idx, sent, cues, uses, s_dates, cited) -> list[Draft]:
    """Return the incidents of one sentence, one per clause group.

    Parameters
    ----------
    ctx : ArticleContext
    idx : int
        The sentence's number in the article.
    sent : Sentence
    cues : list of Cue
        The sentence's cues (only incident cues are used).
    uses : list of PlaceUse
        The sentence's places.
    s_dates : list of DateMention
        The sentence's date expressions.
    cited : tuple of str
        Agencies the sentence cites.

    Returns
    -------
    list of Draft
    """
    text, off = sent.text, sent.start

    def has_place(span: tuple[int, int]) -> bool:
        lo, hi = off + span[0], off + span[1]
        return any(u.role == "location" and lo <= u.mention.start < hi for u in uses)

    groups = clause_groups(text, cues, has_place)
    # clauses that tell a patrol or a post (and no incident) lend no place to an incident
    barriers = [
        (off + cs, off + ce)
        for cs, ce in split_clauses(text)
        if any(cs <= c.start < ce for c in cues)
        and not any(cs <= c.start < ce for c in cues if c.event_type == "incident")
    ]
    subs = [min((c.sub_event_type for c in g[2]), key=INCIDENT_PRIORITY.index) for g in groups]
    own_clauses = [(off + g[1][0], off + g[1][1]) for g in groups]
    out = []
    prev_loc = None
    for (gspan, cspan, gcues), sub in zip(groups, subs, strict=True):
        gtext = remember(norm_text(text).slice(*gspan)).text
        ctext = text[cspan[0] : cspan[1]]
        if any(agreement_terms(text, c) for c in gcues) or is_planned(ctext):
            continue
        a_gspan = (off + gspan[0], off + gspan[1])
        a_cspan = (off + cspan[0], off + cspan[1])
        g_uses = [u for u in uses if in_span(a_gspan, u.mention.start)]
        # a generic cue (هجوم، مقتل) needs a place in its own clause or the ones after it
        own = (off + cspan[0], a_gspan[1])
        own_place = any(u.role == "location" and in_span(own, u.mention.start) for u in uses)
        count, minimum = total(find_fatalities(gtext))
        anaphor = refers_back(norm_text(ctext).norm)
        if all(c.generic for c in gcues) and not (own_place or anaphor or minimum):
            continue
        # places of the sentence that no other incident's clauses claim
        others = [(off + g[0][0], off + g[0][1]) for g in groups if g[0] != gspan] + barriers
        free = [u for u in uses if not any(in_span(o, u.mention.start) for o in others)]
        loc = best_location(g_uses, prefer=a_gspan, gov_names=ctx.gov)
        syrian, from_ctx, namesake = True, False, False
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
            namesake = loc is not None and not credible_abroad(loc, uses, text=text, offset=off)
            if namesake:
                # «قصفوا قريتي برج القاص وباصوفان»: a village abroad is a namesake of a
                # Syrian village the gazetteer does not know; the article's area stands in,
                # unless the sentence names an area of its own («في مقاطعة الشهباء»)
                foreign, loc = [], None
                namesake = _AREA_NOUN.search(norm_text(text).norm) is None
            syrian = loc is None
            if foreign and loc is None:
                continue  # abroad, but only a country is named: too vague to map
            if loc is None and sub != "shootdown":
                # "قصفت قوات النظام كفرنبل، كما قُتل مدني برصاص قناص": the place of the
                # incident before it in the sentence, else one no other incident claims
                names_own = _OWN_PLACE.search(norm_text(ctext).norm) is not None
                borrowed = None if names_own else prev_loc  # not for a place we do not know
                loc = borrowed or best_location(free, prefer=a_cspan, gov_names=ctx.gov)
        if loc is None and not namesake and _VILLAGE_NAMED.search(norm_text(ctext).norm):
            # «على طريق قرية كفرعمة»: a village the gazetteer does not know; the article's
            # area stands in (precision 3) unless the sentence names an area of its own
            namesake = _AREA_NOUN.search(norm_text(text).norm) is None
        if loc is None and (anaphor or namesake) and sub != "shootdown" and ctx.context_place():
            loc, from_ctx = ctx.last_place, True
        if loc is None:
            continue  # (a shootdown is coded only where its own clauses place it)
        if syrian and not from_ctx:
            prev_loc = loc
        cue = min(gcues, key=lambda c: INCIDENT_PRIORITY.index(c.sub_event_type))
        # its own date, else the nearest date told before it in the sentence, else a
        # sentence-final time outside any incident's own clause («قصف على A واشتباكات
        # قرب B، يوم الأحد»)
        dates = (
            [d for d in s_dates if in_span(a_gspan, d.start)]
            or [d for d in s_dates if d.start < a_gspan[0]][-1:]
            or [d for d in s_dates if not any(in_span(c, d.start) for c in own_clauses)][:1]
        )
        when = date_for(ctx, dates, off + cue.start, gtext, planned=False, incident=True)
        if when is None or _tally(text, gcues, when):
            continue
        if when[3] == "publication":  # «وتأتي الحادثة بعد يومين من غارات روسية …»
            nt = norm_text(text)
            ago = days_before_reference(nt.norm[: nt.norm_pos(cue.start)])
            if ago is not None:
                first, last = (when[0] - dt.timedelta(days=d) for d in (ago[1], ago[0]))
                when = (first, None if first == last else last, 2, "relative")
        geom, gprec = point_at(loc, [u.place for u in uses if u.role == "road"], ctx.gov)
        extra: dict[str, object] = {}
        if not syrian:
            extra.update(in_syria=False, country=loc.place.country)
        if any(c.target for c in gcues) or PATROL_WORD.search(norm_text(ctext).norm):
            extra["target"] = "patrol"
        if count is None and minimum is not None:
            extra["fatalities_min"] = minimum
        start, end = sent.start, sent.end
        if subs.count(sub) > 1:  # two incidents of one kind in one sentence: clause evidence
            start, end = trim_span(ctx.article.text, a_gspan)
        d = make_draft(
            ctx,
            replace(cue, sub_event_type=sub),
            sent,
            idx,
            when,
            geom,
            3 if from_ctx else gprec,
            places=event_places(g_uses, syrian=syrian, extra=[loc.mention]),
            radius_km=radius_for(loc, 3 if from_ctx else gprec),
            actors=find_actors(gtext) or find_actors(text),
            fatalities=count,
            fatalities_min=minimum,
            cited=cited,
            start=start,
            end=end,
            extra=extra,
        )
        d.definite = _told_as_definite(text, gcues)
        out.append(d)
        if syrian and not from_ctx:  # «غارات على الميادين والبوكمال»: one event per town
            split = coordinated_towns(ctx.article.text, loc, g_uses)
            d.places = [m for m in d.places if all(m is not u.mention for u in split)]
            for u in split:
                geom, gprec = point_at(u, [], ctx.gov)
                span = (start, max(u.mention.end, off + cue.end))
                d2 = replace(d, geometry=geom, geo_precision=gprec, start=span[0], end=span[1])
                d2.places, d2.radius_km = [u.mention], radius_for(u, gprec)
                out.append(d2)
    return out


_RELATIVE = frozenset(("الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان"))


def _told_as_definite(text: str, cues: list[Cue]) -> bool:
    """Return whether an incident is told only by definite event nouns.

    A verb in a relative clause on such a noun («الهجوم الذي استهدف مدنيين») tells the
    same noun's event.
    """
    nt = norm_text(text)
    found = False
    for c in cues:
        if _DEFINITE_EVENT.match(c.surface):
            found = True
            continue
        before = words_before(nt.norm, nt.norm_pos(c.start), 1)
        if not (before and before[0] in _RELATIVE):
            return False
    return found


def _tally(text: str, cues: list[Cue], when) -> bool:
    """Return whether the group counts incidents over a span of a week or more (a tally).

    «وثق المرصد ٣ تفجيرات منذ مطلع الشهر» is a tally of events, not one event.
    """
    nt = norm_text(text)
    if any(since_tally(nt.norm, nt.norm_pos(c.start), nt.norm_pos(c.end)) for c in cues):
        return True  # «منذ بدء الهدنة مقتل 200 شخص»، «منذ مطلع العام 14 تفجيراً»
    date, date_end = when[0], when[1]
    if date_end is None or (date_end - date).days < 7:
        return False
    if all(c.sub_event_type == "killing" for c in cues):
        count, minimum = total(find_fatalities(text))
        if (count or minimum or 0) >= 2:
            return True  # «وثقت الشبكة مقتل 150 مدنياً خلال شهر أيار»: a monthly toll
    for c in cues:
        before = words_before(nt.norm, nt.norm_pos(c.start), 1)
        num = parse_number(before) if before else None
        if num is not None and num[0] >= 2:
            return True
    return False


def trim_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Return ``span`` without leading spaces and commas or trailing spaces."""
    s, e = span
    while s < e and (text[s].isspace() or text[s] in "،,؛;"):
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
