"""Load the committed country borders (``data/borders.geojson``).

Cached on (path, mtime) so a rebuilt file is picked up without a restart while
repeated calls stay cheap.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geopandas as gpd

__all__ = ["load_borders"]


def load_borders(data_dir: str | Path) -> gpd.GeoDataFrame:
    """Country borders with columns iso3, name, geometry (EPSG:4326).

    Parameters
    ----------
    data_dir : str or Path
        Folder holding ``borders.geojson``.

    Returns
    -------
    geopandas.GeoDataFrame
        A copy, so callers may modify it without touching the cache.
    """
    path = Path(data_dir).resolve() / "borders.geojson"
    return _load(str(path), path.stat().st_mtime_ns).copy()


# a plain lru_cache, not geo.memo: a pure function of a file (path, mtime); no Atlas yet
@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int) -> gpd.GeoDataFrame:
    """Read once per (path, mtime)."""
    gdf = gpd.read_file(path)[["iso3", "name", "geometry"]]
    return gdf.set_crs(4326, allow_override=True).sort_values("iso3", ignore_index=True)
