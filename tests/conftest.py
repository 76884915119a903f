"""Shared fixtures: a temporary library and an app factory with the live clock off."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    return folder


@pytest.fixture
def make_app(library_dir: Path):
    from tui.app import create_app

    def factory(open_target: str | None = None):
        return create_app(library_dir, open_target, clock=False)
    return factory
