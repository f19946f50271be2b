"""What kind of event a sentence reports, from Arabic cue words.

Every rule reads the *normalized* sentence (:func:`gazetteer.normalize.normalize_with_offsets`:
censorship dots, tatweel and diacritics gone, alef/ya/ta-marbuta folded, so قصـ.ف reads قصف)
and reports spans in the *original* sentence. Cue tables are written as stems; a word may
carry the usual proclitics (و ف ب ل ك ال لل). Written by hand: no maintained library does
Arabic event coding, and the cue lists are domain knowledge (ACLED's event and sub-event
types) rather than code.

Public functions: :func:`find_cues` (all cues of a sentence, each with its type and
sub-type), :func:`split_clauses`, :func:`is_planned`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from gazetteer.matcher import fast_normalize_with_offsets

__all__ = [
    "INCIDENT_PRIORITY",
    "Cue",
    "NormText",
    "find_cues",
    "is_planned",
    "norm_text",
    "remember",
    "split_clauses",
    "words_before",
]

_PREFIX = r"(?:[وف]?(?:بال|كال|لل|ال|ب|ل|ك)?)"


def word_re(*stems: str) -> re.Pattern[str]:
    """Compile whole-word alternatives that may carry proclitics (normalized spelling)."""
    alts = "|".join(sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<!\w){_PREFIX}(?:{alts})(?!\w)")


class NormText:
    """A text, its normalized form and the map back to original offsets.

    Build with :func:`norm_text` (cached): one sentence is read by several rules.
    """

    def __init__(self, text: str, *, _norm: str | None = None, _offs: list[int] | None = None):
        self.text = text
        if _norm is None or _offs is None:
            norm, offs = fast_normalize_with_offsets(text)
            self.norm, self._offs = norm, offs.tolist()
        else:
            self.norm, self._offs = _norm, _offs

    def orig(self, ns: int, ne: int) -> tuple[int, int]:
        """Return the original (start, end) of the normalized span [ns, ne)."""
        if ne <= ns:
            o = self._offs[ns] if ns < len(self._offs) else len(self.text)
            return o, o
        return self._offs[ns], self._offs[ne - 1] + 1

    def norm_pos(self, orig: int) -> int:
        """Return the normalized index of the first character at or after ``orig``."""
        return bisect.bisect_left(self._offs, orig)

    def slice(self, start: int, end: int) -> NormText:
        """Return the NormText of ``text[start:end]`` without normalizing again.

        Normalization is per character (plus censorship dots inside words), so a slice of
        the normalized whole equals the normalized slice for spans cut between words.
        """
        ns, ne = self.norm_pos(start), self.norm_pos(end)
        offs = [o - start for o in self._offs[ns:ne]]
        return NormText(self.text[start:end], _norm=self.norm[ns:ne], _offs=offs)


_CACHE: dict[str, NormText] = {}
_CACHE_MAX = 4096


def norm_text(text: str) -> NormText:
    """Return the (cached) :class:`NormText` of ``text``; treat it as read-only."""
    hit = _CACHE.get(text)
    if hit is None:
        hit = remember(NormText(text))
    return hit


def remember(nt: NormText) -> NormText:
    """Put a NormText (e.g. a :meth:`NormText.slice`) in :func:`norm_text`'s cache."""
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[nt.text] = nt
    return nt


_TOKEN = re.compile(r"\w+")


def words_before(norm: str, pos: int, n: int) -> list[str]:
    """Return the last ``n`` words of ``norm[:pos]`` (normalized), nearest last."""
    return _TOKEN.findall(norm[max(0, pos - 12 * n) : pos])[-n:]


def words_after(norm: str, pos: int, n: int) -> list[str]:
    """Return the first ``n`` words of ``norm[pos:]``."""
    return _TOKEN.findall(norm[pos : pos + 12 * n])[:n]


@dataclass(frozen=True, slots=True)
class Cue:
    """A word or phrase that signals an event.

    Parameters
    ----------
    event_type : str
        ``patrol``, ``observation_post``, ``incident`` or ``ceasefire``.
    sub_event_type : str or None
        E.g. ``joint_patrol``, ``post_established``, ``shelling``.
    start, end : int
        Span in the original sentence.
    surface : str
        The cue as normalized.
    generic : bool
        A cue that alone is too vague to code an incident (``هجوم``, ``مقتل``): it needs a
        place or a casualty count in its clause.
    target : str or None
        ``patrol`` for an attack on a patrol.
    """

    event_type: str
    sub_event_type: str | None
    start: int
    end: int
    surface: str
    generic: bool = False
    target: str | None = None


