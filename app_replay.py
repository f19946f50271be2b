"""The replay controls of ``app.py``: the time slider, back/next/end, ▶ play / ⏸ pause.

UI only (Streamlit); the step arithmetic is in :mod:`app_support`. Drawn inside the map's
``st.fragment``: while playing, the fragment's timer reruns it and each due rerun moves on
one step, so the rest of the page is not rerun.
"""

from __future__ import annotations

import datetime as dt
import time

import streamlit as st

import app_support as sup

__all__ = ["SPEEDS", "replay"]

SPEEDS = (0.5, 1.0, 2.0, 4.0)


def _current(steps: list[dt.date]) -> dt.date:
    """Return the step shown: the playback position while playing, else the slider's value.

    While playing, a timer rerun can carry the slider value the browser showed a tick ago;
    the position kept in ``replay_at`` wins, so a late rerun never moves playback back.
    """
    ss = st.session_state
    cur = ss.get("replay_at") if ss.get("playing") else ss.get("replay")
    return cur if cur in steps else steps[-1]


def _show(step: dt.date) -> None:
    st.session_state["replay_at"] = step
    st.session_state["replay"] = step


def _move(steps: list[dt.date], delta: int) -> None:
    i = steps.index(_current(steps)) + delta
    _show(steps[max(0, min(i, len(steps) - 1))])
    st.session_state["play_last"] = time.monotonic()  # a manual step restarts the clock


def _toggle_play(steps: list[dt.date]) -> None:
    ss = st.session_state
    if ss.get("playing"):
        ss["playing"] = False
        return
    cur = _current(steps)
    _show(steps[0] if cur == steps[-1] and len(steps) > 1 else cur)  # at the end: restart
    ss["playing"] = True
    ss["play_last"] = time.monotonic()


def replay(start: dt.date, end: dt.date, timer: float | None) -> tuple[dt.date, dt.date]:
    """Draw the replay controls, move on when playing; return the window shown.

    The slider's stops always lie inside the sidebar's date range. ``timer`` is the
    auto-rerun interval this fragment was registered with; when playback starts, stops
    (at the last step) or changes speed, a full rerun re-registers it.
    """
    ss = st.session_state
    step = ss.get("step", "day")
    steps = sup.replay_steps(start, end, step=step)
    cur = _current(steps)
    if ss.get("playing") and ss.get("replay_at") not in steps:
        ss["playing"] = False  # the range or the step size changed under playback
    speed = float(ss.get("play_speed", 1.0))
    if ss.get("playing"):
        now = time.monotonic()
        if sup.play_due(ss.get("play_last"), now, every=speed):
            cur, ss["playing"] = sup.next_play_step(steps, cur)
            ss["play_last"] = now
    _show(cur)
    if (speed if ss.get("playing") else None) != timer:
        st.rerun()  # start, stop or re-time the fragment's timer
    playing = bool(ss.get("playing"))
    c = st.columns([1.2, 1, 1, 0.8, 6], vertical_alignment="bottom")
    label = "⏸ pause" if playing else "▶ play"
    c[0].button(label, on_click=_toggle_play, args=(steps,), key="replay_play", type="primary")
    c[1].button("◀ back", on_click=_move, args=(steps, -1), key="replay_back")
    c[2].button("next ▶", on_click=_move, args=(steps, 1), key="replay_next")
    c[3].button("end", on_click=_move, args=(steps, len(steps)), key="replay_end")
    until = c[4].select_slider(
        "Show events up to",
        options=steps,
        key="replay",
        disabled=playing,
        help="Pause to drag the slider" if playing else None,
    )
    d = st.columns([2, 2, 3, 3], vertical_alignment="center")
    d[0].radio("Replay step", ["day", "week"], horizontal=True, key="step")
    d[1].select_slider("Seconds per step", SPEEDS, value=1.0, key="play_speed")
    only = d[2].checkbox("Only this step (not cumulative)", key="only_step")
    window = sup.replay_window(start, until, step=step, only_step=only)
    d[3].caption(f"Showing {window[0]} – {window[1]}")
    return window
