"""Rescue copies: where edits go when the postmortem's own file cannot take them (DESIGN §8).

A rescue copy is the whole document as deterministic JSON (the interchange format of
``export --format json``, which ``postmortem import`` reads), named
``<id>.rescue-<UTC time>.json``. It is always a new file: nothing is ever replaced by one.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import platformdirs

from postmortem.i18n import t
from storage.atomic import atomic_write, document_bytes
from storage.errors import SaveError, StorageError

APP_FOLDER = "postmortem-tui"


def failure_reason(error: BaseException) -> str:
    """Why a save failed, short (``SaveError.reason``: "No space left on device"), for a
    sentence that names the file itself; else the error's own sentence."""
    reason = getattr(error, "reason", None)
    return reason if isinstance(reason, str) and reason else str(error).rstrip(".")


def rescue_name(doc_id: str, moment: datetime | None = None) -> str:
    moment = (moment or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return f"{doc_id}.rescue-{moment:%Y%m%dT%H%M%SZ}.json"


def rescue_bytes(data: dict[str, Any]) -> bytes:
    return document_bytes(data)


def user_rescue_folder() -> Path:
    """``rescue`` in the user's data folder (beside the default library)."""
    return platformdirs.user_data_path(APP_FOLDER) / "rescue"


def default_copy_path(doc_id: str, failing_folder: Path) -> Path:
    """Where "save a copy" proposes to write: the home folder, unless the failing folder is the
    home folder or holds it; then the temporary folder."""
    name = rescue_name(doc_id)
    home = Path.home()
    failing = Path(os.path.realpath(failing_folder))
    real_home = Path(os.path.realpath(home))
    if real_home == failing or failing in real_home.parents:
        return Path(tempfile.gettempdir()) / name
    return home / name


def write_emergency_copy(doc_id: str, data: dict[str, Any], document_path: Path) -> Path:
    """Write a rescue copy next to the document, else in the user's data folder, else in the
    temporary folder; returns where it went. ``StorageError`` naming every reason if none took it."""
    encoded = rescue_bytes(data)
    reasons: list[str] = []
    for folder in (Path(document_path).parent, user_rescue_folder(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            path = _free_path(folder, doc_id)
            atomic_write(path, encoded, keep_backup=False)
        except SaveError as error:
            reasons.append(f"{folder}: {error.reason}")
            continue
        except OSError as error:
            reasons.append(f"{folder}: {os.strerror(error.errno) if error.errno else error}")
            continue
        return path
    raise StorageError(t("rescue.nowhere", id=doc_id, reasons="; ".join(reasons)))


def _free_path(folder: Path, doc_id: str) -> Path:
    """A rescue name not yet taken in ``folder`` (two rescues in one second get a counter)."""
    first = folder / rescue_name(doc_id)
    candidate, n = first, 1
    while os.path.lexists(candidate):
        n += 1
        candidate = first.with_name(f"{first.name[: -len('.json')]}-{n}.json")
    return candidate
