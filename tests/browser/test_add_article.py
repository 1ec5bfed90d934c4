"""Add an article in Chromium: paste → find candidates → accept → draft layer on the map →
check → download the ZIP. The session fixture fails the test on any foreign request or error."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TEXT = ("Arms for the south\n\nTurkey delivered four helicopters to Uzbekistan in March 2023, "
        "the ministry said.\n\nIn April 2024, Kazakhstan and Uzbekistan signed a defence "
        "cooperation agreement.\n")
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
SLOW_MS = 120_000  # the first extraction loads spaCy in the server


def wait_idle(page, timeout: float = SLOW_MS) -> None:
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        timeout=timeout)


def test_paste_accept_draft_layer_download(session, tmp_path: Path) -> None:
    page = session.page
    page.goto(session.server.url("add_article?lang=en"))
    wait_idle(page)
    page.locator('textarea[aria-label="Article text"]').fill(TEXT)
    page.locator('input[aria-label="Published (YYYY, YYYY-MM or YYYY-MM-DD)"]').fill(
        "2024-05-10")
    page.get_by_role("button", name="Find candidate rows").click()
    page.get_by_text("Untick what is wrong").wait_for(timeout=SLOW_MS)
    wait_idle(page)
    page.locator(".atlas-evidence mark").first.wait_for()  # the locator, highlighted

    page.get_by_role("button", name="Accept all but duplicates").click()
    page.get_by_text("Accepted rows: ").first.wait_for()
    wait_idle(page)
    # during a rerun the old map iframe may linger next to the new one: wait for one map
    page.wait_for_function("s => document.querySelectorAll(s).length === 1", arg=MAP_IFRAME)
    draft = page.frame_locator(MAP_IFRAME).locator("path.atlas-draft")
    draft.first.wait_for(timeout=30_000)  # the frame locator follows a redrawn iframe
    assert draft.count() > 0
    style = draft.first.evaluate(
        "p => [p.getAttribute('stroke'), p.getAttribute('stroke-dasharray')]")
    assert style[0].lower() == "#d6009a" and style[1], style

    page.get_by_role("button", name="Check the accepted rows").click()
    page.get_by_text("pass every check").wait_for(timeout=SLOW_MS)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the tables").click()
    target = tmp_path / "atlas.zip"
    info.value.save_as(target)
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as z:
        rel = z.read("data/relations.csv").decode()
        assert "articles/pasted.txt" in z.namelist()
    assert ",arms_transfer,TUR,UZB,true,2023-03," in rel
    assert ",security_agreement,KAZ,UZB,false,2024-04," in rel


@pytest.mark.parametrize(("name", "content", "words"), [
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "binary file"),
    # over the server's 1 MB upload limit (.streamlit/config.toml): Streamlit refuses it in the
    # uploader itself, before the page sees it, and says why
    ("big.txt", b"Le Kazakhstan. " * 140_000, "MB or smaller"),
])
def test_uploaded_bytes_get_a_message_not_a_traceback(session, tmp_path: Path, name, content,
                                                       words) -> None:
    page = session.page
    page.goto(session.server.url("add_article?lang=en"))
    wait_idle(page)
    path = tmp_path / name
    path.write_bytes(content)
    page.get_by_test_id("stForm").locator('input[type="file"]').set_input_files(str(path))
    page.get_by_text(name).first.wait_for()
    if words == "MB or smaller":  # the uploader's own message; the page never gets the file
        expect(page.get_by_test_id("stForm")).to_contain_text(words)
    else:
        page.get_by_role("button", name="Find candidate rows").click()
        alert = page.locator('[data-testid="stAlertContentError"]')
        alert.wait_for(timeout=SLOW_MS)
        assert words in alert.inner_text()
    assert page.get_by_text("Traceback").count() == 0


def test_a_ten_megabyte_paste_gets_a_message(session) -> None:
    """Pasting 10 MB: the box holds at most ``MAX_PASTE_CHARS`` (the server refuses widget
    values over 2 MB), and what the page receives is refused with a message, never an
    exception or a traceback."""
    page = session.page
    page.goto(session.server.url("add_article?lang=en"))
    wait_idle(page)
    box = page.locator('textarea[aria-label="Article text"]')
    box.fill("Le Kazakhstan et la Russie. " * 360_000)  # ~10 MB
    page.get_by_role("button", name="Find candidate rows").click()
    alert = page.locator('[data-testid="stAlertContentError"]')
    alert.wait_for(timeout=SLOW_MS)
    assert "upload the article as a file" in alert.inner_text() or "empty" in alert.inner_text()
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_text("Traceback").count() == 0
