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

import itertools
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
    "anchor_distances",
    "h_to_km",
    "haversine_km",
    "main_governorate",
    "prior",
    "rank",
    "rank_scored",
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


#: A text that names a road (إم 4) tends to name places along it: a candidate within a few
#: km of the road's line gets up to this much (``X`` on the M4 rather than its namesake 7 km
#: off the road). Weight and distance scale (km).
ROAD_W = 1.0
ROAD_SCALE_KM = 2.0
_ON_ROAD_KINDS = frozenset({"city", "town", "village", "site"})


def road_distance_km(point: tuple[float, float], waypoints: Sequence[tuple[float, float]]) -> float:
    """Distance in km from a (lon, lat) point to a road's polyline (straight segments).

    Local equirectangular approximation around the point: good to a few metres at the
    distances that matter here (a few km); the road geometry itself is approximate.
    Written by hand rather than with shapely (used in geo/): a dozen float operations per
    segment, on the tagging path, without importing shapely into the gazetteer.

    Parameters
    ----------
    point : tuple of float
        (lon, lat).
    waypoints : sequence of (lon, lat)
        The road's ordered waypoints (at least one).

    Returns
    -------
    float
    """
    lon0, lat0 = point
    kx = 111.32 * math.cos(math.radians(lat0))
    ky = 110.57
    pts = [((x - lon0) * kx, (y - lat0) * ky) for x, y in waypoints]
    if len(pts) == 1:
        return math.hypot(*pts[0])
    best = math.inf
    for (ax, ay), (bx, by) in itertools.pairwise(pts):
        dx, dy = bx - ax, by - ay
        seg = dx * dx + dy * dy
        t = 0.0 if seg == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / seg))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


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


def anchor_distances(
    points: Sequence[tuple[float, float]], anchor_points: Sequence[tuple[float, float]]
) -> np.ndarray:
    """Haversine term ``h`` between every point and every anchor point (rows x columns).

    ``2 R asin(sqrt(min(1, h)))`` is the distance; the minimum of a row's ``h`` gives
    the nearest anchor. Same formula as :func:`haversine_km`, vectorised.

    Parameters
    ----------
    points, anchor_points : sequence of (lon, lat)

    Returns
    -------
    numpy.ndarray of shape (len(points), len(anchor_points))
    """
    arr = _radians(list(anchor_points))
    lon1 = np.radians(np.array([pt[0] for pt in points], dtype=np.float64))[:, None]
    lat1 = np.radians(np.array([pt[1] for pt in points], dtype=np.float64))[:, None]
    cos1 = np.array([math.cos(x) for x in lat1[:, 0].tolist()], dtype=np.float64)[:, None]
    lon, lat = arr[:, 0][None, :], arr[:, 1][None, :]
    return np.sin((lat - lat1) / 2) ** 2 + cos1 * np.cos(lat) * np.sin((lon - lon1) / 2) ** 2


def h_to_km(h_min: np.ndarray) -> list[float]:
    """Distances in km from row minima of :func:`anchor_distances`."""
    return (2 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(1.0, h_min)))).tolist()


def main_governorate(anchors: Sequence[Place]) -> str:
    """Return the ``admin1`` most anchors share (the first seen on a tie), or ``""``."""
    admins = Counter(a.admin1 for a in anchors if a.admin1)
    return admins.most_common(1)[0][0] if admins else ""


def _anchor_km(candidates: Sequence[Place], anchors: Sequence[Place]) -> list[float | None]:
    """Distance from each candidate to the nearest anchor other than itself (None: none)."""
    out: list[float | None] = [None] * len(candidates)
    with_point = [a for a in anchors if a.point]
    if not with_point:
        return out
    rows = [i for i, p in enumerate(candidates) if p.point]
    if not rows:
        return out
    h = anchor_distances([candidates[i].point for i in rows], [a.point for a in with_point])
    ids = [a.place_id for a in with_point]
    for r, i in enumerate(rows):
        own = candidates[i].place_id
        if own in ids:  # a candidate is never its own anchor
            h[r, [k for k, a in enumerate(ids) if a == own]] = np.inf
    h_min = h.min(axis=1)
    for i, d, hm in zip(rows, h_to_km(h_min), h_min.tolist(), strict=True):
        out[i] = None if hm == np.inf else d
    return out


def _evidence(
    p: Place,
    ctx: Context,
    main_admin1: str,
    anchor_ids: frozenset[str],
    anchor_km: float | None,
    base: float,
) -> float:
    """Score of one candidate; ``base`` is its prior plus what the word before says."""
    score = base
    pt = p.point
    for c in ctx.contain:
        if c.admin1 and p.admin1:
            score += 3.0 if p.admin1 == c.admin1 else -1.5
        elif pt and c.point:
            score += 2.0 * math.exp(-haversine_km(pt, c.point) / 40.0)
    for c in ctx.near:
        if pt and c.point and c.place_id != p.place_id:
            score += 3.0 * math.exp(-haversine_km(pt, c.point) / 15.0)
    if ctx.anchors and pt:
        if anchor_km is not None:
            score += 2.0 * math.exp(-anchor_km / 30.0)
        if p.parent_id and p.parent_id in anchor_ids:
            score += 1.5
        if main_admin1 and p.admin1 == main_admin1:
            score += 0.5
    return score


