"""``python -m events`` through a real subprocess, with the data dir in tmp_path."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from shapely.geometry import Point

from events.model import Event
from events.store import EventStore
from tests.store_fakes import make_article, need

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "articles"
D = dt.date


def cli(tmp_path, *args, env=None, timeout=300):
    full_env = {k: v for k, v in os.environ.items() if k != "CONFLICTMAP_DB"}
    full_env["CONFLICTMAP_DATA_DIR"] = str(tmp_path / "data")
    full_env.pop("CONFLICTMAP_DEBUG", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "events", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def one_line_error(proc, code, *needles):
    assert proc.returncode == code, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def _event(aid, etype, date, lon, lat, source, cited=(), date_end=None):
    return Event(
        id=f"{aid}-{etype}",
        event_type=etype,
        sub_event_type=None,
        status="reported",
        date=date,
        date_end=date_end,
        date_precision=1,
        geo_precision=1,
        evidence=f"جملة {aid}",
        article=aid,
        geometry=Point(lon, lat),
        source=source,
        cited=cited,
    )


@pytest.fixture
def filled_db(tmp_path):
    (tmp_path / "data").mkdir()
    db = tmp_path / "data" / "events.sqlite"
    rows = [
        ("a1", "patrol", D(2020, 3, 15), 36.6, 35.8, "عنب بلدي", ("رويترز",), None),
        ("a2", "observation_post", D(2020, 2, 1), 36.7, 35.9, "عنب بلدي", (), D(2020, 2, 28)),
        ("a3", "incident", D(2020, 4, 5), 38.95, 36.7, None, ("الأناضول",), None),
        ("a4", "ceasefire", D(2020, 3, 6), 36.63, 35.93, "الشرق الأوسط", (), None),
    ]
    with EventStore.open(str(db)) as store:
        for aid, etype, date, lon, lat, src, cited, end in rows:
            store.save_article(
                make_article(aid, f"نص {aid}", source=src),
                [_event(aid, etype, date, lon, lat, src, cited, end)],
            )
    return db


def articles_of(fc):
    return sorted(f["properties"]["article"] for f in fc["features"])


# ---------------------------------------------------------------- export


def test_export_is_rfc7946(tmp_path, filled_db):
    proc = cli(tmp_path, "export")
    assert proc.returncode == 0, proc.stderr
    fc = json.loads(proc.stdout)
    assert fc["type"] == "FeatureCollection"
    assert "crs" not in fc
    assert articles_of(fc) == ["a1", "a2", "a3", "a4"]
    for feat in fc["features"]:
        assert feat["type"] == "Feature"
        assert feat["id"] == feat["properties"]["id"]
        lon, lat = feat["geometry"]["coordinates"]
        assert 35 < lon < 43
        assert 32 < lat < 38  # lon first
    assert "عنب بلدي" in proc.stdout  # UTF-8, not \\u escapes


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--layer", "patrols"], ["a1"]),
        (["--layer", "posts"], ["a2"]),
        (["--layer", "incidents"], ["a3", "a4"]),
        (["--layer", "all"], ["a1", "a2", "a3", "a4"]),
        (["--from", "2020-02-20", "--to", "2020-03-10"], ["a2", "a4"]),
        (["--from", "2020-03-07"], ["a1", "a3"]),
        (["--to", "2020-02-01"], ["a2"]),
        (["--source", "رويترز"], ["a1"]),
        (["--source", "عنب بلدي"], ["a1", "a2"]),
        (["--source", "unknown", "--source", "الشرق الأوسط"], ["a3", "a4"]),
        (["--type", "ceasefire"], ["a4"]),
        (["--bbox", "38,36,40,37"], ["a3"]),
        (["--layer", "incidents", "--from", "2020-04-01", "--source", "الأناضول"], ["a3"]),
    ],
)
def test_export_filters(tmp_path, filled_db, args, expected):
    proc = cli(tmp_path, "export", *args)
    assert proc.returncode == 0, proc.stderr
    assert articles_of(json.loads(proc.stdout)) == expected


def test_export_db_option_and_output_file(tmp_path, filled_db):
    moved = tmp_path / "elsewhere.sqlite"
    shutil.copy(filled_db, moved)
    filled_db.unlink()
    out = tmp_path / "out.geojson"
    proc = cli(tmp_path, "export", "--db", str(moved), "-o", str(out), "--layer", "patrols")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert articles_of(json.loads(out.read_text(encoding="utf-8"))) == ["a1"]
    proc = cli(tmp_path, "export", "--layer", "posts", env={"CONFLICTMAP_DB": f"sqlite:///{moved}"})
    assert articles_of(json.loads(proc.stdout)) == ["a2"]


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["--from", "2020-13-01"], ["--from", "2020-13-01"]),
        (["--to", "yesterday"], ["--to", "yesterday"]),
        (["--layer", "roads"], ["roads"]),
        (["--bbox", "1,2,3"], ["1,2,3"]),
    ],
)
def test_export_bad_options_are_one_line(tmp_path, filled_db, args, needles):
    one_line_error(cli(tmp_path, "export", *args), 2, *needles)


def test_export_from_after_to(tmp_path, filled_db):
    one_line_error(
        cli(tmp_path, "export", "--from", "2020-05-01", "--to", "2020-04-01"), 1, "after"
    )


def test_export_without_a_store(tmp_path):
    one_line_error(cli(tmp_path, "export"), 1, "no store at")
    assert not (tmp_path / "data" / "events.sqlite").exists()


def test_bad_db_url(tmp_path):
    one_line_error(cli(tmp_path, "export", "--db", "nosuchdriver://x/y"), 1, "nosuchdriver")
    not_db = tmp_path / "x.sqlite"
    not_db.write_bytes(b"garbage" * 500)
    one_line_error(cli(tmp_path, "export", "--db", str(not_db)), 1, "not a database")


def test_no_command_and_unknown_command(tmp_path):
    one_line_error(cli(tmp_path), 2)
    one_line_error(cli(tmp_path, "frobnicate"), 2, "frobnicate")


# ---------------------------------------------------------------- ingest (no extraction needed)


def test_ingest_only_bad_paths_exits_1_with_summary(tmp_path):
    proc = cli(tmp_path, "ingest", str(tmp_path / "nowhere.txt"))
    assert proc.returncode == 1
    summary = json.loads(proc.stdout)
    assert summary["new"] == 0
    assert summary["failed"] == [
        {"path": str(tmp_path / "nowhere.txt"), "reason": "no such file or folder"}
    ]


def test_extract_bad_published_option(tmp_path):
    one_line_error(
        cli(
            tmp_path,
            "extract",
            str(SAMPLES / "000_b448334defba8cb9.txt"),
            "--published",
            "12/03/2020",
        ),
        2,
        "12/03/2020",
    )


# ------------------------------------------------------- with the real reader and extractor


@pytest.fixture(scope="session")
def shared_data_dir(tmp_path_factory):
    """One data dir for the real-pipeline tests: the gazetteer builds its cache once."""
    return tmp_path_factory.mktemp("cm-data")


@pytest.fixture
def real_pipeline(tmp_path, shared_data_dir):
    """``run(*args)``: the CLI with the shared data dir and this test's own store file."""
    for module in ("events.article", "events.extract", "gazetteer.core"):
        need(module)
    env = {"CONFLICTMAP_DATA_DIR": str(shared_data_dir), "CONFLICTMAP_DB": str(tmp_path / "s.db")}
    return lambda *args: cli(tmp_path, *args, env=env)


