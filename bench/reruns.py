"""Server time per rerun, warm, measured with Streamlit's AppTest in this process.

AppTest runs the script the way the server does (widgets, session state, every element
serialized into its protobuf, the map component's arguments included) without a browser or
a socket. The Atlas's map page and the bare page (:mod:`bench.bare_page`) are timed in turns,
so both see the same machine load.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from contextlib import contextmanager
from pathlib import Path

from streamlit.testing.v1 import AppTest

from geo import compat

REPO = Path(__file__).resolve().parent.parent
APP, BARE = REPO / "dashboard.py", REPO / "bench" / "bare_page.py"
TIMEOUT = 300


@contextmanager
def data_dir(path: Path | None):
    old = os.environ.get("ATLAS_DATA_DIR")
    if path is not None:
        os.environ["ATLAS_DATA_DIR"] = str(path)
    try:
        with compat.apptest_navigation():  # AppTest would run pages/map.py alone
            yield
    finally:
        if old is None:
            os.environ.pop("ATLAS_DATA_DIR", None)
        else:
            os.environ["ATLAS_DATA_DIR"] = old


def _timed(at: AppTest) -> float:
    t0 = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - t0
    if at.exception:
        raise RuntimeError(f"the page raised: {[e.message for e in at.exception]}")
    return elapsed


def rerun_times(data: Path | None, reps: int = 7, warmup: int = 2) -> dict[str, float]:
    """Median seconds per rerun: Atlas toggle (events layer), Atlas date change (to a date
    not seen before, so nothing of it is cached), bare page toggle; reps interleaved.
    ``data`` is a data directory (``None``: the shipped one)."""
    with data_dir(data):
        app = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        app.query_params.update({"lang": "en", "date": "2024-08-09", "orgs": "CSTO,SCO,OTS",
                                 "show": "events"})
        app.run()
        bare = AppTest.from_file(str(BARE), default_timeout=TIMEOUT).run()
        first = dt.date(2024, 8, 9)
        times: dict[str, list[float]] = {"toggle": [], "date": [], "bare": []}
        for i in range(warmup + reps):
            app.multiselect(key="w_show").set_value(["events"] if i % 2 else [])
            toggle = _timed(app)
            # what the time control does (geo.timebar): AppTest cannot run its script
            app.session_state["w_date"] = first - dt.timedelta(days=97 * (i + 1))
            date = _timed(app)
            bare.checkbox(key="extra").set_value(i % 2 == 0)
            floor = _timed(bare)
            if i >= warmup:
                times["toggle"].append(toggle)
                times["date"].append(date)
                times["bare"].append(floor)
    return {k: statistics.median(v) for k, v in times.items()}
