"""Rules added after the extraction evaluation: hints past asides, crossings, compounds.

Sentences are written for these tests (not from the samples or the bench gold sets);
points are copied from the records named in each fixture's ``source``.
"""

import pytest

from gazetteer.core import Gazetteer
from gazetteer.model import Place
from tests.gazetteer_fixtures import BASE, FakeTable


def _place(pid, ar, en, lon, lat, kind, admin1, source, names=(), pop=0, layer="import"):
    return Place(
        pid, ar, en, lon, lat, kind, "SY", admin1, pop, layer, source, 1.0, (ar, *names), (en,)
    )


RAS_AIN_HA = _place(
    "gn:165509",
    "رأس العين",
    "Ras al-Ain",
    40.07055,
    36.85034,
    "town",
    "SY-HA",
    "GeoNames 165509",
    pop=29347,
    layer="builtin",
)
RAS_AIN_HL = _place(
    "wof:1260064727",
    "رأس العين",
    "Ras al-Ain (Aleppo)",
    38.36077,
    36.583,
    "village",
    "SY-HL",
    "Who's On First 1260064727",
)
RAS_AIN_LA = _place(
    "wof:1226355253",
    "رأس العين",
    "Ras al-Ain (Latakia)",
    36.00025,
    35.32356,
    "village",
    "SY-LA",
    "Who's On First 1226355253",
)
ZONE = _place(
    "cur:zone-x",
    "نبع السلام",
    "Operation zone",
    39.51219,
    36.77341,
    "area",
    "",
    "test fixture: point of the overlay's cur:zone-peace-spring",
    names=("منطقة نبع السلام",),
    layer="overlay",
)
RIF_HASAKAH = _place(
    "cur:rif-hasakah",
    "ريف الحسكة",
    "Hasakah countryside",
    40.74772,
    36.50237,
    "region",
    "SY-HA",
    "test fixture: point of the overlay's cur:rif-hasakah",
    layer="overlay",
)
HINTS = (*BASE, RAS_AIN_HA, RAS_AIN_HL, RAS_AIN_LA, ZONE, RIF_HASAKAH)


@pytest.fixture(scope="module")
def gz_hints():
    return Gazetteer(FakeTable(HINTS))


def _first(gz, text, surface):
    ms = [m for m in gz.tag(text) if m.surface == surface]
    assert ms, f"{surface} not tagged in {text!r}: {[m.surface for m in gz.tag(text)]}"
    return ms[0]


@pytest.mark.parametrize(
    "text",
    [
        "سقطت قذيفة في بلدة رأس العين (سري كانيه) بريف الحسكة صباح اليوم",
        "اشتباكات قرب رأس العين [سري كانيه] في ريف الحسكة",
        "انفجرت دراجة مفخخة في رأس العين (سري كانيه) ضمن منطقة «نبع السلام» بريف الحسكة",
    ],
)
def test_containment_hint_after_an_aside_in_brackets(gz_hints, text):
    m = _first(gz_hints, text, "رأس العين")
    assert m.place is RAS_AIN_HA
    assert m.score > 0.6


def test_containment_passes_through_a_zone(gz_hints):
    # The zone has no governorate; the countryside named after it has.
    text = "قتل عنصران في رأس العين ضمن منطقة نبع السلام بريف الحسكة الشمالي"
    m = _first(gz_hints, text, "رأس العين")
    assert m.place is RAS_AIN_HA
    assert m.score > 0.6


def test_words_outside_brackets_still_break_the_hint(gz_hints):
    # A real clause between the name and the region: no hint, the prior decides alone.
    text = "وصل وفد إلى رأس العين وتحدث مع الأهالي عن أوضاع ريف الحسكة"
    m = _first(gz_hints, text, "رأس العين")
    assert m.score < 0.9


# --- a facility noun before a name prefers the site -----------------------------------------

HAWA_VILLAGE = _place(
    "wof:1327148431",
    "باب الريح",
    "made-up village",
    42.119,
    37.19805,
    "village",
    "SY-HA",
    "test fixture: point of wof:1327148431 under a made-up name",
)
HAWA_SITE = _place(
    "test:site",
    "باب الريح",
    "made-up crossing",
    36.692,
    36.23,
    "site",
    "SY-ID",
    "test fixture: point of the OpenSyria record sy-bab-al-hawa-border-crossing",
    layer="overlay",
)


@pytest.fixture(scope="module")
def gz_sites():
    return Gazetteer(FakeTable((*BASE, HAWA_VILLAGE, HAWA_SITE)))


@pytest.mark.parametrize(
    "text",
    [
        "وصلت شاحنات المساعدات عبر معبر باب الريح صباح اليوم",
        "أغلقت السلطات المعبر ثم أعادت فتح المطار باب الريح",
        "نقل المعتقلون إلى سجن باب الريح",
    ],
)
def test_facility_noun_prefers_the_site(gz_sites, text):
    assert _first(gz_sites, text, "باب الريح").place is HAWA_SITE


