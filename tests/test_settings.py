"""lib/settings.py: every setting has help, and the environment overrides it."""

from __future__ import annotations

from lib.settings import SETTINGS


def test_every_setting_has_help() -> None:
    assert all(len(s.help) > 20 for s in SETTINGS.values())


def test_environment_overrides(monkeypatch) -> None:
    monkeypatch.setenv("TARGETLENS_MAX_FILE_MB", "3")
    assert SETTINGS["max_file_mb"].value == 3