# --- incidents -------------------------------------------------------------------------
#: Sub-types from most to least specific; a clause with several cues takes the first.
INCIDENT_PRIORITY = (
    "car_bomb",
    "ied",
    "drone_strike",
    "airstrike",
    "shelling",
    "patrol_attack",
    "clashes",
    "shooting",
    "attack",
    "killing",
)

_INCIDENT_CUES: dict[str, re.Pattern[str]] = {
    "car_bomb": re.compile(
        rf"(?<!\w){_PREFIX}(?:سياره|سيارات|دراجه ناريه|دراجات ناريه|شاحنه|صهريج|عربه)"
        r" (?:ال)?مفخخه(?!\w)"
        rf"|(?<!\w){_PREFIX}(?:تفجير|انفجار) (?:ال)?(?:سياره|دراجه ناريه|شاحنه)(?!\w)"
    ),
    "ied": word_re(
        "عبوه ناسفه", "عبوات ناسفه", "عبوه متفجره", "عبوات متفجره", "لغم", "لغما", "الغام"
    ),
    "drone_strike": re.compile(
        rf"(?<!\w){_PREFIX}(?:طائره|طائرات|طائرتين|طائرتان|طيران)"
        r" (?:ال)?(?:مسير\w*|بدون طيار|بلا طيار|دون طيار)(?!\w)"
        rf"|(?<!\w){_PREFIX}(?:درون|الدرون|درونز)(?!\w)"
        r"|(?<!\w)[وف]?ب(?:ال)?مسير(?:ه|ات)(?!\w)"
        rf"|(?<!\w){_PREFIX}مسير(?:ه|ات) (?:ال)?(?:انتحاريه|مسلحه|تركيه|روسيه|مجهوله"
        r"|اسرائيليه|امريكيه|اميركيه|ايرانيه)(?!\w)"
    ),
    "airstrike": word_re(
        "غاره",
        "غارات",
        "غارتين",
        "غارتان",
        "غاره جويه",
        "غارات جويه",
        "طيران حربي",
        "الطيران الحربي",
        "طائرات حربيه",
        "الطائرات الحربيه",
        "طائره حربيه",
        "الطائره الحربيه",
        "طيران الحربي",
        "قصف جوي",
        "القصف الجوي",
        "ضربه جويه",
        "ضربات جويه",
        "الضربات الجويه",
        "طيران روسي",
        "الطيران الروسي",
        "طيران النظام",
        "طيران مروحي",
        "الطيران المروحي",
        "براميل متفجره",
        "البراميل المتفجره",
        "برميل متفجر",
        "قصف بالطيران",
    ),
    "shelling": word_re(
        "قصف",
        "قصفت",
        "قصفا",
        "يقصف",
        "تقصف",
        "قصف مدفعي",
        "قصف صاروخي",
        "صاروخي",
        "صاروخيه",
        "هجوم صاروخي",
        "هجمات صاروخيه",
        "قصف مدفعي",
        "مدفعي",
        "قذيفه",
        "قذائف",
        "قذيفتين",
        "صاروخ",
        "صواريخ",
        "صاروخين",
        "راجمات",
        "راجمه",
        "مدفعيه",
        "المدفعيه",
    ),
    "patrol_attack": re.compile(
        rf"(?<!\w){_PREFIX}(?:استهداف|استهدف|استهدفت|استهدفوا|يستهدف|هاجم|هاجمت|مهاجمه"
        r"|هجوم علي|هجوما علي|الهجوم علي|هجوم استهدف|هجوم يستهدف|اعتداء علي)"
        rf"(?: \w+){{0,2}} {_PREFIX}دوري(?:ه|ات|تين)(?!\w)"
    ),
    "clashes": word_re(
        "اشتباك",
        "اشتباكات",
        "اشتبكت",
        "اشتبك",
        "معارك",
        "معركه",
        "مواجهات",
        "اقتتال",
        "تبادل اطلاق النار",
        "تبادل لاطلاق النار",
        "محاوله تقدم",
        "محاولات تقدم",
        "محاوله تسلل",
        "محاولات تسلل",
        "تسلل",
    ),
    "shooting": word_re(
        "اطلاق النار",
        "اطلاق نار",
        "لاطلاق النار",
        "رصاص",
        "الرصاص",
        "برصاص",
        "قنص",
        "قناص",
        "رصاصه",
    ),
    "attack": word_re(
        "هجوم",
        "هجوما",
        "هجمات",
        "هجومين",
        "هاجم",
        "هاجمت",
        "استهداف",
        "استهدف",
        "استهدفت",
        "تستهدف",
        "يستهدف",
        "تفجير",
        "انفجار",
        "اغتيال",
        "اغتيل",
        "كمين",
    ),
    "killing": word_re(
        "مقتل",
        "قتل",
        "قتلي",
        "قتيل",
        "قتيلا",
        "قتيلين",
        "مصرع",
        "قتلوا",
        "قتلت",
        "استشهاد",
        "استشهد",
        "شهداء",
        "حتفهم",
        "حتفه",
        "ضحايا",
        "مجزره",
        "مجازر",
    ),
}
_GENERIC = frozenset({"attack", "killing"})

