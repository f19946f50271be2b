"""Place roles, qualifiers, route markers and precision, on hand-made mentions.

The places are synthetic (ids ``t:…``, made-up coordinates): these tests are about Arabic
sentence structure, not about where the places are.
"""

from __future__ import annotations

import pytest

from events.locate import (
    best_location,
    geo_precision,
    governorate_names,
    in_syria,
    place_uses,
)
from events.patrols import route_stops
from gazetteer.model import Mention, Place


def P(pid, name_ar, kind="town", country="SY", lon=36.5, lat=35.5, admin1="SY-XX", **kw):
    return Place(f"t:{pid}", name_ar, pid, lon, lat, kind, country, admin1=admin1, **kw)


ANKARA = P("ankara", "أنقرة", "city", "TR", 32.8, 39.9, "")
ISTANBUL = P("istanbul", "إسطنبول", "city", "TR", 28.9, 41.0, "")
SOCHI = P("sochi", "سوتشي", "city", "RU", 39.7, 43.6, "")
MOSCOW = P("moscow", "موسكو", "city", "RU", 37.6, 55.7, "")
BERLIN = P("berlin", "برلين", "city", "DE", 13.4, 52.5, "")
ASTANA = P("astana", "أستانة", "city", "KZ", 71.4, 51.2, "")
DAMASCUS = P("damascus", "دمشق", "city", lon=36.3, lat=33.5)
TOWN_A = P("a", "الحاضر", "town", lon=36.9, lat=35.9)
TOWN_B = P("b", "تل رفعت", "town", lon=37.0, lat=36.4)
TOWN_C = P("c", "الباب", "city", lon=37.5, lat=36.3)
VILLAGE = P("v", "كفرنوران", "village", lon=36.8, lat=36.1)
REGION = P("r", "ريف حلب الغربي", "region", lon=36.9, lat=36.2)
GOV_CITY = P("homs", "حمص", "city", lon=36.7, lat=34.7, admin1="SY-HI")
GOV = P("gov-homs", "محافظة حمص", "region", lon=36.9, lat=34.6, admin1="SY-HI",
        names_ar=("محافظة حمص", "حمص"))  # fmt: skip
ROAD = P("road", "الطريق الدولي", "road", waypoints=((36.0, 35.0), (37.0, 35.0)))
SYRIA = P("sy", "سوريا", "country", lon=38.0, lat=35.0)


def mentions(text: str, *pairs: tuple[str, Place]) -> list[Mention]:
    out, pos = [], 0
    for surface, place in pairs:
        start = text.index(surface, pos)
        out.append(Mention(start, start + len(surface), surface, place, 0.9))
        pos = start + len(surface)
    return out


def roles(text: str, *pairs: tuple[str, Place]) -> list[str]:
    return [u.role for u in place_uses(text, mentions(text, *pairs))]


@pytest.mark.parametrize(
    ("text", "surface", "place"),
    [
        ("وعقدت محادثات ثلاثية في أنقرة لبحث الملف", "أنقرة", ANKARA),
        ("خلال قمة في إسطنبول أمس", "إسطنبول", ISTANBUL),
        ("بموجب اتفاق سوتشي الموقع بين البلدين", "سوتشي", SOCHI),
        ("وفقاً لقرارات مؤتمر برلين", "برلين", BERLIN),
        ("في إطار مسار أستانة", "أستانة", ASTANA),
        ("البروتوكول الذي تم تبنيه في موسكو", "موسكو", MOSCOW),
        ("ووصل وفد روسي إلى أنقرة هذا الأسبوع", "أنقرة", ANKARA),
        ("وقع الطرفان في دمشق اتفاقاً للمصالحة", "دمشق", DAMASCUS),
    ],
)
def test_diplomatic_venues(text, surface, place):
    assert roles(text, (surface, place)) == ["diplomatic"]


@pytest.mark.parametrize(
    ("text", "surface", "place"),
    [
        ("وحملت موسكو المسؤولية عن التصعيد", "موسكو", MOSCOW),
        ("وترى أنقرة أن الهجوم خرق للاتفاق", "أنقرة", ANKARA),
        ("موسكو ترى أن تركيا لم تلتزم", "موسكو", MOSCOW),
    ],
)
def test_capitals_standing_for_governments(text, surface, place):
    assert roles(text, (surface, place)) == ["actor"]


def test_subject_of_talks_is_still_a_location():
    # Damascus is where the shelling was; the talks were about it, not in it
    text = "ناقش الوزيران القصف على دمشق"
    assert roles(text, ("دمشق", DAMASCUS)) == ["location"]
    text2 = "خرقت قوات النظام في الحاضر اتفاق وقف إطلاق النار"
    assert roles(text2, ("الحاضر", TOWN_A)) == ["location"]


def test_containment_qualifies_the_place_before_it():
    text = "قصفت المدفعية قرية كفرنوران بريف حلب الغربي"
    uses = place_uses(text, mentions(text, ("كفرنوران", VILLAGE), ("ريف حلب الغربي", REGION)))
    assert [u.role for u in uses] == ["location", "containment"]
    assert best_location(uses).place is VILLAGE


def test_two_places_joined_by_and_are_both_locations():
    text = "قصفت المدفعية الحاضر وتل رفعت"
    assert roles(text, ("الحاضر", TOWN_A), ("تل رفعت", TOWN_B)) == ["location", "location"]


