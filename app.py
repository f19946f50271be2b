"""conflictmap dashboard: ``streamlit run app.py``.

UI only: widgets, caching, and calls into ``gazetteer``, ``events`` and ``geo``. The map's
base (outlines, towns, roads) stays fixed; the event layers are swapped in through
``st_folium(feature_group_to_add=...)`` and only clicks on objects rerun the app.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable

import folium
import streamlit as st
from streamlit_folium import st_folium

import app_support as sup
from app_replay import replay
from events.errors import EventsError
from gazetteer.errors import GazetteerError
from gazetteer.paths import data_dir
from geo.basemap import load_basemap
from geo.export import to_csv, to_geojson_bytes
from geo.layers import (
    LAYERS,
    EventFilter,
    FilterOptions,
    events_frame,
    filter_frame,
    filter_options,
    split_layers,
)
from geo.mapview import (
    LAYER_COLUMNS,
    LAYER_TITLES,
    MapOptions,
    base_map,
    event_groups,
    lonlat_from_leaflet,
    to_latlon,
)
from geo.popup import popup_html

st.set_page_config(page_title="conflictmap", page_icon="🗺️", layout="wide")
USER_ERRORS = (EventsError, GazetteerError, ValueError, OSError)


# ------------------------------------------------------------------ cached resources
@st.cache_resource(show_spinner="Opening the event store…")
def get_store(_key: str):
    """Open the event store once per data location."""
    from events.store import EventStore

    return EventStore.open()


@st.cache_resource(show_spinner="Loading the gazetteer (first run builds its cache)…")
def get_gazetteer(_key: str):
    """Load the gazetteer (matcher) once per data location."""
    from gazetteer.core import Gazetteer

    return Gazetteer.load()


@st.cache_resource(show_spinner="Preparing the basemap…")
def get_basemap_and_layers(_key: str):
    """Return the basemap and the gazetteer's loaded layers (for the credits)."""
    from gazetteer.table import load_table

    table = load_table()
    return load_basemap(table.places), table.layers


@st.cache_resource(show_spinner="Loading events…", max_entries=4)
def get_frame(_key: str, version: tuple[int, int, int]):
    """Return all stored events as one GeoDataFrame and the sidebar's choices.

    Re-read when the store changes (``version``).
    """
    frame = events_frame(get_store(_key).events())
    return frame, filter_options(frame)


def location_key() -> str:
    """Cache key: where the data lives (tests switch the data dir between runs)."""
    return f"{data_dir()}|{os.environ.get('CONFLICTMAP_DB', '')}"


def ensure_samples(key: str) -> None:
    """Ingest the bundled sample articles once, when the store is empty."""
    store = get_store(key)
    if store.count_articles() or st.session_state.get("samples_tried"):
        return
    st.session_state["samples_tried"] = True
    from events.pipeline import ingest_paths

    with st.spinner("First run: extracting events from the bundled sample articles…"):
        try:
            summary = ingest_paths([sup.SAMPLE_ARTICLES], store=store, gazetteer=get_gazetteer(key))
        except USER_ERRORS as exc:
            st.warning(f"Could not ingest the sample articles: {exc}")
            return
        except ImportError as exc:
            st.warning(f"Extraction is not available in this install: {exc}")
            return
    for label, reason in summary.failed:
        st.warning(f"Sample article not ingested: {label}: {reason}")


# ------------------------------------------------------------------ sidebar
def sidebar(opts: FilterOptions) -> tuple[EventFilter, str]:
    """Draw the filters; return the filter (over the whole date range) and the tile mode."""
    sb = st.sidebar
    sb.header("Filters")
    lo = opts.date_min or dt.date.today()
    hi = opts.date_max or lo
    picked = sb.date_input("Date range", value=(lo, hi), key="dates")
    start, end = (picked[0], picked[-1]) if isinstance(picked, tuple) and picked else (lo, hi)
    if start > end:
        start, end = end, start
    sources = sb.multiselect("Source (outlet or cited agency)", opts.sources, key="sources")
    types = sb.multiselect("Event type", opts.event_types, key="types")
    subs = sb.multiselect("Sub-type", opts.sub_event_types, key="subs")
    actors = sb.multiselect("Actor", opts.actors, key="actors")
    text = sb.text_input("Search the evidence (Arabic or English)", key="search")
    online = sb.checkbox("Online map tiles (OpenStreetMap; needs internet)", key="online")
    flt = EventFilter(
        date_from=start,
        date_to=end,
        sources=tuple(sources) or None,
        event_types=tuple(types) or None,
        sub_event_types=tuple(subs) or None,
        actors=tuple(actors) or None,
        text=text,
    )
    return flt, "online" if online else "offline"


