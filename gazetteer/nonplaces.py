"""Words that look like place names but are not: actors, persons, common words.

Generic rules first, word lists second:

* **Actor heads** — a name directly after a word that opens the name of an organisation,
  armed group or outlet (وكالة، فيلق، جيش، لواء، هيئة، حركة، كتائب، قوات، شبكة …) is part of
  that name: ``فيلق الشام``, ``وكالة «الأناضول»``, ``قوات الأسد``.
* **Person links** — after ``ابن/بن/أبو/أم/آل`` (a name that *starts* with أبو, such as
  ``أبو الظهور``, is matched whole and is not affected) or after a common given name
  (``بشار الأسد``, ``حافظ الأسد``), a place word is a family name.
* **Outlet tails** — a name directly followed by ``للأنباء`` or ``الإخبارية`` is an outlet.
* **Actor phrases** — multi-word actors whose words are not an actor head (``هيئة تحرير
  الشام`` is covered by the head rule, ``تحرير الشام`` alone is not): a short list.
* **Common words** — a one-word name that is also a frequent Arabic word (``الحرب``،
  ``النظام``، ``السلام``، ``الباب``، ``الله`` …) is only a place with a settlement word
  before it (قرية، بلدة، مدينة، ريف، حي …) or a containment hint after it (``… بريف حلب``).
  The list is typed here from general news vocabulary (function words, weekdays and months,
  military and political nouns, nisba adjectives of countries), not from any sample text.
* **Frequent words** — the same rule for a one-word name whose Zipf frequency in the
  ``wordfreq`` Arabic list reaches :func:`frequency_threshold` of its most prominent
  candidate (``زيارة``، ``بدأ``، ``الرابعة``، ``وإن`` → Van): villages need a rare name,
  big cities and countries may have a frequent one (``حلب``، ``موسكو``).
* **Short names** — a one-word name of at most three letters (article aside) that is not a
  prominent place needs a locative word before it (في، قرب، شرق، قرية …) or the
  preposition ب attached, or a containment hint after it.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from gazetteer.matcher import _DROP, _FOLD, PROCLITICS, match_form
from gazetteer.model import Place

__all__ = [
    "ACTOR_PHRASES",
    "CONTAIN_WORDS",
    "NEAR_WORDS",
    "STOP_WORDS",
    "actor_before",
    "frequency_threshold",
    "has_strong_context",
    "has_weak_context",
    "hint_after",
    "is_common_word",
    "is_outlet_tail",
    "is_plural_pattern",
    "plural_needs_context",
    "strip_clitics",
    "word_zipf",
]


def _forms(words: str) -> frozenset[str]:
    return frozenset(match_form(w) for w in words.split())


#: Words that open the name of an organisation, armed group or outlet.
ORG_HEADS = _forms(
    "وكالة وكالات فيلق جيش لواء ألوية هيئة حركة كتائب كتيبة سرايا جبهة تجمع فرقة فصيل فصائل "
    "حزب تنظيم ميليشيا ميليشيات مليشيا مليشيات قوات نظام شبكة قناة إذاعة صحيفة جريدة "
    "تلفزيون مرصد منظمة جمعية اتحاد تيار ائتلاف غرفة"
)
#: Words after which a place word is a family name (آل folds to ال).
PERSON_LINKS = _forms("ابن بن بنت أبو أبي أم آل عائلة عشيرة")
#: Common given names (a place word right after one is a surname). Not علي: after folding
#: ى→ي it is the preposition على.
FIRST_NAMES = _forms(
    "بشار حافظ ماهر باسل رفعت أسماء بشرى محمد أحمد محمود حسن حسين عمر خالد سهيل "
    "عبد عبدالله فيصل سليمان إبراهيم يوسف مصطفى جميل جمال سامر طلال رامي فراس مازن "
    "هشام وليد زياد فادي رياض عماد عصام نزار سمير كمال منذر أنس معاذ"
)
#: Words right after an outlet's name.
OUTLET_TAILS = _forms("للأنباء للانباء الإخبارية الإخباري للإعلام الإعلامي للدراسات الإعلامية")
#: Multi-word actors that contain a place word and open with no actor head.
ACTOR_PHRASES = (
    "تحرير الشام",
    "أحرار الشام",
    "صقور الشام",
    "أجناد الشام",
    "سوريا الديمقراطية",
    "مجلس سوريا الديمقراطية",
    "الجبهة الوطنية للتحرير",
    "الجيش الوطني السوري",
    "الجيش السوري الحر",
    "حراس الدين",
    "حزب الله",
    "سرايا القدس",
    "بشار الأسد",
    "حافظ الأسد",
    "ماهر الأسد",
)
#: Settlement and area words: strong context for a name that is also a common word.
STRONG_WORDS = _forms(
    "قرية قريتي قرى بلدة بلدتي بلدات مدينة مدينتي مدن ريف ريفي حي أحياء مخيم مخيمات "
    "ناحية منطقة مزرعة مزارع تلة جبل سهل وادي محافظة"
)
#: Frequent plural common nouns (of places and of actors): never a village on their own,
#: not even joined by «و» to a place named before (``خان شيخون والقرى المحيطة بها``).
PLURAL_NOUNS = _forms(
    "قرى مدن بلدات مناطق أحياء مخيمات مزارع قوات فصائل عناصر أهالي مواقع نقاط جبهات محاور"
)
#: Nouns for kinds of place (a farm, villages): never a place name on their own.
GENERIC_NOUNS = (
    STRONG_WORDS
    | PLURAL_NOUNS
    | _forms(
        "المزرعة المزارع القرية القرى البلدة المدينة الحي المخيم التلة الوادي القلعة الحاجز "
        "معمل المعمل بئر البئر ضيعة الضيعة"
    )
)
#: Locative words: enough context for a short name.
WEAK_WORDS = _forms(
    "في إلى الى نحو باتجاه قرب بالقرب محيط أطراف شرق غرب شمال جنوب شرقي غربي شمالي جنوبي "
    "من عند داخل حول بين مدخل أطراف وصولا وصولاً حتى"
)
#: First words of compound village names (كفر حلب، تل حلب، عين الباب): a known name right
#: after one of them, with nothing attached in front, is the tail of a compound the table
#: does not know (a known compound is matched whole, the longest match winning).
COMPOUND_HEADS = _forms("كفر عين تل دير خربة بيت جسر رأس معرة أم أبو مزرعة")
#: Between a name and a following place: the name lies inside that place.
CONTAIN_WORDS = _forms("ريف ريفي محافظة ناحية قضاء ضمن داخل")
#: Between a name and a following place: the name lies near that place.
NEAR_WORDS = _forms(
    "قرب بالقرب محيط أطراف شرق غرب شمال جنوب شرقي غربي شمالي جنوبي الشرقي الغربي "
    "الشمالي الجنوبي جنوب شرق غرب شمال مقابل"
)
#: Words allowed between a name and its hint (``الواقعة غرب مدينة سراقب``).
FILLER_WORDS = _forms("الواقعة الواقع الواقعتين في على من مدينة بلدة قرية كم كيلومتر كيلومترات")

#: Frequent Arabic words that are also village names somewhere (typed, general vocabulary).
STOP_WORDS = _forms(
    # function words, pronouns, particles
    "في من على إلى عن مع بين تحت فوق قبل بعد عند حول خلال ضد نحو حتى منذ لدى أمام خلف وراء "
    "هذا هذه ذلك تلك هنا هناك التي الذي الذين كل بعض غير سوى أي كما لكن إذا إذ لما ثم "
    "هو هي هم نحن أنا أنت الله والله بسم إلا ليس كان كانت يكون قد لقد لن لم "
    # calendar
    "السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة اليوم أمس غدا الليلة الصباح المساء "
    "كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين يناير فبراير مارس أبريل مايو "
    "يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر رمضان العيد "
    # politics and war
    "الحرب حرب المعارضة معارضة النظام نظام الدولة دولة السلام سلام القوات قوات الجيش جيش "
    "الحكومة حكومة الرئيس رئيس الوزير وزير الثورة ثورة الحرية حرية الكرامة كرامة النصر نصر "
    "الفتح فتح العزة عزة الوحدة وحدة الأمل أمل الخير خير النور نور الحق حق العدل عدل "
    "الشعب شعب الوطن وطن الأمن أمن الدفاع دفاع الهجوم هجوم القصف قصف الغارة غارة المعركة "
    "معركة الاتفاق اتفاق الهدنة هدنة الدورية دورية النقطة نقطة الحدود حدود المعبر معبر "
    "الطريق طريق المطار مطار القاعدة قاعدة المركز مركز المنطقة منطقة الشرق شرق الغرب غرب "
    "الشمال شمال الجنوب جنوب الوسط وسط الساحل ساحل الجبل جبل السهل سهل النهر نهر البحر بحر "
    "الباب باب الجسر جسر القصر قصر البرج برج السوق سوق الجامع جامع المسجد مسجد المدرسة "
    "مدرسة المشفى مشفى المستشفى الملك ملك السلطان سلطان الأمير أمير الشيخ شيخ الإمام إمام "
    "المجلس مجلس اللجنة لجنة الأمم المتحدة الاتحاد الجبهة جبهة الفرقة فرقة اللواء الفيلق "
    "العملية عملية الهيئة هيئة الحركة حركة الائتلاف المرصد الوكالة وكالة الإرهاب إرهاب "
    "الشهداء شهداء الشهيد شهيد الأحرار أحرار الثوار ثوار المقاومة مقاومة التحرير تحرير "
    "الإنقاذ إنقاذ الخلافة العرب عرب الكرد الأكراد التركمان الروس الأتراك الأسد أسد "
    "العاصمة عاصمة الجديدة الجديد القديمة القديم الكبير الكبيرة الصغير الصغيرة الأول الأولى "
    "الثاني الثانية الثالث الرابع الخامس السادس الأخير الأخيرة العام عام الشهر شهر "
    "المدينة مدينة القرية قرية البلدة بلدة المحافظة محافظة الريف ريف الحي حي المخيم مخيم "
    "المزرعة مزرعة المزارع مزارع التلة تلة الوادي وادي القلعة قلعة الحاجز حاجز المعمل معمل "
    "البئر بئر الضيعة ضيعة "
    "الخط خط الجبهات الأرض أرض الماء ماء الكهرباء الخبز النفط الغاز الزيت القمح "
    "الإعلام إعلام الأنباء الأخبار أخبار الصحفي البيان بيان المصدر مصدر "
    # nisba adjectives of countries and peoples (never a mention of the country)
    "السوري السورية الروسي الروسية التركي التركية الأمريكي الأمريكية الأميركي الأميركية "
    "الإيراني الإيرانية العراقي العراقية اللبناني اللبنانية الأردني الأردنية الإسرائيلي "
    "الإسرائيلية الفرنسي الفرنسية البريطاني البريطانية الألماني الألمانية العربي العربية "
    "الكردي الكردية الدولي الدولية الوطني الوطنية الإسلامي الإسلامية"
)


@lru_cache(maxsize=65536)
def strip_clitics(word: str) -> frozenset[str]:
    """Return the word and every reading of it with attached proclitics removed.

    Parameters
    ----------
    word : str
        One match-form word.

    Returns
    -------
    frozenset of str
    """
    out = {word}
    for p in PROCLITICS:
        if p and word.startswith(p) and len(word) - len(p) >= 2:
            out.add(word[len(p) :])
            if p.endswith("لل"):
                out.add("ال" + word[len(p) :])
    return frozenset(out)


def _in(word: str | None, vocab: frozenset[str]) -> bool:
    return word is not None and not strip_clitics(word).isdisjoint(vocab)


def actor_before(prev_word: str | None) -> str | None:
    """Why a name right after ``prev_word`` is part of an actor's or person's name.

    Parameters
    ----------
    prev_word : str or None
        The match-form word before the name (with its proclitics).

    Returns
    -------
    str or None
        ``"organisation"``, ``"person"`` or None.
    """
    if prev_word is None:
        return None
    if _in(prev_word, ORG_HEADS):
        return "organisation"
    if prev_word in PERSON_LINKS or _in(prev_word, FIRST_NAMES):
        return "person"
    return None


def compound_head_before(prev_word: str | None) -> bool:
    """Tell whether the word before a name opens a compound village name (``كفر``, ``تل`` …).

    Parameters
    ----------
    prev_word : str or None
        The match-form word before the name (with its proclitics, ``وكفر``).

    Returns
    -------
    bool
    """
    return _in(prev_word, COMPOUND_HEADS)


def is_outlet_tail(next_word: str | None) -> bool:
    """Whether the word after a name makes it an outlet's name (``الأناضول للأنباء``)."""
    return next_word is not None and next_word in OUTLET_TAILS


