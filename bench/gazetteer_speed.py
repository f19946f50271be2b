"""Gazetteer speed and memory, with and without the Who's On First import.

For each table (built-in + overlay; then with the WOF Syria import in a temporary data
directory) it prints:

* load: module import, ``load_table`` (merged table), ``Gazetteer.load`` in total and the
  index part of it (total minus table), each in a fresh interpreter with warm caches
  (best of 3); and the first load of a fresh data directory, which builds the caches;
* ``tag`` throughput in MB of UTF-8 text per second, wall clock and per CPU second (one
  core; other jobs on the machine inflate wall time, and CPU time too when they share
  the core's caches or its hyper-thread twin), over all of it and in the best ~0.5 MB
  round (the closest to an idle core), on
  (a) the sample articles, each tagged as a whole, repeated to ``--mb`` MB, and
  (b) the gold sentences of ``bench/data/gazetteer_gold.jsonl`` joined into one dense
  text (92 mentions in 6 kB), repeated to ``--mb`` MB; plus, for information, the gold
  sentences tagged one by one;
* peak resident memory of the tagging process;
* the machine's load average when each part ran.

Targets (issue 6): load < 0.5 s, >= 5 MB/s per core on article text, < 300 MB.

``--instructions`` prints instead the deterministic number of CPU instructions ``tag``
executes per rep of the sample articles and per MB of them (valgrind's callgrind, with
hash randomisation off), to compare changes without the host's timing noise.

Usage: .venv/bin/python bench/gazetteer_speed.py [--mb 5] [--no-wof | --only-wof]
       [--instructions [--reps 3]]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CONFLICTMAP_SHARED", REPO.parent / "shared"))
WOF = Path(os.environ.get("CONFLICTMAP_WOF", SHARED / "data" / "whosonfirst-data-admin-sy"))
GOLD = REPO / "bench" / "data" / "gazetteer_gold.jsonl"


def _articles() -> tuple[list[str], str]:
    for folder in (SHARED / "seeds" / "articles", REPO / "data" / "articles"):
        files = sorted(folder.glob("*.txt"))
        if files:
            return [f.read_text(encoding="utf-8") for f in files], str(folder)
    raise SystemExit("no sample articles found")


def _load_avg() -> str:
    return "load avg " + " ".join(f"{x:.1f}" for x in os.getloadavg())


# -- worker side (runs in a fresh interpreter) ---------------------------------------------


def _work_load(data: Path, what: str) -> dict:
    t0 = time.perf_counter()
    from gazetteer.core import Gazetteer
    from gazetteer.table import load_table

    t1 = time.perf_counter()
    if what == "table":
        table = load_table(data_dir=data)
        n = len(table)
    else:
        gz = Gazetteer.load(data_dir=data)
        n = len(gz.table)
    t2 = time.perf_counter()
    return {"import_s": t1 - t0, "load_s": t2 - t1, "places": n}


def _throughput(gz, texts: list[str], mb: float) -> dict:
    """Tag ``texts`` over and over until ``mb`` MB are done, in rounds of ~0.5 MB."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    reps = max(1, int(mb * 1e6 / size + 0.999))
    per_round = max(1, int(0.5e6 / size))
    mentions = 0
    best = 0.0
    w0, c0 = time.perf_counter(), time.process_time()
    done = 0
    while done < reps:
        n = min(per_round, reps - done)
        r0 = time.process_time()
        for _ in range(n):
            for t in texts:
                mentions += len(gz.tag(t))
        dt = time.process_time() - r0
        if dt > 0:
            best = max(best, size * n / 1e6 / dt)
        done += n
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    total = size * reps / 1e6
    return {
        "mb": total,
        "texts": len(texts) * reps,
        "mentions": mentions,
        "wall_mb_s": total / wall,
        "cpu_mb_s": total / cpu,
        "best_round_cpu_mb_s": best,
        "load": _load_avg(),
    }


def _work_tag(data: Path, mb: float) -> dict:
    from gazetteer.core import Gazetteer

    gz = Gazetteer.load(data_dir=data)
    articles, folder = _articles()
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    gold = [json.loads(line)["text"] for line in lines if line.strip()]
    first = _throughput(gz, articles, 0)  # one pass with cold per-name caches
    out = {
        "articles_folder": folder,
        "articles_first_pass": first,
        "articles": _throughput(gz, articles, mb),
        "gold_joined": _throughput(gz, [" ".join(gold)], mb),
        "gold_sentences": _throughput(gz, gold, min(mb, 1.0)),
    }
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _work_instr(data: Path, reps: int) -> dict:
    """Tag the sample articles ``reps`` times inside ``functools.reduce``.

    ``functools_reduce`` is the C function callgrind collects in (nothing in ``tag`` calls
    it); the two passes before warm the per-name caches.
    """
    import functools

    from gazetteer.core import Gazetteer

    gz = Gazetteer.load(data_dir=data)
    articles, _ = _articles()
    for _ in range(2):
        for t in articles:
            gz.tag(t)
    mentions = functools.reduce(lambda n, t: n + len(gz.tag(t)), articles * reps, 0)
    size = sum(len(t.encode("utf-8")) for t in articles)
    return {"reps": reps, "bytes": size, "mentions": mentions}