def _prev_bonus(prev: str, kind: str) -> float:
    if prev.endswith("محافظه"):
        return 3.5 if kind == "region" else 0.0
    if prev.endswith(("مدينه", "بلده", "قريه", "بلدتي", "قريتي", "مدينتي")):
        return 1.0 if kind in _POPULATED else 0.0
    # «معبر باب الهوى», «مطار X», «سجن X»: the facility, not a village of that name
    # (the same words as gazetteer.context_words.SITE_HEADS).
    if prev.endswith(("معبر", "مطار", "قاعده", "سجن", "مشفي", "مستشفي", "ميناء", "مرفا")):
        return 2.5 if kind == "site" else 0.0
    return 0.0


class _Static:
    """What ranking needs of one candidate set that no context changes (kept per set)."""

    __slots__ = ("cands", "priors", "same")

    def __init__(self, cands: Sequence[Place]):
        self.cands = cands
        self.priors = [prior(p) for p in cands]
        #: (i, j) -> whether candidates i and j are records of the same place.
        self.same: dict[tuple[int, int], bool] = {}

    def same_place(self, i: int, j: int) -> bool:
        key = (i, j)
        hit = self.same.get(key)
        if hit is None:
            hit = self.same[key] = _same_place(self.cands[i], self.cands[j])
        return hit


_STATIC: dict[int, _Static] = {}
_STATIC_MAX = 100_000


def _static(cands: Sequence[Place]) -> _Static:
    """Return the :class:`_Static` of a candidate tuple (kept by identity; lists are not)."""
    if not isinstance(cands, tuple):
        return _Static(cands)
    st = _STATIC.get(id(cands))
    if st is None or st.cands is not cands:
        if len(_STATIC) > _STATIC_MAX:
            _STATIC.clear()
        st = _STATIC[id(cands)] = _Static(cands)
    return st


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
    if len(candidates) == 1:  # nothing to weigh: probability 1 whatever the context
        return Ranked((candidates[0],), (1.0,))
    ctx = ctx or Context()
    if not ctx.anchors:
        return rank_scored(candidates, ctx, main_admin1="", anchor_km=[None] * len(candidates))
    return rank_scored(
        candidates,
        ctx,
        main_admin1=main_governorate(ctx.anchors),
        anchor_km=_anchor_km(candidates, ctx.anchors),
    )


def rank_scored(
    candidates: Sequence[Place],
    ctx: Context,
    *,
    main_admin1: str,
    anchor_km: Sequence[float | None],
    anchor_ids: frozenset[str] | None = None,
    road_km: Sequence[float | None] | None = None,
) -> Ranked:
    """:func:`rank` with the anchor facts worked out by the caller (for many names at once).

    Parameters
    ----------
    candidates : sequence of Place
    ctx : Context
    main_admin1 : str
        :func:`main_governorate` of ``ctx.anchors``.
    anchor_km : sequence of float or None
        Per candidate: distance to the nearest anchor of ``ctx.anchors`` other than
        itself; None when there is none or the candidate has no point.
    anchor_ids : frozenset of str, optional
        Ids of ``ctx.anchors`` (computed when not given).
    road_km : sequence of float or None, optional
        Per candidate: distance to the nearest road the text names (None: no point); each
        town, village or site gets ``ROAD_W * exp(-km / ROAD_SCALE_KM)``.

    Returns
    -------
    Ranked
    """
    if len(candidates) == 1:
        return Ranked((candidates[0],), (1.0,))
    if anchor_ids is None:
        anchor_ids = frozenset(a.place_id for a in ctx.anchors)
    st = _static(candidates)
    prev = ctx.prev_word or ""
    hints = bool(ctx.contain or ctx.near)
    anchored = bool(ctx.anchors)
    exp = math.exp
    keyed: list[tuple[float, str, int]] = []
    # The score of _evidence, with the same additions in the same order.
    for i, (p, d, prior_i) in enumerate(zip(candidates, anchor_km, st.priors, strict=True)):
        base = prior_i + _prev_bonus(prev, p.kind)
        if hints:
            s = _evidence(p, ctx, main_admin1, anchor_ids, d, base)
        else:
            s = base
            if anchored and p.lon is not None and p.lat is not None:
                if d is not None:
                    s += 2.0 * exp(-d / 30.0)
                if p.parent_id and p.parent_id in anchor_ids:
                    s += 1.5
                if main_admin1 and p.admin1 == main_admin1:
                    s += 0.5
        if road_km is not None:
            rk = road_km[i]
            if rk is not None and p.kind in _ON_ROAD_KINDS:
                s += ROAD_W * exp(-rk / ROAD_SCALE_KM)
        keyed.append((-s, p.place_id, i))
    keyed.sort()  # best first; ties by place id (ids are unique)
    kept: list[tuple[float, int]] = []
    same, same_place = st.same, st.same_place
    for neg, _, i in keyed:
        dup = False
        for _, j in kept:
            v = same.get((i, j))
            if v is None:
                v = same_place(i, j)
            if v:
                dup = True
                break
        if not dup:
            kept.append((-neg, i))
    if not kept:
        return Ranked((), ())
    top = kept[0][0]
    weights = [exp(s - top) for s, _ in kept]
    total = sum(weights)
    return Ranked(tuple([candidates[i] for _, i in kept]), tuple([w / total for w in weights]))


def _radians(pts: list[tuple[float, float]]) -> np.ndarray:
    return np.radians(np.asarray(pts, dtype=np.float64))


def _same_place(a: Place, b: Place) -> bool:
    if a.country != b.country or a.point is None or b.point is None:
        return False
    if (a.kind == "region") != (b.kind == "region"):
        return False
    return haversine_km(a.point, b.point) < SAME_PLACE_KM
