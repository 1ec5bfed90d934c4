"""Processes of a load run: Streamlit replicas and nginx on 127.0.0.1, and their CPU and memory.

The load benchmark (``python -m bench.load``) and the load, replica and memory tests start the
app the way it is deployed (``streamlit run dashboard.py``, and nginx with ``deploy/nginx``'s
configuration in front of several replicas) and read what each process used from ``/proc``
(Linux only; elsewhere the numbers are missing, not made up).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

__all__ = ["NGINX_CONF", "Proc", "cpu_seconds", "free_port", "healthy", "nginx_config", "nginx_exe",
           "proc_stats", "rss_bytes", "start_nginx", "start_streamlit", "stop", "tree",
           "write_nginx_conf"]

REPO = Path(__file__).resolve().parent.parent
NGINX_CONF = REPO / "deploy" / "nginx" / "atlas.conf"
START_TIMEOUT = 90.0  # seconds for a replica to answer its health check (busy shared machine)


@dataclass
class Proc:
    """A started process: its ``Popen``, where it listens and where it logs."""

    name: str
    popen: subprocess.Popen
    port: int
    log_path: Path

    @property
    def pid(self) -> int:
        return self.popen.pid

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    """Whether Streamlit's health check at ``url`` answers ``ok``."""
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200 and r.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _wait_healthy(proc: Proc, url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not healthy(url):
        if proc.popen.poll() is not None:
            raise RuntimeError(f"{proc.name} exited with {proc.popen.returncode} before "
                               f"answering {url}:\n{proc.log()[-3000:]}")
        if time.monotonic() > deadline:
            stop(proc)
            raise RuntimeError(f"{proc.name} did not answer {url} within {START_TIMEOUT:.0f} s:"
                               f"\n{proc.log()[-3000:]}")
        time.sleep(0.2)  # poll interval, not a wait for readiness


def start_streamlit(log_dir: Path, base_path: str = "", port: int | None = None,
                    extra_args: tuple[str, ...] = (), profile_to: Path | None = None,
                    env: dict[str, str] | None = None) -> Proc:
    """``streamlit run serve.py`` (the app as deployed) on 127.0.0.1, returned once its health
    check answers.

    ``profile_to``: run it under :mod:`bench.load_profile`, which writes cProfile statistics
    of every script run (and of the server's event loop) there when the process is stopped.
    """
    port = port or free_port()
    log_path = log_dir / f"streamlit-{port}.log"
    args = ["run", "serve.py", "--server.port", str(port), "--server.headless", "true",
            "--server.address", "127.0.0.1", "--server.fileWatcherType", "none", *extra_args]
    if base_path:
        args += ["--server.baseUrlPath", base_path]
    cmd = [sys.executable, "-m", "streamlit", *args]
    if profile_to is not None:
        cmd = [sys.executable, "-m", "bench.load_profile", str(profile_to), *args]
    full_env = dict(os.environ, PYTHONUNBUFFERED="1", **(env or {}))
    with log_path.open("wb") as out:
        popen = subprocess.Popen(cmd, cwd=REPO, stdout=out, stderr=subprocess.STDOUT,
                                 env=full_env)
    proc = Proc(f"streamlit:{port}", popen, port, log_path)
    prefix = f"/{base_path}" if base_path else ""
    _wait_healthy(proc, f"http://127.0.0.1:{port}{prefix}/_stcore/health")
    return proc


def nginx_config(template: str, ports: list[int], listen: int, base_path: str,
                 tag_upstream: bool = False) -> str:
    """The shipped ``deploy/nginx/atlas.conf`` with this run's replicas, port and path.

    Replaced: the ``server 127.0.0.1:…`` lines of ``upstream atlas`` (one per replica), the
    ``listen`` port (127.0.0.1 only) and the ``/atlas/`` path. ``tag_upstream`` adds a response
    header naming the replica that answered, so a test can tell where each session went.
    """
    out, in_upstream, found = [], False, False
    for line in template.splitlines():
        code = line.strip()
        if code.startswith("upstream atlas {"):
            in_upstream = found = True
        elif in_upstream and code.startswith("server "):
            continue
        elif in_upstream and code == "}":
            out += [f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in ports]
            in_upstream = False
        elif code.startswith("listen "):
            line = f"    listen 127.0.0.1:{listen};"
        out.append(line)
    if not found:
        raise ValueError(f"{NGINX_CONF}: no `upstream atlas` block")
    text = "\n".join(out) + "\n"
    path = f"/{base_path.strip('/')}/" if base_path.strip("/") else "/"
    text = text.replace("/atlas/", path)
    if tag_upstream:
        text = text.replace("proxy_pass http://atlas;", "proxy_pass http://atlas;\n"
                            "        add_header X-Atlas-Upstream $upstream_addr always;")
    return text


def nginx_exe(nginx: str | None = None) -> str | None:
    """Debian's nginx (or ``nginx``), if installed."""
    for candidate in (nginx, "/usr/sbin/nginx", shutil.which("nginx")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def write_nginx_conf(work: Path, ports: list[int], listen: int, base_path: str,
                     tag_upstream: bool = False) -> Path:
    """A whole nginx configuration in ``work`` around the shipped site file: its logs, pid and
    temporary files in ``work``, nothing in /etc or /var."""
    work.mkdir(parents=True, exist_ok=True)
    os.chmod(work, 0o755)  # nginx's workers (user nobody) write their temporary files here
    temps = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    for sub in temps:
        (work / sub).mkdir(exist_ok=True)
        os.chmod(work / sub, 0o777)
    site = nginx_config(NGINX_CONF.read_text(encoding="utf-8"), ports, listen, base_path,
                        tag_upstream)
    conf = work / "nginx.conf"
    conf.write_text(
        f"worker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log warn;\n"
        f"events {{ worker_connections 1024; }}\nhttp {{\n  access_log {work}/access.log;\n"
        + "".join(f"  {sub}_temp_path {work}/{sub};\n" for sub in temps)
        + site + "}\n", encoding="utf-8")
    return conf


def start_nginx(work: Path, ports: list[int], base_path: str, tag_upstream: bool = False,
                nginx: str | None = None) -> Proc:
    """Debian's nginx in the foreground with the shipped site configuration, on 127.0.0.1."""
    exe = nginx_exe(nginx)
    if exe is None:
        raise RuntimeError("nginx not found (apt-get install nginx)")
    port = free_port()
    conf = write_nginx_conf(work, ports, port, base_path, tag_upstream)
    log_path = work / "nginx.out"
    with log_path.open("wb") as out:
        popen = subprocess.Popen([exe, "-p", str(work), "-e", str(work / "error.log"),
                                  "-c", str(conf), "-g", "daemon off;"],
                                 stdout=out, stderr=subprocess.STDOUT)
    proc = Proc("nginx", popen, port, log_path)
    prefix = f"/{base_path.strip('/')}" if base_path.strip("/") else ""
    _wait_healthy(proc, f"http://127.0.0.1:{port}{prefix}/_stcore/health")
    return proc


def stop(proc: Proc, sig: int = signal.SIGTERM, timeout: float = 20.0) -> None:
    """Stop ``proc`` (and wait for it): ``sig``, then SIGKILL after ``timeout`` seconds."""
    if proc.popen.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            proc.popen.send_signal(sig)
        try:
            proc.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.popen.kill()
            proc.popen.wait()


# --- /proc ---------------------------------------------------------------------------------


def proc_stats() -> dict[int, tuple[int, float, int]]:
    """pid -> (parent pid, CPU seconds, resident bytes), for every process."""
    if not Path("/proc/self/stat").exists():
        return {}
    tick, page = os.sysconf("SC_CLK_TCK"), os.sysconf("SC_PAGE_SIZE")
    out = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        out[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick,
                                int(fields[21]) * page)
    return out


def tree(stats: dict[int, tuple[int, float, int]], root: int) -> set[int]:
    """``root`` and its descendants."""
    children: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    out, todo = set(), [root]
    while todo:
        pid = todo.pop()
        out.add(pid)
        todo += children.get(pid, [])
    return out & stats.keys()


def rss_bytes(stats: dict[int, tuple[int, float, int]], root: int) -> int:
    """Resident memory of ``root`` and its descendants."""
    return sum(stats[p][2] for p in tree(stats, root))


def cpu_seconds(stats: dict[int, tuple[int, float, int]], root: int) -> float:
    """CPU seconds used so far by ``root`` and its (living) descendants."""
    return sum(stats[p][1] for p in tree(stats, root))
