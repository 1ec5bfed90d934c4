"""Serve Leaflet from the app itself: no CDN, so the map works with no internet.

At start-up the files are copied out of the installed XStatic packages into the git-ignored
``static/`` folder beside ``dashboard.py``, which Streamlit serves at ``<base>/app/static/``
(``server.enableStaticServing``). Folium's CDN URLs are then pointed there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet

from geo import compat

__all__ = ["ASSET_FILES", "STATIC_DIR", "install_static", "local_urls", "shapes_url",
           "use_local_assets"]

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

#: (folium name, file under static/, source file in the XStatic package)
ASSET_FILES = {
    "js": [("leaflet", "leaflet/leaflet.js", Path(xleaflet.BASE_DIR) / "leaflet.js")],
    "css": [("leaflet_css", "leaflet/leaflet.css", Path(xleaflet.BASE_DIR) / "leaflet.css")],
}


def install_static(static_dir: Path = STATIC_DIR) -> Path:
    """Copy Leaflet (with its marker images) into ``static_dir`` unless already current."""
    src = Path(xleaflet.BASE_DIR)
    dest = static_dir / "leaflet"
    stamp = dest / ".version"
    if stamp.exists() and stamp.read_text() == xleaflet.VERSION:
        return dest
    shutil.copytree(src, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.map"))
    stamp.write_text(xleaflet.VERSION)
    return dest


def local_urls(base_url_path: str = "") -> dict[str, list[tuple[str, str]]]:
    """Absolute URLs of the served assets under Streamlit's ``server.baseUrlPath``."""
    prefix = "/" + "/".join(p for p in (base_url_path.strip("/"), "app/static") if p)
    return {kind: [(name, f"{prefix}/{rel}") for name, rel, _ in files]
            for kind, files in ASSET_FILES.items()}


_PREFIX: list[str] = []  # the served static folder's URL, once use_local_assets has run


def use_local_assets(base_url_path: str = "") -> None:
    """Point folium's Map at the local Leaflet and drop the assets the Atlas does not use.

    Folium's defaults also pull jQuery, Bootstrap, Font Awesome and awesome-markers from CDNs;
    the Atlas draws only vector layers and ``DivIcon`` markers, which need Leaflet alone.
    """
    urls = local_urls(base_url_path)
    _PREFIX[:] = [urls["js"][0][1].rsplit("/leaflet/", 1)[0]]
    compat.use_leaflet(urls["js"], urls["css"])


def shapes_url(atlas) -> str | None:
    """URL of the country outlines script (:mod:`geo.shapes`) in the served static folder, or
    ``None`` (inline outlines) when the app does not serve its assets or cannot write them."""
    from geo import shapes

    return shapes.publish(atlas, STATIC_DIR, _PREFIX[0]) if _PREFIX else None
