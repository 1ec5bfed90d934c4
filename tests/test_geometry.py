"""Curved links, arrow bearings and per-pair offsets (geo.geometry)."""

import numpy as np
import pytest

from geo.geometry import arrow_head, curved_link, pair_offsets


def lons(pts):
    return np.array([p[1] for p in pts])


def test_endpoints_are_the_anchors():
    pts = curved_link(69.2, 41.3, 74.6, 42.9, n=20)
    assert len(pts) == 20
    assert pts[0] == (41.3, 69.2) and pts[-1] == (42.9, 74.6)


@pytest.mark.parametrize(("a", "b"), [(170, -170), (-170, 170), (179.5, -179.5)])
def test_antimeridian_short_way_and_continuous(a, b):
    pts = curved_link(a, 60, b, 62)
    lo = lons(pts)
    assert abs(lo[-1] - lo[0]) == pytest.approx(360 - abs(b - a))
    assert np.abs(np.diff(lo)).max() < 5  # no jump
    assert lo.max() - lo.min() < 25  # ~20 degrees, not 340
    assert (lo.max() > 180) or (lo.min() < -180)  # crosses rather than wraps
    assert (lo[-1] - b) % 360 == pytest.approx(0)  # same place as the anchor


def test_offsets_give_distinct_curves_on_alternate_sides():
    base = np.array(curved_link(0, 0, 10, 0, offset=0))
    mids = [curved_link(0, 0, 10, 0, offset=k)[16][0] for k in range(4)]
    assert mids[0] > 0 > mids[1] and mids[2] > mids[0] and mids[3] < mids[1]
    assert len({round(m, 6) for m in mids}) == 4
    assert not np.allclose(base, curved_link(0, 0, 10, 0, offset=1))


def test_bend_side_independent_of_direction_when_canonical():
    fwd = curved_link(10, 20, 30, 25, offset=0)
    back = curved_link(30, 25, 10, 20, offset=0)
    assert np.allclose(fwd, back[::-1])
    rel = curved_link(30, 25, 10, 20, offset=0, canonical=False)
    assert not np.allclose(fwd, rel[::-1])
    # same across the antimeridian
    assert np.allclose(np.array(curved_link(170, 0, -170, 0))[:, 0],
                       np.array(curved_link(-170, 0, 170, 0))[::-1, 0])


def test_arrow_bearing():
    east = curved_link(60, 40, 70, 40, curvature=0)
    pos, bearing = arrow_head(east)
    assert pos == east[-1] and bearing == pytest.approx(90, abs=1e-6)
    assert arrow_head(curved_link(60, 40, 50, 40, curvature=0))[1] == pytest.approx(270)
    assert arrow_head(curved_link(60, 40, 60, 50, curvature=0))[1] == pytest.approx(0)
    # a bent eastward link still ends heading roughly east (curving in)
    _, b = arrow_head(curved_link(60, 40, 70, 40), at=0.5)
    assert b == pytest.approx(90, abs=1)
    _, b = arrow_head(curved_link(170, 0, -170, 0, curvature=0))
    assert b == pytest.approx(90)


def test_pair_offsets():
    pairs = [("KAZ", "RUS"), ("RUS", "KAZ"), ("KGZ", "TJK"), ("KAZ", "RUS"), ("TJK", "KGZ")]
    assert pair_offsets(pairs) == [0, 1, 0, 2, 1]
    assert pair_offsets([]) == []
