from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from gazetteer.admin import GOVERNORATES, iso_from_geonames, iso_from_ocha
from gazetteer.builtin import build_builtin, builtin_cache_path, load_builtin
from gazetteer.errors import TableError
from gazetteer.model import KINDS, LAYERS, Place
from gazetteer.rows import (
    clean_arabic_names,
    clean_latin_names,
    pick_preferred_arabic,
    place_from_row,
    place_to_row,
    read_table_file,
    write_table_file,
)
from gazetteer.table import PlaceTable, _Merger, combine, load_table, sources_json
from tests.gazetteer_support import FIXTURES, data_dir_with_builtin


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = data_dir_with_builtin(tmp_path)
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(d))
    return d


@pytest.fixture
def table(data_dir) -> PlaceTable:
    return load_table(data_dir=data_dir)


def _place(pid, **kw) -> Place:
    base = {
        "name_ar": "",
        "name_en": "",
        "lon": 36.0,
        "lat": 35.0,
        "kind": "village",
        "country": "SY",
    }
    base.update(kw)
    return Place(place_id=pid, **base)


# --- Arabic name filter -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("سراقب", True),
        ("جسر الشغور", True),
        ("أذرِعات", True),  # harakat are fine
        ("لاذقیه", False),  # Persian yeh
        ("ماسکو", False),  # Persian kaf
        ("حەسیچە", False),  # Kurdish letters
        ("رىياد", False),  # alef maksura inside a word: Uyghur
        ("موسى", True),  # alef maksura at the end: Arabic
        ("Sūriyā", False),
        ("لا", False),  # one or two letters
        ("مسکو، تنسی", False),  # qualified with an Arabic comma
        ("سراقب\u200e", True),  # a stray direction mark is removed
    ],
)
def test_clean_arabic_names(name, kept):
    assert (clean_arabic_names([name]) != []) is kept


def test_clean_arabic_names_dedupes_and_keeps_order():
    assert clean_arabic_names(["دبي", "دبي", " دبي ", "ابوظبي"]) == ["دبي", "ابوظبي"]


def test_clean_latin_names():
    assert clean_latin_names(["Saraqib", "Sarāqib", "سراقب", "Sa", "Saraqib"]) == [
        "Saraqib",
        "Sarāqib",
    ]


@pytest.mark.parametrize(
    ("names", "best"),
    [
        (["انقره", "أنقرة"], "أنقرة"),
        (["لاذقية", "اللاذقية"], "اللاذقية"),
        (["أبوظبي", "جزيرة أبوظبي وجزر داخلية اخرى"], "أبوظبي"),
        ([], ""),
    ],
)
def test_pick_preferred_arabic(names, best):
    assert pick_preferred_arabic(names) == best


# --- admin codes --------------------------------------------------------------------------


def test_admin_code_tables():
    assert iso_from_geonames("12") == "SY-ID"
    assert iso_from_geonames("8.0") == "SY-RD"  # WOF writes it as a float string
    assert iso_from_geonames("SY.02") == "SY-LA"
    assert iso_from_geonames("99") == ""
    assert iso_from_ocha("SY07") == "SY-ID"
    assert iso_from_ocha("SY0600") == "SY-LA"
    assert iso_from_ocha("C1234") == ""
    assert len(GOVERNORATES) == 14


# --- rows and files -----------------------------------------------------------------------


def test_row_round_trip():
    p = _place(
        "cur:x",
        names_ar=("أ", "ب"),
        waypoints=((36.0, 35.0), (36.1, 35.1)),
        parent_id="gn:1",
        admin1="SY-ID",
    )
    assert place_from_row(place_to_row(p)) == p
    assert place_from_row(json.loads(json.dumps(place_to_row(p)))) == p


def test_fast_row_loading_equals_the_constructor():
    from gazetteer import rows

    assert rows._SLOT_SETTERS is not None  # Place is still a plain slotted dataclass
    p = _place("cur:y", names_en=("Y",), waypoints=((1.0, 2.0),), population=5)
    row = json.loads(json.dumps(place_to_row(p)))
    assert rows.place_from_row(row) == rows._slow_place(row) == p
    assert hash(rows.place_from_row(row)) == hash(p)


