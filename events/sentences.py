"""Split Arabic news text into sentences, as spans into the text.

Written by hand: general sentence splitters (nltk punkt, pysbd) have no Arabic model that
knows censorship dots ("إطـ.لاق نـ.ار") or the full stop without a following space
("إدلب.وقال") that copy-pasted Arabic news is full of, and they return strings rather than
offsets into the original text.

Rules:

- A newline always ends a sentence.
- "!", "?", "؟" end a sentence; so does "." except: a censorship dot inside a word
  (:func:`gazetteer.normalize.censor_dot_positions`), a decimal point ("3.5"), a dot after a
  one-letter abbreviation ("م." ميلادي, "د." دكتور, "U.S."), a list number at the start of
  a line ("1. …"), a dot inside a Latin word or address ("sana.sy"), and ".." / "…" pauses.
- Nothing inside a quotation («…», “…”, "…") or parentheses of at most ``MAX_QUOTE``
  characters ends a sentence; a longer quotation is split like running text.
- Closing quotes and brackets after a sentence end stay with the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gazetteer.normalize import censor_dot_positions

__all__ = ["MAX_QUOTE", "Sentence", "split_sentences"]

#: A quotation or parenthesis longer than this is split like running text.
MAX_QUOTE = 200
_ENDERS = "!?؟"
_CLOSERS = "\"'»”’)]}›"
_LIST_PREFIX = re.compile(r"^\s*[(\[]?[\d٠-٩]{1,3}$")
_HAS_WORD = re.compile(r"\w")
_TATWEEL = "\u0640"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``text == source[start:end]`` (trimmed of surrounding spaces)."""

    start: int
    end: int
    text: str


def _quote_ranges(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Return the short quotations and parentheses of one line as (open, close) offsets."""
    ranges: list[tuple[int, int]] = []
    stacks: dict[str, list[int]] = {"«": [], "(": [], "“": [], '"': []}
    for i in range(lo, hi):
        ch = text[i]
        if ch in "«(":
            stacks[ch].append(i)
        elif ch in "»)":
            stack = stacks["«" if ch == "»" else "("]
            if stack:
                ranges.append((stack.pop(), i))
        elif ch in "“”„":
            stack = stacks["“"]
            nxt_space = i + 1 >= hi or text[i + 1].isspace()
            if stack and (ch == "”" or nxt_space):
                ranges.append((stack.pop(), i))
            elif not nxt_space:
                stack.append(i)
        elif ch == '"':
            stack = stacks['"']
            prev_space = i == lo or text[i - 1].isspace()
            if stack and not prev_space:
                ranges.append((stack.pop(), i))
            elif i + 1 < hi and not text[i + 1].isspace():
                stack.append(i)
    return [(a, b) for a, b in ranges if b - a <= MAX_QUOTE]


def _word_before(text: str, i: int, lo: int) -> str:
    j = i
    while j > lo and (text[j - 1].isalpha() or text[j - 1] == _TATWEEL):
        j -= 1
    return text[j:i].replace(_TATWEEL, "")


def _is_stop(text: str, i: int, lo: int, hi: int, censored: set[int]) -> bool:
    """Whether the "." at ``i`` ends a sentence."""
    if i in censored:
        return False
    prev = text[i - 1] if i > lo else ""
    nxt = text[i + 1] if i + 1 < hi else ""
    if nxt == "." or prev == ".":
        return False  # ".." / "..." pause
    if prev.isdigit() and nxt.isdigit():
        return False  # decimal point
    if prev.isascii() and prev.isalnum() and nxt.isascii() and nxt.isalnum():
        return False  # sana.sy, www.example.com
    word = _word_before(text, i, lo)
    if len(word) == 1 and nxt and (nxt.isspace() or nxt.isalpha()):
        return False  # one-letter abbreviation: م. د. U.S.
    return not _LIST_PREFIX.match(text[lo:i])  # "1. " opens a list item


def _ends(text: str, lo: int, hi: int, censored: set[int]) -> list[int]:
    """Offsets just after each sentence end inside one line [lo, hi)."""
    protected = _quote_ranges(text, lo, hi)
    inside = set()
    for a, b in protected:
        inside.update(range(a + 1, b))
    ends: list[int] = []
    i = lo
    while i < hi:
        ch = text[i]
        is_end = (ch in _ENDERS or (ch == "." and _is_stop(text, i, lo, hi, censored))) and (
            i not in inside
        )
        if not is_end:
            i += 1
            continue
        j = i + 1
        while j < hi and (text[j] in _ENDERS or text[j] in _CLOSERS):
            j += 1
        ends.append(j)
        i = j
    return ends


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences.

    Parameters
    ----------
    text : str
        An article's text (any length).

    Returns
    -------
    list of Sentence
        In text order, each trimmed of surrounding whitespace, never empty, and
        ``sentence.text == text[sentence.start:sentence.end]``. Pieces without a letter or
        digit (a stray "●") are left out.

    Examples
    --------
    >>> [s.text for s in split_sentences("قصف على إدلب.وقال المرصد: «توقف القصف.»")]
    ['قصف على إدلب.', 'وقال المرصد: «توقف القصف.»']
    """
    censored = censor_dot_positions(text) if "." in text else set()
    out: list[Sentence] = []
    line_start = 0
    n = len(text)
    while line_start <= n:
        nl = text.find("\n", line_start)
        line_end = n if nl < 0 else nl
        cut = line_start
        for end in [*_ends(text, line_start, line_end, censored), line_end]:
            seg_start, seg_end = cut, end
            while seg_start < seg_end and text[seg_start].isspace():
                seg_start += 1
            while seg_end > seg_start and text[seg_end - 1].isspace():
                seg_end -= 1
            if seg_end > seg_start and _HAS_WORD.search(text, seg_start, seg_end):
                out.append(Sentence(seg_start, seg_end, text[seg_start:seg_end]))
            cut = end
        if nl < 0:
            break
        line_start = nl + 1
    return out
