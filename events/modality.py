"""When an event word does not report an event: intentions, trends, back-references, escorts.

Arabic news prose names events it does not report. Each rule reads the *normalized*
sentence (:func:`gazetteer.normalize.normalize`) around one cue and says whether that cue
is not a report of a new event:

- **intention, plan or prospect** — the cue follows, in its clause, a verb of planning,
  intending, threatening, preparing, expecting or fearing: «كانوا يخططون لشن هجمات بطائرات
  مسيرة»، «تعتزم شن عملية»، «بهدف استهداف»، «يستعدون لهجوم»، «في محاولة لقصف»، «من
  المتوقع أن تشن هجوماً»، «تخشى الفصائل من هجوم»; or is followed by «وشيك/مرتقب/محتمل»;
- **trend** — the event noun is the subject of a verb of decrease or stopping («وكانت
  الغارات الروسية قد تراجعت»، «توقفت الدوريات»، «خفت حدة القصف»), or of increase when the
  clause speaks of a span of time («تصاعدت الغارات خلال الأسابيع الماضية»);
- **back-reference** — a demonstrative («هذه الغارات»، «ذلك القصف») or a definite noun after
  «بعد/عقب/إثر/منذ/رداً على» («بعد الانفجار»، «رداً على الغارات») points to an event told
  before, not a new one;
- **escort or surveillance drones** — «طائرات مسيرة لتأمين المنطقة جواً»، «رافقتها طائرات
  مسيرة»، «حلقت طائرات مسيرة في أجواء المنطقة»: no strike unless the clause also says one
  (استهدفت، قصفت، ألقت …).

Written by hand: these are rules of Arabic news prose, not something a library does.
"""

from __future__ import annotations

import re

from events import modality_counts as MC
from events.cues import word_re
from events.modality_frames import (
    clause_end,
    clause_start,
    conditional,
    denied,
    habitual,
    weapon_thing,
)

__all__ = [
    "back_reference",
    "claimed",
    "clause_start",
    "comparison",
    "denied",
    "escort_drone",
    "habitual",
    "intended",
    "motive",
    "not_reported",
    "since_tally",
    "trend",
    "weapon_thing",
]

_W = r"\w+"

#: verbs and nouns of planning, intending, threatening, preparing, attempting
INTENT = word_re(
    "يخطط", "يخططون", "تخطط", "خطط", "خططت", "خططوا", "تخطيط", "مخطط", "مخططا", "خطه",
    "يعتزم", "تعتزم", "يعتزمون", "اعتزام", "ينوي", "تنوي", "ينوون", "نيه", "نيتها", "نيته",
    "بهدف", "تهدف", "يهدف", "يهدد", "تهدد", "يهددون", "هدد", "هددت", "تهديد",
    "تهديدات", "متوعده", "توعد", "توعدت", "يتوعد", "يستعد", "تستعد", "يستعدون", "استعداد",
    "استعدادا", "تحضير", "تحضيرا", "تحضر", "يحضر", "يحضرون", "التحضير", "يسعي", "تسعي",
    "تحضيرات", "استعدادات", "لشن", "لتنفيذ", "للقيام",
    "يريد", "تريد", "محاوله", "محاولتها", "محاولته", "تحاول", "يحاول", "يحاولون", "حاول",
    "حاولت", "تمهيدا", "عزم", "عزمها", "نوايا", "المتوقع", "يتوقع", "تتوقع", "متوقع",
    "المرتقب", "مرتقب", "يرجح", "ترجح", "المحتمل", "محتمل", "احتمال", "تخشي", "يخشي",
    "خشيت", "مخاوف", "تخوف", "تخوفا", "تحذر", "يحذر", "حذرت", "حذروا", "محذرا",
    "محذره", "تحذير", "تحذيرات",
    # an ultimatum or deadline: «أمهل قوات النظام حتى نهاية الشهر للانسحاب»
    "امهل", "امهلت", "يمهل", "تمهل", "مهله", "انذار", "انذارا",
)  # fmt: skip
_WARNED = frozenset(("وحذر", "فحذر"))
#: «لشن هجوم»: a purpose … unless after «عاد/عاود» («عاد الطيران لشن غارات»: resumed)
_PURPOSE = frozenset(("لشن", "لتنفيذ", "للقيام", "ولشن"))
_RESUMED = frozenset(
    ("عاد", "عادت", "وعاد", "وعادت", "يعود", "تعود", "عاود", "عاودت", "وعاود", "وعاودت")
)
#: after the event noun: it is only expected ("هجوم وشيك", "عملية مرتقبة")
_PROSPECT = re.compile(
    r"\s+(?:ال)?(?:وشيك|وشيكه|محتمل|محتمله|مرتقب|مرتقبه|متوقع|متوقعه|مزمع|مزمعه|مفترض|مفترضه)"
    r"(?!\w)"
)
#: nouns the "attempt" words may govern as real events (an attempted advance is a clash,
#: an attempted assassination an attack)
_ATTEMPT = frozenset(
    ("محاوله", "محاولتها", "محاولته", "تحاول", "يحاول", "يحاولون", "حاول", "حاولت")
)
_ATTEMPT_OK = re.compile(r"(?:تقدم|تسلل|اغتيال|اقتحام|التفاف)")

