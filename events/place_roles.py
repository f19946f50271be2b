"""Roles that need the whole sentence: shooters, misresolved neighbourhoods, denied plans.

Called by :func:`events.locate.place_uses` after each mention got its own role. Written
by hand: rules of Arabic news prose.
"""

from __future__ import annotations

import re
from dataclasses import replace

from events.classify import NormText
from events.locate import PlaceUse, _context, _filler, _peel_fillers, _strip
from events.modality import clause_start
from gazetteer.model import Mention
from gazetteer.nonplaces import GENERIC_NOUNS, strip_clitics
from gazetteer.normalize import normalize
from geo.roads import haversine_km

__all__ = [
    "adjective",
    "cancelled_plan",
    "clipped_article",
    "credible_abroad",
    "head_noun",
    "neighbourhoods",
    "refuges",
    "shooters",
]


#: where shooters are stationed: «المجموعات المنتشرة في A»، «من مواقعها في A»
_STATIONED = frozenset(
    ("المنتشره", "المتمركزه", "المتواجده", "المنتشرين", "المتمركزين", "المتواجدين",
     "مواقعها", "مواقعهم", "مواقعه", "مراكزها", "نقاطها", "تمركزها", "تمركزهم", "انتشارها",
     "مواقع", "مناطق", "المتحصنه", "المتحصنين")
)  # fmt: skip
#: where fire came from: «قصف مصدره A»، «قذائف مصدرها مواقع النظام في A»، «انطلاقاً من
#: قواعدها في A» (at most five words between, none of them naming a target)
_SOURCE = re.compile(
    r"(?<!\w)(?:مصدره|مصدرها|مصدرهما|مصدرهم|انطلاقا من|منطلقه من|منطلقا من)\s+"
    r"(?:(?!علي\b|استهدف|تستهدف|باتجاه|نحو)\w+\s+){0,5}$"
)
#: the target of fire: «على مدينة B»، «استهدفت B»
_TARGET = re.compile(r"(?:علي|استهدف\w*|تستهدف|يستهدف|باتجاه|نحو)")


def shooters(uses: list[PlaceUse], nt: NormText, offset: int) -> list[PlaceUse]:
    """Mark where shooters fire from as the ``origin`` when a target place follows.

    «اعتداء المجموعات المنتشرة في A وB بالقذائف على مدينة C»، «قصفت من مواقعها في A
    قرية C»: the event is at C; A and B get the role ``origin``.
    """
    out = list(uses)
    for i, u in enumerate(uses):
        if u.role != "location":
            continue
        attached, words = _context(nt, u.mention.start - offset)
        attached, words, _ = _peel_fillers(attached, words)
        if not _stationed_in(attached, words, nt, u.mention.start - offset):
            continue
        j = i + 1
        while j < len(uses) and (uses[j].role != "location" or _coordinated(uses, j, nt, offset)):
            j += 1
        if j >= len(uses):
            continue
        between = re.findall(
            r"\w+",
            nt.norm[
                nt.norm_pos(u.mention.end - offset) : nt.norm_pos(uses[j].mention.start - offset)
            ],
        )
        if not any(_TARGET.fullmatch(w) for w in between) and not _struck_before(
            nt, u.mention.start - offset
        ):
            continue
        for k in range(i, j):
            if out[k].role == "location":
                out[k] = replace(out[k], role="origin", marker="")
    return out


#: a strike verb whose object comes after its subject's position («قصفت القوات المتمركزة في
#: A … قرى B»: B is the object)
_STRIKE_VERB = re.compile(r"(?<!\w)[وف]?(?:قصفت|قصف|قصفوا|استهدفت|استهدف|استهدفوا|تقصف|يقصف)(?!\w)")


def _struck_before(nt: NormText, pos: int) -> bool:
    """Whether the clause of the place at ``pos`` opens with a strike verb before it."""
    npos = nt.norm_pos(pos)
    return _STRIKE_VERB.search(nt.norm, clause_start(nt.norm, npos), npos) is not None


def _stationed_in(attached: str, words: list[str], nt: NormText, pos: int) -> bool:
    """Return whether the place at ``pos`` is where shooters are stationed.

    It follows «المنتشرة في», after a few words at most («المتمركزة في معسكر A») or
    joined by «و» to a name right after it that the gazetteer does not know («المنتشرة في
    بلدتي B وA»).
    """
    if attached in ("", "و") and _SOURCE.search(
        nt.norm, clause_start(nt.norm, nt.norm_pos(pos)), nt.norm_pos(pos)
    ):
        return True  # «قصف مصدره A استهدف B»، «انطلاقاً من قواعدها في A»
    if attached == "" and len(words) >= 2 and words[-1] == "في":
        return _strip(words[-2]) in _STATIONED or words[-2] in _STATIONED
    if attached not in ("", "و"):
        return False
    # «المتمركزة في معسكر A»، «المنتشرة في بلدتي B وA» (B unknown): a few words between
    since = nt.norm[clause_start(nt.norm, nt.norm_pos(pos)) : nt.norm_pos(pos)]
    m = re.search(r"(\w+)\s+في\s+((?:\w+\s+){1,4})و?$", since)
    if m is None or any(_TARGET.fullmatch(w) for w in m.group(2).split()):
        return False
    return _strip(m.group(1)) in _STATIONED or m.group(1) in _STATIONED


