"""Resolve the admitted names of one text together: hints, anchors, one sense per discourse.

Steps (the ranking itself is :func:`gazetteer.resolve.rank`):

1. rank each name with only the word before it (kept per key and class of that word for
   the gazetteer's lifetime: it depends on no other part of the text);
2. twice: take the names resolved with p >= 0.8 as anchors, collect containment and
   nearness hints (``X بريف Y``, ``X غرب Y``; a hint given once holds for every mention of
   that name in the text), and rank again every name that has more than one candidate;
3. the generic highway (``الطريق الدولي``) becomes the road named in the text, else the
   road passing nearest to the anchors.

What the words between two names say (contain, near, nothing) does not change between
rounds, so it is read once per text; rankings with the same context are computed once.

Written by hand: these are this project's rules (see docs/gazetteer-matching.md).
"""

from __future__ import annotations

import itertools

from gazetteer import nonplaces as npl
from gazetteer.admit import Pending
from gazetteer.anchors import Geometry
from gazetteer.matcher import _DROP, PROCLITICS, TextView
from gazetteer.model import Mention, Place
from gazetteer.resolve import (
    Context,
    Ranked,
    haversine_km,
    rank,
    rank_scored,
    road_distance_km,
)

__all__ = ["ANCHOR_P", "Resolver", "new_mention"]

#: Probability from which a resolved place anchors the others.
ANCHOR_P = 0.8
_ANCHOR_KINDS = frozenset({"city", "town", "village", "site"})
_IN_OR_CLITIC = frozenset({"في", *PROCLITICS})
_RANK0_MAX = 200_000


