"""Switching sharing-safe mode for the whole app (issue 15, item 2).

Turning it on is immediate — someone may be walking into the room. Turning it off shows
everything to the room, so a typed confirmation (``ConfirmScreen``, a ``ModalScreen[bool]``)
asks first. The screens built from the document when they opened (F5, F6, help) are opened
again in the new mode; the postmortem windows build their stage views again.
"""

from __future__ import annotations

from textual.screen import ModalScreen

from postmortem.i18n import t


def toggle_sharing(app) -> None:
    if isinstance(app.screen, ModalScreen):
        app.notify(t("sharing.close_dialog_first"), severity="warning")
        return
    if not app.sharing:
        app.sharing = True
    else:
        confirm_sharing_off(app)


def confirm_sharing_off(app) -> None:
    app.run_worker(_ask_then_turn_off(app), group="sharing", exclusive=True)


async def _ask_then_turn_off(app) -> None:
    from tui.screens.dialogs import ConfirmScreen
    if await app.push_screen_wait(ConfirmScreen(t("sharing.confirm_off"),
                                                t("sharing.confirm_off_button"))):
        app.sharing = False


async def show_sharing(app, sharing: bool) -> None:
    from tui.screens.export import ExportScreen
    from tui.screens.help import HelpScreen
    from tui.screens.review import FinalReviewScreen
    reopen = []
    while isinstance(app.screen, (ExportScreen, FinalReviewScreen, HelpScreen)):
        reopen.append(type(app.screen))
        await app.pop_screen()
    for workspace in app.workspaces():
        await workspace.apply_sharing()
    from tui.screens.library import LibraryScreen
    from tui.screens.trash import TrashScreen
    for screen in app.screen_stack:
        if isinstance(screen, (LibraryScreen, TrashScreen)):
            screen.reload()   # their titles, masked or not
    beneath = app.screen   # the postmortem (or the library) they were opened over
    for screen_class in reversed(reopen):
        if screen_class is ExportScreen:
            beneath.action_export()
        elif screen_class is FinalReviewScreen:
            beneath.action_final_review()
        else:
            app.action_help()
    app.notify(t("sharing.turned_on" if sharing else "sharing.turned_off"))
