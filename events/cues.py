"""Cue tables: the Arabic words and phrases that signal each event type and sub-type.

Domain knowledge, not code: ACLED's event and sub-event types as they are written in
Syrian war reporting. Every stem is in *normalized* spelling
(:func:`gazetteer.normalize.normalize`: no hamza on alef, ى→ي, ة→ه) and may carry the usual
proclitics (و ف ب ل ك ال لل) through :data:`PREFIX`. :mod:`events.classify` applies them.
"""

from __future__ import annotations

import re

from events.cues_base import PREFIX, word_re
from events.cues_extra import FOREIGN_STRIKE, FOUND_BODY, KIDNAPPING
from events.cues_frames import (
    AGREED_ON,
    AGREEMENT_TERMS,
    CEASEFIRE_BLOCK,
    CEASEFIRE_DECLARE,
    CEASEFIRE_NOUN,
    FUTURE,
    PATROL_ACTION,
    PATROL_ADJ_USE,
    PATROL_BLOCK,
    PATROL_NOUN,
    PATROL_TARGET,
    POST_NOUN,
    POST_QUAL,
    POST_SUBS,
    TALK,
    TERMS_VERB_FIRST,
    TIME_WORD,
)

__all__ = [
    "AGREED_ON",
    "AGREEMENT_TERMS",
    "BLOCK",
    "CEASEFIRE_BLOCK",
    "CEASEFIRE_DECLARE",
    "CEASEFIRE_NOUN",
    "DENY",
    "FUTURE",
    "GENERIC",
    "INCIDENT_CUES",
    "INCIDENT_KEYS",
    "INCIDENT_PRIORITY",
    "PATROL_ACTION",
    "PATROL_ADJ_USE",
    "PATROL_BLOCK",
    "PATROL_NOUN",
    "PATROL_TARGET",
    "POST_NOUN",
    "POST_QUAL",
    "POST_SUBS",
    "PREFIX",
    "TALK",
    "TERMS_VERB_FIRST",
    "TIME_WORD",
    "word_re",
]

# --- incidents -------------------------------------------------------------------------
#: Sub-types from most to least specific; a clause with several cues takes the first.
INCIDENT_PRIORITY = (
    "shootdown",
    "car_bomb",
    "ied",
    "drone_strike",
    "airstrike",
    "shelling",
    "patrol_attack",
    "kidnapping",
    "clashes",
    "shooting",
    "attack",
    "killing",
)