PROGRESS = re.compile(r"^\[(\d+)/(\d+)\] (.+) … (new|unchanged|replaced|failed: .+)$")


def test_ingest_export_reprocess_on_the_samples(tmp_path, real_pipeline):
    proc = real_pipeline("ingest", str(SAMPLES))
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary == {"new": 5, "unchanged": 0, "replaced": 0, "failed": []}
    progress = [PROGRESS.match(line) for line in proc.stderr.splitlines()]
    assert all(progress), proc.stderr
    assert [(m[1], m[2]) for m in progress] == [(str(i), "5") for i in range(1, 6)]

    again = real_pipeline("ingest", str(SAMPLES), "--quiet")
    assert json.loads(again.stdout) == {"new": 0, "unchanged": 5, "replaced": 0, "failed": []}
    assert again.stderr == ""

    fc = json.loads(real_pipeline("export").stdout)
    assert fc["features"], "the samples yield events"
    assert {f["properties"]["article"] for f in fc["features"]} <= {
        p.stem for p in SAMPLES.glob("*.txt")
    }

    re_run = real_pipeline("reprocess")
    assert re_run.returncode == 0, re_run.stderr
    assert json.loads(re_run.stdout) == {"new": 0, "unchanged": 5, "replaced": 0, "failed": []}
    assert json.loads(real_pipeline("export").stdout) == fc


def test_extract_does_not_touch_the_store_and_matches_ingest(tmp_path, real_pipeline):
    path = SAMPLES / "000_b448334defba8cb9.txt"
    proc = real_pipeline("extract", str(path))
    assert proc.returncode == 0, proc.stderr
    fc = json.loads(proc.stdout)
    assert fc["type"] == "FeatureCollection"
    assert not (tmp_path / "s.db").exists()
    assert json.loads(real_pipeline("extract", str(path)).stdout) == fc  # stable ids
    real_pipeline("ingest", str(path), "--quiet")
    exported = json.loads(real_pipeline("export").stdout)
    assert sorted(f["id"] for f in exported["features"]) == sorted(f["id"] for f in fc["features"])


def test_extract_options_override_the_sidecar(tmp_path, real_pipeline):
    src = SAMPLES / "000_b448334defba8cb9.txt"
    proc = real_pipeline(
        "extract", str(src), "--source", "مصدر تجريبي", "--published", "2020-03-13"
    )
    assert proc.returncode == 0, proc.stderr
    for feat in json.loads(proc.stdout)["features"]:
        assert feat["properties"]["source"] == "مصدر تجريبي"
        assert feat["properties"]["published"] == "2020-03-13"


@pytest.mark.parametrize(
    ("name", "content"),
    [("empty.txt", b""), ("binary.txt", bytes(range(256)) * 20)],
)
def test_extract_bad_files_are_one_line(tmp_path, real_pipeline, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    one_line_error(real_pipeline("extract", str(path)), 1, name)


def test_extract_missing_file(tmp_path, real_pipeline):
    one_line_error(real_pipeline("extract", str(tmp_path / "nope.txt")), 1, "nope.txt")


def test_ingest_mixed_batch_exit_0_with_failures_listed(tmp_path, real_pipeline):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "001_1012b51fe28bb189.txt", folder)
    (folder / "empty.txt").write_bytes(b"")
    proc = real_pipeline("ingest", str(folder))
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["new"] == 1
    assert [Path(f["path"]).name for f in summary["failed"]] == ["empty.txt"]
    assert "failed: " in proc.stderr
