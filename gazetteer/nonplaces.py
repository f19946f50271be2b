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

from functools import lru_cache

from gazetteer.frequency import (
    frequency_threshold,
    is_plural_pattern,
    needs_context_by_frequency,
    plural_needs_context,
    word_zipf,
)
from gazetteer.matcher import PROCLITICS, match_form

__all__ = [
    "ACTOR_PHRASES",
    "CONTAIN_WORDS",
    "COUNTRY_NISBAS",
    "HEAD_NAMES",
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
    "needs_context_by_frequency",
    "opens_tail",
    "plural_needs_context",
    "settles_generic",
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
OUTLET_TAILS = _forms("للأنباء للانباء الإخبارية الإخباري للإعلام الإعلامي للدراسات الإعلامية نت")
#: Country adjectives after a foreign town's name: ``الريحانية التركية``, ``عرسال اللبنانية``.
COUNTRY_NISBAS = _forms(
    "التركية التركي اللبنانية اللبناني العراقية العراقي الأردنية الأردني الإسرائيلية "
    "الإسرائيلي الفلسطينية الفلسطيني الروسية الروسي الإيرانية الإيراني المصرية المصري "
    "السعودية السعودي الأمريكية الأمريكي الأميركية الأميركي"
)
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
#: Heads that are also one-word names somewhere (برج: Al Burj; دير، الجسر، العين …): followed
#: at once by a content word, they open a compound name the table does not know
#: («قريتي برج القاص»), and are not a place on their own.
HEAD_NAMES = COMPOUND_HEADS | _forms("برج قصر")
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
#: Settlement and area words that make a kind-of-place noun after them a name.
_SETTLING_WORDS = STRONG_WORDS - CONTAIN_WORDS
#: Times of day, links and relative adjectives that often follow a place name in a report.
_AFTER_PLACE = _forms(
    "صباح صباحا مساء مساءً ظهر ظهرا فجر فجرا عصر عصرا ليلة ليل ليلا ضحى أيضا أيضاً حيث "
    "إثر جراء بسبب عقب التابعة التابع المحاذية المحاذي القريبة القريب المجاورة المجاور "
    "المحيطة المتاخمة الحدودية الحدودي الخاضعة الخاضع"
)
#: Words that never continue a compound name after its head.
_NOT_A_TAIL = (
    STOP_WORDS
    | FILLER_WORDS
    | NEAR_WORDS
    | WEAK_WORDS
    | CONTAIN_WORDS
    | STRONG_WORDS
    | _AFTER_PLACE
)


@lru_cache(maxsize=65536)
def strip_clitics(word: str, *, article: bool = True) -> frozenset[str]:
    """Return the word and every reading of it with attached proclitics removed.

    Parameters
    ----------
    word : str
        One match-form word.
    article : bool, optional
        Whether the article counts as a proclitic (``الفصائل`` → ``فصائل``); False keeps
        a definite word definite (only conjunctions and prepositions come off).

    Returns
    -------
    frozenset of str
    """
    out = {word}
    for p in PROCLITICS:
        if not p or not word.startswith(p) or len(word) - len(p) < 2:
            continue
        definite = p.endswith(("ال", "لل"))
        if definite and not article:
            continue
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
    # Only an indefinite head opens a name (idafa): «فصائل المعارضة», «جيش الإسلام»; after a
    # definite noun the place is the verb's object: «قصفت الفصائل سراقب», «قصف الجيش أريحا».
    if not strip_clitics(prev_word, article=False).isdisjoint(ORG_HEADS):
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


def settles_generic(prev_word: str | None) -> bool:
    """Tell whether the word before a kind-of-place noun makes that noun a name.

    ``قرية المزرعة``, ``حي المزرعة``: a settlement or area word before it names a place
    called "the farm". After a containment word the noun is a common noun: ``ريف المدينة``
    is the countryside of the city just named, ``ريف مدينة حلب`` that of Aleppo.

    Parameters
    ----------
    prev_word : str or None
        The match-form word before the noun (with its proclitics).

    Returns
    -------
    bool
    """
    return _in(prev_word, _SETTLING_WORDS)


def opens_tail(next_word: str | None) -> bool:
    """Tell whether the word after a compound head is the rest of the name (a content word).

    Not a function, locative, settlement or hint word, not a number and not joined by
    «و» (``دير وسراقب``: two places).

    Parameters
    ----------
    next_word : str or None
        The match-form word right after the head.

    Returns
    -------
    bool
    """
    if not next_word or next_word.isdigit() or next_word.startswith("و"):
        return False
    return strip_clitics(next_word).isdisjoint(_NOT_A_TAIL)


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
