"""The tree both stage 3 editors are built on: labels drawn to fit the width, the cursor kept
on its item across redraws, the line editor opened on a node with what is typed going straight
into the document (undone by the workspace's history, like every edit)."""

from __future__ import annotations

from typing import Callable

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.containers import Vertical
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from postmortem.findings import Finding
from postmortem.i18n import t
from postmortem.model import Postmortem
from tui.commands import RegistryBindings
from tui.stages.base import editable, report_change
from tui.stages.analysis.editing import (DismissRequested, EditSession, FindingsList,
                                         InlineEditor, normalised)

Part = tuple[str, str]   # a piece of a tree label: (text, component class or "")
PENDING = "+new"         # the key of the placeholder line while a new item is typed


# The tree base ----------------------------------------------------------------------------


class EditableTree(RegistryBindings, Tree[str]):
    """A tree over part of the document; node data is an item id (or a category key).

    Subclasses fill it in ``populate`` and draw each label in ``label_parts``; this class keeps
    labels within the width (text cut with "…", tags kept), keeps the cursor on the same item
    across rebuilds and opens the line editor on a node.
    """

    GUIDE_DEPTH = 3
    SHARED_SCOPES = ("rows",)   # Home/End: the first and last line

    def __init__(self, document: Postmortem, *, read_only: bool, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.document = document
        self.read_only = read_only
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = self.GUIDE_DEPTH
        self.editor: InlineEditor | None = None   # set by the panel that holds both
        self.findings: dict[str, list[Finding]] = {}   # active blame findings by location
        self.live_findings: Callable[[list[Finding]], None] = lambda _: None
        self.pending: object = None   # where a new item's placeholder line goes, while typed

    # Filling and selecting ----------------------------------------------------------------

    def populate(self) -> None:
        raise NotImplementedError

    def rebuild(self, select: str | None = None) -> None:
        """Redraw from the document, keeping the cursor on ``select`` (or the current item)."""
        keep = select if select is not None else self.selected_key
        line = self.cursor_line
        self.clear()
        self.populate()
        self.last_line  # lay the lines out now, so node lines are known below
        target = self.node_for(keep) if keep is not None else None
        if target is not None:
            self.move_cursor(target)
        elif self.last_line >= 0:
            self.cursor_line = max(0, min(line, self.last_line))
        self.refresh()

    def add_item(self, parent: TreeNode[str], key: str) -> TreeNode[str]:
        node = parent.add("", data=key, expand=True, allow_expand=False)
        return node

    @property
    def selected_key(self) -> str | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def node_for(self, key: str) -> TreeNode[str] | None:
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            if node.data == key:
                return node
            stack.extend(node.children)
        return None

    def action_scroll_top(self) -> None:
        if self.last_line >= 0:
            self.cursor_line = 0

    def action_scroll_bottom(self) -> None:
        if self.last_line >= 0:
            self.cursor_line = self.last_line

    def select_key(self, key: str) -> bool:
        node = self.node_for(key)
        if node is None:
            return False
        self.last_line
        self.move_cursor(node)
        return True

    # Labels -------------------------------------------------------------------------------

    def label_parts(self, node: TreeNode[str]) -> tuple[list[Part], Part, list[Part]]:
        """(prefix parts, main part, suffix parts); a part is (text, component class or "").

        The main part is cut with "…" to fit the width; prefix and suffix always show."""
        raise NotImplementedError

    def _level(self, node: TreeNode[str]) -> int:
        level, parent = 0, node.parent
        while parent is not None and parent is not self.root:
            level, parent = level + 1, parent.parent
        return level

    def guide_width(self, node: TreeNode[str]) -> int:
        return self._level(node) * self.guide_depth

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        from postmortem.fishbone import truncate
        if node is self.root or node.data is None:
            return Text()
        prefix, (main, main_component), suffix = self.label_parts(node)
        text = Text(no_wrap=True)
        for part, component in prefix:
            text.append(part, self._style(component))
        fixed = text.cell_len + sum(Text(p).cell_len for p, _ in suffix)
        room = self.scrollable_content_region.width - self.guide_width(node) - fixed - 1
        text.append(truncate(main, max(room, 8)), self._style(main_component))
        for part, component in suffix:
            text.append(part, self._style(component))
        text.stylize_before(style)
        return text

    def get_label_width(self, node: TreeNode[str]) -> int:
        """Without drawing the label (Textual measures every line whenever the tree is shown
        again): the main part is cut to the room left, so that is its width at most."""
        if node is self.root or node.data is None:
            return 0
        prefix, (main, _), suffix = self.label_parts(node)
        fixed = sum(cell_len(part) for part, _ in (*prefix, *suffix))
        room = self.scrollable_content_region.width - self.guide_width(node) - fixed - 1
        return fixed + min(cell_len(main), max(room, 8))

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True) if component else Style()

    def prefix_width(self, node: TreeNode[str]) -> int:
        prefix, _, _ = self.label_parts(node)
        return sum(Text(p).cell_len for p, _ in prefix)

    # The line editor ----------------------------------------------------------------------

    def edit_line(self, node: TreeNode[str], *, value: str, placeholder: str,
                  on_save: Callable[[str], str | None], on_cancel: Callable[[], None] | None = None,
                  on_change: Callable[[str], None] | None = None) -> None:
        """Open the line editor over ``node``'s text (after its prefix).

        The editor takes the focus at once, so keys typed right after the command land in
        it, never on the tree; it is moved onto the line again once the tree has scrolled."""
        assert self.editor is not None
        session = EditSession(on_save=on_save, on_cancel=on_cancel or (lambda: None),
                              on_change=on_change or (lambda _: None))
        self.last_line
        self.scroll_to_node(node, animate=False)
        self.editor.open(session, value=value, placeholder=placeholder, **self._editor_place(node))
        self.call_after_refresh(self._replace_editor, node)

    def _editor_place(self, node: TreeNode[str]) -> dict[str, int]:
        self.last_line
        x = self.guide_width(node) + self.prefix_width(node) - self.scroll_offset.x
        y = max(0, node.line - self.scroll_offset.y)
        return {"x": x, "y": y, "width": self.scrollable_content_region.width - x}

    def _replace_editor(self, node: TreeNode[str]) -> None:
        if self.editor is not None and self.editor.is_open:
            self.editor.place(**self._editor_place(node))

    # Typing straight into the document ----------------------------------------------------
    #
    # What is typed goes into the document at every keystroke (and so is saved within a
    # second, like any field); Enter keeps it, Escape puts the original back.

    def edit_text(self, node: TreeNode[str], *, value: str, placeholder: str,
                  apply: Callable[[str], None], select: str,
                  required: str | None = None,
                  findings: Callable[[str], list[Finding]] | None = None) -> None:
        """Edit an existing text; ``apply`` writes it (raising ValueError to refuse it)."""
        original = value

        def live(text: str) -> None:
            if findings is not None:
                self.live_findings(findings(text))
            if self._apply(apply, normalised(text), required):
                report_change(self)

        def save(text: str) -> str | None:
            text = normalised(text)
            if required and not text:
                return required
            try:
                apply(text)
            except ValueError as problem:
                return str(problem)
            self.finish(select, changed=True)
            return None

        def cancel() -> None:
            self._apply(apply, original, None)
            self.finish(select, changed=True)

        self.edit_line(node, value=value, placeholder=placeholder, on_save=save,
                       on_cancel=cancel, on_change=live)

    def add_text(self, pending: object, *, placeholder: str, create: Callable[[str], str],
                 apply: Callable[[str, str], None], remove: Callable[[str], None],
                 back: str | None,
                 findings: Callable[[str], list[Finding]] | None = None) -> None:
        """Type a new item on a placeholder line; it joins the document with the first
        character (``create`` returns its key), and leaves it if nothing is kept."""
        created: list[str] = []
        self.pending = pending
        self.rebuild(PENDING)
        placeholder_node = self.node_for(PENDING)
        assert placeholder_node is not None

        def write(text: str) -> bool:
            try:
                if created:
                    apply(created[0], text)
                elif text:
                    created.append(create(text))
                else:
                    return False
            except ValueError:
                return False
            return True

        def live(text: str) -> None:
            if findings is not None:
                self.live_findings(findings(text))
            if write(normalised(text)):
                report_change(self)

        def save(text: str) -> str | None:
            text = normalised(text)
            if not text:
                cancel()
                return None
            try:
                if created:
                    apply(created[0], text)
                else:
                    created.append(create(text))
            except ValueError as problem:
                return str(problem)
            self.finish(created[0], changed=True)
            return None

        def cancel() -> None:
            if created:
                remove(created[0])
            self.finish(back, changed=bool(created))

        self.edit_line(placeholder_node, value="", placeholder=placeholder, on_save=save,
                       on_cancel=cancel, on_change=live)

    @staticmethod
    def _apply(apply: Callable[[str], None], text: str, required: str | None) -> bool:
        if required and not text:
            return False
        try:
            apply(text)
        except ValueError:
            return False
        return True

    def finish(self, select: str | None, changed: bool = False) -> None:
        """After an edit: redraw with the cursor on ``select``, focus back on the tree."""
        self.pending = None
        self.rebuild(select)
        self.focus()
        if changed:
            report_change(self)
        self.live_findings(self.findings.get(select or "", []))

    def busy(self) -> bool:
        return self.editor is not None and self.editor.is_open

    def ready(self) -> bool:
        """May an edit start now? (Not read-only, not already editing a line.)"""
        return self.editable() and not self.busy()

    # Helpers for subclasses -------------------------------------------------------------

    def editable(self) -> bool:
        return editable(self, self.read_only)

    def on_click(self, event) -> None:
        if getattr(event, "chain", 1) == 2:
            self.call_after_refresh(self.run_action, "edit")

    def action_dismiss(self) -> None:
        """Dismiss the selected item's first finding (the panel asks for the reason)."""
        found = self.findings.get(self.selected_key or "", [])
        if not found:
            self.notify(t("analysis_ui.no_finding"))
            return
        self.post_message(DismissRequested(found[0]))


