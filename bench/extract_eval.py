"""Score event extraction on the hand-annotated gold set ``bench/data/events_gold/``.

Gold: 22 short Arabic articles written for this project in the style of different outlets
and years (none is a real article or one of the five samples), their ``.json`` sidecars and
``gold.json`` (the expected events; see docs/extraction-eval.md for its conventions).

An extracted event matches a gold event when the event types agree and its evidence span
overlaps the sentence that holds one of the gold event's evidence substrings; each side
matches at most once (ties: right sub-type first, then the nearest location). Optional gold
events (background an analyst may or may not code) are neither misses nor false positives.

On the matched pairs: sub-type, date (exact; and "within precision": the extracted span,
widened by its precision code, overlaps the gold span), location (share of points within
5 / 25 km of an accepted place; patrols: route start and end each within 5 km), fatalities,
status. Separately: events placed within ``km`` of a diplomatic venue or dateline city of
their article (must be 0).

Usage::

    .venv/bin/python bench/extract_eval.py [--verbose] [--json] [--wof PATH] [--gold-dir DIR]

``--gold-dir DIR`` scores another gold set laid out the same way (``DIR/gold.json`` beside its
articles), e.g. the second held-out set ``bench/data/events_gold2``.
``--wof PATH`` runs a second time with the Who's On First Syria tree imported into a
temporary ``CONFLICTMAP_DATA_DIR`` (e.g. ``../shared/data/whosonfirst-data-admin-sy``).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import math
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

GOLD_DIR = REPO / "bench" / "data" / "events_gold"
GOLD = GOLD_DIR / "gold.json"
TYPES = ("patrol", "observation_post", "incident", "ceasefire")


# --- gold ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldPlace:
    """A place of the gold file: key, id, Arabic name and the point (lon, lat)."""

    key: str
    place_id: str
    name_ar: str
    lon: float
    lat: float


@dataclass(frozen=True)
class GoldEvent:
    """One expected event (see the conventions in ``gold.json``)."""

    id: str
    event_type: str
    sub_event_types: tuple[str, ...]
    status: str
    date: dt.date
    date_end: dt.date | None
    fatalities: tuple[int | None, ...]
    at: tuple[GoldPlace, ...]
    route_start: tuple[GoldPlace, ...]
    route_end: tuple[GoldPlace, ...]
    evidence: tuple[str, ...]
    optional: bool


@dataclass(frozen=True)
class GoldArticle:
    """An article file, its expected events and the venues no event may sit near."""

    file: str
    events: tuple[GoldEvent, ...]
    venues: tuple[tuple[GoldPlace, float], ...]


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def load_gold(path: Path = GOLD) -> list[GoldArticle]:
    """Read ``gold.json`` into frozen records.

    Parameters
    ----------
    path : Path
        The gold file.

    Returns
    -------
    list of GoldArticle
    """
    raw = json.loads(path.read_text(encoding="utf-8"))
    places = {
        k: GoldPlace(k, v["place_id"], v["name_ar"], float(v["lon"]), float(v["lat"]))
        for k, v in raw["places"].items()
    }

    def pl(keys: Sequence[str]) -> tuple[GoldPlace, ...]:
        return tuple(places[k] for k in keys)

    out = []
    for art in raw["articles"]:
        events = []
        for e in art["events"]:
            fat = e["fatalities"]
            route = e.get("route") or {}
            events.append(
                GoldEvent(
                    id=e["id"],
                    event_type=e["event_type"],
                    sub_event_types=tuple(e["sub_event_type"]),
                    status=e["status"],
                    date=dt.date.fromisoformat(e["date"]),
                    date_end=_day(e.get("date_end")),
                    fatalities=tuple(fat) if isinstance(fat, list) else (fat,),
                    at=pl(e.get("at", ())),
                    route_start=pl(route.get("start", ())),
                    route_end=pl(route.get("end", ())),
                    evidence=tuple(e["evidence"]),
                    optional=bool(e.get("optional")),
                )
            )
        venues = tuple((places[v["place"]], float(v.get("km", 50))) for v in art["no_events_near"])
        out.append(GoldArticle(art["file"], tuple(events), venues))
    return out


# --- running the extractor -------------------------------------------------------------------


@dataclass(frozen=True)
class Extracted:
    """What the evaluation needs of an extracted event (from the API or the CLI)."""

    event_type: str
    sub_event_type: str | None
    status: str
    date: dt.date
    date_end: dt.date | None
    date_precision: int
    fatalities: int | None
    coords: tuple[tuple[float, float], ...]  # Point: one; LineString: its vertices
    geom_type: str
    start: int
    end: int
    evidence: str
    places: tuple[str, ...]


@dataclass(frozen=True)
class Run:
    """The cleaned text of one article and what the extractor made of it."""

    text: str
    events: tuple[Extracted, ...]
    error: str | None = None


def _coords(geom: Any) -> tuple[str, tuple[tuple[float, float], ...]]:
    if geom is None:
        return "None", ()
    if isinstance(geom, dict):  # GeoJSON from the CLI
        kind, cs = geom["type"], geom["coordinates"]
        pts = [cs] if kind == "Point" else cs if kind == "LineString" else [cs[0][0]]
        return kind, tuple((float(x), float(y)) for x, y, *_ in pts)
    kind = geom.geom_type
    if kind in ("Point", "LineString"):
        return kind, tuple((float(x), float(y)) for x, y, *_ in geom.coords)
    p = geom.representative_point()
    return kind, ((p.x, p.y),)


def _span(text: str, evidence: str, start: int, end: int) -> tuple[int, int]:
    if 0 <= start < end <= len(text):
        return start, end
    at = text.find(evidence)
    return (at, at + len(evidence)) if at >= 0 else (-1, -1)


def run_api(path: Path, gazetteer: Any) -> Run:
    """Read and extract one article with the Python API."""
    from events.article import read_article
    from events.errors import EventsError
    from events.extract import extract_events

    try:
        article = read_article(path)
        events = extract_events(article, gazetteer=gazetteer)
    except EventsError as exc:
        return Run("", (), error=f"{type(exc).__name__}: {exc}")
    out = []
    for ev in events:
        kind, cs = _coords(ev.geometry)
        s, e = _span(article.text, ev.evidence, ev.evidence_start, ev.evidence_end)
        out.append(
            Extracted(
                ev.event_type,
                ev.sub_event_type,
                ev.status,
                ev.date,
                ev.date_end,
                ev.date_precision,
                ev.fatalities,
                cs,
                kind,
                s,
                e,
                ev.evidence,
                tuple(p.place_id for p in ev.places),
            )
        )
    return Run(article.text, tuple(out))


def run_cli(path: Path, data_dir: Path) -> Run:
    """Fallback: ``python -m events extract FILE`` (evidence located by text search)."""
    env = {**os.environ, "CONFLICTMAP_DATA_DIR": str(data_dir)}
    proc = subprocess.run(
        [sys.executable, "-m", "events", "extract", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        return Run("", (), error=proc.stderr.strip().splitlines()[-1:] and proc.stderr.strip())
    try:
        from events.article import read_article

        text = read_article(path).text
    except ImportError:
        text = path.read_bytes().decode("utf-8", errors="replace")
    out = []
    for feat in json.loads(proc.stdout)["features"]:
        p = feat["properties"]
        kind, cs = _coords(feat["geometry"])
        s, e = _span(text, p["evidence"], -1, -1)
        out.append(
            Extracted(
                p["event_type"],
                p.get("sub_event_type"),
                p["status"],
                dt.date.fromisoformat(p["date"]),
                _day(p.get("date_end")),
                int(p.get("date_precision") or 1),
                p.get("fatalities"),
                cs,
                kind,
                s,
                e,
                p["evidence"],
                tuple(x["place_id"] for x in p.get("places") or ()),
            )
        )
    return Run(text, tuple(out))


# --- scoring ---------------------------------------------------------------------------------


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lon, lat) points in km."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def _nearest(point: tuple[float, float], places: Sequence[GoldPlace]) -> float:
    return min((haversine_km(point, (p.lon, p.lat)) for p in places), default=math.inf)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``text[start:end]`` to its sentence(s) (events.sentences when importable)."""
    try:
        from events.sentences import split_sentences

        spans = [(s.start, s.end) for s in split_sentences(text)]
    except ImportError:
        spans = []
    inside = [(s, e) for s, e in spans if s < end and start < e]
    if inside:
        return min(s for s, _ in inside), max(e for _, e in inside)
    s = max(text.rfind(c, 0, start) for c in ".\n؟!") + 1
    ends = [i for i in (text.find(c, end) for c in ".\n؟!") if i >= 0]
    return s, min(ends, default=len(text))


