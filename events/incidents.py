"""Incidents: one event per clause group of a sentence.

A sentence is split into clauses (:func:`events.classify.split_clauses`); each clause that
holds an incident cue starts a group with the cue-less clauses before it (and, for the last
group, after it). A group that only counts the dead and names no place joins its neighbour.
The group's sub-type is its most specific cue; its place is the finest Syrian location of
its clauses (else a place abroad named there, never in a clause about talks; else the
sentence's; else, for "هناك/المنطقة", the previous sentences'), its toll the sum of its tolls.
"""

from __future__ import annotations

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
)
from events.context import (
    ANAPHOR,
    PATROL_WORD,
    date_for,
    event_places,
    in_span,
    make_draft,
    point_at,
    radius_for,
)
from events.fatalities import find_fatalities, total
from events.locate import (
    best_location,
    in_syria,
    talks_about_diplomacy,
)
from events.merge import Draft

__all__ = ["clause_groups", "incident_drafts", "trim_span"]


def clause_groups(
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
    subs = [min((c.sub_event_type for c in g[2]), key=INCIDENT_PRIORITY.index) for g in groups]
    out = []
    for (gspan, cspan, gcues), sub in zip(groups, subs, strict=True):
        gtext = remember(norm_text(text).slice(*gspan)).text
        ctext = text[cspan[0] : cspan[1]]
        if any(agreement_terms(text, c) for c in gcues) or is_planned(ctext):
            continue
        a_gspan = (off + gspan[0], off + gspan[1])
        a_cspan = (off + cspan[0], off + cspan[1])
        g_uses = [u for u in uses if in_span(a_gspan, u.mention.start)]
        c_has_place = any(u.role == "location" for u in uses if in_span(a_cspan, u.mention.start))
        count, minimum = total(find_fatalities(gtext))
        anaphor = bool(ANAPHOR.search(norm_text(ctext).norm))
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
        dates = [d for d in s_dates if in_span(a_gspan, d.start)] or [
            d for d in s_dates if not any(in_span(o, d.start) for o in others)
        ]
        when = date_for(ctx, dates, off + cue.start, gtext, planned=False)
        if when is None:
            continue
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
        out.append(d)
    return out


def trim_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Return ``span`` without leading spaces and commas or trailing spaces."""
    s, e = span
    while s < e and (text[s].isspace() or text[s] in "،,؛;"):
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
