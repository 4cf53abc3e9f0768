"""docs/settings.md's settings table and lib/settings.py stay in step."""

from __future__ import annotations

import re
from pathlib import Path

from lib.settings import SETTINGS

README = Path(__file__).resolve().parent.parent / "docs" / "settings.md"


def readme_settings() -> dict[str, str]:
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \|", README.read_text(encoding="utf-8"), flags=re.M)
    return {name: default.strip() for name, default in rows}


def test_every_setting_is_documented_with_its_default() -> None:
    documented = readme_settings()
    assert set(documented) == set(SETTINGS)
    for name, setting in SETTINGS.items():
        assert float(documented[name]) == float(setting.default), name


def test_every_setting_has_help() -> None:
    assert all(len(s.help) > 20 for s in SETTINGS.values())


def test_environment_overrides(monkeypatch) -> None:
    monkeypatch.setenv("TARGETLENS_MAX_FILE_MB", "3")
    assert SETTINGS["max_file_mb"].value == 3
