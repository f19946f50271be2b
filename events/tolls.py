"""Toll updates: a later sentence that gives or raises the toll of an incident told before.

News reports the dead after the event: «ارتفع عدد ضحايا القصف على البارة إلى 4 قتلى»،
«وأكدت مصادر أن المعارك أسفرت عن مقتل أكثر من 40 عنصراً». Such a sentence is no new
incident: its toll belongs to the incident of its kind told before (at its place, when it
names one). Written by hand: rules of Arabic news prose.

- a **rise** («ارتفع/ارتفاع/وصل/بلغ عدد الضحايا/القتلى/حصيلة … إلى N») sets the toll of
  that incident to N (a new total, never a decrease), and the sentence's own incident
  drafts are dropped;
- a sentence told only with **definite event nouns** («المعارك»، «القصف»، «الغارات») that
  made no incident of its own (no place) and states a toll gives that toll to it (the
  larger of the two: it is the same dead, told again).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from events.classify import Cue, norm_text
from events.fatalities import find_fatalities, parse_number, total
from events.merge import Draft
from gazetteer.model import Mention
from geo.roads import haversine_km

__all__ = ["apply_toll_update"]

_RISE = re.compile(
    r"(?<!\w)[وف]?(?:ارتفع|ارتفعت|ارتفاع|يرتفع|ليرتفع|لترتفع|وصل|وصلت|وصول|بلغ|بلغت|ليصل)\s+"
    r"(?:(?:ال)?(?:عدد|حصيله)\s+(?:ال)?(?:ضحايا|قتلي|شهداء|وفيات)"
    # «ارتفعت الحصيلة إلى 9 قتلى»: the toll named alone (not the wounded's)
    r"|(?:ال)?حصيله(?!\s+(?:ال)?(?:جرحي|مصابين|اصابات|المصابين)))"
    r"(?:\s+\w+){0,8}?\s+(?:الي|ليصل الي|ليبلغ)\s+"
)
_DEFINITE = re.compile(
    r"^[وف]?(?:بال|لل|ال)(?:غاره|غارات|قصف|انفجار|تفجير|هجوم|هجمات|اغتيال|اشتباكات|معارك"
    r"|استهداف|ضربه|ضربات|كمين|مجزره|مواجهات)(?!\w)"
)
_VAGUE = frozenset(("attack", "killing"))
_WOUNDED = re.compile(r"(?:جريح\w*|جرحي|مصاب\w*|اصاب\w*)")
_SINCE = re.compile(r"(?<!\w)و?منذ(?!\w)")
#: a toll named with a place belongs to an incident at most this far from it (km)
_PLACE_KM = 10.0


def _risen_to(norm: str) -> int | None:
    m = _RISE.search(norm)
    if m is None:
        return None
    words = re.findall(r"\w+", norm[m.end() : m.end() + 40])
    num = parse_number(words)
    if num and num[1] < len(words) and _WOUNDED.fullmatch(words[num[1]]):
        return None  # «ارتفعت الحصيلة إلى 12 جريحاً»: the wounded
    return num[0] if num else None


def _target(drafts: list[Draft], idx: int, subs: set[str], places: list[Mention]) -> Draft | None:
    """Return the last incident before sentence ``idx`` of a compatible kind (and place)."""
    specific = subs - _VAGUE
    points = [m.place.point for m in places if m.place.point is not None]
    for d in reversed(drafts):
        if d.event_type != "incident" or max(d.sentences) >= idx:
            continue
        if specific and d.sub not in specific and d.sub not in _VAGUE:
            continue
        if points and d.geometry.geom_type == "Point":
            here = d.geometry.coords[0]
            if not any(haversine_km(here, p) <= max(d.radius_km, _PLACE_KM) for p in points):
                continue
        return d
    return None


def apply_toll_update(
    drafts: list[Draft],
    own: list[Draft],
    *,
    idx: int,
    text: str,
    cues_of: Callable[[], list[Cue]],
    places_of: Callable[[], list[Mention]],
) -> list[Draft]:
    """Give a toll update of sentence ``idx`` to the incident it updates.

    Parameters
    ----------
    drafts : list of Draft
        The drafts of the sentences before (updated in place).
    own : list of Draft
        The drafts sentence ``idx`` made.
    idx : int
        The sentence's number.
    text : str
        The sentence.
    cues_of : callable
        Returns its cues (called only when needed: most sentences need neither).
    places_of : callable
        Returns its Syrian places that are locations (called only when needed).

    Returns
    -------
    list of Draft
        ``own`` without the incident drafts that only told the update.
    """
    norm = norm_text(text).norm
    risen = _risen_to(norm) if "عدد" in norm or "حصيله" in norm else None
    if risen is None and any(d.event_type == "incident" for d in own):
        return own
    if risen is not None and _SINCE.search(norm):
        return own  # «يرتفع عدد القتلى منذ مطلع العام إلى 120»: a tally, not one incident
    inc = [c for c in cues_of() if c.event_type == "incident"]
    subs = {c.sub_event_type for c in inc if c.sub_event_type}
    if risen is not None:
        target = _target(drafts, idx, subs, places_of())
        if target is None:
            return own
        target.fatalities = max(target.fatalities or 0, risen)
        return [d for d in own if d.event_type != "incident"]
    if not inc:
        return own
    if not all(_DEFINITE.match(c.surface) for c in inc if c.sub_event_type not in _VAGUE):
        return own
    if all(c.sub_event_type in _VAGUE for c in inc):
        return own  # «مقتل 3 عناصر» alone: not told as the same incident
    count, _ = total(find_fatalities(text))
    target = _target(drafts, idx, subs, places_of()) if count else None
    if target is not None and count:
        target.fatalities = max(target.fatalities or 0, count)  # the same dead, told again
    return own
