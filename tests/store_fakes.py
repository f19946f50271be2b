"""Small hand-made articles, events, a fake extractor and a fake reader for the store tests.

The texts are written for these tests (not the sample articles). The fake extractor makes
one event per line that names a kind of event, so tests control exactly what is stored
without depending on the real extraction rules.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import pytest
from shapely.geometry import LineString, Point

from events.model import Article, Event, EventPlace, event_id

TEXTS = {
    "a": "سيرت القوات دورية مشتركة على الطريق الدولي.\nقصف مدفعي على قرية في الريف الجنوبي.",
    "b": "أنشأ الجيش نقطة مراقبة جديدة قرب البلدة.",
    "c": "لم يحدث شيء يذكر في المدينة اليوم.",
    "d": "قصف مدفعي استهدف أطراف البلدة فجراً.\nسيرت القوات دورية مشتركة ثانية.",
}

_KINDS = (
    ("دورية", "patrol", "joint_patrol"),
    ("نقطة مراقبة", "observation_post", "post_established"),
    ("قصف", "incident", "shelling"),
)


def make_article(article_id: str, text: str, **meta: object) -> Article:
    """An Article as the reader would return it (content hash of the text)."""
    meta.setdefault("content_hash", hashlib.sha256(text.encode("utf-8")).hexdigest())
    return Article(article_id=article_id, text=text, **meta)  # type: ignore[arg-type]


def fake_extract(article: Article, *, gazetteer: object = None) -> list[Event]:
    """One event per line naming a patrol, a post or shelling (deterministic geometry)."""
    out = []
    start = 0
    for line in article.text.split("\n"):
        end = start + len(line)
        for word, etype, sub in _KINDS:
            if word in line:
                seed = int(hashlib.sha1(line.encode()).hexdigest()[:6], 16)
                lon, lat = 36.0 + (seed % 1000) / 1000, 35.5 + (seed // 1000 % 1000) / 1000
                geom = (
                    LineString([(lon, lat), (lon + 0.3, lat + 0.1)])
                    if etype == "patrol"
                    else Point(lon, lat)
                )
                out.append(
                    Event(
                        id=event_id(article.article_id, start, end, etype, sub),
                        event_type=etype,
                        sub_event_type=sub,
                        status="reported",
                        date=article.published or dt.date(2020, 1, 1),
                        date_precision=1,
                        geo_precision=2,
                        evidence=line,
                        article=article.article_id,
                        geometry=geom,
                        places=(EventPlace("بلدة", "Town", f"test:{seed}"),),
                        source=article.source,
                        url=article.url,
                        published=article.published,
                        evidence_start=start,
                        evidence_end=end,
                    )
                )
        start = end + 1
    return out


def fake_read(path: Path) -> Article:
    """Read a UTF-8 text file and its .json sidecar, like events.article.read_article."""
    path = Path(path)
    raw = path.read_bytes()
    if not raw.strip():
        raise ValueError(f"{path}: empty file")
    meta: dict = {}
    sidecar = path.with_suffix(".json")
    if sidecar.exists():
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        meta = {k: data[k] for k in ("source", "url") if k in data}
        if data.get("published"):
            meta["published"] = dt.date.fromisoformat(data["published"])
    return Article(
        article_id=path.stem,
        text=raw.decode("utf-8"),
        path=str(path),
        content_hash=hashlib.sha256(raw).hexdigest(),
        **meta,
    )


def write_article(folder: Path, name: str, text: str, **sidecar: object) -> Path:
    """Write ``name.txt`` (and ``name.json`` when metadata is given) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    if sidecar:
        (folder / f"{name}.json").write_text(json.dumps(sidecar, ensure_ascii=False), "utf-8")
    return path


def need(module: str) -> None:
    """Skip when another helper's module is not there yet; under CI=true, fail instead."""
    try:
        __import__(module)
    except ImportError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"{module} is needed and cannot be imported: {exc}")
        pytest.skip(f"{module} not available yet: {exc}")


#: Store backends the store and pipeline tests run on: SQLite always; PostgreSQL when
#: ``$CONFLICTMAP_TEST_PG`` holds a URL (``scripts/postgres-test.sh`` starts a server).
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def open_test_store(backend: str, tmp_path: Path):
    """Open an empty store on ``backend`` (for PostgreSQL: drop our tables first)."""
    import sqlalchemy as sa

    from events.store import EventStore
    from events.store_db import normalize_url
    from events.store_schema import metadata

    if backend == "sqlite":
        return EventStore.open(str(tmp_path / "events.sqlite"))
    url = os.environ.get("CONFLICTMAP_TEST_PG")
    if not url:
        if os.environ.get("CONFLICTMAP_REQUIRE_PG") or os.environ.get("CI"):
            pytest.fail("CI or CONFLICTMAP_REQUIRE_PG is set but CONFLICTMAP_TEST_PG is not")
        pytest.skip("no PostgreSQL: run scripts/postgres-test.sh (sets $CONFLICTMAP_TEST_PG)")
    engine = sa.create_engine(normalize_url(url))
    metadata.drop_all(engine)
    engine.dispose()
    return EventStore.open(url)