#: Words that, right before a cue, say it did not happen (or is a ceasefire, not a shot).
_BLOCK = word_re(
    "لن",
    "لم",
    "لا",
    "عدم",
    "منع",
    "وقف",
    "ايقاف",
    "تجنب",
    "حال",
    "حاله",
    "اذا",
    "رفض",
    "تعليق",
    "الغاء",
    "توقف",
    "خشيه",
    "تحذير",
    "حذر",
    "تهديد",
    "هدد",
    "ضمان",
)

# --- patrols, posts, ceasefires ---------------------------------------------------------
_PATROL_NOUN = word_re("دوريه", "دوريات", "دوريتين", "دوريتان")
_PATROL_ADJ_USE = word_re("بصوره", "بصفه", "بشكل", "اجتماعات", "اجتماع", "تقارير", "زيارات")
_PATROL_ACTION = word_re(
    "سير", "سيرت", "سيرا", "تسيير", "يسير", "تسير", "ستسير", "سيسير", "انطلقت", "انطلاق",
    "انطلاقا", "بدات", "بدا", "بدء", "ستبدا", "تبدا", "يبدا", "اجرت", "نفذت", "تنفيذ",
    "قامت", "ستقوم", "تقوم", "جابت", "تجوب", "وصلت", "تحركت", "التحرك", "عبرت", "مرت",
    "اختتمت", "انهت", "مشتركه", "مشترك", "مشتركتين", "مختصره", "مسير",
)  # fmt: skip
_PATROL_BLOCK = word_re(
    "تعليق", "ايقاف", "توقف", "الغاء", "وقف", "رفض", "عرقله", "منع", "تاجيل", "استئناف"
)
_POST_NOUN = re.compile(
    rf"(?<!\w){_PREFIX}(?:نقط(?:ه|تين|تي|تا|تان|ت)|نقاط)(?:ه|ها|هم|نا)?(?!\w)"
    rf"|(?<!\w){_PREFIX}(?:قاعده|قواعد|قاعدتين|قاعدتي)(?:ه|ها)? (?:ال)?(?:عسكريه|جويه|تركيه"
    r"|روسيه|امريكيه|اميركيه|ايرانيه|جديده)(?!\w)"
    rf"|(?<!\w){_PREFIX}(?:مواقع|موقع|مراكز|برج|ابراج) (?:ال)?(?:عسكري|عسكريه|مراقبه|تمركز)(?!\w)"
)
_POST_QUAL = word_re(
    "مراقبه", "المراقبه", "تمركز", "عسكريه", "تركيه", "روسيه", "جديده", "للجيش", "لقواتها",
    "لقواته", "للقوات", "مراقبتها",
)  # fmt: skip
_POST_SUBS = (
    (
        "post_withdrawn",
        word_re(
            "انسحب", "انسحبت", "انسحاب", "اخلت", "اخلاء", "اخلي", "سحب", "سحبت", "فكك",
            "فككت", "تفكيك", "غادرت", "مغادره",
        ),
    ),
    (
        "post_reinforced",
        word_re(
            "عزز", "عززت", "تعزيز", "تعزيزات", "دفع", "دفعت", "يدفع", "ارسل", "ارسلت", "يرسل",
            "رفدت", "رفد", "رتل", "رتلا", "ارتال", "ادخل", "ادخلت", "استقدم", "استقدمت",
        ),
    ),
    (
        "post_established",
        word_re(
            "ثبت", "ثبتت", "تثبيت", "انشا", "انشات", "انشاء", "اقام", "اقامت", "اقامه", "نشر",
            "نشرت", "استحدث", "استحدثت", "بنت", "بناء", "اضافت", "تمركزت", "تموضعت", "ثبيت",
        ),
    ),
)  # fmt: skip
_CEASEFIRE_NOUN = re.compile(
    rf"(?<!\w){_PREFIX}(?:وقف (?:ل)?(?:اطلاق )?(?:ال)?نار|هدنه|وقف (?:لل|ل|ال)?(?:عمليات|اعمال)"
    r" (?:ال)?قتاليه)(?!\w)"
)
_CEASEFIRE_DECLARE = word_re(
    "اعلن", "اعلنت", "اعلان", "يعلن", "تعلن", "اعلنا", "اتفق", "اتفقا", "اتفقت", "اتفقوا",
    "توصل", "توصلت", "توصلا", "توصلوا", "التوصل", "اقر", "اقرت", "ابرم", "ابرمت",
    "دخل", "دخول", "سريان", "يسري", "سري", "بدا", "بدء", "ساري", "سيبدا", "يبدا",
)  # fmt: skip
_CEASEFIRE_BLOCK = word_re(
    "تفاصيل", "بشان", "ضمان", "تحقيق", "انتهاك", "انتهاكات", "خرق", "خروقات", "حول",
    "نحو", "ضروره", "الحاجه", "العوده", "دعوه", "دعا", "يدعو", "طالب", "مطالبه", "جهود",
    "سعي", "خطوات", "تثبيت", "رغم", "مراقبه", "تبادل",
)  # fmt: skip
_AGREEMENT_TERMS = re.compile(
    r"(?<!\w)[وف]?(?:ال)?(?:اتفاق|اتفاقيه|مذكره|تفاهم|بروتوكول)\w*(?:\W+\w+){0,6}?\W+"
    r"(?:الذي |التي )?(?:اتاح|اتاحت|يتيح|نص|ينص|نصت|يقضي|قضي|تضمن|يتضمن|بموجبه|يسمح|سمح)"
    r"(?!\w)"
)
_TERMS_VERB_FIRST = re.compile(
    r"(?<!\w)[وف]?(?:نص|ينص|نصت|تنص|يقضي|يتضمن|تضمن|اتاح|يتيح|سمح|يسمح)\W+(?:ال)?"
    r"(?:اتفاق|اتفاقيه|مذكره|تفاهم|بروتوكول)(?!\w)"
)
_FUTURE = re.compile(
    r"(?<!\w)[وف]?(?:ستبدا|سيبدا|ستقوم|سيقوم|سيتم|ستتم|ستنطلق|سينطلق|ستسير|سيسير|ستجري|سيجري"
    r"|ستنفذ|سينفذ|ستنشئ|سينشئ|ستنشر|سينشر|ستعزز|ستنسحب|سينسحب|ستدخل|سيدخل|سيسري|سوف"
    r"|من المقرر|من المزمع|من المنتظر|المقرر|المزمع|يعتزم|تعتزم|تنوي|ينوي|مزمع|مقرر)(?!\w)"
)


