"""Contract tests for ``geo.compat``: each unpublished behaviour the Atlas relies on, checked
against the installed libraries, so an upgrade that changes one fails here, by name, instead of
silently breaking the page."""

from __future__ import annotations

from pathlib import Path

import streamlit
import streamlit_folium

from geo import compat


def _bundle(package) -> str:
    """Every JavaScript file a package ships to the browser, as one text."""
    root = Path(package.__file__).parent
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in root.rglob("*.js") if "node_modules" not in p.parts)


def test_the_map_frame_is_titled_with_the_component_name() -> None:
    """Streamlit titles a component's iframe with the component's name."""
    name = compat.folium_component().name
    assert f'iframe[title="{name}"]' == compat.FOLIUM_FRAME
    assert name == "streamlit_folium.st_folium"


def test_st_folium_ends_by_calling_its_component() -> None:
    """compat.folium_args catches that call (the module's ``_component_func``, keyword
    arguments, ``on_change`` among them); the stand-in calls through outside a capture."""
    import inspect

    src = inspect.getsource(streamlit_folium.st_folium)
    assert "return _component_func(" in src and "on_change=_on_change" in src
    import folium

    args = compat.folium_args(folium.Map(), key="k")
    assert args["key"] == streamlit_folium.generate_js_hash(args["script"], "k", False)
    stand_in = streamlit_folium._component_func
    real = compat.folium_component()
    assert stand_in.real is real
    calls = []
    stand_in.real = lambda **kw: calls.append(kw)
    try:
        streamlit_folium.st_folium(folium.Map(), key="k")
    finally:
        stand_in.real = real
    assert len(calls) == 1 and calls[0]["key"] == args["key"]


def test_folium_args_survives_a_reload_of_this_module(monkeypatch) -> None:
    """Streamlit's file watcher drops and re-imports the app's modules when a file changes: the
    stand-in already in place must still be the one switched on."""
    import importlib
    import sys

    import folium

    import geo

    compat.folium_args(folium.Map(), key="k")  # the stand-in in place
    monkeypatch.setattr(geo, "compat", compat)  # both put back afterwards
    monkeypatch.delitem(sys.modules, "geo.compat")
    fresh = importlib.import_module("geo.compat")
    assert fresh is not compat
    args = fresh.folium_args(folium.Map(), key="k")
    assert args["key"] == streamlit_folium.generate_js_hash(args["script"], "k", False)


def test_streamlit_folium_names_its_map_divs() -> None:
    js = _bundle(streamlit_folium)
    assert 'getElementById("map_div")' in js and 'getElementById("map_div2")' in js
    assert "#map_div" in compat.MAP_DIVS_CSS and f"#{compat.SECOND_MAP}" in compat.MAP_DIVS_CSS
    assert f'getElementById("{compat.SECOND_MAP}")' in js


def test_streamlit_marks_its_main_column() -> None:
    assert "stMainBlockContainer" in _bundle(streamlit)
    assert "stMainBlockContainer" in compat.compact_top_css()


def test_streamlit_marks_the_chrome_a_presentation_hides() -> None:
    js = _bundle(streamlit)
    for testid in compat.CHROME_TESTIDS:
        assert testid in js, testid


def test_streamlit_multiselect_chips_are_labelled_tags() -> None:
    """The map reads the "More layers" chips (geo/js/atlas-map.js) by these names."""
    box, chip, attr = compat.MULTISELECT_CHIPS
    js = _bundle(streamlit)
    assert "stMultiSelectTagsContainer" in js and "stMultiSelectTagsContainer" in box
    assert chip == "[data-tag]" and '"data-tag"' in js.replace("`", '"')
    assert attr == "aria-label"


def test_pages_manager_mode_is_a_class_attribute() -> None:
    from streamlit.runtime.scriptrunner import script_runner

    pm = script_runner.PagesManager
    assert isinstance(pm.__dict__.get("uses_pages_directory"), (bool, type(None)))
    old = pm.uses_pages_directory
    try:
        pm.uses_pages_directory = True
        assert compat.leave_pages_folder_mode() is True
        assert pm.uses_pages_directory is False
        assert compat.leave_pages_folder_mode() is False
    finally:
        pm.uses_pages_directory = old


def test_apptest_runs_the_entrypoint_only_with_navigation_kept(tmp_path) -> None:
    """AppTest on a script with a ``pages/`` folder beside it: left as it is, its runs take the
    pre-``st.navigation`` path (the entrypoint's own ``st.navigation`` never runs); inside
    :func:`compat.apptest_navigation` every run goes through it."""
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.testing.v1 import AppTest

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "one.py").write_text("import streamlit as st\nst.write('page')\n")
    app = tmp_path / "app.py"
    app.write_text("import streamlit as st\nst.write('entry')\n"
                   "st.navigation([st.Page('pages/one.py')]).run()\n")

    def texts() -> list[str]:
        at = AppTest.from_file(str(app)).run()
        at.run()
        return [m.value for m in at.markdown]

    real = script_runner.PagesManager
    with compat.apptest_navigation():
        assert texts() == ["entry", "page"]
    assert script_runner.PagesManager is real
    assert texts() != ["entry", "page"]  # the harness is still needed


def test_every_script_run_goes_through_run_script(tmp_path, monkeypatch) -> None:
    """The room benchmark's profiler hooks each script run (AppTest's runner is a
    ``ScriptRunner`` too): one enter and one leave per run, in the run's thread."""
    import threading

    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
    from streamlit.testing.v1 import AppTest

    monkeypatch.setattr(ScriptRunner, "_run_script", ScriptRunner._run_script)  # undone after
    calls: list[tuple[str, str]] = []
    compat.around_script_runs(lambda: calls.append(("in", threading.current_thread().name)),
                              lambda: calls.append(("out", threading.current_thread().name)))
    app = tmp_path / "app.py"
    app.write_text("import threading, streamlit as st\n"
                   "st.write(threading.current_thread().name)\n")
    at = AppTest.from_file(str(app)).run()
    at.run()
    assert [c[0] for c in calls] == ["in", "out", "in", "out"]
    assert calls[-1][1] == at.markdown[0].value  # the thread that ran the script