#: decrease or stop: the event noun as their subject reports no event
TREND_DOWN = word_re(
    "تراجع", "تراجعت", "يتراجع", "تتراجع", "توقف", "توقفت", "يتوقف", "تتوقف", "انخفض",
    "انخفضت", "ينخفض", "تنخفض", "تقلص", "تقلصت", "خف", "خفت", "هدا", "هدات", "انحسر",
    "انحسرت", "تضاءل", "تضاءلت", "غاب", "غابت", "تلاشت", "انقطع", "انقطعت", "تجمد",
    "تجمدت", "علقت", "توقفا",
)  # fmt: skip
#: increase: a trend only when the clause speaks of a span of time
TREND_UP = word_re(
    "تصاعد", "تصاعدت", "يتصاعد", "تتصاعد", "تزايد", "تزايدت", "يتزايد", "تتزايد", "ازداد",
    "ازدادت", "ارتفع", "ارتفعت", "تكثف", "تكثفت", "تكررت", "تتكرر",
)  # fmt: skip
_SPAN = re.compile(
    r"(?<!\w)(?:منذ|خلال|مؤخرا|الاونه|لاسابيع|لاشهر|لايام|الاسابيع|الاشهر|الايام|الفتره"
    r"|الماضيه|الاخيره)(?!\w)"
)
#: "the pace/intensity of" before an event noun
_MEASURE = word_re("وتيره", "حده", "معدل")
_FILLER = re.compile(r"ال\w+|\w+يه|قد|كانت|كان|ايضا|بدورها|بدوره|علي|في|بين")

DEMONSTRATIVE = frozenset(
    ("هذه", "هذا", "تلك", "ذلك", "هذين", "هاتين", "هذان", "هاتان", "هؤلاء", "اولئك",
     "وهذه", "وهذا", "وتلك", "وذلك")
)  # fmt: skip
_AFTER_EVENT = frozenset(("منذ", "ومنذ", "ردا", "رد", "وردا", "انتقاما", "وانتقاما"))
#: "after the explosion": a back-reference for the generic cues (an explosion, an attack)
_AFTER_GENERIC = frozenset(("بعد", "عقب", "اثر", "وبعد", "وعقب", "واثر", "بعيد"))