def is_planned(text: str) -> bool:
    """Return whether a sentence speaks of something still to come (ستبدأ، من المقرر …).

    Parameters
    ----------
    text : str
        Original or normalized sentence.

    Returns
    -------
    bool
    """
    return bool(_FUTURE.search(norm_text(text).norm))


def split_clauses(text: str) -> list[tuple[int, int]]:
    """Split a sentence into clauses at commas, semicolons and dashes.

    Parameters
    ----------
    text : str
        A sentence.

    Returns
    -------
    list of (start, end)
        Spans covering the whole sentence, in order.
    """
    spans, start = [], 0
    for m in re.finditer(r"[،,؛;]|\s[–—-]\s", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()] or [(0, len(text))]


def _blocked(norm: str, ns: int, pattern: re.Pattern[str], n: int = 3) -> bool:
    return any(pattern.fullmatch(w) for w in words_before(norm, ns, n))


def _incident_cues(nt: NormText) -> list[Cue]:
    out: list[Cue] = []
    taken: list[tuple[int, int]] = []
    for sub in INCIDENT_PRIORITY:
        for m in _INCIDENT_CUES[sub].finditer(nt.norm):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if _blocked(nt.norm, m.start(), _BLOCK):
                continue
            taken.append((m.start(), m.end()))
            s, e = nt.orig(m.start(), m.end())
            target = "patrol" if sub == "patrol_attack" else None
            out.append(Cue("incident", sub, s, e, m.group(0), sub in _GENERIC, target))
    return out


