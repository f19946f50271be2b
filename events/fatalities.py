"""How many people an event killed, as the text states it.

Rules (normalized text; written by hand, Arabic number words and duals are grammar):

- a death word followed by a count: ``مقتل 4 جنود``, ``مقتل نحو 150 عنصراً`` (``نحو``,
  ``أكثر من``, ``ما لا يقل عن`` … give the stated number), ``سقوط خمسة قتلى``;
- a count followed by a death verb: ``4 من جنود القوات التركية … قُتلوا``;
- a count of the dead themselves: ``12 قتيلاً``, ``ثلاثة شهداء``;
- a dual after a death word: ``مقتل جنديين`` = 2; a singular: ``مقتل جندي`` = 1;
- ``عشرات`` / ``مئات`` / ``آلاف``: no count (``None``), a documented minimum of 20 / 200 /
  2000 (the smallest number the plural admits in press usage).

Wounded (``إصابة``، ``جرحى``) are never counted; a count that follows "killed and wounded"
(``مقتل وإصابة 10``) is ambiguous and gives no count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from events.classify import norm_text

__all__ = ["Fatalities", "find_fatalities", "parse_number"]

_W = r"(?<!\w)"
_E = r"(?!\w)"
_CLITIC = r"(?:[وف]?(?:بال|لل|ال|ب|ل)?)"

_DEATH_NOUN = re.compile(
    rf"{_W}{_CLITIC}(?:مقتل|قتل|مصرع|استشهاد|ارتقاء|سقوط|وفاه|اعدام|تصفيه|اغتيال|جثه|جثث|جثتي|جثتين"
    rf"|جثمان|جثامين){_E}"
)
#: verbs whose object is killed: the object may come after the subject and a time
#: («اغتال مسلحون مجهولون، ليلة أمس، عنصراً سابقاً»)
_KILL_OBJECT = re.compile(rf"{_W}[وف]?(?:اغتال|اغتالت|اغتالوا|يغتال|تغتال|اعدم|اعدمت|اعدموا){_E}")
#: «محاولة اغتيال»: an attempt, nobody killed
_ATTEMPT = re.compile(rf"{_W}[وف]?(?:ل|ب)?(?:ال)?(?:محاوله|محاولات|محاولتي|محاولتين){_E}")
_DEATH_VERB = re.compile(
    rf"{_W}[وف]?(?:قتلوا|قتل|قتلت|قتلا|قضوا|قضي|قضت|استشهدوا|استشهد|استشهدت|استشهدا|لقوا|لقي"
    rf"|لقيت|لقيا|سقطوا|ارتقي|ارتقت|ارتقوا|ارتقيا|ارتقتا){_E}"
)
_DEAD = re.compile(
    rf"{_W}{_CLITIC}(?:قتيلا|قتيل|قتلي|قتيلين|قتيلان|شهيدا|شهيد|شهداء|ضحيه|ضحايا){_E}"
)
_WOUND = re.compile(rf"{_W}{_CLITIC}(?:اصابه|اصابات|جرح|جرحي|جريح|جرحا|اصيب|اصيبوا|مصابين){_E}")
_APPROX = frozenset(
    ("نحو", "قرابه", "حوالي", "زهاء", "اكثر", "اقل", "ما", "لا", "يقل", "عن", "يزيد", "يقارب",
     "يربو", "من", "علي", "الاقل", "بين")
)  # fmt: skip
_PERSON_SING = frozenset(
    ("جندي", "عنصر", "مدني", "شخص", "طفل", "ضابط", "امراه", "رجل", "قائد", "مقاتل", "عسكري",
     "مسلح", "فرد", "شاب", "طالب", "عامل", "صحفي", "ناشط", "مواطن", "سائق", "قيادي",
     "طفله", "مدنيه", "سيده", "فتاه", "طالبه", "مواطنه", "شابه", "فتي", "مسن", "مسنه",
     "زوج", "زوجه", "ابن", "ابنه", "شقيق", "شقيقه", "مرافق", "حارس", "معلم", "طبيب",
     "ممرض", "مسعف", "متطوع", "راع", "مزارع", "قائد", "امير", "شرطي", "عنصرا", "شهيد")
)  # fmt: skip
#: possessive endings on a person noun ("سائقها" her driver, "وطفلها" and her child)
_POSSESSIVE = re.compile(r"(?:ها|هم|هما|ه|نا)$")
#: duals whose plural is a different (broken) form, so the -ين/-ان ending is unambiguous
_PERSON_DUAL = {
    "جنديين": 2, "جنديان": 2, "عنصرين": 2, "عنصران": 2, "شخصين": 2, "شخصان": 2,
    "طفلين": 2, "طفلان": 2, "ضابطين": 2, "ضابطان": 2, "امراتين": 2, "امراتان": 2,
    "رجلين": 2, "رجلان": 2, "قائدين": 2, "قائدان": 2, "شابين": 2, "شابان": 2,
    "قتيلين": 2, "قتيلان": 2, "مواطنين": 0, "قياديين": 0,
    # nominative duals (-ان) are unambiguous even where the -ين form is also a plural
    "مدنيان": 2, "عسكريان": 2, "مقاتلان": 2, "مسلحان": 2, "مواطنان": 2, "قياديان": 2,
    "شهيدين": 2, "شهيدان": 2, "ابنين": 2, "ابنان": 2, "ابنتين": 2, "ابنتان": 2,
}  # fmt: skip
#: people a count may be of (singular after numbers 11+, plural after 3-10, with clitics)
_PEOPLE = re.compile(
    rf"{_W}{_CLITIC}(?:جنود|جندي|جنديا|عناصر|عنصر|عنصرا|مدني|مدنيين|مدنيا|مدنيون|اشخاص|شخص"
    r"|شخصا|مقاتلين|مقاتلا|مقاتل|عسكريين|عسكريا|اطفال|طفلا|نساء|ضباط|ضابطا|مسلحين|مسلحا"
    rf"|مواطنين|مواطنا|افراد|فردا|اعضاء|عاملين|عمال|شبان|رجال){_E}"
)
_PLURAL_MIN = {"عشرات": 20, "مئات": 200, "الاف": 2000, "العشرات": 20, "المئات": 200}

_UNITS = {
    "واحد": 1, "واحده": 1, "احد": 1, "اثنان": 2, "اثنين": 2, "اثنا": 2, "اثني": 2,
    "اثنتين": 2, "اثنتان": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
    "عشر": 10, "عشره": 10,
}  # fmt: skip
_TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}  # fmt: skip
_HUNDREDS = {"مئه": 100, "مائه": 100, "مئتين": 200, "مئتان": 200, "مائتين": 200}
_THOUSAND = {"الف": 1000, "الاف": 1000}


@dataclass(frozen=True, slots=True)
class Fatalities:
    """A stated death toll.

    Parameters
    ----------
    count : int or None
        The number stated, None when only a vague plural is given.
    minimum : int or None
        A lower bound (equal to ``count`` when a number is given).
    start, end : int
        Span of the phrase in the original text.
    """

    count: int | None
    minimum: int | None
    start: int
    end: int


def _strip(word: str) -> str:
    return re.sub(r"^(?:[وف]?(?:بال|لل|ال|ب|ل)?)(?=\w{3,})", "", word)


def parse_number(words: list[str]) -> tuple[int, int] | None:
    """Read a number at the start of ``words`` (digits or Arabic number words).

    Parameters
    ----------
    words : list of str
        Normalized words.

    Returns
    -------
    (value, n_words) or None
        The number and how many words it used.

    Examples
    --------
    >>> parse_number(["خمسه", "وعشرين", "جنديا"])
    (25, 2)
    >>> parse_number(["150", "عنصرا"])
    (150, 1)
    """
    if not words:
        return None
    w0 = words[0]
    if w0.isdigit():
        value, used = int(w0), 1
        if len(words) > 1 and words[1] in _THOUSAND:
            value, used = value * 1000, 2
        return value, used
    value, used = 0, 0
    for w in words[:4]:
        base = w[1:] if used and w.startswith("و") else w
        if base in _UNITS and value % 10 == 0 and value < 100 + 1000 * (value >= 1000):
            value += _UNITS[base]
        elif base in _TENS and value % 100 < 10:
            value += _TENS[base]
        elif base in _HUNDREDS and value == 0:
            value = _HUNDREDS[base]
        elif base == "عشر" and 0 < value < 10:
            value += 10
        else:
            break
        used += 1
    return (value, used) if used else None


def _person_count(word: str) -> int | None:
    """1 for a singular person noun (possessive allowed), 2 for an unambiguous dual."""
    w = _strip(word)
    if w != word and (word in _PERSON_SING or word in _PERSON_DUAL):
        w = word  # "فتاه", "وزوجه": the first letter is the word's own, not a clitic
    if w in _PERSON_DUAL:
        return _PERSON_DUAL[w] or None
    if w in _PERSON_SING or w.rstrip("ا") in _PERSON_SING:
        return 1
    bare = _POSSESSIVE.sub("", w)
    if bare != w and len(bare) >= 3 and (bare in _PERSON_SING or bare + "ه" in _PERSON_SING):
        return 1  # "سائقها", "طفلها" (طفله + ها is written طفلتها: طفلت → طفله)
    if bare.endswith("ت") and bare[:-1] + "ه" in _PERSON_SING:
        return 1  # "طفلتها", "زوجته"
    if bare != w and bare.endswith("ي") and _PERSON_DUAL.get(bare + "ن"):
        return _PERSON_DUAL[bare + "ن"]  # a dual in construct: "طفليها" her two children
    if bare != w and bare.endswith("ا") and _PERSON_DUAL.get(bare + "ن"):
        return _PERSON_DUAL[bare + "ن"]  # the same as a subject: "مواطنة وطفلاها"
    return None


def _and_more(words: list[str], j: int) -> tuple[int, int]:
    """People added to a toll by «و»: «قُتل قيادي … واثنان من مرافقيه», «مواطنة وطفلها».

    Returns (how many more, index after the last word used); looks at most 4 words on.
    """
    more, end = 0, j
    k = j
    while k < min(len(words), end + 4):
        w = words[k]
        if _WOUND.fullmatch(w) or _DEATH_NOUN.fullmatch(w) or _DEATH_VERB.fullmatch(w):
            break
        if w.startswith("و") and len(w) > 2:
            rest = [w[1:], *words[k + 1 : k + 4]]
            num = parse_number(rest)
            if num and num[0] < 1000:
                more, end = more + num[0], k + num[1]
                k = end
                continue
            pc = _person_count(w[1:])
            if pc:
                more, end = more + pc, k + 1
                k = end
                continue
        k += 1
    return more, end


def _object_killed(words: list[str], i: int, add) -> None:
    """Add the toll of a verb whose object is killed («اغتال مسلحون، ليلة أمس، عنصراً»).

    The first person noun (or count of people) within eight words after the verb, past its
    subject and time words, is killed; the subject is a plural or a group (مسلحون، خلايا),
    so a singular person noun right after the verb is taken for the subject.
    """
    for j in range(i + 1, min(i + 9, len(words))):
        w = words[j]
        if _WOUND.fullmatch(w) or w in ("في", "علي", "من", "الي"):
            return
        num = parse_number(words[j:])
        if num and j + num[1] < len(words) and _PEOPLE.fullmatch(words[j + num[1]]):
            add(i, j + num[1] + 1, num[0], num[0])
            return
        pc = _person_count(w)
        if pc is not None and j > i + 1:
            add(i, j + 1, pc, pc)
            return


def _tokens(norm: str) -> list[re.Match[str]]:
    return list(re.finditer(r"\w+", norm))


def find_fatalities(text: str) -> list[Fatalities]:
    """Return every death toll stated in a text.

    Parameters
    ----------
    text : str
        A sentence or clause as printed.

    Returns
    -------
    list of Fatalities
        In text order, non-overlapping.

    Examples
    --------
    >>> [f.count for f in find_fatalities("أسفر القصف عن مقتل 4 جنود وإصابة آخرين")]
    [4]
    """
    nt = norm_text(text)
    toks = _tokens(nt.norm)
    words = [t.group(0) for t in toks]
    out: list[tuple[int, int, int | None, int | None]] = []
    used: set[int] = set()

    def add(i: int, j: int, count: int | None, minimum: int | None) -> None:
        j = min(j, len(words))
        if any(k in used for k in range(i, j)):
            return
        used.update(range(i, j))
        out.append((i, j, count, minimum))

    # pass 1: a death word then a count ("مقتل 4 جنود", "قتل نحو 150")
    for i, w in enumerate(words):
        if _KILL_OBJECT.fullmatch(w):
            _object_killed(words, i, add)
            continue
        if not (_DEATH_NOUN.fullmatch(w) or _DEATH_VERB.fullmatch(w)):
            continue
        if i and _ATTEMPT.fullmatch(words[i - 1]):
            continue  # «محاولة اغتيال قيادي»: he survived
        k = i + 1
        # skip approximators and "تم"; stop at a wound word (killed *and wounded* N)
        while k < len(words) and k < i + 5 and (words[k] in _APPROX or words[k] == "تم"):
            k += 1
        if k < len(words) and _WOUND.fullmatch(words[k]):
            continue
        num = parse_number(words[k:])
        pc = _person_count(words[k]) if k < len(words) else None
        after_noun = parse_number(words[k + 1 :]) if k + 1 < len(words) else None
        if num:
            # «مقتل 3 عناصر … ومدني»: a noun coordinated after the count adds to it
            more, end = _and_more(words, k + num[1] + 1)
            add(i, max(k + num[1] + 1, end), num[0] + more, num[0] + more)
        elif k < len(words) and _strip(words[k]) in _PLURAL_MIN:
            add(i, k + 1, None, _PLURAL_MIN[_strip(words[k])])
        elif (pc is not None or (k < len(words) and _PEOPLE.fullmatch(words[k]))) and (
            after_noun is not None and after_noun[0] <= 2 and (pc is None or after_noun[0] == pc)
        ):
            # the number after its noun: "مدنيان اثنان", "مدنيين اثنين"
            add(i, k + 2, after_noun[0], after_noun[0])
        elif pc is not None and not after_noun:
            more, end = _and_more(words, k + 1)
            add(i, max(k + 1, end), pc + more, pc + more)
        else:
            # verb, subject, count: "قتلت الغارة 5 مدنيين", "قتل الطيران الروسي ثلاثة أطفال"
            for j in range(k + 1, min(k + 4, len(words))):
                if _WOUND.fullmatch(words[j]):
                    break
                num = parse_number(words[j:])
                if num and j + num[1] < len(words) and _PEOPLE.fullmatch(words[j + num[1]]):
                    add(i, j + num[1] + 1, num[0], num[0])
                    break
    # pass 2: a count of people, then the dead or a death verb ("4 من جنود … قتلوا")
    for i, w in enumerate(words):
        if _DEAD.fullmatch(w) and _strip(w) in ("قتيلين", "قتيلان"):
            add(i, i + 1, 2, 2)
            continue
        num = parse_number(words[i:]) if (w.isdigit() or w in _UNITS) else None
        if not num:
            continue
        n, used_words = num
        after = words[i + used_words : i + used_words + 12]
        if after and _DEAD.fullmatch(after[0]):
            add(i, i + used_words + 1, n, n)
            continue
        people = after[1:2] if after[:1] == ["من"] else after[:1]
        if not (people and _PEOPLE.fullmatch(people[0])):
            continue
        for off, a in enumerate(after):
            if _WOUND.fullmatch(a):
                break
            if _DEATH_VERB.fullmatch(a) and off >= 1:
                add(i, i + used_words + off + 1, n, n)
                break
    result = []
    for i, j, count, minimum in sorted(out):
        s, _ = nt.orig(toks[i].start(), toks[i].end())
        _, e = nt.orig(toks[j - 1].start(), toks[j - 1].end())
        result.append(Fatalities(count, minimum, s, e))
    return result


def total(found: list[Fatalities]) -> tuple[int | None, int | None]:
    """Sum several tolls of one event: (count or None, minimum or None).

    Parameters
    ----------
    found : list of Fatalities

    Returns
    -------
    (count, minimum)
        ``count`` is None unless every toll is a number.
    """
    if not found:
        return None, None
    mins = [f.minimum for f in found if f.minimum is not None]
    minimum = sum(mins) if mins else None
    if all(f.count is not None for f in found):
        return sum(f.count for f in found if f.count is not None), minimum
    return None, minimum