#: a claim of responsibility refers to an event already told («تبنت … الهجوم»)
CLAIM = word_re(
    "تبنت", "تبني", "يتبني", "تتبني", "تبنيه", "تبنيها", "تبنوا", "مسؤوليتها", "مسؤوليته",
    "مسؤوليتهم", "المسؤوليه", "بالمسؤوليه", "مسؤوليه",
)  # fmt: skip
#: «هجمات مماثلة»: a comparison with other events, not a report
_SIMILAR = re.compile(r"\s+(?:ال)?(?:مماثله|مماثل|مشابهه|مشابه|شبيهه)(?!\w)")
_PLURAL_EVENT = re.compile(r"(?:هجمات|غارات|عمليات|ضربات|تفجيرات|اعتداءات|حوادث)$")
#: «منذ بدء الهدنة/مطلع العام/توقيع الاتفاق»: a span from a starting point
_SINCE = re.compile(
    r"(?<!\w)و?منذ\s+(?:\w+\s+)?(?:بدء|بدايه|مطلع|اول|توقيع|دخول|سريان|اعلان|انطلاق|"
    r"انتهاء|نهايه|اندلاع)(?!\w)"
    # «منذ أسبوعين»، «منذ ثلاثة أشهر»: a span back from now
    r"|(?<!\w)و?منذ\s+(?:\w+\s+)?(?:اسبوعين|اسابيع|شهر|شهرين|اشهر|اعوام|سنوات|عامين|سنتين"
    r"|ايام)(?!\w)"
)
#: a clause that tells what the one before it resulted in
_RESULTED = re.compile(r"\s*(?:ما\s+|مما\s+)?(?:ادي|ادت|اسفر|اسفرت|خلف|خلفت|حصد|حصدت)(?!\w)")
_DAILY = re.compile(r"(?<!\w)شبه\s+(?:ال)?يومي|(?<!\w)(?:بشكل|بصوره)\s+(?:شبه\s+)?(?:يومي|متكرر)")
_COUNT_SKIP = frozenset(
    ("نحو", "قرابه", "حوالي", "زهاء", "اكثر", "من", "ما", "لا", "يقل", "عن", "يزيد", "علي")
)

_EARLIER = re.compile(r"\s+(?:ال)?(?:سابقه|سابق|ماضيه|فائته)(?!\w)")
#: «الهجمات الأخيرة»: the recent ones, summed up (a definite plural + «الأخيرة»)
_RECENT = re.compile(r"\s+(?:ال)?(?:اخيره)(?!\w)")
#: an accusation of generic plural events: «متهماً الهيئة بشن هجمات على …»
_ACCUSE = word_re("متهما", "متهمه", "اتهم", "اتهمت", "تتهم", "يتهم", "اتهموا", "متهمين")
_PLURAL_INDEF = re.compile(r"^[وفب]?(?:هجمات|غارات|اعتداءات|عمليات|ضربات|تفجيرات)$")
#: "the dead", "the victims" (definite plurals) refer to the dead of an event already told
_THE_DEAD = re.compile(
    r"[وفبل]{0,2}ال(?:قتلي|ضحايا|شهداء|قتيل|قتيلين|قتيلان|ضحيه|شهيد|شهيدين|شهيدان|مقتول)"
)
#: before a definite "the dead": they were counted already
_AMONG = frozenset(("بين", "عدد", "حصيله", "اجمالي", "مجموع"))

#: drones that escort a patrol, secure an area or watch it
ESCORT = word_re(
    "لتامين", "تامين", "بتامين", "لحمايه", "حمايه", "لمراقبه", "مراقبه", "بمراقبه", "ترافق",
    "يرافق", "رافقت", "رافقتها", "رافقته", "رافقها", "ترافقها", "ترافقه", "مرافقه",
    "بمرافقه", "مرافقتها", "حلقت", "تحلق", "يحلق", "حلق", "تحليق", "تحوم", "حامت",
    "استطلاع", "للاستطلاع", "الاستطلاع", "استطلاعيه", "تصوير", "لتصوير", "رصد", "لرصد",
    "ترصد", "تغطيه", "جوا", "الاجواء", "اجواء", "سماء", "مشاركه", "بمشاركه",
)  # fmt: skip
#: … unless the clause also tells a strike
STRIKE = word_re(
    "استهدف", "استهدفت", "تستهدف", "يستهدف", "استهداف", "قصف", "قصفت", "تقصف", "ضرب",
    "ضربت", "ضربه", "ضربات", "شن", "شنت", "القت", "القي", "اطلقت", "اطلق", "غاره",
    "غارات", "هاجم", "هاجمت", "هجوم", "مقتل", "قتل", "قتلت", "اصابه", "اصيب", "دمرت",
    "دمر", "صاروخ", "صاروخين", "صواريخ", "قنبله", "قنابل", "انفجرت", "انفجر", "تنفجر",
    "مفخخه", "انتحاريه",
)  # fmt: skip