def test_branca_names_elements_by_their_id() -> None:
    import folium

    a, b = folium.FeatureGroup(name="x"), folium.FeatureGroup(name="x")
    folium.CircleMarker([0, 0]).add_to(a)
    folium.CircleMarker([0, 0]).add_to(b)
    compat.stable_ids([a]), compat.stable_ids([b])
    assert a.get_name() == b.get_name()
    assert [c.get_name() for c in a._children.values()] == \
        [c.get_name() for c in b._children.values()]


def test_render_once_puts_macro_output_in_the_figure_as_text() -> None:
    import folium
    from branca.element import MacroElement
    from jinja2 import Template

    class Probe(compat.RenderOnce, MacroElement):
        _template = Template("{% macro script(this, kwargs) %}var probe = "
                             "{{ this.data|tojson }};{% endmacro %}")

        def __init__(self):
            super().__init__()
            self.data = "{{ 1 + 1 }}"  # data with template syntax stays as it is

    m = folium.Map()
    Probe().add_to(m)
    html = m.get_root().render()
    assert 'var probe = "{{ 1 + 1 }}";' in html


def test_folium_maps_read_their_assets_from_class_lists() -> None:
    import folium

    old_js, old_css = folium.Map.default_js, folium.Map.default_css
    try:
        compat.use_leaflet([("leaflet", "/local/leaflet.js")], [("leaflet_css", "/local/l.css")])
        html = folium.Map().get_root().render()
        assert "/local/leaflet.js" in html and "cdn.jsdelivr" not in html
        m = folium.Map()
        compat.no_cdn(m)
        assert "/local/leaflet.js" not in m.get_root().render()
    finally:
        folium.Map.default_js, folium.Map.default_css = old_js, old_css


def test_streamlit_marks_text_elements_and_keyed_containers() -> None:
    """The presentation's type sizes: ``st.text`` is ``stText`` inside ``.st-key-<key>``."""
    js = _bundle(streamlit)
    assert "stText" in js and "st-key-" in js
    css = compat.present_css()
    assert '[data-testid="stText"]' in css and ".st-key-present_title" in css


# --- the client's base path (serve.py) --------------------------------------------------------

def test_streamlit_client_reads_its_base_from_window_streamlit() -> None:
    """The client reads ``window.__streamlit`` when its bundle starts and takes
    ``BACKEND_BASE_URL`` from it as the base it pings (``_stcore/health``, ``host-config``)."""
    static = Path(streamlit.__file__).parent / "static"
    (index,) = [p.read_text("utf-8", errors="replace") for p in static.rglob("index.*.js")
                if "_stcore/host-config" in p.read_text("utf-8", errors="replace")]
    assert "window.__streamlit" in index and "BACKEND_BASE_URL" in index
    assert "_stcore/health" in index
    html = (static / "index.html").read_text("utf-8")
    assert html.count("<head>") == 1 and html.index("<head>") < html.index("<script")


def test_st_app_takes_middleware() -> None:
    import inspect

    assert "middleware" in inspect.signature(streamlit.App).parameters


def test_client_base_script_is_inline_and_escaped() -> None:
    js = compat.client_base_script("atlas").decode()
    assert js.startswith("<script>") and js.endswith("</script>")
    assert 'location.origin+"/atlas"' in js
    assert "</" not in compat.client_base_script("</script><b>")[8:-9].decode()
    assert 'location.origin+"/"' in compat.client_base_script("").decode()


def _asgi(status: int, ctype: bytes, body: bytes, zipped: bool = False):
    async def app(scope, receive, send):
        headers = [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]
        if zipped:
            headers.append((b"content-encoding", b"gzip"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body[:5], "more_body": True})
        await send({"type": "http.response.body", "body": body[5:]})
    return app


def _call(app, method: str = "GET") -> tuple[dict, bytes]:
    import asyncio
    import threading

    sent = []

    async def send(message):
        sent.append(message)

    mw = compat.ClientBase(app, base_url_path=lambda: "atlas")
    scope = {"type": "http", "method": method, "path": "/relations"}
    # in a thread of its own: after the browser tests Playwright's sync API has left an event
    # loop running in this one, where asyncio.run refuses to start
    worker = threading.Thread(target=lambda: asyncio.run(mw(scope, None, send)))
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive() and sent, "the middleware did not answer"
    return sent[0], b"".join(m.get("body", b"") for m in sent[1:])


def test_client_base_middleware_puts_the_script_in_pages_only() -> None:
    import gzip

    page = b"<!doctype html><html><head><title>x</title></head><body></body></html>"
    script = compat.client_base_script("atlas")
    start, body = _call(_asgi(200, b"text/html; charset=utf-8", page))
    assert body == page.replace(b"<head>", b"<head>" + script)
    assert dict(start["headers"])[b"content-length"] == str(len(body)).encode()
    start, body = _call(_asgi(200, b"text/html", gzip.compress(page), zipped=True))
    assert gzip.decompress(body) == page.replace(b"<head>", b"<head>" + script)
    assert _call(_asgi(200, b"application/javascript", page))[1] == page  # not a page
    start, body = _call(_asgi(304, b"text/html", b""))  # not modified: as it came
    assert start["status"] == 304 and dict(start["headers"])[b"content-length"] == b"0"
    assert _call(_asgi(200, b"text/html", page), method="HEAD")[1] == page  # only GET
