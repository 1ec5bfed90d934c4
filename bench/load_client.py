"""A browser-like Streamlit session without a browser: the websocket protocol, spoken directly.

One :class:`StreamlitClient` is one viewer: it loads the page over HTTP (keeping the cookies a
proxy sets, as a browser does), opens ``/_stcore/stream`` and exchanges Streamlit's own
``BackMsg``/``ForwardMsg`` protobufs: rerun requests carrying the page's query string and the
widget states a change sets, answered by the page's elements. It keeps the query string the app
writes (the view's address), the page's script hash, the widget ids it has seen and the
cacheable messages it received, like Streamlit's frontend. Used by ``python -m bench.load`` and
the load, replica and memory tests; at a few ms of CPU per rerun it loads the server as a real
browser does without the cost of drawing the map.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import statistics
import time
import urllib.request
from collections.abc import Callable, Iterable
from urllib.parse import parse_qs, urlsplit

__all__ = ["MAP_COMPONENT", "GLYPH", "StreamlitClient", "first_line", "nearest_rank", "run_coro",
           "query_params", "summary"]

MAP_COMPONENT = "streamlit_folium.st_folium"
GLYPH = "atlas-glyph"  # class of an event marker (geo.layers)
LIVE = "AtlasMap.live("  # the map switches its extra layers itself (geo.mapjs.LiveShow)
MAX_MESSAGE_AGE = 2  # runs a cached message is kept unused (Streamlit's default)


def nearest_rank(values: list[float], pct: float) -> float:
    """The ``pct`` percentile by nearest rank: the smallest value with ``pct`` % at or below."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(pct * len(ordered) / 100)) - 1]


def summary(values: list[float]) -> dict[str, float | int | None]:
    """Count, median, 95th percentile (nearest rank), maximum and mean, rounded to ms."""
    if not values:
        return {"n": 0, "p50": None, "p95": None, "max": None, "mean": None}
    return {"n": len(values), "p50": round(nearest_rank(values, 50), 3),
            "p95": round(nearest_rank(values, 95), 3), "max": round(max(values), 3),
            "mean": round(statistics.fmean(values), 3)}


def first_line(e: BaseException) -> str:
    text = str(e).strip()
    return f"{type(e).__name__}: {text.splitlines()[0] if text else ''}"


def query_params(query: str) -> dict[str, str]:
    """A query string as the app reads it: one value per key (empty values kept)."""
    return {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}


