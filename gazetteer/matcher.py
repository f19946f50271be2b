"""Whole-word, prefix-aware multi-pattern matching of Arabic place names.

The text is first normalized exactly as :func:`gazetteer.normalize.normalize_with_offsets`
does (a vectorised twin, checked against it by the tests), then every character that is
not a letter or digit becomes a space and runs of spaces collapse to one. That *match
text* keeps an offset array back to the original text, so every reported span is a span of
the original (``surface == text[start:end]``).

Names are indexed in an Aho-Corasick automaton (``pyahocorasick``) by their *core*: the
normalized name with the article ``ال`` of its first word removed, plus compound
variants written with or without the space (``كفر تخاريم``/``كفرتخاريم``). Each key ends
with a space, so a match always ends at a word boundary (no suffixes: the nisba
``السوري`` is not ``سوريا``). Where it starts is checked here: at a word boundary, or
after a run of attached proclitics from :data:`PROCLITICS` (``و ف`` + ``ب ك ل`` + ``ال``,
and ``لل`` = ``ل`` + ``ال``). A stem is therefore only stripped where the remainder is a
known name, never by a stemmer.

Written by hand on top of pyahocorasick: no library does Arabic proclitic-aware word
boundaries with an offset map back to the unnormalized text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick
import numpy as np

from gazetteer.fastnorm import FOLD, fast_normalize_with_offsets, match_text
from gazetteer.normalize import _DIACRITICS, _INVISIBLE, _TATWEEL, normalize

__all__ = [
    "COMPOUND_HEADS",
    "PROCLITICS",
    "Match",
    "NameMatcher",
    "TextView",
    "fast_normalize_with_offsets",
    "key_variants",
    "make_view",
]

ARTICLE = "ال"
#: Attached proclitics accepted before a known name: conjunction (و ف), preposition
#: (ب ك ل) and the article, in that order; ``لل`` is ``ل`` + ``ال`` with the alef dropped.
PROCLITICS = frozenset(
    {c + p + a for c in ("", "و", "ف") for p in ("", "ب", "ك", "ل") for a in ("", ARTICLE)}
    | {c + "لل" for c in ("", "و", "ف")}
)
#: First words of compound names that the press writes with or without the space.
COMPOUND_HEADS = (
    "كفر",
    "دير",
    "عين",
    "تل",
    "خربه",
    "جسر",
    "ام",
    "ابو",
    "بيت",
    "راس",
    "معر",
    "بني",
)
#: Compound heads written with ta marbuta (folded to ه), joined to the next word with ت.
_TA_HEADS = frozenset({"معره", "خربه"})
#: Shortest core (letters, article removed) worth indexing; keys with a digit are exempt
#: ("m4"). Two-letter cores (خس، زر) are far likelier to be a fragment than a place.
MIN_CORE_LETTERS = 3
_MAX_PROCLITIC = max(len(p) for p in PROCLITICS)
#: Attached proclitics -> (characters of article the name starts with, proclitics
#: reported, whether the name was written with its article).
_PREFIXES = {
    p: (2, p[:-2], True) if p.endswith(ARTICLE) else (0, p, p.endswith("لل"))
    for p in PROCLITICS
    if p
}

_DROP = frozenset(_DIACRITICS) | {_TATWEEL} | frozenset(_INVISIBLE)
_FOLD = FOLD
_NON_WORD = re.compile(r"[\W_]")


@dataclass(frozen=True)
class TextView:
    """A text prepared for matching.

    Attributes
    ----------
    text : str
        The original text.
    mtext : str
        Normalized, letters and digits only, single spaces, padded with one space at each
        end.
    offsets : numpy.ndarray
        ``offsets[i]`` is the original offset of ``mtext[i]`` (padding maps to 0 and
        ``len(text)``).
    """

    text: str
    mtext: str
    offsets: np.ndarray


def make_view(text: str) -> TextView:
    """Build the :class:`TextView` of ``text``.

    Parameters
    ----------
    text : str
        The original text.

    Returns
    -------
    TextView
    """
    mtext, offsets = match_text(text)
    return TextView(text=text, mtext=mtext, offsets=offsets)


def _letters(s: str) -> int:
    return sum(1 for ch in s if ch != " ")


def match_form(name: str) -> str:
    """Normalize a name the way the match text is: folded, word characters, single spaces.

    Parameters
    ----------
    name : str
        A place name in any spelling.

    Returns
    -------
    str
    """
    return " ".join(_NON_WORD.sub(" ", normalize(name)).split())


def core_of(form: str) -> str:
    """Strip the article from the first word of a match form when a stem remains."""
    if form.startswith(ARTICLE) and len(form.split(" ", 1)[0]) - 2 >= 2:
        return form[2:]
    return form


def key_variants(name: str) -> set[str]:
    """Every automaton key under which ``name`` is found.

    Parameters
    ----------
    name : str
        A place name (any spelling).

    Returns
    -------
    set of str
        Cores (first-word article removed) with compound variants; empty when the name
        has no Arabic or digit content worth matching.

    Examples
    --------
    >>> sorted(key_variants("كفر تخاريم"))
    ['كفر تخاريم', 'كفرتخاريم']
    """
    form = match_form(name)
    if not form:
        return set()
    if not any("\u0621" <= ch <= "\u064a" for ch in form) and not any(c.isdigit() for c in form):
        return set()
    out = {core_of(form)}
    words = form.split(" ")
    for head in COMPOUND_HEADS:
        if len(words) >= 2 and words[0] == head and not words[1].startswith(ARTICLE):
            out.add(core_of(" ".join([head + words[1], *words[2:]])))
        first = words[0]
        if first.startswith(head) and _letters(first) - len(head) >= 3 and len(words) == 1:
            out.add(head + " " + first[len(head) :])
    # A head ending in ta marbuta is written joined with ت: معرة مصرين → معرتمصرين.
    if len(words) >= 2 and words[0] in _TA_HEADS and not words[1].startswith(ARTICLE):
        out.add(" ".join([words[0][:-1] + "ت" + words[1], *words[2:]]))
    return {
        k for k in out if _letters(core_of(k)) >= MIN_CORE_LETTERS or any(c.isdigit() for c in k)
    }


def _automaton(keys: tuple[str, ...]) -> ahocorasick.Automaton:
    """Automaton over ``key + " "`` for every key, the value being the key's index."""
    auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for kid, key in enumerate(keys):
        auto.add_word(key + " ", kid)
    if keys:
        auto.make_automaton()
    return auto


