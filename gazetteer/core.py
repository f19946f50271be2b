"""The :class:`Gazetteer`: load the place table, find place names in Arabic text, resolve them.

``tag`` runs in four steps: match every indexed name whole-word (:mod:`gazetteer.matcher`),
drop what is not a place (:mod:`gazetteer.admit` with the rules of
:mod:`gazetteer.nonplaces`), keep the longest of overlapping matches, and rank each
name's candidates in the context of the article (:mod:`gazetteer.discourse`,
:mod:`gazetteer.resolve`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Protocol

from gazetteer import nonplaces as npl
from gazetteer.admit import Admitter, Pending
from gazetteer.cache import index_digest, read_cached, write_cached
from gazetteer.discourse import Resolver
from gazetteer.errors import InputError
from gazetteer.matcher import NameMatcher, make_view, match_form
from gazetteer.model import Mention, Place
from gazetteer.resolve import rank

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
_ARABIC = re.compile(r"[\u0621-\u064a]")
_MSTART = attrgetter("mstart")
_NEG_LEN = attrgetter("neg_len")
#: Proclitics of one letter, whose attached forms get a word frequency of their own.
_ONE_LETTER_PROCLITICS = ("و", "ف", "ب", "ل", "ك")


class _Table(Protocol):
    places: tuple[Place, ...]

    def get(self, place_id: str) -> Place | None: ...


@dataclass(frozen=True)
class Candidate:
    """A place a name may refer to, with its score in [0, 1]."""

    place: Place
    score: float


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
        places: tuple[Place, ...] = tuple(table.places)
        self._place_at = places.__getitem__
        names: list[tuple[str, int]] = []
        for i, p in enumerate(places):
            for n in {p.name_ar, *p.names_ar}:
                if n:
                    names.append((n, i))
            if p.kind == "road":
                names.extend((n, i) for n in p.names_en if any(c.isdigit() for c in n))
                names.extend((g, i) for g in GENERIC_ROADS)
        self._matcher = NameMatcher(names)
        one_word = [k for k in self._matcher.keys if " " not in k]
        # Also each one-word key with one attached letter (وحلب، فرقة): is the written
        # token a word of its own? (gazetteer.admit, KeyFacts.clipped)
        forms = [*one_word, *("ال" + k for k in one_word)]
        forms += [p + k for p in _ONE_LETTER_PROCLITICS for k in one_word]
        zipf = npl.word_zipf(forms, cache_dir=cache_dir)
        self._setup(zipf)

    def _setup(self, zipf: dict[str, float]) -> None:
        """Build what tagging needs on top of the name index."""
        self._zipf = zipf
        self._actors = NameMatcher((p, i) for i, p in enumerate(npl.ACTOR_PHRASES))
        self._scan = self._matcher.joint_scan(self._actors)
        self._generic_keys = frozenset(
            {self._matcher.lookup_key(g) for g in GENERIC_ROADS} - {None}
        )
        m = self._matcher
        self._admitter = Admitter(m.keys, m.key_places, self._place_at, zipf)
        self._resolver = Resolver(generic_keys=self._generic_keys)

    @classmethod
    def load(cls, *, data_dir: Path | None = None) -> Gazetteer:
        """Load the place table (built-in layer, imports, overlay) and index it.

        The index (keys, automaton, word frequencies) is cached under
        ``<data_dir>/cache/`` next to the merged table (see :mod:`gazetteer.cache`), so a
        later load with the same inputs reads it instead of building it.

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
        table = load_table(data_dir=base)
        cache_dir = base / "cache"
        digest = index_digest(table.digest) if table.digest else None
        if digest is not None:
            gz = cls._from_cache(table, cache_dir, digest)
            if gz is not None:
                return gz
        gz = cls(table, cache_dir=cache_dir)
        if digest is not None:
            gz._save_index(cache_dir, digest)
        return gz

    @classmethod
    def _from_cache(cls, table: _Table, cache_dir: Path, digest: str) -> Gazetteer | None:
        hit = read_cached(cache_dir, "index", digest, ".data")
        if hit is None:
            return None
        try:
            data = json.loads(hit[2])
            matcher = NameMatcher.from_index(data["keys"], data["key_places"])
            zipf = {str(k): float(v) for k, v in data["zipf"].items()}
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        gz = cls.__new__(cls)
        gz.table = table
        place_at = getattr(table, "place_at", None)
        gz._place_at = place_at if place_at is not None else tuple(table.places).__getitem__
        gz._matcher = matcher
        gz._setup(zipf)
        return gz

    def _save_index(self, cache_dir: Path, digest: str) -> None:
        m = self._matcher
        data = {"keys": list(m.keys), "key_places": [list(p) for p in m.key_places]}
        data["zipf"] = self._zipf
        blob = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        write_cached(cache_dir, "index", digest, ".data", {"keys": len(m.keys)}, blob)

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
        ranked = rank([self._place_at(i) for i in self._matcher.key_places[kid]])
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
        if len(text) <= CHUNK_CHARS:  # one piece: its mentions are the text's
            return self._tag_piece(text)
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
        mtext = view.mtext
        # Occupancy maps (one byte per match-text character) keep overlap tests O(span).
        blocked: bytearray | None = None
        places, actors = self._scan.find_raw(mtext)
        for ms, me, *_ in actors:
            if blocked is None:
                blocked = bytearray(len(mtext))
            blocked[ms:me] = b"\x01" * (me - ms)
        kept = self._admitter.admit_all(view, places, blocked)
        # Longest first, then in text order (two stable sorts on attributes: no Python
        # key function per match).
        kept.sort(key=_MSTART)
        kept.sort(key=_NEG_LEN)
        chosen: list[Pending] = []
        taken = bytearray(len(mtext))
        ends: set[int] = set()
        coord: list[Pending] = []
        # ``1 not in taken[a:b]`` rather than ``taken.find(1, a, b) < 0``: the same test
        # without find's argument parsing, which costs more than the slice here.
        for p in kept:
            if p.coord_only:
                coord.append(p)
            elif 1 not in taken[p.mstart : p.mend]:
                chosen.append(p)
                taken[p.mstart : p.mend] = b"\x01" * (p.mend - p.mstart)
                ends.add(p.mend)
        # A name without context of its own counts when "و" joins it to a place just named.
        coord.sort(key=_MSTART)
        for p in coord:
            ws = p.mstart - len(p.prefix)
            joined = p.prefix.startswith("و") and (ws - 1) in ends
            if joined and 1 not in taken[p.mstart : p.mend]:
                chosen.append(p)
                taken[p.mstart : p.mend] = b"\x01" * (p.mend - p.mstart)
                ends.add(p.mend)
        chosen.sort(key=_MSTART)
        return self._resolver.resolve(view, chosen)


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
