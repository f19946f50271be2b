"""Gazetteer speed and memory with the Who's On First import loaded.

Prints: table load time, index build time (Gazetteer.load() in total, cold and warm),
``tag`` throughput in MB/s of UTF-8 Arabic text (one core), and peak resident memory.
Targets: table load < 0.5 s, >= 5 MB/s, < 300 MB.

The text is the gold sentences of ``bench/data/gazetteer_gold.jsonl`` (written for this
project) repeated into ~5 MB articles of ~4 kB each.

Usage: .venv/bin/python bench/gazetteer_speed.py [--mb 5] [--no-wof]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
WOF = Path(
    os.environ.get("CONFLICTMAP_WOF", REPO.parent / "shared" / "data" / "whosonfirst-data-admin-sy")
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0, help="MB of text to tag")
    ap.add_argument("--no-wof", action="store_true", help="built-in layer and overlay only")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="g2speed-") as tmp:
        data = Path(tmp)
        if not args.no_wof:
            if not WOF.is_dir():
                print(f"WOF tree not found at {WOF}; set CONFLICTMAP_WOF", file=sys.stderr)
                return 1
            env = {**os.environ, "CONFLICTMAP_DATA_DIR": str(data)}
            subprocess.run(
                [sys.executable, "-m", "gazetteer", "import", str(WOF), "--format", "wof"],
                cwd=REPO,
                env=env,
                check=True,
                capture_output=True,
            )
        # Cold and warm loads each in a fresh interpreter (module import included).
        code = (
            "import time,sys;from pathlib import Path;t=time.perf_counter();"
            "from gazetteer.table import load_table;tab=load_table(data_dir=Path(sys.argv[1]));"
            "t1=time.perf_counter();from gazetteer.core import Gazetteer;"
            "g=Gazetteer(tab, cache_dir=Path(sys.argv[1])/'cache');t2=time.perf_counter();"
            "print(round(t1-t,3), round(t2-t1,3), len(tab.places), len(g._matcher))"
        )
        for label in ("cold", "warm"):
            out = subprocess.run(
                [sys.executable, "-c", code, str(data)],
                cwd=REPO,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
            print(
                f"{label} load: table {out[0]} s, index {out[1]} s ({out[2]} places, {out[3]} keys)"
            )
        from gazetteer.core import Gazetteer

        gz = Gazetteer.load(data_dir=data)
        gold = (REPO / "bench" / "data" / "gazetteer_gold.jsonl").read_text(encoding="utf-8")
        sentences = [json.loads(line)["text"] for line in gold.splitlines() if line]
        article = " ".join(sentences)
        while len(article.encode()) < 4000:
            article += " " + article
        n = max(1, int(args.mb * 1e6 / len(article.encode())))
        size = n * len(article.encode())
        t = time.perf_counter()
        mentions = sum(len(gz.tag(article)) for _ in range(n))
        dt = time.perf_counter() - t
        print(
            f"tag: {size / 1e6:.1f} MB in {dt:.2f} s = {size / 1e6 / dt:.1f} MB/s "
            f"({n} articles, {mentions} mentions)"
        )
        big = article * max(1, int(2e6 // len(article)))
        t = time.perf_counter()
        gz.tag(big)
        dt = time.perf_counter() - t
        print(f"tag one {len(big.encode()) / 1e6:.1f} MB text: {dt:.2f} s")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
