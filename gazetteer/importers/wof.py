"""Reader of a Who's On First repository (e.g. ``whosonfirst-data-admin-sy``).

The tree holds one GeoJSON Feature per file under ``data/``. Kept: localities,
neighbourhoods, campuses (airports), counties and regions that are not deprecated or
superseded; the country record is skipped (the built-in layer has countries). Regions
become governorates (admin1 from their ISO code), counties districts (admin2).
A file that cannot be parsed or lacks an id or a point is reported and skipped.

Data license: Who's On First's own work is CC0; properties from other sources keep
theirs (GeoNames ``gn:*`` fields: CC BY 4.0).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gazetteer.admin import iso_from_geonames
from gazetteer.errors import ImportFormatError
from gazetteer.importers import ImportedRow, SourceRead
from gazetteer.model import Place
from gazetteer.rows import clean_arabic_names, clean_latin_names, pick_preferred_arabic

__all__ = ["WOF_CREDIT", "WOF_LICENSE", "WOF_URL", "read_wof"]

WOF_CREDIT = "Data from Who's On First (https://whosonfirst.org/docs/licenses/); GeoNames CC BY 4.0"
WOF_LICENSE = "CC0 (Who's On First); CC BY 4.0 (GeoNames properties)"
WOF_URL = "https://whosonfirst.org/docs/licenses/"

_KIND = {
    "locality": None,  # by population / feature code
    "localadmin": "town",
    "borough": "area",
    "macrohood": "area",
    "neighbourhood": "area",
    "microhood": "area",
    "campus": "site",
    "county": "region",
    "region": "region",
}


def _iter_files(root: Path) -> Iterator[Path]:
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith("."):
                    stack.append(Path(entry.path))
            elif entry.name.endswith(".geojson") and "-alt" not in entry.name:
                yield Path(entry.path)


def _data_root(path: Path) -> Path:
    if not path.is_dir():
        raise ImportFormatError(
            f"{path}: a Who's On First import needs the repository folder (with data/), "
            "not a file; clone whosonfirst-data-admin-sy and pass its folder"
        )
    return path / "data" if (path / "data").is_dir() else path


def _point(props: dict[str, Any], geom: Any) -> tuple[float, float] | None:
    for lon_key, lat_key in (
        ("geom:longitude", "geom:latitude"),
        ("lbl:longitude", "lbl:latitude"),
    ):
        lon, lat = props.get(lon_key), props.get(lat_key)
        if isinstance(lon, int | float) and isinstance(lat, int | float):
            return float(lon), float(lat)
    if isinstance(geom, dict) and geom.get("type") == "Point":
        coords = geom.get("coordinates")
        if isinstance(coords, list) and len(coords) >= 2:
            return float(coords[0]), float(coords[1])
    return None


def _names(props: dict[str, Any], prefix: str) -> list[str]:
    preferred = props.get(f"{prefix}_x_preferred") or []
    others: list[str] = []
    for key in sorted(props):
        if key.startswith(prefix) and key != f"{prefix}_x_preferred":
            value = props[key]
            others.extend(value if isinstance(value, list) else [value])
    return [str(n) for n in (*preferred, *others) if isinstance(n, str | int)]


def _population(props: dict[str, Any]) -> int:
    for key in ("wof:population", "gn:population", "statoids:population"):
        try:
            value = int(float(props.get(key) or 0))
        except (TypeError, ValueError):
            continue
        if value > 0:
            return value
    return 0


def _locality_kind(props: dict[str, Any], population: int) -> str:
    code = str(props.get("gn:feature_code") or "")
    if code in {"PPLC", "PPLA"} or population >= 100_000:
        return "city"
    if code in {"PPLA2", "PPLA3"} or population >= 10_000:
        return "town"
    return "village"


def _precision(kind: str, props: dict[str, Any], population: int) -> float:
    if kind == "region":
        bbox = str(props.get("geom:bbox") or "")
        try:
            x0, y0, x1, y1 = (float(v) for v in bbox.split(","))
        except ValueError:
            return 30.0
        # half the diagonal of the bounding box, ~111 km per degree at these latitudes
        half = 0.5 * math.hypot((x1 - x0) * 90.0, (y1 - y0) * 111.0)
        return round(max(half, 5.0), 1)
    if kind == "city":
        return 5.0
    if kind == "town":
        return 2.0
    return 1.0


def _is_retired(props: dict[str, Any]) -> bool:
    deprecated = str(props.get("edtf:deprecated") or "")
    if deprecated and deprecated not in {"uuuu", ""}:
        return True
    if props.get("wof:superseded_by"):
        return True
    return props.get("mz:is_current") == 0


def _region_iso(props: dict[str, Any]) -> str:
    conc = props.get("wof:concordances") or {}
    for value in (conc.get("iso:code"), conc.get("iso:id"), props.get("ne:iso_3166_2")):
        if isinstance(value, str) and value.upper().startswith("SY-"):
            return value.upper()
    return ""


def _parse(path: Path) -> dict[str, Any]:
    try:
        feature = json.loads(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise ValueError(f"not valid JSON: {exc}") from exc
    if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
        raise ValueError("not a GeoJSON Feature with properties")
    if not isinstance(feature["properties"].get("wof:id"), int):
        raise ValueError("no integer wof:id")
    return feature


def read_wof(path: Path) -> SourceRead:
    """Read a Who's On First repository into import rows.

    Parameters
    ----------
    path : pathlib.Path
        The repository folder (or its ``data/`` folder).

    Returns
    -------
    SourceRead
        key ``wof:<repo name>``.

    Raises
    ------
    ImportFormatError
        ``path`` is not a folder or holds no GeoJSON file.
    """
    root = _data_root(path)
    features: list[dict[str, Any]] = []
    skipped: list[tuple[str, str]] = []
    files = 0
    for file in _iter_files(root):
        files += 1
        try:
            features.append(_parse(file))
        except ValueError as exc:
            skipped.append((str(file), str(exc)))
    if files == 0:
        raise ImportFormatError(f"{path}: no .geojson files: not a Who's On First repository")

    repo = ""
    regions: dict[int, str] = {}
    counties: dict[int, str] = {}
    for f in features:
        props = f["properties"]
        repo = repo or str(props.get("wof:repo") or "")
        if props.get("wof:placetype") == "region":
            regions[props["wof:id"]] = _region_iso(props)
        elif props.get("wof:placetype") == "county":
            counties[props["wof:id"]] = str(props.get("wof:name") or "")

    rows: list[ImportedRow] = []
    for f in features:
        props = f["properties"]
        placetype = props.get("wof:placetype")
        if placetype not in _KIND or _is_retired(props):
            continue
        wid = props["wof:id"]
        point = _point(props, f.get("geometry"))
        if point is None:
            skipped.append((f"wof:{wid}", "no coordinate"))
            continue
        try:
            rows.append(_row(props, point, regions, counties))
        except (TypeError, ValueError) as exc:
            skipped.append((f"wof:{wid}", f"malformed record: {exc}"))
    key = f"wof:{repo or path.resolve().name}"
    return SourceRead(
        key=key,
        rows=tuple(rows),
        skipped=tuple(skipped),
        license=WOF_LICENSE,
        credit=WOF_CREDIT,
        url=WOF_URL,
    )


def _row(
    props: dict[str, Any],
    point: tuple[float, float],
    regions: dict[int, str],
    counties: dict[int, str],
) -> ImportedRow:
    wid = int(props["wof:id"])
    placetype = props["wof:placetype"]
    population = _population(props)
    kind = _KIND[placetype] or _locality_kind(props, population)
    hierarchy = (props.get("wof:hierarchy") or [{}])[0] or {}
    region_id = hierarchy.get("region_id")
    county_id = hierarchy.get("county_id")
    country = str(props.get("wof:country") or props.get("iso:country") or "").upper()[:2]
    admin1 = _region_iso(props) if placetype == "region" else regions.get(region_id, "")
    if not admin1 and country == "SY":
        admin1 = iso_from_geonames(props.get("gn:admin1_code"))
    names_ar = clean_arabic_names(_names(props, "name:ara"))
    if placetype == "county":
        # A district bears its seat's name; only "منطقة X" (the district) names the county,
        # so a bare "أريحا" stays the town.
        names_ar = [n if n.startswith("منطقة ") else f"منطقة {n}" for n in names_ar]
        names_ar = list(dict.fromkeys(names_ar))
    latin = [*_names(props, "name:eng"), props.get("wof:name") or "", props.get("gn:name") or ""]
    names_en = clean_latin_names([*latin, props.get("gn:asciiname") or ""])
    parent = None
    if placetype not in {"region", "county"}:
        parent = county_id if county_id in counties else region_id
    elif placetype == "county":
        parent = region_id
    same_as: list[str] = []
    gn = props.get("gn:geonameid") or (props.get("wof:concordances") or {}).get("gn:id")
    if isinstance(gn, int | str) and str(gn).isdigit() and int(gn) > 0 and placetype != "region":
        same_as.append(f"gn:{int(gn)}")
    if placetype == "region" and admin1:
        same_as.append(f"iso:{admin1}")
    place = Place(
        place_id=f"wof:{wid}",
        name_ar=pick_preferred_arabic(names_ar[:1]) if names_ar else "",
        name_en=str(props.get("wof:name") or (names_en[0] if names_en else "")),
        lon=round(point[0], 6),
        lat=round(point[1], 6),
        kind=kind,
        country=country,
        admin1=admin1,
        population=population,
        layer="import",
        source=f"wof:{wid} (Who's On First)",
        precision_km=_precision(kind, props, population),
        names_ar=tuple(names_ar),
        names_en=tuple(names_en),
        parent_id=f"wof:{parent}" if isinstance(parent, int) and parent > 0 else None,
        admin2=counties.get(county_id, "") if placetype != "county" else "",
    )
    return ImportedRow(place, tuple(same_as))
