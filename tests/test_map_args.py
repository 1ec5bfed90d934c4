"""The map page's map is rendered once per view and shared (geo.layers.map_args): its key must
hold everything the rendered map depends on. Each check renders afresh (nothing kept), so a
dependence the key misses fails here instead of showing one viewer another viewer's map."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import folium
import numpy as np
import pytest
from streamlit_folium import generate_js_hash

from geo import compat, epochs, layers, memo
from geo.tables import load
from geo.view import View

OPTIONS = {"key": "atlas_map", "height": 620, "returned_objects": ["last_active_drawing"],
           "use_container_width": True}


@pytest.fixture(scope="module")
def atlas():
    return load()


def _fresh(atlas, view: View) -> dict:
    memo.clear()
    return layers.map_args(atlas, view, None, **OPTIONS)


def _reference_layers(atlas, view: View) -> list:
    """The live map's layers as the page drew them before its parts were kept apart, written
    out here (not from ``layers._live_parts``, whose keys are under test): every extra layer
    sent, the events whatever is shown, an empty group where the view has none of a layer."""
    plain = replace(view, show=())
    groups = [layers.countries_layer(atlas, plain, live=True), layers.link_layer(atlas, plain),
              layers.selection_layer(atlas, plain),
              layers.event_layer(atlas, replace(plain, show=("events",))),
              layers.labels_layer(atlas, plain, live=True),
              layers.legend_layer(atlas, plain, None, None, open_=False, live=True),
              layers._live_switch(), layers.fit_layer(atlas, plain)]
    return compat.stable_ids([g or folium.FeatureGroup(name="none") for g in groups])


def _whole(atlas, view: View) -> dict:
    """``st_folium``'s own render of the whole map at once, nothing kept."""
    memo.clear()
    return compat.folium_args(layers.base_map(atlas, view.lang, None),
                              feature_group_to_add=_reference_layers(atlas, view), **OPTIONS)


VIEWS = [View(date=dt.date(2024, 8, 9), orgs=("CSTO", "SCO", "OTS")),
         View(date=dt.date(1996, 5, 1), orgs=("CSTO", "SCO", "OTS"), country="KGZ"),
         View(date=dt.date(2008, 8, 20), orgs=("NATO", "CIS"), lang="fr", country="GEO",
              links=("military_presence", "border_conflict"), show=("history",)),
         View(date=dt.date(2015, 3, 1), start=dt.date(2010, 1, 1), orgs=("EAEU",),
              country="TJK", lang="fr")]


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: f"{v.date}-{v.country}-{v.lang}")
def test_the_map_is_st_folium_s_render_of_the_whole_map(atlas, view):
    """Parts rendered apart and kept, joined: the same arguments as one render of it all."""
    memo.clear()
    for other in VIEWS:  # other views' parts kept first, as on a busy server
        layers.map_args(atlas, other, None, **OPTIONS)
    assert layers.map_args(atlas, view, None, **OPTIONS) == _whole(atlas, view)


def _stretches(atlas, n: int, seed: int) -> list[tuple[dt.date, dt.date]]:
    """``n`` random (first, last) days of stretches between two changes of any facts."""
    changes = np.unique(np.concatenate([epochs._changes(atlas, f) for f in epochs.FACTS]))
    days = [d.astype(dt.date) for d in changes
            if np.datetime64("1991-01-02") < d < np.datetime64("2026-01-01")]
    pairs = [(a, b - dt.timedelta(days=1)) for a, b in zip(days, days[1:], strict=False)
             if (b - a).days > 1]
    return random.Random(seed).sample(pairs, n)


def test_every_day_of_a_stretch_renders_the_same_map(atlas):
    base = View(orgs=("CSTO", "SCO", "OTS"), country="KAZ")
    for first, last in _stretches(atlas, 3, seed=3):
        a, b = _fresh(atlas, replace(base, date=first)), _fresh(atlas, replace(base, date=last))
        assert a == b, f"{first} and {last} are one stretch but render differently"
        assert layers.map_args(atlas, replace(base, date=first), None, **OPTIONS) == b
        assert memo.stats("maps")["misses"] == 9  # the base and 8 parts, then kept


def test_a_change_of_the_data_renders_another_map(atlas):
    """Sanity for the test above: two stretches apart, the map differs."""
    (_, last), (first, _) = sorted(_stretches(atlas, 2, seed=8))
    view = View(orgs=("CSTO", "SCO", "OTS"))
    assert _fresh(atlas, replace(view, date=last)) != _fresh(atlas, replace(view, date=first))


