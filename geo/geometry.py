"""Plane geometry for drawing bilateral links on a Leaflet (Web Mercator) map.

Links are quadratic Bezier arcs in lon/lat degrees: several links between the
same two countries bend by different amounts or to different sides so that all
stay visible, and a link always takes the short way round the antimeridian.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence

import numpy as np

__all__ = ["arrow_head", "curved_link", "pair_offsets"]


def curved_link(lon1: float, lat1: float, lon2: float, lat2: float, offset: int = 0,
                n: int = 32, curvature: float = 0.12,
                canonical: bool = True) -> list[tuple[float, float]]:
    """Points of a curved link from anchor 1 to anchor 2, in Leaflet (lat, lon) order.

    Parameters
    ----------
    lon1, lat1, lon2, lat2 : float
        Anchors in degrees.
    offset : int
        Index of this link among links between the same pair (see
        :func:`pair_offsets`): 0 bends +1, 1 bends -1, 2 bends +2, 3 bends -2...
    n : int
        Number of points (>= 2); the first and last equal the anchors.
    curvature : float
        Greatest distance of a +-1 arc from the straight chord, as a fraction
        of the chord length.
    canonical : bool
        If True the side of the bend is taken from the endpoints sorted by
        (lon, lat), so A->B and B->A with the same offset draw the same arc
        (reversed); if False it is relative to the direction of travel.

    Returns
    -------
    list of (lat, lon)
        Longitudes start at ``lon1`` and are continuous: going the short way
        across the antimeridian they pass 180 (or -180) instead of jumping, so
        Leaflet draws one unbroken line; the last one is ``lon2`` +- 360 then.
    """
    lon2 += 360.0 * round((lon1 - lon2) / 360.0)  # short way round, exact if no shift
    p0, p2 = np.array([lon1, lat1], float), np.array([lon2, lat2], float)
    chord = p2 - p0
    flip = canonical and (_wrap(lon1), lat1) > (_wrap(lon2), lat2)
    normal = np.array([-chord[1], chord[0]]) * (-1 if flip else 1)  # left of travel
    side = 1 if offset % 2 == 0 else -1
    # A quadratic Bezier's greatest distance from its chord is half its control's.
    ctrl = (p0 + p2) / 2 + normal * 2 * curvature * side * (offset // 2 + 1)
    t = np.linspace(0.0, 1.0, max(n, 2))[:, None]
    pts = (1 - t) ** 2 * p0 + 2 * (1 - t) * t * ctrl + t**2 * p2
    pts[:, 1] = np.clip(pts[:, 1], -89.0, 89.0)
    pts[0], pts[-1] = p0, p2
    return [(float(la), float(lo)) for lo, la in pts]


def arrow_head(points: Sequence[tuple[float, float]],
               at: float = 1.0) -> tuple[tuple[float, float], float]:
    """Where to draw a direction arrow on a link, and which way it points.

    Parameters
    ----------
    points : sequence of (lat, lon)
        A line as returned by :func:`curved_link` (at least two points).
    at : float
        Position along the line as a fraction of its points, 1.0 being the end;
        e.g. 0.8 keeps the arrow clear of the destination marker.

    Returns
    -------
    ((lat, lon), bearing)
        Bearing in degrees clockwise from north, in [0, 360), as seen on a Web
        Mercator map (conformal, so it is also the local compass bearing).
    """
    if len(points) < 2:
        raise ValueError("need at least two points")
    i = min(max(round(at * (len(points) - 1)), 1), len(points) - 1)
    (la0, lo0), (la1, lo1) = points[i - 1], points[i]
    dy = _merc_y(la1) - _merc_y(la0)
    bearing = math.degrees(math.atan2(math.radians(lo1 - lo0), dy)) % 360.0
    return (points[i][0], points[i][1]), bearing


def pair_offsets(pairs: Iterable[tuple[Hashable, Hashable]]) -> list[int]:
    """Offset index of each link among earlier links between the same unordered pair.

    Parameters
    ----------
    pairs : iterable of (a, b)
        Endpoints (e.g. iso3 codes); (a, b) and (b, a) count as the same pair.

    Returns
    -------
    list of int
        0 for the first link of a pair, 1 for the second..., ready for
        ``curved_link(offset=...)``.
    """
    seen: Counter = Counter()
    out = []
    for a, b in pairs:
        key = frozenset((a, b))
        out.append(seen[key])
        seen[key] += 1
    return out


def _wrap(lon: float) -> float:
    """Longitude in [-180, 180), so canonical order ignores +-360 shifts."""
    return (lon + 180.0) % 360.0 - 180.0


def _merc_y(lat: float) -> float:
    """Web Mercator y (radians) of a latitude, clamped off the poles."""
    phi = math.radians(max(min(lat, 89.9), -89.9))
    return math.log(math.tan(math.pi / 4 + phi / 2))
