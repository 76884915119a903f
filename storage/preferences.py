"""The user's preferences (the theme), in ``preferences.json`` in the user's config folder.

One small JSON object, written atomically. A file that cannot be read or holds something
unexpected is ignored (the defaults apply) and replaced at the next change: a preference is
never worth a refusal to start. ``POSTMORTEM_CONFIG_DIR`` points elsewhere (tests use it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

from storage.atomic import atomic_write, document_bytes

FILE_NAME = "preferences.json"


def config_dir() -> Path:
    chosen = os.environ.get("POSTMORTEM_CONFIG_DIR")
    if chosen:
        return Path(chosen).expanduser()
    return platformdirs.user_config_path("postmortem-tui")


def read_preferences() -> dict[str, str]:
    """The preferences saved, text values only; {} when there are none or they cannot be read."""
    try:
        data = json.loads((config_dir() / FILE_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items() if isinstance(value, str)}


def save_preference(key: str, value: str) -> None:
    """Remember one preference; ``StorageError`` (the file) or ``OSError`` (the folder) when
    it cannot be written."""
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    preferences = read_preferences() | {key: value}
    atomic_write(folder / FILE_NAME, document_bytes(preferences), keep_backup=False)
