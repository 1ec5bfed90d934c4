"""Switching language twice in a real browser keeps the view (issue 15, case 3).

Widgets send back the labels they show; the labels change with the language while the widget
keys do not, so a switch used to drop the organizations and layers, close the card and put a
French country *name* in the shared link.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .test_map import open_app, wait_idle

if TYPE_CHECKING:
    from .conftest import Session

pytestmark = pytest.mark.browser

LABEL = {"en": "English", "fr": "Français"}


def url_view(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query,
                                          keep_blank_values=True).items()}


def switch(s: Session, lang: str) -> dict[str, str]:
    s.page.locator('[data-testid="stSidebar"]').get_by_text(LABEL[lang], exact=True).click()
    s.page.wait_for_function("lang => location.search.includes('lang=' + lang)", arg=lang)
    wait_idle(s.page)
    return url_view(s.page)


@pytest.mark.parametrize("start, order", [
    ("?lang=fr&date=2011-07-01&orgs=CSTO&show=events,history&country=UZB", ("en", "fr")),
    ("?lang=en&date=2024-07-15&orgs=CSTO,SCO,OTS&show=events", ("fr", "en")),
])
def test_language_switch_twice_keeps_the_view(session: Session, start: str,
                                               order: tuple[str, str]) -> None:
    open_app(session, start)
    first = url_view(session.page)
    kept = {k: first[k] for k in ("date", "orgs", "show", "country") if k in first}
    assert kept["orgs"] and kept["show"]
    for lang in order:
        view = switch(session, lang)
        assert view["lang"] == lang
        assert {k: view.get(k) for k in kept} == kept, (lang, view)
    if "country" in kept:  # the card is still open, on the country's name in the last language
        assert session.page.get_by_role("button", name="Close" if order[-1] == "en"
                                        else "Fermer").count() == 1


def chips(s: Session, label: str) -> list[str]:
    """The chosen options of the multiselect labelled ``label``, as shown."""
    box = s.page.locator('[data-testid="stMultiSelect"]').filter(
        has=s.page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True))
    tags = box.locator(".react-aria-ComboBox [data-tag]")
    with contextlib.suppress(PlaywrightTimeout):  # none is an answer too, after a while
        tags.first.wait_for(timeout=10_000)
    return [tags.nth(i).get_attribute("aria-label") for i in range(tags.count())]


def test_relations_filters_survive_the_switch(session: Session) -> None:
    """A page's own filters (here set from the view) keep their choice in the new language."""
    from geo.i18n import t

    open_app(session, "relations?lang=en&date=2024-07-15&links=arms_transfer&country=KAZ")
    assert chips(session, t("filter_kind", "en")) == [t("link_arms_transfer", "en")]
    for lang in ("fr", "en"):
        switch(session, lang)
        assert chips(session, t("filter_kind", lang)) == [t("link_arms_transfer", lang)], lang
        assert chips(session, t("filter_country", lang)) == [
            "Kazakhstan"], lang
