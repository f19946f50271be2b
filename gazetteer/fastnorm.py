"""Vectorised text preparation: normalization with offsets and the matcher's match text.

:func:`fast_normalize_with_offsets` gives exactly what
:func:`gazetteer.normalize.normalize_with_offsets` gives (a property test checks it), and
:func:`match_text` builds the text the Aho-Corasick automaton runs on. Both work on the
text's code points as a numpy array: one look-up table says which characters are dropped
(diacritics, tatweel, invisible marks), one maps every kept character to its folded form
(alef forms, ى/ي, ة/ه, digits, Latin case, spaces) and, for the match text, every
character that is not a letter or digit to a space. Censorship dots (``إطـ.لاق``): only
marks written between letters, marks or dropped characters are candidates, and the few
candidates get the reference rule in Python. The match text of a text within the Basic
Multilingual Plane (nearly all) is built with a single table look-up per character
(:func:`_match_text_bmp`); numpy's fixed cost per call is large next to a news article,
so that path counts its array operations.

Written by hand: no library keeps an offset map through Arabic normalization. The tables
are built from the very sets :mod:`gazetteer.normalize` defines, so the rules live in one
place.
"""

from __future__ import annotations

import functools
import re

import numpy as np

from gazetteer.normalize import _CHAR_MAP, _DIACRITICS, _INVISIBLE, _TATWEEL, ARABIC_LETTERS

__all__ = ["censor_positions", "fast_normalize_with_offsets", "match_text"]

_DROP = frozenset(_DIACRITICS) | {_TATWEEL} | frozenset(_INVISIBLE)
_MARKS = ".·•*"
_BMP = 0x10000
_SPACE = 32


def _char_class(chars) -> str:
    return "".join(re.escape(c) for c in sorted(chars))


_DM_SET = _DROP | frozenset(_MARKS)
_NON_WORD = re.compile(r"[\W_]")


def _fold_map() -> dict[int, str]:
    out = {ord(k): v for k, v in _CHAR_MAP.items()}
    out.update({c: chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})
    out.update({c: " " for c in range(0x3001) if chr(c).isspace() and c not in out})
    return out


#: ``str.translate`` table of the one-to-one folds (as fold_char in gazetteer.normalize).
FOLD = _fold_map()


_C_OTHER, _C_LETTER, _C_DROP, _C_MARK = 0, 1, 2, 3


