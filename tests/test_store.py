from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, Polygon

from events import store as store_mod
from events.errors import StoreError
from events.model import Event, EventPlace, event_id
from events.store import EventStore
from tests.store_fakes import BACKENDS, TEXTS, fake_extract, make_article, open_test_store

D = dt.date


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CONFLICTMAP_DB", raising=False)
    s = open_test_store(request.param, tmp_path)
    yield s
    s.close()


def ev(article_id, n, **kw):
    base = {
        "id": event_id(article_id, n, n + 5, kw.get("event_type", "incident"), "x"),
        "event_type": "incident",
        "sub_event_type": "shelling",
        "status": "reported",
        "date": D(2020, 3, 10),
        "date_precision": 1,
        "geo_precision": 1,
        "evidence": f"جملة رقم {n}",
        "article": article_id,
        "geometry": Point(36.5 + n / 100, 35.8),
    }
    base.update(kw)
    return Event(**base)


# ---------------------------------------------------------------- round trip


def test_events_round_trip_exactly(store):
    art = make_article("r1", "نص تجريبي", source="عنب بلدي", published=D(2020, 3, 1))
    events = [
        ev(
            "r1",
            0,
            event_type="patrol",
            sub_event_type="joint_patrol",
            status="planned",
            geometry=LineString([(35.95, 35.72), (36.32, 35.81), (36.609641, 35.8137412345)]),
            date_end=D(2020, 3, 20),
            places=(EventPlace("أريحا", "Ariha", "gn:170017"), EventPlace("سراقب", "", "x:1")),
            actors=("القوات الروسية", "الجيش التركي"),
            fatalities=None,
            source="عنب بلدي",
            cited=("رويترز", "الأناضول"),
            url="https://example.org/a?b=1",
            published=D(2020, 3, 1),
            evidence_start=3,
            evidence_end=40,
            extra={"note": "ملاحظة", "score": 0.25},
        ),
        ev("r1", 1, fatalities=0, actors=(), date_precision=3, geo_precision=3),
        ev("r1", 2, geometry=None, sub_event_type=None),
        ev("r1", 3, geometry=Polygon([(36, 35), (36.5, 35), (36.5, 35.5), (36, 35)])),
        ev("r1", 4, geometry=Point(36.1, 35.2, 120.5), fatalities=150),
    ]
    assert store.save_article(art, events) == "new"
    got = store.events()
    assert sorted(got, key=lambda e: e.id) == sorted(events, key=lambda e: e.id)
    for a, b in zip(store.events(article_id="r1"), events, strict=True):
        assert a == b
        assert a.extra == b.extra
        assert (a.geometry is None) == (b.geometry is None)
        if a.geometry is not None:
            assert a.geometry.equals_exact(b.geometry, 0)
            assert a.geometry.has_z == b.geometry.has_z
    assert store.articles() == [art]
    assert store.article("r1") == art
    assert store.article("nope") is None


_text = st.text(
    st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30
)  # PostgreSQL: no NUL
_coord = st.tuples(
    st.floats(-180, 180, allow_nan=False, allow_subnormal=False),
    st.floats(-90, 90, allow_nan=False, allow_subnormal=False),
)


@st.composite
def events_of(draw, article_id):
    n = draw(st.integers(0, 4))
    out = []
    for i in range(n):
        pts = draw(st.lists(_coord, min_size=1, max_size=4))
        geom = draw(st.sampled_from(["none", "point", "line"]))
        geometry = (
            None
            if geom == "none"
            else Point(pts[0])
            if geom == "point" or len(pts) < 2
            else LineString(pts)
        )
        start = draw(st.dates(D(1990, 1, 1), D(2030, 1, 1)))
        actors = draw(st.none() | st.lists(_text, max_size=3).map(tuple))
        out.append(
            Event(
                id=f"{article_id}-{i}",
                event_type=draw(st.sampled_from(["patrol", "observation_post", "incident"])),
                sub_event_type=draw(st.none() | _text),
                status=draw(st.sampled_from(["reported", "planned"])),
                date=start,
                date_end=draw(st.none() | st.just(start + dt.timedelta(days=3))),
                date_precision=draw(st.integers(1, 3)),
                geo_precision=draw(st.integers(1, 3)),
                evidence=draw(_text),
                article=article_id,
                geometry=geometry,
                places=tuple(
                    EventPlace(a, b, c)
                    for a, b, c in draw(st.lists(st.tuples(_text, _text, _text), max_size=2))
                ),
                actors=actors,
                fatalities=draw(st.none() | st.integers(0, 10**6)),
                source=draw(st.none() | _text),
                cited=tuple(draw(st.lists(_text, max_size=3, unique=True))),
                url=draw(st.none() | _text),
                published=draw(st.none() | st.dates()),
            )
        )
    return out


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_round_trip_property(store, data):
    art = make_article("p1", data.draw(_text), source=data.draw(st.none() | _text))
    events = data.draw(events_of("p1"))
    store.save_article(art, events, force=True)
    order = {e.id: i for i, e in enumerate(events)}
    assert store.events(article_id="p1") == sorted(events, key=lambda e: (e.date, order[e.id]))
    assert [e.extra for e in store.events(article_id="p1")] == [{} for _ in events]
    assert store.article("p1") == art