def _gold_spans(text: str, g: GoldEvent) -> list[tuple[int, int]]:
    spans = []
    for sub in g.evidence:
        at = text.find(sub)
        if at < 0:
            raise ValueError(f"gold {g.id}: evidence {sub!r} is not in the article text")
        if text.find(sub, at + 1) >= 0:
            raise ValueError(f"gold {g.id}: evidence {sub!r} occurs more than once")
        spans.append(sentence_bounds(text, at, at + len(sub)))
    return spans


def _widen(x: Extracted) -> tuple[dt.date, dt.date]:
    lo, hi = x.date, x.date_end or x.date
    if x.date_precision == 2:
        return lo - dt.timedelta(days=7), hi + dt.timedelta(days=7)
    if x.date_precision >= 3:
        last = calendar.monthrange(hi.year, hi.month)[1]
        return lo.replace(day=1), hi.replace(day=last)
    return lo, hi


def date_exact(x: Extracted, g: GoldEvent) -> bool:
    return x.date == g.date and (x.date_end or x.date) == (g.date_end or g.date)


def date_within(x: Extracted, g: GoldEvent) -> bool:
    lo, hi = _widen(x)
    return lo <= (g.date_end or g.date) and g.date <= hi


def location_km(x: Extracted, g: GoldEvent) -> float | None:
    """Distance of a point event to the nearest accepted place (None: not scored)."""
    if not g.at or not x.coords:
        return None if not g.at else math.inf
    if x.geom_type == "Point":
        return _nearest(x.coords[0], g.at)
    return min(_nearest(c, g.at) for c in x.coords)


