"""Reader of OCHA COD-AB populated places for Syria (a CSV export, e.g. from HDX).

Column names vary between releases, so each field is found among known spellings
(compared lower-case, without spaces, dashes or underscores): the community P-code
(``admin4Pcode``, ``PCODE`` …), English and Arabic names (``admin4Name_en``,
``NAME_AR`` …), ``latitude``/``longitude`` (or ``LAT``/``LON``, ``Y``/``X``), and
admin1/admin2 P-codes (``SY07`` → ISO ``SY-ID``). Encoding: UTF-8 (with or without BOM),
else windows-1256. Data license: CC BY 3.0 IGO (OCHA/HDX).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from gazetteer.admin import iso_from_ocha
from gazetteer.errors import ImportFormatError
from gazetteer.importers import ImportedRow, SourceRead, read_source_text
from gazetteer.model import Place
from gazetteer.rows import clean_arabic_names, clean_latin_names, pick_preferred_arabic

__all__ = ["read_ocha"]

_ALIASES = {
    "pcode": ("admin4pcode", "adm4pcode", "pcode", "pplpcode", "communitypcode", "locpcode"),
    "name_en": ("admin4nameen", "adm4en", "nameen", "featurenameen", "name", "communityen"),
    "name_ar": ("admin4namear", "adm4ar", "namear", "featurenamear", "communityar"),
    "alt_ar": ("altnamear", "alternatenamear", "namearalt", "admin4altnamear"),
    "alt_en": ("altnameen", "alternatenameen", "nameenalt", "admin4altnameen"),
    "lat": ("latitude", "lat", "y", "latitudey"),
    "lon": ("longitude", "lon", "long", "lng", "x", "longitudex"),
    "admin1": ("admin1pcode", "adm1pcode", "admin1code"),
    "admin2": ("admin2pcode", "adm2pcode", "admin2code"),
    "admin2_en": ("admin2nameen", "adm2en"),
    "population": ("population", "pop", "totalpopulation"),
}
_REQUIRED = ("pcode", "lat", "lon")
_KEY = re.compile(r"[\s_\-]")


def _columns(header: list[str]) -> dict[str, str]:
    norm = {_KEY.sub("", h.lower()): h for h in header}
    found: dict[str, str] = {}
    for field, spellings in _ALIASES.items():
        for s in spellings:
            if s in norm:
                found[field] = norm[s]
                break
    return found


def read_ocha(path: Path) -> SourceRead:
    """Read an OCHA COD-AB populated-places CSV into import rows.

    Parameters
    ----------
    path : pathlib.Path

    Returns
    -------
    SourceRead
        key ``ocha:<file name>``; ids ``ocha:<P-code>``.

    Raises
    ------
    ImportFormatError
        Not a readable CSV, or no P-code / latitude / longitude / name column.
    """
    if not path.is_file():
        raise ImportFormatError(f"{path}: an OCHA import needs a CSV file")
    text = read_source_text(
        path, what="an OCHA populated-places CSV", encodings=("utf-8-sig", "cp1256")
    )
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = list(reader.fieldnames or [])
        records = list(reader)
    except csv.Error as exc:
        raise ImportFormatError(f"{path}: not a CSV file: {exc}") from exc
    cols = _columns(header)
    missing = [f for f in _REQUIRED if f not in cols]
    if "name_en" not in cols and "name_ar" not in cols:
        missing.append("name_en or name_ar")
    if missing:
        raise ImportFormatError(
            f"{path}: not an OCHA populated-places CSV: no column for {', '.join(missing)} "
            f"(header: {', '.join(header[:12]) or 'empty'})"
        )
    rows: list[ImportedRow] = []
    skipped: list[tuple[str, str]] = []
    for lineno, rec in enumerate(records, start=2):
        try:
            rows.append(ImportedRow(_place(rec, cols)))
        except (ValueError, KeyError) as exc:
            skipped.append((f"line {lineno}", str(exc)))
    return SourceRead(
        key=f"ocha:{path.name}",
        rows=tuple(rows),
        skipped=tuple(skipped),
        license="CC BY 3.0 IGO",
        credit="Populated places: OCHA / HDX Common Operational Datasets (CC BY 3.0 IGO)",
        url="https://data.humdata.org/",
    )


def _get(rec: dict[str, str], cols: dict[str, str], field: str) -> str:
    col = cols.get(field)
    return (rec.get(col) or "").strip() if col else ""


def _place(rec: dict[str, str], cols: dict[str, str]) -> Place:
    pcode = _get(rec, cols, "pcode")
    if not pcode:
        raise ValueError("empty P-code")
    try:
        lat = float(_get(rec, cols, "lat"))
        lon = float(_get(rec, cols, "lon"))
    except ValueError as exc:
        raise ValueError(f"{pcode}: bad coordinate ({exc})") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        raise ValueError(f"{pcode}: coordinate ({lon}, {lat}) out of range")
    name_en = _get(rec, cols, "name_en")
    names_ar = clean_arabic_names(
        [_get(rec, cols, "name_ar"), *_get(rec, cols, "alt_ar").replace(";", ",").split(",")]
    )
    if not names_ar and not name_en:
        raise ValueError(f"{pcode}: no name")
    alt_en = _get(rec, cols, "alt_en").replace(";", ",").split(",")
    pop_text = _get(rec, cols, "population")
    population = int(float(pop_text)) if pop_text else 0
    admin1 = iso_from_ocha(_get(rec, cols, "admin1")) or iso_from_ocha(_get(rec, cols, "admin2"))
    return Place(
        place_id=f"ocha:{pcode}",
        name_ar=pick_preferred_arabic(names_ar[:1]) if names_ar else "",
        name_en=name_en,
        lon=lon,
        lat=lat,
        kind="town" if population >= 10_000 else "village",
        country="SY",  # the OCHA COD-AB read here is Syria's
        admin1=admin1,
        population=population,
        layer="import",
        source=f"OCHA COD-AB {pcode}",
        precision_km=1.0,
        names_ar=tuple(names_ar),
        names_en=tuple(clean_latin_names([name_en, *alt_en])),
        admin2=_get(rec, cols, "admin2_en") or _get(rec, cols, "admin2"),
    )
