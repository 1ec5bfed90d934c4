"""Every use of a library's unpublished behaviour, in one place, with the versions it was
checked on (see ``tests/test_compat.py``, which fails loudly when an upgrade changes one).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import threading

from branca.element import Element

__all__ = ["CHROME_TESTIDS", "FOLIUM_FRAME", "MAP_DIVS_CSS", "MULTISELECT_CHIPS", "SECOND_MAP",
           "ClientBase", "RenderOnce", "apptest_navigation", "around_script_runs",
           "client_base_script",
           "compact_top_css", "fill_height_css", "folium_args", "folium_component", "folium_group",
           "leave_pages_folder_mode", "no_cdn", "show_folium",
           "present_css", "stable_ids", "use_leaflet"]

#: the iframe streamlit-folium draws a map in: its ``title`` is the component's name
#: (checked on streamlit 1.67, streamlit-folium 0.27.4)
FOLIUM_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


#: a multiselect's chips in Streamlit's page (checked on streamlit 1.67: react-aria tags, each
#: labelled by ``aria-label``): the map reads the "More layers" chips as they change, before the
#: rerun; ``{key}`` is the widget's key. Where the container is not found, the map goes by the
#: address's ``show=`` (written by the rerun), so a change here slows the switch, never breaks it
MULTISELECT_CHIPS = ('.st-key-{key} [data-testid="stMultiSelectTagsContainer"]', "[data-tag]",
                     "aria-label")


#: the right map of a DualMap in streamlit-folium's page: its JavaScript name
#: (checked on streamlit-folium 0.27.4)
SECOND_MAP = "map_div2"
#: inside that frame, the maps' ``<div>``\s are ``#map_div`` (and ``#map_div2``, the right map of a
#: DualMap) with their height set inline from ``st_folium(height=…)``: made to fill the frame
MAP_DIVS_CSS = ("<style>html, body { height: 100%; } #map_div, #map_div2 "
                "{ height: 100vh !important; }</style>")
#: Streamlit's main column (``data-testid`` checked on streamlit 1.67): less empty space above
#: the map
_MAIN = '[data-testid="stMainBlockContainer"]'


def fill_height_css(below_px: int, min_px: int = 380, narrow_below_px: int | None = None) -> str:
    """CSS making the map's frame as tall as the window leaves it: the component only takes a
    fixed height in pixels, and the server does not know the window's. ``narrow_below_px``:
    what the rest of the page takes on a phone (up to 640 px wide), where texts wrap more."""
    narrow = ("" if narrow_below_px is None else
              f"@media (max-width: 640px) {{ {FOLIUM_FRAME} {{ height: max({min_px}px, "
              f"calc(100vh - {narrow_below_px}px)) !important; }} }}")
    return (f"<style>{FOLIUM_FRAME} {{ height: max({min_px}px, calc(100vh - {below_px}px)) "
            f"!important; }}{narrow}</style>")


def compact_top_css() -> str:
    """Less empty space above the map page's title, and a smaller title."""
    return (f"<style>{_MAIN} {{ padding-top: 3.2rem; }} "
            f"{_MAIN} h1 {{ font-size: 1.75rem; padding: 0 0 .25rem; }}</style>")


#: Streamlit's page chrome a presentation hides: sidebar, its open/close buttons, the header
#: (``data-testid`` values checked on streamlit 1.67)
CHROME_TESTIDS = ("stSidebar", "stExpandSidebarButton", "stSidebarCollapseButton", "stHeader")


def present_css() -> str:
    """Presentation mode: Streamlit's chrome hidden, the main column widened, and the slide's
    texts (``st.text`` in containers keyed ``present_*``: ``.st-key-*`` classes) set large."""
    text = '[data-testid="stText"]'  # checked on streamlit 1.67
    return ("<style>" + ", ".join(f'[data-testid="{x}"]' for x in CHROME_TESTIDS)
            + " { display: none !important; }\n"
            f"{_MAIN} {{ padding: 0.8rem 1.5rem 0.4rem; max-width: 100%; }}\n"
            f".st-key-present_title {text} {{ font-size: 2.3rem; font-weight: 700; "
            "line-height: 1.15; }\n"
            f".st-key-present_caption {text} {{ font-size: 1.45rem; line-height: 1.4; }}\n"
            f".st-key-present_nav {text} {{ font-size: 1.3rem; }}\n"
            ".st-key-present_nav button p { font-size: 1.15rem; }\n"
            f".st-key-present_foot {text} {{ font-size: 1rem; color: #555; }}\n"
            # a phone: smaller type and buttons, so title, buttons, caption and map fit
            f"@media (max-width: 640px) {{ {_MAIN} {{ padding: 0.4rem 0.6rem 0.2rem; }}\n"
            f".st-key-present_title {text} {{ font-size: 1.3rem; }}\n"
            f".st-key-present_caption {text} {{ font-size: 0.95rem; line-height: 1.35; }}\n"
            ".st-key-present_nav button { min-height: 2rem; padding: 0 0.45rem; }\n"
            ".st-key-present_nav button p { font-size: 0.85rem; }\n"
            f".st-key-present_foot {text} {{ font-size: 0.75rem; }} }}\n</style>")