# ---------------------------------------------------------------- new / unchanged / replaced


def test_save_is_idempotent_and_replaces_on_edit(store):
    art = make_article("a", TEXTS["a"], published=D(2020, 3, 1))
    first = fake_extract(art)
    assert len(first) == 2
    assert store.save_article(art, first) == "new"
    assert store.save_article(art, first) == "unchanged"
    assert store.count_articles() == 1
    assert store.count_events() == 2

    edited = make_article("a", TEXTS["b"], published=D(2020, 3, 1))
    assert store.save_article(edited, fake_extract(edited)) == "replaced"
    assert store.count_articles() == 1
    assert [e.event_type for e in store.events()] == ["observation_post"]
    assert {e.id for e in store.events()}.isdisjoint({e.id for e in first})
    assert store.article("a").text == TEXTS["b"]


def test_metadata_edit_is_a_replacement_but_moving_the_file_is_not(store):
    art = make_article("a", TEXTS["a"], published=D(2020, 3, 1), path="/x/a.txt")
    store.save_article(art, fake_extract(art))
    moved = make_article("a", TEXTS["a"], published=D(2020, 3, 1), path="/y/a.txt")
    assert store.save_article(moved, fake_extract(moved)) == "unchanged"
    redated = make_article("a", TEXTS["a"], published=D(2020, 3, 2))
    assert store.save_article(redated, fake_extract(redated)) == "replaced"
    assert {e.date for e in store.events()} == {D(2020, 3, 2)}


def test_forced_save_reports_whether_events_changed(store):
    art = make_article("a", TEXTS["a"])
    events = fake_extract(art)
    store.save_article(art, events)
    assert store.save_article(art, events, force=True, extractor_version="v2") == "unchanged"
    sharper = [e.__class__(**{**_fields(e), "geo_precision": 1}) for e in events]
    assert store.save_article(art, sharper, force=True) == "replaced"
    assert {e.geo_precision for e in store.events()} == {1}


def _fields(e):
    return {f: getattr(e, f) for f in e.__dataclass_fields__}


def test_article_without_events_is_stored(store):
    art = make_article("c", TEXTS["c"])
    assert fake_extract(art) == []
    assert store.save_article(art, []) == "new"
    assert store.count_articles() == 1
    assert store.save_article(art, []) == "unchanged"


# ---------------------------------------------------------------- transactions


def test_exception_inside_transaction_leaves_no_half_article(store, monkeypatch):
    good = make_article("a", TEXTS["a"])
    store.save_article(good, fake_extract(good))
    real = store_mod._write_events

    def explode(conn, article_id, rows):
        real(conn, article_id, rows[:1])  # half the events are written ...
        raise RuntimeError("disk on fire")  # ... then the process fails

    monkeypatch.setattr(store_mod, "_write_events", explode)
    new = make_article("d", TEXTS["d"])
    with pytest.raises(RuntimeError):
        store.save_article(new, fake_extract(new))
    edited = make_article("a", TEXTS["d"])
    with pytest.raises(RuntimeError):
        store.save_article(edited, fake_extract(edited))
    monkeypatch.setattr(store_mod, "_write_events", real)

    assert store.article_ids() == ["a"]
    assert store.article("a").text == TEXTS["a"]
    assert store.events() == sorted(fake_extract(good), key=lambda e: e.date)
    assert store.save_article(new, fake_extract(new)) == "new"


def test_duplicate_event_ids_are_refused_whole(store):
    art = make_article("a", TEXTS["a"])
    events = fake_extract(art)
    with pytest.raises(StoreError, match="duplicate event id"):
        store.save_article(art, [events[0], events[0]])
    assert store.count_articles() == 0


