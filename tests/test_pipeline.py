from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import types
from pathlib import Path

import pytest

from events.errors import EventsError
from events.pipeline import (
    IngestSummary,
    find_article_files,
    ingest_article,
    ingest_paths,
    reprocess,
)
from events.store import EventStore
from tests.store_fakes import (
    BACKENDS,
    TEXTS,
    fake_extract,
    fake_read,
    make_article,
    need,
    open_test_store,
    write_article,
)

ROOT = Path(__file__).resolve().parents[1]
GAZ = object()  # the fakes ignore the gazetteer


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(tmp_path / "data"))
    s = open_test_store(request.param, tmp_path)
    yield s
    s.close()


class Counting:
    def __init__(self, fn=fake_extract):
        self.calls = 0
        self.fn = fn

    def __call__(self, article, *, gazetteer):
        self.calls += 1
        return self.fn(article, gazetteer=gazetteer)


def run(paths, store, **kw):
    kw.setdefault("extract", fake_extract)
    kw.setdefault("read", fake_read)
    kw.setdefault("gazetteer", GAZ)
    return ingest_paths(paths, store=store, **kw)


# ---------------------------------------------------------------- finding files


def test_find_article_files_recurses_and_filters(tmp_path):
    write_article(tmp_path / "in", "a", TEXTS["a"], source="X")
    write_article(tmp_path / "in" / "sub" / "deeper", "b", TEXTS["b"])
    (tmp_path / "in" / "c.HTML").write_text("<p>نص</p>", encoding="utf-8")
    (tmp_path / "in" / "d.htm").write_text("<p>نص</p>", encoding="utf-8")
    (tmp_path / "in" / "notes.md").write_text("x", encoding="utf-8")
    write_article(tmp_path / "in" / ".hidden", "e", TEXTS["c"])
    (tmp_path / "empty").mkdir()
    files, failed = find_article_files(
        [
            tmp_path / "in",
            tmp_path / "in" / "a.txt",  # given twice: taken once
            tmp_path / "in" / "a.json",
            tmp_path / "nowhere.txt",
            tmp_path / "empty",
        ]
    )
    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        "in/a.txt",
        "in/c.HTML",
        "in/d.htm",
        "in/sub/deeper/b.txt",
    ]
    reasons = dict(failed)
    assert "sidecar" in reasons[str(tmp_path / "in" / "a.json")]
    assert "no such file" in reasons[str(tmp_path / "nowhere.txt")]
    assert "no .txt" in reasons[str(tmp_path / "empty")]


# ---------------------------------------------------------------- ingest


def test_ingest_is_idempotent_and_skips_extraction_when_unchanged(tmp_path, store):
    for name in "abcd":
        write_article(tmp_path / "in", name, TEXTS[name], source="عنب بلدي", published="2020-03-01")
    extract = Counting()
    first = run([tmp_path / "in"], store, extract=extract)
    assert first == IngestSummary(new=4, unchanged=0, replaced=0, failed=())
    assert extract.calls == 4
    events = store.events()
    assert len(events) == 5
    assert {e.published for e in events} == {dt.date(2020, 3, 1)}

    again = run([tmp_path / "in"], store, extract=extract)
    assert again == IngestSummary(new=0, unchanged=4, replaced=0, failed=())
    assert extract.calls == 4
    assert store.events() == events


def test_edited_article_replaces_its_own_events_only(tmp_path, store):
    pa = write_article(tmp_path, "a", TEXTS["a"])
    write_article(tmp_path, "b", TEXTS["b"])
    run([tmp_path], store)
    b_events = store.events(article_id="b")
    pa.write_text(TEXTS["d"], encoding="utf-8")
    summary = run([tmp_path], store)
    assert (summary.new, summary.unchanged, summary.replaced) == (0, 1, 1)
    assert store.events(article_id="a") == sorted(fake_extract(fake_read(pa)), key=lambda e: e.date)
    assert store.events(article_id="b") == b_events


def test_edited_sidecar_counts_as_an_edit(tmp_path, store):
    write_article(tmp_path, "a", TEXTS["a"], published="2020-03-01")
    run([tmp_path], store)
    write_article(tmp_path, "a", TEXTS["a"], published="2020-03-05")
    assert run([tmp_path], store).replaced == 1
    assert {e.date for e in store.events()} == {dt.date(2020, 3, 5)}


