"""Frames around a cue that make it no report: denials, habits, conditions, weapons as things.

Split from :mod:`events.modality` (which uses these in ``not_reported`` and re-exports
:func:`clause_start`). Each rule reads the normalized sentence around one cue:

- a **denial** whose complement holds the cue («نفت الوزارة أن تكون طائراتها قد شنت غارات»);
- a **habit** («لقصف شبه يومي»، «بشكل متكرر») or a **time mark** («منذ أن قصفت …»);
- a **condition** («في حال شنت قوات النظام هجوماً»، «إذا تعرضت النقطة لقصف»);
- a **weapon named as a thing** («دمرت منصات إطلاق صواريخ»، «ورشة لتصنيع العبوات»).

Written by hand: rules of Arabic news prose.
"""

from __future__ import annotations

import functools
import re

__all__ = ["clause_end", "clause_start", "conditional", "denied", "habitual", "weapon_thing"]

_CLAUSE_PUNCT = re.compile(r"[,;.:!?؟\n]|\s[–—-]\s")


@functools.lru_cache(maxsize=4096)  # several rules ask for the same cue's clause
def clause_start(norm: str, pos: int) -> int:
    """Return where the clause holding ``pos`` starts (after the last , ; . : or dash)."""
    last = 0
    for m in _CLAUSE_PUNCT.finditer(norm, 0, pos):
        last = m.end()
    return last


def clause_end(norm: str, pos: int) -> int:
    """Return where the clause holding ``pos`` ends (at the next , ; . : or dash)."""
    m = _CLAUSE_PUNCT.search(norm, pos)
    return m.start() if m else len(norm)


#: a condition: «في حال شنت قوات النظام هجوماً»، «إذا تعرضت النقطة لقصف»، «لو هاجمت …»
_CONDITION = re.compile(r"(?<!\w)(?:[وف]?في\s+حال(?:ه)?|[وف]?اذا|[وف]?لو|[وف]?حالما|ما\s+لم)(?!\w)")
#: a weapon named as a thing, not fired: «دمرت منصات إطلاق صواريخ»، «مستودع قذائف»، «ورشة
#: لتصنيع العبوات»، «ضبط شحنة صواريخ»
_WEAPON_THING = re.compile(
    r"(?<!\w)[وفبل]?(?:ال)?(?:منصه|منصات|منصتي|منصتين|مستودع|مستودعات|مخزن|مخازن|شحنه|شحنات"
    r"|ورشه|ورشات|معمل|معامل|مصنع|تصنيع|لتصنيع|صناعه|مخبا|مخابئ)(?:\s+(?:ال)?(?:اطلاق|لاطلاق"
    r"|تخزين|لتخزين))?\s+$"
)


#: a denial whose complement holds the cue: «نفت الوزارة أن تكون طائراتها قد شنت غارات»،
#: «نفى حدوث أي قصف»، «كذّبت صحة الأنباء عن …»
_DENIED = re.compile(
    r"(?<!\w)[وف]?(?:نفت|نفي|ينفي|تنفي|نفوا|نافيه|نافيا|كذبت|تكذب|انكرت|تنكر|تنفيان|نفيا)"
    r"\s+(?:\w+\s+){0,5}?(?:ان|انها|انه|بان|وجود|حدوث|صحه|قيام|وقوع|اي)(?!\w)"
)
#: a habit, not an event: «لقصف شبه يومي»، «تتعرض يومياً»، «بشكل متكرر»، «بين الحين والآخر»
_HABIT = re.compile(
    r"(?<!\w)(?:شبه\s+(?:ال)?يومي\w*|يوميا|بشكل\s+(?:شبه\s+)?(?:يومي|متكرر|دوري|مستمر)"
    r"|بصوره\s+(?:شبه\s+)?(?:يوميه|متكرره|دوريه|مستمره)|باستمرار|بين\s+الحين\s+والاخر"
    r"|(?:ال)?متكرر\w*|(?:ال)?متواصل\w* منذ (?:اشهر|سنوات|اسابيع))(?!\w)"
)
#: «منذ أن قصفت …»: a point in time to count from, told as background
_SINCE_THAT = re.compile(r"(?<!\w)و?منذ\s+ان(?!\w)")


def denied(norm: str, ns: int) -> bool:
    """Return whether the cue is in the complement of a denial in its clause."""
    return _DENIED.search(norm, clause_start(norm, ns), ns) is not None


def habitual(norm: str, ns: int, ne: int) -> bool:
    """Return whether the cue is told as a habit («قصف شبه يومي») or a time mark («منذ أن»)."""
    cs = clause_start(norm, ns)
    if _SINCE_THAT.search(norm, cs, ns):
        return True
    return _HABIT.search(norm, ne, min(clause_end(norm, ne), ne + 40)) is not None


def weapon_thing(norm: str, ns: int) -> bool:
    """Return whether the cue is a weapon named as a thing («منصات إطلاق صواريخ»)."""
    return _WEAPON_THING.search(norm[max(0, ns - 30) : ns]) is not None


def conditional(norm: str, ns: int) -> bool:
    """Return whether the cue is in a condition («في حال شنت …»، «إذا تعرضت …»)."""
    return _CONDITION.search(norm, clause_start(norm, ns), ns) is not None