def is_common_word(form: str) -> bool:
    """Whether a one-word name, as written (article included), is a frequent Arabic word."""
    if " " in form:
        return False
    if form.startswith("ال"):
        return form in STOP_WORDS or form[2:] in STOP_WORDS
    return form in STOP_WORDS or "ال" + form in STOP_WORDS


def has_strong_context(prev_word: str | None) -> bool:
    """Tell whether a settlement or area word stands before the name (قرية، بلدة، مدينة، بريف …)."""
    return _in(prev_word, STRONG_WORDS)


def has_weak_context(prev_word: str | None, prefix: str) -> bool:
    """Tell whether a locative word stands before the name, or ب is attached to it."""
    return "ب" in prefix or _in(prev_word, WEAK_WORDS) or _in(prev_word, STRONG_WORDS)


def hint_after(words: list[str]) -> str | None:
    """Classify the words between a name and the next place name.

    Parameters
    ----------
    words : list of str
        Match-form words between the two names, proclitics of the second name appended
        as a last item when present (may be empty).

    Returns
    -------
    str or None
        ``"contain"`` (``… بريف اللاذقية``), ``"near"`` (``… غرب سراقب``) or None.
    """
    if not words or len(words) > 5:
        return None
    kind = None
    for w in words:
        forms = strip_clitics(w)
        if not forms.isdisjoint(CONTAIN_WORDS):
            kind = "contain"
        elif not forms.isdisjoint(NEAR_WORDS):
            kind = kind or "near"
        elif forms.isdisjoint(FILLER_WORDS) and not w.isdigit() and w not in PROCLITICS:
            return None
    return kind


