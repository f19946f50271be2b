"""Places used for diplomacy or standing for governments, which are never event locations.

- venues and namesakes of talks and agreements: «محادثات في أنقرة»، «قمة في إسطنبول»،
  «اتفاق سوتشي»، «مؤتمر برلين»، «مسار أستانة»، «تم تبنيه في موسكو»، «وصل وفد إلى أنقرة»،
  «وقّع الطرفان بمدينة سوتشي اتفاقاً»;
- capitals and countries that stand for their governments: «حمّلت موسكو»، «موسكو ترى»؛
- clauses that speak of talks, agreements or officials, where no incident is placed abroad.

Written by hand: these are rules of Arabic news prose.
"""

from __future__ import annotations

import re

from events.classify import norm_text

__all__ = ["is_actor_use", "is_diplomatic_use", "talks_about_diplomacy"]

_CLITIC = re.compile(r"^(?:[وف]?(?:بال|لل|ال|ب|ل|ك)?)")


def _strip(word: str) -> str:
    rest = _CLITIC.sub("", word)
    return rest if len(rest) >= 2 else word


_VENUE = (
    "محادثات", "محادثه", "مباحثات", "مفاوضات", "مشاورات", "قمه", "لقاء", "اجتماع",
    "مؤتمر", "زياره", "وفد", "جوله", "منتدي", "اتصال", "مكالمه", "حوار", "اجتماعات",
)  # fmt: skip
_AGREEMENT = (
    "اتفاق", "اتفاقيه", "اتفاقات", "مذكره", "تفاهم", "تفاهمات", "بروتوكول", "مسار",
    "منصه", "صيغه", "قمه", "مؤتمر", "اجتماعات", "اعلان", "محادثات", "مباحثات", "مفاوضات",
    "جولات", "جوله", "لقاء", "لقاءات", "اجتماع",
)  # fmt: skip
_SIGNING = frozenset(
    ("وقع", "وقعت", "الموقع", "الموقعه", "توقيع", "تبنيه", "تبني", "اعتمد", "عقد", "عقدت",
     "انعقد", "انعقدت", "استضاف", "استضافت", "تستضيف", "يستضيف", "زار", "زيارته", "يلتقي",
     "التقي", "يجتمع", "اجتمع", "اجتمعت", "يزور", "تزور")
)  # fmt: skip
_STANCE = frozenset(
    ("تري", "يري", "قالت", "تقول", "اعلنت", "حملت", "تحمل", "تدعم", "يدعم", "تساند",
     "طالبت", "تطالب", "اتهمت", "تتهم", "دعت", "تدعو", "رفضت", "ترفض", "توصلت", "توصل",
     "اكدت", "تؤكد", "نفت", "تنفي", "هددت", "تهدد", "حذرت", "تحذر", "وافقت", "توافق",
     "ابلغت", "ترحب", "رحبت", "ادانت", "تدين", "نددت", "اعتبرت", "تعتبر", "ابدت")
)  # fmt: skip
_VENUE_GAP_OK = frozenset(
    ("في", "ب", "بمدينه", "مدينه", "العاصمه", "بالعاصمه", "عاصمه", "اليوم", "امس", "غدا", "الي")
)
_STEM_RES: dict[tuple[str, ...], re.Pattern[str]] = {}


def _starts(word: str, stems: tuple[str, ...]) -> bool:
    """Return whether ``word`` (proclitics allowed) begins with one of ``stems``."""
    pat = _STEM_RES.get(stems)
    if pat is None:
        alts = "|".join(sorted(stems, key=len, reverse=True))
        pat = _STEM_RES.setdefault(stems, re.compile(rf"(?:[وف]?(?:بال|لل|ال|ب|ل|ك)?)(?:{alts})"))
    return pat.match(word) is not None


def is_diplomatic_use(words: list[str], after: list[str]) -> bool:
    """Return whether a place is a venue or namesake of diplomacy.

    Parameters
    ----------
    words : list of str
        Normalized words before the place (nearest last).
    after : list of str
        Normalized words after it.

    Returns
    -------
    bool
    """
    if words and _starts(words[-1], _AGREEMENT):
        return True  # genitive: "اتفاق سوتشي", "مسار أستانة", "مؤتمر برلين"
    for i in range(len(words) - 1, max(-1, len(words) - 5), -1):
        w = words[i]
        gap = words[i + 1 :]
        gap_ok = all(g in _VENUE_GAP_OK or re.fullmatch(r"(?:ال)?\w+ي(?:ه|ين)?", g) for g in gap)
        if _starts(w, _VENUE) and gap_ok and (not gap or gap[-1] in ("في", "ب", "بمدينه", "الي")):
            return True
        if (w in _SIGNING or _strip(w) in _SIGNING) and len(gap) <= 2:
            return True
    # "وقّع الطرفان … بمدينة سوتشي اتفاقاً": a signing verb earlier, an agreement right after
    signed = any(w in _SIGNING or _strip(w) in _SIGNING for w in words)
    return signed and any(_starts(a, _AGREEMENT[:6]) for a in after[:2])


_DIPLOMACY_WORDS = re.compile(
    r"(?<!\w)[وف]?(?:بال|لل|ال|ب|ل)?(?:"
    + "|".join(sorted(set(_VENUE) | set(_AGREEMENT), key=len, reverse=True))
    + r"|رئيس|رئيسان|رئيسين|وزير|وزيرا|وزيري|وزراء|سفير|مبعوث)\w*"
)


def talks_about_diplomacy(text: str) -> bool:
    """Return whether a clause speaks of talks, agreements or officials.

    An incident is placed abroad only in a clause that does not: «ويأتي القصف رغم الاتفاق
    الذي توصل إليه الرئيسان في موسكو» is not shelling in Moscow.

    Parameters
    ----------
    text : str

    Returns
    -------
    bool
    """
    return bool(_DIPLOMACY_WORDS.search(norm_text(text).norm))


def is_actor_use(words: list[str], after: list[str]) -> bool:
    """Return whether a place stands for its government (a stance verb right beside it).

    Parameters
    ----------
    words, after : list of str
        Normalized words before (nearest last) and after the place.

    Returns
    -------
    bool
    """
    before = words[-1] if words else ""
    nxt = after[0] if after else ""
    return before in _STANCE or _strip(before) in _STANCE or nxt in _STANCE
