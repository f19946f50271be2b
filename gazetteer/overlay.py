"""The curated overlay: hand-typed places in ``data/gazetteer/*.csv``.

Two kinds of CSV file live there, told apart by their header:

*Place files* (one row per place; required columns :data:`PLACE_COLUMNS`, optional
:data:`OPTIONAL_COLUMNS`). ``names_ar``, ``names_en`` and ``same_as`` hold ``|``-separated
lists. ``same_as`` names ids of other layers (``gn:164816``, ``wof:1125870345``,
``iso:SY-ID``) that the row replaces or enriches: the overlay wins over them field by
field, and an empty field (e.g. no ``lon``/``lat`` in a row that only adds an Arabic name)
keeps theirs.

*Waypoint files* (columns :data:`WAYPOINT_COLUMNS`): the ordered points of a road or line,
each a real place with its record id (``ref_id``) and the coordinate typed from that record.

Every row carries ``source`` and an honest ``precision_km``; :func:`validate_overlay`
checks them and is run by the tests.
"""

from __future__ import annotations

import csv
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from gazetteer.errors import TableError
from gazetteer.model import KINDS, Place
from gazetteer.paths import REPO_DATA

__all__ = [
    "OPTIONAL_COLUMNS",
    "OVERLAY_DIR",
    "PLACE_COLUMNS",
    "WAYPOINT_COLUMNS",
    "OverlayRow",
    "load_overlay",
    "validate_overlay",
]

#: Where the project's curated CSV files are.
OVERLAY_DIR = REPO_DATA / "gazetteer"
PLACE_COLUMNS = (
    "place_id",
    "kind",
    "name_ar",
    "name_en",
    "country",
    "lon",
    "lat",
    "precision_km",
    "source",
)
OPTIONAL_COLUMNS = (
    "names_ar",
    "names_en",
    "admin1",
    "admin2",
    "parent_id",
    "same_as",
    "population",
    "notes",
)
WAYPOINT_COLUMNS = ("road_id", "seq", "ref_id", "name", "lon", "lat", "source")
#: A generous box around the Middle East; world places (countries, venues) are exempt.
SANE_BBOX = (25.0, 25.0, 50.0, 43.0)


@dataclass(frozen=True, slots=True)
class OverlayRow:
    """A curated place and the ids of other layers it replaces or enriches.

    Parameters
    ----------
    place : Place
        ``layer == "overlay"``.
    same_as : tuple of str
    file : str
        The CSV file name (for error messages and credits).
    line : int
        Line number in that file.
    """

    place: Place
    same_as: tuple[str, ...]
    file: str
    line: int


