"""A room: N viewers on one shared link, against servers this command starts on 127.0.0.1.

``python -m bench.load --sessions N --seconds S [--replicas K]`` starts K ``streamlit run
dashboard.py`` replicas (and, for K > 1, Debian's nginx in front of them with
``deploy/nginx/atlas.conf``: sticky sessions by cookie, websocket upgrade, base URL path), warms
each replica with one page load, then lets N browser-like websocket viewers
(:mod:`bench.load_room`) arrive within a few seconds and act every 2-5 s for S seconds. It
prints a few lines for people and, last, one JSON line: first-map and action times
(p50/p95/max, nearest rank), actions, errors, server CPU and RSS, the machine's load average.

Nothing leaves 127.0.0.1. The run is bounded: S seconds of load, plus at most the load and
action time-outs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.load_client import StreamlitClient, run_coro, summary
from bench.load_procs import (
    Proc,
    cpu_seconds,
    proc_stats,
    rss_bytes,
    start_nginx,
    start_streamlit,
    stop,
)
from bench.load_room import RoomConfig, Viewer, viewer

__all__ = ["main", "run_room"]

SAMPLE_EVERY = 1.0  # seconds between two memory samples
MB = 2**20


def _loadavg() -> list[float] | None:
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None


async def _warm(url: str, cfg: RoomConfig) -> None:
    """One page load per replica, not measured: a replica's first session runs the script
    the pre-``st.navigation`` way once and loads the data."""
    client = StreamlitClient(url, cfg.view, load_timeout=cfg.load_timeout)
    try:
        await client.open()
        await client.rerun()
    finally:
        await client.close()


async def _sample(replicas: list[Proc], peaks: dict[str, int], stop_ev: asyncio.Event) -> None:
    while not stop_ev.is_set():
        stats = proc_stats()
        per = [rss_bytes(stats, r.pid) for r in replicas]
        peaks["total"] = max(peaks.get("total", 0), sum(per))
        for r, v in zip(replicas, per, strict=True):
            peaks[r.name] = max(peaks.get(r.name, 0), v)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop_ev.wait(), SAMPLE_EVERY)


async def _kill_later(proc: Proc, after: float, note: dict) -> None:
    await asyncio.sleep(after)
    proc.popen.kill()  # SIGKILL: a crash, not a clean shutdown
    note["killed"] = proc.name
    note["killed_at_s"] = after


async def _room(url: str, sessions: int, cfg: RoomConfig, replicas: list[Proc],
                kill_after: float | None) -> tuple[list[Viewer], dict]:
    viewers = [Viewer(i) for i in range(sessions)]
    peaks: dict[str, int] = {}
    note: dict = {}
    stop_ev = asyncio.Event()
    before = proc_stats()
    sampler = asyncio.create_task(_sample(replicas, peaks, stop_ev))
    killer = (asyncio.create_task(_kill_later(replicas[0], kill_after, note))
              if kill_after is not None else None)
    t0 = time.monotonic()
    tasks = [asyncio.create_task(viewer(v.index, url, cfg, t0, v)) for v in viewers]
    bound = cfg.arrive + cfg.seconds + cfg.load_timeout + cfg.action_timeout + 30
    done, pending = await asyncio.wait(tasks, timeout=bound)
    for task in pending:
        task.cancel()
    wall = time.monotonic() - t0
    after = proc_stats()
    stop_ev.set()
    await sampler
    if killer is not None:
        killer.cancel()
    for v, task in zip(viewers, tasks, strict=True):
        if task in pending:
            v.errors.append(f"still running after {bound:.0f} s: cancelled")
    note["wall_s"] = wall
    note["peaks"] = peaks
    note["cpu_s"] = {r.name: round(cpu_seconds(after, r.pid) - cpu_seconds(before, r.pid), 2)
                     for r in replicas if r.pid in after and r.pid in before}
    return viewers, note


def _report(viewers: list[Viewer], note: dict, cfg: RoomConfig, replicas: list[Proc],
            rss_start: int, load: list | None) -> dict:
    actions = [a for v in viewers for a in v.actions]
    errors = [f"viewer {v.index}: {e}" for v in viewers for e in v.errors]
    errors += [f"viewer {v.index}: {p}" for v in viewers for p in v.problems]
    wall, peaks = note["wall_s"], note["peaks"]
    first = summary([v.first_map_s for v in viewers if v.first_map_s is not None])
    done = summary([a[2] for a in actions])
    to_map = summary([a[1] for a in actions])
    cpu = sum(note["cpu_s"].values())
    n = len(viewers)
    reruns = len(actions) + sum(1 + len(v.reconnects) for v in viewers if v.first_map_s)
    return {
        "sessions": n, "replicas": len(replicas), "seconds": cfg.seconds,
        "think_s": list(cfg.think), "arrive_s": cfg.arrive, "seed": cfg.seed,
        "first_map_p50_s": first["p50"], "first_map_p95_s": first["p95"],
        "first_map_max_s": first["max"],
        "action_p50_s": done["p50"], "action_p95_s": done["p95"], "action_max_s": done["max"],
        "action_to_map_p50_s": to_map["p50"], "action_to_map_p95_s": to_map["p95"],
        "actions": len(actions), "actions_per_s": round(len(actions) / wall, 2),
        "actions_by_kind": dict(Counter(a[0] for a in actions)),
        # per kind: a layer's switch is drawn in the browser at once (geo.mapjs.LiveShow), so
        # its time here is the server's catching up (the address), not what a viewer waits for
        "action_p95_by_kind_s": {k: summary([a[2] for a in actions if a[0] == k])["p95"]
                                 for k in sorted({a[0] for a in actions})},
        "errors": len(errors), "error_samples": errors[:10],
        "sessions_per_replica": dict(Counter(v.upstreams[0] for v in viewers if v.upstreams)),
        "viewer_upstreams": [v.upstreams for v in viewers],
        "reconnects": sum(len(v.reconnects) for v in viewers),
        "reconnect_max_s": round(max((s for v in viewers for s in v.reconnects), default=0), 3),
        "interrupted_actions": sum(v.interrupted for v in viewers),
        "killed": note.get("killed"),
        "server_cpu_s": round(cpu, 2), "server_cpu_per_replica_s": note["cpu_s"],
        "server_cpu_share_of_one_core": round(cpu / wall, 2),
        "server_cpu_ms_per_rerun": round(1000 * cpu / reruns) if reruns else None,
        "rss_start_mb": round(rss_start / MB), "rss_peak_mb": round(peaks.get("total", 0) / MB),
        "rss_peak_per_replica_mb": {k: round(v / MB) for k, v in peaks.items() if k != "total"},
        "rss_per_session_mb": round((peaks.get("total", 0) - rss_start) / MB / n, 2)
        if n else None,
        "wall_s": round(wall, 1), "loadavg_before": load, "loadavg_after": _loadavg(),
        "cpu_count": os.cpu_count(), "platform": platform.platform(),
    }


def run_room(sessions: int, cfg: RoomConfig, replicas: int = 1, base_path: str = "",
             work: Path | None = None, kill_after: float | None = None,
             profile_dir: Path | None = None, env: dict[str, str] | None = None,
             nginx: str | None = None, server_args: tuple[str, ...] = ()) -> dict:
    """Start the servers, run the room, stop them; the report (see the module's docstring)."""
    with contextlib.ExitStack() as stack:
        if work is None:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="atlas-load-")))
        procs: list[Proc] = []
        front: Proc | None = None
        try:
            for i in range(replicas):
                prof = profile_dir / f"replica-{i}.prof" if profile_dir else None
                procs.append(start_streamlit(work, base_path, extra_args=server_args,
                                             profile_to=prof, env=env))
            front = (start_nginx(work / "nginx", [p.port for p in procs], base_path,
                                 tag_upstream=True, nginx=nginx) if replicas > 1 else None)
            prefix = f"/{base_path.strip('/')}/" if base_path.strip("/") else "/"
            for p in procs:
                run_coro(_warm(f"http://127.0.0.1:{p.port}{prefix}", cfg))
            url = f"http://127.0.0.1:{(front or procs[0]).port}{prefix}"
            stats = proc_stats()
            rss_start = sum(rss_bytes(stats, p.pid) for p in procs)
            load = _loadavg()
            viewers, note = run_coro(_room(url, sessions, cfg, procs, kill_after))
            report = _report(viewers, note, cfg, procs, rss_start, load)
            report["url"] = url
            report["logs"] = {p.name: p.log()[-2000:] for p in procs
                              if "Traceback" in p.log()}
            return report
        finally:
            for p in [front, *reversed(procs)]:
                if p is not None:  # a profiled replica writes its statistics on the way out
                    stop(p, timeout=120.0 if profile_dir else 20.0)


