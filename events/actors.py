"""Who took part in an event, and which news agencies an article cites.

Actors are normalized English labels close to ACLED's (``Russia``, ``Turkey``,
``Syrian regime``, ``HTS``, ``SDF`` …); cited agencies are canonical Arabic names
(``رويترز``, ``فرانس برس``, ``الأناضول`` …) so that every spelling of one agency ("وكالة
الصحافة الفرنسية", "فرانس برس", "أ ف ب") becomes one value the UI can filter on.
Written by hand: the tables are domain knowledge. Patterns read normalized text.
"""

from __future__ import annotations

import re

from events.classify import norm_text, words_before

__all__ = ["ACTOR_LABELS", "AGENCIES", "find_actors", "find_cited"]

_P = r"(?<!\w)(?:[وف]?(?:بال|لل|ال|ب|ل|ك)?)"
_E = r"(?!\w)"


def _rx(body: str) -> re.Pattern[str]:
    return re.compile(rf"{_P}(?:{body}){_E}")


#: (label, pattern) in priority order: a longer name claims its span before a shorter one
#: ("الجيش السوري الحر" before "الجيش السوري", "قوات سوريا الديمقراطية" before "قوات").
_ACTORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("SDF", _rx(r"قسد|قوات سوري[اه] (?:ال)?ديمقراطيه")),
    ("YPG", _rx(r"وحدات حمايه (?:ال)?شعب(?: (?:ال)?كرديه)?")),
    ("PKK", _rx(r"حزب (?:ال)?عمال (?:ال)?كردستاني|(?:ال)?عمال (?:ال)?كردستاني|بي كا كا")),
    (
        "HTS",
        _rx(r"هيئه تحرير (?:ال)?شام|تحرير (?:ال)?شام|جبهه (?:ال)?نصره|نصره|جبهه فتح (?:ال)?شام"),
    ),
    ("Hurras al-Din", _rx(r"حراس (?:ال)?دين")),
    ("ISIS", _rx(r"داعش|تنظيم (?:ال)?دوله(?: (?:ال)?اسلاميه)?|(?:ال)?دوله (?:ال)?اسلاميه")),
    ("Free Syrian Army", _rx(r"جيش (?:ال)?سوري (?:ال)?حر|جيش (?:ال)?حر")),
    ("Syrian National Army", _rx(r"جيش (?:ال)?وطني(?: (?:ال)?سوري)?")),
    ("National Front for Liberation", _rx(r"جبهه (?:ال)?وطنيه (?:لل|ل)تحرير")),
    (
        "Syrian regime",
        _rx(
            r"نظام (?:ال)?اسد|قوات (?:ال)?نظام|نظام (?:ال)?سوري|جيش (?:ال)?نظام|قوات (?:ال)?اسد"
            r"|جيش (?:ال)?سوري|(?:ال)?جيش (?:ال)?عربي (?:ال)?سوري|قوات (?:ال)?حكومه (?:ال)?سوريه"
            r"|(?:ال)?حكومه (?:ال)?سوريه|ميليشيات (?:ال)?نظام|ميليشيا (?:ال)?نظام|(?<=ال)نظام"
        ),
    ),
    (
        "Syrian opposition",
        _rx(
            r"(?:فصائل |قوات )?(?:ال)?معارضه(?: (?:ال)?سوريه| (?:ال)?مسلحه)?"
            r"|فصائل(?: (?:ال)?مسلحه)?|(?:ال)?فصائل|(?:ال)?ثوار|(?:ال)?معارضين(?: (?:ال)?مسلحين)?"
        ),
    ),
    ("Hezbollah", _rx(r"حزب (?:ال)?له")),
    ("Iran", _rx(r"ايران|ايراني(?:ه|ين|ون)?|(?:ال)?حرس (?:ال)?ثوري(?: (?:ال)?ايراني)?")),
    ("Russia", _rx(r"روسي(?:ا|ه|ين|ون|يه|ييه)?|روس")),
    ("Turkey", _rx(r"تركي(?:ا|ه|ين|ان|يه|ييه|يتين)?|اتراك")),
    ("International coalition", _rx(r"(?:ال)?تحالف (?:ال)?دولي")),
    (
        "United States",
        _rx(r"(?:امريك|اميرك)(?:ي|يه|يا|يين|ييه|يتين|يتان|يان|ا)|(?:ال)?ولايات (?:ال)?متحده"),
    ),
    ("Israel", _rx(r"اسرائيل(?:ي|يه|يين)?")),
    ("Civilians", _rx(r"مدني(?:ين|ون|ا)?")),
)
ACTOR_LABELS = tuple(label for label, _ in _ACTORS)


def find_actors(text: str) -> tuple[str, ...]:
    """Return the actors a text names, as normalized labels in order of first mention.

    Parameters
    ----------
    text : str
        A sentence or clause, as printed (normalized internally).

    Returns
    -------
    tuple of str
        Labels from :data:`ACTOR_LABELS`, each once.

    Examples
    --------
    >>> find_actors("قصفت قوات النظام بلدة كفرنبل بقذائف المدفعية")
    ('Syrian regime',)
    """
    norm = norm_text(text).norm
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    for label, pat in _ACTORS:
        for m in pat.finditer(norm):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), label))
    out: list[str] = []
    for _, label in sorted(found):
        if label not in out:
            out.append(label)
    return tuple(out)