def test_bad_files_fail_with_a_reason_and_the_rest_proceeds(tmp_path, store):
    write_article(tmp_path, "good", TEXTS["a"])
    (tmp_path / "empty.txt").write_bytes(b"")

    def boom(article, *, gazetteer):
        if article.article_id == "bad":
            raise KeyError("kaput")
        return fake_extract(article)

    write_article(tmp_path, "bad", TEXTS["b"])
    summary = run([tmp_path, tmp_path / "missing.txt"], store, extract=boom)
    assert summary.new == 1
    reasons = dict(summary.failed)
    assert "empty" in reasons[str(tmp_path / "empty.txt")]
    assert reasons[str(tmp_path / "bad.txt")] == "unexpected KeyError: 'kaput'"
    assert "no such file" in reasons[str(tmp_path / "missing.txt")]
    assert store.article_ids() == ["good"]


def test_same_article_id_twice_in_a_batch_fails_the_second(tmp_path, store):
    write_article(tmp_path / "one", "x", TEXTS["a"])
    write_article(tmp_path / "two", "x", TEXTS["b"])
    summary = run([tmp_path], store)
    assert summary.new == 1
    ((path, reason),) = summary.failed
    assert path == str(tmp_path / "two" / "x.txt")
    assert "also used by" in reason
    assert store.article("x").text == TEXTS["a"]


def test_progress_is_reported_per_file(tmp_path, store):
    for name in "ab":
        write_article(tmp_path, name, TEXTS[name])
    (tmp_path / "z.txt").write_bytes(b"")
    seen = []
    run([tmp_path], store, progress=lambda *a: seen.append(a))
    assert [(d, t, Path(p).name) for d, t, p, _ in seen] == [
        (1, 3, "a.txt"),
        (2, 3, "b.txt"),
        (3, 3, "z.txt"),
    ]
    assert [s.split(":")[0] for *_, s in seen] == ["new", "new", "failed"]


def test_gazetteer_is_loaded_lazily(tmp_path, store, monkeypatch):
    write_article(tmp_path, "a", TEXTS["a"])
    run([tmp_path], store)

    class Broken:
        @classmethod
        def load(cls):
            raise RuntimeError("the gazetteer must not be loaded for unchanged articles")

    monkeypatch.setitem(sys.modules, "gazetteer", types.SimpleNamespace(Gazetteer=Broken))
    assert run([tmp_path], store, gazetteer=None).unchanged == 1
    write_article(tmp_path, "b", TEXTS["b"])
    with pytest.raises(RuntimeError, match="must not be loaded"):  # not a per-file failure
        run([tmp_path], store, gazetteer=None)


def test_ingest_article_directly(store):
    art = make_article("a", TEXTS["a"])
    assert ingest_article(art, store=store, gazetteer=GAZ, extract=fake_extract) == "new"
    assert ingest_article(art, store=store, gazetteer=GAZ, extract=fake_extract) == "unchanged"


def test_summary_json():
    s = IngestSummary(new=1, unchanged=2, replaced=0, failed=(("x.txt", "empty file"),))
    assert s.to_json() == {
        "new": 1,
        "unchanged": 2,
        "replaced": 0,
        "failed": [{"path": "x.txt", "reason": "empty file"}],
    }
    assert s.succeeded == 3


# ---------------------------------------------------------------- reprocess


def test_reprocess_reextracts_from_stored_text(tmp_path, store):
    for name in "abc":
        write_article(tmp_path, name, TEXTS[name])
    run([tmp_path], store)
    for name in "abc":
        (tmp_path / f"{name}.txt").unlink()  # reprocess needs only the store

    same = reprocess(store=store, gazetteer=GAZ, extract=fake_extract)
    assert same == IngestSummary(new=0, unchanged=3, replaced=0, failed=())

    def sharper(article, *, gazetteer):
        return [
            e.__class__(
                **{**{f: getattr(e, f) for f in e.__dataclass_fields__}, "geo_precision": 1}
            )
            for e in fake_extract(article)
        ]

    seen = []
    changed = reprocess(
        store=store, gazetteer=GAZ, extract=sharper, progress=lambda *a: seen.append(a)
    )
    assert changed == IngestSummary(new=0, unchanged=1, replaced=2, failed=())  # c has no events
    assert {e.geo_precision for e in store.events()} == {1}
    assert [a[2] for a in seen] == ["a", "b", "c"]


def test_reprocess_failure_keeps_old_events(tmp_path, store):
    write_article(tmp_path, "a", TEXTS["a"])
    write_article(tmp_path, "b", TEXTS["b"])
    run([tmp_path], store)
    before = store.events(article_id="a")

    def fails_on_a(article, *, gazetteer):
        if article.article_id == "a":
            raise EventsError("rule blew up on 'a'")
        return fake_extract(article)

    summary = reprocess(store=store, gazetteer=GAZ, extract=fails_on_a)
    assert summary.failed == (("a", "rule blew up on 'a'"),)
    assert store.events(article_id="a") == before