def route_km(x: Extracted, g: GoldEvent) -> tuple[float | None, float | None]:
    """(start, end) distances of a patrol route to the gold ends (None: end not given)."""
    if x.geom_type == "Point" and x.coords and not g.route_start and g.route_end:
        return None, _nearest(x.coords[0], g.route_end)  # only the destination is known
    if x.geom_type != "LineString" or len(x.coords) < 2:
        return (math.inf if g.route_start else None, math.inf if g.route_end else None)
    s = _nearest(x.coords[0], g.route_start) if g.route_start else None
    e = _nearest(x.coords[-1], g.route_end) if g.route_end else None
    return s, e


@dataclass(frozen=True)
class Pair:
    """A gold event and the extracted event matched to it."""

    article: str
    gold: GoldEvent
    got: Extracted


@dataclass(frozen=True)
class Failure:
    """One thing to fix: kind (miss, false_positive, venue, wrong_<attr>, error)."""

    kind: str  # miss | false_positive | venue | wrong_<attr> | error
    article: str
    sentence: str
    detail: str


@dataclass(frozen=True)
class Report:
    """Metrics and failures of one evaluation run."""

    metrics: dict[str, Any]
    failures: tuple[Failure, ...] = field(default=())


def _match_km(x: Extracted, g: GoldEvent) -> float:
    """Location error used to break ties between candidate matches."""
    if g.event_type == "patrol":
        ends = [d for d in route_km(x, g) if d is not None]
        return max(ends) if ends else math.inf
    km = location_km(x, g)
    return math.inf if km is None else km


