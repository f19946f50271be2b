"""The gazetteer-lifetime cache of place-pair distances changes no distance."""

from gazetteer.admit import Pending
from gazetteer.anchors import Geometry
from tests.gazetteer_fixtures import (
    AIN_HOUR_ID,
    AIN_HOUR_LA,
    ALEPPO,
    ARIHA,
    IDLIB,
    JERICHO,
    LATAKIA,
    NAYRAB_HL,
    NAYRAB_ID,
    SARAQIB,
)


def _pending(key_id, cands):
    return Pending(0, 1, key_id, "", False, 0.95, "x", cands, False, None, 0)


def _km_all(geo, names):
    out = []
    for p in names:
        own = frozenset(c.place_id for c in p.cands)
        out.append(geo.km(p.cands, geo.view_for(p.key_id, own)))
    return out


def test_pair_cache_gives_the_same_floats_across_rounds_and_anchor_sets():
    names = [
        _pending(1, (ARIHA, JERICHO)),
        _pending(2, (AIN_HOUR_LA, AIN_HOUR_ID)),
        _pending(3, (NAYRAB_ID, NAYRAB_HL, SARAQIB)),
    ]
    cache: dict = {}
    for anchors in [(IDLIB,), (IDLIB, LATAKIA), (SARAQIB, ALEPPO, IDLIB), (LATAKIA,)]:
        plain = _km_all(Geometry(anchors, names), names)
        first = _km_all(Geometry(anchors, names, pair_km=cache), names)
        again = _km_all(Geometry(anchors, names, pair_km=cache), names)
        assert first == plain
        assert again == plain
    assert cache  # filled: later texts reuse the pairs
    assert all(isinstance(k, tuple) and len(k) == 2 for k in cache)
