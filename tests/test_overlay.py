from __future__ import annotations

import csv
import itertools
import json
import math

import pytest
from shapely.geometry import LineString, Point, shape

from gazetteer.admin import OCHA_ADMIN1
from gazetteer.builtin import load_builtin
from gazetteer.errors import TableError
from gazetteer.model import KINDS
from gazetteer.normalize import normalize
from gazetteer.overlay import (
    OVERLAY_DIR,
    PLACE_COLUMNS,
    WAYPOINT_COLUMNS,
    load_overlay,
    validate_overlay,
)
from tests.gazetteer_support import data_dir_with_builtin, shared_data, wof_tree


@pytest.fixture(scope="module")
def builtin(tmp_path_factory):
    d = data_dir_with_builtin(tmp_path_factory.mktemp("data"))
    return {p.place_id: p for p in load_builtin(data_dir_=d)}


@pytest.fixture(scope="module")
def rows():
    return load_overlay()


@pytest.fixture(scope="module")
def by_id(rows):
    return {r.place.place_id: r.place for r in rows}


def _km(a, b):
    dx = (a[0] - b[0]) * 111.32 * math.cos(math.radians((a[1] + b[1]) / 2))
    return math.hypot(dx, (a[1] - b[1]) * 110.57)


def _line_km(line: LineString, pt) -> float:
    nearest = line.interpolate(line.project(Point(pt)))
    return _km((nearest.x, nearest.y), pt)


