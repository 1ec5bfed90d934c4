"""Public-hosting settings in ``.streamlit/config.toml`` (issue 15): each one set, and each with
a comment saying why (the upload limit itself is checked against a real server in
``tests/browser/test_server_limits.py``)."""

from __future__ import annotations

import tomllib
from pathlib import Path

CONFIG = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"
WANTED = {("server", "maxUploadSize"): 1, ("server", "maxWidgetStateSize"): 2,
          ("server", "enableXsrfProtection"): True, ("client", "showErrorDetails"): "none",
          ("browser", "gatherUsageStats"): False, ("client", "toolbarMode"): "viewer"}


def test_public_settings() -> None:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert {k: config.get(k[0], {}).get(k[1]) for k in WANTED} == WANTED


def test_every_setting_has_a_comment() -> None:
    lines = CONFIG.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if "=" in line and not line.lstrip().startswith("#") and line.split("=")[0].strip() \
                not in ("headless", "base"):
            assert lines[i - 1].lstrip().startswith("#"), f"no comment above {line!r}"