class StreamlitClient:
    """One Streamlit session over the websocket, as the browser's frontend holds it."""

    def __init__(self, base_url: str, query: str = "", *, load_timeout: float = 90.0,
                 action_timeout: float = 60.0) -> None:
        parts = urlsplit(base_url)
        self.base_url = base_url.rstrip("/") + "/"
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.uri = f"ws://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"
        self.query = query
        self.load_timeout, self.action_timeout = load_timeout, action_timeout
        self.cookies: dict[str, str] = {}
        self.upstream: str | None = None  # the replica that answered (a test proxy's header)
        self.page_hash = ""
        self.widgets: dict[str, str] = {}  # widget key -> widget id, as last drawn
        self.drawn: dict[str, object] = {}  # widget key -> its element (proto), as last drawn
        self.cache: dict[str, object] = {}  # hash -> ForwardMsg
        self.cache_used: dict[str, int] = {}  # hash -> the run that last used it
        self.runs = 0
        self.events: asyncio.Queue = asyncio.Queue()  # ("map", markers) | ("finished", status)
        self.problems: list[str] = []
        self.closed = asyncio.Event()  # set when the connection drops
        self.ws = None
        self.reader: asyncio.Task | None = None

    # --- connection ------------------------------------------------------------------------

    def _get_page(self) -> None:
        req = urllib.request.Request(f"{self.base_url}?{self.query}" if self.query
                                     else self.base_url, headers=self._cookie_header())
        with urllib.request.urlopen(req, timeout=self.load_timeout) as r:
            r.read()
            self._take_headers(r.headers)

    def _cookie_header(self) -> dict[str, str]:
        if not self.cookies:
            return {}
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    def _take_headers(self, headers) -> None:
        for value in headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0].strip()
        tried = headers.get("X-Atlas-Upstream")  # "a, b" when nginx tried a, then b answered
        self.upstream = tried.split(",")[-1].strip() if tried else self.upstream

    async def open(self) -> None:
        """Load the page (its HTML, over HTTP), then open the websocket, as a browser does."""
        await asyncio.to_thread(self._get_page)
        await self.connect()

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        # No keepalive pings: browsers send none either.
        self.ws = await connect(self.uri, subprotocols=["streamlit"], origin=self.origin,
                                additional_headers=self._cookie_header(), max_size=None,
                                ping_interval=None, proxy=None,
                                open_timeout=self.load_timeout)
        if self.ws.response is not None:
            self._take_headers(self.ws.response.headers)
        self.events = asyncio.Queue()
        self.closed = asyncio.Event()
        self.reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.ws.close(), 10)
        if self.reader is not None:
            self.reader.cancel()
            with contextlib.suppress(BaseException):
                await self.reader

    async def _read(self) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        try:
            async for raw in self.ws:
                msg = ForwardMsg.FromString(raw)
                if msg.WhichOneof("type") == "ref_hash":  # a message the client has cached
                    cached = self.cache.get(msg.ref_hash)
                    if cached is None:
                        self.problems.append(f"reference to an unknown message {msg.ref_hash}")
                        continue
                    self.cache_used[msg.ref_hash] = self.runs
                    msg = cached
                elif msg.metadata.cacheable and msg.hash:
                    self.cache[msg.hash], self.cache_used[msg.hash] = msg, self.runs
                self._handle(msg)
        except Exception as e:  # noqa: BLE001 -- the connection broke: the rerun fails
            await self.events.put(("closed", first_line(e)))
        else:
            await self.events.put(("closed", "the server closed the connection"))
        self.closed.set()

    def _handle(self, msg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.page_hash = msg.new_session.page_script_hash
        elif kind == "navigation":
            self.page_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            self.problems.append(f"page not found: {msg.page_not_found.page_name}")
        elif kind == "script_finished":
            self.events.put_nowait(("finished", msg.script_finished))
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta.new_element)

    def _element(self, element) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.problems.append(f"exception shown: {element.exception.type}: "
                                 f"{element.exception.message}")
            return
        widget_id = getattr(getattr(element, kind), "id", "") if kind else ""
        if isinstance(widget_id, str) and widget_id.startswith("$$ID-"):
            key = widget_id.rsplit("-", 1)[1]
            self.widgets[key], self.drawn[key] = widget_id, getattr(element, kind)
        if kind == "component_instance" and \
                element.component_instance.component_name == MAP_COMPONENT:
            args = json.loads(element.component_instance.json_args)
            layers = str(args.get("feature_group"))
            markers = layers.count(GLYPH)
            # live layers (geo.layers.map_layers(live=True)) carry the events whether shown or
            # not; the page shows them when the address it was given says so
            if LIVE in layers and "events" not in query_params(self.query).get("show", ""):
                markers = 0
            self.events.put_nowait(("map", markers))

    # --- reruns ----------------------------------------------------------------------------

    def widget_id(self, key: str) -> str:
        """The id of the widget with ``key`` on the page last drawn."""
        if key not in self.widgets:
            raise RuntimeError(f"no widget {key!r} on the page (seen: {sorted(self.widgets)})")
        return self.widgets[key]

    def _age_cache(self) -> None:
        """Forget cached messages no run used in the last ``MAX_MESSAGE_AGE`` runs, as
        Streamlit's frontend does (``global.maxCachedMessageAge``)."""
        self.runs += 1
        for h in [h for h, run in self.cache_used.items() if self.runs - run > MAX_MESSAGE_AGE]:
            del self.cache[h], self.cache_used[h]

    def _request(self, template: bytes | None, widgets: Iterable) -> bytes:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        self._age_cache()
        msg = BackMsg()
        if template is None:
            state = msg.rerun_script
            state.query_string = self.query
            state.page_script_hash = self.page_hash
            state.widget_states.SetInParent()
            state.widget_states.widgets.extend(widgets)
            info = state.context_info
            info.timezone, info.timezone_offset, info.locale = "UTC", 0, "en-US"
            info.url, info.color_scheme = self.base_url, "light"
        else:
            msg.ParseFromString(template)
            state = msg.rerun_script
            state.query_string = self.query
            state.page_script_hash = self.page_hash
        del state.cached_message_hashes[:]
        state.cached_message_hashes.extend(self.cache)
        return msg.SerializeToString()

    async def rerun(self, template: bytes | None = None,
                    wanted: Callable[[int], bool] = lambda n: True, widgets: Iterable = (),
                    timeout: float | None = None) -> tuple[int, float, float]:
        """Send a rerun request and wait for its map and the end of its run.

        ``template``: a rerun request a real browser sent (its widget states), sent with this
        session's query string, page and cache; otherwise a request with the query string and
        ``widgets`` (``WidgetState`` protos: only what changed, the server keeps the rest), or
        with none (a page load). ``wanted(markers)`` tells the map this run must send.
        Returns the event markers on that map and the seconds to the map and to the end of
        the run.
        """
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        limit = timeout or (self.action_timeout if template or widgets else self.load_timeout)
        payload = self._request(template, widgets)
        markers, t_map = None, None
        t0 = time.monotonic()
        deadline = t0 + limit
        from websockets.exceptions import ConnectionClosed

        try:
            await self.ws.send(payload)
        except ConnectionClosed as e:
            raise ConnectionError(first_line(e)) from None
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no new map within {limit:g} s")
            try:
                event, value = await asyncio.wait_for(self.events.get(), remaining)
            except TimeoutError:
                raise TimeoutError(f"no new map within {limit:g} s") from None
            if event == "closed":
                raise ConnectionError(value)
            if event == "map":
                markers = value
                if wanted(value) and t_map is None:
                    t_map = time.monotonic() - t0
            elif event == "finished":
                if value == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # the app reran itself (st.rerun): its next run follows
                if value != ForwardMsg.FINISHED_SUCCESSFULLY:
                    raise RuntimeError(f"the run finished with status {value}")
                done = time.monotonic() - t0
                if t_map is None and markers is None and (template or widgets):
                    # no map sent at all: its layers are the same for the new view (a date
                    # on which nothing shown changes), so the map on screen is already right
                    return markers, done, done
                if t_map is None:
                    raise RuntimeError(f"the run ended without the wanted map (its map had "
                                       f"{markers} markers): the change was lost")
                return markers, t_map, done


def run_coro(coro):
    """``asyncio.run(coro)``, in a thread of its own when this one already runs an event loop
    (Playwright's synchronous API keeps one running in the test session's main thread)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