def _waypoint_rows():
    out = []
    for path in sorted(OVERLAY_DIR.glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            if set(WAYPOINT_COLUMNS) <= set(reader.fieldnames or []):
                out.extend(reader)
    return out


# --- every row ----------------------------------------------------------------------------


def test_every_overlay_row_is_valid(rows, builtin):
    assert len(rows) > 100
    problems = validate_overlay(rows, known_ids=builtin)
    assert problems == []


def test_every_file_has_the_required_columns():
    for path in OVERLAY_DIR.glob("*.csv"):
        with path.open(encoding="utf-8") as fh:
            header = next(csv.reader(fh))
        assert set(PLACE_COLUMNS) <= set(header) or set(WAYPOINT_COLUMNS) <= set(header), path


def test_rows_are_honest(rows):
    for r in rows:
        p = r.place
        assert p.kind in KINDS
        assert p.layer == "overlay"
        assert p.source.strip()
        if p.point is not None:
            assert 0 < p.precision_km <= 150, p.place_id
        if p.kind in {"region", "area"} and p.country == "SY":
            assert p.precision_km >= 4, p.place_id  # an area is never a pin
        if p.country == "SY":
            assert p.admin1 == "" or p.admin1.startswith("SY-")


def test_waypoints_are_typed_from_their_records(builtin):
    wps = _waypoint_rows()
    assert wps
    for w in wps:
        assert w["source"].strip()
        assert w["ref_id"].strip()
        ref = builtin.get(w["ref_id"])
        if ref is not None:  # GeoNames records: the typed coordinate is the record's
            assert _km((float(w["lon"]), float(w["lat"])), ref.point) < 0.05, w
        else:
            assert w["ref_id"].startswith("wof:"), w


@pytest.mark.wof
def test_wof_coordinates_typed_in_the_overlay_match_the_records():
    tree = wof_tree()
    typed = [(w["ref_id"], float(w["lon"]), float(w["lat"])) for w in _waypoint_rows()]
    for path in OVERLAY_DIR.glob("*.csv"):
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                src = row.get("source", "")
                if src.startswith("wof:") and row.get("lon"):
                    typed.append((src.split()[0], float(row["lon"]), float(row["lat"])))
    for ref, lon, lat in typed:
        if not ref.startswith("wof:"):
            continue
        wid = ref.split(":")[1]
        parts = [wid[i : i + 3] for i in range(0, len(wid), 3)]
        path = tree.joinpath("data", *parts, f"{wid}.geojson")
        props = json.loads(path.read_text("utf-8"))["properties"]
        assert _km((lon, lat), (props["geom:longitude"], props["geom:latitude"])) < 0.05, ref


# --- what the overlay must contain --------------------------------------------------------


def test_hmeimim(by_id):
    p = by_id["cur:hmeimim"]
    assert p.point == (35.9487, 35.4011)  # OSLK, (lon, lat)
    assert "حميميم" in p.names_ar
    assert "OSLK" in p.source
    assert p.admin1 == "SY-LA"


def test_governorates(rows):
    govs = [r for r in rows if r.place.place_id.startswith("cur:gov-")]
    assert {r.place.admin1 for r in govs} == set(OCHA_ADMIN1.values())
    for r in govs:
        assert r.same_as == (f"iso:{r.place.admin1}",)
        assert 5 <= r.place.precision_km <= 150


def test_countryside_regions(by_id):
    south = by_id["cur:rif-idlib-south"]
    assert "ريف إدلب الجنوبي" in south.names_ar
    assert south.parent_id == "cur:rif-idlib"
    assert 20 <= south.precision_km <= 30
    assert "ريف اللاذقية الشمالي" in by_id["cur:rif-latakia-north"].names_ar
    for name in ("ريف حلب الغربي", "ريف حماة الشمالي", "ريف حماه الشمالي"):
        assert any(name in p.names_ar for p in by_id.values()), name


def test_mountains_and_zones(by_id):
    names = {n for p in by_id.values() for n in p.names_ar}
    for name in ("جبل الزاوية", "جبل الأكراد", "جبل التركمان", "سهل الغاب", "نبع السلام"):
        assert name in names
    for name in ("درع الفرات", "غصن الزيتون"):
        assert name in names
    spring = by_id["cur:zone-peace-spring"]
    assert _km(spring.point, (39.51, 36.77)) < 10  # between Tell Abyad and Ras al-Ain


def test_observation_posts_are_placed_at_host_villages(by_id, builtin):
    posts = [p for p in by_id.values() if p.place_id.startswith("cur:post-")]
    assert len(posts) >= 8
    for p in posts:
        assert p.kind == "site"
        assert p.precision_km >= 2
        assert "host village" in p.source
    assert by_id["cur:post-morek"].point == builtin["gn:166640"].point


def test_villages_without_the_import(by_id, builtin):
    trunba = by_id["cur:trunba"]
    saraqib, nayrab = builtin["gn:164816"].point, by_id["cur:nayrab-idlib"].point
    assert _km(trunba.point, saraqib) < 6
    assert _km(trunba.point, nayrab) < 6
    assert {"ترنبة", "الترنبة"} <= set(trunba.names_ar)
    assert _km(nayrab, saraqib) < 12
    ain = by_id["cur:ain-al-hour-latakia"]
    assert ain.admin1 == "SY-LA"
    assert _km(ain.point, builtin["gn:169023"].point) < 30  # Jisr al-Shughur


def test_neighbourhoods_have_a_parent_city(by_id, builtin):
    hoods = [p for p in by_id.values() if p.place_id.startswith("cur:hood-")]
    assert len(hoods) > 20
    parents = {p.parent_id for p in hoods}
    # Aleppo, Idlib, Hama, Latakia, Damascus, Homs
    cities = {"gn:170063", "gn:169389", "gn:170017", "gn:173576", "gn:170654", "gn:169577"}
    assert parents <= cities
    for p in hoods:
        assert p.point == builtin[p.parent_id].point
        assert "parent city" in p.source


def test_world_names(by_id, builtin):
    assert "سوتشي" in by_id["cur:name-sochi"].names_ar
    assert by_id["cur:name-sochi"].point is None  # inherits the GeoNames point


# --- roads --------------------------------------------------------------------------------


def test_m4_spellings(by_id):
    m4 = by_id["cur:m4"]
    names = {normalize(n) for n in m4.names_ar}
    for spelling in (
        "إم 4",
        "أم 4",
        "إم4",
        "ام 4",
        "الطريق الدولي حلب - اللاذقية",
        "أوتوستراد حلب-اللاذقية",
        "طريق حلب اللاذقية الدولي",
        "الطريق الدولي حلب – اللاذقية",
    ):
        assert normalize(spelling) in names, spelling
    assert {"M4", "M-4"} <= set(m4.names_en)
    assert "إم 5" in by_id["cur:m5"].names_ar


def test_m4_follows_the_road_through_its_towns(by_id, builtin):
    line = LineString(by_id["cur:m4"].waypoints)
    for pid in ("gn:173576", "gn:169023", "gn:172994", "gn:164816", "gn:170063"):
        assert _line_km(line, builtin[pid].point) < 3, pid
    assert _line_km(line, by_id["cur:ain-al-hour-latakia"].point) < 3
    assert _line_km(line, by_id["cur:nayrab-idlib"].point) < 3
    assert _line_km(line, by_id["cur:trunba"].point) < 3
    # west to east, and about the real length (Latakia-Saraqib ~ 120 km, to Aleppo ~ 180)
    wps = by_id["cur:m4"].waypoints
    assert wps[0][0] < wps[-1][0]
    length = sum(_km(a, b) for a, b in itertools.pairwise(wps))
    assert 150 < length < 230


def test_m5_follows_the_road_through_its_towns(by_id, builtin):
    line = LineString(by_id["cur:m5"].waypoints)
    for pid in ("gn:170654", "gn:169577", "gn:170017", "gn:167611", "gn:164816", "gn:170063"):
        assert _line_km(line, builtin[pid].point) < 3, pid


def test_overlay_points_lie_in_their_governorates(by_id):
    data = shared_data()
    polys = {
        OCHA_ADMIN1[f["properties"]["PCODE"]]: shape(f["geometry"])
        for f in json.loads((data / "ocha_syr_admin1_2016.geojson").read_text("utf-8"))["features"]
    }
    for p in by_id.values():
        if p.country != "SY" or p.point is None or not p.admin1 or p.admin1 == "SY-RD":
            continue  # Rif Dimashq's seat, Damascus, is a governorate of its own
        poly = polys[p.admin1]
        dist_km = poly.distance(Point(p.point)) * 100
        assert dist_km < 2, (p.place_id, p.admin1)


# --- reader errors ------------------------------------------------------------------------


def _write(folder, text):
    folder.mkdir(exist_ok=True)
    (folder / "x.csv").write_text(text, encoding="utf-8")
    return folder


def test_reader_errors(tmp_path):
    header = "place_id,kind,name_ar,name_en,country,lon,lat,precision_km,source\n"
    with pytest.raises(TableError, match="kind='castle'"):
        load_overlay(directory=_write(tmp_path / "a", header + "cur:a,castle,ق,,SY,36,35,1,s\n"))
    with pytest.raises(TableError, match="lon='east'"):
        load_overlay(directory=_write(tmp_path / "b", header + "cur:a,site,ق,,SY,east,35,1,s\n"))
    with pytest.raises(TableError, match="lacks column"):
        load_overlay(directory=_write(tmp_path / "c", "place_id,kind\ncur:a,site\n"))
    assert load_overlay(directory=tmp_path / "missing") == []


def test_validator_reports_problems(tmp_path):
    header = "place_id,kind,name_ar,name_en,country,lon,lat,precision_km,source,parent_id\n"
    folder = _write(
        tmp_path / "v",
        header
        + "cur:a,site,أ,,SY,36,35,1,,\n"  # no source
        + "cur:a,site,ب,,SY,10,10,1,s,\n"  # duplicate id, outside the box
        + "cur:c,site,ج,,SY,36,35,0,s,cur:zz\n"  # zero precision, unknown parent
        + "cur:d,site,د,,SY,,,,s,\n",  # no point and no same_as
    )
    problems = " | ".join(validate_overlay(load_overlay(directory=folder)))
    for expected in ("empty source", "duplicate", "outside", "precision_km", "cur:zz", "same_as"):
        assert expected in problems


def test_manifest_lists_every_csv_with_its_row_count():
    manifest = (OVERLAY_DIR.parent / "README.md").read_text("utf-8")
    for path in sorted(OVERLAY_DIR.glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            count = sum(1 for _ in csv.DictReader(fh))
        assert f"| `{path.name}` | {count} |" in manifest, path.name
