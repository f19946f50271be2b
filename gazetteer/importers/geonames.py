"""Reader of a GeoNames country dump (``SY.txt`` from ``download.geonames.org/export/dump``).

Tab-separated, 19 columns per line, no header: geonameid, name, asciiname,
alternatenames (comma-separated), latitude, longitude, feature class, feature code,
country code, cc2, admin1 code, admin2, admin3, admin4, population, elevation, dem,
timezone, modification date. Kept: populated places (class P), first/second-level
divisions, areas and regions (L), mountains and plains (T: MT, MTS, PLN, PLAT, VAL), and
military/air sites (S: AIRB, AIRF, AIRP, MILB). Data license: CC BY 4.0.
"""

from __future__ import annotations

from pathlib import Path

from gazetteer.admin import iso_from_geonames
from gazetteer.errors import ImportFormatError
from gazetteer.importers import ImportedRow, SourceRead, read_source_text
from gazetteer.model import Place
from gazetteer.rows import clean_arabic_names, clean_latin_names, pick_preferred_arabic

__all__ = ["read_geonames"]

_COLUMNS = 19
_KEEP_T = frozenset({"MT", "MTS", "PLN", "PLAT", "VAL", "HLL", "HLLS"})
_KEEP_S = frozenset({"AIRB", "AIRF", "AIRP", "MILB", "INSM"})
_KEEP_A = frozenset({"ADM1", "ADM2", "ADM3"})


def _kind(fclass: str, fcode: str, population: int) -> str | None:
    if fclass == "P":
        if fcode in {"PPLC", "PPLA"} or population >= 100_000:
            return "city"
        if fcode in {"PPLA2", "PPLA3"} or population >= 10_000:
            return "town"
        return "village"
    if fclass == "A" and fcode in _KEEP_A:
        return "region"
    if fclass == "L" and fcode in {"RGN", "AREA", "ZN", "PRK"}:
        return "area"
    if fclass == "T" and fcode in _KEEP_T:
        return "area"
    if fclass == "S" and fcode in _KEEP_S:
        return "site"
    return None


_PRECISION = {"city": 5.0, "town": 2.0, "village": 1.0, "site": 1.0, "area": 5.0, "region": 25.0}


def read_geonames(path: Path) -> SourceRead:
    """Read a GeoNames country dump into import rows.

    Parameters
    ----------
    path : pathlib.Path
        A ``XX.txt`` file (a ``.zip`` must be unpacked first).

    Returns
    -------
    SourceRead
        key ``geonames:<file name>``; rows have ``gn:<id>`` ids, so they merge with the
        built-in GeoNames places and with WOF records that carry the same GeoNames id.

    Raises
    ------
    ImportFormatError
        Not a file, binary, not UTF-8, or no line has the 19 GeoNames columns.
    """
    if not path.is_file():
        raise ImportFormatError(f"{path}: a GeoNames import needs a dump file such as SY.txt")
    text = read_source_text(path, what="a GeoNames dump (tab-separated UTF-8 text)")
    rows: list[ImportedRow] = []
    skipped: list[tuple[str, str]] = []
    good_lines = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != _COLUMNS:
            skipped.append((f"line {lineno}", f"{len(cols)} columns, expected {_COLUMNS}"))
            continue
        good_lines += 1
        try:
            place = _place(cols)
        except ValueError as exc:
            skipped.append((f"line {lineno}", f"malformed value: {exc}"))
            continue
        if place is not None:
            rows.append(ImportedRow(place))
    if good_lines == 0:
        raise ImportFormatError(
            f"{path}: no line has the {_COLUMNS} tab-separated GeoNames columns; "
            "is this a GeoNames country dump?"
        )
    return SourceRead(
        key=f"geonames:{path.name}",
        rows=tuple(rows),
        skipped=tuple(skipped),
        license="CC BY 4.0",
        credit="Place data from GeoNames (geonames.org), CC BY 4.0",
        url="https://www.geonames.org/",
    )


def _place(cols: list[str]) -> Place | None:
    gid = int(cols[0])
    lat, lon = float(cols[4]), float(cols[5])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"coordinate ({lon}, {lat}) out of range")
    population = int(cols[14] or 0)
    kind = _kind(cols[6], cols[7], population)
    if kind is None:
        return None
    country = cols[8].strip().upper()
    alts = [a for a in cols[3].split(",") if a]
    names_ar = clean_arabic_names(alts)
    return Place(
        place_id=f"gn:{gid}",
        name_ar=pick_preferred_arabic(names_ar),
        name_en=cols[1],
        lon=lon,
        lat=lat,
        kind=kind,
        country=country,
        admin1=iso_from_geonames(cols[10]) if country == "SY" else "",
        population=population,
        layer="import",
        source=f"GeoNames {gid} ({cols[6]}.{cols[7]}, dump of {cols[18]})",
        precision_km=_PRECISION[kind],
        names_ar=tuple(names_ar),
        names_en=tuple(clean_latin_names([cols[1], cols[2], *alts])),
    )
