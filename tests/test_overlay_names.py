"""Curated overlay rows for names the data layers lack, on the real built-in table.

Kurdish names printed in Arabic, press spellings that differ from GeoNames', the directional
countryside of the eastern and southern governorates and named areas (Ghouta, Qalamoun, the
Badia). Sentences written for this test, not taken from the samples.
"""

import pytest

from gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gz(tmp_path_factory):
    return Gazetteer.load(data_dir=tmp_path_factory.mktemp("overlay-names"))


def _by_surface(gz, text):
    return {m.surface: m.place for m in gz.tag(text)}


def test_kurdish_names_resolve_to_the_arabic_names_place(gz):
    got = _by_surface(gz, "سقطت قذائف على كوباني، ثم على سري كانيه وقرى قرب كري سبي")
    arabic = _by_surface(gz, "سقطت قذائف على عين العرب ورأس العين وتل أبيض")
    assert got["كوباني"].place_id == arabic["عين العرب"].place_id
    assert got["سري كانيه"].place_id == arabic["رأس العين"].place_id
    assert got["كري سبي"].place_id == arabic["تل أبيض"].place_id


def test_alias_rows_keep_the_standard_display_names(gz):
    place = _by_surface(gz, "اشتباكات في محيط كوباني")["كوباني"]
    assert place.name_ar == "عين العرب"
    assert place.name_en == "Ayn al-Arab"


def test_press_spellings_of_hasakah_towns(gz):
    got = _by_surface(gz, "وصل رتل إلى مدينة الشدادي قادماً من بلدة الهول")
    assert got["مدينة الشدادي"].place_id == "gn:172837"
    assert got["بلدة الهول"].place_id == "gn:173797"


def test_al_hol_camp_is_a_site_beside_the_town(gz):
    camp = _by_surface(gz, "أعيدت عائلات من مخيم الهول إلى العراق")["مخيم الهول"]
    assert camp.kind == "site"
    assert camp.precision_km <= 5
    assert camp.admin1 == "SY-HA"


@pytest.mark.parametrize(
    ("phrase", "place_id", "admin1"),
    [
        ("بريف دير الزور الشرقي", "cur:rif-deir-ez-zor-east", "SY-DY"),
        ("في ريف دير الزور الغربي", "cur:rif-deir-ez-zor-west", "SY-DY"),
        ("في ريف الرقة الشرقي", "cur:rif-raqqa-east", "SY-RA"),
        ("بريف الحسكة الجنوبي", "cur:rif-hasakah-south", "SY-HA"),
        ("في ريف درعا الغربي", "cur:rif-daraa-west", "SY-DR"),
        ("بريف حمص الشرقي", "cur:rif-homs-east", "SY-HI"),
        ("في الغوطة الشرقية", "cur:ghouta-east", "SY-RD"),
        ("في منطقة القلمون", "cur:qalamoun", "SY-RD"),
    ],
)
def test_directional_countryside_and_named_areas(gz, phrase, place_id, admin1):
    ms = gz.tag(f"أفاد ناشطون بمقتل مدني في انفجار لغم {phrase} صباح اليوم")
    assert [m.place.place_id for m in ms] == [place_id]
    assert ms[0].place.admin1 == admin1


def test_the_badia_is_an_area_with_an_honest_radius(gz):
    ms = gz.tag("هاجم عناصر من تنظيم الدولة حافلة في البادية السورية")
    assert [m.place.place_id for m in ms] == ["cur:badia"]
    assert ms[0].place.precision_km >= 100


def test_neighbourhoods_named_without_hay_resolve_to_their_city(gz):
    got = _by_surface(gz, "سقطت قذائف على أحياء الحمدانية والجميلية في مدينة حلب")
    assert got["الحمدانية"].place_id == "cur:hood-aleppo-hamdaniyah"
    assert got["الجميلية"].place_id == "cur:hood-aleppo-jamiliyah"
    assert got["الحمدانية"].precision_km >= 5  # the city's point and radius, honestly


def test_damascus_and_homs_neighbourhoods(gz):
    got = _by_surface(gz, "سقطت قذائف على جوبر والقابون، وقصف على حي الوعر في مدينة حمص")
    assert got["جوبر"].place_id == "cur:hood-damascus-jobar"
    assert got["القابون"].parent_id == "gn:170654"
    assert got["حي الوعر"].parent_id == "gn:169577"


def test_airfields_the_news_names(gz):
    got = _by_surface(gz, "استهدفت غارات مطار المزة العسكري ومطار الشعيرات، وقصف مطار النيرب")
    assert got["مطار المزة العسكري"].place_id == "cur:airport-mezzeh"
    assert got["مطار الشعيرات"].kind == "site"
    assert got["مطار النيرب"].place_id == "cur:airport-aleppo"  # the airbase, not the village