@dataclass(frozen=True, slots=True)
class Match:
    """A whole-word occurrence of an indexed key.

    Attributes
    ----------
    mstart, mend : int
        Span of the name in the match text (article included when written).
    key_id : int
        Index of the key in :attr:`NameMatcher.keys`.
    prefix : str
        The proclitics attached in front (article excluded when it belongs to the name).
    article : bool
        Whether the name was written with its article.
    """

    mstart: int
    mend: int
    key_id: int
    prefix: str
    article: bool


class NameMatcher:
    """Aho-Corasick index of name cores → the places that bear them.

    Parameters
    ----------
    names : iterable of (str, int)
        ``(name, place_index)`` pairs; one place may have many names.
    """

    def __init__(self, names: Iterable[tuple[str, int]]):
        key_ids: dict[str, int] = {}
        places: list[set[int]] = []
        for name, idx in names:
            for key in key_variants(name):
                kid = key_ids.get(key)
                if kid is None:
                    kid = key_ids[key] = len(places)
                    places.append(set())
                places[kid].add(idx)
        self.keys: tuple[str, ...] = tuple(key_ids)
        self.key_ids = key_ids
        self.key_places: tuple[tuple[int, ...], ...] = tuple(tuple(sorted(p)) for p in places)
        self._klen = tuple(len(k) for k in self.keys)
        self._built: ahocorasick.Automaton | None = None

    @classmethod
    def from_index(cls, keys: list[str], key_places: list[list[int]]) -> NameMatcher:
        """Rebuild a matcher from its keys and their places (as :attr:`keys`, :attr:`key_places`).

        Building the automaton from the keys takes ~30 ms for 13,000 keys, less than
        reading one saved with ``Automaton.save`` (~70 ms), so only the keys are cached.

        Parameters
        ----------
        keys : list of str
        key_places : list of list of int

        Returns
        -------
        NameMatcher

        Raises
        ------
        ValueError
            The lists differ in length.
        """
        if len(keys) != len(key_places):
            raise ValueError("keys and key places differ in length")
        self = cls.__new__(cls)
        self.keys = tuple(keys)
        self.key_ids = {k: i for i, k in enumerate(self.keys)}
        self.key_places = tuple(tuple(p) for p in key_places)
        self._klen = tuple(len(k) for k in self.keys)
        self._built: ahocorasick.Automaton | None = None
        return self

    def __len__(self) -> int:
        return len(self.keys)

    def lookup_key(self, name: str) -> int | None:
        """Return the key id of a name as written (article optional), or None."""
        form = match_form(name)
        return self.key_ids.get(core_of(form)) if form else None

    def find(self, view: TextView) -> list[Match]:
        """Every whole-word match in ``view`` (overlapping ones included).

        Parameters
        ----------
        view : TextView

        Returns
        -------
        list of Match
            In order of their end offset.
        """
        return [Match(*t) for t in self.find_raw(view.mtext)]

    def find_raw(self, mtext: str) -> list[tuple[int, int, int, str, bool]]:
        """Run :meth:`find` on a match text; tuples ``(mstart, mend, key_id, prefix, article)``.

        Parameters
        ----------
        mtext : str
            :attr:`TextView.mtext`.

        Returns
        -------
        list of tuple
        """
        if not self.keys:
            return []
        klen = self._klen
        out: list[tuple[int, int, int, str, bool]] = []
        append = out.append
        if self._built is None:  # built on first use: a joint scan may stand in for it
            self._built = _automaton(self.keys)
        for end, kid in self._built.iter(mtext):
            s = end - klen[kid]
            if mtext[s - 1] == " ":
                append((s, end, kid, "", False))
                continue
            ws = mtext.rfind(" ", 0, s) + 1
            if s - ws > _MAX_PROCLITIC:
                continue
            info = _PREFIXES.get(mtext[ws:s])
            if info is not None:
                append((s - info[0], end, kid, info[1], info[2]))
        return out

    def joint_scan(self, other: NameMatcher) -> JointScan:
        """One scan for this matcher's keys and ``other``'s (see :class:`JointScan`)."""
        return JointScan(self, other)

    def span(self, view: TextView, m: Match) -> tuple[int, int]:
        """Original ``(start, end)`` of a match, trailing diacritics/tatweel included."""
        return span_of(view, m.mstart, m.mend)