@pytest.mark.parametrize(
    ("text", "qualifier", "precision"),
    [
        ("سقطت قذائف قرب بلدة الحاضر", "near", 2),
        ("سقطت قذائف على محيط الحاضر", "near", 2),
        ("سقطت قذائف شمال الحاضر", "near", 2),
        ("نقاط تركية بريف الحاضر", "countryside", 2),
        ("سقطت قذائف على بلدة الحاضر", "", 1),
        ("سقطت قذائف على الحاضر", "", 1),
    ],
)
def test_qualifiers_and_precision(text, qualifier, precision):
    (use,) = place_uses(text, mentions(text, ("الحاضر", TOWN_A)))
    assert use.qualifier == qualifier
    assert geo_precision(use) == precision


def test_a_city_named_like_its_governorate_is_precision_2_unless_called_a_city():
    gov = governorate_names([GOV, TOWN_A])
    assert gov == {"محافظه حمص": "SY-HI", "حمص": "SY-HI"}
    (bare,) = place_uses("قصف في حمص", mentions("قصف في حمص", ("حمص", GOV_CITY)))
    assert geo_precision(bare, gov_names=gov) == 2
    text = "قصف في مدينة حمص"
    (city,) = place_uses(text, mentions(text, ("حمص", GOV_CITY)))
    assert city.qualifier == "city"
    assert geo_precision(city, gov_names=gov) == 1
    text = "قصف في محافظة حمص"
    (region,) = place_uses(text, mentions(text, ("حمص", GOV_CITY)))
    assert geo_precision(region, gov_names=gov) == 3


def test_regions_and_countries_are_precision_3_and_countries_never_locations():
    text = "قصف في ريف حلب الغربي شمال سوريا"
    uses = place_uses(text, mentions(text, ("ريف حلب الغربي", REGION), ("سوريا", SYRIA)))
    assert geo_precision(uses[0]) == 3
    assert best_location(uses).place is REGION
    only_country = place_uses("قصف في سوريا", mentions("قصف في سوريا", ("سوريا", SYRIA)))
    assert best_location(only_country) is None


def test_best_location_prefers_the_cue_clause_and_syria():
    text = "تحدث الوزير في أنقرة، وقصفت المدفعية الحاضر"
    ms = mentions(text, ("أنقرة", ANKARA), ("الحاضر", TOWN_A))
    uses = place_uses(text, ms)
    assert best_location(uses).place is TOWN_A
    assert best_location(uses, syrian=False).place is ANKARA
    clause = (text.index("وقصفت"), len(text))
    text2 = "قصفت المدفعية الحاضر، وسقطت قذيفة في الباب"
    uses2 = place_uses(text2, mentions(text2, ("الحاضر", TOWN_A), ("الباب", TOWN_C)))
    assert best_location(uses2, prefer=(text2.index("وسقطت"), len(text2))).place is TOWN_C
    assert clause[0] > 0


def nam(uses) -> list[str]:
    return [u.place.name_en for u in route_stops(uses)]


@pytest.mark.parametrize(
    ("text", "pairs", "expected"),
    [
        (
            "انطلقت الدورية من الحاضر باتجاه كفرنوران وصولاً إلى الباب",
            (("الحاضر", TOWN_A), ("كفرنوران", VILLAGE), ("الباب", TOWN_C)),
            ["a", "v", "c"],
        ),
        (
            "دورية مشتركة من بلدة الحاضر وصولاً لمدينة الباب",
            (("الحاضر", TOWN_A), ("الباب", TOWN_C)),
            ["a", "c"],
        ),
        (
            "وصلت الدورية إلى الباب قادمة من الحاضر",
            (("الباب", TOWN_C), ("الحاضر", TOWN_A)),
            ["a", "c"],
        ),
        (
            "دوريات قصيرة بين قرية كفرنوران وبلدة الحاضر",
            (("كفرنوران", VILLAGE), ("الحاضر", TOWN_A)),
            ["v", "a"],
        ),
        (
            "انطلاقاً من الباب مروراً بتل رفعت وصولاً لكفرنوران",
            (("الباب", TOWN_C), ("تل رفعت", TOWN_B), ("كفرنوران", VILLAGE)),
            ["c", "b", "v"],
        ),
        (
            "دورية على الطريق بين بلدتي الحاضر وكفرنوران",
            (("الحاضر", TOWN_A), ("كفرنوران", VILLAGE)),
            ["a", "v"],
        ),
        (
            "سيرت دورية باتجاه تل رفعت والحاضر",
            (("تل رفعت", TOWN_B), ("الحاضر", TOWN_A)),
            ["b", "a"],
        ),
    ],
)
def test_route_stops_in_travel_order(text, pairs, expected):
    assert nam(place_uses(text, mentions(text, *pairs))) == expected


def test_places_without_route_words_are_context_not_stops():
    text = "سيرت دورية على الطريق الدولي في ريف حلب الغربي قرب الحاضر"
    uses = place_uses(
        text,
        mentions(text, ("الطريق الدولي", ROAD), ("ريف حلب الغربي", REGION), ("الحاضر", TOWN_A)),
    )
    assert uses[0].role == "road"
    assert route_stops(uses) == []


def test_foreign_places_are_never_stops():
    text = "دورية من أنقرة إلى الحاضر"
    assert nam(place_uses(text, mentions(text, ("أنقرة", ANKARA), ("الحاضر", TOWN_A)))) == ["a"]


def test_in_syria_uses_the_bbox_when_the_country_is_unknown():
    assert in_syria(P("x", "س", country="", lon=37.0, lat=35.0))
    assert not in_syria(P("y", "ص", country="", lon=30.0, lat=35.0))
    assert not in_syria(ANKARA)


def test_a_stop_without_coordinates_is_not_a_stop():
    nowhere = P("n", "مكان", "village", lon=None, lat=None)
    text = "دورية من الحاضر إلى مكان"
    assert nam(place_uses(text, mentions(text, ("الحاضر", TOWN_A), ("مكان", nowhere)))) == ["a"]
