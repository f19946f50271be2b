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

import numpy as np

from gazetteer import nonplaces as npl
from gazetteer.admit import Pending
from gazetteer.matcher import _DROP, PROCLITICS, TextView
from gazetteer.model import Mention, Place
from gazetteer.resolve import (
    Context,
    Ranked,
    anchor_distances,
    h_to_km,
    haversine_km,
    rank,
    rank_scored,
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
        self._rank0: dict[tuple[int, int], Ranked] = {}
        self._owns: dict[int, frozenset[str]] = {}

    def _own(self, p: Pending) -> frozenset[str]:
        own = self._owns.get(p.key_id)
        if own is None:
            own = self._owns[p.key_id] = frozenset(c.place_id for c in p.cands)
        return own

    def _first_rank(self, p: Pending) -> Ranked:
        key = (p.key_id, p.pclass)
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
        gaps = [
            None if count(" ", p.mend, q.mstart - len(q.prefix)) > 6 else _gap_kind(mtext, p, q)
            for p, q in itertools.pairwise(pend)
        ]
        gaps.append(None)
        rank0 = self._rank0
        ranked = [rank0.get((p.key_id, p.pclass)) or self._first_rank(p) for p in pend]
        memo: dict[tuple, Ranked] = {}
        last = None
        geo: _Geometry | None = None
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
            names = [pend[i] for i in multi]
            if geo is None or not geo.covers(sig[0], names):
                geo = _Geometry(anchors, names)
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
                    )
                new[i] = hit
            ranked = new
        return self._mentions(view, pend, ranked)

    def _mentions(self, view: TextView, pend: list[Pending], ranked: list[Ranked]):
        out: list[Mention] = []
        generic = self._generic
        explicit_roads = {
            r.places[0].place_id
            for p, r in zip(pend, ranked, strict=True)
            if p.key_id not in generic and r.places and r.places[0].kind == "road"
        }
        anchors = _anchors(ranked)
        text = view.text
        n = len(text)
        item = view.offsets.item
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
            out.append(
                new_mention(
                    start,
                    end,
                    surface,
                    places[0],
                    0.0 if score < 0.0 else (1.0 if score > 1.0 else score),
                    runner,
                    runner_score,
                )
            )
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


def _gap_kind(mtext: str, p: Pending, nxt: Pending) -> str | None:
    """Classify the words between two names: the first lies in or near the second, or None."""
    a, b = p.mend, nxt.mstart - len(nxt.prefix)
    words = mtext[a:b].split()
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


class _AnchorView:
    """The anchors one name is ranked against: all but its own candidates."""

    __slots__ = ("anchors", "cols", "id_set", "ids", "main_admin1", "removed")

    def __init__(self, anchors, ids, cols, removed, main_admin1):
        self.anchors: tuple[Place, ...] = anchors
        self.ids: tuple[str, ...] = ids
        self.id_set: frozenset[str] = frozenset(ids)
        #: Columns of the distance table (anchors with a point) to use; None for all.
        self.cols: list[int] | None = cols
        #: The other columns.
        self.removed: frozenset[int] = removed
        self.main_admin1: str = main_admin1


