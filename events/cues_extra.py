"""More incident cues: kidnappings, bodies found, strikes named by who flies.

Split from :mod:`events.cues` (which puts them in ``INCIDENT_CUES``); normalized spelling.
"""

from __future__ import annotations

import re

from events.cues_base import PREFIX, word_re

__all__ = ["FOREIGN_STRIKE", "FOUND_BODY", "KIDNAPPING"]

# an abduction by gunmen or a faction (ACLED "abduction/forced disappearance"); an
# arrest by an authority («اعتقال», «اعتقال تعسفي») is not one
KIDNAPPING = word_re(
    "خطف",
    "خطفت",
    "خطفوا",
    "يخطف",
    "تخطف",
    "اختطف",
    "اختطفت",
    "اختطفوا",
    "يختطف",
    "تختطف",
    "اختطاف",
    "اختطافه",
    "اختطافها",
    "اختطافهم",
    "خطفه",
    "خطفها",
    "تغييب قسري",
    "تغييب القسري",
    "اخفاء القسري",
    "تغييبه قسريا",
    "اخفاء قسري",
    "اخفائه قسريا",
    "اختطفته",
    "اختطفتها",
    "اختطفوه",
)

#: a strike named by who flies («ضربة أمريكية»، «الضربات الإسرائيلية»، «ضربات للتحالف»،
#: «استهداف إسرائيلي»): Israeli, US, coalition and Russian strikes in Syria are from the air
FOREIGN_STRIKE = re.compile(
    rf"(?<!\w){PREFIX}(?:ضربه|ضربات|ضربتين|ضربتان|استهداف|استهدافا)"
    r" (?:ال)?(?:امريكي\w*|اميركي\w*|اسرائيلي\w*|روسي\w*|للتحالف|التحالف)(?!\w)"
)
#: a body found or recovered («عُثر على جثة شاب»، «عثر الأهالي على جثتي …»، «انتشال جثث»)
#: is a killing unless the clause tells a drowning, a flood or an earthquake
#: (events.modality_counts.natural_death)
FOUND_BODY = re.compile(
    r"(?<!\w)[وف]?(?:عثر|عثرت|عثروا|يعثر|العثور|عثور|بالعثور|انتشال|انتشلت|انتشل|انتشلوا"
    r"|وجدت|وجد)(?: \w+){0,3}? (?:علي )?(?:ال)?(?:جثه|جثث|جثتي|جثتين|جثمان|جثامين)(?!\w)"
)