def test_write_table_file_is_atomic_on_failure(tmp_path):
    path = tmp_path / "t.json.gz"
    write_table_file(path, {"v": 1}, [_place("a:1")])
    before = path.read_bytes()

    def broken():
        yield _place("a:2")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_table_file(path, {"v": 2}, broken())
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.json.gz"]  # no temp file left


def test_read_table_file_rejects_garbage(tmp_path):
    path = tmp_path / "t.json.gz"
    path.write_bytes(b"not gzip")
    with pytest.raises(TableError, match="cannot read"):
        read_table_file(path)
    path.write_bytes(gzip.compress(b'{"rows": []}'))
    with pytest.raises(TableError):
        read_table_file(path)


# --- built-in layer -----------------------------------------------------------------------


def test_builtin_build_is_deterministic(tmp_path):
    first = build_builtin()
    second = build_builtin()
    assert first == second
    write_table_file(tmp_path / "a.gz", {"k": 1}, first)
    write_table_file(tmp_path / "b.gz", {"k": 1}, second)
    assert (tmp_path / "a.gz").read_bytes() == (tmp_path / "b.gz").read_bytes()


def test_builtin_cache_is_used_and_a_corrupt_one_rebuilt(tmp_path):
    d = data_dir_with_builtin(tmp_path)
    cache = builtin_cache_path(data_dir_=d)
    assert "gnc" in cache.name
    assert cache.name.endswith(".json.gz")
    places = load_builtin(data_dir_=d)
    assert len(places) > 6000
    cache.write_bytes(b"\x1f\x8b garbage")
    rebuilt = load_builtin(data_dir_=d)
    assert rebuilt == places
    read_table_file(cache)  # valid again


def test_builtin_contents(table):
    saraqib = table.get("gn:164816")
    assert saraqib.name_ar == "سراقب"
    assert saraqib.admin1 == "SY-ID"
    assert saraqib.country == "SY"
    assert saraqib.kind == "town"
    assert saraqib.source.startswith("GeoNames 164816")
    assert table.get("gn:173576").admin1 == "SY-LA"  # Latakia
    assert table.get("gn:170063").kind == "city"  # Aleppo
    # every place keeps Arabic names that look Arabic
    for p in table.places:
        assert p.kind in KINDS
        assert p.layer in LAYERS
        for n in p.names_ar:
            assert not set(n) & set("پچژگکیہەۆ"), (p.place_id, n)
    # neighbours and world cities are in, minor foreign places are not
    countries = {p.country for p in table.places if p.kind != "country"}
    assert {"SY", "TR", "LB", "JO", "IQ", "IL", "PS", "CY", "RU", "KZ", "DE", "FR"} <= countries
    assert table.get("gn:491422").name_en == "Sochi"  # a diplomacy venue
    syria = table.get("gn:163843")
    assert syria.kind == "country"
    assert "سوريا" in syria.names_ar


def test_every_syrian_builtin_place_has_admin1(table):
    syrian = [p for p in table.places if p.country == "SY" and p.kind in {"city", "town"}]
    assert syrian
    missing = [p.place_id for p in syrian if not p.admin1]
    assert missing == []


# --- merging ------------------------------------------------------------------------------


def test_combine_new_wins_field_by_field_and_names_union():
    base = _place("gn:1", name_ar="سراقب", names_ar=("سراقب",), population=100, admin1="SY-ID")
    new = _place(
        "wof:9",
        name_ar="مدينة سراقب",
        names_ar=("مدينة سراقب", "سراقب"),
        lon=36.5,
        lat=None,
        layer="import",
        source="wof:9",
    )
    merged = combine(base, new)
    assert merged.place_id == "gn:1"
    assert merged.name_ar == "مدينة سراقب"
    assert merged.names_ar == ("مدينة سراقب", "سراقب")
    assert (merged.lon, merged.lat) == (36.0, 35.0)  # new has no full point: base kept
    assert merged.population == 100
    assert merged.admin1 == "SY-ID"
    assert merged.layer == "import"


