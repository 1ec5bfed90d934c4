"""``streamlit run`` under cProfile: where a server's CPU goes while it serves a room.

``python -m bench.load_profile OUT.prof run dashboard.py [options]`` is ``streamlit run
dashboard.py [options]`` with two profilers: one in the main thread (Tornado's event loop:
websocket frames, HTTP, message serialization) and one per script thread, on only while a script
run is under way (every session's reruns). When the server stops (SIGTERM), both are merged and
written to OUT.prof (``main`` only to ``OUT.main.prof``, script runs only to
``OUT.runs.prof``), for :mod:`pstats`. ``python -m bench.load --profile DIR`` uses it.

Times are each thread's CPU time (``time.thread_time``), not wall time: with many sessions a
thread spends most of its wall time waiting for the GIL, which cProfile's default clock would
charge to whatever C call released it last. cProfile slows every call down (several times
with a Python clock): read shares, not absolute times.
"""

from __future__ import annotations

import atexit
import cProfile
import pstats
import signal
import sys
import threading
import time
from pathlib import Path

__all__ = ["main"]

_RUNS: list[cProfile.Profile] = []  # one per script thread, enabled during its runs
_LOCAL = threading.local()
_LOCK = threading.Lock()


def _profile_runs() -> None:
    from geo import compat

    def enable() -> None:
        prof = getattr(_LOCAL, "prof", None)
        if prof is None:
            prof = _LOCAL.prof = cProfile.Profile(time.thread_time)
            with _LOCK:
                _RUNS.append(prof)
        prof.enable()

    compat.around_script_runs(enable, lambda: _LOCAL.prof.disable())


def _dump(out: Path, main_prof: cProfile.Profile) -> None:
    main_prof.disable()
    main_prof.dump_stats(out.with_suffix(".main.prof"))
    with _LOCK:
        runs = [p for p in _RUNS if p.getstats()]
    if runs:
        merged = pstats.Stats(runs[0])
        for p in runs[1:]:
            merged.add(p)
        merged.dump_stats(out.with_suffix(".runs.prof"))
        merged.add(main_prof)
        merged.dump_stats(out)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2 or args[1] != "run":
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    out = Path(args[0])
    from streamlit.web import cli

    _profile_runs()
    main_prof = cProfile.Profile(time.thread_time)
    done: list[bool] = []

    def dump() -> None:
        if not done:
            done.append(True)
            _dump(out, main_prof)

    atexit.register(dump)
    # serve.py runs under uvicorn, which, once shut down, raises the SIGTERM it caught again
    # with the default action: the process ends without atexit. Write the profile first.
    raise_signal = signal.raise_signal

    def dump_then_raise(sig) -> None:  # noqa: ANN001 -- signal's signature
        dump()
        raise_signal(sig)

    signal.raise_signal = dump_then_raise
    sys.argv = ["streamlit", *args[1:]]
    main_prof.enable()
    try:
        cli.main()
    except SystemExit as e:
        return int(e.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
