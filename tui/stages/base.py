"""What every stage view shares: the document, read-only mode, focus and change reporting."""

from __future__ import annotations

from textual.containers import Vertical
from textual.widget import Widget

from postmortem.i18n import t
from postmortem.model import Postmortem
from tui.commands import RegistryBindings
from tui.messages import DocumentChanged
from tui.widgets.text_field import typing_burst


def report_change(widget: Widget) -> None:
    """Post ``DocumentChanged`` from where the document was edited: the stage view hears it on
    the way up (to redraw what depends on it), then the workspace (to record, save and re-check
    the exit conditions). Called right where the edit is made, so the field with focus now is
    the one typed in."""
    widget.post_message(DocumentChanged(burst=typing_burst(widget.app.focused)))


def editable(widget: Widget, read_only: bool) -> bool:
    """The one read-only check before an edit: False in a window that has the postmortem open
    read-only, with one sentence saying so."""
    if read_only:
        widget.notify(t("workspace.read_only"), severity="warning")
    return not read_only


class StageView(RegistryBindings, Vertical):
    """A stage's screen area. Subclasses edit ``self.document`` in place and call ``changed()``."""

    STAGE: int = 0
    FORM = False   # a form of fields (no main list): it opens with focus on the stage strip

    def __init__(self, document: Postmortem, *, read_only: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, classes="stage-view")
        self.document = document
        self.read_only = read_only

    def changed(self) -> None:
        """Report an edit made by the stage view itself (see ``report_change``)."""
        report_change(self)

    def editable(self) -> bool:
        """True when edits are allowed; in a read-only window says why and returns False."""
        return editable(self, self.read_only)

    # The workspace's count of edits when this view last showed the document: a view
    # returned to with nothing changed since is shown as it is, not filled again.
    shown_revision = -1

    def refresh_from_document(self) -> None:
        """Show the document's current values (another stage may have changed them)."""

    def focus_first(self) -> None:
        focusable = [w for w in self.query("*") if isinstance(w, Widget) and w.focusable]
        if focusable:
            focusable[0].focus()

    def focus_location(self, location: str) -> bool:
        """Focus the field or item named by a checklist reason; False if unknown here."""
        return False

    def show_change(self, location: str | None) -> None:
        """After an undo or redo: bring the item or field it changed into view (selected in a
        list; a field is scrolled to, not entered, so the next key does not type into it)."""