@functools.cache
def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Build the look-up tables: dropped?, folded code, match-text code, class (BMP).

    Class: 1 Arabic letter, 2 dropped, 3 censorship mark, 0 anything else.

    Built on first use (about 15 ms), not at import.
    """
    drop = np.zeros(_BMP, dtype=bool)
    drop[[ord(c) for c in _DROP]] = True
    fold = np.arange(_BMP, dtype=np.uint32)
    for k, v in FOLD.items():
        fold[k] = ord(v)
    # Word characters as Python's regular expressions define them (\w), read off by
    # running the same pattern over the whole plane once.
    plane = "".join(map(chr, range(_BMP)))
    marked = _NON_WORD.sub("\x00", plane).encode("utf-32-le", "surrogatepass")
    word = np.frombuffer(marked, dtype=np.uint32) != 0
    mtext = np.where(word[fold], fold, np.uint32(_SPACE)).astype(np.uint32)
    cls = np.zeros(_BMP, dtype=np.uint8)
    cls[[ord(c) for c in ARABIC_LETTERS]] = _C_LETTER
    cls[drop] = _C_DROP
    cls[[ord(c) for c in _MARKS]] = _C_MARK
    return drop, fold, mtext, cls


# -- the one-gather path for text within the BMP -----------------------------------------
# One look-up per character gives its match-text code, with 0 for a dropped character
# and 1 for a censorship mark (neither occurs otherwise: control characters are spaces
# there). Everything after that works on the kept few (marks) or on cheap comparisons.

_MT_DROPPED, _MT_MARK = 0, 1
#: Letters, dropped characters and marks: what may sit beside a censorship mark.
_LDM_SET = ARABIC_LETTERS | _DM_SET


@functools.cache
def _mt16() -> np.ndarray:
    """Code point (BMP) -> match-text code as uint16; 0 dropped, 1 censorship mark."""
    mtext = _tables()[2].astype(np.uint16)
    mtext[[ord(c) for c in _DROP]] = _MT_DROPPED
    mtext[[ord(c) for c in _MARKS]] = _MT_MARK
    return mtext


def _match_text_bmp(text: str) -> tuple[str, np.ndarray] | None:
    """:func:`match_text` of a text without characters past the BMP (else None).

    Works on the padded text (one space at each end), so that the padding needs no copies.
    """
    padded = " " + text + " "
    units = padded.encode("utf-16-le", "surrogatepass")
    if len(units) != 2 * len(padded):  # characters past the BMP (surrogate pairs)
        return None
    mt = _mt16().take(np.frombuffer(units, dtype=np.uint16))
    censored = None
    marks = (mt == _MT_MARK).nonzero()[0]  # never at either end (the padding)
    if marks.size:
        mt[marks] = _SPACE
        # A mark can only be censorship with a letter, mark or dropped character on
        # both sides (most are full stops before a space: the right side goes first).
        ldm = _LDM_SET
        cands = [i for i in marks.tolist() if padded[i + 1] in ldm and padded[i - 1] in ldm]
        if cands:
            censored = _decide_runs(padded, cands) or None
    idx = None
    if censored is not None or np.count_nonzero(mt) < mt.size:
        keep = mt != _MT_DROPPED
        if censored is not None:
            keep[censored] = False
        idx = keep.nonzero()[0]
        mt = mt[keep]
    # Keep a character unless it is a space after a space; both paddings stay.
    keep2 = mt != _SPACE
    keep2[1:] |= keep2[:-1].copy()
    keep2[0] = keep2[-1] = True
    pos = keep2.nonzero()[0]
    full = pos if idx is None else idx.take(pos)
    full -= 1  # padded offsets -> offsets in text; the closing padding maps to len(text)
    full[0] = 0
    return mt[keep2].tobytes().decode("utf-16-le", "surrogatepass"), full


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _decode(codes: np.ndarray) -> str:
    return codes.astype(np.uint32, copy=False).tobytes().decode("utf-32-le", "surrogatepass")


def _is_letter_or_dropped(ch: str) -> bool:
    return ch in ARABIC_LETTERS or ch in _DROP


def _fragment_letters(text: str, i: int, step: int) -> int:
    """Arabic letters of the word fragment from ``i`` on (dropped marks skipped), up to 3."""
    n = len(text)
    count = 0
    while 0 <= i < n and count <= 2 and _is_letter_or_dropped(text[i]):
        count += text[i] in ARABIC_LETTERS
        i += step
    return count


def _bmp_index(codes: np.ndarray) -> tuple[np.ndarray, bool]:
    """Return look-up indices (code points past the BMP clipped) and whether any was."""
    if codes.size and int(codes.max()) >= _BMP:
        return np.minimum(codes, _BMP - 1), True
    return codes, False


def censor_positions(text: str, codes: np.ndarray | None = None) -> list[int]:
    """Offsets of censorship marks, as :func:`gazetteer.normalize.censor_dot_positions`.

    Each run of marks and dropped characters that holds a mark gets one decision: it
    must sit between Arabic letters and either touch a tatweel or have a word fragment
    of at most two letters on one side. Marks with a space or punctuation beside them
    (most full stops) are ruled out at once, in numpy.

    Parameters
    ----------
    text : str
        Original text.
    codes : numpy.ndarray, optional
        Look-up indices of ``text``'s characters when the caller has them.

    Returns
    -------
    list of int
        Sorted offsets into ``text``.
    """
    if codes is None:
        codes = _bmp_index(_codes(text))[0]
    kind = _tables()[3].take(codes)
    marks = np.flatnonzero(kind == _C_MARK)
    if not marks.size:
        return []
    n = len(text)
    # A mark can only be censorship when the characters on both sides are letters,
    # marks or dropped characters.
    left = kind[np.maximum(marks - 1, 0)]
    right = kind[np.minimum(marks + 1, n - 1)]
    ok = (marks > 0) & (marks < n - 1) & (left != _C_OTHER) & (right != _C_OTHER)
    return _decide_runs(text, marks[ok].tolist())


def _decide_runs(text: str, candidates: list[int]) -> list[int]:
    """Censorship marks among ``candidates`` (marks with no "other" character beside them)."""
    n = len(text)
    found: list[int] = []
    done = -1
    for i in candidates:
        if i < done:
            continue  # inside a run already decided
        s = i
        while s > 0 and text[s - 1] in _DM_SET:
            s -= 1
        e = i + 1
        while e < n and text[e] in _DM_SET:
            e += 1
        done = e
        if s == 0 or e >= n or text[s - 1] not in ARABIC_LETTERS or text[e] not in ARABIC_LETTERS:
            continue
        run = text[s:e]
        if (
            _TATWEEL in run
            or min(_fragment_letters(text, s - 1, -1), _fragment_letters(text, e, 1)) <= 2
        ):
            found.extend(s + k for k, ch in enumerate(run) if ch in _MARKS)
    return found


def _kept(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Return the kept characters' offsets, look-up indices and, past the BMP, code points."""
    codes = _codes(text)
    idx, astral = _bmp_index(codes)
    keep = ~_tables()[0].take(idx)  # nothing past the BMP is dropped: its index is U+FFFF
    censored = censor_positions(text, idx)
    if censored:
        keep[censored] = False
    offs = np.flatnonzero(keep)
    return offs, idx[offs], codes[offs] if astral else None


