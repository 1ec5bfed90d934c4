"""Results derived from one loaded :class:`~geo.tables.Atlas`, kept for the next rerun.

A rerun usually changes one thing (a layer toggled, a country picked): the layers it does not
touch are the same data as last time, for this session and every other one. Each result is
kept under the Atlas it came from and the exact inputs it used; a new Atlas (the data files
changed) starts afresh. Results are shared between sessions, so they are never mutated.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

__all__ = ["memo"]

T = TypeVar("T")
SIZE = 512  # results kept (least recently used go first)
_CACHE: OrderedDict[tuple, tuple[object, object]] = OrderedDict()
_LOCK = threading.Lock()


def memo(atlas: object, key: tuple[Hashable, ...], build: Callable[[], T]) -> T:
    """``build()``, or what it returned before for this ``atlas`` and ``key``."""
    k = (id(atlas), *key)
    with _LOCK:
        hit = _CACHE.get(k)
        if hit is not None and hit[0] is atlas:
            _CACHE.move_to_end(k)
            return hit[1]  # type: ignore[return-value]
    value = build()
    with _LOCK:
        _CACHE[k] = (atlas, value)
        while len(_CACHE) > SIZE:
            _CACHE.popitem(last=False)
    return value
