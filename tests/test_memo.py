"""geo.memo: results kept per Atlas and key, within an entry bound and a byte budget."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pandas as pd
import pytest

from geo import memo as m
from geo.view import FIRST_DAY, View


class Atlas:  # any object stands for a loaded Atlas
    pass


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch):
    m.clear()
    yield
    m.clear()


def test_kept_per_atlas_and_key() -> None:
    a, b = Atlas(), Atlas()
    calls = []

    def build(x):
        calls.append(x)
        return [x]

    assert m.memo(a, ("k", 1), lambda: build(1)) == [1]
    assert m.memo(a, ("k", 1), lambda: build(99)) == [1]  # kept
    assert m.memo(a, ("k", 2), lambda: build(2)) == [2]  # another key
    assert m.memo(b, ("k", 1), lambda: build(3)) == [3]  # another Atlas
    assert calls == [1, 2, 3]
    s = m.stats()
    assert (s["hits"], s["misses"], s["entries"]) == (1, 3, 3)


def test_entry_bound_drops_the_least_recently_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(m, "MAX_ENTRIES", 3)
    a = Atlas()
    for k in (1, 2, 3):
        m.memo(a, (k,), lambda k=k: k)
    m.memo(a, (1,), lambda: "rebuilt")  # 1 used again: 2 is now the oldest
    m.memo(a, (4,), lambda: 4)
    assert m.stats()["entries"] == 3 and m.stats()["evictions"] == 1
    assert m.memo(a, (1,), lambda: "rebuilt") == 1
    assert m.memo(a, (2,), lambda: "rebuilt") == "rebuilt"


def test_byte_budget_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(m, "MAX_BYTES", 200_000)
    a = Atlas()
    for k in range(100):
        m.memo(a, (k,), lambda k=k: "x" * 30_000 + str(k))  # ~30 kB each
        assert m.stats()["bytes"] <= 200_000
    s = m.stats()
    assert 5 <= s["entries"] <= 6 and s["evictions"] == 100 - s["entries"]
    big = "y" * 300_000
    assert m.memo(a, ("big",), lambda: big) is big  # returned, not kept
    assert m.stats()["entries"] == s["entries"]


def test_size_of_counts_what_a_result_holds() -> None:
    text = "é" * 10_000
    assert m.size_of(text) >= 10_000
    feats = [{"tip": text, "style": {"w": 1}}, {"tip": text}]  # one string, counted once
    assert m.size_of(text) < m.size_of(feats) < 2 * m.size_of(text)
    df = pd.DataFrame({"a": ["z" * 1000] * 50, "b": np.arange(50)})
    assert m.size_of(df) >= 50 * 1000
    assert m.size_of(np.zeros(10_000)) >= 80_000
    assert m.size_of(df["a"]) >= 50 * 1000


def test_many_distinct_views_stay_within_the_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Distinct views of the shipped data: the cache stops at its bounds (entries here: the
    byte budget is set below what 6 views need, so both bounds are exercised)."""
    from geo import layers, reports, tables

    monkeypatch.setattr(m, "MAX_ENTRIES", 36)
    monkeypatch.setattr(m, "MAX_BYTES", 150_000)
    atlas = tables.load()
    rng = random.Random(5)
    for i in range(6):
        view = View(date=FIRST_DAY + dt.timedelta(days=rng.randrange(12_000)),
                    show=("events", "history", "overlap") if i % 2 else ("events",))
        layers.map_layers(atlas, view)
        reports.status_matrix(atlas, view.date, view.orgs, view.lang)
        reports.lines_table(atlas, view)
        s = m.stats()
        assert s["entries"] <= 36 and s["bytes"] <= 150_000
    s = m.stats()
    assert s["evictions"] > 0 and s["bytes"] > 150_000 - 100_000  # the byte bound was reached
    # what is kept is still right: a view built again from scratch is the same map
    again = layers.map_layers(atlas, view)
    m.clear()
    assert [type(x) for x in layers.map_layers(atlas, view)] == [type(x) for x in again]


def test_rendered_maps_have_a_pool_of_their_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """Large rendered maps are bounded apart and never push the small results out."""
    monkeypatch.setattr(m, "MAX_MAP_BYTES", 100_000)
    a = Atlas()
    m.memo(a, ("small",), lambda: "s")
    for k in range(20):
        m.memo(a, ("map", k), lambda k=k: "x" * 30_000 + str(k), pool="maps")
        assert m.stats("maps")["bytes"] <= 100_000
    assert m.stats("maps")["evictions"] == 20 - m.stats("maps")["entries"] > 0
    assert m.stats()["entries"] == 1 and m.memo(a, ("small",), lambda: "rebuilt") == "s"
    assert m.memo(a, ("map", 19), lambda: "rebuilt", pool="maps").startswith("x")
    assert m.memo(a, ("map", 19), lambda: "other pool") == "other pool"  # pools apart
