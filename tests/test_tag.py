"""Gazetteer.tag end to end: spans, bad input, big input, the real tables."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer, Mention
from gazetteer.errors import InputError
from tests.conftest import need
from tests.gazetteer_fixtures import ALL, FakeTable

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CONFLICTMAP_SHARED", REPO.parent / "shared"))
WOF = SHARED / "data" / "whosonfirst-data-admin-sy"


@pytest.fixture(scope="module")
def gz():
    return Gazetteer(FakeTable(ALL))


def test_empty_and_non_arabic(gz):
    assert gz.tag("") == []
    assert gz.tag("   \n") == []
    assert gz.tag("Saraqib was shelled near Idlib on the M4.") == []


def test_not_a_string(gz):
    with pytest.raises(InputError, match="bytes"):
        gz.tag(b"\xd8\xb3")


def test_mentions_in_text_order_with_original_spans(gz):
    text = "قصفت الطائرات «سَراقب» وبإدلب، ثم اتجه الرتل نحو جسر الشغور."
    ms = gz.tag(text)
    assert all(isinstance(m, Mention) for m in ms)
    assert [m.surface for m in ms] == ["سَراقب", "إدلب", "جسر الشغور"]
    assert all(text[m.start : m.end] == m.surface for m in ms)
    assert ms == sorted(ms, key=lambda m: m.start)


def test_big_text_is_cut_in_pieces_and_offsets_stay_right(gz, monkeypatch):
    import gazetteer.core as core

    monkeypatch.setattr(core, "CHUNK_CHARS", 1000)
    line = "سقطت قذائف على سراقب وأريحا اليوم.\n"
    text = line * 200
    ms = gz.tag(text)
    assert len(ms) == 400
    assert all(text[m.start : m.end] == m.surface for m in ms)


def test_too_big_is_a_clear_error(gz, monkeypatch):
    import gazetteer.core as core

    monkeypatch.setattr(core, "MAX_CHARS", 10)
    with pytest.raises(InputError, match="over"):
        gz.tag("سراقب " * 5)


@settings(max_examples=100, deadline=None)
@given(st.text(st.sampled_from(list("سراقب إدلبَ.ـ«»،ىةآ٣ \nM4أم")), max_size=80))
def test_any_text_gives_valid_spans(text):
    g = _GZ
    for m in g.tag(text):
        assert text[m.start : m.end] == m.surface
        assert 0 <= m.score <= 1


_GZ = Gazetteer(FakeTable(ALL))


def test_lookup_and_get(gz):
    cands = gz.lookup("اريحا")
    assert [c.place.country for c in cands] == ["SY", "PS"]
    assert cands[0].score > cands[1].score
    assert gz.lookup("لا يوجد") == []
    assert gz.get("gn:164816").name_en == "Saraqib"


def test_load_real_tables_builtin_and_overlay(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(tmp_path))
    g = Gazetteer.load()
    ms = g.tag("سيرت دورية روسية تركية على الطريق الدولي «إم 4» من ترنبة إلى سراقب")
    got = {m.surface: m.place for m in ms}
    assert [p.kind for s, p in got.items() if "إم 4" in s] == ["road"]
    assert got["سراقب"].admin1 == "SY-ID"
    assert "ترنبة" in got
    # caches live in the data directory (which ones are written depends on what this
    # process already memoised, so only their location is checked)
    assert list(tmp_path.glob("cache/*.json*"))


@pytest.mark.wof
def test_with_wof_import(tmp_path):
    need(WOF.is_dir(), f"Who's On First tree not found at {WOF}")
    env = {**os.environ, "CONFLICTMAP_DATA_DIR": str(tmp_path)}
    subprocess.run(
        [sys.executable, "-m", "gazetteer", "import", str(WOF), "--format", "wof"],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )
    g = Gazetteer.load(data_dir=tmp_path)
    text = (
        "انطلقت الدورية من عين الحور بريف اللاذقية نحو سراقب مرورا بالنيرب، "
        "وقصفت المدفعية كفرتخاريم ومعر حطاط."
    )
    got = {m.surface: m.place for m in g.tag(text)}
    assert got["عين الحور"].admin1 == "SY-LA"
    assert got["النيرب"].admin1 == "SY-ID"
    assert got["كفرتخاريم"].admin1 == "SY-ID"
    assert got["معر حطاط"].admin1 == "SY-ID"
