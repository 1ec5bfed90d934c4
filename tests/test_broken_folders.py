"""Every page renders what is valid whatever is missing from the data folder (issue 15, case 5):
a banner, never an exception box. AppTest runs each page, and presentation mode, on each folder.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.i18n import t

REPO = Path(__file__).resolve().parent.parent
PAGES = ("pages/map.py", "pages/compare.py", "pages/organizations.py", "pages/relations.py",
         "pages/timeline.py", "pages/sources.py")

BANNER = t("data_problems", "fr", n="X").split("X")[1][:30]  # the banner, whatever the number

pytestmark = pytest.mark.usefixtures("real_navigation")  # see tests/conftest.py


def _same_acronym(variant) -> Path:
    return variant("organizations.csv", replace=("SCO,SCO,OCS,", "SCO,CSTO,OTSC,"))


#: name -> (how to break the test data folder, whether the loader reports a problem)
BROKEN: dict[str, tuple[Callable, bool]] = {
    "borders missing": (lambda v: v("borders.geojson", remove=True), True),
    "borders truncated": (lambda v: v("borders.geojson", text='{"type": "FeatureCollection", '
                                                              '"features": [{"type": "Fea'),
                          True),
    "borders empty": (lambda v: v("borders.geojson", text=""), True),
    "borders no features": (lambda v: v("borders.geojson", text=json.dumps(
        {"type": "FeatureCollection", "features": []})), True),
    "datapackage missing": (lambda v: v("datapackage.json", remove=True), True),
    "datapackage truncated": (lambda v: v("datapackage.json", text='{"name": "atlas", "reso'),
                              True),
    "organizations missing": (lambda v: v("organizations.csv", remove=True), True),
    "countries missing": (lambda v: v("countries.csv", remove=True), True),
    # acronyms are unique (datapackage.json): the second organization is dropped and reported
    "two organizations, one acronym": (_same_acronym, True),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_every_page_survives(name: str, variant, monkeypatch: pytest.MonkeyPatch) -> None:
    make, reported = BROKEN[name]
    d = make(variant)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(d))
    monkeypatch.setenv("ATLAS_ARTICLES_DIR", str(d.parent / "articles"))
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    at.query_params.update(lang="fr", date="2012-09-01", orgs="CSTO,SCO", country="UZB",
                           show="events,history,overlap")
    at.run()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
        banner = [w.value for w in at.warning if BANNER in w.value]
        assert bool(banner) == reported, (page, [w.value for w in at.warning])
        assert "/" + d.parent.name not in "\n".join(c.value for c in at.code), page  # no paths
    at.query_params.update(present="1")
    at.switch_page("pages/map.py").run()
    assert not at.exception, ("present", [e.message for e in at.exception])
