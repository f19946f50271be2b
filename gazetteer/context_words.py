"""Context words around a name: the word before, the words after, quotes, road words.

Small predicates the non-place rules of :mod:`gazetteer.admit` apply to every match (and
that the ranking reuses: :func:`prev_class`). Written by hand: these are this project's
rules (see docs/gazetteer-matching.md).
"""

from __future__ import annotations

from gazetteer import nonplaces as npl
from gazetteer.matcher import _DROP, TextView, match_form
from gazetteer.model import Place

__all__ = [
    "SITE_HEADS",
    "hint_next",
    "only_space_between",
    "prev_class",
    "prominent",
    "road_context",
]

_OPEN_QUOTES = "\"'«“(‹[„"
_CLOSE_QUOTES = "\"'»”)›]‟"
_ROAD_WORDS = ("طريق", "الدولي", "السريع", "اوتوستراد", "اتوستراد", "الاوتستراد", "اوتستراد")
_PROMINENT_POP = 100_000
_AFTER_HINTS = frozenset(
    match_form(w)
    for w in ("شرق", "غرب", "شمال", "جنوب", "شرقي", "غربي", "شمالي", "جنوبي", "قرب", "بالقرب")
)


#: Facility nouns (match form) before a name: the name is that facility's (a site).
SITE_HEADS = ("معبر", "مطار", "قاعده", "سجن", "مشفي", "مستشفي", "ميناء", "مرفا")


def prev_class(word: str | None) -> int:
    """Classify the word before a name as the ranking uses it (see resolve._evidence).

    Returns
    -------
    int
        1 after ``محافظة`` (a governorate), 2 after ``مدينة/بلدة/قرية`` (a populated
        place), 3 after a facility noun (``معبر``, ``مطار``, ``قاعدة``, ``سجن``, ``مشفى``:
        a site), else 0.
    """
    if not word:
        return 0
    if word.endswith("محافظه"):
        return 1
    if word.endswith(("مدينه", "بلده", "قريه", "بلدتي", "قريتي", "مدينتي")):
        return 2
    if word.endswith(SITE_HEADS):
        return 3
    return 0


def hint_next(mtext: str, nxt: str, e: int, lim: int) -> bool:
    """``X بريف حلب``, ``X في محافظة حماة``, ``X شرق سراقب``: a hint right after a name.

    Reads the first (and, after ``في``, the second) word of the window after the name
    without splitting it.

    ``nxt`` is the first word after the name, ``e`` the offset of the space after it
    (-1 when the window ends inside it), ``lim`` the end of the window.
    """
    if not nxt:
        return False
    if nxt in _AFTER_HINTS:
        return True
    if nxt.startswith("ب") and nxt[1:] in npl.CONTAIN_WORDS:
        return True
    if nxt != "في" or e < 0:
        return False
    f = mtext.find(" ", e + 1, lim)
    second = mtext[e + 1 : f if f >= 0 else min(len(mtext), lim)]
    return bool(second) and second in npl.CONTAIN_WORDS


def only_space_between(view: TextView, mend: int) -> bool:
    """Whether only white space separates the name ending at ``mend`` from the next word.

    ``mend`` is an offset of the match text, whose ``mend``-th character is the space
    after the name; punctuation there (``برج، القاص``) was turned into that space.
    """
    offsets = view.offsets
    if mend + 1 >= len(offsets) - 1:
        return False
    a = int(offsets[mend - 1]) + 1
    b = int(offsets[mend + 1])
    gap = view.text[a:b]
    return all(ch.isspace() or ch in _DROP for ch in gap)


def prominent(cands: tuple[Place, ...]) -> bool:
    """Whether one of the places is a country or has at least 100,000 people."""
    return any(c.kind == "country" or c.population >= _PROMINENT_POP for c in cands)


def road_context(view: TextView, mstart: int, mend: int, before: list[str]) -> bool:
    """Quotes or brackets around a spaced road code, or a road word shortly before it."""
    if any(w.endswith(_ROAD_WORDS) for w in before[-4:]):
        return True
    text = view.text
    start = int(view.offsets[mstart])
    end = int(view.offsets[mend - 1]) + 1
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    j = end
    while j < len(text) and text[j].isspace():
        j += 1
    return (i >= 0 and text[i] in _OPEN_QUOTES) or (j < len(text) and text[j] in _CLOSE_QUOTES)