#: canonical Arabic name -> (pattern, needs a citation cue nearby)
AGENCIES: dict[str, tuple[re.Pattern[str], bool]] = {
    "رويترز": (_rx(r"رويترز"), False),
    "فرانس برس": (_rx(r"فرانس برس|فرانس بريس|(?:ال)?صحافه (?:ال)?فرنسيه|ا ف ب|اف ب"), False),
    "أسوشيتد برس": (_rx(r"اسوشيتد برس|اسوشيتدبرس|اسوشيييتد برس|اسوشييتد برس"), False),
    "الأناضول": (_rx(r"اناضول"), True),
    "تاس": (_rx(r"تاس"), True),
    "سانا": (_rx(r"سانا"), True),
    "سبوتنيك": (_rx(r"سبوتنيك"), False),
    "ريا نوفوستي": (_rx(r"ريا نوفوستي|نوفوستي"), False),
    "إنترفاكس": (_rx(r"انترفاكس"), False),
    "شينخوا": (_rx(r"شينخوا"), False),
    "المرصد السوري لحقوق الإنسان": (_rx(r"مرصد (?:ال)?سوري(?: لحقوق (?:ال)?انسان)?"), False),
    "الشبكة السورية لحقوق الإنسان": (_rx(r"شبكه (?:ال)?سوريه لحقوق (?:ال)?انسان"), False),
    "الدفاع المدني السوري": (
        _rx(r"دفاع (?:ال)?مدني(?: (?:ال)?سوري)?|(?:ال)?خوذ (?:ال)?بيضاء"),
        True,
    ),
    "عنب بلدي": (_rx(r"عنب بلدي"), False),
    "شبكة شام": (_rx(r"شبكه شام"), True),
    "تلفزيون سوريا": (_rx(r"تلفزيون سوريا"), True),
    "الجزيرة": (_rx(r"جزيره"), True),
    "العربية": (_rx(r"عربيه"), True),
    "أورينت": (_rx(r"اورينت"), True),
    "سمارت": (_rx(r"سمارت"), True),
    "ستيب": (_rx(r"ستيب"), True),
}
#: literal pieces one of which every spelling of an agency contains (a cheap pre-filter)
_KEYS: dict[str, tuple[str, ...]] = {
    "رويترز": ("رويترز",),
    "فرانس برس": ("فرانس", "فرنسيه", "ف ب"),
    "أسوشيتد برس": ("اسوشي",),
    "الأناضول": ("اناضول",),
    "تاس": ("تاس",),
    "سانا": ("سانا",),
    "سبوتنيك": ("سبوتنيك",),
    "ريا نوفوستي": ("نوفوستي",),
    "إنترفاكس": ("انترفاكس",),
    "شينخوا": ("شينخوا",),
    "المرصد السوري لحقوق الإنسان": ("مرصد",),
    "الشبكة السورية لحقوق الإنسان": ("لحقوق",),
    "الدفاع المدني السوري": ("مدني", "خوذ"),
    "عنب بلدي": ("عنب",),
    "شبكة شام": ("شام",),
    "تلفزيون سوريا": ("تلفزيون",),
    "الجزيرة": ("جزيره",),
    "العربية": ("عربيه",),
    "أورينت": ("اورينت",),
    "سمارت": ("سمارت",),
    "ستيب": ("ستيب",),
}
_CITE_CUE = re.compile(
    rf"{_P}(?:وفقا|وفق|بحسب|حسب|نقلا|نقل|نقلت|ذكرت|ذكر|افادت|افاد|اوردت|اورد|قالت|قال|نشرت"
    r"|اكدت|اكد|اشارت|افادته|تقول|يقول|اعلنت|مصادر|لـ|عن|وكاله|وكالتي|موقع|قناه|صحيفه"
    rf"|شبكه|مراسل|مراسلو|مراسلي|تقرير|مصدر){_E}"
)


def _cued(norm: str, start: int) -> bool:
    prev = words_before(norm, start, 4)
    if any(_CITE_CUE.fullmatch(w) for w in prev):
        return True
    # لـ«رويترز» / ل"تاس": an attached lam right before the (quoted) name
    j = start - 1
    while j >= 0 and norm[j] in "«»\"'“”( ـ":
        j -= 1
    return j >= 0 and norm[j] == "ل" and (j == 0 or not norm[j - 1].isalnum())


def find_cited(text: str) -> tuple[str, ...]:
    """Return the agencies and monitors a text cites, canonical Arabic names, in text order.

    Unambiguous names (رويترز، فرانس برس …) count anywhere; names that are also ordinary
    words or places (الأناضول Anatolia, تاس, سانا, الجزيرة) count only after a citation cue
    (وفقاً لـ، بحسب، نقلاً عن، ذكرت، وكالة، لـ…).

    Parameters
    ----------
    text : str
        A sentence, paragraph or article, as printed.

    Returns
    -------
    tuple of str

    Examples
    --------
    >>> find_cited("وذكرت وكالة «الأناضول» نقلاً عن مصادر أن ...")
    ('الأناضول',)
    """
    norm = norm_text(text).norm
    found: list[tuple[int, str]] = []
    for name, (pat, needs_cue) in AGENCIES.items():
        if not any(key in norm for key in _KEYS[name]):
            continue  # cheap literal test before the regex
        for m in pat.finditer(norm):
            if needs_cue and not _cued(norm, m.start()):
                continue
            found.append((m.start(), name))
            break
    return tuple(name for _, name in sorted(found))