_AIRCRAFT = re.compile(r"طائر|طيران|مروحي")


def intended(norm: str, ns: int, ne: int = -1, *, n: int = 6) -> bool:
    """Return whether the cue (or place) at ``norm[ns:ne]`` is only planned or threatened.

    Parameters
    ----------
    norm : str
        Normalized sentence.
    ns, ne : int
        The cue's span in ``norm`` (``ne`` is not needed).
    n : int, optional
        How many words before the cue (inside its clause) may hold the intention word.

    Returns
    -------
    bool
    """
    before = re.findall(_W, norm[clause_start(norm, ns) : ns])[-n:]
    for i, w in enumerate(before):
        # «وحذّر المبعوث من …» (the verb; a bare «حذر» may be «هدوء حذر», cautious calm)
        if INTENT.fullmatch(w) or w in _WARNED:
            bare = re.sub(r"^(?:[وف]?(?:ب|ل|بال|ال|لل)?)", "", w)
            nxt = before[i + 1] if i + 1 < len(before) else norm[ns : ns + 12]
            if (w in _ATTEMPT or bare in _ATTEMPT) and _ATTEMPT_OK.search(nxt):
                continue  # an attempted advance or assassination happened
            if w in _PURPOSE and any(x in _RESUMED for x in before[max(0, i - 3) : i]):
                continue  # «عاد الطيران لشن غارات»: resumed, it happened
            return True
    return False


def trend(norm: str, ns: int, ne: int) -> bool:
    """Return whether the cue is the subject of a trend verb (تراجعت الغارات), not a report."""
    after = re.findall(_W, norm[ne : clause_end(norm, ne)])[:6]
    subject_of: str | None = None
    for w in after:
        if TREND_DOWN.fullmatch(w) or TREND_UP.fullmatch(w):
            subject_of = w
            break
        if not _FILLER.fullmatch(w):
            break
    before = re.findall(_W, norm[clause_start(norm, ns) : ns])[-2:]
    if subject_of is None:
        for w in reversed(before):
            if TREND_DOWN.fullmatch(w) or TREND_UP.fullmatch(w):
                subject_of = w
                break
            if not _MEASURE.fullmatch(w):
                break
    if subject_of is None:
        return False
    if TREND_DOWN.fullmatch(subject_of):
        return True
    cs = clause_start(norm, ns)
    return bool(_SPAN.search(norm[cs : clause_end(norm, ne)]))


