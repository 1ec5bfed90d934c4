"""What one map-page rerun spends, piece by piece, in this process (no server, no load).

``python -m bench.load_costs`` times, warm (every ``geo.memo`` result already kept, as for
most reruns of a busy server), the steps of ``pages/map.py`` that depend only on the data and
the view -- so could be computed once and shared by every session showing that view -- and
prints the median of several repetitions in ms. Complements the cProfile of a loaded server
(``python -m bench.load --profile DIR``), which gives shares, not unslowed times.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

__all__ = ["costs", "main"]

VIEW = {"lang": "en", "date": "2024-08-09", "orgs": "CSTO,SCO,OTS", "show": "events"}


def _ms(fn: Callable[[], object], reps: int) -> float:
    fn()  # warm: memo results and imports
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return round(1000 * statistics.median(times), 1)


def _folium_steps(atlas, view) -> dict[str, Callable[[], object]]:
    """st_folium's own work on the Atlas's map: the base map's script and every layer's."""
    import streamlit_folium as sf

    from geo import config, layers

    def base() -> object:
        m = layers.base_map(atlas, view.lang, config.tiles())
        m.get_root().render()
        m.render()
        return sf._get_html(m), sf._get_header(m), sf._get_map_string(m)

    def groups() -> str:
        m = layers.base_map(atlas, view.lang, config.tiles())
        return "".join(sf._get_feature_group_string(fg, map=m, idx=i)
                       for i, fg in enumerate(layers.map_layers(atlas, view)))

    return {
        "layers.base_map (build the folium map)":
            lambda: layers.base_map(atlas, view.lang, config.tiles()),
        "st_folium: base map to HTML/JS (render, _get_map_string)": base,
        "layers.map_layers (build the feature groups, memo warm)":
            lambda: layers.map_layers(atlas, view),
        "st_folium: feature groups to JS (map_layers + _get_feature_group_string)": groups,
    }


def costs(reps: int = 9) -> dict[str, float]:
    """Median ms of each step for the default view (and one country card)."""
    from geo import layers, memo, reports, tables
    from geo.view import View

    atlas = tables.load()
    known = (atlas.organizations["org_id"], sorted(set(atlas.relations["kind"])),
             atlas.countries["iso3"])
    view, _ = View.from_query(VIEW, *known)
    steps = _folium_steps(atlas, view)
    steps.update({
        "layers.side_legend": lambda: layers.side_legend(atlas, view),
        "reports.status_matrix (memo warm)":
            lambda: reports.status_matrix(atlas, view.date, view.orgs, view.lang),
        "reports.lines_table (memo warm)": lambda: reports.lines_table(atlas, view),
        "reports.country_tables KAZ (not memoized)":
            lambda: reports.country_tables(atlas, "KAZ", view.lang),
    })
    out = {name: _ms(fn, reps) for name, fn in steps.items()}
    out["geo.memo entries after"] = memo.stats()["entries"]
    return out


def main() -> int:
    for name, value in costs().items():
        print(f"{value:>8} {'ms' if 'entries' not in name else '  '}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
