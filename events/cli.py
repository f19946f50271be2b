"""``python -m events``: extract, ingest, reprocess, export.

Output is machine-readable on stdout (GeoJSON or a JSON summary), diagnostics on stderr.
Exit status: 0 on success (for ingest/reprocess: when at least one article succeeded or
nothing failed), 1 when every article failed or the store/gazetteer cannot be used, 2 on
bad arguments. Heavy libraries (SQLAlchemy, the gazetteer) load only when the command
needs them, so ``extract`` starts fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

__all__ = ["main"]

PROG = "python -m events"
LAYERS = ("patrols", "posts", "incidents", "all")  # == events.store.LAYERS (not imported: slow)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


class _Fail(Exception):
    """A one-line reason to stop with exit status 1."""


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a YYYY-MM-DD date") from None


def _bbox(value: str) -> tuple[float, float, float, float]:
    try:
        parts = tuple(float(v) for v in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or parts[0] > parts[2] or parts[1] > parts[3]:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not minlon,minlat,maxlon,maxlat (four numbers, min before max)"
        )
    return parts  # type: ignore[return-value]


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Events from Arabic news articles.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    db_help = (
        "store URL or SQLite file (default: $CONFLICTMAP_DB, else events.sqlite in the data dir)"
    )

    p = sub.add_parser("extract", help="GeoJSON of one article's events (store untouched)")
    p.add_argument("file", help="article file (.txt, .html); its .json sidecar is read")
    p.add_argument("--published", type=_iso_date, help="publication date YYYY-MM-DD")
    p.add_argument("--source", help="the outlet")
    p.add_argument("--url", help="the article's address")
    p.add_argument("--indent", type=int, default=None, help="pretty-print JSON")

    for name, what in (("ingest", "files and folders into the store"),
                       ("reprocess", "re-extract every stored article")):  # fmt: skip
        p = sub.add_parser(name, help=what)
        if name == "ingest":
            p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
        p.add_argument("--db", help=db_help)
        p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")

    p = sub.add_parser("export", help="GeoJSON FeatureCollection of stored events")
    p.add_argument("--db", help=db_help)
    p.add_argument("--layer", choices=LAYERS, default="all")
    p.add_argument("--from", dest="date_from", type=_iso_date, help="events on/after YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_iso_date, help="events on/before YYYY-MM-DD")
    p.add_argument(
        "--source",
        dest="sources",
        action="append",
        metavar="NAME",
        help="outlet or cited agency (repeatable); 'unknown' = no outlet",
    )
    p.add_argument("--type", dest="event_types", action="append", metavar="EVENT_TYPE")
    p.add_argument("--bbox", type=_bbox, help="minlon,minlat,maxlon,maxlat")
    p.add_argument("-o", "--output", help="write to this file instead of stdout")
    p.add_argument("--indent", type=int, default=None, help="pretty-print JSON")
    return parser


def _print_json(data: Any, *, indent: int | None = None) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=indent)
    sys.stdout.write("\n")


def _open_store(url: str | None, *, create: bool = True) -> Any:
    from events.store import EventStore

    return EventStore.open(url, create=create)


def _load_gazetteer() -> Any:
    from gazetteer import Gazetteer

    return Gazetteer.load()


def _cmd_extract(args: argparse.Namespace) -> int:
    from events.article import read_article
    from events.extract import extract_events
    from events.geojson import feature_collection

    article = read_article(args.file, source=args.source, url=args.url, published=args.published)
    events = extract_events(article, gazetteer=_load_gazetteer())
    _print_json(feature_collection(events), indent=args.indent)
    return 0


def _progress(done: int, total: int, label: str, status: str) -> None:
    print(f"[{done}/{total}] {label} … {status}", file=sys.stderr, flush=True)


def _finish(summary: Any) -> int:
    _print_json(summary.to_json(), indent=2)
    return 0 if summary.succeeded or not summary.failed else 1


def _cmd_ingest(args: argparse.Namespace) -> int:
    from events.pipeline import ingest_paths

    with _open_store(args.db) as store:
        summary = ingest_paths(args.paths, store=store, progress=None if args.quiet else _progress)
    return _finish(summary)


def _cmd_reprocess(args: argparse.Namespace) -> int:
    from events.pipeline import reprocess

    with _open_store(args.db, create=False) as store:
        summary = reprocess(store=store, progress=None if args.quiet else _progress)
    return _finish(summary)


def _cmd_export(args: argparse.Namespace) -> int:
    from events.geojson import dump_feature_collection

    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise _Fail(f"--from {args.date_from} is after --to {args.date_to}")
    with _open_store(args.db, create=False) as store:
        events = store.events(
            date_from=args.date_from,
            date_to=args.date_to,
            sources=args.sources,
            event_types=args.event_types,
            layer=args.layer,
            bbox=args.bbox,
        )
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as fp:
                dump_feature_collection(events, fp, indent=args.indent)
        except OSError as exc:
            raise _Fail(f"cannot write {args.output}: {exc.strerror}") from None
        print(f"{len(events)} events written to {args.output}", file=sys.stderr)
    else:
        dump_feature_collection(events, sys.stdout, indent=args.indent)
    return 0


_COMMANDS = {
    "extract": _cmd_extract,
    "ingest": _cmd_ingest,
    "reprocess": _cmd_reprocess,
    "export": _cmd_export,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = _parser().parse_args(argv)
    prog = f"{PROG} {args.command}"
    try:
        return _COMMANDS[args.command](args)
    except _Fail as exc:
        message = str(exc)
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if os.environ.get("CONFLICTMAP_DEBUG"):
            raise
        known = type(exc).__module__.split(".")[0] in ("events", "gazetteer")
        message = str(exc) if known else f"{type(exc).__name__}: {exc}"
        message = message.strip().splitlines()[0] if message.strip() else type(exc).__name__
    print(f"{prog}: error: {message}", file=sys.stderr)
    return 1
