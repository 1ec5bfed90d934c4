"""Where the Atlas finds its data and the articles the data cites.

Both are overridable through the environment so tests, the validator and a deployed app can
point at other folders without code changes.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["REPO", "articles_dir", "data_dir", "tiles"]

REPO = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The tables and ``datapackage.json``: ``$ATLAS_DATA_DIR`` or ``<repo>/data``."""
    return Path(os.environ.get("ATLAS_DATA_DIR") or REPO / "data")


def articles_dir() -> Path:
    """The articles the data cites: ``$ATLAS_ARTICLES_DIR`` or ``<repo>/../shared/articles``."""
    return Path(os.environ.get("ATLAS_ARTICLES_DIR") or REPO.parent / "shared" / "articles")


def tiles() -> tuple[str, str] | None:
    """Optional base-map tiles: ``$ATLAS_TILES_URL`` (a tile server you run, e.g.
    ``http://localhost:8080/{z}/{x}/{y}.png``) and ``$ATLAS_TILES_ATTRIBUTION``. Off by default:
    the map needs no tiles, and a briefing room may have no tile server."""
    url = os.environ.get("ATLAS_TILES_URL")
    return (url, os.environ.get("ATLAS_TILES_ATTRIBUTION", "")) if url else None