def _coordinated(uses: list[PlaceUse], j: int, nt: NormText, offset: int) -> bool:
    """Whether ``uses[j]`` is joined to the place before it by a bare «و» («A وB»)."""
    gap = nt.norm[
        nt.norm_pos(uses[j - 1].mention.end - offset) : nt.norm_pos(uses[j].mention.start - offset)
    ]
    return gap.strip() in ("و", "") and (gap.strip() == "و" or gap.endswith("و"))


#: a neighbourhood further than this from the town that qualifies it was misresolved
_NEIGHBOURHOOD_KM = 10.0


def neighbourhoods(uses: list[PlaceUse], nt: NormText, offset: int) -> list[PlaceUse]:
    """Place «حي X بمدينة Y»/«حي X في Y» in Y unless X lies within ~10 km of Y.

    A neighbourhood's name often matches a village elsewhere; the town that qualifies it
    is the reliable place. X then gets the role ``named`` (told, not mapped).
    """
    out = list(uses)
    for i in range(len(uses) - 1):
        x, y = uses[i], uses[i + 1]
        if x.role != "location" or y.role not in ("location", "containment"):
            continue
        gap = re.findall(
            r"\w+",
            nt.norm[nt.norm_pos(x.mention.end - offset) : nt.norm_pos(y.mention.start - offset)],
        )
        if not gap or len(gap) > 2 or not all(g in ("ب", "في") or _filler(g) for g in gap):
            continue  # «حي X بمدينة Y»، «حي X في Y»، «حي X في مدينة Y»
        _, words = _context(nt, x.mention.start - offset)
        if not words or _strip(words[-1]) not in ("حي", "احياء", "حيي"):
            continue
        px, py = x.place.point, y.place.point
        if px is not None and py is not None and haversine_km(px, py) <= _NEIGHBOURHOOD_KM:
            continue
        out[i] = replace(x, role="named")
        out[i + 1] = replace(y, role="location", qualifier=y.qualifier or x.qualifier)
    return out


#: «كان من المقرر/المفترض أن …», «كان مقرراً أن …», «كان يفترض أن …»: a past plan.
_PAST_PLAN = re.compile(
    r"(?<!\w)[وف]?كان(?:ت)?\s+(?:من\s+)?(?:ال)?(?:مقرر|مفترض|منتظر|متوقع|مزمع)ا?(?!\w)"
    r"|(?<!\w)[وف]?كان(?:ت)?\s+[يت]فترض(?!\w)"
)
#: …then a turn: «لكنها توقفت», «إلا أنها عادت», «غير أن», «بيد أن», «قبل أن».
_BUT = re.compile(r"(?<!\w)(?:و?لكن\w*|الا\s+ان\w*|غير\s+ان\w*|بيد\s+ان\w*|قبل\s+ان)(?!\w)")


def cancelled_plan(norm: str, pos: int) -> bool:
    """Return whether the place at ``norm[pos]`` is where something was due, not went.

    «كان من المقرر أن تصل إلى X لكنها توقفت في Y»: X is a destination the text goes on
    to deny, so it is no end of a route (Y, where it stopped, is told as a location).
    """
    start = clause_start(norm, pos)
    plan = list(_PAST_PLAN.finditer(norm, start, pos))
    if not plan or len(re.findall(r"\w+", norm[plan[-1].end() : pos])) > 8:
        return False
    return _BUT.search(norm, pos) is not None


def head_noun(m: Mention, nxt: Mention | None, text: str, offset: int) -> bool:
    """Return whether ``m`` is a kind-of-place noun heading the name after it.

    «ريف مدينة القامشلي»: a gazetteer may know a place called «مدينة», but a settlement
    noun followed at once by another place's name is that name's head, not a place.
    """
    if nxt is None or strip_clitics(normalize(m.surface)).isdisjoint(GENERIC_NOUNS):
        return False
    return not text[m.end - offset : nxt.start - offset].strip()


#: kinds of a place abroad that a Syrian article may name without naming its country
_KNOWN_ABROAD = frozenset(("city", "region", "area"))


