"""Results derived from one loaded :class:`~geo.tables.Atlas`, kept for the next rerun.

A rerun usually changes one thing (a layer toggled, a country picked): the layers it does not
touch are the same data as last time, for this session and every other one. Each result is
kept under the Atlas it came from and the exact inputs it used; a new Atlas (the data files
changed) starts afresh. Results are shared between sessions, so they are never mutated.

The cache is a least-recently-used one with two bounds, so that a server showing many distinct
views (every date is a new key) stays within a known size: at most :data:`MAX_ENTRIES` results
and at most :data:`MAX_BYTES` of them by an estimate of their size (``ATLAS_MEMO_MB`` sets the
latter; default 64 MB). On the shipped data a result is ~1-140 kB (8 kB on average), so the
entry bound is the one reached (~4 MB); the byte bound holds on larger data.

Rendered maps and layers (``pool="maps"``, :func:`geo.layers.map_args`: Leaflet's script, 1 kB to
0.3 MB each, ~0.2 MB for a new date) have a pool of their own, at most :data:`MAX_MAPS` of them
and :data:`MAX_MAP_BYTES` (``ATLAS_MEMO_MAPS_MB``, default 16 MB), so that they neither push the
small results out nor let a server showing many views grow past a known size.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

__all__ = ["MAX_BYTES", "MAX_ENTRIES", "MAX_MAPS", "MAX_MAP_BYTES", "clear", "memo", "size_of",
           "stats"]

T = TypeVar("T")
MAX_ENTRIES = 512  # results kept (least recently used go first)
SAMPLE = 8  # a longer list or dict is sized from this many of its items (it is sized on
#           every result kept: a larger sample cost 10% of a new date's build)
MAX_BYTES = int(float(os.environ.get("ATLAS_MEMO_MB") or 64) * 2**20)
MAX_MAPS = 512
MAX_MAP_BYTES = int(float(os.environ.get("ATLAS_MEMO_MAPS_MB") or 16) * 2**20)
#: pool -> the names of its bounds here (read at each use, so tests can lower them)
_BOUNDS = {"": ("MAX_ENTRIES", "MAX_BYTES"), "maps": ("MAX_MAPS", "MAX_MAP_BYTES")}
#: pool -> key -> atlas, value, size
_CACHE: dict[str, OrderedDict[tuple, tuple[object, object, int]]] = {p: OrderedDict()
                                                                     for p in _BOUNDS}
_LOCK = threading.Lock()
_STATS = {p: {"hits": 0, "misses": 0, "evictions": 0, "bytes": 0} for p in _BOUNDS}


def size_of(value: object) -> int:
    """Bytes ``value`` holds, estimated: containers and strings walked (a long list or tuple
    from a sample of its items), pandas objects by their own count, numpy arrays by their
    buffer, anything else by :func:`sys.getsizeof`. A few ms for the largest results here."""
    return _size(value, set(), 0)


def _size(obj: object, seen: set[int], depth: int) -> int:
    if id(obj) in seen or depth > 40:
        return 0
    seen.add(id(obj))
    if isinstance(obj, str | bytes | int | float | bool) or obj is None:
        return sys.getsizeof(obj)
    usage = getattr(obj, "memory_usage", None)
    if callable(usage) and hasattr(obj, "index"):  # a DataFrame or a Series
        total = usage(index=True, deep=False)
        total = int(total.sum()) if hasattr(total, "sum") else int(total)
        values, scale = _object_values(obj)
        return total + scale * sum(_size(v, seen, depth + 1) for v in values)
    if hasattr(obj, "nbytes") and hasattr(obj, "dtype"):  # a numpy array
        return int(obj.nbytes)
    total = sys.getsizeof(obj)
    if isinstance(obj, dict):
        return total + _sampled(list(obj.items()), seen, depth)
    if isinstance(obj, list | tuple | set | frozenset):
        return total + _sampled(list(obj), seen, depth)
    return total


def _sampled(items: list, seen: set[int], depth: int) -> int:
    if len(items) > SAMPLE:  # evenly spaced items stand for the rest
        picked = items[:: len(items) // SAMPLE][:SAMPLE]
        return sum(_size(x, seen, depth + 1) for x in picked) * len(items) // SAMPLE
    return sum(_size(x, seen, depth + 1) for x in items)


def _object_values(obj) -> tuple[list, int]:
    """A sample of the Python objects in a pandas object's object columns (strings, lists),
    and how many rows each sampled row stands for."""
    frame = obj.to_frame() if hasattr(obj, "to_frame") else obj
    cols = [c for c, dt in frame.dtypes.items() if str(dt) == "object"]
    if not cols or frame.empty:
        return [], 0
    rows = frame[cols].iloc[:: max(1, len(frame) // SAMPLE)]
    return [v for col in cols for v in rows[col].tolist()], max(1, len(frame) // len(rows))


def memo(atlas: object, key: tuple[Hashable, ...], build: Callable[[], T],
         pool: str = "") -> T:
    """``build()``, or what it returned before for this ``atlas`` and ``key`` (in ``pool``)."""
    k, cache, stats = (id(atlas), *key), _CACHE[pool], _STATS[pool]
    with _LOCK:
        hit = cache.get(k)
        if hit is not None and hit[0] is atlas:
            cache.move_to_end(k)
            stats["hits"] += 1
            return hit[1]  # type: ignore[return-value]
        stats["misses"] += 1
    value = build()
    size = size_of(value)
    max_entries, max_bytes = (globals()[name] for name in _BOUNDS[pool])
    if size > max_bytes:
        return value  # larger than the whole budget: used, not kept
    with _LOCK:
        old = cache.pop(k, None)
        if old is not None:
            stats["bytes"] -= old[2]
        cache[k] = (atlas, value, size)
        stats["bytes"] += size
        while len(cache) > max_entries or stats["bytes"] > max_bytes:
            _, (_, _, gone) = cache.popitem(last=False)
            stats["bytes"] -= gone
            stats["evictions"] += 1
    return value


def stats(pool: str = "") -> dict[str, int]:
    """Entries and estimated bytes kept in ``pool``, their bounds, and hits, misses and
    evictions so far."""
    max_entries, max_bytes = (globals()[name] for name in _BOUNDS[pool])
    with _LOCK:
        return {"entries": len(_CACHE[pool]), "max_entries": max_entries,
                "max_bytes": max_bytes, **_STATS[pool]}


def clear() -> None:
    """Forget every result (tests; a server never needs to)."""
    with _LOCK:
        for pool, cache in _CACHE.items():
            cache.clear()
            _STATS[pool].update(hits=0, misses=0, evictions=0, bytes=0)