#: Rows sent to the event table (the latest ones past this).
TABLE_ROWS = 2000


# ------------------------------------------------------------------ map tab
def map_section(pre, start: dt.date, end: dt.date, key: str, mode: str, timer) -> None:
    """Replay controls, counts, map, table and downloads (an ``st.fragment``)."""
    date_from, date_to = replay(start, end, timer)
    shown = filter_frame(pre, EventFilter(date_from=date_from, date_to=date_to))
    map_tab(shown, key, mode)


def map_tab(shown, key: str, mode: str) -> None:
    """Draw the counts, the map, the event table and the downloads."""
    layers = split_layers(shown, columns=LAYER_COLUMNS)
    cols = st.columns(len(LAYERS) + 1)
    cols[0].metric("All events", len(shown))
    for col, name in zip(cols[1:], LAYERS, strict=True):
        col.metric(LAYER_TITLES[name], len(layers[name]))
    if not len(shown):
        st.info("No events match these filters. Widen the date range or clear a filter.")
    ids = shown["id"]
    selected = st.session_state.get("selected_id")
    if selected is not None and not (ids == selected).any():
        selected = None
    options = MapOptions(online_tiles=mode == "online")
    left, right = st.columns([3, 2])
    with left:
        center = zoom = None
        if selected is not None:
            geom = shown.loc[shown["id"] == selected].geometry.iloc[0]
            if geom is not None and not geom.is_empty:
                p = geom.representative_point()
                center, zoom = to_latlon((p.x, p.y)), 11
        out = st_folium(
            base_map(get_basemap_and_layers(key)[0], options=options),
            key="map",
            height=620,
            use_container_width=True,
            feature_group_to_add=event_groups(layers, options=options, selected_id=selected),
            layer_control=folium.LayerControl(collapsed=True),
            returned_objects=["last_object_clicked"],
            center=center,
            zoom=zoom,
        )
        clicked = (out or {}).get("last_object_clicked")
        if clicked and clicked != st.session_state.get("last_click"):
            st.session_state["last_click"] = clicked
            lon, lat = lonlat_from_leaflet(clicked)
            # details only: changing the layers here would close the open popup
            st.session_state["clicked_id"] = sup.nearest_event(shown, lon, lat)
    with right:
        st.subheader("Events")
        table = sup.table_frame(shown, limit=TABLE_ROWS)
        if len(table) < len(shown):
            st.caption(
                f"The {len(table):,} latest of {len(shown):,} events (sorting applies to "
                "these); narrow the filters, or download them all below."
            )
        picked = st.dataframe(
            table,
            key="table",
            hide_index=True,
            on_select="rerun",
            selection_mode="single-row",
            height=360,
            column_config={"id": None},
        )
        rows = picked.selection.rows if picked is not None else []
        if rows and table["id"].iloc[rows[0]] != st.session_state.get("table_pick"):
            st.session_state["table_pick"] = table["id"].iloc[rows[0]]
            st.session_state["selected_id"] = table["id"].iloc[rows[0]]
            st.session_state["clicked_id"] = None
            st.rerun(scope="fragment")
        detail = st.session_state.get("clicked_id") or selected
        if detail is not None and (ids == detail).any():
            st.caption("Clicked on the map" if detail != selected else "Selected in the table")
            props = shown.loc[shown["id"] == detail, "props"].iloc[0]
            st.html(popup_html(props))
    downloads(shown)


def _layer_geojson(frame, name: str) -> bytes:
    return to_geojson_bytes(frame[frame["layer"] == name])


def downloads(shown) -> None:
    """Offer GeoJSON per layer, all layers and CSV, exactly as filtered.

    The files are made only when a button is pressed (Streamlit calls ``data`` then), so
    redrawing the page, e.g. at each replay step, costs nothing here.
    """
    st.subheader("Download (as filtered)")
    offered: dict[str, Callable[[], bytes]] = {}
    cols = st.columns(len(LAYERS) + 2)
    for name in LAYERS:
        offered[f"{name}.geojson"] = functools.partial(_layer_geojson, shown, name)
    offered["all.geojson"] = functools.partial(to_geojson_bytes, shown)
    offered["events.csv"] = functools.partial(to_csv, shown)
    for col, (fname, make) in zip(cols, offered.items(), strict=True):
        mime = "text/csv" if fname.endswith(".csv") else "application/geo+json"
        col.download_button(
            fname, data=make, file_name=fname, mime=mime, key=f"dl_{fname}", on_click="ignore"
        )
    st.session_state["offered_downloads"] = offered