def back_reference(norm: str, ns: int, ne: int | None = None, *, generic: bool = False) -> bool:
    """Return whether the cue points back to an event told before.

    «هذه الغارات»، «ذلك القصف»، «الدوريات السابقة»; a definite noun after
    «بعد/عقب/إثر/منذ/رداً على» («بعد الانفجار»، «رداً على الغارات»).
    """
    before = re.findall(_W, norm[max(0, ns - 40) : ns])[-2:]
    definite = re.match(r"(?:[وف]?(?:بال|لل|ال))", norm[ns : ns + 4]) is not None
    # «بعد اختطافه»، «بعد يومين من اختطافه»: the victim's abduction, told as background
    if ne is not None and norm[ns:ne].endswith(("افه", "افها", "افهم")):
        near = re.findall(_W, norm[max(clause_start(norm, ns), ns - 40) : ns])[-4:]
        if any(w in _AFTER_GENERIC or w in _AFTER_EVENT for w in near):
            return True
    if definite and before and before[-1] in DEMONSTRATIVE:
        return True  # "هذه الغارات" (but "ورغم ذلك قصفت" is a new report)
    if ne is not None and _EARLIER.match(norm, ne):
        return True  # "الدوريات السابقة", "الغارات الماضية": earlier ones, told as background
    if ne is not None and _RECENT.match(norm, ne) and _PLURAL_EVENT.search(norm[ns:ne]):
        return True  # «الهجمات الأخيرة أسفرت عن …»: the recent ones, summed up
    if not definite:
        return False
    after = _AFTER_EVENT | _AFTER_GENERIC if generic else _AFTER_EVENT
    if before and before[-1] in after:
        return True
    if generic and before and before[-1] in _AMONG:
        return True  # "ومن بين القتلى", "ارتفع عدد الضحايا": the dead already counted
    if _THE_DEAD.fullmatch(norm, ns, ne):
        return True  # "انتشال الضحايا", "تشييع الشهداء": the dead of an event told before
    return len(before) == 2 and before[-1] == "علي" and before[0] in _AFTER_EVENT


def motive(norm: str, ns: int) -> bool:
    """Return whether the cue is the motive «رداً على قصف …» / «انتقاماً لمقتل …».

    The event answered was reported elsewhere (or is background); the sentence's own
    event is the one its main verb tells.
    """
    before = re.findall(_W, norm[max(0, ns - 30) : ns])[-2:]
    if before and re.fullmatch(r"و?انتقاما?", before[-1]):
        return True
    return len(before) == 2 and before[-1] == "علي" and before[0] in ("ردا", "رد", "وردا")


def claimed(norm: str, ns: int, ne: int | None = None) -> bool:
    """Return whether the cue is claimed, not reported.

    The object of a claim of responsibility («تبنت الهجوم»), or an indefinite plural in an
    accusation («متهماً الهيئة بشن هجمات على مواقع الجيش»).
    """
    before = re.findall(_W, norm[clause_start(norm, ns) : ns])[-8:]
    if any(CLAIM.fullmatch(w) for w in before):
        return True
    return (
        ne is not None
        and _PLURAL_INDEF.match(norm[ns:ne]) is not None
        and any(_ACCUSE.fullmatch(w) for w in before)
    )


#: «كما هو الحال في/مع …»، «على غرار …»، «أسوة بـ …»، «شأنها شأن …»: what follows is held up
#: for comparison, not reported
_AS_IN = re.compile(
    r"(?<!\w)(?:[وف]?كما هو الحال|[وف]?كما كان الحال|[وف]?علي غرار|[وف]?اسوه|شانها شان"
    r"|شانه شان|[وف]?مثلما حدث|[وف]?كما حدث)(?!\w)"
)
_COMPARED_PLURAL = re.compile(
    r"(?:هجمات|غارات|عمليات|ضربات|تفجيرات|اعتداءات|حوادث)\s+(?:ال)?(?:مماثله|مشابهه|شبيهه)(?!\w)"
)


def comparison(norm: str, ns: int, ne: int) -> bool:
    """Return whether an event word is only compared with.

    «هجمات مماثلة» (a plural event noun + «مماثلة/مشابهة»); a cue after it in its clause
    tells those other events («هجمات مماثلة استهدفت مدنيين»); so does a cue after «كما هو
    الحال في»، «على غرار»، «أسوة بـ» in its clause. «استهدفت مسيّرة مماثلة دراجة» (a
    singular: one more such event) is still a report.
    """
    if _SIMILAR.match(norm, ne) and _PLURAL_EVENT.search(norm[ns:ne]):
        return True
    cs = clause_start(norm, ns)
    return bool(_AS_IN.search(norm, cs, ns) or _COMPARED_PLURAL.search(norm, cs, ns))


def _is_count(word: str) -> bool:
    if word.isdigit():
        return 2 <= int(word) < 1900  # not a year
    return word in _COUNT_WORDS


