"""Arabic text normalization for matching, with a map back to the original offsets.

Each rule is one small pure function on a single character or a short window, in the
style of camel_tools ``utils/normalize.py``; :func:`normalize` composes them. Every rule
only *replaces* or *deletes* characters, never inserts, so a normalized string keeps for
each of its characters the offset of the original character it came from
(:func:`normalize_with_offsets`). The gazetteer matches on the normalized text and reports
spans in the original text.

Written by hand: no maintained library folds censorship dots or keeps an offset map, and
pyarabic's ``normalize_hamza`` turns إدلب into ءدلب, which breaks place names.
"""

from __future__ import annotations

import re

__all__ = [
    "ARABIC_LETTERS",
    "censor_dot_positions",
    "fold_char",
    "is_arabic_letter",
    "normalize",
    "normalize_with_offsets",
]

#: Harakat, tanwin, shadda, sukun, Quranic marks and the superscript alef.
_DIACRITICS = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670"] + [chr(c) for c in range(0x06D6, 0x06EE)]
)
_TATWEEL = "\u0640"
#: Zero-width and direction marks that copy-paste leaves inside words.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u061c\u2066\u2067\u2068\u2069\ufeff\u00ad")
#: Characters writers put inside a word to dodge keyword filters (إطـ.لاق نـ.ار).
_CENSOR_MARKS = frozenset(".·•*")

_CHAR_MAP = {
    # alef forms -> bare alef (camel_tools normalize_alef_ar)
    "\u0622": "\u0627",  # آ
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0671": "\u0627",  # ٱ
    # alef maksura -> ya, teh marbuta -> heh (both are spelled either way in the press)
    "\u0649": "\u064a",  # ى -> ي
    "\u0629": "\u0647",  # ة -> ه
    # Persian/Urdu letter forms that appear in copy-pasted text
    "\u06cc": "\u064a",  # ی -> ي
    "\u06a9": "\u0643",  # ک -> ك
    # Arabic punctuation that has an ASCII twin
    "\u060c": ",",  # ،
    "\u061b": ";",  # ؛
    "\u061f": "?",  # ؟
}
# Eastern Arabic and Persian digits -> ASCII
_CHAR_MAP.update({chr(0x0660 + i): str(i) for i in range(10)})
_CHAR_MAP.update({chr(0x06F0 + i): str(i) for i in range(10)})

#: Arabic letters proper (hamza .. yeh without the tatweel, plus the extended forms we fold).
ARABIC_LETTERS = (
    frozenset(chr(c) for c in range(0x0621, 0x064B)) | frozenset("\u0671\u06cc\u06a9")
) - {_TATWEEL}


def is_arabic_letter(ch: str) -> bool:
    """Return whether ``ch`` is an Arabic letter (not a digit, mark or punctuation).

    Parameters
    ----------
    ch : str
        A single character.

    Returns
    -------
    bool
    """
    return ch in ARABIC_LETTERS


def fold_char(ch: str) -> str:
    """Fold one character: alef forms, ى/ي, ة/ه, digits, Latin case and spaces.

    Parameters
    ----------
    ch : str
        A single character.

    Returns
    -------
    str
        A single character (never empty: deletions are decided by :func:`normalize_with_offsets`).
    """
    mapped = _CHAR_MAP.get(ch)
    if mapped is not None:
        return mapped
    if ch.isspace():
        return " "
    if "A" <= ch <= "Z":
        return ch.lower()
    return ch


def _is_dropped(ch: str) -> bool:
    return ch in _DIACRITICS or ch == _TATWEEL or ch in _INVISIBLE


def censor_dot_positions(text: str) -> set[int]:
    """Offsets of dots written inside a word to dodge filters, e.g. ``إطـ.لاق``, ``ن.ار``.

    A run of marks counts as censorship when it sits between Arabic letters (tatweel and
    diacritics skipped) and either touches a tatweel, or one side of it is a fragment of at
    most two letters. A dot between two full words (``إدلب.وقال``, a missing space after a
    full stop) is left alone so that sentence splitting still sees it. Linear in the length
    of the text: each run of marks gets one decision, and fragments are counted up to three
    letters only.

    Parameters
    ----------
    text : str
        Original (not yet normalized) text.

    Returns
    -------
    set of int
        Offsets into ``text`` of the censorship marks.
    """
    found: set[int] = set()
    n = len(text)
    i = 0
    while i < n:
        if not (text[i] in _CENSOR_MARKS or _is_dropped(text[i])):
            i += 1
            continue
        k = i
        marks: list[int] = []
        touches_tatweel = False
        while k < n and (_is_dropped(text[k]) or text[k] in _CENSOR_MARKS):
            if text[k] in _CENSOR_MARKS:
                marks.append(k)
            touches_tatweel |= text[k] == _TATWEEL
            k += 1
        j = i - 1
        i = k
        if not marks or j < 0 or k >= n:
            continue
        if not (is_arabic_letter(text[j]) and is_arabic_letter(text[k])):
            continue
        if touches_tatweel:
            found.update(marks)
            continue
        left = 0
        while j >= 0 and left <= 2 and (is_arabic_letter(text[j]) or _is_dropped(text[j])):
            left += is_arabic_letter(text[j])
            j -= 1
        right = 0
        while k < n and right <= 2 and (is_arabic_letter(text[k]) or _is_dropped(text[k])):
            right += is_arabic_letter(text[k])
            k += 1
        if min(left, right) <= 2:
            found.update(marks)
    return found


#: Former private name, kept for callers written before it became public.
_censor_dot_positions = censor_dot_positions


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalize Arabic text and keep, for every output character, its input offset.

    Rules, in order: drop diacritics (a decomposed hamza above/below is a mark too, so
    ``ا`` + U+0654 folds like ``أ``), tatweel and invisible marks; drop
    censorship dots inside words; fold alef forms, ى→ي, ة→ه, Eastern Arabic digits,
    Arabic punctuation, Latin upper case and every kind of space (one space stays one
    space; runs are kept so that offsets stay simple).

    Parameters
    ----------
    text : str
        Any text; non-Arabic characters pass through.

    Returns
    -------
    normalized : str
        The folded text.
    offsets : list of int
        ``offsets[i]`` is the index in ``text`` of the character that became
        ``normalized[i]``; ``len(offsets) == len(normalized)``.

    Examples
    --------
    >>> normalize_with_offsets("إطـ.لاق")[0]
    'اطلاق'
    """
    censored = censor_dot_positions(text) if any(c in text for c in _CENSOR_MARKS) else set()
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if _is_dropped(ch) or i in censored:
            continue
        out.append(fold_char(ch))
        offsets.append(i)
    return "".join(out), offsets


_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Normalize text for comparison and collapse runs of whitespace to one space.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The text folded as in :func:`normalize_with_offsets`, whitespace collapsed and
        stripped. Idempotent: ``normalize(normalize(s)) == normalize(s)``.

    Examples
    --------
    >>> normalize("مَدِينَةُ  إدلب")
    'مدينه ادلب'
    """
    return _SPACES.sub(" ", normalize_with_offsets(text)[0]).strip()
