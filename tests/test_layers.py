"""geo.layers: events → frame, vectorised filters, layer split, store query."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.layers import (
    LAYERS,
    UNKNOWN_SOURCE,
    EventFilter,
    events_frame,
    filter_frame,
    layer_of,
    query_frame,
    split_layers,
)


@pytest.fixture(scope="module")
def frame(sample_events):
    return events_frame(sample_events)


def test_frame_is_epsg4326_one_row_per_event(frame, sample_events):
    assert len(frame) == len(sample_events)
    assert frame.crs.to_epsg() == 4326
    assert frame["props"].iloc[0] == sample_events[0].properties()


@pytest.mark.parametrize(
    ("event_type", "layer"),
    [
        ("patrol", "patrols"),
        ("observation_post", "posts"),
        ("incident", "incidents"),
        ("ceasefire", "incidents"),
    ],
)
def test_layer_of(event_type, layer):
    assert layer_of(event_type) == layer


def test_split_has_every_layer(frame):
    parts = split_layers(frame)
    assert tuple(parts) == LAYERS
    assert sum(len(p) for p in parts.values()) == len(frame)
    assert len(split_layers(frame.iloc[:0])["posts"]) == 0


def test_source_filter_matches_outlet_cited_and_unknown(frame):
    sham = filter_frame(frame, EventFilter(sources=("شبكة شام",)))
    assert set(sham["layer"]) == {"patrols", "posts"}
    reuters = filter_frame(frame, EventFilter(sources=("رويترز",)))
    assert list(reuters["source"]) == ["الشرق الأوسط"]
    unknown = filter_frame(frame, EventFilter(sources=(UNKNOWN_SOURCE,)))
    assert unknown["source"].isna().all()
    assert len(unknown) == 1


def test_date_filter_uses_spans(frame):
    # the shelling runs 2019-12-15 .. 2020-01-09: it overlaps a January window
    jan = filter_frame(
        frame, EventFilter(date_from=dt.date(2020, 1, 5), date_to=dt.date(2020, 1, 31))
    )
    assert set(jan["sub_event_type"]) == {"shelling", "car_bomb"}
    assert len(filter_frame(frame, EventFilter(date_to=dt.date(2000, 1, 1)))) == 0


def test_type_subtype_actor_and_text_filters(frame):
    assert len(filter_frame(frame, EventFilter(event_types=("incident",)))) == 3
    assert list(filter_frame(frame, EventFilter(sub_event_types=("car_bomb",)))["fatalities"]) == [
        4
    ]
    syr = filter_frame(frame, EventFilter(actors=("Syrian government",)))
    assert set(syr["event_type"]) == {"incident"}
    assert len(filter_frame(frame, EventFilter(text="ARIHA"))) == 1  # English, any case
    assert len(filter_frame(frame, EventFilter(text="سيارة مفخخة"))) == 1
    assert len(filter_frame(frame, EventFilter(text="   "))) == len(frame)


def test_filters_combine(frame):
    flt = EventFilter(
        sources=("شبكة شام",), event_types=("patrol",), date_from=dt.date(2020, 8, 15)
    )
    assert list(filter_frame(frame, flt)["date"].dt.date) == [dt.date(2020, 8, 17)]


def test_query_frame_reads_the_store(filled_store):
    got = query_frame(filled_store, EventFilter(sources=("شبكة شام",), text="عين الحور"))
    assert len(got) == 2
    assert set(got["event_type"]) == {"patrol"}


def _ev(i: int, *, actors=None, source=None, cited=()):
    from shapely.geometry import Point

    from events.model import Event

    return Event(
        id=f"t{i}",
        event_type="incident",
        sub_event_type="shelling",
        status="reported",
        date=dt.date(2020, 1, 1 + i),
        date_precision=1,
        geo_precision=1,
        evidence="قصف",
        article=f"a{i}",
        geometry=Point(36.6, 35.9),
        actors=actors,
        source=source,
        cited=tuple(cited),
    )


def test_actor_and_source_filters_match_whole_names_only():
    frame = events_frame(
        [
            _ev(0, actors=("Turkey",), source="عنب بلدي"),
            _ev(1, actors=("Turkey-backed factions",), source="عنب بلدي الإنكليزية"),
            _ev(2, actors=None, source=None, cited=("رويترز",)),
        ]
    )
    assert list(filter_frame(frame, EventFilter(actors=("Turkey",)))["id"]) == ["t0"]
    assert list(filter_frame(frame, EventFilter(sources=("عنب بلدي",)))["id"]) == ["t0"]
    both = EventFilter(sources=("عنب بلدي الإنكليزية", UNKNOWN_SOURCE))
    assert list(filter_frame(frame, both)["id"]) == ["t1", "t2"]
    assert list(filter_frame(frame, EventFilter(sources=("رويترز",)))["id"]) == ["t2"]


def test_nothing_filtered_returns_the_frame_itself(frame):
    assert filter_frame(frame, EventFilter()) is frame


def test_filter_options(frame):
    from geo.layers import filter_options

    opts = filter_options(frame)
    assert "شبكة شام" in opts.sources
    assert "رويترز" in opts.sources
    assert opts.sources[-1] == UNKNOWN_SOURCE
    assert opts.event_types == tuple(sorted(set(frame["event_type"])))
    assert "" not in opts.sub_event_types
    assert "Syrian government" in opts.actors
    assert opts.date_min == frame["date"].min().date()
    empty = filter_options(frame.iloc[:0])
    assert empty.sources == ()
    assert empty.date_min is None
