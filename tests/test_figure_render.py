"""A figure means the same in every format and viewer.

The PNG (matplotlib's Agg) is compared with the SVG rendered by two independent renderers
(librsvg's ``rsvg-convert`` and CairoSVG) and the PDF rendered by two (Poppler's ``pdftoppm``
and Ghostscript), all at the PNG's pixel size, at a point of each Central Asian country where
only its fill shows (:func:`geo.figure.interior_points`: away from names, badges, links and
markers); and the PNG against the fill the model asks for there (:mod:`geo.encoding`). The
labels are measured as drawn: no two overlap.

Where a renderer is missing the comparison is skipped, unless ``ATLAS_REQUIRE_RENDERERS=1``
(CI, which installs them), which turns the skip into a failure.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import itertools
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.transforms import Bbox
from PIL import Image

from geo import encoding, tables
from geo.figure import draw, figure, interior_points
from geo.i18n import col, t
from geo.view import View

CENTRAL = ("KAZ", "UZB", "TKM", "KGZ", "TJK")
DAY = dt.date(2024, 8, 1)
W, H = 1280, 720
#: one organization with former members (member, former and land fills), every Central Asian
#: country a partner, the overlap count, and a French view with three organizations, links,
#: events and a selected country (badges, leaders, arrows and markers over the fills)
VIEWS = {
    "csto-history": View(date=DAY, orgs=("CSTO",), links=(), show=("history",)),
    "nato": View(date=DAY, orgs=("NATO",), links=(), show=()),
    "overlap": View(date=DAY, orgs=("CSTO", "SCO", "OTS"), links=(), show=("overlap",)),
    "fr-links": View(lang="fr", date=DAY, orgs=("SCO", "CSTO", "OTS"), show=("events",),
                     country="KGZ"),
}
ALL_ORGS = ("CST", "CSTO", "SHANGHAI5", "SCO", "TURKIC_COUNCIL", "OTS", "CICA", "NATO", "CIS",
            "EURASEC", "EAEU", "CACO", "C5")
#: largest difference (0-255, any channel) between two renderings of one solid fill
TOLERANCE = 8
SVG = "{http://www.w3.org/2000/svg}"


def _unavailable(reason: str) -> None:
    """Skip, or fail where the renderers must be there (``ATLAS_REQUIRE_RENDERERS=1``)."""
    if os.environ.get("ATLAS_REQUIRE_RENDERERS") == "1":
        pytest.fail(f"{reason}, and ATLAS_REQUIRE_RENDERERS=1 requires it", pytrace=False)
    pytest.skip(reason)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        _unavailable(f"{name} not found (Debian: librsvg2-bin, poppler-utils, ghostscript)")
    return path


def _run(args: list[str]) -> None:
    subprocess.run(args, check=True, capture_output=True, timeout=120)


def _rsvg(data: bytes, tmp: Path) -> Image.Image:
    (tmp / "f.svg").write_bytes(data)
    _run([_tool("rsvg-convert"), "-w", str(W), "-h", str(H), "-b", "white",
          "-o", str(tmp / "rsvg.png"), str(tmp / "f.svg")])
    return Image.open(tmp / "rsvg.png")


def _cairosvg(data: bytes, tmp: Path) -> Image.Image:
    try:
        import cairosvg
    except ImportError:  # pragma: no cover - requirements-dev.txt installs it
        _unavailable("cairosvg is not installed")
    png = cairosvg.svg2png(bytestring=data, output_width=W, output_height=H,
                           background_color="white")
    return Image.open(io.BytesIO(png))


def _pdftoppm(data: bytes, tmp: Path) -> Image.Image:
    (tmp / "f.pdf").write_bytes(data)
    _run([_tool("pdftoppm"), "-png", "-singlefile", "-scale-to-x", str(W), "-scale-to-y", str(H),
          str(tmp / "f.pdf"), str(tmp / "poppler")])
    return Image.open(tmp / "poppler.png")


def _ghostscript(data: bytes, tmp: Path) -> Image.Image:
    (tmp / "f.pdf").write_bytes(data)
    _run([_tool("gs"), "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=png16m",
          f"-r{W / 16:g}", f"-g{W}x{H}", "-dPDFFitPage", "-dTextAlphaBits=4",
          "-dGraphicsAlphaBits=4", f"-sOutputFile={tmp / 'gs.png'}", str(tmp / "f.pdf")])
    return Image.open(tmp / "gs.png")


RENDERERS = {"svg": {"rsvg-convert": _rsvg, "cairosvg": _cairosvg},
             "pdf": {"pdftoppm": _pdftoppm, "ghostscript": _ghostscript}}


@pytest.fixture(scope="module")
def atlas() -> tables.Atlas:
    a = tables.load()
    assert a.problems == []
    return a


@pytest.fixture(scope="module", params=list(VIEWS))
def exported(request, atlas) -> dict:
    """One view's PNG, SVG and PDF, and where to look at each Central Asian country."""
    view = VIEWS[request.param]
    return {"name": request.param, "view": view,
            **{fmt: figure(atlas, view, fmt, W, H) for fmt in ("png", "svg", "pdf")},
            "points": interior_points(atlas, view, W, H, isos=CENTRAL)}