def _patrol_cue(nt: NormText) -> Cue | None:
    norm = nt.norm
    if not _PATROL_ACTION.search(norm):
        return None
    for m in _PATROL_NOUN.finditer(norm):
        before = words_before(norm, m.start(), 1)
        if before and _PATROL_ADJ_USE.fullmatch(before[0]):
            continue
        if _blocked(norm, m.start(), _PATROL_BLOCK, 3):
            continue
        s, e = nt.orig(m.start(), m.end())
        return Cue("patrol", "joint_patrol" if _is_joint(norm) else "patrol", s, e, m.group(0))
    return None


def _is_joint(norm: str) -> bool:
    if re.search(r"مشترك", norm):
        return True
    ru, tr = re.search(r"(?<!\w)\S*روس", norm), re.search(r"(?<!\w)\S*(?:ترك|اتراك)", norm)
    return bool(ru and tr)


def _post_cue(nt: NormText) -> Cue | None:
    norm = nt.norm
    for m in _POST_NOUN.finditer(norm):
        noun = m.group(0)
        is_bare_point = "نق" in noun and " " not in noun
        before = words_before(norm, m.start(), 8)
        after = words_after(norm, m.end(), 1)
        best: tuple[int, str] | None = None
        for sub, pat in _POST_SUBS:
            for i, w in enumerate(reversed(before)):
                if pat.fullmatch(w) and (best is None or i < best[0]):
                    best = (i, sub)
        if best is None:
            # an action may follow the noun: "نقاط المراقبة التي انسحبت منها"
            for sub, pat in _POST_SUBS:
                if any(pat.fullmatch(w) for w in words_after(norm, m.end(), 5)):
                    best = (9, sub)
                    break
        if best is None:
            continue
        qualified = bool(after and _POST_QUAL.fullmatch(after[0]))
        possessive = is_bare_point and bool(re.search(r"(?:نقاط|نقطت)(?:ه|ها|هم|نا)$", noun))
        if best[0] > (8 if (qualified or possessive) else 1 if is_bare_point else 4):
            continue
        if _blocked(norm, m.start(), _BLOCK, 2):
            continue
        s, e = nt.orig(m.start(), m.end())
        return Cue("observation_post", best[1], s, e, noun)
    return None


def _ceasefire_cue(nt: NormText) -> Cue | None:
    norm = nt.norm
    for m in _CEASEFIRE_NOUN.finditer(norm):
        if _blocked(norm, m.start(), _CEASEFIRE_BLOCK, 4):
            continue
        before = words_before(norm, m.start(), 12)
        after = words_after(norm, m.end(), 6)
        declared = any(_CEASEFIRE_DECLARE.fullmatch(w) for w in before) or any(
            _CEASEFIRE_DECLARE.fullmatch(w) for w in after
        )
        if not declared:
            continue
        s, e = nt.orig(m.start(), m.end())
        return Cue("ceasefire", "ceasefire", s, e, m.group(0))
    return None


def agreement_terms(text: str, cue: Cue) -> bool:
    """Return whether ``cue`` describes what an agreement allows, not something that happened.

    ``اتفاق سوتشي … الذي أتاح لتركيا إقامة نقاط مراقبة`` → True.

    Parameters
    ----------
    text : str
        The sentence.
    cue : Cue
        A cue found in it.

    Returns
    -------
    bool
    """
    nt = norm_text(text)
    ns = nt.norm_pos(cue.start)
    return any(
        m.end() <= ns
        for pat in (_AGREEMENT_TERMS, _TERMS_VERB_FIRST)
        for m in pat.finditer(nt.norm)
    )


def find_cues(text: str) -> list[Cue]:
    """Return every event cue of a sentence, in text order.

    At most one patrol, one observation-post and one ceasefire cue per sentence (the
    first that qualifies); every incident cue (the caller groups them by clause).

    Parameters
    ----------
    text : str
        One sentence, as printed.

    Returns
    -------
    list of Cue
    """
    nt = norm_text(text)
    cues: list[Cue] = []
    for found in (_patrol_cue(nt), _post_cue(nt), _ceasefire_cue(nt)):
        if found is not None:
            cues.append(found)
    cues.extend(_incident_cues(nt))
    return sorted(cues, key=lambda c: (c.start, c.event_type))
