"""``python -m bench``: measure the Atlas against its baselines and write ``bench/RESULTS.md``.

Everything runs in one process (the browser part against two local servers started here),
on the shipped data and on synthetic data with 10×, 100× and 1000× the relations and events
(:mod:`bench.synth`). Medians of several repetitions; budgets from the project's issue.
``--quick`` uses fewer repetitions and scales (for trying the command, not for results).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import browser, payload, reruns, synth
from geo import assets, config, tables
from geo.view import View

OUT = Path(__file__).resolve().parent / "RESULTS.md"
ROOM_MARK = "<!-- room -->"  # from here on, RESULTS.md is the room benchmark's (kept)
KB = 1024


def _machine() -> list[str]:
    def cmd(*args: str) -> str:
        try:
            return subprocess.run(args, capture_output=True, text=True, timeout=20).stdout
        except OSError:
            return ""

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    chromium = cmd(browser.chromium() or "chromium", "--version").strip() or "not found"
    import folium
    import streamlit
    import streamlit_folium

    return [f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
            f"- CPU: {cpu}, {os.cpu_count()} logical cores; load average at start "
            f"{os.getloadavg()[0]:.2f}",
            f"- {platform.platform()}; Python {platform.python_version()}",
            f"- streamlit {streamlit.__version__}, streamlit-folium "
            f"{getattr(streamlit_folium, '__version__', '0.27.4')}, folium {folium.__version__}",
            f"- {chromium}"]


def _kb(n: float) -> str:
    return f"{n / KB:,.0f} kB"


def _ok(cond: bool) -> str:
    return "met" if cond else "**missed**"


def _payload_section(scales: tuple[int, ...], dirs: dict[int, Path | None],
                     counts: dict[int, dict[str, int]]) -> list[str]:
    """1. The map payload at each scale, against one full-resolution layer per organization."""
    borders = config.data_dir() / "borders.geojson"
    shipped = tables.load()
    every = View(date=dt.date(2024, 8, 9), orgs=tuple(shipped.organizations["org_id"]),
                 show=("events", "history", "overlap"))
    default = View(date=dt.date(2024, 8, 9))
    naive = {name: payload.naive_payload(shipped, v, borders)
             for name, v in (("default", default), ("all", every))}
    pay: dict[int, dict[str, dict[str, int]]] = {}
    for f in scales:
        atlas = tables.load(dirs[f]) if dirs[f] else shipped
        pay[f] = {name: payload.app_payload(atlas, v)
                  for name, v in (("default", default), ("all", every))}
    lines = ["## 1. Map payload", "",
             "Bytes the browser receives for the map on 2024-08-09: the `st_folium` message "
             "(map script, layers, texts; resent whole when a layer changes) plus the files "
             "it loads by URL once (Leaflet and the shared country outlines, cached by the "
             "browser). Default view: CSTO, SCO, OTS, all link kinds, events. All layers: "
             f"all {len(every.orgs)} organizations, overlap, history, events. Naive baseline: "
             "one `explore`-style GeoJSON layer per organization at full 1:50m resolution "
             "(the shipped borders joined to that organization's statuses), same transport.",
             "", "| data | relations / events | view | message | + files once | total | "
             "naive | ratio |", "|---|---|---|---|---|---|---|---|"]
    for f in scales:
        for name in ("default", "all"):
            p, n = pay[f][name], naive[name]["total"]
            lines.append(f"| {f}× | {counts[f]['relations']:,} / {counts[f]['events']:,} | "
                         f"{name} | {_kb(p['message'])} | {_kb(p['files'])} | "
                         f"{_kb(p['total'])} | {_kb(n)} | 1/{n / p['total']:.0f} |")
    all1, all1000 = pay[1]["all"]["total"], pay[scales[-1]]["all"]["total"]
    lines += ["", f"- Budget, all layers ≤ 1 MB: {_kb(all1)}, {_ok(all1 <= 1024 * KB)}.",
              f"- Budget, ≤ 1/10 of the naive baseline: 1/{naive['all']['total'] / all1:.0f}, "
              f"{_ok(all1 * 10 <= naive['all']['total'])}.",
              f"- Budget at {scales[-1]}×, payload ≤ 2× the shipped data's: "
              f"{all1000 / all1:.2f}×, {_ok(all1000 <= 2 * all1)}.", ""]
    return lines


def _rerun_section(scales: tuple[int, ...], dirs: dict[int, Path | None],
                   reps: int) -> tuple[list[str], dict]:
    """2. Server time per rerun at each scale, against the bare page; with the times."""
    rr = {f: reruns.rerun_times(dirs[f], reps=reps) for f in scales}
    lines = ["## 2. Server time per rerun (warm)", "",
             "Streamlit's AppTest runs the script as the server does (widgets, state, every "
             "element serialized) without a socket, in this process; the map page and the bare "
             "page (`bench/bare_page.py`: `st_folium` of the shipped `borders.geojson` and a "
             "checkbox adding one layer) are run in turns. Toggle: the events layer off/on. "
             "Date change: to a date not seen before (nothing of it cached).", "",
             "| data | toggle | date change | bare page | toggle / bare | date / bare |",
             "|---|---|---|---|---|---|"]
    for f in scales:
        r = rr[f]
        lines.append(f"| {f}× | {r['toggle'] * 1000:.0f} ms | {r['date'] * 1000:.0f} ms | "
                     f"{r['bare'] * 1000:.0f} ms | {r['toggle'] / r['bare']:.2f} | "
                     f"{r['date'] / r['bare']:.2f} |")
    worst1 = max(rr[1]["toggle"], rr[1]["date"]) / rr[1]["bare"]
    big = scales[-1]
    grow_t, grow_d = rr[big]["toggle"] / rr[1]["toggle"], rr[big]["date"] / rr[1]["date"]
    lines += ["", f"- Budget, rerun ≤ 1.3× the bare page: worst {worst1:.2f}×, "
              f"{_ok(worst1 <= 1.3)}.",
              f"- Budget at {big}×, rerun ≤ 3× the shipped data's: toggle {grow_t:.2f}×, "
              f"date change {grow_d:.2f}×, {_ok(max(grow_t, grow_d) <= 3)}.", ""]
    return lines, rr


def _browser_section(quick: bool, rr: dict) -> list[str]:
    """3. Time to the map and from a toggle to the drawn layer in headless Chromium."""
    bt = browser.browser_times(None, loads=3 if quick else 5, toggles=6 if quick else 12)
    app, bare = bt["app"], bt["bare"]
    lines = ["## 3. In headless Chromium", "",
             "Both servers started here; each load in a fresh browser context (nothing "
             "cached: a first visit). Map drawn: more than 200 shapes in the map. Toggle "
             "drawn: from the press on the toggle (its pointerdown event) to the first "
             "animation frame with the new number of shapes and markers on the map, both "
             "timed in the browser (the Atlas: the events layer's chip; the bare page: its "
             "extra layer's checkbox).", "",
             "| page | navigation → map drawn | toggle → layer drawn (median) | slowest "
             "toggle |", "|---|---|---|---|",
             f"| Atlas | {app['load'] * 1000:.0f} ms | {app['toggle'] * 1000:.0f} ms | "
             f"{app['toggle_max'] * 1000:.0f} ms |",
             f"| bare page | {bare['load'] * 1000:.0f} ms | {bare['toggle'] * 1000:.0f} ms "
             f"| {bare['toggle_max'] * 1000:.0f} ms |", "",
             f"- Ratios: map drawn {app['load'] / bare['load']:.2f}× the bare page, toggle "
             f"{app['toggle'] / bare['toggle']:.2f}×.",
             f"- Budget, toggle → drawn ≤ 150 ms: {app['toggle'] * 1000:.0f} ms, "
             f"{_ok(app['toggle'] <= 0.15)}."]
    server = rr[1]["toggle"]
    lines += [f"- The Atlas's map shows or hides the layer in the page as soon as the "
              "sidebar's chip changes (every variant of the extra layers is on the map "
              "already); the server's rerun (about "
              f"{server * 1000:.0f} ms, section 2) follows, and finds the same layers, so "
              "streamlit-folium replaces nothing. The bare page waits for its rerun, then "
              "for streamlit-folium to re-add its layer.", ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    ap.add_argument("--quick", action="store_true", help="fewer repetitions and scales")
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium timings")
    args = ap.parse_args(argv)
    scales = (1, 1000) if args.quick else (1, 10, 100, 1000)
    reps = 3 if args.quick else 9
    assets.install_static()
    assets.use_local_assets("")
    lines = ["# Benchmark results", "", "Written by `python -m bench` (see the README). "
             "Medians of repeated runs in one process; ratios against baselines measured in "
             "the same run.", "", "## Machine", "", *_machine(), ""]
    t_start = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    dirs: dict[int, Path | None] = {1: None}
    counts: dict[int, dict[str, int]] = {}
    for f in scales:
        if f != 1:
            dirs[f] = work / f"x{f}"
        counts[f] = synth.make_scaled(f, work / f"x{f}")

    lines += _payload_section(scales, dirs, counts)
    rerun_lines, rr = _rerun_section(scales, dirs, reps)
    lines += rerun_lines
    if not args.no_browser:
        lines += _browser_section(args.quick, rr)
    lines += [f"Total benchmark time: {time.monotonic() - t_start:.0f} s.", ""]
    old = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    if ROOM_MARK in old:  # the room benchmark's section (python -m bench.load) is kept
        lines += [old[old.index(ROOM_MARK):]]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