class _Geometry:
    """Anchors of one round and the distances of every candidate to them, computed once.

    For each candidate the nearest few anchors are kept in order, so the nearest anchor
    that is not one of the name's own candidates is found without another table.
    """

    _NEAREST = 4

    def __init__(self, anchors: tuple[Place, ...], pend: list[Pending]):
        self.anchors = anchors
        self.ids = tuple(a.place_id for a in anchors)
        self.id_set = frozenset(self.ids)
        self.pointed = [a for a in anchors if a.lon is not None and a.lat is not None]
        self._col_of = {a.place_id: k for k, a in enumerate(self.pointed)}
        # Candidate sets of the names to rank, one per name.
        self._cand_sets = list({p.key_id: p.cands for p in pend}.values())
        self._km: np.ndarray | None = None
        self._row: dict[str, int] = {}
        self._near_cols: list[list[int]] = []
        self._near_km: list[list[float]] = []
        self._views: dict[int, _AnchorView] = {}
        self._full: _AnchorView | None = None
        self._admin_counts: dict[str, int] | None = None

    def covers(self, anchor_ids: tuple[str, ...], pend: list[Pending]) -> bool:
        """Whether this geometry serves a round with these anchors and names."""
        if anchor_ids != self.ids:
            return False
        known = {id(c) for c in self._cand_sets}
        return all(id(p.cands) in known for p in pend)

    def _main_admin1(self, own: frozenset[str]) -> str:
        """:func:`main_governorate` of the anchors that are not in ``own``."""
        if self._admin_counts is None:
            counts: dict[str, int] = {}
            for a in self.anchors:
                if a.admin1:
                    counts[a.admin1] = counts.get(a.admin1, 0) + 1
            self._admin_counts = counts
        counts = dict(self._admin_counts)
        for a in self.anchors:
            if a.place_id in own and a.admin1:
                counts[a.admin1] -= 1
        best = max(counts.values(), default=0)
        if best <= 0:
            return ""
        # Counter.most_common: the first admin1 (in the kept anchors' order) with the
        # highest count.
        for a in self.anchors:
            if a.admin1 and a.place_id not in own and counts[a.admin1] == best:
                return a.admin1
        return ""

    def view_for(self, key_id: int, own: frozenset[str]) -> _AnchorView:
        """Return the anchors for a name whose candidates have the ids ``own``."""
        v = self._views.get(key_id)
        if v is None:
            if own.isdisjoint(self.id_set):
                if self._full is None:
                    self._full = _AnchorView(
                        self.anchors, self.ids, None, frozenset(), self._main_admin1(frozenset())
                    )
                v = self._full
            else:
                kept = tuple(a for a in self.anchors if a.place_id not in own)
                col_of = self._col_of
                removed = frozenset(col_of[i] for i in own if i in col_of)
                cols = [k for k in range(len(self.pointed)) if k not in removed]
                v = _AnchorView(
                    kept,
                    tuple(a.place_id for a in kept),
                    cols,
                    removed,
                    self._main_admin1(own),
                )
            self._views[key_id] = v
        return v

    def _table(self) -> None:
        places: dict[str, Place] = {}
        for cands in self._cand_sets:
            for c in cands:
                if c.lon is not None and c.lat is not None:
                    places.setdefault(c.place_id, c)
        self._row = {pid: r for r, pid in enumerate(places)}
        pts = [(c.lon, c.lat) for c in places.values()]
        if not pts:
            self._km = np.empty((0, len(self.pointed)))
            return
        h = anchor_distances(pts, [(a.lon, a.lat) for a in self.pointed])
        # km is monotonic in h, so the smallest km is the km of the smallest h.
        km = np.asarray(h_to_km(h), dtype=np.float64).reshape(h.shape)
        k = min(self._NEAREST, km.shape[1])
        order = np.argsort(km, axis=1, kind="stable")[:, :k]
        self._km = km
        self._near_cols = order.tolist()
        self._near_km = np.take_along_axis(km, order, axis=1).tolist()

    def km(self, cands: tuple[Place, ...], v: _AnchorView) -> list[float | None]:
        """Distance from each candidate to its nearest anchor of ``v`` (None: none)."""
        if not self.pointed or (v.cols is not None and not v.cols):
            return [None] * len(cands)
        if self._km is None:
            self._table()
        removed = v.removed
        out: list[float | None] = []
        for c in cands:
            if c.lon is None or c.lat is None:
                out.append(None)
                continue
            r = self._row[c.place_id]
            for col, d in zip(self._near_cols[r], self._near_km[r], strict=True):
                if col not in removed:
                    out.append(d)
                    break
            else:  # the nearest few are all the name's own candidates
                out.append(float(self._km[r, v.cols].min()))
        return out


def _hints(pend: list[Pending], ranked: list[Ranked], gaps: list[str | None]):
    """Key id -> (contain, near, their ids): what the text says about that name."""
    out: dict[int, tuple[list[Place], list[Place]]] = {}
    n = len(pend)
    for i, p in enumerate(pend):
        kind = gaps[i]
        if kind is None or i + 1 >= n or not ranked[i + 1].places:
            continue
        target = ranked[i + 1].places[0]
        if target.kind == "road" or target.country != "SY":
            continue
        h = out.setdefault(p.key_id, ([], []))
        lst = h[0] if kind == "contain" else h[1]
        if all(target.place_id != x.place_id for x in lst):  # first said first
            lst.append(target)
    return {
        k: (tuple(c), tuple(nr), tuple(x.place_id for x in c), tuple(x.place_id for x in nr))
        for k, (c, nr) in out.items()
    }


def _anchors(ranked: list[Ranked]) -> tuple[Place, ...]:
    """Top places resolved with p >= ANCHOR_P that can anchor others, first seen first."""
    out: dict[str, Place] = {}
    seen: set[int] = set()  # names repeat: the same ranking object is looked at once
    for r in ranked:
        k = id(r)
        if k in seen:
            continue
        seen.add(k)
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
