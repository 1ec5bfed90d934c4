"""Results are kept per stretch between two changes of the data (geo.epochs), not per day: every
day of a stretch must draw exactly what its first day draws, and a change day must start a new
stretch. Computed afresh on each day (memo cleared), so a date-dependence the key misses fails."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from geo import epochs, layer_countries, layer_links, legend, memo, queries, reports, wording
from geo.tables import load
from geo.view import View


@pytest.fixture(scope="module")
def atlas():
    return load()


def _stretches(atlas, *facts: str, since: str = "1991-01-01") -> list[tuple[dt.date, dt.date]]:
    """(first, last) day of every stretch of ``facts`` (all of them: between two changes of
    any) from ``since`` to the end of 2026."""
    changes = np.unique(np.concatenate([epochs._changes(atlas, f) for f in facts]))
    days = [d.astype(dt.date) for d in changes
            if np.datetime64(since) < d < np.datetime64("2027-01-01")]
    bounds = [dt.date.fromisoformat(since), *days, dt.date(2027, 1, 1)]
    return [(a, b - dt.timedelta(days=1)) for a, b in zip(bounds, bounds[1:], strict=False)]


def _fresh(fn, *args):
    """``fn(*args)`` with nothing kept from before."""
    memo.clear()
    return fn(*args)


def test_a_change_day_starts_a_stretch(atlas):
    m = atlas.memberships.dropna(subset=["start_first"]).iloc[0]
    day = m["start_first"].date()
    before = epochs.epoch(atlas, "memberships", day - dt.timedelta(days=1))
    assert epochs.epoch(atlas, "memberships", day) == before + 1
    assert epochs.epoch(atlas, "memberships", day.isoformat()) == before + 1  # strings too
    end = atlas.memberships.dropna(subset=["end_last"]).iloc[0]["end_last"].date()
    assert (epochs.epoch(atlas, "memberships", end + dt.timedelta(days=1))
            > epochs.epoch(atlas, "memberships", end))
    with pytest.raises(ValueError, match="unknown facts"):
        epochs.epoch(atlas, "borders", day)


def test_statuses_are_the_same_on_every_day_of_a_stretch(atlas):
    """Every membership stretch since 1991: its first, middle and last day."""
    stretches = _stretches(atlas, "memberships")
    assert len(stretches) > 50
    for first, last in stretches:
        mid = first + (last - first) / 2
        keys = {epochs.epoch(atlas, "memberships", d) for d in (first, mid, last)}
        assert len(keys) == 1, (first, last)
        base = queries.status_on(atlas, first)
        for d in (mid, last):
            pd.testing.assert_frame_equal(queries.status_on(atlas, d), base)
            pd.testing.assert_frame_equal(queries.former_members(atlas, d),
                                          queries.former_members(atlas, first))
    assert not queries.status_on(atlas, stretches[5][0]).equals(
        queries.status_on(atlas, stretches[5][0] - dt.timedelta(days=1)))


@pytest.mark.parametrize("show", [(), ("history",), ("overlap",)])
def test_the_countries_drawn_follow_the_stretch_not_the_day(atlas, show):
    rng = random.Random(7)
    view = View(orgs=("CSTO", "SCO", "OTS", "CIS"), show=show)
    for first, last in rng.sample(_stretches(atlas, "memberships"), 12):
        a, b = replace(view, date=first), replace(view, date=last)
        for build in (layer_countries._country_features, layer_countries._label_items):
            assert _fresh(build, atlas, a) == _fresh(build, atlas, b)
        assert (_fresh(wording._org_labels, atlas, "fr", first)
                == _fresh(wording._org_labels, atlas, "fr", last))
        assert _fresh(reports._status_matrix, atlas, first, view.orgs, "en").equals(
            _fresh(reports._status_matrix, atlas, last, view.orgs, "en"))


@pytest.mark.parametrize("facts", ["relations", "events", "legend"])
def test_links_events_and_legend_follow_the_stretch(atlas, facts):
    rng = random.Random(11)
    view = View(orgs=("CSTO", "SCO"), show=("events",))
    build = {
        "relations": lambda v: layer_links._link_specs(atlas, layer_links.view_links(atlas, v), v),
        "events": lambda v: layer_links._event_specs(atlas, layer_links.view_events(atlas, v),
                                                     "en"),
        "legend": lambda v: legend._legend_model(atlas, v, None, None)}[facts]
    stretches = _stretches(atlas, *(epochs.FACTS if facts == "legend" else (facts,)))
    for first, last in rng.sample(stretches, 10):
        a, b = replace(view, date=first), replace(view, date=last)
        assert _fresh(build, a) == _fresh(build, b), (first, last)


def test_a_range_is_keyed_by_both_ends(atlas):
    """Over [start, date] a link counts when it starts by the date and ends from the start."""
    first, last = _stretches(atlas, "relations")[-3]
    v = View(date=last, start=dt.date(2001, 1, 1))
    k = epochs.view_key(atlas, v, "relations")
    assert k == ((epochs.epoch(atlas, "relations", "2001-01-01"),
                  epochs.epoch(atlas, "relations", last)),)
    assert epochs.view_key(atlas, replace(v, start=None), "relations") == (
        (None, epochs.epoch(atlas, "relations", last)),)
