"""The sidebar's time control in the app (AppTest): what it is drawn with, the "data to" stamp
and the notice when a predecessor is drawn in an organization's place. AppTest cannot run the
control's script: ``tests/browser/test_timebar.py`` presses its buttons and keys."""

from __future__ import annotations

import datetime as dt

import pytest
from test_app import new_app, no_exception, query, set_date, time_control, values

from geo.i18n import LANGS, t
from geo.view import FIRST_DAY

pytestmark = pytest.mark.usefixtures("real_navigation")  # see tests/conftest.py


def notice(lang: str, org: str, pred: str, name: str, founded: str) -> str:
    return t("stand_in_notice", lang, org=org, pred=pred, name=f" ({name})", founded=founded)


@pytest.mark.parametrize("lang", LANGS)
def test_control_carries_the_date_its_range_the_stamp_and_the_words(lang: str) -> None:
    at = new_app(lang=lang, date="2012-09-01")
    no_exception(at)
    c = time_control(at)
    assert (c["date"], c["min"], c["max"]) == ("2012-09-01", FIRST_DAY.isoformat(),
                                               dt.date.today().isoformat())
    assert c["stamp"] == t("data_to", lang, month="2025-11")  # Azerbaijan in the C5, Nov. 2025
    assert c["lang"] == lang
    assert c["labels"]["next_year"] == t("tb_next_year", lang)
    assert c["labels"]["play"] == t("tb_play", lang)
    assert c["speeds"] == [0.5, 1, 2]
    assert not [v for v in c["labels"].values() if "⟨" in v]


def test_1995_draws_the_cst_for_the_csto_and_says_so() -> None:
    at = new_app(date="1995-07-01")  # the default organizations: CSTO, SCO, OTS
    no_exception(at)
    said = notice("en", "CSTO", "CST", "Collective Security Treaty", "2002-10-07")
    assert said in values(at.info)
    # the Shanghai Five did not exist yet either: no notice for the SCO, none for the OTS
    assert len([v for v in values(at.info) if "predecessor" in v]) == 1
    assert query(at)["orgs"] == "CSTO,SCO,OTS"  # the reader's choice stays in the address


def test_the_notice_follows_the_date_and_the_language() -> None:
    at = new_app(lang="fr", date="1997-07-01", orgs="SCO,CSTO")
    no_exception(at)
    infos = values(at.info)
    assert notice("fr", "OCS", "Shanghai Five", "Groupe des cinq de Shanghai",
                  "2001-06-15") in infos
    assert notice("fr", "OTSC", "TSC", "Traité de sécurité collective", "2002-10-07") in infos
    set_date(at, dt.date(2024, 7, 1)).run()
    no_exception(at)
    assert not [v for v in values(at.info) if "prédécesseur" in v]
    assert query(at)["date"] == "2024-07-01"
    assert time_control(at)["date"] == "2024-07-01"
    set_date(at, dt.date(2010, 1, 1)).run()
    at.segmented_control(key="w_lang").set_value("en").run()
    no_exception(at)
    assert time_control(at)["date"] == "2010-01-01"  # a language switch keeps the date
    assert time_control(at)["stamp"] == t("data_to", "en", month="2025-11")
    assert not [v for v in values(at.info) if "predecessor" in v]  # SCO and CSTO both exist


def test_the_control_follows_a_shared_link() -> None:
    at = new_app(date="2011")
    at.query_params.clear()
    at.query_params.update({"date": "1996-07-01", "orgs": "CSTO"})
    at.run()
    no_exception(at)
    assert at.session_state["w_date"] == dt.date(1996, 7, 1)
    assert time_control(at)["date"] == "1996-07-01"