def _match(text: str, gold: Sequence[GoldEvent], got: Sequence[Extracted]) -> list[tuple[int, int]]:
    spans = [_gold_spans(text, g) for g in gold]
    cands = []
    for gi, g in enumerate(gold):
        for xi, x in enumerate(got):
            if x.event_type != g.event_type or x.start < 0:
                continue
            if not any(s < x.end and x.start < e for s, e in spans[gi]):
                continue
            km = _match_km(x, g)
            cands.append(
                (g.optional, km > 25, x.sub_event_type not in g.sub_event_types, km, gi, xi)
            )
    used_g: set[int] = set()
    used_x: set[int] = set()
    pairs = []
    for *_, gi, xi in sorted(cands):
        if gi not in used_g and xi not in used_x:
            used_g.add(gi)
            used_x.add(xi)
            pairs.append((gi, xi))
    return pairs


def _ratio(n: int, d: int) -> float | None:
    return round(n / d, 3) if d else None


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
    }


def _describe(x: Extracted) -> str:
    end = f"..{x.date_end}" if x.date_end and x.date_end != x.date else ""
    where = ",".join(x.places[:4]) or "-"
    at = "/".join(f"{c[0]:.3f},{c[1]:.3f}" for c in (x.coords[:1] + x.coords[-1:])[:2])
    return (
        f"{x.event_type}/{x.sub_event_type} {x.status} {x.date}{end} p{x.date_precision} "
        f"fat={x.fatalities} at {at} [{where}]"
    )


def _expect(g: GoldEvent) -> str:
    end = f"..{g.date_end}" if g.date_end else ""
    where = ",".join(p.key for p in g.at) or (
        f"{'|'.join(p.key for p in g.route_start) or '?'}->{'|'.join(p.key for p in g.route_end)}"
        if g.route_end or g.route_start
        else "-"
    )
    fat = "|".join(str(f) for f in g.fatalities)
    return (
        f"{g.id}: {g.event_type}/{'|'.join(g.sub_event_types)} {g.status} {g.date}{end} "
        f"fat={fat} at {where}"
    )


def _sentence(text: str, start: int, end: int) -> str:
    s, e = sentence_bounds(text, start, end)
    return text[s:e].strip()


class _Tally:
    def __init__(self) -> None:
        self.c: dict[str, list[int]] = {}

    def add(self, name: str, ok: bool | None) -> None:
        if ok is None:
            return
        n = self.c.setdefault(name, [0, 0])
        n[0] += int(ok)
        n[1] += 1

    def out(self) -> dict[str, Any]:
        return {k: {"right": a, "of": b, "share": _ratio(a, b)} for k, (a, b) in self.c.items()}


