"""A line that says sharing-safe mode is on, for the screens without the document header
(F5, F6, help): shown only while the app's ``sharing`` is on."""

from __future__ import annotations

from textual.widgets import Static

from postmortem.i18n import t


class SharingBanner(Static):
    def __init__(self) -> None:
        super().__init__(t("sharing.banner"), markup=False)

    def on_mount(self) -> None:
        if hasattr(self.app, "sharing"):
            self.watch(self.app, "sharing", self._show)

    def _show(self, sharing: bool) -> None:
        self.set_class(sharing, "-on")
