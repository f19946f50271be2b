"""Importers of bigger place tables and the persisted import table they merge into.

``python -m gazetteer import PATH --format wof|geonames|ocha`` reads a source with the
matching reader (:mod:`.wof`, :mod:`.geonames`, :mod:`.ocha`) and merges its rows into
``<data_dir>/gazetteer/imports.json.gz``. Each source has a key; importing the same
source again replaces its rows (idempotent). The file is written atomically, so a failed
or interrupted import leaves the previous table as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gazetteer.errors import ImportFormatError, TableError
from gazetteer.model import Place
from gazetteer.paths import data_dir
from gazetteer.rows import read_table_file, write_table_file

__all__ = [
    "FORMATS",
    "IMPORT_VERSION",
    "ImportReport",
    "ImportedRow",
    "ImportedSource",
    "SourceRead",
    "import_path",
    "import_table_path",
    "read_imports",
    "read_source_text",
]


def read_source_text(path: Path, *, what: str, encodings: Sequence[str] = ("utf-8-sig",)) -> str:
    """Read a text source file for an importer, trying ``encodings`` in order.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    what : str
        What the file should be, for the error message ("a GeoNames dump (tab-separated text)").
    encodings : sequence of str, optional
        Codecs to try, first success wins.

    Returns
    -------
    str

    Raises
    ------
    ImportFormatError
        Unreadable, binary (NUL bytes near the start), or undecodable in every encoding.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFormatError(f"{path}: cannot read: {exc.strerror}") from exc
    if b"\x00" in data[:4096]:
        raise ImportFormatError(f"{path}: binary file, not {what}")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    names = " or ".join(encodings)
    raise ImportFormatError(f"{path}: not text in {names}; expected {what}")


#: Bump when stored import rows change shape; older tables must be re-imported.
IMPORT_VERSION = 1


@dataclass(frozen=True, slots=True)
class ImportedRow:
    """A place read from a source, plus the ids of other layers it is the same place as."""

    place: Place
    same_as: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceRead:
    """What a reader returns for one source.

    Parameters
    ----------
    key : str
        Identity of the source (re-importing the same key replaces its rows).
    rows : tuple of ImportedRow
    skipped : tuple of (str, str)
        (record, reason) for every record that was reported and skipped.
    license, credit, url : str
        For ``gazetteer sources``.
    """

    key: str
    rows: tuple[ImportedRow, ...]
    skipped: tuple[tuple[str, str], ...] = ()
    license: str = ""
    credit: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class ImportedSource:
    """One source recorded in the import table."""

    key: str
    format: str
    path: str
    rows: int
    license: str
    credit: str
    url: str
    imported_at: str
    places: tuple[ImportedRow, ...] = field(default=(), repr=False)