def _mapped(table: np.ndarray, idx: np.ndarray, codes: np.ndarray | None, *, words: bool):
    out = table.take(idx)
    if codes is not None:  # past the BMP: no folds; \w decides what is a word character
        far = np.flatnonzero(codes >= _BMP)
        out[far] = codes[far]
        if words:
            nonword = [i for i in far.tolist() if _NON_WORD.match(chr(codes[i]))]
            out[nonword] = _SPACE
    return out


def fast_normalize_with_offsets(text: str) -> tuple[str, np.ndarray]:
    """Vectorised :func:`~gazetteer.normalize.normalize_with_offsets`.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    normalized : str
        Identical to ``normalize_with_offsets(text)[0]``.
    offsets : numpy.ndarray of int64
        Identical to ``normalize_with_offsets(text)[1]``.
    """
    offs, idx, codes = _kept(text)
    return _decode(_mapped(_tables()[1], idx, codes, words=False)), offs


def _match_text_arrays(text: str) -> tuple[str, np.ndarray]:
    """:func:`match_text` for any text (code points as uint32 arrays)."""
    offs, idx, codes = _kept(text)
    mapped = _mapped(_tables()[2], idx, codes, words=True)
    # Pad; drop every space of the text that follows a space (the opening pad counts,
    # the closing pad always stays), as make_view always did.
    n = mapped.size
    padded = np.empty(n + 2, dtype=np.uint32)
    padded[0] = padded[-1] = _SPACE
    padded[1:-1] = mapped
    full = np.empty(n + 2, dtype=np.int64)
    full[0] = 0
    full[-1] = len(text)
    full[1:-1] = offs
    is_space = padded == _SPACE
    dup = np.zeros(n + 2, dtype=bool)
    dup[1:-1] = is_space[1:-1] & is_space[:-2]
    if dup.any():
        keep2 = ~dup
        padded = padded[keep2]
        full = full[keep2]
    return _decode(padded), full


def match_text(text: str) -> tuple[str, np.ndarray]:
    """Build the text the automaton runs on, with each character's original offset.

    Normalized as :func:`fast_normalize_with_offsets`, every character that is not a
    letter or digit turned into a space, runs of spaces collapsed to one, one space of
    padding at each end.

    Parameters
    ----------
    text : str

    Returns
    -------
    mtext : str
    offsets : numpy.ndarray of int64
        ``offsets[i]`` is the offset in ``text`` of ``mtext[i]``; the padding maps to 0
        and ``len(text)``.
    """
    out = _match_text_bmp(text)
    return out if out is not None else _match_text_arrays(text)
