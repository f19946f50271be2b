"""The :class:`Gazetteer`: load the place table, find place names in Arabic text, resolve them.

``tag`` runs in four steps: match every indexed name whole-word (:mod:`gazetteer.matcher`),
drop what is not a place (:mod:`gazetteer.nonplaces`), keep the longest of overlapping
matches, and rank each name's candidates in the context of the article
(:mod:`gazetteer.resolve`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from gazetteer import nonplaces as npl
from gazetteer.errors import InputError
from gazetteer.matcher import Match, NameMatcher, TextView, make_view, match_form
from gazetteer.model import Mention, Place
from gazetteer.resolve import Context, haversine_km, rank

__all__ = ["Candidate", "Gazetteer"]

#: Texts longer than this are tagged in pieces cut at line breaks (resolution context is
#: then per piece); keeps memory flat on very large inputs.
CHUNK_CHARS = 1_000_000
#: Largest text ``tag`` accepts (characters).
MAX_CHARS = 60_000_000
#: Generic names of "the highway"; resolved to a named road only from the article.
GENERIC_ROADS = tuple(
    match_form(s) for s in ("الطريق الدولي", "الأوتوستراد الدولي", "الطريق السريع")
)
_ROAD_WORDS = ("طريق", "الدولي", "السريع", "اوتوستراد", "اتوستراد", "الاوتستراد", "اوتستراد")
_SPACED_CODE = re.compile(r"^[\u0621-\u064a]{1,2} \d{1,2}$")
_OPEN_QUOTES = "\"'«“(‹[„"
_CLOSE_QUOTES = "\"'»”)›]‟"
_ARABIC = re.compile(r"[\u0621-\u064a]")
_PROMINENT_POP = 100_000
_AFTER_HINTS = frozenset(
    match_form(w)
    for w in ("شرق", "غرب", "شمال", "جنوب", "شرقي", "غربي", "شمالي", "جنوبي", "قرب", "بالقرب")
)
_ANCHOR_KINDS = frozenset({"city", "town", "village", "site"})


class _Table(Protocol):
    places: tuple[Place, ...]

    def get(self, place_id: str) -> Place | None: ...


@dataclass(frozen=True)
class Candidate:
    """A place a name may refer to, with its score in [0, 1]."""

    place: Place
    score: float


@dataclass
class _Pending:
    m: Match
    conf: float
    form: str
    cands: tuple[Place, ...]
    #: Lacks context of its own; kept only when coordinated with a place (``سراقب وبنش``).
    coord_only: bool = False


class Gazetteer:
    """Place names in Arabic text → places.

    Parameters
    ----------
    table : PlaceTable
        Anything with ``places`` (a tuple of :class:`~gazetteer.model.Place`) and
        ``get(place_id)``; normally from :func:`gazetteer.table.load_table`.
    """

    def __init__(self, table: _Table, *, cache_dir: Path | None = None):
        self.table = table
        self._places: tuple[Place, ...] = tuple(table.places)
        names: list[tuple[str, int]] = []
        for i, p in enumerate(self._places):
            for n in {p.name_ar, *p.names_ar}:
                if n:
                    names.append((n, i))
            if p.kind == "road":
                names.extend((n, i) for n in p.names_en if any(c.isdigit() for c in n))
                names.extend((g, i) for g in GENERIC_ROADS)
        self._matcher = NameMatcher(names)
        self._actors = NameMatcher((p, i) for i, p in enumerate(npl.ACTOR_PHRASES))
        self._generic_keys = {self._matcher.lookup_key(g) for g in GENERIC_ROADS} - {None}
        one_word = [k for k in self._matcher.keys if " " not in k]
        self._zipf = npl.word_zipf([*one_word, *("ال" + k for k in one_word)], cache_dir=cache_dir)

    @classmethod
    def load(cls, *, data_dir: Path | None = None) -> Gazetteer:
        """Load the place table (built-in layer, imports, overlay) and index it.

        Parameters
        ----------
        data_dir : pathlib.Path, optional
            Where imported tables live; default :func:`gazetteer.paths.data_dir`.

        Returns
        -------
        Gazetteer
        """
        from gazetteer.paths import data_dir as default_dir
        from gazetteer.table import load_table

        base = data_dir if data_dir is not None else default_dir()
        return cls(load_table(data_dir=data_dir), cache_dir=base / "cache")

    def get(self, place_id: str) -> Place | None:
        """Return the place with this id, or None."""
        return self.table.get(place_id)

    def lookup(self, name: str, *, limit: int = 10) -> list[Candidate]:
        """Rank the places called ``name`` without any context.

        Parameters
        ----------
        name : str
            A name in any spelling (diacritics, hamza forms, article optional).
        limit : int, optional
            Most candidates returned.

        Returns
        -------
        list of Candidate
            Best first; empty when no place bears the name.
        """
        kid = self._matcher.lookup_key(name)
        if kid is None:
            return []
        ranked = rank([self._places[i] for i in self._matcher.key_places[kid]])
        return [Candidate(p, s) for p, s in zip(ranked.places, ranked.probs, strict=True)][:limit]

    def tag(self, text: str) -> list[Mention]:
        """Find and resolve the place names in a text.

        Parameters
        ----------
        text : str
            Arabic text (any length up to :data:`MAX_CHARS` characters).

        Returns
        -------
        list of Mention
            In text order; spans are offsets into ``text``.

        Raises
        ------
        InputError
            When ``text`` is not a str or is longer than :data:`MAX_CHARS`.
        """
        if not isinstance(text, str):
            raise InputError(f"tag() needs a str, got {type(text).__name__}")
        if len(text) > MAX_CHARS:
            raise InputError(f"text of {len(text):,} characters is over {MAX_CHARS:,}")
        if not text or not _ARABIC.search(text):
            return []
        out: list[Mention] = []
        for offset, piece in _pieces(text):
            for m in self._tag_piece(piece):
                out.append(
                    Mention(
                        m.start + offset,
                        m.end + offset,
                        m.surface,
                        m.place,
                        m.score,
                        m.runner_up,
                        m.runner_up_score,
                    )
                    if offset
                    else m
                )
        return out

    # -- steps -------------------------------------------------------------------------

    def _tag_piece(self, text: str) -> list[Mention]:
        view = make_view(text)
        # Occupancy maps (one byte per match-text character) keep overlap tests O(span).
        blocked = bytearray(len(view.mtext))
        for m in self._actors.find(view):
            blocked[m.mstart : m.mend] = b"\x01" * (m.mend - m.mstart)
        kept: list[_Pending] = []
        for m in self._matcher.find(view):
            if any(blocked[m.mstart : m.mend]):
                continue
            p = self._admit(view, m)
            if p is not None:
                kept.append(p)
        kept.sort(key=lambda p: (-(p.m.mend - p.m.mstart), p.m.mstart))
        chosen: list[_Pending] = []
        taken = bytearray(len(view.mtext))
        ends: set[int] = set()

        def take(p: _Pending) -> None:
            chosen.append(p)
            taken[p.m.mstart : p.m.mend] = b"\x01" * (p.m.mend - p.m.mstart)
            ends.add(p.m.mend)

        for p in kept:
            if not p.coord_only and not any(taken[p.m.mstart : p.m.mend]):
                take(p)
        # A name without context of its own counts when "و" joins it to a place just named.
        for p in sorted((p for p in kept if p.coord_only), key=lambda p: p.m.mstart):
            ws = p.m.mstart - len(p.m.prefix)
            joined = p.m.prefix.startswith("و") and (ws - 1) in ends
            if joined and not any(taken[p.m.mstart : p.m.mend]):
                take(p)
        chosen.sort(key=lambda p: p.m.mstart)
        return self._resolve(view, chosen)

    def _admit(self, view: TextView, m: Match) -> _Pending | None:
        """Apply the non-place rules to one match; return it with a confidence or None."""
        mtext = view.mtext
        form = mtext[m.mstart : m.mend]
        ws = m.mstart - len(m.prefix)
        before = mtext[max(0, ws - 60) : ws].split()
        prev = before[-1] if before else None
        after = mtext[m.mend : m.mend + 60].split()
        nxt = after[0] if after else None
        cands = tuple(self._places[i] for i in self._matcher.key_places[m.key_id])
        if npl.actor_before(prev) or npl.is_outlet_tail(nxt):
            return None
        conf = 0.95 if not m.prefix else 0.9
        key = self._matcher.keys[m.key_id]
        if _SPACED_CODE.match(key) and all(c.kind == "road" for c in cands):
            if not _road_context(view, m, before):
                return None
            conf = 0.85
        one_word = " " not in form
        frequent = one_word and npl.needs_context_by_frequency(self._zipf.get(form, 0.0), cands)
        if one_word and (frequent or npl.is_common_word(form)):
            # A bare settlement noun (مزرعة، قرى) is not rescued by a hint after it.
            generic = not npl.strip_clitics(form).isdisjoint(npl.GENERIC_NOUNS)
            if not (npl.has_strong_context(prev) or (_contain_after(after) and not generic)):
                return _Pending(m, 0.7, form, cands, coord_only=True)
            conf = 0.8
        elif one_word and len(key) <= 3 and not _prominent(cands) and not _has_digit(key):
            if not (npl.has_weak_context(prev, m.prefix) or _contain_after(after)):
                return _Pending(m, 0.7, form, cands, coord_only=True)
            conf = 0.75
        return _Pending(m, conf, form, cands)

    def _resolve(self, view: TextView, pend: list[_Pending]) -> list[Mention]:
        mtext = view.mtext
        prevs: list[str | None] = []
        for p in pend:
            ws = p.m.mstart - len(p.m.prefix)
            before = mtext[max(0, ws - 60) : ws].split()
            prevs.append(before[-1] if before else None)
        memo: dict[tuple, object] = {}

        def ranked_for(p: _Pending, ctx: Context):
            # Repeated names with the same context are ranked once.
            key = (
                p.m.key_id,
                _prev_class(ctx.prev_word),
                tuple(c.place_id for c in ctx.contain),
                tuple(c.place_id for c in ctx.near),
                len(ctx.anchors),
            )
            if key not in memo:
                memo[key] = rank(p.cands, ctx)
            return memo[key]

        ranked = [ranked_for(p, Context(prev_word=prevs[i])) for i, p in enumerate(pend)]
        for _ in range(2):
            anchors = _anchors(pend, ranked)
            # One sense per discourse: a hint given once for a name holds for every
            # mention of that name in the text.
            hints: dict[int, tuple[list[Place], list[Place]]] = {}
            for i, p in enumerate(pend):
                contain, near = self._hints(mtext, pend, ranked, i)
                h = hints.setdefault(p.m.key_id, ([], []))
                h[0].extend(c for c in contain if all(c.place_id != x.place_id for x in h[0]))
                h[1].extend(c for c in near if all(c.place_id != x.place_id for x in h[1]))
            new = []
            for i, p in enumerate(pend):
                if len(ranked[i].places) < 2:
                    new.append(ranked[i])  # nothing to choose between
                    continue
                contain, near = hints[p.m.key_id]
                own = {c.place_id for c in p.cands}
                ctx = Context(
                    prev_word=prevs[i],
                    contain=tuple(contain),
                    near=tuple(near),
                    anchors=tuple(a for a in anchors if a.place_id not in own),
                )
                new.append(ranked_for(p, ctx))
            ranked = new
            memo.clear()
        out: list[Mention] = []
        explicit_roads = {
            r.places[0].place_id
            for p, r in zip(pend, ranked, strict=True)
            if p.m.key_id not in self._generic_keys and r.places and r.places[0].kind == "road"
        }
        anchors = _anchors(pend, ranked)
        for p, r in zip(pend, ranked, strict=True):
            if not r.places:
                continue
            places, probs = list(r.places), list(r.probs)
            if p.m.key_id in self._generic_keys:
                choice = _generic_road(places, explicit_roads, anchors)
                if choice is None:
                    continue
                place, score = choice
                others = [q for q in places if q.place_id != place.place_id]
                runner = others[0] if others else None
                out.append(self._mention(view, p, place, score, runner, None))
                continue
            runner = places[1] if len(places) > 1 else None
            out.append(
                self._mention(
                    view,
                    p,
                    places[0],
                    p.conf * probs[0],
                    runner,
                    p.conf * probs[1] if runner else None,
                )
            )
        return out

    def _mention(self, view, p, place, score, runner, runner_score) -> Mention:
        start, end = self._matcher.span(view, p.m)
        return Mention(
            start,
            end,
            view.text[start:end],
            place,
            max(0.0, min(1.0, score)),
            runner,
            runner_score,
        )

    def _hints(self, mtext, pend, ranked, i) -> tuple[tuple[Place, ...], tuple[Place, ...]]:
        """Containment/nearness hints from the place named right after mention ``i``."""
        if i + 1 >= len(pend) or not ranked[i + 1].places:
            return (), ()
        nxt = pend[i + 1]
        target = ranked[i + 1].places[0]
        if target.kind == "road" or target.country != "SY":
            return (), ()
        words = mtext[pend[i].m.mend : nxt.m.mstart - len(nxt.m.prefix)].split()
        if nxt.m.prefix:
            words.append(nxt.m.prefix)
        if len(words) > 5:
            return (), ()
        kind = npl.hint_after(words)
        if (
            kind is None
            and all(w in {"في", *npl.PROCLITICS} for w in words)
            and nxt.form.split(" ")[0] in npl.CONTAIN_WORDS
        ):
            kind = "contain"
        if kind == "contain":
            return (target,), ()
        if kind == "near":
            return (), (target,)
        return (), ()


def _pieces(text: str):
    """Yield (offset, piece) with pieces of at most about CHUNK_CHARS, cut at line breaks."""
    n = len(text)
    start = 0
    while start < n:
        end = min(n, start + CHUNK_CHARS)
        if end < n:
            cut = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + CHUNK_CHARS // 2, end)
            end = cut + 1 if cut >= 0 else end
        yield start, text[start:end]
        start = end


def _prev_class(word: str | None) -> int:
    """Classify the word before a name as the ranking uses it (see resolve._evidence)."""
    if not word:
        return 0
    if word.endswith("محافظه"):
        return 1
    if word.endswith(("مدينه", "بلده", "قريه", "بلدتي", "قريتي", "مدينتي")):
        return 2
    return 0


def _has_digit(s: str) -> bool:
    return any(c.isdigit() for c in s)


def _prominent(cands: tuple[Place, ...]) -> bool:
    return any(c.kind == "country" or c.population >= _PROMINENT_POP for c in cands)


def _contain_after(after: list[str]) -> bool:
    """``X بريف حلب``, ``X في محافظة حماة``, ``X شرق سراقب`` right after a name."""
    if not after:
        return False
    first = after[0]
    if first in _AFTER_HINTS:
        return True
    if first.startswith("ب") and first[1:] in npl.CONTAIN_WORDS:
        return True
    return first == "في" and len(after) > 1 and after[1] in npl.CONTAIN_WORDS


def _road_context(view: TextView, m: Match, before: list[str]) -> bool:
    """Quotes or brackets around a spaced road code, or a road word shortly before it."""
    if any(w.endswith(_ROAD_WORDS) for w in before[-4:]):
        return True
    text = view.text
    start = int(view.offsets[m.mstart])
    end = int(view.offsets[m.mend - 1]) + 1
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    j = end
    while j < len(text) and text[j].isspace():
        j += 1
    return (i >= 0 and text[i] in _OPEN_QUOTES) or (j < len(text) and text[j] in _CLOSE_QUOTES)


def _anchors(pend: list[_Pending], ranked) -> tuple[Place, ...]:
    out: dict[str, Place] = {}
    for r in ranked:
        if not r.places or r.probs[0] < 0.8:
            continue
        top = r.places[0]
        if top.kind in _ANCHOR_KINDS and top.country == "SY" and top.point is not None:
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