# ---------------------------------------------------------------- killed ingest

_CHILD = textwrap.dedent(
    """
    import sys, time
    sys.path[:0] = [{root!r}]
    from events import store as store_mod
    from events.pipeline import ingest_paths
    from events.store import EventStore
    from tests.store_fakes import fake_extract, fake_read

    real = store_mod._write_events
    def slow(conn, article_id, rows):
        real(conn, article_id, [])
        for row in rows:  # one event at a time, slowly: the parent kills us in here
            conn.execute(store_mod.sa.insert(store_mod.events), [row])
            print("mid", article_id, flush=True)
            time.sleep(0.05)
    store_mod._write_events = slow

    def progress(done, total, label, status):
        print(done, status, flush=True)

    with EventStore.open({db!r}) as s:
        ingest_paths([{folder!r}], store=s, gazetteer=object(), extract=fake_extract,
                     read=fake_read, progress=progress)
    """
)


def test_killed_ingest_leaves_a_consistent_store(tmp_path):
    folder = tmp_path / "in"
    texts = [TEXTS["a"], TEXTS["d"], TEXTS["a"] + "\n" + TEXTS["d"]]
    for i in range(30):
        write_article(folder, f"art{i:02d}", texts[i % 3] + f"\nقصف رقم {i}.")
    db = str(tmp_path / "events.sqlite")
    script = _CHILD.format(root=str(ROOT), db=db, folder=str(folder))
    env = {**os.environ, "CONFLICTMAP_DATA_DIR": str(tmp_path / "data")}
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env
    )
    done, killed_in = 0, None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        assert line, "the child ended before it could be killed"
        word, value = line.split()
        if word == "mid" and done >= 8:  # inside an article's transaction, events half written
            child.send_signal(signal.SIGKILL)
            killed_in = value
            break
        if word != "mid":
            done = int(word)
    child.wait(10)
    child.stdout.close()
    assert killed_in is not None

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    with EventStore.open(db) as s:
        stored = s.article_ids()
        assert len(stored) == done  # the finished ones, not the one killed mid-way
        assert killed_in not in stored
        assert stored == [f"art{i:02d}" for i in range(len(stored))]
        for aid in stored:  # every stored article is whole
            art = fake_read(folder / f"{aid}.txt")
            assert s.events(article_id=aid) == sorted(fake_extract(art), key=lambda e: e.date)
        summary = run([folder], s)
        assert summary.failed == ()
        assert summary.unchanged == len(stored)
        assert summary.new == 30 - len(stored)
        assert s.count_articles() == 30


# ---------------------------------------------------------------- real reader: bad inputs


@pytest.fixture
def real_reader():
    need("events.article")
    from events.article import read_article

    return read_article


def test_bad_inputs_with_the_real_reader(tmp_path, store, real_reader):
    folder = tmp_path / "in"
    write_article(folder, "good", TEXTS["a"], published="2020-03-01")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with open(folder / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    write_article(folder, "baddate", TEXTS["b"], published="2020-13-45")
    (folder / "cp1256.txt").write_bytes("قصف مدفعي على أطراف البلدة صباح اليوم.".encode("cp1256"))
    (folder / "page.html").write_text(
        "<html><head><title>خبر</title><script>alert('x'); var stolen = 1;</script></head>"
        "<body><article><p>سيرت القوات دورية مشتركة على الطريق الدولي صباح اليوم، "
        "وفق ما أفاد مراسلنا في المنطقة.</p><script>document.write('evil')</script>"
        "</article></body></html>",
        encoding="utf-8",
    )
    t0 = time.monotonic()
    summary = ingest_paths(
        [folder], store=store, gazetteer=GAZ, extract=fake_extract, read=real_reader
    )
    assert time.monotonic() - t0 < 30
    reasons = {Path(p).name: r for p, r in summary.failed}
    assert set(reasons) == {"empty.txt", "binary.txt", "huge.txt", "baddate.txt"}, reasons
    for name, reason in reasons.items():
        assert reason, name
        assert "\n" not in reason, (name, reason)
    assert "2020-13-45" in reasons["baddate.txt"]
    assert summary.new == 3
    assert "قصف مدفعي" in store.article("cp1256").text
    page = store.article("page").text
    assert "دورية مشتركة" in page
    for script_text in ("alert", "evil", "stolen"):
        assert script_text not in page
    json.dumps(summary.to_json())
