"""The ``python -m gazetteer`` command line: tag, lookup, import, sources.

Contract (``design.md``): JSON on stdout, diagnostics on stderr, and on bad input a
non-zero exit with a one-line reason, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gazetteer.errors import GazetteerError, InputError

__all__ = ["DEFAULT_MAX_BYTES", "decode_text", "main", "read_input"]

#: Largest input ``tag`` accepts by default (a long article is ~100 kB).
DEFAULT_MAX_BYTES = 10_000_000
_EXIT_BAD_INPUT = 2
_EXIT_INTERRUPTED = 130


def decode_text(data: bytes, *, name: str = "input") -> str:
    """Decode article bytes: UTF-8 (with or without BOM), else windows-1256 and kin.

    Parameters
    ----------
    data : bytes
    name : str, optional
        For error messages.

    Returns
    -------
    str

    Raises
    ------
    InputError
        The bytes are binary (NUL bytes, control characters) or decode as nothing sensible.
    """
    if not data:
        return ""
    sample = data[:65536]
    controls = sum(b < 32 and b not in (9, 10, 12, 13) for b in sample)
    if b"\x00" in sample or controls > len(sample) // 100 + 1:
        raise InputError(f"{name}: looks binary (NUL or control bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Not UTF-8: let charset-normalizer choose among the encodings Arabic text uses.
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1256", "iso8859_6", "cp720", "utf_16"]).best()
    if best is None:
        raise InputError(f"{name}: undecodable bytes (not UTF-8, windows-1256 or ISO-8859-6)")
    return str(best)


def read_input(source: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read ``source`` (a path, or ``-`` for standard input) as text.

    Parameters
    ----------
    source : str
    max_bytes : int, optional
        Larger inputs are refused.

    Returns
    -------
    str

    Raises
    ------
    InputError
        Missing file, a folder, too large, binary or undecodable.
    """
    if source == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "standard input"
    else:
        path = Path(source)
        name = str(path)
        if not path.exists():
            raise InputError(f"{name}: no such file")
        if not path.is_file():
            raise InputError(f"{name}: not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{name}: {size} bytes is over the limit of {max_bytes} bytes")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{name}: cannot read: {exc.strerror}") from exc
    if len(data) > max_bytes:
        raise InputError(f"{name}: over the limit of {max_bytes} bytes")
    return decode_text(data, name=name)


def _dump(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def _candidate_json(cand: Any) -> dict[str, Any]:
    p = cand.place
    return {
        "place_id": p.place_id,
        "name_ar": p.name_ar,
        "name_en": p.name_en,
        "lon": p.lon,
        "lat": p.lat,
        "kind": p.kind,
        "country": p.country,
        "admin1": p.admin1,
        "population": p.population,
        "score": round(float(cand.score), 4),
        "layer": p.layer,
        "source": p.source,
        "precision_km": p.precision_km,
    }


def _cmd_tag(args: argparse.Namespace) -> int:
    text = read_input(args.file, max_bytes=args.max_bytes)
    if not text.strip():
        _dump([])
        return 0
    from gazetteer.core import Gazetteer  # written by the matching helper; loaded lazily

    gaz = Gazetteer.load()
    _dump([m.to_json() for m in gaz.tag(text)])
    return 0


def _cmd_lookup(args: argparse.Namespace) -> int:
    name = " ".join(args.name).strip()
    if not name:
        raise InputError("lookup: empty name")
    from gazetteer.core import Gazetteer

    gaz = Gazetteer.load()
    _dump([_candidate_json(c) for c in gaz.lookup(name, limit=args.limit)])
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from gazetteer.importers import import_path

    report = import_path(Path(args.path), fmt=args.format)
    for record, reason in report.skipped[:20]:
        print(f"skipped {record}: {reason}", file=sys.stderr)
    if len(report.skipped) > 20:
        print(f"... and {len(report.skipped) - 20} more skipped", file=sys.stderr)
    print(
        f"imported {report.rows} places from {report.key} in {report.seconds:.1f} s",
        file=sys.stderr,
    )
    _dump(report.to_json())
    return 0


def _cmd_sources(args: argparse.Namespace) -> int:
    from gazetteer.table import load_table, sources_json

    _dump(sources_json(load_table()))
    return 0


def _parser() -> argparse.ArgumentParser:
    from gazetteer.importers import FORMATS

    parser = argparse.ArgumentParser(
        prog="python -m gazetteer", description="Arabic place names -> places (JSON on stdout)."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    tag = sub.add_parser("tag", help="tag the place names in an article (FILE or - for stdin)")
    tag.add_argument("file")
    tag.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES)
    tag.set_defaults(func=_cmd_tag)
    lookup = sub.add_parser("lookup", help="ranked candidates for a name")
    lookup.add_argument("name", nargs="+")
    lookup.add_argument("--limit", type=int, default=10)
    lookup.set_defaults(func=_cmd_lookup)
    imp = sub.add_parser("import", help="merge a bigger place table (idempotent)")
    imp.add_argument("path")
    imp.add_argument("--format", required=True, choices=FORMATS)
    imp.set_defaults(func=_cmd_import)
    src = sub.add_parser("sources", help="loaded layers, row counts and credits")
    src.set_defaults(func=_cmd_sources)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        Defaults to ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 2 on bad input, 130 when interrupted.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except GazetteerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return _EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted; the place table on disk is unchanged", file=sys.stderr)
        return _EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
