"""Bounded memory of one server: viewers who leave free their state, many views do not pile up.

One ``streamlit run dashboard.py`` (127.0.0.1; ``--server.disconnectedSessionTTL`` short, so a
closed session is dropped within seconds instead of the default two minutes kept for a
reconnect) and browser-like websocket viewers (``bench.load_client``), no Chromium:

* waves of viewers arrive, each loads the map and changes the date, then leaves (every wave
  shows the same views, so shared caches do not grow): the server's resident memory with a
  wave connected gives the memory per session; after the later waves have left it must stay
  within :data:`LEAVE_BOUND_MB` of where it was after the second (it would grow by about a
  session's memory per leaked session otherwise), with no session left active;
* one viewer shows :data:`VIEWS` distinct views in a row (a new date each time): between the
  view :data:`SETTLE` and the last, the server may grow by at most :data:`VIEWS_BOUND_MB`
  (``geo.memo`` keeps at most its budget of results; every other per-view value belongs to
  the session and is replaced).

Linux only (``/proc``); the numbers seen are printed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.load_client import StreamlitClient, run_coro
from bench.load_procs import Proc, proc_stats, rss_bytes, start_streamlit, stop
from bench.load_room import START_VIEW, date_state

pytestmark = [pytest.mark.slow]

MB = 2**20
TTL = 2  # seconds a closed session is kept for a reconnect (Streamlit's default: 120)
WAVES, PER_WAVE = 4, 20
LEAVE_BOUND_MB = 10.0  # growth from the second wave's end to the last's (40 sessions leaked:
# 14-23 MB at the 0.36-0.57 MB a session held here; seen: 0 MB, and 5 MB without Streamlit's
# forced collection after each run; the first waves raise the allocator's high-water mark)
VIEWS, SETTLE = 500, 100
VIEWS_BOUND_MB = 30.0  # growth from view SETTLE to view VIEWS (geo.memo's budget is 64 MB
# but its entries are ~8 kB: the 512 it keeps hold ~4 MB of the shipped data; its rendered maps
# and layers are bounded to 16 MB apart: 9 MB after 100 random dates of the default view, 11
# MB after 200, as most dates then fall in stretches of time already drawn)
RUN_TIMEOUT = 480.0  # seconds, each test (500 views: ~130 s alone on 2 cores, 330+ s shared)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proc]:
    if not Path("/proc/self/stat").exists():
        pytest.skip("reads memory from /proc (Linux)")
    # its viewer changes the date back to back, faster than a person: lift the rerun limit
    proc = start_streamlit(tmp_path_factory.mktemp("memory"),
                           extra_args=("--server.disconnectedSessionTTL", str(TTL)),
                           env={"ATLAS_RERUN_RATE": "1000"})
    try:
        run_coro(_warm(proc))  # data loaded, first map rendered: not a session's cost
        yield proc
    finally:
        stop(proc)


async def _warm(proc: Proc) -> None:
    client = StreamlitClient(f"http://127.0.0.1:{proc.port}/", START_VIEW)
    try:
        await client.open()
        await client.rerun()
    finally:
        await client.close()


def _rss_mb(proc: Proc) -> float:
    return rss_bytes(proc_stats(), proc.pid) / MB


def _active_sessions(proc: Proc) -> int:
    url = f"http://127.0.0.1:{proc.port}/_stcore/metrics"
    with urllib.request.urlopen(url, timeout=10) as r:
        text = r.read().decode()
    found = re.search(r"^active_sessions (\d+)", text, re.M)
    assert found, "no active_sessions in Streamlit's metrics"
    return int(found.group(1))


async def _change_date(client: StreamlitClient, day: dt.date) -> None:
    await client.rerun(widgets=[date_state(client, day)])
    assert f"date={day.isoformat()}" in client.query, client.query


async def _wave(proc: Proc, n: int, first_day: dt.date) -> float:
    """``n`` viewers load the map and change the date; the RSS while they are all there."""
    clients = [StreamlitClient(f"http://127.0.0.1:{proc.port}/", START_VIEW) for _ in range(n)]
    try:
        for i, c in enumerate(clients):
            await c.open()
            await c.rerun()
            await _change_date(c, first_day + dt.timedelta(days=i))
        return _rss_mb(proc)
    finally:
        await asyncio.gather(*(c.close() for c in clients))


async def _waves(proc: Proc) -> list[tuple[float, float]]:
    out = []
    for _ in range(WAVES):
        during = await _wave(proc, PER_WAVE, dt.date(2000, 1, 1))  # same views
        for _ in range(60):  # until Streamlit has dropped the closed sessions (TTL)
            if _active_sessions(proc) == 0:
                break
            await asyncio.sleep(0.5)  # poll interval
        await asyncio.sleep(TTL + 1.5)  # the disconnected sessions' TTL, and its sweep
        out.append((during, _rss_mb(proc)))
    return out


def test_sessions_that_leave_free_their_state(server: Proc, capsys) -> None:
    before = _rss_mb(server)
    waves = run_coro(asyncio.wait_for(_waves(server), RUN_TIMEOUT))
    per_session = (waves[0][0] - before) / PER_WAVE
    with capsys.disabled():
        print(f"\nmemory: {before:.0f} MB before; waves of {PER_WAVE} (during, after): "
              + ", ".join(f"({a:.0f}, {b:.0f})" for a, b in waves)
              + f" MB; first wave {per_session:.2f} MB per session")
    assert _active_sessions(server) == 0
    growth = waves[-1][1] - waves[1][1]
    assert growth <= LEAVE_BOUND_MB, (
        f"the server grew by {growth:.1f} MB while {PER_WAVE * (WAVES - 2)} more viewers came "
        f"and left (bound {LEAVE_BOUND_MB} MB): {waves}")


async def _views(proc: Proc) -> list[tuple[int, float]]:
    client = StreamlitClient(f"http://127.0.0.1:{proc.port}/", START_VIEW)
    samples = []
    try:
        await client.open()
        await client.rerun()
        for i in range(1, VIEWS + 1):
            await _change_date(client, dt.date(1992, 1, 1) + dt.timedelta(days=11 * i))
            if i % 50 == 0 or i == SETTLE:
                samples.append((i, _rss_mb(proc)))
    finally:
        await client.close()
    return samples


def test_many_distinct_views_stay_within_a_bound(server: Proc, capsys) -> None:
    samples = run_coro(asyncio.wait_for(_views(server), RUN_TIMEOUT))
    with capsys.disabled():
        print("\nmemory: RSS after n distinct views: "
              + ", ".join(f"{i}: {mb:.0f} MB" for i, mb in samples))
    at = dict(samples)
    growth = at[VIEWS] - at[SETTLE]
    assert growth <= VIEWS_BOUND_MB, (
        f"{VIEWS - SETTLE} more distinct views grew the server by {growth:.1f} MB "
        f"(bound {VIEWS_BOUND_MB} MB): {samples}")