def test_settlement_noun_still_prefers_the_village(gz_sites):
    text = "قصفت المدفعية قرية باب الريح"
    assert _first(gz_sites, text, "باب الريح").place is HAWA_VILLAGE


@pytest.fixture(scope="module")
def gz_real(tmp_path_factory):
    import os

    from tests.gazetteer_support import data_dir_with_builtin

    data = data_dir_with_builtin(tmp_path_factory.mktemp("data"))
    old = os.environ.get("CONFLICTMAP_DATA_DIR")
    os.environ["CONFLICTMAP_DATA_DIR"] = str(data)
    try:
        yield Gazetteer.load()
    finally:
        if old is None:
            os.environ.pop("CONFLICTMAP_DATA_DIR", None)
        else:
            os.environ["CONFLICTMAP_DATA_DIR"] = old


@pytest.mark.parametrize(
    ("text", "surface", "place_id"),
    [
        (
            "قصفت طائرات حربية محيط معبر باب الهوى الحدودي مع تركيا",
            "معبر باب الهوى الحدودي",
            "cur:crossing-bab-al-hawa",
        ),
        (
            "عادت عشرات العائلات عبر معبر باب السلامة",
            "معبر باب السلامة",
            "cur:crossing-bab-al-salam",
        ),
        ("دخلت قافلة عسكرية تركية من معبر جرابلس", "معبر جرابلس", "cur:crossing-jarablus"),
        ("أغلق معبر الراعي أمام المسافرين", "معبر الراعي", "cur:crossing-al-rai"),
        ("أعيد فتح معبر كسب الحدودي", "معبر كسب الحدودي", "cur:crossing-kasab"),
        ("تجمع المحتجون قرب معبر تل أبيض", "معبر تل أبيض", "cur:crossing-tell-abyad"),
        ("سقطت قذائف قرب معبر رأس العين", "معبر رأس العين", "cur:crossing-ras-al-ain"),
    ],
)
def test_border_crossings_in_the_overlay(gz_real, text, surface, place_id):
    m = _first(gz_real, text, surface)
    assert m.place.place_id == place_id
    assert m.place.kind == "site"
    assert "OpenSyria" in m.place.source


# --- plural common nouns, unknown compounds -------------------------------------------------

QIRRI = _place(
    "wof:1226456537",
    "قري",
    "Qirri",
    40.78951,
    37.00186,
    "village",
    "SY-HA",
    "Who's On First 1226456537",
    names=("القرى",),
)
PLURALS = tuple(
    _place(
        f"test:{w}",
        w,
        w,
        40.78951,
        37.00186,
        "village",
        "SY-HA",
        "test fixture: point of wof:1226456537",
    )
    for w in ("المدن", "البلدات", "المناطق", "الأحياء", "القوات")
)


@pytest.fixture(scope="module")
def gz_nouns():
    return Gazetteer(FakeTable((*BASE, QIRRI, *PLURALS)))


@pytest.mark.parametrize(
    "text",
    [
        "تقدمت قوات النظام في سراقب والقرى المجاورة لها",
        "نزح آلاف المدنيين من القرى الحدودية",
        "وصلت التعزيزات إلى أريحا والبلدات القريبة",
        "دارت اشتباكات في المدن والمناطق الشمالية",
        "انسحبت من سراقب والقوات المرافقة لها",
        "تعرضت الأحياء الشرقية للقصف",
    ],
)
def test_plural_common_nouns_are_not_villages(gz_nouns, text):
    surfaces = {m.surface for m in gz_nouns.tag(text)}
    assert not surfaces & {"القرى", "والقرى", "المدن", "البلدات", "والبلدات", "المناطق"}
    assert not surfaces & {"والمناطق", "الأحياء", "القوات", "والقوات"}


def test_coordination_still_joins_real_names(gz_nouns):
    assert "سراقب" in {m.surface for m in gz_nouns.tag("قصفت الطائرات أريحا وسراقب")}


@pytest.mark.parametrize(
    "text",
    [
        "سقطت قذيفة على بلدة كفر حلب الصغيرة",
        "قصفت المدفعية قرية تل حلب",
        "نزحت عائلات من خربة سراقب",
        "دارت اشتباكات في محيط عين أريحا",
    ],
)
def test_tail_of_an_unknown_compound_is_not_the_city(gz_nouns, text):
    assert gz_nouns.tag(text) == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("قصفت الطائرات ريف حلب الغربي", "حلب"),
        ("سقطت قذائف على مدينة حلب", "حلب"),
        ("تقدمت القوات شرق حلب", "حلب"),
        ("وصلت تعزيزات إلى جسر الشغور", "جسر الشغور"),
    ],
)
def test_known_names_after_other_words_still_tag(gz_nouns, text, surface):
    assert any(m.surface.endswith(surface) for m in gz_nouns.tag(text))