def span_of(view: TextView, mstart: int, mend: int) -> tuple[int, int]:
    """Original ``(start, end)`` of the match-text span ``[mstart, mend)``.

    Trailing diacritics and tatweel written after the last letter are included.
    """
    offsets = view.offsets
    start = int(offsets[mstart])
    end = int(offsets[mend - 1]) + 1
    text = view.text
    n = len(text)
    while end < n and text[end] in _DROP:
        end += 1
    return start, end


class JointScan:
    """One Aho-Corasick pass over a text for the keys of two matchers.

    Scanning a text once for both key sets instead of once per matcher saves a pass;
    each matcher's matches come out as from its own :meth:`NameMatcher.find_raw`, in the
    same order (a key in both sets is reported to both).

    Parameters
    ----------
    first, second : NameMatcher
    """

    def __init__(self, first: NameMatcher, second: NameMatcher):
        words: dict[str, int] = {}
        firsts: list[int] = []
        seconds: list[int] = []
        for which, matcher in ((0, first), (1, second)):
            for kid, key in enumerate(matcher.keys):
                v = words.get(key)
                if v is None:
                    v = words[key] = len(firsts)
                    firsts.append(-1)
                    seconds.append(-1)
                (firsts if which == 0 else seconds)[v] = kid
        self._first = tuple(firsts)
        self._second = tuple(seconds)
        self._klen = tuple(len(k) for k in words)
        self._auto = _automaton(tuple(words))

    def find_raw(
        self, mtext: str
    ) -> tuple[list[tuple[int, int, int, str, bool]], list[tuple[int, int, int, str, bool]]]:
        """Both matchers' :meth:`NameMatcher.find_raw` on ``mtext``, in one scan.

        Parameters
        ----------
        mtext : str
            :attr:`TextView.mtext`.

        Returns
        -------
        tuple of (list of tuple, list of tuple)
            The first matcher's matches, then the second's.
        """
        out1: list[tuple[int, int, int, str, bool]] = []
        out2: list[tuple[int, int, int, str, bool]] = []
        if not self._klen:
            return out1, out2
        klen, first, second = self._klen, self._first, self._second
        append1, append2 = out1.append, out2.append
        prefixes = _PREFIXES
        for end, v in self._auto.iter(mtext):
            s = end - klen[v]
            if mtext[s - 1] == " ":
                # Most keys belong to the first matcher only (-1 in the second).
                kid = first[v]
                if kid >= 0:
                    append1((s, end, kid, "", False))
                kid = second[v]
                if kid >= 0:
                    append2((s, end, kid, "", False))
                continue
            ws = mtext.rfind(" ", 0, s) + 1
            if s - ws > _MAX_PROCLITIC:
                continue
            info = prefixes.get(mtext[ws:s])
            if info is None:
                continue
            s -= info[0]
            kid = first[v]
            if kid >= 0:
                append1((s, end, kid, info[1], info[2]))
            kid = second[v]
            if kid >= 0:
                append2((s, end, kid, info[1], info[2]))
        return out1, out2
