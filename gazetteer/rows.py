"""Shared helpers of the data layer: Place <-> compact row, name filters, atomic writes.

The cached and imported tables are gzip-compressed JSON (never pickle): a header object
and one list per place with the fields of :class:`gazetteer.model.Place` in a fixed order.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from gazetteer.errors import TableError
from gazetteer.model import Place

__all__ = [
    "FIELDS",
    "clean_arabic_names",
    "clean_latin_names",
    "pick_preferred_arabic",
    "place_from_row",
    "place_to_row",
    "read_table_file",
    "write_table_file",
]

#: Order of the fields in a stored row.
FIELDS = (
    "place_id",
    "name_ar",
    "name_en",
    "lon",
    "lat",
    "kind",
    "country",
    "admin1",
    "population",
    "layer",
    "source",
    "precision_km",
    "names_ar",
    "names_en",
    "parent_id",
    "admin2",
    "waypoints",
)


def place_to_row(place: Place) -> list[Any]:
    """Return the JSON-ready list for ``place`` (field order :data:`FIELDS`)."""
    return [
        place.place_id,
        place.name_ar,
        place.name_en,
        place.lon,
        place.lat,
        place.kind,
        place.country,
        place.admin1,
        place.population,
        place.layer,
        place.source,
        place.precision_km,
        list(place.names_ar),
        list(place.names_en),
        place.parent_id,
        place.admin2,
        [list(p) for p in place.waypoints],
    ]


def _slow_place(row: Sequence[Any]) -> Place:
    wps = row[16]
    return Place(
        *row[:12],
        tuple(row[12]),
        tuple(row[13]),
        row[14],
        row[15],
        tuple((p[0], p[1]) for p in wps) if wps else (),
    )


# Loading runs this for every row (~17,000 with an import). A frozen dataclass's __init__
# sets each field through object.__setattr__; filling the slots through their descriptors
# is about twice as fast. Used only while Place is a plain slotted dataclass with exactly
# these fields and no __post_init__ (otherwise the regular constructor runs).
_SLOT_SETTERS = (
    [Place.__dict__[f].__set__ for f in FIELDS]
    if getattr(Place, "__slots__", None) == FIELDS and not hasattr(Place, "__post_init__")
    else None
)


def place_from_row(row: Sequence[Any]) -> Place:
    """Rebuild a :class:`Place` from a stored row (inverse of :func:`place_to_row`)."""
    if _SLOT_SETTERS is None:
        return _slow_place(row)
    values = list(row)
    values[12] = tuple(values[12])
    values[13] = tuple(values[13])
    wps = values[16]
    values[16] = tuple((p[0], p[1]) for p in wps) if wps else ()
    obj = object.__new__(Place)
    for setter, value in zip(_SLOT_SETTERS, values, strict=True):
        setter(obj, value)
    return obj


# --- names -------------------------------------------------------------------------------

#: Letters of the Arabic language proper (hamza .. yeh, no Persian/Urdu/Kurdish letters),
#: harakat, superscript alef, space, hyphen and the apostrophe-like marks used in names.
_ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670 \-]+$")
_ARABIC_LETTER = re.compile(r"[\u0621-\u063a\u0641-\u064a]")
#: Letters that only Persian, Urdu, Kurdish, Uyghur ... use: a name containing one is not Arabic.
#: (Checked by _ARABIC_NAME already; kept explicit for the docs and tests.)
NON_ARABIC_LETTERS = frozenset("پچژگکیہۃےڈٹڑںەۆێۇۋېڤڵڕ")
#: Direction and zero-width marks that GeoNames leaves in some names.
_INVISIBLE = re.compile("[\u200b-\u200f\u061c\u2066-\u2069\ufeff\u00ad]")
_INNER_MAKSURA = re.compile("\u0649(?=[\u0621-\u064a])")
_LATIN_NAME = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff'’‘ʻʼʿ`\-\. ()]+$")


def _arabic_letter_count(name: str) -> int:
    return len(_ARABIC_LETTER.findall(name))


def clean_arabic_names(names: Iterable[str]) -> list[str]:
    """Keep the names that look like Arabic (not Persian/Urdu/Kurdish) and are not tiny.

    GeoNames alternate names mix Arabic with Persian, Urdu, Kurdish and Uyghur spellings
    in the same script; a name is kept when every character is an Arabic letter, haraka,
    space or hyphen (so ی ک ہ ە ... reject it), ى appears only at the end of a word
    (Uyghur writes it inside words: رىياد), and it has at least three letters.

    Parameters
    ----------
    names : iterable of str

    Returns
    -------
    list of str
        Stripped, de-duplicated, in input order.
    """
    out: list[str] = []
    seen: set[str] = set()
    for raw in names:
        name = " ".join(_INVISIBLE.sub("", str(raw)).split())
        if not name or name in seen:
            continue
        if not _ARABIC_NAME.match(name) or _arabic_letter_count(name) < 3:
            continue
        if _INNER_MAKSURA.search(name):  # ى inside a word: Uyghur/Kazakh, not Arabic
            continue
        seen.add(name)
        out.append(name)
    return out


def clean_latin_names(names: Iterable[str]) -> list[str]:
    """Keep Latin-script names of at least three characters, de-duplicated, in order."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in names:
        name = " ".join(str(raw).split())
        if len(name) < 3 or name in seen or not _LATIN_NAME.match(name):
            continue
        if not any(c.isalpha() for c in name):
            continue
        seen.add(name)
        out.append(name)
    return out


_MARKED = frozenset("أإآة")


def pick_preferred_arabic(names: Sequence[str]) -> str:
    """Choose the display name among Arabic spellings.

    Fewer words first (أبوظبي over a descriptive "جزيرة أبوظبي ..."), then the spelling
    with the most hamza-seated alefs and teh marbuta, the careful one (أنقرة over انقره),
    then the longer (اللاذقية over لاذقية), then the earlier name.

    Parameters
    ----------
    names : sequence of str

    Returns
    -------
    str
        ``""`` for no names.
    """
    best = ""
    best_key: tuple[int, int, int] | None = None
    for name in names:
        key = (-len(name.split()), sum(c in _MARKED for c in name), _arabic_letter_count(name))
        if best_key is None or key > best_key:
            best, best_key = name, key
    return best


# --- files -------------------------------------------------------------------------------


def write_table_file(path: Path, header: dict[str, Any], places: Iterable[Place]) -> None:
    """Write ``header`` and ``places`` to ``path`` atomically and deterministically.

    The bytes go to a temporary file in the same directory, are flushed and fsynced, and
    the file is renamed over ``path``; a crash or an exception leaves the old file intact.
    gzip's timestamp is fixed so the same input always gives the same bytes.

    Parameters
    ----------
    path : pathlib.Path
    header : dict
        JSON-serializable metadata (version keys, sources, credits).
    places : iterable of Place
    """
    payload = {"header": header, "rows": [place_to_row(p) for p in places]}
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    blob = gzip.compress(data.encode("utf-8"), compresslevel=6, mtime=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable where the platform allows it
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def read_table_file(path: Path) -> tuple[dict[str, Any], list[Place]]:
    """Read a file written by :func:`write_table_file`.

    Raises
    ------
    TableError
        When the file is not gzip JSON of the expected shape.
    """
    try:
        payload = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
        header = payload["header"]
        places = [place_from_row(r) for r in payload["rows"]]
    except (OSError, EOFError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise TableError(f"cannot read place table {path}: {exc}; delete it to rebuild") from exc
    return header, places