def test_event_of_another_article_is_refused(store):
    art = make_article("a", TEXTS["a"])
    other = fake_extract(make_article("b", TEXTS["b"]))
    with pytest.raises(StoreError, match="belongs to article 'b'"):
        store.save_article(art, other)
    assert store.count_articles() == 0


def test_event_id_clash_between_articles_rolls_back(store):
    a = make_article("a", TEXTS["a"])
    store.save_article(a, [ev("a", 1, id="same")])
    b = make_article("b", TEXTS["b"])
    with pytest.raises(StoreError, match="cannot save article 'b'"):
        store.save_article(b, [ev("b", 1, id="same")])
    assert store.article_ids() == ["a"]
    assert [e.article for e in store.events()] == ["a"]


def test_foreign_keys_cascade_and_wal(tmp_path):
    store = EventStore.open(str(tmp_path / "events.sqlite"))
    art = make_article("a", TEXTS["a"])
    store.save_article(art, fake_extract(art))
    store.close()
    con = sqlite3.connect(tmp_path / "events.sqlite")
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("DELETE FROM articles")
    con.commit()
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM event_sources").fetchone()[0] == 0
    con.close()


def test_delete_article(store):
    art = make_article("a", TEXTS["a"], source="X")
    store.save_article(art, fake_extract(art))
    assert store.delete_article("a") is True
    assert store.delete_article("a") is False
    assert store.count_events() == 0
    assert store.sources() == []


# ---------------------------------------------------------------- queries


@pytest.fixture
def filled(store):
    rows = [
        ("o1", "عنب بلدي", ("رويترز",), "patrol", D(2020, 3, 15), None, (36.0, 35.8)),
        ("o2", "عنب بلدي", (), "observation_post", D(2020, 2, 1), D(2020, 2, 28), (36.7, 35.9)),
        ("o3", None, ("الأناضول",), "incident", D(2020, 4, 5), None, (38.9, 36.7)),
        ("o4", "الشرق الأوسط", (), "ceasefire", D(2020, 3, 6), None, (36.6, 35.9)),
    ]
    for aid, src, cited, etype, date, end, (lon, lat) in rows:
        art = make_article(aid, f"نص {aid}", source=src)
        store.save_article(
            art,
            [
                ev(
                    aid,
                    0,
                    event_type=etype,
                    source=src,
                    cited=cited,
                    date=date,
                    date_end=end,
                    geometry=Point(lon, lat),
                )
            ],
        )
    return store


def ids(events):
    return sorted(e.article for e in events)


def test_date_filter_overlaps_spans(filled):
    assert ids(filled.events(date_from=D(2020, 2, 20), date_to=D(2020, 3, 10))) == ["o2", "o4"]
    assert ids(filled.events(date_from=D(2020, 2, 28))) == ["o1", "o2", "o3", "o4"]
    assert ids(filled.events(date_from=D(2020, 3, 1))) == ["o1", "o3", "o4"]
    assert ids(filled.events(date_to=D(2020, 2, 1))) == ["o2"]
    assert ids(filled.events(date_to=D(2020, 1, 31))) == []
    assert [e.date for e in filled.events()] == sorted(e.date for e in filled.events())


def test_source_filter_matches_outlet_or_cited_agency(filled):
    assert ids(filled.events(sources=["عنب بلدي"])) == ["o1", "o2"]
    assert ids(filled.events(sources=["رويترز"])) == ["o1"]
    assert ids(filled.events(sources=["الأناضول"])) == ["o3"]
    assert ids(filled.events(sources=["unknown"])) == ["o3"]
    assert ids(filled.events(sources=["unknown", "الشرق الأوسط"])) == ["o3", "o4"]
    assert ids(filled.events(sources=[])) == []
    assert ids(filled.events(sources=["لا أحد"])) == []
    assert filled.sources() == ["الأناضول", "الشرق الأوسط", "رويترز", "عنب بلدي", "unknown"]


def test_layer_and_type_filters(filled):
    assert ids(filled.events(layer="patrols")) == ["o1"]
    assert ids(filled.events(layer="posts")) == ["o2"]
    assert ids(filled.events(layer="incidents")) == ["o3", "o4"]
    assert ids(filled.events(layer="all")) == ["o1", "o2", "o3", "o4"]
    assert ids(filled.events(event_types=["ceasefire", "patrol"])) == ["o1", "o4"]
    with pytest.raises(ValueError, match="unknown layer 'roads'"):
        filled.events(layer="roads")


