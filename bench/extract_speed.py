"""End-to-end ingest speed: read + extract + store, articles per second, and peak memory.

The bundled sample articles (``data/articles/``) are copied N times under new names into a
temporary folder and ingested into a fresh SQLite store (or ``--db URL``) in one process
(one core). Prints the gazetteer load time, then per stage: read only, read + extract,
read + extract + store (the ingest), a second ingest (all unchanged), and peak memory.
Target: >= 50 articles/s per core for the ingest.

Usage: .venv/bin/python bench/extract_speed.py [--n 500] [--db URL] [--no-extract]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from events.article import read_article  # noqa: E402
from events.pipeline import find_article_files, ingest_paths  # noqa: E402
from events.store import EventStore  # noqa: E402


def copies(folder: Path, n: int) -> list[Path]:
    samples = sorted((ROOT / "data" / "articles").glob("*.txt"))
    for i in range(n):
        src = samples[i % len(samples)]
        stem = f"copy{i:05d}_{src.stem}"
        shutil.copy(src, folder / f"{stem}.txt")
        sidecar = src.with_suffix(".json")
        if sidecar.exists():
            shutil.copy(sidecar, folder / f"{stem}.json")
    return find_article_files([folder])[0]


class Clock:
    """Wall time and this process's CPU time (CPU time = per core, whatever else runs)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def rate(self, n: int) -> tuple[str, float]:
        """Return a printable rate for ``n`` articles since the start, and articles/CPU-s."""
        wall = time.perf_counter() - self.wall
        cpu = time.process_time() - self.cpu
        text = (
            f"{n / wall:8.1f} articles/s wall, {n / cpu:8.1f} per CPU-second "
            f"({cpu * 1000 / n:6.2f} CPU ms/article)"
        )
        return text, n / cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="articles (default 500)")
    parser.add_argument("--db", help="store URL (default: a fresh SQLite file)")
    parser.add_argument("--no-extract", action="store_true", help="store empty event lists")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        files = copies(folder, args.n)
        n = len(files)

        if args.no_extract:
            gazetteer = object()

            def extract(article, *, gazetteer):
                return []

            print("extraction: OFF (--no-extract)")
        else:
            from events.extract import extract_events as extract
            from gazetteer import Gazetteer

            t0 = time.perf_counter()
            gazetteer = Gazetteer.load()
            print(f"gazetteer load              {time.perf_counter() - t0:8.2f} s")

        clock = Clock()
        articles = [read_article(p) for p in files]
        print(f"read                        {clock.rate(n)[0]}")

        clock = Clock()
        n_events = sum(len(extract(a, gazetteer=gazetteer)) for a in articles)
        print(f"extract only                {clock.rate(n)[0]}  ({n_events} events)")
        del articles

        with EventStore.open(args.db or str(Path(tmp) / "bench.sqlite")) as store:
            clock = Clock()
            summary = ingest_paths([folder], store=store, gazetteer=gazetteer, extract=extract)
            text, per_core = clock.rate(n)
            print(f"ingest (read+extract+store) {text}")
            print(f"   summary: new={summary.new} unchanged={summary.unchanged} "
                  f"replaced={summary.replaced} failed={len(summary.failed)}")  # fmt: skip
            clock = Clock()
            again = ingest_paths([folder], store=store, gazetteer=gazetteer, extract=extract)
            print(f"re-ingest (all unchanged)   {clock.rate(n)[0]}")
            assert again.unchanged == summary.new + summary.replaced + summary.unchanged
            print(f"   store: {store.count_articles()} articles, {store.count_events()} events")
            verdict = "OK" if per_core >= 50 else "BELOW TARGET"
            print(f"target >= 50 articles/s per core (CPU time): {per_core:.1f} -> {verdict}")

    # ru_maxrss (KiB on Linux) counts C allocations too; tracemalloc would slow the timing.
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak RSS: {rss_kb / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