def _colour(img: Image.Image, xy: tuple[float, float]) -> np.ndarray:
    """The median colour of the 3 x 3 pixels around ``xy`` (x right, y down)."""
    a = np.asarray(img.convert("RGB"), dtype=int)
    x, y = int(xy[0]), int(xy[1])
    return np.median(a[y - 1:y + 2, x - 1:x + 2].reshape(-1, 3), axis=0)


def _hex(c: str) -> np.ndarray:
    return np.array([int(c[i:i + 2], 16) for i in (1, 3, 5)])


def test_every_central_asian_country_has_a_clear_point(exported) -> None:
    if exported["name"] == "fr-links":
        # at 1280 x 720 Kyrgyzstan, selected, may be all name, badges and its links
        assert set(CENTRAL) - {"KGZ"} <= set(exported["points"])
    else:
        assert set(exported["points"]) == set(CENTRAL), exported["name"]
    for x, y in exported["points"].values():
        assert 0 < x < W * 0.73 and 0 < y < H  # on the map, left of the legend


def test_png_shows_the_model_fill(exported, atlas) -> None:
    model = encoding.countries_model(atlas, exported["view"])
    png = Image.open(io.BytesIO(exported["png"]))
    assert png.size == (W, H)
    seen = set()
    for iso, xy in exported["points"].items():
        want = (model.get(iso) or {}).get("fill") or encoding.LAND
        got = _colour(png, xy)
        assert np.abs(got - _hex(want)).max() <= 2, (exported["name"], iso, want, got)
        seen.add(want)
    assert len(seen) >= 2 or exported["name"] == "nato"  # the views tell countries apart


@pytest.mark.parametrize("fmt,renderer", [(f, r) for f in RENDERERS for r in RENDERERS[f]])
def test_renderers_agree_with_the_png(exported, fmt, renderer, tmp_path) -> None:
    img = RENDERERS[fmt][renderer](exported[fmt], tmp_path)
    assert img.size == (W, H), f"{renderer} rendered {img.size}, not the PNG's {(W, H)}"
    png = Image.open(io.BytesIO(exported["png"]))
    for iso, xy in exported["points"].items():
        want, got = _colour(png, xy), _colour(img, xy)
        assert np.abs(got - want).max() <= TOLERANCE, (exported["name"], renderer, iso,
                                                       want.tolist(), got.tolist())


def test_svg_has_the_names_as_text_and_no_pattern(exported, atlas) -> None:
    root = ET.fromstring(exported["svg"])
    assert not list(root.iter(f"{SVG}pattern")), "meaning must not ride on a pattern fill"
    texts = {"".join(e.itertext()).strip() for e in root.iter(f"{SVG}text")}
    names = atlas.countries.set_index("iso3")[col("name", exported["view"].lang)]
    for iso in CENTRAL:
        assert names[iso] in texts
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    assert {"layer-countries", "layer-labels", "layer-legend"} <= ids