_WORD_FOLD = dict(_FOLD)
_WORD_FOLD.update({ord(c): None for c in _DROP})
_ZIPF_MEMO: dict[str, dict[str, float]] = {}


def frequency_threshold(place: Place) -> float:
    """Zipf frequency from which a one-word name of ``place`` needs context.

    Parameters
    ----------
    place : Place

    Returns
    -------
    float
        Syrian places: 3.3 + 0.45 log10(population + 1) (a hamlet's name must be rare,
        Aleppo's may be common); foreign places below a million people: 2.5 + 0.3
        log10(population + 1); countries and foreign cities of a million: never.
    """
    lp = math.log10(max(place.population, 0) + 1)
    if place.kind == "country":
        return math.inf
    if place.country == "SY":
        return 3.3 + 0.45 * lp
    if place.population >= 1_000_000:
        return math.inf
    return 2.5 + 0.3 * lp


def is_plural_pattern(form: str) -> bool:
    """Whether a one-word name, as written, looks like an indefinite sound feminine plural.

    «قنوات» ("channels"), «ساحات», «خيمات»: a bare word of three or more root letters plus
    «ات», without the article. Such a word is ordinary vocabulary far more often than it is
    a village, so it gets the lower threshold of :func:`plural_needs_context`.
    """
    return " " not in form and not form.startswith("ال") and len(form) >= 5 and form.endswith("ات")