def test_extra_layers_and_extent_are_not_part_of_the_map(atlas):
    """Every extra layer is sent (the page shows those on), and only a slide reads the extent."""
    view = View(date=dt.date(2024, 8, 9), orgs=("CSTO", "SCO", "OTS"))
    plain = _fresh(atlas, view)
    assert _fresh(atlas, replace(view, show=("history", "overlap"))) == plain
    assert _fresh(atlas, replace(view, bbox=(60.0, 35.0, 80.0, 45.0))) == plain


@pytest.mark.parametrize("change", [{"country": "UZB"}, {"lang": "fr"}, {"orgs": ("NATO",)},
                                    {"links": ("arms_transfer",)}, {"links": ()},
                                    {"start": dt.date(2005, 1, 1)}])
def test_what_the_map_shows_is_in_the_key(atlas, change):
    view = View(date=dt.date(2024, 8, 9), orgs=("CSTO", "SCO", "OTS"))
    memo.clear()
    before = layers.map_args(atlas, view, None, **OPTIONS)
    after = layers.map_args(atlas, replace(view, **change), None, **OPTIONS)
    assert after != before and after == _whole(atlas, replace(view, **change))


def test_the_arguments_are_st_folium_s(atlas):
    """Caught from ``st_folium`` itself: the map's script under the hash streamlit-folium keys
    its frame by (so the same view keeps the same frame), the options as given."""
    args = _fresh(atlas, View(date=dt.date(2024, 8, 9)))
    assert "on_change" not in args
    assert args["key"] == generate_js_hash(args["script"], "atlas_map", False)
    assert (args["height"], args["width"]) == (620, None)
    assert args["returned_objects"] == ["last_active_drawing"]
    assert "L.map" in args["script"] and "feature_group_" in args["feature_group"]


@pytest.mark.parametrize("facts", ["relations", "events"])
def test_a_change_of_links_or_events_alone_renders_another_map(atlas, facts):
    """A day that changes only the links (or events) is a new map, though no membership
    changed: the map kept for the day before must not serve it."""
    others = np.unique(np.concatenate([epochs._changes(atlas, f)
                                       for f in epochs.FACTS if f != facts]))
    days = [d.astype(dt.date) for d in epochs._changes(atlas, facts)
            if np.datetime64("2001-01-01") < d < np.datetime64("2026-01-01") and d not in others]
    view, changed = View(orgs=("CSTO", "SCO", "OTS")), 0
    for day in random.Random(4).sample(days, 4):
        before, after = replace(view, date=day - dt.timedelta(days=1)), replace(view, date=day)
        memo.clear()
        layers.map_args(atlas, before, None, **OPTIONS)  # the day before's parts kept
        kept = layers.map_args(atlas, after, None, **OPTIONS)
        changed += kept != layers.map_args(atlas, before, None, **OPTIONS)
        assert kept == _whole(atlas, after), f"{day}: a part of the day before was kept"
    assert changed, f"no day among those sampled changes the map by its {facts} alone"


SLIDE = View(date=dt.date(2022, 1, 10), orgs=("CSTO", "SCO"), show=("events", "history"),
             present=True, deck="central-asia-briefing", slide=2, bbox=(60.0, 35.0, 80.0, 45.0))


def _whole_slide(atlas, view: View) -> dict:
    memo.clear()
    return compat.folium_args(layers.base_map(atlas, view.lang, None),
                              feature_group_to_add=layers.map_layers(atlas, view), **OPTIONS)


def test_a_slide_is_kept_whole_for_its_stretch(atlas):
    """A slide's map (not live: its own layers, frame and keys) serves every day of its
    stretch, and is exactly what ``st_folium`` renders of it."""
    for first, last in _stretches(atlas, 2, seed=5):
        expected = _whole_slide(atlas, replace(SLIDE, date=last))
        memo.clear()
        layers.map_args(atlas, replace(SLIDE, date=first), None, live=False, **OPTIONS)
        assert layers.map_args(atlas, replace(SLIDE, date=last), None, live=False,
                               **OPTIONS) == expected
        assert memo.stats("maps")["hits"] == 1


@pytest.mark.parametrize("change", [{"slide": 3}, {"bbox": (50.0, 30.0, 90.0, 50.0)},
                                    {"show": ("events",)}, {"country": "KAZ"}])
def test_what_a_slide_shows_is_in_its_key(atlas, change):
    memo.clear()
    before = layers.map_args(atlas, SLIDE, None, live=False, **OPTIONS)
    after = layers.map_args(atlas, replace(SLIDE, **change), None, live=False, **OPTIONS)
    assert after != before and after == _whole_slide(atlas, replace(SLIDE, **change))