def test_pdf_has_the_names_as_text(exported, atlas, tmp_path) -> None:
    (tmp_path / "f.pdf").write_bytes(exported["pdf"])
    out = subprocess.run([_tool("pdftotext"), str(tmp_path / "f.pdf"), "-"], check=True,
                         capture_output=True, timeout=60).stdout.decode()
    names = atlas.countries.set_index("iso3")[col("name", exported["view"].lang)]
    assert all(names[iso] in out for iso in CENTRAL)


# --- labels ---------------------------------------------------------------------------------

def _label_boxes(fig) -> dict[str, Bbox]:
    """Each label's drawn extent in pixels (name, halo and badges), by ISO3; and the names
    a line's far end gets (``end-N``)."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    r = canvas.get_renderer()
    parts: dict[str, list[Bbox]] = defaultdict(list)
    for ax in fig.axes:
        if ax.get_gid() not in ("layer-labels", "layer-links"):
            continue
        for i, text in enumerate(ax.texts):
            gid = text.get_gid() or f"end-{i}"
            key = gid.split("-")[1] if gid.startswith(("label-", "halo-", "chip-")) else gid
            parts[key].append(text.get_window_extent(r))
            if text.get_bbox_patch() is not None:
                parts[key].append(text.get_bbox_patch().get_window_extent(r))
    return {k: Bbox.union(v) for k, v in parts.items()}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("orgs", [("CSTO",), ("CSTO", "SCO", "OTS"), ALL_ORGS],
                         ids=["1", "3", "13"])
def test_labels_never_overlap(atlas, lang, orgs) -> None:
    fig = draw(atlas, View(lang=lang, date=DAY, orgs=orgs, show=("events",)), 1600, 900)
    boxes = _label_boxes(fig)
    assert set(CENTRAL) <= set(boxes), "the five always have their names"
    assert len([k for k in boxes if not k.startswith("end-")]) >= 18  # and many others
    for (a, p), (b, q) in itertools.combinations(boxes.items(), 2):
        assert not (p.x0 < q.x1 - 0.5 and q.x0 < p.x1 - 0.5 and p.y0 < q.y1 - 0.5
                    and q.y0 < p.y1 - 0.5), f"{a} and {b} overlap"
    frame = next(ax for ax in fig.axes if ax.get_gid() == "layer-base").bbox
    for iso in encoding.REGION:
        if iso in boxes:
            box = boxes[iso]
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 \
                and box.y1 <= frame.y1, f"{iso}'s label leaves the map"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_country_too_small_to_name_is_listed_in_the_legend(atlas, lang: str) -> None:
    """A figure has no tooltip: every country on the map with a badge but no room for its
    name is listed, with its badges, in the legend."""
    from geo import figure, layers
    from geo.figure_labels import place_labels

    orgs = tuple(atlas.organizations["org_id"])
    view = View(lang=lang, date=dt.date(2024, 7, 15), orgs=orgs, show=("events",))
    seen: dict = {}

    def spy(items, shapes, frame, obstacles):
        out = place_labels(items, shapes, frame, obstacles)
        seen["named"] = {p.item["iso3"] for p in out}
        return out

    real = figure.place_labels
    figure.place_labels = spy
    try:
        svg = figure.figure(atlas, view, "svg", 1600, 900).decode()
    finally:
        figure.place_labels = real
    names = {i["iso3"]: i for i in layers.label_items(atlas, view)}
    listed = [iso for iso, i in names.items() if i["chips"] and iso not in seen["named"]
              and html.unescape(i["name"]) in svg]
    assert listed, "the view has countries too small to name (Moldova, the Gulf states)"
    section = t("figure_unnamed", lang)
    assert section in html.unescape(svg)
