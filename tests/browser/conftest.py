"""Real-browser fixtures: the app served by ``streamlit run`` and Debian's headless Chromium.

Chromium is never downloaded: the tests drive ``/usr/bin/chromium`` (or ``chromium`` on PATH).
Where it is missing they are skipped, unless ``ATLAS_REQUIRE_BROWSER=1`` (CI), which turns the
skip into a failure.

Every test's page records each request (iframes included), response, console message, page
error and websocket; at teardown the recorder fails the test if anything went to a host other
than the app's own, failed to load, or threw.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.load_procs import free_port, healthy

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1500, "height": 1000}
START_TIMEOUT = 60.0  # seconds for the server to answer its health check
DEFAULT_TIMEOUT_MS = 30_000  # Playwright actions and waits
FAILED_LOAD = re.compile(r"failed to load|net::err_|status of [45]\d\d|404|not found", re.I)


def chromium_path() -> str | None:
    """Debian's Chromium, if installed."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def _unavailable(reason: str) -> None:
    """Skip, or fail where the browser tests must run (``ATLAS_REQUIRE_BROWSER=1``)."""
    if os.environ.get("ATLAS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and ATLAS_REQUIRE_BROWSER=1 requires the browser tests",
                    pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = chromium_path()
    if path is None:
        _unavailable("Chromium not found (/usr/bin/chromium or `chromium` on PATH)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("the playwright package is not installed")
    return path


# --- the app -------------------------------------------------------------------------------


@dataclass
class Server:
    """A running ``streamlit run serve.py`` (or ``dashboard.py``)."""

    proc: subprocess.Popen
    port: int
    base_path: str  # "" or "atlas"
    log_path: Path

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def hosts(self) -> set[str]:
        """``host:port`` forms the app may be reached at."""
        return {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}

    def url(self, path: str = "") -> str:
        """Absolute URL of ``path`` (with its query string) under the base URL path."""
        prefix = f"/{self.base_path}" if self.base_path else ""
        return f"{self.origin}{prefix}/{path.lstrip('/')}"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@contextlib.contextmanager
def serve(log_dir: Path, base_path: str = "", data_dir: Path | None = None,
          articles_dir: Path | None = None, script: str = "serve.py") -> Iterator[Server]:
    """Start the app on a free port; poll its health check; stop it afterwards.

    By default the app reads the shipped data in ``data/``; ``data_dir`` and ``articles_dir``
    point it at other folders (``ATLAS_DATA_DIR``, ``ATLAS_ARTICLES_DIR``). ``script`` is what
    ``streamlit run`` runs: ``serve.py`` as deployed (``dashboard.py`` through ``st.App``), or
    ``dashboard.py`` itself.
    """
    port = free_port()
    log_path = log_dir / f"streamlit-{port}.log"
    cmd = [sys.executable, "-m", "streamlit", "run", script,
           "--server.port", str(port), "--server.headless", "true",
           "--server.address", "127.0.0.1",
           # one consistent app for the whole run, even if files change meanwhile
           "--server.fileWatcherType", "none"]
    if base_path:
        cmd += ["--server.baseUrlPath", base_path]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env.pop("ATLAS_DATA_DIR", None)  # the assertions are about the shipped data in data/
    if data_dir is not None:
        env["ATLAS_DATA_DIR"] = str(data_dir)
    if articles_dir is not None:
        env["ATLAS_ARTICLES_DIR"] = str(articles_dir)
    with log_path.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=out, stderr=subprocess.STDOUT, env=env)
    server = Server(proc, port, base_path, log_path)
    try:
        health = server.url("_stcore/health")
        deadline = time.monotonic() + START_TIMEOUT
        while not healthy(health):
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode} before answering "
                            f"{health}:\n{server.log()}", pytrace=False)
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit did not answer {health} within {START_TIMEOUT:.0f} s:\n"
                            f"{server.log()}", pytrace=False)
            time.sleep(0.2)  # poll interval, not a wait for readiness
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def app(chromium_executable: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app at ``http://127.0.0.1:<port>/``."""
    with serve(tmp_path_factory.mktemp("server")) as server:
        yield server


@pytest.fixture(scope="session")
def app_atlas(chromium_executable: str,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app under ``--server.baseUrlPath atlas``: ``http://127.0.0.1:<port>/atlas/``."""
    with serve(tmp_path_factory.mktemp("server-atlas"), base_path="atlas") as server:
        yield server


# --- the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(chromium_executable: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Recorder:
    """What one page did on the network and in its console (every frame included)."""

    allowed_hosts: set[str]
    base_prefix: str  # "" or "/atlas"
    requests: list[str] = field(default_factory=list)
    responses: list[tuple[str, int]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[tuple[str, str]] = field(default_factory=list)  # (text, url)
    page_errors: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)
    frames_sent: int = 0  # websocket messages from the browser to the app (rerun requests…)

    def attach(self, context, page) -> None:
        context.on("request", lambda r: self.requests.append(r.url))
        context.on("response", lambda r: self.responses.append((r.url, r.status)))
        context.on("requestfailed", self._failed)
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.page_errors.append(f"{e.name}: {e.message}"))
        page.on("websocket", self._websocket)

    def _failed(self, request) -> None:
        # ERR_ABORTED is a request the page itself cancelled (e.g. on leaving it), not a failure
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url}: {request.failure or 'failed'}")

    def _console(self, msg) -> None:
        if msg.type == "error":
            url = (msg.location or {}).get("url", "")
            self.console_errors.append((f"{msg.text} [{url}]", url))

    def _websocket(self, ws) -> None:
        self.websockets.append(ws.url)

        def sent(_payload) -> None:
            self.frames_sent += 1

        ws.on("framesent", sent)

    def foreign(self) -> list[str]:
        """Every URL that went anywhere but the app (data:, blob:, about: stay in the page)."""
        out = []
        for url in [*self.requests, *self.websockets]:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "ws", "wss") and \
                    parts.netloc not in self.allowed_hosts:
                out.append(url)
        return out

    def _base_probe(self, url: str) -> bool:
        """Streamlit's own base-path discovery, not a failed load.

        Opened at ``/<page>``, Streamlit's client first asks ``/<page>/_stcore/health`` (and
        ``host-config``) in case the app is served under that path, gets a 404, then asks the
        parent path. Only those probes of a path other than the app's base are excused.
        """
        path = urlsplit(url).path
        real = f"{self.base_prefix}/_stcore/"
        return (path.endswith(("/_stcore/health", "/_stcore/host-config"))
                and not path.startswith(real))

    def failed_loads(self) -> list[str]:
        bad = [f"HTTP {status}: {url}" for url, status in self.responses
               if status >= 400 and not self._base_probe(url)]
        bad += [f"request failed: {f}" for f in self.failed]
        bad += [f"console error: {m}" for m, url in self.console_errors
                if FAILED_LOAD.search(m) and not (url and self._base_probe(url))]
        return bad

    def check(self) -> None:
        problems = [f"request to another host: {u}" for u in self.foreign()]
        problems += self.failed_loads()
        problems += [f"uncaught error in the page: {e}" for e in self.page_errors]
        assert not problems, "\n".join(problems)

    def response_status(self, path: str) -> list[int]:
        """Statuses of the responses whose URL path is exactly ``path``."""
        return [status for url, status in self.responses if urlsplit(url).path == path]


@dataclass
class Session:
    page: object  # playwright.sync_api.Page
    net: Recorder
    server: Server


def _open(browser, server: Server) -> Iterator[Session]:
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    net = Recorder(server.hosts, f"/{server.base_path}" if server.base_path else "")
    net.attach(context, page)
    try:
        yield Session(page, net, server)
        net.check()
    finally:
        context.close()


@pytest.fixture
def session(browser, app: Server) -> Iterator[Session]:
    """A fresh browser context on the app; fails at teardown on foreign hosts or errors."""
    yield from _open(browser, app)


@pytest.fixture
def session_atlas(browser, app_atlas: Server) -> Iterator[Session]:
    """As :func:`session`, on the app served under ``/atlas``."""
    yield from _open(browser, app_atlas)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