def test_bbox_filter(filled):
    assert ids(filled.events(bbox=(35.5, 35.5, 37.0, 36.0))) == ["o1", "o2", "o4"]
    assert ids(filled.events(bbox=(38.0, 36.0, 40.0, 37.0))) == ["o3"]
    assert ids(filled.events(bbox=(0, 0, 1, 1))) == []


def test_filters_combine(filled):
    got = filled.events(
        sources=["عنب بلدي"], layer="posts", date_from=D(2020, 2, 10), bbox=(36, 35, 37, 36)
    )
    assert ids(got) == ["o2"]


# ---------------------------------------------------------------- opening


def test_default_store_is_in_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(tmp_path / "dd"))
    monkeypatch.delenv("CONFLICTMAP_DB", raising=False)
    with EventStore.open() as s:
        assert s.count_articles() == 0
    assert (tmp_path / "dd" / "events.sqlite").is_file()


def test_env_db_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(tmp_path / "dd"))
    monkeypatch.setenv("CONFLICTMAP_DB", f"sqlite:///{tmp_path / 'env.sqlite'}")
    with EventStore.open() as s:
        s.save_article(make_article("a", "x"), [])
    assert (tmp_path / "env.sqlite").is_file()
    assert not (tmp_path / "dd" / "events.sqlite").exists()


def test_reopen_keeps_data(tmp_path):
    path = str(tmp_path / "s.sqlite")
    with EventStore.open(path) as s:
        art = make_article("a", TEXTS["a"])
        s.save_article(art, fake_extract(art))
    with EventStore.open(path, create=False) as s:
        assert s.count_events() == 2


@pytest.mark.parametrize(
    ("url", "match"),
    [
        ("notadb://x", "no database driver|bad store URL"),
        ("sqlite:///{tmp}/missing/s.sqlite", "does not exist"),
        ("{tmp}/missing/s.sqlite", "does not exist"),
    ],
)
def test_bad_urls_are_store_errors(tmp_path, url, match):
    with pytest.raises(StoreError, match=match):
        EventStore.open(url.format(tmp=tmp_path))


def test_unreachable_postgres_is_a_store_error():
    try:
        import psycopg  # noqa: F401
    except ImportError:
        match = "install psycopg"
    else:
        match = "cannot open store 'postgresql://u@127.0.0.1:1/db'"
    with pytest.raises(StoreError, match=match):
        EventStore.open("postgresql://u@127.0.0.1:1/db")


def test_not_a_database(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a database"):
        EventStore.open(str(bad))


def test_missing_store_without_create(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        EventStore.open(str(tmp_path / "none.sqlite"), create=False)


def test_other_schema_version_is_refused(tmp_path):
    path = tmp_path / "s.sqlite"
    EventStore.open(str(path)).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE schema_info SET value='999' WHERE key='version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="schema version 999"):
        EventStore.open(str(path))


# ---------------------------------------------------------------- GeoJSON


def test_geojson_round_trip(filled):
    import dataclasses
    import io
    import json

    from events.errors import EventsError
    from events.geojson import dump_feature_collection, feature_collection, load_feature_collection

    events = filled.events()
    buf = io.StringIO()
    dump_feature_collection(events, buf)
    text = buf.getvalue()
    assert "عنب بلدي" in text  # not \u-escaped
    fc = json.loads(text)
    assert fc == json.loads(json.dumps(feature_collection(events)))
    assert set(fc) == {"type", "features"}  # RFC 7946: no crs
    # evidence offsets are not GeoJSON properties; everything else comes back equal
    plain = [dataclasses.replace(e, evidence_start=-1, evidence_end=-1) for e in events]
    assert load_feature_collection(text) == plain
    assert load_feature_collection(fc) == plain
    with pytest.raises(EventsError, match="not a GeoJSON FeatureCollection"):
        load_feature_collection({"type": "Feature"})
    with pytest.raises(EventsError, match="lacks property 'event_type'"):
        load_feature_collection(
            {"type": "FeatureCollection", "features": [{"properties": {"id": "x"}}]}
        )
    bad = json.loads(text)
    bad["features"][0]["properties"]["date"] = "2020-02-30"
    with pytest.raises(EventsError, match="2020-02-30"):
        load_feature_collection(bad)
