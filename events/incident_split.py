"""One incident clause, two towns far apart: one event per town; «و» + another kind.

«شنّت طائرات التحالف غارات على الميادين والبوكمال»: ACLED codes one event per location, so
a strike on two towns tens of km apart is two events. Towns less than 25 km apart («على
مدينة كفرنبل وقرية حاس»، «بلدتي دارة عزة وكفرنوران») are one front and stay one event, and
so do towns that end a road («الطريق بين مدينتي إعزاز ومارع»). Written by hand: which towns are
coordinated («X وY»، «X وفي Y»، «بلدتي X وY») is a rule of Arabic, not a library's job.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from events.classify import Cue
from events.locate import PlaceUse
from geo.roads import haversine_km

__all__ = ["SPLIT_KM", "coordinated_towns", "split_coordinated"]

#: two coordinated towns at least this far apart are two events
SPLIT_KM = 25.0
_SETTLEMENTS = frozenset(("city", "town", "village"))
#: what may stand between two coordinated places: «و»، «وفي»، «وعلى»، «وقرية»، «ومدينة» …
_BETWEEN = re.compile(r"(?<!\w)(?:بين|ما بين|الواصل|الرابط|طريق)(?!\w)")
_AND = re.compile(
    r"^\s*و\s*(?:(?:في|على|علي)\s+)?(?:(?:ال)?(?:مدينة|مدينه|بلدة|بلده|قرية|قريه|بلدات|قرى)\s+)?$"
)


def coordinated_towns(text: str, loc: PlaceUse, uses: list[PlaceUse]) -> list[PlaceUse]:
    """Return the towns coordinated with ``loc`` by «و» that lie far from it.

    Parameters
    ----------
    text : str
        The article text (mention offsets index it).
    loc : PlaceUse
        The place chosen for the incident.
    uses : list of PlaceUse
        The places of the incident's clauses, in text order.

    Returns
    -------
    list of PlaceUse
        The other Syrian towns, cities or villages joined to ``loc`` by «و» («X وY وZ»),
        in text order, each at least :data:`SPLIT_KM` from ``loc`` and from every town
        kept before it; empty when ``loc`` is no such settlement.
    """
    chain = _chain_of(text, loc, uses)
    kept = [loc]
    out: list[PlaceUse] = []
    for u in chain:
        if u is not loc and all(
            haversine_km(u.place.point, k.place.point) >= SPLIT_KM for k in kept
        ):
            kept.append(u)
            out.append(u)
    return out


def _town(u: PlaceUse) -> bool:
    return u.role == "location" and u.place.kind in _SETTLEMENTS and u.place.country == "SY"


def _chain_of(text: str, loc: PlaceUse, uses: list[PlaceUse]) -> list[PlaceUse]:
    """Return the towns joined by «و» to each other, one of them ``loc`` (else [])."""
    chain: list[PlaceUse] = []
    for u in sorted(uses, key=lambda u: u.mention.start):
        if not _town(u):
            if loc in chain:
                break
            chain = []
            continue
        if chain and (
            u.mention.start < chain[-1].mention.end
            or not _AND.match(text[chain[-1].mention.end : u.mention.start])
        ):
            if loc in chain:
                break
            chain = []
        chain.append(u)
    if loc not in chain or not _town(loc) or any(u.marker == "between" for u in chain):
        return []
    # «على الطريق بين مدينتي A وB»: one place on the road between them, not two events
    before = text[max(0, chain[0].mention.start - 25) : chain[0].mention.start]
    return [] if _BETWEEN.search(before) else chain


#: weapons of one attack: «بالرشاشات والقذائف»، «… وبالصواريخ» (instrumental «بـ»)
_WEAPON_AND = re.compile(r"(?:(?<!\w)بال?\w+\s+و|(?<!\w)وبال?)\w*$")


def split_coordinated(
    text: str,
    spans: list[tuple[int, int]],
    cues: list[Cue],
    has_place: Callable[[tuple[int, int]], bool],
) -> list[tuple[int, int]]:
    """Split a clause before «و» + a cue of another kind when a place comes before it.

    «قصف على محيط سراقب واشتباكات شرقي معرة النعمان» is two incidents; «قصف وغارات على
    كفرنبل» (no place before «وغارات») stays one; so do the weapons of one attack
    («لهجوم … في بادية A بالرشاشات والقذائف»، «… وبالصواريخ»).
    """
    out = []
    for s, e in spans:
        inside = sorted(
            (c for c in cues if c.event_type == "incident" and s <= c.start < e),
            key=lambda c: c.start,
        )
        start = s
        for prev, c in itertools.pairwise(inside):
            if (
                c.surface.startswith("و")
                and c.sub_event_type != prev.sub_event_type
                and has_place((start, c.start))
                and not _WEAPON_AND.search(text, max(0, c.start - 25), c.start + 3)
            ):
                out.append((start, c.start))
                start = c.start
        out.append((start, e))
    return out