_COUNT_WORDS = frozenset(
    ("اثنين", "اثنان", "ثلاث", "ثلاثه", "اربع", "اربعه", "خمس", "خمسه", "ست", "سته", "سبع",
     "سبعه", "ثماني", "ثمانيه", "تسع", "تسعه", "عشر", "عشره", "عشرات", "مئات", "العشرات",
     "المئات", "الاف", "عشرين", "ثلاثين", "اربعين", "خمسين", "مئه", "مائه")
)  # fmt: skip


def since_tally(norm: str, ns: int, ne: int) -> bool:
    """Return whether the cue is counted since a starting point: a tally, not one event.

    «وثّق منذ بدء الهدنة مقتل أكثر من 200 شخص»، «شهدت المدينة منذ مطلع العام 14 تفجيراً»،
    «منذ توقيع الاتفاق عمليات اغتيال شبه يومية»: «منذ» + a start point before the cue in
    its clause, and a count of the events (or of the dead) or «شبه يومية».
    """
    cs, ce = clause_start(norm, ns), clause_end(norm, ne)
    if cs > 1 and _RESULTED.match(norm, cs):
        cs = clause_start(norm, cs - 1)  # «… منذ أسبوعين، أدى لمقتل 40»: the clause before
    since = list(_SINCE.finditer(norm, cs, ns))
    if not since:
        return False
    if _DAILY.search(norm, ne, ce):
        return True
    if any(_is_count(w) for w in re.findall(_W, norm[since[-1].end() : ns])):
        return True  # "14 تفجيرا", "14 تفجيرا بسيارات مفخخة وعبوات ناسفة"
    for w in re.findall(_W, norm[ne:ce])[:6]:
        if _is_count(w):
            return True  # "مقتل أكثر من 200 شخص"
        if w not in _COUNT_SKIP:
            break
    return False


def escort_drone(norm: str, ns: int, ne: int) -> bool:
    """Return whether drones named at ``norm[ns:ne]`` escort or watch, and strike nothing."""
    cs, ce = clause_start(norm, ns), clause_end(norm, ne)
    clause = norm[cs:ce]
    words = re.findall(_W, clause)
    if not any(ESCORT.fullmatch(w) for w in words):
        return False
    return not any(STRIKE.fullmatch(w) for w in words)


def not_reported(norm: str, ns: int, ne: int, *, sub: str | None, generic: bool = False) -> bool:
    """Return whether the cue at ``norm[ns:ne]`` does not report a new event.

    Parameters
    ----------
    norm : str
        Normalized sentence.
    ns, ne : int
        The cue's span in ``norm``.
    sub : str or None
        The cue's sub-type (escorts are checked for drones and for aircraft named as an
        airstrike cue, «طائرات روسية»).
    generic : bool, optional
        A generic cue (هجوم، انفجار، مقتل): «بعد الانفجار» is a back-reference too.

    Returns
    -------
    bool
    """
    if (
        intended(norm, ns, ne)
        or trend(norm, ns, ne)
        or back_reference(norm, ns, ne, generic=generic)
        or _PROSPECT.match(norm, ne)
        or claimed(norm, ns, ne)
        or motive(norm, ns)
        or comparison(norm, ns, ne)
        or (sub in ("shelling", "ied", "drone_strike") and weapon_thing(norm, ns))
        or denied(norm, ns)
        or habitual(norm, ns, ne)
        or conditional(norm, ns)
        or MC.counted_cases(norm, ns, ne)
        or MC.rumour_denied(norm, ns)
        or (sub == "killing" and MC.natural_death(norm, ns))
        or (sub in ("drone_strike", "airstrike") and MC.means_of_offensive(norm, ns))
        or (sub == "clashes" and MC.arrest_raid(norm, ns, ne))
    ):
        return True
    if sub == "drone_strike" or (sub == "airstrike" and _AIRCRAFT.search(norm[ns:ne])):
        return escort_drone(norm, ns, ne)
    return False
