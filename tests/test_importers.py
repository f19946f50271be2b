from __future__ import annotations

import json
import math
import shutil
import signal
import subprocess
import sys
import time

import pytest

from gazetteer.errors import ImportFormatError, TableError
from gazetteer.importers import import_path, import_table_path, read_imports
from gazetteer.importers.geonames import read_geonames
from gazetteer.importers.ocha import read_ocha
from gazetteer.importers.wof import read_wof
from gazetteer.table import load_table
from tests.gazetteer_support import FIXTURES, REPO, data_dir_with_builtin, wof_tree

WOF = FIXTURES / "wof"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = data_dir_with_builtin(tmp_path / "data")
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(d))
    return d


def _km(a, b):
    dx = (a[0] - b[0]) * 111.32 * math.cos(math.radians((a[1] + b[1]) / 2))
    return math.hypot(dx, (a[1] - b[1]) * 110.57)


# --- WOF reader ---------------------------------------------------------------------------


def test_read_wof_fixture():
    read = read_wof(WOF)
    assert read.key == "wof:whosonfirst-data-admin-xx"
    by_id = {r.place.place_id: r for r in read.rows}
    # region -> admin1 from its ISO code, linked to the overlay governorate by iso: id
    region = by_id["wof:900000001"]
    assert region.place.kind == "region"
    assert region.place.admin1 == "SY-ID"
    assert region.same_as == ("iso:SY-ID",)
    # county names carry "منطقة" so a bare town name stays the town
    assert by_id["wof:900000002"].place.names_ar == ("منطقة إدلب",)
    saraqib = by_id["wof:900000011"]
    assert saraqib.same_as == ("gn:164816",)
    assert saraqib.place.admin1 == "SY-ID"
    assert saraqib.place.admin2 == "Idleb"
    assert saraqib.place.parent_id == "wof:900000002"
    assert saraqib.place.population == 34231
    assert saraqib.place.kind == "town"
    village = by_id["wof:900000012"].place
    assert village.names_ar == ("كفر تست",)  # Persian-letter, Latin and 2-letter variants dropped
    assert by_id["wof:900000013"].place.point == (36.6, 35.7)  # from the Point geometry
    assert "wof:900000014" not in by_id  # deprecated
    skipped = dict(read.skipped)
    assert any("900000099" in k and "JSON" in v for k, v in skipped.items())  # broken record
    assert skipped["wof:900000015"] == "no coordinate"


def test_read_wof_rejects_a_file_and_an_empty_folder(tmp_path):
    with pytest.raises(ImportFormatError, match="not a file"):
        read_wof(FIXTURES / "SY.txt")
    with pytest.raises(ImportFormatError, match=r"no \.geojson"):
        read_wof(tmp_path)


# --- GeoNames and OCHA readers ------------------------------------------------------------


def test_read_geonames_fixture():
    read = read_geonames(FIXTURES / "SY.txt")
    assert read.key == "geonames:SY.txt"
    by_id = {r.place.place_id: r.place for r in read.rows}
    saraqib = by_id["gn:164816"]
    assert saraqib.names_ar == ("سراقب", "سراقيب")  # the LRM copy folds into the first
    assert saraqib.admin1 == "SY-ID"
    assert saraqib.kind == "town"
    assert by_id["gn:900001"].names_ar == ("تل الاختبار",)  # Persian variant dropped
    assert by_id["gn:900002"].kind == "area"  # a mountain
    assert "gn:900003" not in by_id  # a wadi (H) is not kept
    reasons = [r for _, r in read.skipped]
    assert any("malformed" in r for r in reasons)
    assert any("3 columns" in r for r in reasons)


def test_read_geonames_wrong_format(tmp_path):
    with pytest.raises(ImportFormatError, match="19 tab-separated"):
        read_geonames(FIXTURES / "ocha_pplp.csv")
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(ImportFormatError, match="binary"):
        read_geonames(binary)
    latin1 = tmp_path / "y.txt"
    latin1.write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(ImportFormatError, match="UTF-8"):
        read_geonames(latin1)


def test_read_ocha_fixture(tmp_path):
    read = read_ocha(FIXTURES / "ocha_pplp.csv")
    by_id = {r.place.place_id: r.place for r in read.rows}
    assert by_id["ocha:C9001"].admin1 == "SY-ID"
    assert by_id["ocha:C9002"].admin1 == "SY-LA"
    assert by_id["ocha:C9001"].names_ar == ("قرية الاختبار",)
    assert [k for k, _ in read.skipped] == ["line 4"]
    # windows-1256 export with other column spellings
    alt = tmp_path / "ocha_1256.csv"
    alt.write_bytes(
        "PCODE,NAME_EN,NAME_AR,ADM1_PCODE,LAT,LONG\nC7,Qarya,قرية,SY05,35.2,36.7\n".encode("cp1256")
    )
    (place,) = [r.place for r in read_ocha(alt).rows]
    assert place.name_ar == "قرية"
    assert place.admin1 == "SY-HM"


def test_read_ocha_wrong_format():
    with pytest.raises(ImportFormatError, match="no column for"):
        read_ocha(FIXTURES / "SY.txt")


# --- the import table ---------------------------------------------------------------------