def score(gold: Sequence[GoldArticle], runs: dict[str, Run]) -> Report:
    """Compare extracted events with the gold events.

    Parameters
    ----------
    gold : sequence of GoldArticle
    runs : dict
        File name → :class:`Run`.

    Returns
    -------
    Report
        ``metrics`` (per-type and overall P/R/F1, attribute accuracies, venue count) and the
        failures, each with its sentence.
    """
    counts = {t: [0, 0, 0] for t in TYPES}
    tally = _Tally()
    fails: list[Failure] = []
    venue_hits = 0
    for art in gold:
        run = runs[art.file]
        if run.error:
            fails.append(Failure("error", art.file, "", run.error))
        text, got = run.text, run.events
        pairs = _match(text, art.events, got) if not run.error else []
        matched_g = {gi for gi, _ in pairs}
        matched_x = {xi for _, xi in pairs}
        for gi, g in enumerate(art.events):
            if gi in matched_g or g.optional:
                continue
            counts.setdefault(g.event_type, [0, 0, 0])[2] += 1
            at = text.find(g.evidence[0]) if text else -1
            sent = _sentence(text, at, at + len(g.evidence[0])) if at >= 0 else g.evidence[0]
            fails.append(Failure("miss", art.file, sent, "expected " + _expect(g)))
        for xi, x in enumerate(got):
            for place, km in art.venues:
                if any(haversine_km(c, (place.lon, place.lat)) <= km for c in x.coords):
                    venue_hits += 1
                    fails.append(
                        Failure(
                            "venue",
                            art.file,
                            x.evidence,
                            f"{_describe(x)} within {km:g} km of {place.key}",
                        )
                    )
            if xi in matched_x:
                continue
            counts.setdefault(x.event_type, [0, 0, 0])[1] += 1
            fails.append(Failure("false_positive", art.file, x.evidence, "got " + _describe(x)))
        for gi, xi in pairs:
            g, x = art.events[gi], got[xi]
            if g.optional:
                continue
            counts[g.event_type][0] += 1
            _check(Pair(art.file, g, x), tally, fails)
    per_type = {t: _prf(*c) for t, c in counts.items()}
    overall = _prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
    metrics = {
        "articles": len(gold),
        "gold_events": sum(1 for a in gold for g in a.events if not g.optional),
        "extracted_events": sum(len(r.events) for r in runs.values()),
        "overall": overall,
        "per_type": per_type,
        "attributes": tally.out(),
        "events_at_venues": venue_hits,
        "errors": sum(1 for f in fails if f.kind == "error"),
    }
    return Report(metrics, tuple(fails))


def _check(pair: Pair, tally: _Tally, fails: list[Failure]) -> None:
    g, x = pair.gold, pair.got

    def record(name: str, ok: bool | None, why: str = "") -> None:
        tally.add(name, ok)
        if ok is False:
            fails.append(
                Failure(
                    f"wrong_{name}",
                    pair.article,
                    x.evidence,
                    f"got {_describe(x)}; expected {_expect(g)}{why}",
                )
            )

    record("sub_event_type", x.sub_event_type in g.sub_event_types)
    record("status", x.status == g.status)
    exact = date_exact(x, g)
    tally.add("date_exact", exact)
    record("date_within_precision", date_within(x, g))
    record("fatalities", x.fatalities in g.fatalities)
    if g.event_type == "patrol" and (g.route_start or g.route_end):
        s, e = route_km(x, g)
        ok5 = all(d <= 5 for d in (s, e) if d is not None)
        record(
            "route_ends_5km",
            ok5,
            f" (start {s if s is None else round(s, 1)} km, "
            f"end {e if e is None else round(e, 1)} km)",
        )
        return
    km = location_km(x, g)
    if km is None:
        return
    tally.add("location_5km", km <= 5)
    record("location_25km", km <= 25, f" ({km:.1f} km)")


# --- driver ----------------------------------------------------------------------------------


def article_paths(gold: Sequence[GoldArticle], folder: Path = GOLD_DIR) -> Iterator[Path]:
    for art in gold:
        yield folder / art.file


