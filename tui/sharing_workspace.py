"""Sharing-safe mode in a postmortem's window (issue 15, item 2).

The mode itself is the app's reactive ``sharing``; this mixin gives the workspace what it
shows and edits while it is on: the stage views are built on a ``SharedCopy`` of the
document (masked, internal-only and private things left out, ``postmortem.sharing``), and
each edit made on that copy is carried into the real document before it is saved. An edit
of a masked or hidden text is refused: the shown text is put back and the status line says
why, so a mask is never written into the file. A text added or typed that holds a finding
is masked on screen once its edit is committed (``mask_carried_text``), the file keeping the
real text.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from postmortem.i18n import t
from postmortem.model import Postmortem
from postmortem.scanner import mask
from postmortem.sharing import HiddenTextEdit, SharedCopy
from tui.messages import DocumentChanged
from tui.widgets.text_field import TextBox, TextField, typing_burst


def _typing_a_finding(focused: object) -> bool:
    """The focused widget is a text field whose text holds something the scanner finds."""
    if isinstance(focused, TextField):
        return mask(focused.value) != focused.value
    if isinstance(focused, TextBox):
        return mask(focused.text) != focused.text
    return False


class SharingWorkspace:
    """Mixed into ``WorkspaceScreen``: ``document`` is always the real postmortem."""

    shared: SharedCopy | None = None

    @property
    def sharing(self) -> bool:
        return bool(getattr(self.app, "sharing", False))

    @property
    def view_document(self) -> Postmortem:
        """What the stage views, F5 and the export preview show: the real document, or its
        shared copy in sharing-safe mode."""
        return self.shared.shown if self.shared is not None else self.document

    def shown_text(self, text: str) -> str:
        """A line made from the document (exit conditions): masked in sharing-safe mode."""
        return mask(text) if self.shared is not None else text

    def shown_statuses(self) -> list:
        """The exit conditions of the six stages, their reasons masked in sharing-safe mode."""
        from dataclasses import replace
        from postmortem.stages import stage_statuses
        statuses = stage_statuses(self.document)
        if self.shared is None:
            return statuses
        return [replace(status, reasons=tuple(mask(r) for r in status.reasons))
                for status in statuses]

    def customer_findings(self) -> list:
        """What the scanner finds in the real text the customer version publishes (F5)."""
        from postmortem.scanner import customer_texts, scan_texts
        return scan_texts(customer_texts(self.document))

    def start_sharing_copy(self) -> None:
        self.shared = SharedCopy(self.document) if self.sharing else None

    def carry_shared_edit(self) -> bool:
        """Before an edit is saved: carry it from the shared copy into the document. False
        when it was refused (and undone on screen)."""
        if self.shared is None:
            return True
        try:
            if self.shared.merge():   # an item marked internal-only: off the screen now
                self.call_after_refresh(self._show_current_view_again)
        except HiddenTextEdit as refused:
            self.shared.resync()
            self.call_after_refresh(self._show_current_view_again)
            self.notify(t("sharing.refused_edit", path=refused.path), severity="warning",
                        timeout=8)
            return False
        self.call_after_refresh(self.mask_carried_text)
        return True

    def mask_carried_text(self) -> None:
        """What was just added or typed holds something the scanner finds: show the shared
        copy again, masked (the file keeps the real text). Not while the facilitator is still
        typing that text in the field that has focus: masking it under the cursor would make
        the next key an edit of a masked text (refused). It is masked as soon as that field
        is left (``on_descendant_blur``) — Enter, Tab, Escape or a click."""
        if self.shared is None or not self.shared.unmasked:
            return
        if _typing_a_finding(self.app.focused):
            return
        self.shared.resync()
        self._show_current_view_again()
        self.refresh_status()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if self.shared is not None and self.shared.unmasked:
            self.call_after_refresh(self.mask_carried_text)

    def resync_shared(self) -> None:
        """The real document changed outside the views (undo, redo): show it again, the
        private notes too."""
        if self.shared is not None:
            self.shared.resync()
        notes = self.query_one("#private-notes-text", TextArea)
        if notes.text != self.document.facilitator_notes:
            notes.load_text(self.document.facilitator_notes)

    def _show_current_view_again(self) -> None:
        found = self.query(f"#stage-{self.current_stage}")
        if found:
            found.first().refresh_from_document()

    async def apply_sharing(self) -> None:
        """The mode was switched: build the stage views again on what may now be shown."""
        self.flush()
        self.start_sharing_copy()
        header = self.query_one("#doc-header")
        header.sharing = self.sharing
        self.show_private_notes_for_mode()
        await self.build_view_again()

    # The facilitator's private notes ----------------------------------------------------

    def compose_private_notes(self) -> ComposeResult:
        """A pane beside the stages, closed until Ctrl+N; its text is the real document's
        (the shared copy never holds it). In sharing-safe mode the open pane shows one
        sentence in place of the notes."""
        with Vertical(id="private-notes", classes="-sharing" if self.sharing else ""):
            yield Static(t("sharing.notes.title"), id="private-notes-title", markup=False)
            yield Static(t("sharing.notes.hidden_while_sharing"), id="private-notes-hidden",
                         markup=False)
            yield TextBox(self.document.facilitator_notes, id="private-notes-text",
                          read_only=self.read_only, soft_wrap=True, compact=True)

    def show_private_notes_for_mode(self) -> None:
        """Whether the pane is open is the facilitator's choice (Ctrl+N) in either mode;
        what it shows follows the mode: the notes, or the sentence saying they are hidden.
        Switching the mode must not leave either one behind."""
        pane = self.query_one("#private-notes")
        notes = self.query_one("#private-notes-text", TextArea)
        if self.sharing and notes.has_focus:
            self.focus_view_again()   # the next key must not type into hidden notes
        pane.set_class(self.sharing, "-sharing")   # screens.tcss swaps the two
        if not self.sharing and notes.text != self.document.facilitator_notes:
            notes.load_text(self.document.facilitator_notes)

    def action_toggle_notes(self) -> None:
        pane = self.query_one("#private-notes")
        pane.toggle_class("-open")
        self.show_private_notes_for_mode()
        if pane.has_class("-open"):
            if not self.sharing:
                self.query_one("#private-notes-text", TextArea).focus()
        else:
            self.focus_view_again()

    def focus_view_again(self) -> None:
        found = self.query(f"#stage-{self.current_stage}")
        if found:
            found.first().focus_first()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id != "private-notes-text" or self.read_only:
            return
        event.stop()
        if event.text_area.text == self.document.facilitator_notes:
            return  # filled from the document, not typed
        self.document.facilitator_notes = event.text_area.text
        self.post_message(DocumentChanged(burst=typing_burst(self.app.focused)))