def _think(text: str) -> tuple[float, float]:
    lo, _, hi = text.partition(",")
    return float(lo), float(hi or lo)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n")[0])
    ap.add_argument("--sessions", type=int, default=20, help="viewers (default 20)")
    ap.add_argument("--seconds", type=float, default=60, help="seconds of load (default 60)")
    ap.add_argument("--replicas", type=int, default=1,
                    help="Streamlit processes; more than 1 puts nginx in front (default 1)")
    ap.add_argument("--think", type=_think, default=(2.0, 5.0), metavar="MIN,MAX",
                    help="seconds between two actions of a viewer (default 2,5; 0,0 for "
                         "back-to-back actions: saturation)")
    ap.add_argument("--arrive", type=float, default=5.0,
                    help="viewers arrive within this many seconds (default 5)")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--base-path", default="", help="serve under this URL path (e.g. atlas)")
    ap.add_argument("--profile", type=Path, metavar="DIR",
                    help="run the replicas under cProfile; statistics written to DIR")
    ap.add_argument("--kill-after", type=float, metavar="S",
                    help="kill the first replica S seconds into the load")
    ap.add_argument("--server-option", action="append", default=[], metavar="NAME=VALUE",
                    help="a Streamlit option for every replica, e.g. runner.postScriptGC=false "
                         "(repeatable)")
    args = ap.parse_args(argv)
    if args.sessions < 1 or args.seconds <= 0 or args.replicas < 1:
        ap.error("--sessions and --replicas must be at least 1, --seconds positive")
    if args.seconds > 600:
        ap.error("--seconds is at most 600 (a bounded run)")
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    cfg = RoomConfig(seconds=args.seconds, think=args.think, arrive=args.arrive, seed=args.seed)
    server_args = tuple(a for opt in args.server_option
                        for a in (f"--{opt.partition('=')[0]}", opt.partition("=")[2]))
    report = run_room(args.sessions, cfg, args.replicas, args.base_path,
                      kill_after=args.kill_after, profile_dir=args.profile,
                      server_args=server_args)
    report["server_options"] = args.server_option
    print(f"room: {report['sessions']} viewers, {report['replicas']} replica(s), "
          f"{report['seconds']:g} s, load average {report['loadavg_before']}", file=sys.stderr)
    print(f"room: first map p50 {report['first_map_p50_s']} s, p95 {report['first_map_p95_s']}"
          f" s; action p50 {report['action_p50_s']} s, p95 {report['action_p95_s']} s, max "
          f"{report['action_max_s']} s; {report['actions']} actions "
          f"({report['actions_per_s']}/s), {report['errors']} errors", file=sys.stderr)
    print(f"room: server CPU {report['server_cpu_share_of_one_core']} of one core "
          f"({report['server_cpu_ms_per_rerun']} ms per rerun), RSS "
          f"{report['rss_start_mb']} -> {report['rss_peak_mb']} MB", file=sys.stderr)
    if not report["logs"]:
        del report["logs"]
    print(json.dumps(report), flush=True)
    return 0 if report["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
