"""One incident clause, two towns far apart: one event per town.

«شنّت طائرات التحالف غارات على الميادين والبوكمال»: ACLED codes one event per location, so
a strike on two towns tens of km apart is two events. Towns less than 25 km apart («على
مدينة كفرنبل وقرية حاس»، «بلدتي دارة عزة وكفرنوران») are one front and stay one event, and
so do towns that end a road («الطريق بين مدينتي إعزاز ومارع»). Written by hand: which towns are
coordinated («X وY»، «X وفي Y»، «بلدتي X وY») is a rule of Arabic, not a library's job.
"""

from __future__ import annotations

import re

from events.locate import PlaceUse
from geo.roads import haversine_km

__all__ = ["SPLIT_KM", "coordinated_towns"]

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