def test_merger_links_by_same_as_and_keeps_aliases():
    m = _Merger()
    m.add(_place("gn:1", name_ar="أ"))
    m.add(_place("wof:5", name_ar="ب", layer="import", lon=37.0), ["gn:1"])
    m.add(_place("cur:x", name_ar="ج", layer="overlay", lon=38.0), ["wof:5"])
    t = m.table([])
    assert len(t) == 1
    p = t.get("cur:x")
    assert p is t.get("wof:5") is t.get("gn:1")
    assert p.place_id == "gn:1"
    assert p.lon == 38.0
    assert p.layer == "overlay"
    assert set(p.names_ar) == {"أ", "ب", "ج"}


def test_merger_joins_two_places_linked_by_one_row():
    m = _Merger()
    m.add(_place("gn:1", name_ar="أ"))
    m.add(_place("wof:2", name_ar="ب"))
    m.add(_place("cur:3", name_ar="ج", layer="overlay"), ["gn:1", "wof:2"])
    t = m.table([])
    assert len(t) == 1
    assert t.get("wof:2") is t.get("gn:1")


def test_children_by_parent_and_alias():
    m = _Merger()
    m.add(_place("gn:1", kind="city"))
    m.add(_place("cur:h", kind="area", parent_id="gn:1"))
    m.add(_place("wof:9", kind="city"), ["gn:1"])
    m.add(_place("cur:k", kind="area", parent_id="wof:9"))
    t = m.table([])
    assert {c.place_id for c in t.children("gn:1")} == {"cur:h", "cur:k"}
    assert t.children("wof:9") == t.children("gn:1")
    assert t.children("nope") == ()
    assert t.get("nope") is None


# --- the whole table ----------------------------------------------------------------------


def test_load_table_layers_and_overlay(table):
    names = [layer.name for layer in table.layers]
    assert names[0] == "builtin"
    assert names[-1] == "overlay"
    m4 = table.get("cur:m4")
    assert m4.kind == "road"
    assert len(m4.waypoints) >= 10
    assert "إم 4" in m4.names_ar
    assert "M4" in m4.names_en
    assert m4.point is not None
    sochi = table.get("gn:491422")
    assert "سوتشي" in sochi.names_ar
    assert sochi.layer == "overlay"
    assert sochi.point == (39.72477, 43.59699)  # enrichment keeps the GeoNames point


def test_load_table_with_a_custom_overlay_dir(data_dir, tmp_path):
    folder = tmp_path / "overlay"
    folder.mkdir()
    (folder / "mine.csv").write_text(
        "place_id,kind,name_ar,name_en,country,lon,lat,precision_km,source,same_as\n"
        "cur:test,village,قرية,Qarya,SY,36.5,35.5,1,my notes,\n"
        "cur:sar,town,سراقب الجديدة,,SY,,,,a test,gn:164816\n",
        encoding="utf-8",
    )
    t = load_table(data_dir=data_dir, overlay_dir=folder)
    assert t.get("cur:test").name_ar == "قرية"
    saraqib = t.get("cur:sar")
    assert saraqib.place_id == "gn:164816"
    assert "سراقب الجديدة" in saraqib.names_ar
    assert "سراقب" in saraqib.names_ar
    assert saraqib.point == (36.80591, 35.86447)


def test_sources_json(table):
    out = sources_json(table)
    json.dumps(out)
    assert out["layers"][0]["name"] == "builtin"
    assert any("GeoNames" in c and "CC BY 4.0" in c for c in out["credits"])
    assert out["places"] == len(table.places)


def test_fixture_dir_exists():
    assert (FIXTURES / "SY.txt").is_file()
    assert Path(FIXTURES / "wof" / "data").is_dir()