@dataclass(frozen=True, slots=True)
class ImportReport:
    """Outcome of one ``import`` run (printed as JSON by the CLI)."""

    key: str
    format: str
    rows: int
    skipped: tuple[tuple[str, str], ...]
    replaced: bool
    seconds: float
    table: str

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict (skipped records listed up to 50)."""
        return {
            "source": self.key,
            "format": self.format,
            "rows": self.rows,
            "skipped": len(self.skipped),
            "skipped_examples": [{"record": r, "reason": w} for r, w in self.skipped[:50]],
            "replaced": self.replaced,
            "seconds": round(self.seconds, 2),
            "table": self.table,
        }


def import_table_path(*, data_dir_: Path | None = None) -> Path:
    """Return ``<data_dir>/gazetteer/imports.json.gz``."""
    base = data_dir_ if data_dir_ is not None else data_dir()
    return base / "gazetteer" / "imports.json.gz"


def read_imports(*, data_dir_: Path | None = None) -> list[ImportedSource]:
    """Read the persisted import table; an absent table is an empty list.

    Raises
    ------
    TableError
        The file exists but is corrupt or from an incompatible version.
    """
    path = import_table_path(data_dir_=data_dir_)
    if not path.exists():
        return []
    return _parse_imports(path)


def _parse_imports(path: Path) -> list[ImportedSource]:
    header, places = read_table_file(path)
    if header.get("kind") != "imports" or header.get("version") != IMPORT_VERSION:
        raise TableError(
            f"{path} is not an import table of version {IMPORT_VERSION}; delete it and re-import"
        )
    # rows carry one extra trailing element: the same_as list
    extras = header.get("same_as", [])
    out: list[ImportedSource] = []
    i = 0
    for src in header.get("sources", []):
        n = int(src["rows"])
        rows = tuple(
            ImportedRow(places[j], tuple(extras[j]) if j < len(extras) else ())
            for j in range(i, i + n)
        )
        i += n
        out.append(
            ImportedSource(
                key=src["key"],
                format=src["format"],
                path=src["path"],
                rows=n,
                license=src.get("license", ""),
                credit=src.get("credit", ""),
                url=src.get("url", ""),
                imported_at=src.get("imported_at", ""),
                places=rows,
            )
        )
    if i != len(places):
        raise TableError(f"{path}: row counts do not add up; delete it and re-import")
    return out


def _write_imports(path: Path, sources: Sequence[ImportedSource]) -> None:
    header = {
        "kind": "imports",
        "version": IMPORT_VERSION,
        "sources": [
            {
                "key": s.key,
                "format": s.format,
                "path": s.path,
                "rows": len(s.places),
                "license": s.license,
                "credit": s.credit,
                "url": s.url,
                "imported_at": s.imported_at,
            }
            for s in sources
        ],
        "same_as": [list(r.same_as) for s in sources for r in s.places],
    }
    write_table_file(path, header, [r.place for s in sources for r in s.places])


def _reader(fmt: str) -> Callable[[Path], SourceRead]:
    if fmt == "wof":
        from gazetteer.importers.wof import read_wof

        return read_wof
    if fmt == "geonames":
        from gazetteer.importers.geonames import read_geonames

        return read_geonames
    if fmt == "ocha":
        from gazetteer.importers.ocha import read_ocha

        return read_ocha
    raise ImportFormatError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


#: Formats ``import`` understands.
FORMATS = ("wof", "geonames", "ocha")


def import_path(path: Path | str, *, fmt: str, data_dir_: Path | None = None) -> ImportReport:
    """Read ``path`` in format ``fmt`` and merge it into the import table.

    Parameters
    ----------
    path : pathlib.Path or str
        A WOF repository (or its ``data/`` folder), a GeoNames dump file, an OCHA CSV.
    fmt : str
        One of :data:`FORMATS`.
    data_dir_ : pathlib.Path, optional
        Defaults to :func:`gazetteer.paths.data_dir`.

    Returns
    -------
    ImportReport

    Raises
    ------
    ImportFormatError
        The path does not exist or is not in format ``fmt``.
    TableError
        The existing import table is corrupt (it is left untouched).
    """
    t0 = time.perf_counter()
    reader = _reader(fmt)
    src_path = Path(path).expanduser()
    if not src_path.exists():
        raise ImportFormatError(f"{src_path}: no such file or directory")
    read = reader(src_path)
    if not read.rows:
        raise ImportFormatError(
            f"{src_path}: no usable {fmt} records found"
            + (f" ({len(read.skipped)} skipped, e.g. {read.skipped[0][1]})" if read.skipped else "")
        )
    table = import_table_path(data_dir_=data_dir_)
    existing = read_imports(data_dir_=data_dir_)
    replaced = any(s.key == read.key for s in existing)
    new_src = ImportedSource(
        key=read.key,
        format=fmt,
        path=str(src_path.resolve()),
        rows=len(read.rows),
        license=read.license,
        credit=read.credit,
        url=read.url,
        imported_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        places=read.rows,
    )
    sources = [s for s in existing if s.key != read.key] + [new_src]
    _write_imports(table, sources)
    return ImportReport(
        key=read.key,
        format=fmt,
        rows=len(read.rows),
        skipped=read.skipped,
        replaced=replaced,
        seconds=time.perf_counter() - t0,
        table=str(table),
    )
