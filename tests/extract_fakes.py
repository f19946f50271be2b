"""A small fake gazetteer with synthetic places for the extraction tests.

Ids ``t:…``, made-up coordinates and a made-up road through three towns: the tests check
extraction rules, not the place table (those use the real gazetteer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gazetteer.model import Mention, Place


def P(pid, name_ar, kind="town", country="SY", lon=36.5, lat=35.5, **kw):
    return Place(f"t:{pid}", name_ar, pid, lon, lat, kind, country, admin1="SY-XX", **kw)


# synthetic geography: three towns on a made-up east-west road, a region, two foreign cities
A = P("a", "الحاضر", lon=36.0, lat=35.0)
B = P("b", "كفرنوران", "village", lon=36.4, lat=35.02)
C = P("c", "الزربة", lon=36.8, lat=35.0)
OFF = P("off", "دير حافر", lon=36.4, lat=35.6)
REGION = P("r", "ريف حلب الجنوبي", "region", lon=36.4, lat=35.1, precision_km=30)
_WAY = ((35.9, 35.0), (36.0, 35.0), (36.4, 35.02), (36.8, 35.0), (36.9, 35.0))
ROAD = P("road", "الطريق الدولي", "road", lon=36.4, lat=35.0, waypoints=_WAY)
ANKARA = P("ankara", "أنقرة", "city", "TR", 32.85, 39.92)
BAGHDAD = P("baghdad", "بغداد", "city", "IQ", 44.4, 33.34)
IRAQ = P("iraq", "العراق", "country", "IQ", 44.4, 33.34)
NAMES = {
    "الطريق الدولي": ROAD,
    "ريف حلب الجنوبي": REGION,
    "الحاضر": A,
    "كفرنوران": B,
    "الزربة": C,
    "دير حافر": OFF,
    "أنقرة": ANKARA,
    "بغداد": BAGHDAD,
    "العراق": IRAQ,
}


@dataclass
class _Table:
    places: tuple[Place, ...]


class FakeGazetteer:
    """Tags the names in :data:`NAMES` (plus ``extra``), longest first, without overlaps."""

    def __init__(self, extra: dict[str, Place] | None = None):
        self.names = {**NAMES, **(extra or {})}
        self.table = _Table(tuple(self.names.values()))

    def tag(self, text: str) -> list[Mention]:
        names = self.names
        taken: list[tuple[int, int]] = []
        out = []
        for name in sorted(names, key=len, reverse=True):
            for m in re.finditer(re.escape(name), text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                out.append(Mention(m.start(), m.end(), name, names[name], 0.9))
        return sorted(out, key=lambda m: m.start)