def test_import_merges_and_is_idempotent(data_dir):
    first = import_path(WOF, fmt="wof")
    assert not first.replaced
    assert first.rows == 5
    assert len(first.skipped) == 2
    table1 = load_table(data_dir=data_dir)
    second = import_path(WOF, fmt="wof")
    assert second.replaced
    table2 = load_table(data_dir=data_dir)
    assert len(table1) == len(table2)
    assert [s.key for s in read_imports()] == ["wof:whosonfirst-data-admin-xx"]
    # the WOF Saraqib merged into the built-in GeoNames place: one place, names united
    saraqib = table2.get("wof:900000011")
    assert saraqib is table2.get("gn:164816")
    assert {"سراقب", "مدينة سراقب"} <= set(saraqib.names_ar)
    assert saraqib.layer == "import"
    assert saraqib.parent_id == "wof:900000002"
    # the WOF region merged with the curated governorate (overlay wins its fields)
    gov = table2.get("iso:SY-ID")
    assert gov is table2.get("cur:gov-idlib") is table2.get("wof:900000001")
    assert gov.layer == "overlay"
    assert "محافظة إدلب" in gov.names_ar
    # import layer credited
    assert any(layer.name.startswith("import:wof") for layer in table2.layers)


def test_import_of_several_formats_merges_by_geonames_id(data_dir):
    import_path(WOF, fmt="wof")
    import_path(FIXTURES / "SY.txt", fmt="geonames")
    import_path(FIXTURES / "ocha_pplp.csv", fmt="ocha")
    table = load_table(data_dir=data_dir)
    saraqib = table.get("gn:164816")
    assert saraqib is table.get("wof:900000011")
    assert "سراقيب" in saraqib.names_ar  # from the GeoNames dump
    assert table.get("ocha:C9002").admin1 == "SY-LA"
    assert len(read_imports()) == 3


def test_failed_import_keeps_previous_table(data_dir, tmp_path):
    import_path(WOF, fmt="wof")
    table_file = import_table_path()
    before = table_file.read_bytes()
    bad = tmp_path / "empty_tree"
    (bad / "data").mkdir(parents=True)
    (bad / "data" / "1.geojson").write_text("{broken", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="no usable wof records"):
        import_path(bad, fmt="wof")
    with pytest.raises(ImportFormatError, match="no such file"):
        import_path(tmp_path / "missing", fmt="wof")
    with pytest.raises(ImportFormatError, match="unknown format"):
        import_path(WOF, fmt="shapefile")
    with pytest.raises(ImportFormatError):
        import_path(FIXTURES / "ocha_pplp.csv", fmt="geonames")
    assert table_file.read_bytes() == before


def test_corrupt_import_table_is_a_clear_error(data_dir):
    path = import_table_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"garbage")
    with pytest.raises(TableError, match="delete it"):
        load_table(data_dir=data_dir)
    with pytest.raises(TableError):
        import_path(WOF, fmt="wof")
    assert path.read_bytes() == b"garbage"


def test_killed_import_keeps_previous_table(data_dir, tmp_path):
    import_path(WOF, fmt="wof")
    table_file = import_table_path()
    before = table_file.read_bytes()
    # a big tree so the import is still running when it is interrupted
    big = tmp_path / "big"
    shutil.copytree(WOF, big)
    template = json.loads((WOF / "data/900/000/012/900000012.geojson").read_text("utf-8"))
    folder = big / "data" / "800"
    folder.mkdir()
    for i in range(4000):
        template["properties"]["wof:id"] = 800000000 + i
        (folder / f"{800000000 + i}.geojson").write_text(json.dumps(template), "utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gazetteer", "import", str(big), "--format", "wof"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(0.8)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:  # the machine was fast enough to finish: still a valid table
        assert len(read_imports()[0].places) > 4000
        return
    assert proc.returncode == 130, err
    assert b"unchanged" in err
    assert b"Traceback" not in err
    assert table_file.read_bytes() == before
    assert [p.name for p in table_file.parent.iterdir()] == [table_file.name]


# --- the real Who's On First Syria tree ----------------------------------------------------


@pytest.mark.wof
def test_import_real_wof_tree(data_dir):
    tree = wof_tree()
    report = import_path(tree, fmt="wof")
    assert report.rows > 10_000
    table = load_table(data_dir=data_dir)
    ain = [p for p in table.places if "عين الحور" in p.names_ar and p.country == "SY"]
    ain_sy = {p.admin1 for p in ain}
    assert {"SY-LA", "SY-ID"} <= ain_sy
    nayrab = [p for p in table.places if "النيرب" in p.names_ar]
    assert {"SY-ID", "SY-HL"} <= {p.admin1 for p in nayrab}
    idlib_nayrab = next(p for p in nayrab if p.admin1 == "SY-ID")
    assert _km(idlib_nayrab.point, table.get("gn:164816").point) < 12
    # the overlay's Latakia Ain al-Hour is the WOF record, merged
    ain_la = table.get("cur:ain-al-hour-latakia")
    assert ain_la is table.get("wof:1209119079")
    assert ain_la.admin1 == "SY-LA"
    # built-in places merged with their WOF records
    assert table.get("gn:164816").layer == "import"
    n_places = len(table)
    again = import_path(tree, fmt="wof")
    assert again.replaced
    assert again.rows == report.rows
    assert len(load_table(data_dir=data_dir)) == n_places
    print(f"WOF import: {report.rows} rows in {report.seconds:.1f} s")
