"""Colours checked for colour-blind readers by simulation (Machado et al. 2009, as implemented
by colorspacious), with a minimum perceptual distance (ΔE in CAM02-UCS) between any two classes
a reader must tell apart by colour alone.

What must differ by colour alone: the fills of one map (every status, and each against land and
sea; the overlap counts). What need not: land against sea, which every map tells apart by its
coastline; organizations' badge colours, because every badge is labelled with its
acronym and status in text (``geo.encoding.chip``).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE
from matplotlib.colors import to_rgb

from geo import encoding, tables
from geo.style import KEY_COLOR, org_colors

ORG_COLORS = org_colors(tables.load())  # the shipped organizations' colours

VISION = ["normal", "deuteranomaly", "protanomaly", "tritanomaly"]
MIN_DELTA_E = 10.0  # CAM02-UCS; about the "clearly different at a glance" range


def seen(color: str, vision: str) -> np.ndarray:
    rgb = np.array(to_rgb(color))
    if vision == "normal":
        return rgb
    cvd = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
    return np.clip(cspace_convert(rgb, cvd, "sRGB1"), 0, 1)


def closest(colors: dict[str, str], vision: str) -> tuple[float, str, str]:
    return min((float(deltaE(seen(colors[a], vision), seen(colors[b], vision),
                             input_space="sRGB1")), a, b)
               for a, b in itertools.combinations(colors, 2) if {a, b} != {"land", "sea"})


@pytest.mark.parametrize("vision", VISION)
def test_status_fills_land_and_sea_are_told_apart(vision: str) -> None:
    classes = {**encoding.STATUS_FILLS, "land": encoding.LAND,
               "sea": encoding.SEA}
    d, a, b = closest(classes, vision)
    assert d >= MIN_DELTA_E, f"{a} and {b}: ΔE {d:.1f} under {vision}"


@pytest.mark.parametrize("vision", VISION)
def test_overlap_counts_are_told_apart(vision: str) -> None:
    classes = {str(i + 1): c for i, c in enumerate(encoding.OVERLAP_FILLS)}
    classes |= {"land": encoding.LAND, "sea": encoding.SEA}
    d, a, b = closest(classes, vision)
    assert d >= MIN_DELTA_E, f"{a} and {b}: ΔE {d:.1f} under {vision}"


def test_simulation_is_not_a_no_op() -> None:
    """Guard the guard: red and green must collapse under deuteranopia."""
    normal = closest({"r": "#d55e00", "g": "#009e73"}, "normal")[0]
    deut = closest({"r": "#d55e00", "g": "#009e73"}, "deuteranomaly")[0]
    assert deut < normal / 2


@pytest.mark.parametrize("org", sorted(ORG_COLORS))
def test_badge_text_reads_on_its_colour(org: str) -> None:
    """WCAG contrast of at least 4.5:1 between a member badge's text and its background."""
    chip = encoding.chip(org, org, "member", "en", ORG_COLORS[org])

    def lum(c: str) -> float:
        lin = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in to_rgb(c)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(chip["bg"]), lum(chip["fg"])), reverse=True)
    assert (hi + 0.05) / (lo + 0.05) >= 4.5, chip


def test_badges_say_their_status_in_words() -> None:
    texts = {s: encoding.chip("SCO", "SCO", s, "en", KEY_COLOR)["text"]
             for s in encoding.STATUSES}
    assert len(set(texts.values())) == len(texts)  # five statuses, five different texts
    fr = {s: encoding.chip("SCO", "OCS", s, "fr", KEY_COLOR)["text"] for s in encoding.STATUSES}
    assert all("OCS" in v for v in fr.values())