class Resolver:
    """Resolve the names of a text; caches rankings that depend on a name alone.

    Parameters
    ----------
    generic_keys : frozenset of int
        Key ids of the generic highway names.
    """

    def __init__(self, *, generic_keys: frozenset[int]):
        self._generic = generic_keys
        #: key_id * 4 + pclass -> the ranking with only the word before (pclass < 4).
        self._rank0: dict[int, Ranked] = {}
        self._owns: dict[int, frozenset[str]] = {}
        #: (place id, road id) -> km from the place to the road's line (vocabulary facts).
        self._road_cache: dict[tuple[str, str], float] = {}
        #: Distances between candidate and anchor places (see anchors.Geometry).
        self._pair_km: dict[tuple[str, str], float] = {}

    def _own(self, p: Pending) -> frozenset[str]:
        own = self._owns.get(p.key_id)
        if own is None:
            own = self._owns[p.key_id] = frozenset(c.place_id for c in p.cands)
        return own

    def _road_km(self, cands: tuple[Place, ...], roads: tuple[Place, ...]) -> list[float | None]:
        """Distance of each candidate to the nearest of ``roads`` (kept per place and road)."""
        out: list[float | None] = []
        cache = self._road_cache
        if len(cache) > _RANK0_MAX:
            cache.clear()
        for c in cands:
            pt = c.point
            if pt is None:
                out.append(None)
                continue
            best = None
            for road in roads:
                key = (c.place_id, road.place_id)
                d = cache.get(key)
                if d is None:
                    d = cache[key] = road_distance_km(pt, road.waypoints)
                best = d if best is None or d < best else best
            out.append(best)
        return out

    def _first_rank(self, p: Pending) -> Ranked:
        key = p.key_id * 4 + p.pclass
        hit = self._rank0.get(key)
        if hit is None:
            if len(self._rank0) > _RANK0_MAX:
                self._rank0.clear()
            hit = self._rank0[key] = rank(p.cands, Context(prev_word=p.prev))
        return hit

    def resolve(self, view: TextView, pend: list[Pending]) -> list[Mention]:
        """Rank every name of ``pend`` (in text order) and return the mentions.

        Parameters
        ----------
        view : TextView
        pend : list of Pending
            Non-overlapping, in text order.

        Returns
        -------
        list of Mention
        """
        if not pend:
            return []
        mtext = view.mtext
        # mtext[a] is a space and spaces are single: more than six spaces between two
        # names is more than five words, which says nothing.
        count = mtext.count
        # Hints only re-rank names with several candidates: the others need no gap.
        # Hints only re-rank names with several candidates: the others need no gap, unless
        # they pass a containment on (``X ضمن منطقة Y بريف Z``: X lies in Z too).
        gaps: list[str | None] = []
        for p, q in itertools.pairwise(pend):
            if (len(p.cands) < 2 and (not gaps or gaps[-1] != "contain")) or count(
                " ", p.mend, q.mstart - len(q.prefix)
            ) > 6 + _BRACKET_SLACK:
                gaps.append(None)
            else:
                gaps.append(_gap_kind(view, p, q))
        gaps.append(None)
        rank0 = self._rank0
        ranked = [rank0.get(p.key_id * 4 + p.pclass) or self._first_rank(p) for p in pend]
        memo: dict[tuple, Ranked] = {}
        roads: tuple[Place, ...] | None = None  # named roads, read once a round runs
        last = None
        geo: Geometry | None = None
        for _ in range(2):
            # Folding records of one place can depend on the order, so count again.
            multi = [i for i, r in enumerate(ranked) if len(r.places) >= 2]
            if not multi:
                break
            anchors = _anchors(ranked)
            hints = _hints(pend, ranked, gaps)
            # Same anchors and hints as the round before: every context, hence every
            # ranking, would be the same again.
            sig = (tuple(a.place_id for a in anchors), {k: h[2:] for k, h in hints.items()})
            if sig == last:
                break
            last = sig
            if roads is None:
                roads = _named_roads(pend, ranked, self._generic)
            names = [pend[i] for i in multi]
            if geo is None or not geo.covers(sig[0], names):
                geo = Geometry(anchors, names, pair_km=self._pair_km)
            new = list(ranked)
            for i in multi:
                p = pend[i]
                kid = p.key_id
                view_of = geo.view_for(kid, self._own(p))
                contain, near, contain_ids, near_ids = hints.get(kid, _NO_HINTS)
                key = (kid, p.pclass, contain_ids, near_ids, view_of.ids)
                hit = memo.get(key)
                if hit is None:
                    ctx = Context(
                        prev_word=p.prev, contain=contain, near=near, anchors=view_of.anchors
                    )
                    hit = memo[key] = rank_scored(
                        p.cands,
                        ctx,
                        main_admin1=view_of.main_admin1,
                        anchor_km=geo.km(p.cands, view_of),
                        anchor_ids=view_of.id_set,
                        road_km=self._road_km(p.cands, roads) if roads else None,
                    )
                new[i] = hit
            ranked = new
        return self._mentions(view, pend, ranked)

    def _mentions(self, view: TextView, pend: list[Pending], ranked: list[Ranked]):
        out: list[Mention] = []
        generic = self._generic
        explicit_roads: set[str] = set()
        anchors: tuple[Place, ...] = ()
        if not generic.isdisjoint([p.key_id for p in pend]):
            # Only a generic highway name needs the roads named and the anchors.
            explicit_roads = {
                r.places[0].place_id
                for p, r in zip(pend, ranked, strict=True)
                if p.key_id not in generic and r.places and r.places[0].kind == "road"
            }
            anchors = _anchors(ranked)
        text = view.text
        n = len(text)
        item = view.offsets.item
        setters = _MENTION_SETTERS
        new = object.__new__
        s0, s1, s2, s3, s4, s5, s6 = setters or (None,) * 7
        for p, r in zip(pend, ranked, strict=True):
            places = r.places
            if not places:
                continue
            # The span in the original text, trailing diacritics/tatweel included
            # (as matcher.span_of).
            start = item(p.mstart)
            end = item(p.mend - 1) + 1
            while end < n and text[end] in _DROP:
                end += 1
            surface = text[start:end]
            if p.key_id in generic:
                choice = _generic_road(places, explicit_roads, anchors)
                if choice is None:
                    continue
                place, score = choice
                others = [q for q in places if q.place_id != place.place_id]
                runner = others[0] if others else None
                out.append(new_mention(start, end, surface, place, _clip(score), runner, None))
                continue
            probs = r.probs
            conf = p.conf
            score = conf * probs[0]
            if len(places) > 1:
                runner, runner_score = places[1], conf * probs[1]
            else:
                runner = runner_score = None
            score = 0.0 if score < 0.0 else (1.0 if score > 1.0 else score)
            if setters is None:
                out.append(Mention(start, end, surface, places[0], score, runner, runner_score))
                continue
            # new_mention, inlined: this runs for every name found.
            m = new(Mention)
            s0(m, start)
            s1(m, end)
            s2(m, surface)
            s3(m, places[0])
            s4(m, score)
            s5(m, runner)
            s6(m, runner_score)
            out.append(m)
        return out


def _clip(score: float) -> float:
    return max(0.0, min(1.0, score))


_MENTION_FIELDS = ("start", "end", "surface", "place", "score", "runner_up", "runner_up_score")
# A Mention is built for every name found. A frozen dataclass's __init__ sets each field
# through object.__setattr__; filling the slots through their descriptors is about twice
# as fast. Used only while Mention is a plain slotted dataclass with exactly these fields
# and no __post_init__ (as gazetteer.rows does for Place); a test checks both agree.
_MENTION_SETTERS = (
    tuple(Mention.__dict__[f].__set__ for f in _MENTION_FIELDS)
    if getattr(Mention, "__slots__", None) == _MENTION_FIELDS
    and not hasattr(Mention, "__post_init__")
    else None
)


def new_mention(start, end, surface, place, score, runner_up, runner_up_score) -> Mention:
    """Build a :class:`~gazetteer.model.Mention` (fast path when its layout allows)."""
    if _MENTION_SETTERS is None:
        return Mention(start, end, surface, place, score, runner_up, runner_up_score)
    obj = object.__new__(Mention)
    s0, s1, s2, s3, s4, s5, s6 = _MENTION_SETTERS
    s0(obj, start)
    s1(obj, end)
    s2(obj, surface)
    s3(obj, place)
    s4(obj, score)
    s5(obj, runner_up)
    s6(obj, runner_up_score)
    return obj


