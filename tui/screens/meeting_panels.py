"""The workspace's meeting panels of issue 14: the roster (F4) and the open actions carried
over from related postmortems (F10). A mixin of ``WorkspaceScreen``, kept apart so the
workspace stays about stages and saving."""

from __future__ import annotations

from tui.messages import DocumentChanged


class MeetingPanels:
    """Needs the workspace's ``document``, ``read_only`` and ``post_message``."""

    def _roster_changed(self) -> None:
        self.post_message(DocumentChanged())  # saved and undoable like any edit

    def action_roster(self) -> None:
        from tui.screens.roster import RosterScreen
        if isinstance(self.app.screen, RosterScreen):
            return
        self.app.push_screen(RosterScreen(self.document, self._roster_changed,
                                          read_only=self.read_only))