class TreePanel(Vertical):
    """A tree with its line editor, and the selected item's details and findings under it
    (the whys tree and the fishbone editor). Subclasses set ``NAME`` and ``show_selected``."""

    NAME = ""  # the prefix of the panel's widget ids: #<NAME>-findings, #<NAME>-editor

    def __init__(self, document: Postmortem, tree: EditableTree, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="analysis-panel")
        self.document = document
        self.editor_tree = tree
        self.editor = InlineEditor(id=f"{self.NAME}-editor")
        tree.editor = self.editor

    def on_mount(self) -> None:
        # Filled by the stage's first blame check (``show_findings``), right after this.
        self.editor_tree.live_findings = self.query_one(f"#{self.NAME}-findings", FindingsList).show

    def show_findings(self, by_location: dict[str, list[Finding]]) -> None:
        self.editor_tree.findings = by_location
        self.findings_changed()
        if not self.editor.is_open:   # while a line is typed, its own findings show
            self.editor_tree.rebuild()
            self.show_selected()

    def findings_changed(self) -> None:
        """Hook: something else drawn from the findings (the fishbone diagram)."""

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # The line editor opens on the line the new item will take: the hint shown on an
        # empty tree lies over that line, so it goes while the line is typed.
        if event.widget is self.editor:
            for hint in self.query(".tree-empty"):
                hint.display = False

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget is self.editor:
            self.show_selected()   # the hint again if the tree is still empty

    @on(Tree.NodeHighlighted)
    def _highlighted(self) -> None:
        if not self.editor.is_open:
            self.show_selected()

    def show_selected(self) -> None:
        raise NotImplementedError