def plural_needs_context(zipf: float, cands: Sequence[Place]) -> bool:
    """Whether a plural-pattern name this frequent needs a locative word before it.

    The threshold is the one of a foreign place of the same size (2.5 + 0.3 log10(pop+1)),
    for Syrian places too: «نشرته على قنوات في تطبيق تلغرام» is about channels, while
    «في قنوات»، «بلدة قنوات» keep the village.
    """
    if not cands or any(c.kind == "country" for c in cands):
        return False
    pop = max(max(c.population, 0) for c in cands)
    return zipf >= 2.5 + 0.3 * math.log10(pop + 1)


def needs_context_by_frequency(zipf: float, cands: Sequence[Place]) -> bool:
    """Whether a name this frequent needs context, given the places that bear it."""
    return bool(cands) and zipf >= max(frequency_threshold(c) for c in cands)


def word_zipf(forms: Iterable[str], *, cache_dir: Path | None = None) -> dict[str, float]:
    """Zipf frequencies (wordfreq, Arabic, large list) of one-word match forms.

    The list is folded like the match text (hamza forms, ى/ي, ة/ه, diacritics) and the
    frequencies of spellings that fold together are added up. Reading the list takes about
    a second, so the result for a given set of forms is cached as JSON in ``cache_dir``
    (validated on read; JSON only, never pickle) and in memory.

    Parameters
    ----------
    forms : iterable of str
        Match-form words.
    cache_dir : pathlib.Path, optional
        Where to keep the cache file; nothing is written when None or not writable.

    Returns
    -------
    dict
        form -> Zipf frequency, only for forms found in the list.
    """
    wanted = sorted(set(forms))
    digest = hashlib.sha256(
        ("\n".join(wanted) + "|wordfreq-" + _wordfreq_version() + "|v1").encode()
    ).hexdigest()[:20]
    if digest in _ZIPF_MEMO:
        return _ZIPF_MEMO[digest]
    path = cache_dir / f"wordfreq-ar-{digest}.json" if cache_dir else None
    result = _read_cache(path, set(wanted)) if path else None
    if result is None:
        import wordfreq  # only on a cache miss: importing it takes ~0.1 s

        want = set(wanted)
        acc: dict[str, float] = {}
        for index, bucket in enumerate(wordfreq.get_frequency_list("ar", "large")):
            freq = 10.0 ** (-index / 100.0)
            for w in bucket:
                k = w.translate(_WORD_FOLD)
                if k in want:
                    acc[k] = acc.get(k, 0.0) + freq
        result = {k: round(math.log10(v) + 9.0, 3) for k, v in acc.items()}
        if path:
            _write_cache(path, result)
    _ZIPF_MEMO[digest] = result
    return result


def _read_cache(path: Path, wanted: set[str]) -> dict[str, float] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and k in wanted and isinstance(v, int | float) for k, v in data.items()
    ):
        return None
    return {k: float(v) for k, v in data.items()}


def _write_cache(path: Path, result: dict[str, float]) -> None:
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


def _wordfreq_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wordfreq")
    except PackageNotFoundError:
        return "unknown"
