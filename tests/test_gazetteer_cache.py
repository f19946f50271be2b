"""The on-disk caches of the merged table and of the name index (gazetteer.cache)."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest

from gazetteer.cache import read_cached, table_digest, write_cached
from gazetteer.core import Gazetteer
from gazetteer.discourse import new_mention
from gazetteer.model import Mention, Place
from gazetteer.overlay import OVERLAY_DIR
from gazetteer.table import PlaceTable, build_table, load_table, sources_json
from tests.gazetteer_support import data_dir_with_builtin

TEXTS = [
    "سيرت دورية روسية تركية على الطريق الدولي «إم 4» من ترنبة إلى سراقب",
    "قصفت قوات النظام بلدة النيرب غرب سراقب وقرية عين الحور بريف اللاذقية",
    "التقى وزير الخارجية نظيره في موسكو بعد زيارة إلى أنقرة وإدلب وأريحا",
]


def _overlay_copy(tmp_path):
    folder = tmp_path / "overlay"
    folder.mkdir()
    for f in OVERLAY_DIR.glob("*.csv"):
        (folder / f.name).write_bytes(f.read_bytes())
    return folder


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = data_dir_with_builtin(tmp_path / "data")
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(d))
    return d


def _mentions(gz, text):
    return [
        (m.start, m.end, m.surface, m.place, m.score, m.runner_up, m.runner_up_score)
        for m in gz.tag(text)
    ]


def test_cached_table_equals_the_built_one(data_dir):
    built = build_table(data_dir=data_dir, overlay_dir=OVERLAY_DIR)
    first = load_table(data_dir=data_dir)  # builds and writes the cache
    second = load_table(data_dir=data_dir)  # reads it
    assert list(data_dir.glob("cache/table-*.rows"))
    assert second._places is None  # places are made on first use
    assert second.digest == first.digest
    saraqib = second.get("gn:164816")
    assert saraqib is second.get("gn:164816")  # made once
    assert second.places == built.places
    assert second.get("gn:164816") is saraqib  # still the same object after all are made
    assert second.layers == built.layers
    assert second.aliases == built.aliases
    assert len(second) == len(built)
    assert sources_json(second) == sources_json(built)
    m4 = second.get("cur:m4")
    assert second.children(m4.place_id) == built.children(m4.place_id)


def test_place_at_and_get_before_places(data_dir):
    load_table(data_dir=data_dir)
    t = load_table(data_dir=data_dir)
    i = t._index["gn:164816"]
    p = t.place_at(i)
    assert p.name_en == "Saraqib"
    assert t.get("gn:164816") is p
    assert t.places[i] is p


def test_a_changed_overlay_file_changes_the_table(data_dir, tmp_path):
    folder = _overlay_copy(tmp_path)
    before = load_table(data_dir=data_dir, overlay_dir=folder)
    assert before.get("cur:test") is None
    with (folder / "villages.csv").open("a", encoding="utf-8") as fh:
        header = (folder / "villages.csv").read_text(encoding="utf-8").splitlines()[0]
        cols = header.split(",")
        row = dict.fromkeys(cols, "")
        row.update(
            place_id="cur:test",
            kind="village",
            name_ar="قرية التجربة",
            name_en="Test",
            country="SY",
            lon="36.5",
            lat="35.5",
            precision_km="1",
            source="a test row",
        )
        fh.write(",".join(row[c] for c in cols) + "\n")
    after = load_table(data_dir=data_dir, overlay_dir=folder)
    assert after.digest != before.digest
    assert after.get("cur:test").name_ar == "قرية التجربة"
    # only the newest table cache is kept
    assert len(list(data_dir.glob("cache/table-*.rows"))) == 1


def test_a_corrupt_cache_is_rebuilt(data_dir):
    first = load_table(data_dir=data_dir)
    rows = next(data_dir.glob("cache/table-*.rows"))
    data = bytearray(rows.read_bytes())
    data[100] ^= 0x01
    rows.write_bytes(bytes(data))
    again = load_table(data_dir=data_dir)
    assert again._places is not None  # rebuilt, not read
    assert again.places == first.places
    head = next(data_dir.glob("cache/table-*.json"))
    head.write_text("{not json", encoding="utf-8")
    assert load_table(data_dir=data_dir).places == first.places


def test_digest_depends_on_inputs(data_dir, tmp_path):
    folder = _overlay_copy(tmp_path)
    d1 = table_digest(data_dir=data_dir, overlay_dir=folder)
    assert d1 == table_digest(data_dir=data_dir, overlay_dir=folder)
    (folder / "roads.csv").write_bytes((folder / "roads.csv").read_bytes() + b"\n")
    assert table_digest(data_dir=data_dir, overlay_dir=folder) != d1
    imports = data_dir / "gazetteer" / "imports.json.gz"
    imports.parent.mkdir(parents=True, exist_ok=True)
    d2 = table_digest(data_dir=data_dir, overlay_dir=folder)
    imports.write_bytes(b"x")
    assert table_digest(data_dir=data_dir, overlay_dir=folder) != d2


def test_index_cache_gives_the_same_mentions(data_dir):
    fresh = Gazetteer(load_table(data_dir=data_dir), cache_dir=data_dir / "cache")
    first = Gazetteer.load(data_dir=data_dir)  # builds and writes the index cache
    assert list(data_dir.glob("cache/index-*.data"))
    second = Gazetteer.load(data_dir=data_dir)  # reads it
    assert second.table._places is None
    for text in TEXTS:
        want = _mentions(fresh, text)
        assert want
        assert _mentions(first, text) == want
        assert _mentions(second, text) == want
    for name in ("النيرب", "أريحا", "إم 4"):
        assert second.lookup(name) == fresh.lookup(name)
    assert second.get("cur:m4") == fresh.get("cur:m4")


def test_a_corrupt_index_cache_is_rebuilt(data_dir):
    Gazetteer.load(data_dir=data_dir)
    data = next(data_dir.glob("cache/index-*.data"))
    data.write_bytes(data.read_bytes()[:-10])
    gz = Gazetteer.load(data_dir=data_dir)
    assert _mentions(gz, TEXTS[0])
    header = json.loads(next(data_dir.glob("cache/index-*.json")).read_text(encoding="utf-8"))
    assert header["data_bytes"] == next(data_dir.glob("cache/index-*.data")).stat().st_size


def test_cache_entries_are_json_and_checked(tmp_path):
    assert write_cached(tmp_path, "index", "abc", ".data", {"n": 1}, b'{"k": 1}')
    header, _, data = read_cached(tmp_path, "index", "abc", ".data")
    assert header["n"] == 1
    assert json.loads(data) == {"k": 1}
    assert read_cached(tmp_path, "index", "other", ".data") is None
    (tmp_path / "index-abc.data").write_bytes(b'{"k": 2}')  # same size, other bytes
    assert read_cached(tmp_path, "index", "abc", ".data") is None


def test_unwritable_cache_dir_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert not write_cached(blocker / "cache", "table", "abc", ".rows", {}, b"")


def test_from_rows_rejects_mismatched_lengths():
    from gazetteer.errors import TableError

    with pytest.raises(TableError):
        PlaceTable.from_rows(["a", "b"], [b"[]"], [])


def test_fast_mention_equals_the_constructor():
    place = Place("gn:1", "سراقب", "Saraqib", 36.8, 35.8, "town", "SY")
    args = (3, 8, "سراقب", place, 0.9, None, None)
    fast = new_mention(*args)
    assert fast == Mention(*args)
    assert type(fast) is Mention
    assert [f.name for f in fields(Mention)] == [
        "start",
        "end",
        "surface",
        "place",
        "score",
        "runner_up",
        "runner_up_score",
    ]