def leave_pages_folder_mode() -> bool:
    """Switch Streamlit out of its pre-``st.navigation`` ``pages/`` folder mode (what
    ``st.navigation`` itself sets); True if it was in it (the caller reruns at once).

    Streamlit decides that on a session's first run when a ``pages/`` folder exists, and then
    runs the entrypoint as one of its pages: widgets get ids from that page's hash, different
    from the ids of every later run, so the user's first widget change would be lost.
    ``PagesManager.uses_pages_directory`` is a class attribute (checked on streamlit 1.67).
    """
    from streamlit.runtime.scriptrunner import script_runner

    if script_runner.PagesManager.uses_pages_directory:
        script_runner.PagesManager.uses_pages_directory = False
        return True
    return False


@contextlib.contextmanager
def apptest_navigation():
    """Inside: Streamlit's ``AppTest`` runs ``dashboard.py`` the ``st.navigation`` way on every
    run, as a real server does after :func:`leave_pages_folder_mode` (tests and benchmarks).

    ``AppTest`` resets ``PagesManager.uses_pages_directory`` before every run and, with a
    ``pages/`` folder beside the script, would run the page script alone; the script runner
    reads ``PagesManager`` from its own module (checked on streamlit 1.67).
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import script_runner

    class Navigation(PagesManager):
        uses_pages_directory = False

    real = script_runner.PagesManager
    script_runner.PagesManager = Navigation
    try:
        yield
    finally:
        script_runner.PagesManager = real


def around_script_runs(enter, leave) -> None:
    """Call ``enter()`` before and ``leave()`` after every script run of this process, in the
    run's own thread (the room benchmark's profiler, ``bench/load_profile.py``).

    ``ScriptRunner._run_script`` runs one script run (checked on streamlit 1.67).
    """
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    run = ScriptRunner._run_script

    def wrapped(self, rerun_data):  # noqa: ANN001, ANN202 -- Streamlit's signature
        enter()
        try:
            return run(self, rerun_data)
        finally:
            leave()

    ScriptRunner._run_script = wrapped


def stable_ids(groups: list, first: int = 0) -> list:
    """Give every element of ``groups`` a deterministic id, so the same view renders the same
    script: streamlit-folium re-adds the feature groups whenever their script changes, which
    with folium's random ids would be on every rerun (closing an open popup, flickering the
    map). Sets branca's ``_id`` (read by ``get_name``) through ``_children`` (branca 0.8);
    hashed, so that no id is a prefix of another (streamlit-folium substitutes ids as text).
    ``first``: the place of ``groups[0]`` among the map's groups (one rendered on its own)."""
    def walk(element, path: str) -> None:
        element._id = hashlib.sha1(path.encode()).hexdigest()[:20]
        for i, child in enumerate(element._children.values()):
            walk(child, f"{path}/{i}")

    for n, group in enumerate(groups, start=first):
        walk(group, str(n))
    return groups