def evaluate(
    gazetteer: Any = None,
    *,
    data_dir: Path | None = None,
    gold_path: Path = GOLD,
    use_cli: bool = False,
) -> Report:
    """Run the extractor on every gold article and score it.

    Parameters
    ----------
    gazetteer : gazetteer.core.Gazetteer, optional
        Loaded from ``data_dir`` when not given.
    data_dir : Path, optional
        The data directory (imported gazetteer tables); used by the CLI fallback too.
    gold_path : Path
        The gold file (articles are read from its folder).
    use_cli : bool
        Run ``python -m events extract`` instead of the API.

    Returns
    -------
    Report
    """
    gold = load_gold(gold_path)
    runs: dict[str, Run] = {}
    if not use_cli:
        try:
            from events.extract import extract_events  # noqa: F401
            from gazetteer.core import Gazetteer
        except ImportError as exc:
            print(f"API not importable ({exc}); using the CLI", file=sys.stderr)
            use_cli = True
        else:
            gazetteer = gazetteer or Gazetteer.load(data_dir=data_dir)
    for art, path in zip(gold, article_paths(gold, gold_path.parent), strict=True):
        if use_cli:
            runs[art.file] = run_cli(path, data_dir or Path(tempfile.mkdtemp(prefix="g7eval-")))
        else:
            runs[art.file] = run_api(path, gazetteer)
    return score(gold, runs)


def print_report(title: str, report: Report, *, verbose: bool) -> None:
    m = report.metrics
    o = m["overall"]
    print(f"== {title}")
    print(
        f"articles {m['articles']}, gold events {m['gold_events']}, extracted "
        f"{m['extracted_events']}, errors {m['errors']}"
    )
    print(
        f"overall      P {o['precision']:.3f}  R {o['recall']:.3f}  F1 {o['f1']:.3f}  "
        f"(tp {o['tp']}, fp {o['fp']}, fn {o['fn']})"
    )
    for t, r in m["per_type"].items():
        print(
            f"{t:<16} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}  "
            f"(tp {r['tp']}, fp {r['fp']}, fn {r['fn']})"
        )
    for name, a in m["attributes"].items():
        share = "-" if a["share"] is None else f"{a['share']:.3f}"
        print(f"  {name:<24} {share}  ({a['right']}/{a['of']})")
    print(f"events at diplomatic venues / datelines: {m['events_at_venues']} (must be 0)")
    shown = ("miss", "false_positive", "venue", "error")
    for f in report.failures:
        if f.kind in shown or verbose:
            print(f"- [{f.kind}] {f.article}: {f.detail}\n    «{f.sentence}»")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="also list wrong attributes")
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON only")
    ap.add_argument("--cli", action="store_true", help="use `python -m events extract`")
    ap.add_argument("--wof", type=Path, help="also run with this WOF tree imported")
    ap.add_argument(
        "--gold-dir",
        type=Path,
        default=GOLD_DIR,
        help=f"folder holding gold.json and its articles (default {GOLD_DIR.relative_to(REPO)})",
    )
    args = ap.parse_args(argv)
    gold_path = args.gold_dir / "gold.json"
    if not gold_path.is_file():
        print(f"no gold.json in {args.gold_dir}", file=sys.stderr)
        return 2
    results = {}
    with tempfile.TemporaryDirectory(prefix="g7eval-") as tmp:
        base = Path(tmp) / "builtin"
        base.mkdir()
        results["built-in + overlay"] = evaluate(
            data_dir=base, gold_path=gold_path, use_cli=args.cli
        )
        if args.wof:
            if not args.wof.is_dir():
                print(f"no WOF tree at {args.wof}", file=sys.stderr)
                return 2
            wof = Path(tmp) / "wof"
            wof.mkdir()
            env = {**os.environ, "CONFLICTMAP_DATA_DIR": str(wof)}
            cmd = [sys.executable, "-m", "gazetteer", "import", str(args.wof), "--format", "wof"]
            proc = subprocess.run(
                cmd, cwd=REPO, env=env, capture_output=True, text=True, check=False
            )
            if proc.returncode != 0:
                print(f"WOF import failed: {proc.stderr.strip()}", file=sys.stderr)
                return 2
            results["with the WOF import"] = evaluate(
                data_dir=wof, gold_path=gold_path, use_cli=args.cli
            )
    if args.json:
        print(json.dumps({k: r.metrics for k, r in results.items()}, ensure_ascii=False, indent=1))
        return 0
    for title, report in results.items():
        print_report(title, report, verbose=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
