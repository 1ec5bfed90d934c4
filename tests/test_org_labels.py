"""The organization picker's labels (``geo.wording.org_labels``), in English and French."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from geo import tables
from geo.i18n import LANGS
from geo.wording import ORG_SEP, org_labels


@pytest.fixture(scope="module")
def atlas() -> tables.Atlas:
    return tables.load()


def test_acronym_and_full_name_in_english(atlas) -> None:
    labels = org_labels(atlas, "en", dt.date(2024, 7, 1))
    assert labels["CSTO"] == "CSTO — Collective Security Treaty Organization"
    assert labels["CST"] == "CST (until 2002) — Collective Security Treaty"
    assert labels["SHANGHAI5"] == "Shanghai Five (until 2001)"  # the name is the acronym
    # "... States (Turkic Council)": the acronym is not repeated at the end of the name
    assert labels["TURKIC_COUNCIL"] == ("Turkic Council (until 2021) — Cooperation Council "
                                        "of Turkic-Speaking States")


def test_acronym_and_full_name_in_french(atlas) -> None:
    labels = org_labels(atlas, "fr", dt.date(2024, 7, 1))
    assert labels["CSTO"] == "OTSC — Organisation du traité de sécurité collective"
    assert labels["CST"] == "TSC (jusqu'en 2002) — Traité de sécurité collective"
    assert labels["NATO"] == "OTAN — Organisation du traité de l'Atlantique Nord"
    early = org_labels(atlas, "fr", dt.date(1995, 7, 1))
    assert early["SCO"] == "OCS (dès 2001) — Organisation de coopération de Shanghai"
    assert early["CST"] == "TSC — Traité de sécurité collective"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("day", [dt.date(1991, 1, 1), dt.date(1995, 7, 1), dt.date(2002, 10, 6),
                                 dt.date(2002, 10, 7), dt.date(2024, 7, 1)])
def test_marked_exactly_when_it_does_not_exist(atlas, lang: str, day: dt.date) -> None:
    from geo import queries

    labels = org_labels(atlas, lang, day)
    exists = set(queries.organizations_on(atlas, day)["org_id"])
    assert set(labels) == set(atlas.organizations["org_id"])
    marks = re.compile(r"\((until|from|jusqu'en|dès) \d{4}\)")
    for org, label in labels.items():
        assert bool(marks.search(label)) != (org in exists), (org, label)
        assert ORG_SEP in label or org == "SHANGHAI5"
    assert len(set(labels.values())) == len(labels)  # labels map back to ids


def test_boundary_days(atlas) -> None:
    """The last day of the CST still shows it as existing; the day after does not."""
    assert org_labels(atlas, "en", dt.date(2002, 10, 6))["CST"].startswith("CST — ")
    assert org_labels(atlas, "en", dt.date(2002, 10, 7))["CST"].startswith("CST (until 2002) — ")
    assert org_labels(atlas, "en", dt.date(2002, 10, 6))["CSTO"].startswith("CSTO (from 2002) — ")
    assert org_labels(atlas, "fr", dt.date(2001, 1, 1))["SCO"].startswith("OCS (dès 2001) — ")


def test_labels_two_organizations_share_get_their_ids(atlas) -> None:
    orgs = atlas.organizations.copy()
    orgs.loc[orgs["org_id"] == "EAEU", ["acronym_en", "name_en"]] = ["CIS", orgs.loc[
        orgs["org_id"] == "CIS", "name_en"].iloc[0]]
    twin = tables.Atlas(**{**atlas.__dict__, "organizations": orgs})
    labels = org_labels(twin, "en", dt.date(2024, 7, 1))
    assert labels["CIS"] == "CIS — Commonwealth of Independent States [CIS]"
    assert labels["EAEU"] == "CIS — Commonwealth of Independent States [EAEU]"


@pytest.mark.usefixtures("real_navigation")
def test_the_sidebar_picker_uses_them_and_keeps_ids() -> None:
    from test_app import new_app, no_exception, query

    at = new_app(lang="fr", date="1995-07-01", orgs="CST,SCO")
    no_exception(at)
    picker = at.multiselect(key="w_orgs")
    assert "TSC — Traité de sécurité collective" in picker.options
    assert "OCS (dès 2001) — Organisation de coopération de Shanghai" in picker.options
    assert picker.value == ["CST", "SCO"]  # the widget hands back ids, not labels
    assert query(at)["orgs"] == "CST,SCO"