#: Extra words allowed between two names for an aside in brackets (``X (سري كانيه) بريف Y``).
_BRACKET_SLACK = 4
_OPEN = "(["
_CLOSE = ")]"


def _gap_words(view: TextView, a: int, b: int) -> list[str]:
    """Match-form words of ``mtext[a:b]``, without those inside brackets of the original text.

    An aside in brackets after a name (another name of it, a translation) does not cut the
    name off from the hint that follows: ``رأس العين (سري كانيه) بريف الحسكة``.
    """
    mtext = view.mtext
    words = mtext[a:b].split()
    if not words:
        return words
    text = view.text
    offsets = view.offsets
    oa = int(offsets[a])
    ob = int(offsets[b]) if b < len(offsets) else len(text)
    seg = text[oa:ob]
    if "(" not in seg and "[" not in seg:  # _OPEN
        return words
    out: list[str] = []
    pos = a
    for w in words:
        j = mtext.find(w, pos)
        pos = j + len(w)
        before = text[oa : int(offsets[j])]
        depth = sum(before.count(c) for c in _OPEN) - sum(before.count(c) for c in _CLOSE)
        if depth <= 0:
            out.append(w)
    return out


def _gap_kind(view: TextView, p: Pending, nxt: Pending) -> str | None:
    """Classify the words between two names: the first lies in or near the second, or None."""
    a, b = p.mend, nxt.mstart - len(nxt.prefix)
    words = _gap_words(view, a, b)
    if nxt.prefix:
        words.append(nxt.prefix)
    if len(words) > 5:
        return None
    kind = npl.hint_after(words)
    if (
        kind is None
        and all(w in _IN_OR_CLITIC for w in words)
        and nxt.form.split(" ")[0] in npl.CONTAIN_WORDS
    ):
        kind = "contain"
    return kind


_NO_HINTS: tuple = ((), (), (), ())
#: How many further containing places a containment hint passes on.
_CHAIN = 2


def _hints(pend: list[Pending], ranked: list[Ranked], gaps: list[str | None]):
    """Key id -> (contain, near, their ids): what the text says about that name."""
    out: dict[int, tuple[list[Place], list[Place]]] = {}
    n = len(pend)
    for i, p in enumerate(pend):
        kind = gaps[i]
        if kind is None or i + 1 >= n or not ranked[i + 1].places:
            continue
        targets = [ranked[i + 1].places[0]]
        if kind == "contain":
            # Containment passes on: «X ضمن منطقة Y بريف Z» puts X in Z as well.
            j = i + 1
            while j + 1 < n and j - i <= _CHAIN and gaps[j] == "contain" and ranked[j + 1].places:
                targets.append(ranked[j + 1].places[0])
                j += 1
        h = out.setdefault(p.key_id, ([], []))
        lst = h[0] if kind == "contain" else h[1]
        for target in targets:
            if target.kind == "road" or target.country != "SY":
                continue
            if all(target.place_id != x.place_id for x in lst):  # first said first
                lst.append(target)
    return {
        k: (tuple(c), tuple(nr), tuple(x.place_id for x in c), tuple(x.place_id for x in nr))
        for k, (c, nr) in out.items()
    }


def _named_roads(pend: list[Pending], ranked: list[Ranked], generic: frozenset[int]):
    """Roads the text names outright (إم 4, M4), with their waypoints; not the generic ones."""
    out: dict[str, Place] = {}
    for p, r in zip(pend, ranked, strict=True):
        if p.key_id in generic or not r.places:
            continue
        top = r.places[0]
        if top.kind == "road" and top.waypoints and r.probs[0] >= ANCHOR_P:
            out.setdefault(top.place_id, top)
    return tuple(out.values())


def _anchors(ranked: list[Ranked]) -> tuple[Place, ...]:
    """Top places resolved with p >= ANCHOR_P that can anchor others, first seen first."""
    out: dict[str, Place] = {}
    # Names repeat: the same ranking object is looked at once (first seen first).
    for r in {id(r): r for r in ranked}.values():
        if not r.places or r.probs[0] < ANCHOR_P:
            continue
        top = r.places[0]
        if (
            top.kind in _ANCHOR_KINDS
            and top.country == "SY"
            and top.lon is not None
            and top.lat is not None
        ):
            out.setdefault(top.place_id, top)
    return tuple(out.values())


def _generic_road(places, explicit, anchors) -> tuple[Place, float] | None:
    """Pick the road meant by "الطريق الدولي": one named in the article, else the nearest."""
    roads = [p for p in places if p.kind == "road"]
    named = [p for p in roads if p.place_id in explicit]
    if len(named) == 1:
        return named[0], 0.7
    pool = named or roads
    pts = [a.point for a in anchors if a.point]
    if not pts:
        return None
    best = None
    for road in pool:
        wps = road.waypoints or ((road.lon, road.lat),)
        d = sum(min(haversine_km(q, w) for w in wps) for q in pts) / len(pts)
        if best is None or d < best[0]:
            best = (d, road)
    if best is None or best[0] > 30.0:
        return None
    return best[1], 0.5