class _Rendered(Element):
    """Text already rendered (see :class:`RenderOnce`)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class RenderOnce:
    """Mixin for a branca ``MacroElement``: its macros' output goes into the page as text.

    Branca's own ``render`` (0.8) wraps each output in a new ``Element``, i.e. compiles it as
    a Jinja template and renders it again: a cost that grows with the data the element carries
    (the largest part of a map rerun), and a way for ``{{ … }}`` in the data to be evaluated.
    This re-implements that method: macros ``header``/``html``/``script`` of ``_template``
    added to the figure's parts under the element's name, then the children rendered.
    """

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = macros.get(part)
            if macro is not None:
                getattr(figure, part).add_child(_Rendered(macro(self, kwargs)),
                                                name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


_INSTALL = threading.Lock()


def folium_component():
    """streamlit-folium's component itself: what ``st_folium`` calls last, with the arguments
    :func:`folium_args` returns (checked on streamlit-folium 0.27.4: ``_component_func``, a
    components-v1 component called with keyword arguments)."""
    import streamlit_folium

    return getattr(streamlit_folium._component_func, "real", streamlit_folium._component_func)


def show_folium(args: dict, key: str, on_change=None):
    """Show a map from :func:`folium_args` as ``st_folium(key=key, on_change=on_change)``
    would (checked on streamlit-folium 0.27.4: its ``_on_change`` copies the component's value,
    kept under the map's hash, to ``st.session_state[key]``, then calls ``on_change``)."""
    import copy

    import streamlit as st

    def changed() -> None:
        st.session_state[key] = st.session_state.get(args["key"], {})
        if on_change is not None:
            on_change()

    # the defaults are what this session reads before the map reports anything: its own copy
    return folium_component()(**{**args, "default": copy.deepcopy(args["default"])},
                              on_change=changed)


def folium_group(group, place: int) -> str:
    """``group``'s script as ``st_folium(feature_group_to_add=[…])`` writes it for the group
    at ``place`` (checked on streamlit-folium 0.27.4: ``_get_feature_group_string``, whose
    output depends on the group and its place only; the map's own name is replaced), so each
    layer is rendered once and the page's ``feature_group`` argument joined from them."""
    import folium
    import streamlit_folium

    return streamlit_folium._get_feature_group_string(group, folium.Map(tiles=None), place)


def _stand_in() -> threading.local:
    """Put the stand-in in place of streamlit-folium's component (once per process) and return
    its switch: per thread, on while that thread only renders. The switch lives on the
    stand-in, not in this module, so a reload of this module (Streamlit's file watcher) finds
    the one in place."""
    import streamlit_folium

    with _INSTALL:
        if not hasattr(streamlit_folium._component_func, "real"):
            def component(**kwargs):
                if getattr(component.capture, "on", False):
                    component.capture.args = kwargs
                    return None
                return component.real(**kwargs)

            component.real, component.capture = streamlit_folium._component_func, threading.local()
            streamlit_folium._component_func = component
    return streamlit_folium._component_func.capture


def folium_args(fig, **options) -> dict:
    """What ``st_folium(fig, **options)`` sends its component, without showing anything.

    Rendering a map to Leaflet's script is most of a map page's rerun and depends on the view
    only, so it is done once per view and shared between sessions; the page then shows it with
    :func:`folium_component` and an ``on_change`` of its own (left out here: it is per
    session). ``st_folium`` itself renders, so nothing of it is copied here: its call to the
    component is caught, in this thread only, by a stand-in that otherwise calls through.
    """
    import streamlit_folium

    capture = _stand_in()
    capture.on, capture.args = True, None
    try:
        streamlit_folium.st_folium(fig, **options)
        if capture.args is None:
            raise RuntimeError("st_folium no longer calls streamlit_folium._component_func")
        args = dict(capture.args)
    finally:
        capture.on, capture.args = False, None
    args.pop("on_change", None)
    return args


def use_leaflet(js: list[tuple[str, str]], css: list[tuple[str, str]]) -> None:
    """Every ``folium.Map`` of this process loads ``js`` and ``css`` (folium 0.20 reads the
    class attributes ``default_js``/``default_css``), not folium's CDN defaults."""
    import folium

    folium.Map.default_js = js
    folium.Map.default_css = css


def no_cdn(m) -> None:
    """This map loads no file by URL (an export that carries Leaflet inline): the class lists
    are shadowed on the instance."""
    m.default_js, m.default_css = [], []


def client_base_script(base_url_path: str) -> bytes:
    """An inline script telling Streamlit's client where the app is served, before it loads.

    Opened at ``/<page>``, the client (checked on streamlit 1.67) does not know whether
    ``<page>`` is a page or the app's base path: it asks ``/<page>/_stcore/health`` and
    ``host-config`` first (two 404s in the console, streamlit#7074) unless
    ``window.__streamlit.BACKEND_BASE_URL`` names the base, a hosting hook it reads once when
    its bundle starts (unpublished; streamlit#11537 names it as the fix for this).
    """
    base = json.dumps("/" + base_url_path.strip("/")).replace("<", "\\u003c")
    return ("<script>window.__streamlit=Object.assign(window.__streamlit||{},"
            f"{{BACKEND_BASE_URL:location.origin+{base}}});</script>").encode()


class ClientBase:
    """ASGI middleware (for ``st.App(middleware=...)``, see ``serve.py``): every HTML page the
    server sends starts with :func:`client_base_script`. Other responses pass untouched."""

    def __init__(self, app, base_url_path=lambda: ""):
        self.app, self.base_url_path = app, base_url_path

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            return await self.app(scope, receive, send)
        start, body = None, []

        async def relay(message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers") or [])
                if message.get("status") != 200 \
                        or not headers.get(b"content-type", b"").startswith(b"text/html"):
                    return await send(message)  # not a page: passed on as it comes
                start = message
                return None
            if start is None:
                return await send(message)
            body.append(message.get("body", b""))
            if not message.get("more_body"):
                await self._send_page(start, b"".join(body), send)
            return None

        await self.app(scope, receive, relay)

    async def _send_page(self, start: dict, data: bytes, send) -> None:
        headers = [(k, v) for k, v in start.get("headers") or [] if k.lower() != b"content-length"]
        zipped = dict(headers).get(b"content-encoding") == b"gzip"
        page = gzip.decompress(data) if zipped else data
        if b"<head>" in page:
            page = page.replace(b"<head>", b"<head>" + client_base_script(self.base_url_path()), 1)
        data = gzip.compress(page) if zipped else page
        await send({**start, "headers": [*headers, (b"content-length", str(len(data)).encode())]})
        await send({"type": "http.response.body", "body": data})
