"""Records that cross the gazetteer's boundary: :class:`Place` and :class:`Mention`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["KINDS", "LAYERS", "Mention", "Place"]

#: Kinds of place, coarse to fine where it matters for ranking.
KINDS = ("country", "region", "area", "city", "town", "village", "site", "road")
#: Where a row came from; the overlay wins over imports, imports over the built-in layer.
LAYERS = ("builtin", "import", "overlay")


@dataclass(frozen=True, slots=True)
class Place:
    """One row of the place table.

    Parameters
    ----------
    place_id : str
        Stable id with a namespace: ``gn:164816`` (GeoNames), ``wof:421193473``,
        ``ocha:C1234``, ``cur:m4`` (curated overlay).
    name_ar, name_en : str
        Preferred Arabic and English names (either may be empty).
    lon, lat : float or None
        The point used for the place, EPSG:4326. For a road: its midpoint.
    kind : str
        One of :data:`KINDS`.
    country : str
        ISO 3166-1 alpha-2 code (``SY``), empty when unknown.
    admin1 : str
        ISO 3166-2 code of the first-level division (``SY-ID`` Idlib, ``SY-LA`` Latakia),
        empty when unknown.
    population : int
        As given by the source, 0 when unknown.
    layer : str
        One of :data:`LAYERS`.
    source : str
        Where the row's facts come from (dataset and record, or the page a fact was read on).
    precision_km : float
        Honest uncertainty of the point, in kilometres.
    names_ar : tuple of str
        Every Arabic spelling the source gives (the preferred one included).
    names_en : tuple of str
        English/Latin spellings.
    parent_id : str or None
        The enclosing place (a neighbourhood's city, a village's district) when known.
    admin2 : str
        Second-level division (district) id or name when known.
    waypoints : tuple of (float, float)
        For roads and areas drawn as lines: ordered (lon, lat) points; empty otherwise.
    """

    place_id: str
    name_ar: str
    name_en: str
    lon: float | None
    lat: float | None
    kind: str
    country: str
    admin1: str = ""
    population: int = 0
    layer: str = "builtin"
    source: str = ""
    precision_km: float = 1.0
    names_ar: tuple[str, ...] = ()
    names_en: tuple[str, ...] = ()
    parent_id: str | None = None
    admin2: str = ""
    waypoints: tuple[tuple[float, float], ...] = field(default=())

    @property
    def point(self) -> tuple[float, float] | None:
        """(lon, lat) or None when the place has no coordinate."""
        if self.lon is None or self.lat is None:
            return None
        return (self.lon, self.lat)


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in a text and the place it was resolved to.

    Parameters
    ----------
    start, end : int
        Offsets into the original text of the name without attached prefixes
        (``surface == text[start:end]``).
    surface : str
        The name as printed.
    place : Place
        The best candidate.
    score : float
        Confidence of the choice in [0, 1].
    runner_up : Place or None
        The second-best candidate, when there was one.
    runner_up_score : float or None
        Its score.
    """

    start: int
    end: int
    surface: str
    place: Place
    score: float
    runner_up: Place | None = None
    runner_up_score: float | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the command-line contract's JSON object for this mention.

        Returns
        -------
        dict
            ``start, end, surface, place_id, name_ar, name_en, lon, lat, kind, country,
            score`` plus ``layer``, ``source``, ``precision_km`` and ``runner_up``.
        """
        p = self.place
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "surface": self.surface,
            "place_id": p.place_id,
            "name_ar": p.name_ar,
            "name_en": p.name_en,
            "lon": p.lon,
            "lat": p.lat,
            "kind": p.kind,
            "country": p.country,
            "admin1": p.admin1,
            "score": round(self.score, 4),
            "layer": p.layer,
            "source": p.source,
            "precision_km": p.precision_km,
            "runner_up": None,
        }
        if self.runner_up is not None:
            r = self.runner_up
            out["runner_up"] = {
                "place_id": r.place_id,
                "name_en": r.name_en,
                "lon": r.lon,
                "lat": r.lat,
                "country": r.country,
                "score": None if self.runner_up_score is None else round(self.runner_up_score, 4),
            }
        return out
