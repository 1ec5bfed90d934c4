"""What one viewer in a room does: open the shared link, then change the view now and then.

A viewer arrives at a random moment within the first seconds, loads the page and its default
view, then every 2-5 s (seeded random think time) does one of: toggle a layer, move the date,
open a country's card -- by sending the widget change a browser sends. Each action is checked
against the address the app writes back (the view it now shows), so a lost change is an error,
not a fast action. When the connection drops (a replica killed), the viewer reconnects through
the same address, as Streamlit's frontend does, and must get its view back from the URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import datetime as dt
import itertools
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.load_client import StreamlitClient, first_line, query_params
from bench.load_procs import REPO
from geo.i18n import t
from geo.view import EXTRA_LAYERS, FIRST_DAY

__all__ = ["ACTIONS", "RoomConfig", "Viewer", "date_state", "plan_action", "shown_date", "viewer"]

START_VIEW = "lang=en&date=2024-08-09&orgs=CSTO,SCO,OTS&show=events"
ACTIONS = ("layer", "date", "country")
COUNTRIES = ("KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG", "RUS", "CHN", "IRN")
RECONNECT_TRIES = 20
RECONNECT_WAIT = 0.5  # seconds between two tries (Streamlit's frontend backs off from ~0.5 s)


@dataclass
class RoomConfig:
    seconds: float = 60.0  # from the first arrival; no action starts after it
    think: tuple[float, float] = (2.0, 5.0)  # seconds between two actions of a viewer
    arrive: float = 5.0  # viewers arrive within this many seconds
    seed: int = 14
    view: str = START_VIEW
    reconnect: bool = True  # reconnect when the connection drops (else: an error)
    load_timeout: float = 90.0
    action_timeout: float = 60.0


@dataclass
class Viewer:
    index: int
    first_map_s: float | None = None  # page request -> the first map received
    actions: list[tuple[str, float, float]] = field(default_factory=list)  # kind, map, done
    errors: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    upstreams: list[str] = field(default_factory=list)  # replicas that served it, in order
    reconnects: list[float] = field(default_factory=list)  # seconds to the view restored
    interrupted: int = 0  # actions cut by a dropped connection (the viewer reconnected)
    left: bool = False


def _country_names() -> dict[str, str]:
    with (REPO / "data" / "countries.csv").open(encoding="utf-8", newline="") as f:
        return {r["iso3"]: r["name_en"] for r in csv.DictReader(f) if r["iso3"] in COUNTRIES}


NAMES = _country_names()


_SENT = itertools.count(1)


def date_state(client: StreamlitClient, day: dt.date):
    """The widget state the sidebar's time control (``geo.timebar``) sends for ``day``: its
    state value ``date``, numbered as the control numbers what it sends."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    w = WidgetState(id=client.widget_id("w_time"))
    w.json_value = json.dumps({"date": {"value": day.isoformat(), "n": next(_SENT)}})
    return w


def shown_date(client: StreamlitClient) -> str | None:
    """The date the time control was last drawn on (its data), or None."""
    drawn = client.drawn.get("w_time")
    if drawn is None:
        return None
    which = drawn.WhichOneof("data")
    raw = drawn.json if which == "json" else drawn.mixed.json if which == "mixed" else ""
    return json.loads(raw).get("date") if raw else None


def plan_action(rng: random.Random, client: StreamlitClient,
                kind: str | None = None) -> tuple[str, list, Callable[[dict], bool]]:
    """One action: its kind, the widget state a browser would send, and a check of the address
    the app writes back."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    q = query_params(client.query)
    kind = kind or rng.choice(ACTIONS)
    if kind == "layer":
        shown = set(filter(None, q.get("show", "").split(",")))
        flip = rng.choice(EXTRA_LAYERS)
        new = [k for k in EXTRA_LAYERS if (k in shown) != (k == flip)]
        w = WidgetState(id=client.widget_id("w_show"))
        w.string_array_value.data.extend(t(f"layer_{k}", "en") for k in new)
        return kind, [w], lambda p: set(filter(None, p.get("show", "").split(","))) == set(new)
    if kind == "date":
        day = FIRST_DAY + dt.timedelta(days=rng.randrange((dt.date.today() - FIRST_DAY).days))
        return kind, [date_state(client, day)], lambda p: p.get("date") == day.isoformat()
    iso3 = rng.choice([c for c in COUNTRIES if c != q.get("country")])
    w = WidgetState(id=client.widget_id("w_country"))
    w.string_value = NAMES[iso3]
    return kind, [w], lambda p: p.get("country") == iso3


async def _reconnect(client: StreamlitClient, out: Viewer) -> None:
    """Reconnect after the connection dropped; the app must restore the view from the URL."""
    before, t0 = query_params(client.query), time.monotonic()
    await client.close()
    for attempt in range(RECONNECT_TRIES):
        try:
            await client.connect()
            break
        except Exception:  # noqa: BLE001 -- refused or reset: try again, as a browser does
            if attempt == RECONNECT_TRIES - 1:
                raise
            await asyncio.sleep(RECONNECT_WAIT)
    client.widgets.clear()
    client.drawn.clear()
    await client.rerun()  # what the frontend sends first on a new connection: the address
    after = query_params(client.query)
    out.upstreams.append(client.upstream or client.origin.split("//", 1)[1])
    out.reconnects.append(time.monotonic() - t0)
    shown = shown_date(client)
    if after != before or shown != before.get("date"):
        out.errors.append(f"view not restored after reconnecting: {before} -> {after}, "
                          f"time control at {shown}")


async def _act(client: StreamlitClient, rng: random.Random, cfg: RoomConfig,
               out: Viewer) -> None:
    kind, widgets, check = plan_action(rng, client)
    try:
        _, t_map, t_done = await client.rerun(widgets=widgets)
    except ConnectionError:
        if not cfg.reconnect:
            raise
        out.interrupted += 1  # the change is lost with the server: the view is the URL's
        await _reconnect(client, out)
        return
    if not check(query_params(client.query)):
        out.errors.append(f"{kind}: the address does not show the change: {client.query}")
    out.actions.append((kind, t_map, t_done))


async def viewer(index: int, base_url: str, cfg: RoomConfig, t_start: float,
                 out: Viewer) -> None:
    """One viewer, from its arrival to the end of the run; what it saw goes to ``out``."""
    rng = random.Random(f"{cfg.seed}-{index}")
    end = t_start + cfg.seconds
    await asyncio.sleep(max(0.0, t_start + rng.uniform(0, cfg.arrive) - time.monotonic()))
    client = StreamlitClient(base_url, cfg.view, load_timeout=cfg.load_timeout,
                             action_timeout=cfg.action_timeout)
    try:
        t0 = time.monotonic()
        await client.open()
        t1 = time.monotonic()
        _, t_map, _ = await client.rerun()
        out.first_map_s = t1 - t0 + t_map
        out.upstreams.append(client.upstream or client.origin.split("//", 1)[1])
        while not client.problems:
            think = rng.uniform(*cfg.think)
            if time.monotonic() + think >= end:
                break
            # think time (not a wait for readiness); a dropped connection is noticed at once,
            # as the frontend does, and the viewer reconnects
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(client.closed.wait(), think)
            if client.closed.is_set():
                if not cfg.reconnect:
                    raise ConnectionError("the server closed the connection")
                await _reconnect(client, out)
                continue
            await _act(client, rng, cfg, out)
    except Exception as e:  # noqa: BLE001 -- reported as the viewer's error
        out.errors.append(first_line(e))
    finally:
        out.problems += [p for p in client.problems if p not in out.problems]
        await client.close()
        out.left = True
