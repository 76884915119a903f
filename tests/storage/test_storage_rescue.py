"""Rescue copies: named <id>.rescue-<UTC time>.json, written where they can be, never replacing."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import storage.rescue as rescue
from postmortem.factory import new_postmortem
from postmortem.model import Postmortem
from storage.errors import SaveError, StorageError


@pytest.fixture
def folders(tmp_path, monkeypatch):
    """Home, data and temp folders of the test's own."""
    home, data, temp = tmp_path / "home", tmp_path / "data", tmp_path / "tmp"
    for folder in (home, temp):
        folder.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return home, data / "postmortem-tui" / "rescue", temp


def test_the_name_carries_the_id_and_the_utc_time():
    moment = datetime(2026, 3, 9, 15, 4, 5, tzinfo=timezone(timedelta(hours=2)))
    assert rescue.rescue_name("db-outage", moment) == "db-outage.rescue-20260309T130405Z.json"


def test_the_copy_prompt_proposes_home_unless_home_is_the_failing_folder(folders, tmp_path):
    home, _, temp = folders
    library = tmp_path / "library"
    assert rescue.default_copy_path("x", library).parent == home
    assert rescue.default_copy_path("x", home).parent == temp
    assert rescue.default_copy_path("x", tmp_path).parent == temp  # home is inside it


def write_failing_in(monkeypatch, *failing: Path) -> None:
    real = rescue.atomic_write

    def atomic_write(path, data, **options):
        if Path(path).parent in failing:
            raise SaveError(path, "No space left on device")
        return real(path, data, **options)
    monkeypatch.setattr(rescue, "atomic_write", atomic_write)


def test_an_emergency_copy_goes_next_to_the_file_else_the_data_folder_else_temp(folders, tmp_path, monkeypatch):
    _, data, temp = folders
    library = tmp_path / "library"
    library.mkdir()
    document = new_postmortem("db-outage", "Database outage", "SEV1")
    first = rescue.write_emergency_copy(document.id, document.to_dict(), library / "db-outage.json")
    assert first.parent == library and first.name.startswith("db-outage.rescue-")
    assert Postmortem.from_dict(json.loads(first.read_text("utf-8"))).title == "Database outage"
    assert oct(first.stat().st_mode & 0o777) == "0o600"

    write_failing_in(monkeypatch, library)
    second = rescue.write_emergency_copy(document.id, document.to_dict(), library / "db-outage.json")
    assert second.parent == data

    write_failing_in(monkeypatch, library, data)
    third = rescue.write_emergency_copy(document.id, document.to_dict(), library / "db-outage.json")
    assert third.parent == temp

    write_failing_in(monkeypatch, library, data, temp)
    with pytest.raises(StorageError) as refused:
        rescue.write_emergency_copy(document.id, document.to_dict(), library / "db-outage.json")
    assert str(refused.value).count("No space left on device") == 3


def test_two_copies_in_one_second_never_replace_each_other(folders, tmp_path):
    library = tmp_path / "library"
    library.mkdir()
    document = new_postmortem("db-outage", "Database outage", "SEV1")
    paths = {rescue.write_emergency_copy(document.id, document.to_dict(), library / "db-outage.json")
             for _ in range(3)}
    assert len(paths) == 3