INCIDENT_CUES: dict[str, re.Pattern[str]] = {
    # an aircraft shot down: the aircraft words must not read as an airstrike
    "shootdown": re.compile(
        rf"(?<!\w){PREFIX}(?:اسقاط|اسقطت|اسقط|اسقطوا|تسقط|يسقط|سقوط)(?: \w+){{0,2}}"
        r" (?:ال)?(?:طائره|طائرات|طائرتين|طائرتي|مروحيه|مروحيات|مروحيتين|مسيره|مسيرات)"
        r"(?: (?:ال)?(?:حربيه|مسيره|استطلاع|مروحيه|تركيه|روسيه|سوريه|اسرائيليه))?(?!\w)"
    ),
    "car_bomb": re.compile(
        rf"(?<!\w){PREFIX}(?:سياره|سيارات|دراجه ناريه|دراجات ناريه|شاحنه|صهريج|عربه)"
        r"(?: و(?:ال)?(?:سيارات|دراجات|دراجه|شاحنات)(?: (?:ال)?ناريه)?)? (?:ال)?مفخخه(?!\w)"
        rf"|(?<!\w){PREFIX}(?:تفجير|انفجار) (?:ال)?(?:سياره|دراجه ناريه|شاحنه)(?!\w)"
    ),
    "ied": word_re(
        "عبوه ناسفه", "عبوات ناسفه", "عبوه متفجره", "عبوات متفجره", "لغم", "لغما", "الغام"
    ),
    "drone_strike": re.compile(
        rf"(?<!\w){PREFIX}(?:طائره|طائرات|طائرتين|طائرتان|طيران)"
        r" (?:ال)?(?:مسير\w*|بدون طيار|بلا طيار|دون طيار)(?!\w)"
        rf"|(?<!\w){PREFIX}(?:درون|الدرون|درونز)(?!\w)"
        r"|(?<!\w)[وف]?ب(?:ال)?مسير(?:ه|ات)(?!\w)"
        rf"|(?<!\w){PREFIX}مسير(?:ه|ات) (?:ال)?(?:انتحاريه|مسلحه|تركيه|روسيه|مجهوله"
        r"|اسرائيليه|امريكيه|اميركيه|ايرانيه|مماثله|اخري|ثانيه)(?!\w)"
        # a strike verb whose subject is a bare "مسيّرة" (a drone, not a march)
        r"|(?<!\w)[وف]?(?:استهدفت|تستهدف|قصفت|تقصف|ضربت|هاجمت|اغارت|القت|اطلقت)"
        r" (?:ال)?مسير(?:ه|ات)(?!\w)"
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
        # aircraft named by who flies them (a strike unless they only fly over: see
        # events.modality.escort)
        "طائرات النظام",
        "طائره النظام",
        "طائرات روسيه",
        "الطائرات الروسيه",
        "طائره روسيه",
        "الطائره الروسيه",
        "طائرات التحالف",
        "طيران التحالف",
        "طائرات اسرائيليه",
        "الطائرات الاسرائيليه",
        "طيران اسرائيلي",
        "الطيران الاسرائيلي",
        "طائرات سوريه",
        "الطائرات السوريه",
        "طائرات امريكيه",
        "الطائرات الامريكيه",
        "مروحيات النظام",
        "مروحيات",
        "طائرات مروحيه",
        # «عدوان إسرائيلي بالصواريخ»، «نفذ عدواناً جوياً» (Syrian state media): an air or
        # missile strike from the air
        "عدوان جوي",
        "عدوانا جويا",
        "عدوان اسرائيلي",
        "عدوانا اسرائيليا",
        "العدوان الاسرائيلي",
        "صواريخ اسرائيليه",
        "قصف اسرائيلي",
        "القصف الاسرائيلي",
        "غاره اسرائيليه",
        "غارات اسرائيليه",
    ),
}
#: "the air force destroyed …" (verb first or subject first) is an airstrike
AIR_FORCE = re.compile(
    r"(?<!\w)[وف]?(?:دمر|دمرت|استهدف|استهدفت|قصف|قصفت|شن|شنت|نفذ|نفذت|ضرب|ضربت|اغار"
    r"|اغارت)(?: \w+){0,2}? (?:سلاح الجو|(?:ال)?قوات(?:ها|ه)? (?:ال)?جويه)(?!\w)"
    r"|(?<!\w)[وف]?(?:سلاح الجو|(?:ال)?قوات(?:ها|ه)? (?:ال)?جويه)(?: \w+){0,3}?\W+"
    r"(?:دمر|دمرت|استهدف|استهدفت|قصف|قصفت|شن|شنت|نفذ|نفذت|ضرب|ضربت|اغار|اغارت)(?!\w)"
)
INCIDENT_CUES["airstrike"] = re.compile(
    f"{INCIDENT_CUES['airstrike'].pattern}|{AIR_FORCE.pattern}|{FOREIGN_STRIKE.pattern}"
)
INCIDENT_CUES |= {
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
        rf"(?<!\w){PREFIX}(?:استهداف|استهدف|استهدفت|استهدفوا|يستهدف|هاجم|هاجمت|مهاجمه"
        r"|هجوم علي|هجوما علي|الهجوم علي|هجوم استهدف|هجوم يستهدف|اعتداء علي)"
        rf"(?: \w+){{0,2}} {PREFIX}دوري(?:ه|ات|تين)(?!\w)"
    ),
    "kidnapping": KIDNAPPING,
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
        # a counter-attack, a storming, or ground taken or retaken by force
        "هجوم معاكس",
        "هجوما معاكسا",
        "الهجوم المعاكس",
        "هجمات معاكسه",
        "اقتحام",
        "اقتحمت",
        "اقتحم",
        "اقتحموا",
        "استعادت السيطره",
        "استعاد السيطره",
        "استعادوا السيطره",
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
        "طلقات ناريه",
        "طلقه ناريه",
        "طلق ناري",
        "بطلقات",
    ),
    "attack": word_re(
        "هجوم",
        "هجوما",
        "هجمات",
        "هجومين",
        "هاجم",
        "هاجمت",
        "هاجموا",
        "يهاجم",
        "تهاجم",
        "هجم",
        "هجموا",
        "استهداف",
        "استهدف",
        "استهدفت",
        "تستهدف",
        "يستهدف",
        "تفجير",
        "تفجيرات",
        "انفجار",
        "اغتيال",
        "اغتيل",
        "كمين",
        "عدوان",
        "عدوانا",
        "اعتداء",
        "اعتداءات",
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
#: ground taken by force: «سيطرت على بلدة/قرية/تلة …» (not «سيطرت على ريف حماة» told as
#: a time mark, «عندما سيطرت على …»: a settlement or position must follow)
TAKEN = re.compile(
    r"(?<!\w)(?<!عندما )(?<!حين )(?<!حينما )[وف]?(?:سيطرت|سيطر|سيطروا|تسيطر|يسيطر) علي"
    r" (?:ال)?(?:بلده|بلدتي|قريه|قريتي|قري|مدينه|تله|تلال|تلتي|حي|نقطه|نقاط|مواقع|موقع|مزارع"
    r"|بلدات|تل|جبل|معسكر|كتيبه|حاجز|مطار)(?!\w)"
)
INCIDENT_CUES["clashes"] = re.compile(f"{INCIDENT_CUES['clashes'].pattern}|{TAKEN.pattern}")
#: a body found with the marks of a killing («عُثر على جثة شاب مقتولاً»، «جثث ثلاثة رجال
#: مكبلي الأيدي»، «جثة عليها آثار تعذيب»); a body alone (drowned, under rubble) is not one
BODY_FOUND = re.compile(
    rf"(?<!\w){PREFIX}(?:جثه|جثث|جثتي|جثتين|جثمان|جثامين)(?:\W+\w+){{0,4}}?\W+"
    r"(?:مقتول\w*|مذبوح\w*|مكبل\w*|معصوب\w*|مصاب\w* بطلق\w*|بطلق\w*|برصاص\w*|عليها اثار"
    r"|عليه اثار|تحمل اثار|اثار تعذيب|اثار طلق\w*)(?!\w)"
)
INCIDENT_CUES["killing"] = re.compile(
    f"{INCIDENT_CUES['killing'].pattern}|{BODY_FOUND.pattern}|{FOUND_BODY.pattern}"
)
GENERIC = frozenset({"attack", "killing"})
#: Literal pieces one of which every match of INCIDENT_CUES[sub] contains: a sentence
#: without any of them is not searched with that (slower) pattern. Checked by a test.
INCIDENT_KEYS: dict[str, tuple[str, ...]] = {
    "shootdown": ("سقاط", "سقط", "سقوط"),
    "car_bomb": ("مفخخ", "تفجير", "انفجار"),
    "ied": ("عبو", "لغم", "الغام"),
    "drone_strike": ("مسير", "طيار", "درون"),
    "airstrike": (
        "غار",
        "طير",
        "طائر",
        "قصف",
        "ضرب",
        "برميل",
        "براميل",
        "مروحي",
        "جو",
        "اسرائيل",
        "ستهداف",
    ),
    "shelling": ("قصف", "صاروخ", "صواريخ", "مدفع", "قذيف", "قذائف", "راجم"),
    "patrol_attack": ("دوري",),
    "kidnapping": ("خطف", "ختطف", "ختطا", "قسري"),
    "clashes": (
        "اشتب",
        "معارك",
        "معركه",
        "مواجه",
        "اقتتال",
        "اطلاق",
        "تقدم",
        "تسلل",
        "معاكس",
        "اقتحم",
        "اقتحام",
        "سيطر",
    ),
    "shooting": ("اطلاق", "رصاص", "قنص", "قناص", "طلق"),
    "attack": ("هج", "هاجم", "ستهد", "تفجير", "انفجار", "اغتي", "كمين", "عدوان", "اعتداء"),
    "killing": ("قتل", "قتيل", "مصرع", "استشه", "شهداء", "حتف", "ضحايا", "مجزر", "مجازر", "جث"),
}

#: Denials, anywhere in the few words before a cue ("نفت وزارة الدفاع الروسية قصف …").
DENY = word_re("نفت", "نفي", "ينفي", "تنفي", "نفوا", "كذبت", "تكذب", "كذب", "انكرت", "تنكر")

#: Words that, right before a cue, say it did not happen (or is a ceasefire, not a shot).
BLOCK = word_re(
    "لن",
    "لم",
    "دون",
    "بدون",
    "وقفا",
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
    # «أي هجوم على إدلب سيؤدي إلى …»، «لم يسجل أي قصف»: any such event, none in particular
    "اي",
    "ضمان",
    # "ويأتي القصف بعد/رغم …": a reference back to an event already told, not a new one
    "ياتي",
    "تاتي",
    "جاء",
    "جاءت",
)
