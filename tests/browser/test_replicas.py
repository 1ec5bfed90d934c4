"""Two replicas behind nginx: the room benchmark's short form through ``deploy/nginx``'s config.

Starts two ``streamlit run dashboard.py`` replicas under ``--server.baseUrlPath atlas`` and
Debian's nginx (``/usr/sbin/nginx``) in front of them with the shipped configuration (only the
replica ports and the listening port replaced), on 127.0.0.1 only; sixteen browser-like
websocket viewers (``bench.load_room``) arrive, load the map and change the view every 1-2.5 s;
half-way the first replica is killed (SIGKILL). Fails unless there are no errors, the viewers
were spread over both replicas by the sticky cookie, and every viewer of the killed replica
reconnected to the other one and got its view back from the address (checked by the viewer:
same query string, and the time control on the address's date). Bounded: 30 s of load, plus the
start of two replicas and nginx, plus the benchmark's own time-outs.

No Chromium: nginx is the piece under test. Missing nginx skips the test, except in CI
(``ATLAS_REQUIRE_BROWSER=1``, set by ``.ci/run``, which installs nginx), where it fails.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.load import run_room
from bench.load_procs import nginx_exe, start_nginx, start_streamlit, stop
from bench.load_room import RoomConfig

pytestmark = [pytest.mark.slow]

SESSIONS = 16  # both replicas get some: all 16 on one side has odds 2 in 65,536
KILL_AFTER = 15.0  # seconds into the load


def _nginx() -> str:
    found = nginx_exe()
    if found:
        return found
    if os.environ.get("ATLAS_REQUIRE_BROWSER") == "1":
        pytest.fail("nginx not found (apt-get install nginx), and CI requires this test",
                    pytrace=False)
    pytest.skip("nginx not found (apt-get install nginx)")


def test_two_replicas_behind_nginx_survive_a_killed_replica(tmp_path: Path, capsys) -> None:
    nginx = _nginx()
    cfg = RoomConfig(seconds=30.0, think=(1.0, 2.5), arrive=3.0, seed=2,
                     load_timeout=60.0, action_timeout=45.0)
    report = run_room(SESSIONS, cfg, replicas=2, base_path="atlas", work=tmp_path,
                      kill_after=KILL_AFTER, nginx=nginx)
    with capsys.disabled():
        print(f"\nreplicas: {report['sessions_per_replica']} viewers per replica; "
              f"{report['actions']} actions, p95 {report['action_p95_s']} s; "
              f"{report['reconnects']} reconnects (slowest {report['reconnect_max_s']} s), "
              f"{report['errors']} errors")

    assert report["errors"] == 0, report["error_samples"]
    assert not report["logs"], f"a replica logged a traceback: {report['logs']}"
    spread = report["sessions_per_replica"]
    assert len(spread) == 2 and sum(spread.values()) == SESSIONS, spread
    assert report["killed"] is not None, "the replica was not killed"
    dead = f"127.0.0.1:{report['killed'].split(':')[1]}"
    (alive,) = set(spread) - {dead}
    moved = [u for u in report["viewer_upstreams"] if u[0] == dead]
    assert moved, "no viewer was on the killed replica"
    for upstreams in moved:  # each reconnected, to the other replica, view restored
        assert upstreams[1:] and set(upstreams[1:]) == {alive}, report["viewer_upstreams"]
    assert report["reconnects"] >= len(moved)
    stayed = [u for u in report["viewer_upstreams"] if u[0] == alive]
    assert all(u == [alive] for u in stayed), "viewers of the live replica were moved"
    assert report["actions"] >= SESSIONS, "the viewers hardly acted"


def _status(url: str, method: str = "GET", data: bytes | None = None) -> int:
    req = urllib.request.Request(url, data=data, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def test_the_proxy_hides_metrics_and_refuses_big_uploads(tmp_path: Path) -> None:
    """What Streamlit cannot do itself (issue 15): /_stcore/metrics stays public on the app's
    own port, so the shipped nginx site answers 404 for it; uploads over 1 MB, and more than a
    burst of them from one address, stop at nginx."""
    nginx = _nginx()
    app = start_streamlit(tmp_path, base_path="atlas")
    try:
        proxy = start_nginx(tmp_path / "nginx", [app.port], "atlas", nginx=nginx)
        try:
            direct, front = (f"http://127.0.0.1:{p}/atlas" for p in (app.port, proxy.port))
            assert _status(f"{direct}/_stcore/metrics") == 200  # what the proxy is for
            assert _status(f"{front}/_stcore/metrics") == 404
            assert _status(f"{front}/_stcore/health") == 200
            big = _status(f"{front}/_stcore/upload_file/x/y", "PUT", b"x" * (2 << 20))
            assert big == 413
            # a stream of uploads from one address: a burst passes to the app, the rest stop
            seen = [_status(f"{front}/_stcore/upload_file/x/y{i}", "PUT", b"{}")
                    for i in range(12)]
            assert seen.count(429) >= 5 and seen[0] != 429, seen
        finally:
            stop(proxy)
    finally:
        stop(app)
