"""Rank the places that bear a name, using the text around it.

Each candidate gets a log-linear score from independent pieces of evidence; the scores of
the distinct candidates (records less than :data:`SAME_PLACE_KM` apart count once) go
through a softmax, and the mention's score is the top probability times the confidence of
the match itself.

Evidence, strongest first:

* a **containment hint** after the name (``عين الحور بريف اللاذقية``, ``… في محافظة حماة``):
  candidates inside that place's governorate (``admin1``) win;
* a **nearness hint** after the name (``النيرب غرب سراقب``, ``… قرب سراقب``): candidates
  close to that place win;
* the **other places of the article** that resolved without doubt (anchors): nearness to
  the closest anchor, being in the governorate most anchors are in, being a child of one;
* the **word before** the name: ``محافظة`` prefers a governorate, ``مدينة/بلدة/قرية`` a
  populated place;
* **country** (Syria first, then its neighbours), **kind**, **population** (a world city of
  a million people beats a Syrian hamlet of the same name: diplomacy happens in Moscow),
  and **layer** (overlay > import > builtin) to break ties.

Written by hand: no library ranks gazetteer candidates on these domain cues.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from gazetteer.model import Place

__all__ = [
    "SAME_PLACE_KM",
    "Context",
    "Ranked",
    "haversine_km",
    "prior",
    "rank",
]

#: Two records closer than this are the same place for the runner-up and the margin.
SAME_PLACE_KM = 3.0

NEIGHBOURS = frozenset({"TR", "LB", "IQ", "JO"})
_COUNTRY_W = {"SY": 3.0}
_KIND_W = {
    "country": 1.5,
    "city": 1.0,
    "town": 0.8,
    "village": 0.5,
    "site": 0.5,
    "area": 0.5,
    "road": 0.8,
    "region": -0.5,
}
_LAYER_W = {"overlay": 0.3, "import": 0.1, "builtin": 0.0}
_POPULATED = frozenset({"city", "town", "village"})


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lon, lat) points.

    Parameters
    ----------
    a, b : tuple of float
        (lon, lat) in degrees.

    Returns
    -------
    float
    """
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def prior(place: Place) -> float:
    """Context-free plausibility of a candidate (country, kind, population, layer).

    Parameters
    ----------
    place : Place

    Returns
    -------
    float
        A log-scale score.
    """
    country = _COUNTRY_W.get(place.country, 0.8 if place.country in NEIGHBOURS else 0.0)
    # A region's population says nothing about how often its name means the region.
    pop = max(place.population, 0) if place.kind != "region" else 0
    pop_w = 0.3 * math.log10(pop + 1) + (1.5 if pop >= 1_000_000 else 0.0)
    return country + _KIND_W.get(place.kind, 0.4) + pop_w + _LAYER_W.get(place.layer, 0.0)


@dataclass(frozen=True)
class Context:
    """What the text says around one mention.

    Attributes
    ----------
    prev_word : str or None
        The match-form word before the name (proclitics stripped by the caller's rules).
    contain : tuple of Place
        Places the text says the name lies in (``… بريف اللاذقية``).
    near : tuple of Place
        Places the text says the name lies near (``… غرب سراقب``).
    anchors : tuple of Place
        Other places of the article resolved without doubt.
    """

    prev_word: str | None = None
    contain: tuple[Place, ...] = ()
    near: tuple[Place, ...] = ()
    anchors: tuple[Place, ...] = field(default=())


@dataclass(frozen=True)
class Ranked:
    """Candidates in order with their probabilities (in [0, 1], summing to at most 1)."""

    places: tuple[Place, ...]
    probs: tuple[float, ...]


def _evidence(p: Place, ctx: Context, main_admin1: str) -> float:
    score = prior(p)
    pt = p.point
    prev = ctx.prev_word or ""
    if prev.endswith("محافظه"):
        score += 3.5 if p.kind == "region" else 0.0
    elif prev.endswith(("مدينه", "بلده", "قريه", "بلدتي", "قريتي", "مدينتي")):
        score += 1.0 if p.kind in _POPULATED else 0.0
    for c in ctx.contain:
        if c.admin1 and p.admin1:
            score += 3.0 if p.admin1 == c.admin1 else -1.5
        elif pt and c.point:
            score += 2.0 * math.exp(-haversine_km(pt, c.point) / 40.0)
    for c in ctx.near:
        if pt and c.point and c.place_id != p.place_id:
            score += 3.0 * math.exp(-haversine_km(pt, c.point) / 15.0)
    if ctx.anchors and pt:
        pts = [a.point for a in ctx.anchors if a.point and a.place_id != p.place_id]
        if pts:
            d = _min_km(pt, pts)
            score += 2.0 * math.exp(-d / 30.0)
        if p.parent_id and any(a.place_id == p.parent_id for a in ctx.anchors):
            score += 1.5
        if main_admin1 and p.admin1 == main_admin1:
            score += 0.5
    return score


def rank(candidates: Sequence[Place], ctx: Context | None = None) -> Ranked:
    """Rank the places that bear one name.

    Parameters
    ----------
    candidates : sequence of Place
        Every place indexed under the name (any order).
    ctx : Context, optional
        What the text says around the mention.

    Returns
    -------
    Ranked
        Distinct candidates, best first; records of the same place (closer than
        :data:`SAME_PLACE_KM`, same country) are folded into the best-scored one.
    """
    ctx = ctx or Context()
    admins = Counter(a.admin1 for a in ctx.anchors if a.admin1)
    main_admin1 = admins.most_common(1)[0][0] if admins else ""
    scored = sorted(
        ((_evidence(p, ctx, main_admin1), p) for p in candidates),
        key=lambda sp: (-sp[0], sp[1].place_id),
    )
    kept: list[tuple[float, Place]] = []
    for s, p in scored:
        if any(_same_place(p, q) for _, q in kept):
            continue
        kept.append((s, p))
    if not kept:
        return Ranked((), ())
    top = kept[0][0]
    weights = [math.exp(s - top) for s, _ in kept]
    total = sum(weights)
    return Ranked(tuple(p for _, p in kept), tuple(w / total for w in weights))


def _min_km(pt: tuple[float, float], pts: list[tuple[float, float]]) -> float:
    """Smallest great-circle distance from ``pt`` to ``pts`` (vectorised)."""
    arr = np.radians(np.asarray(pts, dtype=np.float64))
    lon1, lat1 = math.radians(pt[0]), math.radians(pt[1])
    h = (
        np.sin((arr[:, 1] - lat1) / 2) ** 2
        + math.cos(lat1) * np.cos(arr[:, 1]) * np.sin((arr[:, 0] - lon1) / 2) ** 2
    )
    return float(2 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(1.0, h.min()))))


def _same_place(a: Place, b: Place) -> bool:
    if a.country != b.country or a.point is None or b.point is None:
        return False
    if (a.kind == "region") != (b.kind == "region"):
        return False
    return haversine_km(a.point, b.point) < SAME_PLACE_KM
