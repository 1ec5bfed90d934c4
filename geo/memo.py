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
"""

from __future__ import annotations

import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

__all__ = ["MAX_BYTES", "MAX_ENTRIES", "clear", "memo", "size_of", "stats"]

T = TypeVar("T")
MAX_ENTRIES = 512  # results kept (least recently used go first)
SAMPLE = 8  # a longer list or dict is sized from this many of its items (it is sized on
#           every result kept: a larger sample cost 10% of a new date's build)
MAX_BYTES = int(float(os.environ.get("ATLAS_MEMO_MB") or 64) * 2**20)
_CACHE: OrderedDict[tuple, tuple[object, object, int]] = OrderedDict()  # key -> atlas, value, size
_LOCK = threading.Lock()
_STATS = {"hits": 0, "misses": 0, "evictions": 0, "bytes": 0}


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


def memo(atlas: object, key: tuple[Hashable, ...], build: Callable[[], T]) -> T:
    """``build()``, or what it returned before for this ``atlas`` and ``key``."""
    k = (id(atlas), *key)
    with _LOCK:
        hit = _CACHE.get(k)
        if hit is not None and hit[0] is atlas:
            _CACHE.move_to_end(k)
            _STATS["hits"] += 1
            return hit[1]  # type: ignore[return-value]
        _STATS["misses"] += 1
    value = build()
    size = size_of(value)
    if size > MAX_BYTES:
        return value  # larger than the whole budget: used, not kept
    with _LOCK:
        old = _CACHE.pop(k, None)
        if old is not None:
            _STATS["bytes"] -= old[2]
        _CACHE[k] = (atlas, value, size)
        _STATS["bytes"] += size
        while len(_CACHE) > MAX_ENTRIES or _STATS["bytes"] > MAX_BYTES:
            _, (_, _, gone) = _CACHE.popitem(last=False)
            _STATS["bytes"] -= gone
            _STATS["evictions"] += 1
    return value


def stats() -> dict[str, int]:
    """Entries and estimated bytes kept, their bounds, and hits, misses and evictions so far."""
    with _LOCK:
        return {"entries": len(_CACHE), "max_entries": MAX_ENTRIES,
                "max_bytes": MAX_BYTES, **_STATS}


def clear() -> None:
    """Forget every result (tests; a server never needs to)."""
    with _LOCK:
        _CACHE.clear()
        _STATS.update(hits=0, misses=0, evictions=0, bytes=0)
