"""Which of a sentence's places are where the event happened, and how precisely.

Each place mention of a sentence gets one *role*:

- ``location``: a candidate place of the event;
- ``containment``: qualifies the place before it (``عين الحور بريف اللاذقية``: Latakia
  countryside says where Ain al-Hour is; it is listed among the event's places but is not
  a separate location);
- ``diplomatic`` (:mod:`events.diplomacy`): a venue or namesake of talks and agreements
  (``محادثات في أنقرة``، ``قمة في إسطنبول``، ``اتفاق سوتشي``، ``مؤتمر برلين``، ``مسار
  أستانة``، ``تم تبنيه في موسكو``) — never an event location;
- ``actor``: a capital or country standing for its government (``موسكو ترى``، ``حمّلت
  موسكو``، ``قالت أنقرة``) — never an event location;
- ``road``: a road (the M4), used for patrol routes;
- ``intended``: the object of a plan or threat (``كانوا يخططون لشن هجمات على قاعدة
  حميميم``) — never an event location.

A location also gets a *qualifier* (``near``: قرب/محيط/شمال…; ``countryside``: ريف;
``city``: مدينة; ``governorate``: محافظة) and, for patrols, a route *marker* (``origin``
من/انطلاقاً من، ``dest`` إلى/باتجاه/نحو/وصولاً لـ/حتى، ``via`` مروراً بـ/عبر، ``between``
بين، ``and`` و). Written by hand: these are rules of Arabic news prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from events.classify import NormText, norm_text
from events.diplomacy import is_actor_use, is_diplomatic_use, talks_about_diplomacy
from events.modality import intended
from gazetteer.model import Mention, Place
from gazetteer.normalize import normalize

__all__ = [
    "PlaceUse",
    "best_location",
    "geo_precision",
    "governorate_names",
    "in_syria",
    "place_uses",
    "talks_about_diplomacy",
]

#: Syria's bounding box (lon_min, lat_min, lon_max, lat_max), OCHA admin-0 extent rounded
#: outwards; used only for places whose country code is missing.
SYRIA_BBOX = (35.5, 32.3, 42.5, 37.4)
_KIND_RANK = {"site": 0, "village": 0, "town": 1, "city": 2, "area": 3, "region": 3, "country": 4}

_CLITIC = re.compile(r"^(?:[وف]?(?:بال|لل|ال|ب|ل|ك)?)")
_FILLERS = (
    "مدينه", "بلده", "قريه", "منطقه", "ناحيه", "مخيم", "محافظه", "حي", "بلدات", "قري", "مدن",
    "بلدتي", "قريتي", "مدينتي", "بلدتين", "قريتين", "مدينتين", "مناطق", "احياء", "حيي",
    "مقاطعه",
)  # fmt: skip
#: «منطقة عفرين»، «مقاطعة الجزيرة»، «ناحية تل تمر»: the district around the town
_DISTRICT = frozenset(("منطقه", "مقاطعه", "ناحيه"))
_NEAR = frozenset(
    ("قرب", "بالقرب", "محيط", "بمحيط", "اطراف", "باطراف", "ضواحي", "مشارف", "تخوم", "شمال",
     "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "اطراف", "جوار", "مقربه",
     "مدخل", "طريق", "محور", "جبهه", "جبهات")
)  # fmt: skip
_COUNTRYSIDE = frozenset(("ريف", "بريف", "ارياف", "ريفي", "ريفا"))
_CONTAIN_GAP = frozenset(
    ("ب", "في", "ريف", "بريف", "ارياف", "ريفي", "التابعه", "التابع", "ل", "ضمن", "شمال",
     "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "بمحافظه", "محافظه",
     "بمنطقه", "منطقه", "الجنوبي", "الشمالي", "الشرقي", "الغربي")
)  # fmt: skip
_ORIGIN = frozenset(("من", "انطلاقا", "قادمه", "قادما", "قادمين"))
_DEST = frozenset(("الي", "باتجاه", "نحو", "حتي", "لغايه", "وصولا", "اتجاه", "صوب", "ل"))
_VIA = frozenset(("مرورا", "عبر"))


@dataclass(frozen=True, slots=True)
class PlaceUse:
    """How a sentence uses one place mention.

    Parameters
    ----------
    mention : Mention
        The gazetteer's mention (offsets into the article).
    role : str
        ``location``, ``containment``, ``diplomatic``, ``actor``, ``intended``, ``road``,
        ``origin`` (where shooters fire from) or ``named`` (a neighbourhood whose name
        resolved far from the town that qualifies it).
    qualifier : str
        ``""``, ``near``, ``countryside``, ``city``, ``governorate`` or ``district``
        («منطقة/مقاطعة/ناحية X»: the district around the town X).
    marker : str
        Route marker: ``""``, ``origin``, ``dest``, ``via``, ``between`` or ``and``.
    locative : bool
        The name follows "في"/"بـ"/"داخل" (``في العراق``), as opposed to an adjective or a
        subject (``جنود أتراك``، ``تركيا أعلنت``).
    """

    mention: Mention
    role: str
    qualifier: str = ""
    marker: str = ""
    locative: bool = False

    @property
    def place(self) -> Place:
        """The mentioned place."""
        return self.mention.place


def in_syria(place: Place) -> bool:
    """Return whether a place is in Syria (by country code, else by Syria's bounding box).

    Parameters
    ----------
    place : Place

    Returns
    -------
    bool
    """
    if place.country:
        return place.country == "SY"
    if place.lon is None or place.lat is None:
        return False
    x0, y0, x1, y1 = SYRIA_BBOX
    return x0 <= place.lon <= x1 and y0 <= place.lat <= y1


def _strip(word: str) -> str:
    rest = _CLITIC.sub("", word)
    return rest if len(rest) >= 2 else word


def _context(nt: NormText, start: int) -> tuple[str, list[str]]:
    """(attached proclitic, normalized words before) for a mention starting at ``start``."""
    np_ = nt.norm_pos(start)
    k = np_
    while k > 0 and nt.norm[k - 1].isalpha():
        k -= 1
    attached = nt.norm[k:np_]
    words = re.findall(r"\w+", nt.norm[max(0, k - 200) : k])[-10:]
    return attached, words


_FILLER_PREFIXES = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "ال", "وال", "بال", "لل", "ولل")


def _filler(word: str) -> tuple[str, str] | None:
    """Return (prefix, filler) when ``word`` is a filler noun with proclitics, else None."""
    for f in _FILLERS:
        if word.endswith(f) and word[: len(word) - len(f)] in _FILLER_PREFIXES:
            return word[: len(word) - len(f)], f
    return None


def _peel_fillers(attached: str, words: list[str]) -> tuple[str, list[str], str]:
    """Drop "مدينة/بلدة/منطقة…" before a name; return (attached, words, filler seen)."""
    filler = ""
    while words and attached == "":
        found = _filler(words[-1])
        if found is None:
            break
        prefix, f = found
        filler = filler or f
        words = words[:-1]
        # "لمدينة" -> attached "ل"; "ومدينة" -> "و"; "بمدينة" -> "ب"; "المنطقة" -> ""
        attached = prefix.replace("ال", "").replace("لل", "ل")
    return attached, words, filler


def _marker(attached: str, words: list[str]) -> str:
    if attached.endswith("و") or attached == "و":
        return "and"
    if attached and attached[-1] == "ل":
        return "dest"
    last = words[-1] if words else ""
    if attached == "ب" and last in _VIA:
        return "via"
    if attached:
        return ""
    if last == "بين" or last == "وبين":
        return "between"
    if last in _ORIGIN or (last == "من" and len(words) > 1 and words[-2] in _ORIGIN):
        return "origin"
    if last in _DEST or _strip(last) in _DEST:
        return "dest"
    if last in _VIA:
        return "via"
    if last == "و":
        return "and"
    return ""


def _qualifier(attached: str, words: list[str], filler: str) -> str:
    last = words[-1] if words else ""
    if attached in ("ب", "و", "وب", "") and (last in _COUNTRYSIDE or _strip(last) in _COUNTRYSIDE):
        return "countryside"
    if last in _NEAR or _strip(last) in _NEAR or (last == "من" and "بالقرب" in words[-2:]):
        return "near"
    if filler == "محافظه":
        return "governorate"
    if filler in _DISTRICT:
        return "district"
    if filler == "مدينه":
        return "city"
    return ""


def _rank(place: Place, surface: str, gov_names: dict[str, str] | None) -> int:
    if gov_names and place.kind == "city" and gov_names.get(normalize(surface)) == place.admin1:
        return 3  # "جنوبي إدلب": the governorate as much as its capital
    return _KIND_RANK.get(place.kind, 1)


def place_uses(
    text: str,
    mentions: Sequence[Mention],
    *,
    offset: int = 0,
    gov_names: dict[str, str] | None = None,
) -> list[PlaceUse]:
    """Give each place mention of a sentence its role, qualifier and route marker.

    Parameters
    ----------
    text : str
        The sentence as printed.
    mentions : sequence of Mention
        Mentions inside the sentence, offsets into the article.
    offset : int, optional
        The sentence's start offset in the article.
    gov_names : dict, optional
        From :func:`governorate_names`: a capital named like its governorate counts as
        coarse when deciding what qualifies what.

    Returns
    -------
    list of PlaceUse
        In text order.
    """
    # (they read this module's helpers)
    from events.place_roles import (
        adjective,
        cancelled_plan,
        clipped_article,
        head_noun,
        neighbourhoods,
        refuges,
        shooters,
    )

    nt = norm_text(text)
    uses: list[PlaceUse] = []
    prev: Mention | None = None
    last_marker = ""
    ordered = sorted(mentions, key=lambda m: m.start)
    for k, m in enumerate(ordered):
        s, e = m.start - offset, m.end - offset
        if head_noun(m, ordered[k + 1] if k + 1 < len(ordered) else None, text, offset):
            continue
        attached, words = _context(nt, s)
        if adjective(m, attached, words) or clipped_article(m, text, offset):
            continue  # «قاعدة عسكرية جديدة»: "new", not the village of that name
        after = re.findall(r"\w+", nt.norm[nt.norm_pos(e) : nt.norm_pos(e) + 40])[:3]
        p = m.place
        if p.kind == "road":
            uses.append(PlaceUse(m, "road"))
            prev, last_marker = m, ""
            continue
        if is_actor_use(words, after):
            role = "actor"
        elif is_diplomatic_use(words, after):
            role = "diplomatic"
        elif intended(nt.norm, nt.norm_pos(s), n=8) or cancelled_plan(nt.norm, nt.norm_pos(s)):
            role = "intended"
        else:
            role = "location"
        if role == "location" and prev is not None and prev.place.kind != "road":
            gap = re.findall(r"\w+", nt.norm[nt.norm_pos(prev.end - offset) : nt.norm_pos(s)])
            coarser = _rank(p, m.surface, gov_names) >= _rank(prev.place, prev.surface, gov_names)
            if (
                coarser
                and len(gap) <= 3
                and all(_strip(g) in _CONTAIN_GAP or g in _CONTAIN_GAP for g in gap)
                and gap != ["و"]
            ):
                role = "containment"
        a2, w2, filler = _peel_fillers(attached, words)
        marker = _marker(a2, w2) if role == "location" else ""
        if marker == "and":
            marker = "dest" if last_marker in ("between", "dest", "via") else (last_marker or "")
        last = w2[-1] if w2 else ""
        locative = a2 in ("ب", "وب", "فب") or last in ("في", "داخل", "بداخل", "اراضي", "الاراضي")
        uses.append(PlaceUse(m, role, _qualifier(a2, w2, filler), marker, locative))
        if role == "location":
            last_marker = marker
        prev = m
    return refuges(neighbourhoods(shooters(uses, nt, offset), nt, offset), nt, offset)


def governorate_names(places: Iterable[Place]) -> dict[str, str]:
    """Map normalized Arabic names of Syrian regions to their admin1 code.

    Used to tell that a bare "إدلب" may mean the governorate as well as its capital.

    Parameters
    ----------
    places : iterable of Place

    Returns
    -------
    dict
    """
    out: dict[str, str] = {}
    for p in places:
        if p.kind == "region" and p.country == "SY" and p.admin1:
            for name in p.names_ar or (p.name_ar,):
                out.setdefault(normalize(name), p.admin1)
    return out


def geo_precision(use: PlaceUse, *, gov_names: dict[str, str] | None = None) -> int:
    """Return the ACLED geo precision of an event located at ``use``.

    1 the named place; 2 near a named place (قرب، بريف، محيط…) or a capital that shares
    its governorate's name with no "مدينة" (``في إدلب``); 3 a region, area or governorate.

    Parameters
    ----------
    use : PlaceUse
    gov_names : dict, optional
        From :func:`governorate_names`.

    Returns
    -------
    int
    """
    p = use.place
    if p.kind in ("region", "area", "country", "road") or use.qualifier == "governorate":
        return 3
    if use.qualifier in ("near", "countryside", "district"):
        return 2
    if (
        gov_names
        and use.qualifier != "city"
        and p.kind == "city"
        and gov_names.get(normalize(use.mention.surface)) == p.admin1
    ):
        return 2
    return 1


def best_location(
    uses: Sequence[PlaceUse],
    *,
    prefer: tuple[int, int] | None = None,
    syrian: bool = True,
    gov_names: dict[str, str] | None = None,
) -> PlaceUse | None:
    """Pick the finest location among ``uses``.

    Parameters
    ----------
    uses : sequence of PlaceUse
    prefer : (start, end), optional
        Article span (the cue's clause) whose places win over the rest of the sentence.
    syrian : bool, optional
        Only places in Syria (patrols, posts, ceasefires, incidents in Syria); else only
        places abroad (an incident the sentence places abroad). Countries never qualify.
    gov_names : dict, optional

    Returns
    -------
    PlaceUse or None
    """
    cands = [
        u
        for u in uses
        if u.role == "location"
        and u.place.kind != "country"
        and u.place.point is not None
        and in_syria(u.place) == syrian
    ]
    if not cands:
        return None

    def key(u: PlaceUse) -> tuple[int, int, int, float, int]:
        inside = prefer is not None and prefer[0] <= u.mention.start < prefer[1]
        return (
            0 if inside or prefer is None else 1,
            geo_precision(u, gov_names=gov_names),
            _KIND_RANK.get(u.place.kind, 1),
            # of two areas the smaller: «جبل الأكراد» inside «ريف اللاذقية»
            u.place.precision_km if _KIND_RANK.get(u.place.kind, 1) >= 3 else 0.0,
            u.mention.start,
        )

    return min(cands, key=key)