def _split(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _float(value: str | None, *, where: str, column: str) -> float | None:
    if value is None or not value.strip():
        return None
    try:
        out = float(value)
    except ValueError as exc:
        raise TableError(f"{where}: {column}={value!r} is not a number") from exc
    if not math.isfinite(out):
        raise TableError(f"{where}: {column}={value!r} is not finite")
    return out


def _read_csv(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = [(i + 2, row) for i, row in enumerate(reader)]
            header = list(reader.fieldnames or [])
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise TableError(f"cannot read overlay file {path}: {exc}") from exc
    return header, rows


def _midpoint(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Point halfway along a polyline (planar in degrees; fine for a label point)."""
    if len(points) == 1:
        return points[0]
    seg = [math.dist(a, b) for a, b in itertools.pairwise(points)]
    half = sum(seg) / 2
    for (a, b), d in zip(itertools.pairwise(points), seg, strict=True):
        if half <= d and d > 0:
            t = half / d
            return (round(a[0] + t * (b[0] - a[0]), 5), round(a[1] + t * (b[1] - a[1]), 5))
        half -= d
    return points[-1]


def _waypoints(files: Iterable[tuple[Path, list[tuple[int, dict[str, str]]]]]):
    by_road: dict[str, list[tuple[int, float, float]]] = {}
    for path, rows in files:
        for line, row in rows:
            where = f"{path.name}:{line}"
            lon = _float(row.get("lon"), where=where, column="lon")
            lat = _float(row.get("lat"), where=where, column="lat")
            if lon is None or lat is None:
                raise TableError(f"{where}: a waypoint needs lon and lat")
            try:
                seq = int(row.get("seq") or "")
            except ValueError as exc:
                raise TableError(f"{where}: seq={row.get('seq')!r} is not an integer") from exc
            by_road.setdefault(row["road_id"].strip(), []).append((seq, lon, lat))
    return {road: tuple((lon, lat) for _, lon, lat in sorted(pts)) for road, pts in by_road.items()}


def _place_row(path: Path, line: int, row: dict[str, str], waypoints) -> OverlayRow:
    where = f"{path.name}:{line}"
    pid = (row.get("place_id") or "").strip()
    if not pid:
        raise TableError(f"{where}: empty place_id")
    kind = (row.get("kind") or "").strip()
    if kind not in KINDS:
        raise TableError(f"{where}: kind={kind!r} is not one of {', '.join(KINDS)}")
    lon = _float(row.get("lon"), where=where, column="lon")
    lat = _float(row.get("lat"), where=where, column="lat")
    prec = _float(row.get("precision_km"), where=where, column="precision_km")
    wps = waypoints.get(pid, ())
    if wps and (lon is None or lat is None):
        lon, lat = _midpoint(wps)
    name_ar = (row.get("name_ar") or "").strip()
    name_en = (row.get("name_en") or "").strip()
    names_ar = tuple(dict.fromkeys([n for n in (name_ar, *_split(row.get("names_ar"))) if n]))
    names_en = tuple(dict.fromkeys([n for n in (name_en, *_split(row.get("names_en"))) if n]))
    pop_text = (row.get("population") or "").strip()
    try:
        population = int(pop_text) if pop_text else 0
    except ValueError as exc:
        raise TableError(f"{where}: population={pop_text!r} is not an integer") from exc
    place = Place(
        place_id=pid,
        name_ar=name_ar,
        name_en=name_en,
        lon=lon,
        lat=lat,
        kind=kind,
        country=(row.get("country") or "").strip(),
        admin1=(row.get("admin1") or "").strip(),
        population=population,
        layer="overlay",
        source=(row.get("source") or "").strip(),
        precision_km=prec if prec is not None else 0.0,
        names_ar=names_ar,
        names_en=names_en,
        parent_id=(row.get("parent_id") or "").strip() or None,
        admin2=(row.get("admin2") or "").strip(),
        waypoints=wps,
    )
    return OverlayRow(place, _split(row.get("same_as")), path.name, line)


def load_overlay(*, directory: Path | None = None) -> list[OverlayRow]:
    """Read every overlay CSV file in ``directory`` (default :data:`OVERLAY_DIR`).

    Parameters
    ----------
    directory : pathlib.Path, optional

    Returns
    -------
    list of OverlayRow
        In file-name order, then line order.

    Raises
    ------
    TableError
        A file is unreadable, lacks a required column, or a value is malformed.
    """
    folder = directory if directory is not None else OVERLAY_DIR
    if not folder.is_dir():
        return []
    place_files = []
    waypoint_files = []
    for path in sorted(folder.glob("*.csv")):
        header, rows = _read_csv(path)
        if set(WAYPOINT_COLUMNS) <= set(header):
            waypoint_files.append((path, rows))
            continue
        missing = [c for c in PLACE_COLUMNS if c not in header]
        if missing:
            raise TableError(f"overlay file {path.name} lacks column(s) {', '.join(missing)}")
        place_files.append((path, rows))
    waypoints = _waypoints(waypoint_files)
    return [
        _place_row(path, line, row, waypoints) for path, rows in place_files for line, row in rows
    ]


def validate_overlay(rows: Sequence[OverlayRow], *, known_ids: Iterable[str] = ()) -> list[str]:
    """Check curated rows; return one message per problem (empty when all is well).

    Checks: unique ids, non-empty ``source``, positive ``precision_km``, a coordinate
    (or ``same_as`` to inherit one), coordinates of Middle-East places inside
    :data:`SANE_BBOX`, parent ids that exist (in the overlay or ``known_ids``), roads
    with at least two waypoints, and a name in some language.

    Parameters
    ----------
    rows : sequence of OverlayRow
    known_ids : iterable of str
        Ids of the other layers (parents may point there).

    Returns
    -------
    list of str
    """
    problems: list[str] = []
    ids = [r.place.place_id for r in rows]
    known = set(known_ids) | set(ids)
    seen: set[str] = set()
    for r in rows:
        p, where = r.place, f"{r.file}:{r.line} ({r.place.place_id})"
        if p.place_id in seen:
            problems.append(f"{where}: duplicate place_id")
        seen.add(p.place_id)
        if not p.source:
            problems.append(f"{where}: empty source")
        if not p.name_ar and not p.name_en:
            problems.append(f"{where}: no name")
        if p.point is None and not r.same_as:
            problems.append(f"{where}: no coordinate and no same_as to inherit one")
        if p.point is not None and not p.precision_km > 0:
            problems.append(f"{where}: precision_km must be > 0")
        if p.point is not None and p.country in {"SY", "TR", "LB", "JO", "IQ", "IL", "PS"}:
            lon, lat = p.point
            x0, y0, x1, y1 = SANE_BBOX
            if not (x0 <= lon <= x1 and y0 <= lat <= y1):
                problems.append(f"{where}: ({lon}, {lat}) outside {SANE_BBOX}")
        if p.parent_id and p.parent_id not in known:
            problems.append(f"{where}: parent_id {p.parent_id} does not exist")
        if p.kind == "road" and len(p.waypoints) < 2:
            problems.append(f"{where}: a road needs at least two waypoints")
    return problems
