"""In headless Chromium (Debian's, driven by Playwright): time from navigation to the map
drawn, and from a toggle to the new layer drawn, for the Atlas and the bare page.

Each load is a fresh browser context (empty cache: a first visit). A toggle is timed from
the click to the moment the map in the component's iframe has the new number of shapes,
checked on every animation frame.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT_MS = 120_000
#: shapes and markers on the map (``.leaflet-interactive``: paths and marker icons)
COUNT = "() => document.querySelectorAll('.leaflet-interactive').length"


def chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(script: str, data: Path | None = None) -> Iterator[str]:
    """``streamlit run script`` on a free port; yields its URL once its health check answers.

    Streamlit serves the ``static/`` folder beside the script: the bare page (in ``bench/``)
    gets a link to the app's, so both load Leaflet from the same local files.
    """
    static = (REPO / script).parent / "static"
    if not static.exists():
        static.symlink_to(REPO / "static", target_is_directory=True)
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    if data is not None:
        env["ATLAS_DATA_DIR"] = str(data)
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in the finally below)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1",
         "--server.fileWatcherType", "none"], cwd=REPO, env=env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            with contextlib.suppress(OSError), \
                    urllib.request.urlopen(url + "_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    break
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"{script} did not start:\n{log.read().decode()[-3000:]}")
            time.sleep(0.2)  # poll interval
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _map_frame(page, min_paths: int):
    page.locator(MAP_IFRAME).wait_for(state="attached", timeout=TIMEOUT_MS)
    frame = page.locator(MAP_IFRAME).element_handle().content_frame()
    frame.wait_for_function(f"n => !!window.map && ({COUNT})() > n", arg=min_paths,
                            timeout=TIMEOUT_MS)
    return frame


def _idle(page) -> None:
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        timeout=TIMEOUT_MS)


#: in the page: the time of the next pointer press (the click's own event, in epoch ms)
ARM_PRESS = """() => { window.__pressed = null; document.addEventListener("pointerdown",
  () => { window.__pressed = performance.timeOrigin + performance.now(); },
  {capture: true, once: true}); }"""
#: in the map's frame: the first animation frame whose shape count differs from ``n``
WATCH_DRAWN = f"""n => {{ window.__drawn = null; (function tick() {{
  if (({COUNT})() !== n) {{ window.__drawn = performance.timeOrigin + performance.now(); return; }}
  requestAnimationFrame(tick); }})(); }}"""


def _toggle(page, frame, toggle) -> float:
    """Seconds from the press on the toggle to the frame that draws the change, both read in
    the browser (the automation's own round trips, about 0.2 s a click, are left out: they
    are not what a reader waits for)."""
    before = frame.evaluate(COUNT)
    click = toggle(page)
    page.evaluate(ARM_PRESS)
    frame.evaluate(WATCH_DRAWN, before)
    click()
    frame.wait_for_function("() => window.__drawn !== null", timeout=TIMEOUT_MS)
    elapsed = (frame.evaluate("() => window.__drawn") - page.evaluate("() => window.__pressed"))
    _idle(page)
    page.keyboard.press("Escape")  # closes a list the option was picked in
    return elapsed / 1000


def toggle_events(page):
    """The Atlas: the events layer off (its chip's remove button) or on (picked in the "More
    layers" list, which is opened first, untimed, as no rerun happens until the pick)."""
    bar = page.get_by_test_id("stSidebar")
    remove = bar.get_by_role("button", name=re.compile(r"^Remove Events"))
    if remove.count():
        return remove.click
    bar.get_by_test_id("stMultiSelect").filter(
        has=page.get_by_text("More layers", exact=True)).click()
    return page.get_by_role("option", name="Events", exact=True).click


def toggle_bare(page):
    return page.get_by_text("Extra layer", exact=True).click


def measure(browser, url: str, toggle, loads: int = 5, toggles: int = 10) -> dict[str, float]:
    """Median seconds: navigation → map drawn (>200 shapes), toggle → layer drawn."""
    load_times, toggle_times = [], []
    for i in range(loads):
        context = browser.new_context(viewport={"width": 1500, "height": 1000})
        page = context.new_page()
        t0 = time.perf_counter()
        page.goto(url)
        frame = _map_frame(page, 200)
        load_times.append(time.perf_counter() - t0)
        if i == loads - 1:
            _idle(page)
            for _ in range(toggles):
                toggle_times.append(_toggle(page, frame, toggle))
        context.close()
    return {"load": statistics.median(load_times), "toggle": statistics.median(toggle_times),
            "toggle_max": max(toggle_times)}


def browser_times(data: Path | None = None, loads: int = 5, toggles: int = 10) -> dict:
    """The Atlas (toggle: the events layer) and the bare page (toggle: its extra layer)."""
    from playwright.sync_api import sync_playwright

    exe = chromium()
    if exe is None:
        raise RuntimeError("Chromium not found (apt install chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=["--no-sandbox"])
        try:
            with serve("dashboard.py", data) as app, serve("bench/bare_page.py") as bare:
                q = "?lang=en&date=2024-08-09&orgs=CSTO,SCO,OTS&show=events"
                return {"app": measure(browser, app + q, toggle_events, loads, toggles),
                        "bare": measure(browser, bare, toggle_bare, loads, toggles)}
        finally:
            browser.close()
