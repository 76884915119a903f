"""Switching the app's language while it runs (the palette's "Language: 中文 / English").

The choice is this run's language at once and is remembered in the user's preferences for the
next start (after ``--lang`` and ``POSTMORTEM_LANG``, before the system locale). What is on
screen is built again from the catalogue: the footer reads its labels from the command
registry when it draws, the screens say how they rebuild (``language_changed``).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from postmortem.i18n import (SUPPORTED_LANGUAGES, current_language, set_language,
                             supported_language, t)

if TYPE_CHECKING:
    from tui.app import PostmortemApp


def other_language() -> str:
    """The language a switch goes to: the app speaks two, so the one not spoken now."""
    return next(name for name in SUPPORTED_LANGUAGES if name != current_language())


async def switch_language(app: "PostmortemApp", language: str | None = None) -> None:
    from storage.errors import StorageError
    from storage.preferences import save_preference
    chosen = language or other_language()
    set_language(chosen)
    app.title = t("app.title")
    for screen in app.screen_stack:
        rebuild = getattr(screen, "language_changed", None)
        if rebuild is not None:
            await rebuild()
        screen.refresh_bindings()   # the footer draws its labels again, in the new language
    try:
        save_preference("language", chosen)
    except (StorageError, OSError) as error:
        app.notify(t("language.not_remembered", problem=str(error)), severity="warning")
        return
    # POSTMORTEM_LANG comes before the saved choice at the next start: said, not hidden.
    overruled = supported_language(os.environ.get("POSTMORTEM_LANG", "")) not in (None, chosen)
    app.notify(t("language.switched_env_wins" if overruled else "language.switched",
                 language=t(f"language.name.{chosen}")))