# ------------------------------------------------------------------ add articles
def add_tab(key: str) -> None:
    """Paste or upload articles, review the extracted events, then save them."""
    st.subheader("Add articles")
    st.caption("Paste an article or upload .txt/.html files, check the events, then save.")
    text = st.text_area("Article text (Arabic)", key="paste", height=180)
    files = st.file_uploader(
        "…or upload files", type=["txt", "html", "htm"], accept_multiple_files=True
    )
    c1, c2, c3 = st.columns(3)
    outlet = c1.text_input("Outlet", key="outlet")
    url = c2.text_input("URL", key="url")
    known = c3.checkbox("Publication date known", value=True, key="has_date")
    published = c3.date_input("Published", key="published") if known else None
    if st.button("Extract events", key="extract"):
        pending = []
        try:
            if files:
                for f in files:
                    art = sup.article_from_upload(
                        f.name, f.getvalue(), source=outlet, url=url, published=published
                    )
                    pending.append(art)
            else:
                pending.append(
                    sup.article_from_paste(text, source=outlet, url=url, published=published)
                )
            gaz = get_gazetteer(key)
            st.session_state["pending"] = [
                (a, sup.extract_article(a, gazetteer=gaz)) for a in pending
            ]
        except USER_ERRORS as exc:
            st.session_state.pop("pending", None)
            st.error(f"Cannot add this article: {exc}")
        except ImportError as exc:
            st.error(f"Extraction is not available in this install: {exc}")
    for art, evs in st.session_state.get("pending", []):
        st.write(f"**{art.article_id}** — {len(evs)} event(s) found")
        if evs:
            st.dataframe(sup.table_frame(events_frame(evs)), hide_index=True)
        else:
            st.info("No event found in this article; saving keeps the article only.")
    if st.session_state.get("pending"):
        s1, s2 = st.columns(2)
        if s1.button("Save to the store", key="save", type="primary"):
            try:
                for art, evs in st.session_state.pop("pending"):
                    status = get_store(key).save_article(art, evs)
                    st.success(f"{art.article_id}: {status}")
                st.session_state["generation"] = st.session_state.get("generation", 0) + 1
            except USER_ERRORS as exc:
                st.error(f"Could not save: {exc}")
        if s2.button("Discard", key="discard"):
            st.session_state.pop("pending", None)
            st.rerun()


# ------------------------------------------------------------------ about
def about_tab(key: str) -> None:
    """Show the gazetteer layers, credits and the basemap source."""
    basemap, layers = get_basemap_and_layers(key)
    st.subheader("About the data")
    st.write("Gazetteer layers loaded:")
    st.dataframe(
        [
            {"layer": i.name, "rows": i.rows, "source": i.source, "license": i.license}
            for i in layers
        ],
        hide_index=True,
    )
    for info in layers:
        if info.credit:
            st.markdown(f"- {info.credit}" + (f" ({info.url})" if info.url else ""))
        if "who" in info.source.lower() and "first" in info.source.lower():
            st.markdown(
                "- Data from Who's On First — [license](https://whosonfirst.org/docs/licenses/)"
            )
    for line in basemap.credits:
        st.markdown(f"- {line}")
    st.markdown("- Map library: Leaflet (BSD-2-Clause), served from the local install.")
    st.caption(f"Data directory: {data_dir()}")


# ------------------------------------------------------------------ page
def main() -> None:
    """Build the page."""
    st.title("conflictmap — events from Arabic news about Syria")
    key = location_key()
    try:
        store = get_store(key)
    except USER_ERRORS as exc:
        st.error(f"Cannot open the event store: {exc}")
        return
    ensure_samples(key)
    version = (
        store.count_articles(),
        store.count_events(),
        st.session_state.get("generation", 0),
    )
    frame, opts = get_frame(key, version)
    flt, mode = sidebar(opts)
    pre = filter_frame(frame, flt)
    tab_map, tab_add, tab_about = st.tabs(["Map", "Add articles", "About"])
    with tab_map:
        ss = st.session_state
        timer = float(ss.get("play_speed", 1.0)) if ss.get("playing") else None
        section = st.fragment(map_section, run_every=timer, key="map_section")
        section(pre, flt.date_from, flt.date_to, key, mode, timer)
    with tab_add:
        add_tab(key)
    with tab_about:
        about_tab(key)


main()