_NATIONALITY = {
    "TR": "تركي", "LB": "لبناني", "IQ": "عراقي", "JO": "اردني", "IL": "اسرائيلي",
    "PS": "فلسطيني", "IR": "ايراني",
}  # fmt: skip


def credible_abroad(
    loc: PlaceUse, uses: list[PlaceUse], *, text: str | None = None, offset: int = 0
) -> bool:
    """Return whether a place abroad is really where an incident happened.

    A city abroad («بغداد»، «أربيل») is; a town, village or site abroad only when its
    sentence also names its country or another place there («قرية X في العراق») or its
    adjective follows the name («بلدة أقجة قلعة التركية»): otherwise
    it is a namesake of a Syrian place the gazetteer does not know (Syria's villages share
    their names with villages in Palestine, Lebanon, Iraq and Turkey).

    Parameters
    ----------
    loc : PlaceUse
        The place abroad chosen as the incident's location.
    uses : list of PlaceUse
        Every place of the sentence.
    text : str, optional
        The sentence (for the country's adjective after the name).
    offset : int, optional
        The sentence's start offset in the article.

    Returns
    -------
    bool
    """
    if loc.place.kind in _KNOWN_ABROAD:
        return True
    country = loc.place.country
    if any(u is not loc and country and u.place.country == country for u in uses):
        return True
    # «بلدة أقجة قلعة التركية»: the country's adjective right after the name
    stem = _NATIONALITY.get(country or "")
    if stem is None or text is None:
        return False
    end = loc.mention.end - offset
    return stem in normalize(text[end : end + 25])


#: place names that are also adjectives («جديدة» new, «كبيرة» big): after a noun, with no
#: settlement or locative word before them, they describe it
_ADJECTIVE_NAMES = frozenset(("جديده", "جديد", "الجديده", "الجديد", "كبيره", "الكبيره"))
_BEFORE_NAME = frozenset(
    ("في", "من", "الي", "قرب", "بلده", "قريه", "مدينه", "حي", "علي", "نحو", "باتجاه", "محيط")
)


def adjective(m: Mention, attached: str, words: list[str]) -> bool:
    """Return whether a name that is also an adjective describes the noun before it.

    «قاعدة عسكرية جديدة» (new), not the village «جديدة»; «بلدة جديدة»، «في الجديدة» name it.
    """
    if attached or not ("جديد" in m.surface or "كبير" in m.surface):
        return False  # (cheap test first: most names are no adjective)
    if normalize(m.surface) not in _ADJECTIVE_NAMES:
        return False
    last = _strip(words[-1]) if words else ""
    return bool(words) and last not in _BEFORE_NAME and words[-1] not in _BEFORE_NAME


def clipped_article(m: Mention, text: str, offset: int) -> bool:
    """Return whether a name that always has «ال» was found without it inside a word.

    «فرقه» (its teams) is no «الرقة», «وأهل باب» no «الباب»: a proclitic letter glued to
    the bare rest of a definite name is another word.
    """
    canon = normalize(m.place.name_ar or "")
    if not canon.startswith("ال") or normalize(m.surface).startswith("ال"):
        return False
    s = m.start - offset
    return s > 0 and text[s - 1].isalpha()


#: people fleeing, displaced or heading somewhere: the place after «إلى/نحو/باتجاه» is where
#: they went, not where the event happened («نزح مئات المدنيين إلى A بعد قصف على B»)
_FLEE = re.compile(
    r"(?<!\w)[وف]?(?:ال)?(?:نزح\w*|نزوح|نازح\w*|فر|فروا|فرت|فرار|هرب\w*|لجا|لجات|لجاوا|لجوء"
    r"|تهجير|هجر|هجرت|تهجر|المهجرين|مهجرين|اجلاء|اجلي)(?!\w)"
)
_TOWARD = re.compile(r"(?:الي|نحو|باتجاه|صوب)\s+(?:\w+\s+){0,2}$")


def refuges(uses: list[PlaceUse], nt: NormText, offset: int) -> list[PlaceUse]:
    """Give the role ``refuge`` to a place people fled or were displaced to.

    «نزح مئات المدنيين إلى A بعد قصف عنيف على B»: A follows «إلى/نحو» (a filler such as
    «مدينة» may stand between) and a word of flight or displacement stands at most six
    words before it in its clause; the event is at B.
    """
    out = list(uses)
    for i, u in enumerate(uses):
        if u.role != "location":
            continue
        npos = nt.norm_pos(u.mention.start - offset)
        cs = clause_start(nt.norm, npos)
        before = nt.norm[cs:npos]
        m = _TOWARD.search(before)
        if m is None:
            continue
        words = re.findall(r"\w+", before[: m.start()])[-6:]
        if any(_FLEE.fullmatch(w) for w in words):
            out[i] = replace(u, role="refuge", marker="")
    return out
