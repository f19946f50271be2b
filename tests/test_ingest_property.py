"""Property: ingesting a set of articles again, in any order and with repeats, changes nothing."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from events.pipeline import ingest_paths
from events.store import EventStore
from tests.store_fakes import fake_extract, fake_read, write_article

LINES = [
    "سيرت القوات دورية مشتركة على الطريق.",
    "قصف مدفعي على أطراف القرية.",
    "أنشأ الجيش نقطة مراقبة جديدة.",
    "عقد الطرفان اجتماعاً في العاصمة.",
    "قصف جوي استهدف سوقاً شعبياً.",
]
DATES = [None, "2020-03-01", "2020-08-17"]

article_spec = st.tuples(
    st.lists(st.sampled_from(LINES), min_size=1, max_size=4),
    st.sampled_from(DATES),
    st.sampled_from([None, "عنب بلدي", "الشرق الأوسط"]),
)


def rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table, minus the ingestion timestamp."""
    con = sqlite3.connect(db)
    out = {}
    for table in ("articles", "events", "event_sources"):
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] != "ingested_at"]
        out[table] = sorted(con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall())
    con.close()
    return out


def ingest(db: Path, batches: list[list[Path]]) -> list:
    summaries = []
    with EventStore.open(str(db)) as store:
        for batch in batches:
            summaries.append(
                ingest_paths(
                    batch, store=store, gazetteer=object(), extract=fake_extract, read=fake_read
                )
            )
            assert summaries[-1].failed == ()
    return summaries


def stamps(db: Path) -> list[tuple]:
    con = sqlite3.connect(db)
    out = sorted(con.execute("SELECT article_id, ingested_at FROM articles").fetchall())
    con.close()
    return out


@settings(max_examples=25, deadline=None)
@given(
    specs=st.lists(article_spec, min_size=1, max_size=6),
    data=st.data(),
)
def test_ingest_twice_in_any_order_equals_ingest_once(specs, data):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = []
        for i, (lines, published, source) in enumerate(specs):
            meta = {k: v for k, v in (("published", published), ("source", source)) if v}
            paths.append(write_article(root / "in", f"art{i}", "\n".join(lines), **meta))

        ingest(root / "once.sqlite", [sorted(paths)])

        # The same set again (after a first pass), shuffled, with repeats, in random batches.
        order = data.draw(st.permutations(paths))
        repeats = data.draw(st.lists(st.sampled_from(paths), max_size=len(paths)))
        stream = list(order) + repeats
        cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=3)))
        batches = [stream[a:b] for a, b in zip([0, *cuts], [*cuts, len(stream)], strict=True)]
        twice = root / "twice.sqlite"
        (first,) = ingest(twice, [list(reversed(paths))])
        assert first.new == len(paths)
        written = stamps(twice)
        again = ingest(twice, [b for b in batches if b])

        assert rows(twice) == rows(root / "once.sqlite")
        assert all(s.new == s.replaced == 0 for s in again)  # nothing was rewritten
        assert stamps(twice) == written
