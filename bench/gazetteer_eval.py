"""Score place-name recognition and resolution on the hand-annotated gold sentences.

Gold: ``bench/data/gazetteer_gold.jsonl``, one sentence a line (written for this project,
about events in Idlib, Latakia, Hama and Aleppo; none is from the sample articles), with
every place mention's span, the expected place id and the coordinates of the record they
come from (``record``). Sentences without mentions are negatives (persons, organisations,
common words).

Recognition: a predicted mention is right when its span overlaps a gold span (one to one).
Resolution, on the recognised gold mentions: distance from the predicted point to the gold
point; share within 5 km and 161 km, median error.

Runs twice: the built-in layer + overlay, then with the Who's On First Syria import in a
temporary data directory (``$CONFLICTMAP_WOF`` or ``../shared/data/whosonfirst-data-admin-sy``).

Usage: .venv/bin/python bench/gazetteer_eval.py [--verbose] [--no-wof]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gazetteer.core import Gazetteer  # noqa: E402
from gazetteer.resolve import haversine_km  # noqa: E402

GOLD = REPO / "bench" / "data" / "gazetteer_gold.jsonl"
WOF = Path(
    os.environ.get("CONFLICTMAP_WOF", REPO.parent / "shared" / "data" / "whosonfirst-data-admin-sy")
)


def load_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def evaluate(gz: Gazetteer, gold: list[dict], *, verbose: bool = False) -> dict:
    tp = fp = fn = 0
    errors_km: list[float] = []
    for item in gold:
        text = item["text"]
        pred = gz.tag(text)
        used: set[int] = set()
        for g in item["mentions"]:
            hit = next(
                (
                    i
                    for i, m in enumerate(pred)
                    if i not in used and m.start < g["end"] and g["start"] < m.end
                ),
                None,
            )
            if hit is None:
                fn += 1
                if verbose:
                    print(f"  miss   {item['id']} {g['surface']}")
                continue
            used.add(hit)
            tp += 1
            m = pred[hit]
            if m.place.point is None:
                d = float("inf")
            else:
                d = haversine_km(m.place.point, (g["lon"], g["lat"]))
            errors_km.append(d)
            if verbose and d > 5:
                print(
                    f"  far    {item['id']} {g['surface']} -> {m.place.place_id} "
                    f"{m.place.name_en} ({d:.0f} km; gold {g['place_id']})"
                )
        for i, m in enumerate(pred):
            if i not in used:
                fp += 1
                if verbose:
                    print(
                        f"  extra  {item['id']} {m.surface} -> {m.place.place_id} {m.place.name_en}"
                    )
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    n = len(errors_km)
    return {
        "sentences": len(gold),
        "gold_mentions": tp + fn,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "within_5km": round(sum(d <= 5 for d in errors_km) / n, 3) if n else 0.0,
        "within_161km": round(sum(d <= 161 for d in errors_km) / n, 3) if n else 0.0,
        "median_km": round(statistics.median(errors_km), 2) if n else None,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list misses, extras, far ones")
    ap.add_argument("--no-wof", action="store_true", help="skip the run with the WOF import")
    args = ap.parse_args()
    gold = load_gold()
    with tempfile.TemporaryDirectory(prefix="g2eval-") as tmp:
        base = Path(tmp) / "builtin"
        base.mkdir()
        print("built-in + overlay:")
        print(json.dumps(evaluate(Gazetteer.load(data_dir=base), gold, verbose=args.verbose)))
        if args.no_wof:
            return 0
        if not WOF.is_dir():
            print(f"WOF tree not found at {WOF}; set CONFLICTMAP_WOF", file=sys.stderr)
            return 1
        wof = Path(tmp) / "wof"
        wof.mkdir()
        env = {**os.environ, "CONFLICTMAP_DATA_DIR": str(wof)}
        subprocess.run(
            [sys.executable, "-m", "gazetteer", "import", str(WOF), "--format", "wof"],
            cwd=REPO,
            env=env,
            check=True,
            capture_output=True,
        )
        print("with the Who's On First import:")
        print(json.dumps(evaluate(Gazetteer.load(data_dir=wof), gold, verbose=args.verbose)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