def _instructions(label: str, data: Path, reps: int) -> None:
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
    out = subprocess.run(
        [
            valgrind,
            "--tool=callgrind",
            "--collect-atstart=no",
            "--toggle-collect=functools_reduce",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--worker",
            "instr",
            str(data),
            str(reps),
        ],
        cwd=REPO,
        env={**os.environ, "PYTHONHASHSEED": "0"},
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    collected = [ln for ln in out.stderr.splitlines() if "Collected" in ln]
    if not collected:
        raise SystemExit(f"no instruction count in valgrind's output:\n{out.stderr[-2000:]}")
    total = int(collected[-1].split()[-1].replace(",", ""))
    per_rep = total / reps
    print(
        f"== {label}: tag {per_rep / 1e6:.2f} M instructions per rep of the sample articles "
        f"({result['bytes'] / 1e3:.1f} kB, {result['mentions'] // reps} mentions), "
        f"{per_rep / (result['bytes'] / 1e6) / 1e6:.0f} M per MB"
    )


# -- driver ----------------------------------------------------------------------------------


def _run_worker(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", *args],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _bench(label: str, data: Path, mb: float) -> None:
    print(f"== {label}  ({_load_avg()})")
    # First load of a fresh data directory: builds the table and index caches.
    fresh = data.parent / (data.name + "-first")
    shutil.copytree(data, fresh)
    for p in (fresh / "cache").glob("*"):
        if not p.name.startswith(("builtin-", "wordfreq-")):
            p.unlink()
    first = _run_worker("load", str(fresh), "gazetteer")
    print(
        f"first load (builds the table and index caches; built-in layer already cached): "
        f"Gazetteer.load {first['load_s']:.2f} s"
    )
    tables = [_run_worker("load", str(data), "table") for _ in range(3)]
    loads = [_run_worker("load", str(data), "gazetteer") for _ in range(3)]
    table_s = min(r["load_s"] for r in tables)
    total_s = min(r["load_s"] for r in loads)
    import_s = statistics.median(r["import_s"] for r in loads)
    print(
        f"warm load (best of 3): table {table_s:.3f} s, index {max(0.0, total_s - table_s):.3f} s,"
        f" Gazetteer.load total {total_s:.3f} s ({loads[0]['places']} places);"
        f" module import {import_s:.3f} s"
    )
    tag = _run_worker("tag", str(data), str(mb))
    for key, name in (
        ("articles_first_pass", "(a) sample articles, first pass"),
        ("articles", "(a) sample articles"),
        ("gold_joined", "(b) gold sentences as one text"),
        ("gold_sentences", "    gold sentences one by one"),
    ):
        r = tag[key]
        print(
            f"tag {name}: {r['mb']:.2f} MB, {r['texts']} texts, {r['mentions']} mentions: "
            f"{r['cpu_mb_s']:.2f} MB/s per CPU second (best ~0.5 MB round "
            f"{r['best_round_cpu_mb_s']:.2f}), {r['wall_mb_s']:.2f} MB/s wall ({r['load']})"
        )
    print(f"peak RSS of the tagging process: {tag['peak_rss_mb']:.0f} MB")
    print(f"articles from {tag['articles_folder']}")


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        sys.path.insert(0, str(REPO))
        kind, data = sys.argv[2], Path(sys.argv[3])
        if kind == "load":
            result = _work_load(data, sys.argv[4])
        elif kind == "instr":
            result = _work_instr(data, int(sys.argv[4]))
        else:
            result = _work_tag(data, float(sys.argv[4]))
        print(json.dumps(result))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0, help="MB of text per throughput test")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--no-wof", action="store_true", help="built-in layer and overlay only")
    group.add_argument("--only-wof", action="store_true", help="only with the WOF import")
    ap.add_argument(
        "--instructions",
        action="store_true",
        help="print tag's instruction count (valgrind) instead of timings",
    )
    ap.add_argument("--reps", type=int, default=3, help="reps counted with --instructions")
    args = ap.parse_args()
    if args.instructions and shutil.which("valgrind") is None:
        print("--instructions needs valgrind (apt-get install valgrind)", file=sys.stderr)
        return 1
    bench = _bench if not args.instructions else _instructions
    amount = args.mb if not args.instructions else args.reps
    with tempfile.TemporaryDirectory(prefix="gazetteer-speed-") as tmp:
        if not args.only_wof:
            plain = Path(tmp) / "plain"
            plain.mkdir()
            _run_worker("load", str(plain), "gazetteer")  # builds the built-in layer cache
            bench("built-in + overlay", plain, amount)
        if not args.no_wof:
            if not WOF.is_dir():
                print(f"WOF tree not found at {WOF}; set CONFLICTMAP_WOF", file=sys.stderr)
                return 1
            wof = Path(tmp) / "wof"
            env = {**os.environ, "CONFLICTMAP_DATA_DIR": str(wof)}
            subprocess.run(
                [sys.executable, "-m", "gazetteer", "import", str(WOF), "--format", "wof"],
                cwd=REPO,
                env=env,
                check=True,
                capture_output=True,
            )
            _run_worker("load", str(wof), "gazetteer")
            bench("with the Who's On First import", wof, amount)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
