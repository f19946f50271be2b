"""The anchors of one resolution round and every candidate's distance to them.

A name is ranked against the text's anchors minus its own candidates (a place never
anchors itself); :class:`Geometry` computes one distance table per round for the
candidates of all the names still to rank, and :class:`AnchorView` is what one name sees.

Written by hand: part of this project's resolution rules (see gazetteer.discourse).
"""

from __future__ import annotations

import math

import numpy as np

from gazetteer.admit import Pending
from gazetteer.model import Place
from gazetteer.resolve import anchor_distances, h_to_km

__all__ = ["AnchorView", "Geometry"]

#: Candidate x anchor pairs up to which distances are computed in Python, not numpy.
_SMALL = 256
#: Most place pairs whose distance is kept (about 130 bytes each: ~26 MB at most).
_PAIR_CACHE_MAX = 200_000
_R2 = 2 * 6371.0088


def _km_rows(pts: list[tuple[float, float]], apts: list[tuple[float, float]]) -> list[list[float]]:
    """Return great-circle km from every point to every anchor point.

    The formula of :func:`gazetteer.resolve.anchor_distances` and ``h_to_km``, in plain
    Python.
    """
    # One (lat, cos lat, lon) triple per anchor, read by iteration rather than by index;
    # the same operations in the same order as before, so the same floats.
    radians, cos = math.radians, math.cos
    arows = [(radians(y), cos(radians(y)), radians(x)) for x, y in apts]
    sin, asin, sqrt = math.sin, math.asin, math.sqrt
    out = []
    for x, y in pts:
        lon1, lat1 = radians(x), radians(y)
        c1 = cos(lat1)
        out.append(
            [
                _R2 * asin(sqrt(h if h < 1.0 else 1.0))
                for h in [
                    sin((alat - lat1) / 2) ** 2 + c1 * acos * sin((alon - lon1) / 2) ** 2
                    for alat, acos, alon in arows
                ]
            ]
        )
    return out


class AnchorView:
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


class Geometry:
    """Anchors of one round and the distances of every candidate to them, computed once.

    For each candidate the nearest few anchors are kept in order, so the nearest anchor
    that is not one of the name's own candidates is found without another table.
    """

    _NEAREST = 4

    def __init__(
        self,
        anchors: tuple[Place, ...],
        pend: list[Pending],
        *,
        pair_km: dict[tuple[str, str], float] | None = None,
    ):
        self.anchors = anchors
        #: (candidate id, anchor id) -> km, kept by the caller across texts (a fact of the
        #: two places, not of a text); only distances computed in Python go in.
        self._pair_km = pair_km
        self.ids = tuple(a.place_id for a in anchors)
        self.id_set = frozenset(self.ids)
        self.pointed = [a for a in anchors if a.lon is not None and a.lat is not None]
        self._col_of = {a.place_id: k for k, a in enumerate(self.pointed)}
        # Candidate sets of the names to rank, one per name.
        self._cand_sets = list({p.key_id: p.cands for p in pend}.values())
        self._km: list[list[float]] | None = None
        self._row: dict[str, int] = {}
        self._near_cols: list[list[int]] = []
        self._near_km: list[list[float]] = []
        self._views: dict[int, AnchorView] = {}
        self._full: AnchorView | None = None
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

    def view_for(self, key_id: int, own: frozenset[str]) -> AnchorView:
        """Return the anchors for a name whose candidates have the ids ``own``."""
        v = self._views.get(key_id)
        if v is None:
            if own.isdisjoint(self.id_set):
                if self._full is None:
                    self._full = AnchorView(
                        self.anchors, self.ids, None, frozenset(), self._main_admin1(frozenset())
                    )
                v = self._full
            else:
                kept = tuple(a for a in self.anchors if a.place_id not in own)
                col_of = self._col_of
                removed = frozenset(col_of[i] for i in own if i in col_of)
                cols = [k for k in range(len(self.pointed)) if k not in removed]
                v = AnchorView(
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
        apts = [(a.lon, a.lat) for a in self.pointed]
        if len(pts) * len(apts) <= _SMALL:
            # numpy's fixed cost is larger than the work here
            km = _km_rows(pts, apts) if self._pair_km is None else self._cached_rows(places)
        else:
            h = anchor_distances(pts, apts)
            km = np.asarray(h_to_km(h), dtype=np.float64).reshape(h.shape).tolist()
        # The nearest few anchors of each candidate, nearest first (ties: column order).
        k = min(self._NEAREST, len(apts))
        self._km = km
        self._near_cols = [sorted(range(len(row)), key=row.__getitem__)[:k] for row in km]
        near = zip(km, self._near_cols, strict=True)
        self._near_km = [[row[c] for c in cols] for row, cols in near]

    def _cached_rows(self, places: dict[str, Place]) -> list[list[float]]:
        """:func:`_km_rows` of the places against the anchors, through the pair cache.

        Each distance is computed alone by the same formula, so a cached one is the
        very float a fresh computation gives.
        """
        cache = self._pair_km
        assert cache is not None
        if len(cache) > _PAIR_CACHE_MAX:
            cache.clear()
        get = cache.get
        aids = [a.place_id for a in self.pointed]
        apts = [(a.lon, a.lat) for a in self.pointed]
        out = []
        for pid, c in places.items():
            row = [get((pid, aid)) for aid in aids]
            if None in row:
                row = _km_rows([(c.lon, c.lat)], apts)[0]
                for aid, d in zip(aids, row, strict=True):
                    cache[(pid, aid)] = d
            out.append(row)
        return out

    def km(self, cands: tuple[Place, ...], v: AnchorView) -> list[float | None]:
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
                row = self._km[r]
                out.append(min(row[k] for k in v.cols))
        return out
