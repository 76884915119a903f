"""The fishbone of stage 3: categories with their causes in a tree (the editor), and the
diagram drawn by ``render_fishbone``. Side by side when there is room; otherwise g switches
between the list and the diagram at full width."""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.widgets import Static
from textual.widgets.tree import TreeNode

from postmortem import fishbone
from postmortem.blame import text_findings
from postmortem.cells import quoted
from postmortem.findings import Finding
from postmortem.fishbone import MARKERS, clean, truncate
from postmortem.hidden_text import mark_hidden
from postmortem.i18n import t
from postmortem.model import Cause, Postmortem
from postmortem.whys import cycle_role
from tui.commands import RegistryBindings
from tui.stages.analysis.dialogs import Choice, PickScreen
from tui.stages.analysis.editing import FindingsList
from tui.stages.base import report_change
from tui.stages.analysis.tree import PENDING, EditableTree, TreePanel
from tui.stages.analysis.whys import role_parts
from tui.widgets.fishbone_view import FishboneDiagram

CATEGORY = "cat:"        # node data of a category: "cat:<index>"
SIDE_BY_SIDE = 110       # cells: below this width the diagram gets its own full-width view


def category_key(index: int) -> str:
    return f"{CATEGORY}{index}"


class FishboneTree(EditableTree):
    COMMAND_SCOPE = "fishbone"
    COMPONENT_CLASSES = EditableTree.COMPONENT_CLASSES | {
        "fishbone--category", "fishbone--count", "fishbone--root", "fishbone--contributing",
        "fishbone--mark-root", "fishbone--mark-contributing", "fishbone--finding", "fishbone--empty"}

    def __init__(self, document: Postmortem, *, read_only: bool, id: str | None = None) -> None:
        super().__init__(document, read_only=read_only, id=id)
        self.pending: int | None = None   # category index for a new cause; -1: a new category
        self.toggle_diagram: Callable[[], None] = lambda: None

    # Drawing --------------------------------------------------------------------------------

    def populate(self) -> None:
        for index, category in enumerate(self.document.analysis.fishbone):
            node = self.add_item(self.root, category_key(index))
            for cause in category.causes:
                self.add_item(node, cause.id)
            if self.pending == index:
                node.add("", data=PENDING, allow_expand=False)
        if self.pending == -1:
            self.root.add("", data=PENDING, allow_expand=False)

    def label_parts(self, node: TreeNode[str]):
        key = node.data or ""
        if key == PENDING:
            prefix = [(MARKERS[None] + " ", "")] if self.pending != -1 else []
            return prefix, ("", ""), []
        if key.startswith(CATEGORY):
            category = self.document.analysis.fishbone[int(key[len(CATEGORY):])]
            return [], (clean(mark_hidden(category.category)), "fishbone--category"), [
                (f" ({len(category.causes)})", "fishbone--count")]
        cause = self.cause(key)
        component = {"root-cause": "fishbone--mark-root", "contributing": "fishbone--mark-contributing"}
        prefix = [(MARKERS.get(cause.role, MARKERS[None]) + " ", component.get(cause.role, ""))]
        suffix = role_parts(cause.role, "fishbone")
        if self.findings.get(key):
            suffix.append((" ⚠", "fishbone--finding"))
        text = clean(mark_hidden(cause.text))
        main = (text, "") if text else (t("fishbone.untitled_cause"), "fishbone--empty")
        return prefix, main, suffix

    # Lookups ------------------------------------------------------------------------------

    def cause(self, cause_id: str) -> Cause:
        ci, i = fishbone.find_cause(self.document, cause_id)
        return self.document.analysis.fishbone[ci].causes[i]

    def selected_category(self) -> int | None:
        """The category under the cursor, or of the cause under it."""
        key = self.selected_key
        if key is None or key == PENDING:
            return None
        if key.startswith(CATEGORY):
            return int(key[len(CATEGORY):])
        return fishbone.find_cause(self.document, key)[0]

    def selected_cause(self) -> Cause | None:
        key = self.selected_key
        if key is None or key == PENDING or key.startswith(CATEGORY):
            return None
        return self.cause(key)

    # Categories -----------------------------------------------------------------------------

    def action_add_defaults(self) -> None:
        if not self.ready():
            return
        doc = self.document
        added = fishbone.add_default_categories(doc)
        if not added:
            self.notify(t("analysis_ui.fishbone.defaults_present"))
            return
        self.notify(t("analysis_ui.fishbone.defaults_added", count=len(added)))
        self.rebuild(category_key(doc.analysis.fishbone.index(added[0])))
        report_change(self)

    def action_add_category(self) -> None:
        if not self.ready():
            return
        doc = self.document
        fishbone_list = doc.analysis.fishbone

        def create(name: str) -> str:
            fishbone.add_category(doc, name)
            return category_key(len(fishbone_list) - 1)

        def remove(key: str) -> None:
            fishbone.remove_category(doc, int(key[len(CATEGORY):]))

        self.add_text(-1, placeholder=t("analysis_ui.fishbone.category_placeholder"),
                      create=create,
                      apply=lambda key, name: fishbone.rename_category(
                          doc, int(key[len(CATEGORY):]), name),
                      remove=remove, back=self.selected_key)

    # Causes ---------------------------------------------------------------------------------

    def action_add_cause(self) -> None:
        if not self.ready():
            return
        index = self.selected_category()
        if index is None:
            self.notify(t("analysis_ui.fishbone.no_category"), severity="warning")
            return
        doc = self.document

        def apply(cause_id: str, text: str) -> None:
            self.cause(cause_id).text = text

        self.add_text(index, placeholder=t("analysis_ui.fishbone.cause_placeholder"),
                      create=lambda text: fishbone.add_cause(doc, index, text).id, apply=apply,
                      remove=lambda cause_id: self._remove_quietly(cause_id),
                      back=self.selected_key,
                      findings=self._checker("new"))

    def _remove_quietly(self, cause_id: str) -> None:
        fishbone.remove_cause(self.document, cause_id)

    def _checker(self, location: str) -> Callable[[str], list[Finding]]:
        people = self.document.scope.people()
        return lambda text: text_findings(text, location, people)

    # Editing either -------------------------------------------------------------------------

    def action_edit(self) -> None:
        if not self.ready():
            return
        cause = self.selected_cause()
        if cause is not None:
            self.edit_text(self.cursor_node, value=cause.text,
                           placeholder=t("analysis_ui.fishbone.cause_placeholder"),
                           apply=lambda text: setattr(cause, "text", text), select=cause.id,
                           required=t("analysis_ui.fishbone.cause_required"),
                           findings=self._checker(cause.id))
            return
        index = self.selected_category()
        if index is None:
            self.notify(t("analysis_ui.fishbone.no_item"), severity="warning")
            return
        doc = self.document
        self.edit_text(self.cursor_node, value=doc.analysis.fishbone[index].category,
                       placeholder=t("analysis_ui.fishbone.category_placeholder"),
                       apply=lambda name: fishbone.rename_category(doc, index, name),
                       select=category_key(index))

    def action_cycle_role(self) -> None:
        if not self.ready():
            return
        cause = self.selected_cause()
        if cause is None:
            self.notify(t("analysis_ui.fishbone.not_a_cause"), severity="warning")
            return
        cycle_role(cause)
        self.rebuild(cause.id)
        report_change(self)

    def action_delete(self) -> None:
        if not self.ready():
            return
        doc = self.document
        cause = self.selected_cause()
        if cause is not None:
            ci, i = fishbone.find_cause(doc, cause.id)
            causes = doc.analysis.fishbone[ci].causes
            after = (causes[i + 1].id if i + 1 < len(causes) else causes[i - 1].id if i > 0
                     else category_key(ci))
            fishbone.remove_cause(doc, cause.id)
            self.notify(t("analysis_ui.fishbone.removed_cause", text=quoted(clean(cause.text))))
            self.rebuild(after)
            report_change(self)
            return
        index = self.selected_category()
        if index is None:
            self.notify(t("analysis_ui.fishbone.no_item"), severity="warning")
            return
        removed_category = fishbone.remove_category(doc, index)
        self.notify(t("analysis_ui.fishbone.removed_category",
                      name=removed_category.category.category,
                      count=len(removed_category.category.causes)))
        count = len(doc.analysis.fishbone)
        self.rebuild(category_key(min(index, count - 1)) if count else None)
        report_change(self)

    # Moving ---------------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        if not self.ready():
            return
        doc = self.document
        cause = self.selected_cause()
        if cause is not None:
            if not fishbone.move_cause(doc, cause.id, step):
                return
            self.rebuild(cause.id)
            report_change(self)
            return
        index = self.selected_category()
        if index is None:
            return
        other = index + step
        categories = doc.analysis.fishbone
        if not 0 <= other < len(categories):
            return
        categories[index], categories[other] = categories[other], categories[index]
        self.rebuild(category_key(other))
        report_change(self)

    def action_move_to(self) -> None:
        if not self.ready():
            return
        cause = self.selected_cause()
        if cause is None:
            self.notify(t("analysis_ui.fishbone.not_a_cause"), severity="warning")
            return
        self._pick_category(cause)

    @work(exclusive=True, group="fishbone-move")
    async def _pick_category(self, cause: Cause) -> None:
        doc = self.document
        ci, _ = fishbone.find_cause(doc, cause.id)
        now = t("analysis_ui.whys.current")
        choices = [Choice(truncate(clean(c.category), 50) + (f" {now}" if n == ci else ""), n,
                          current=n == ci)
                   for n, c in enumerate(doc.analysis.fishbone)]
        title = t("analysis_ui.fishbone.move_title", text=quoted(clean(cause.text)))
        picked = await self.app.push_screen_wait(PickScreen(title, choices))
        if picked is None or not fishbone.move_cause_to_category(doc, cause.id, picked.value):
            return
        self.rebuild(cause.id)
        report_change(self)

    # Other ----------------------------------------------------------------------------------

    def action_toggle_diagram(self) -> None:
        self.toggle_diagram()



class DiagramScroll(RegistryBindings, VerticalScroll):
    """The diagram's scroll area; g goes back to the list when it fills the view."""

    COMMAND_SCOPE = "fishbone-diagram"

    def __init__(self, *children, toggle: Callable[[], None], **kwargs) -> None:
        super().__init__(*children, **kwargs)
        self._toggle = toggle

    def action_toggle_diagram(self) -> None:
        self._toggle()


class FishbonePanel(TreePanel):
    """The editor (tree, line editor, details, findings) and the diagram."""

    NAME = "fishbone"

    def __init__(self, document: Postmortem, *, read_only: bool, id: str | None = None) -> None:
        super().__init__(document, FishboneTree(document, read_only=read_only, id="fishbone-tree"), id=id)
        self.editor_tree.toggle_diagram = self.toggle_diagram
        self.diagram = FishboneDiagram(document, id="fishbone-diagram")

    def compose(self) -> ComposeResult:
        with Horizontal(id="fishbone-split"):
            with Vertical(id="fishbone-editor-side"):
                with Container(classes="tree-area"):
                    yield self.editor_tree
                    yield self.editor
                    yield Static(t("analysis_ui.fishbone.empty"), id="fishbone-empty",
                                 classes="tree-empty")
                yield Static(id="fishbone-detail", classes="item-detail")
                yield FindingsList(id="fishbone-findings", classes="item-findings")
            yield DiagramScroll(self.diagram, toggle=self.toggle_diagram, id="fishbone-diagram-side",
                                can_focus=True)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width >= SIDE_BY_SIDE, "-side-by-side")

    def toggle_diagram(self) -> None:
        """Switch between the list (with the diagram beside it when wide) and the diagram alone."""
        showing = self.toggle_class("-diagram").has_class("-diagram")
        (self.query_one("#fishbone-diagram-side") if showing else self.editor_tree).focus()

    def findings_changed(self) -> None:
        self.diagram.redraw()

    def show_selected(self) -> None:
        doc = self.document
        self.query_one("#fishbone-empty").display = not doc.analysis.fishbone and self.editor_tree.pending is None
        detail = self.query_one("#fishbone-detail", Static)
        findings = self.query_one("#fishbone-findings", FindingsList)
        key = self.editor_tree.selected_key
        if key is None or key == PENDING:
            detail.display = False
            if not self.editor.is_open:
                findings.show([])
            return
        if key.startswith(CATEGORY):
            index = int(key[len(CATEGORY):])
            text = Text(t("analysis_ui.fishbone.category_detail", number=index + 1,
                          total=len(doc.analysis.fishbone),
                          count=len(doc.analysis.fishbone[index].causes)), "dim")
            found: list[Finding] = []
        else:
            ci, _ = fishbone.find_cause(doc, key)
            cause = self.editor_tree.cause(key)
            role = t(f"analysis_ui.role.{cause.role}") if cause.role else t("analysis_ui.whys.no_role")
            meta = t("analysis_ui.fishbone.cause_detail", id=cause.id,
                     category=doc.analysis.fishbone[ci].category, role=role)
            text = Text.assemble((meta + t("separator.label"), "dim"), clean(mark_hidden(cause.text)) or "—")
            found = self.editor_tree.findings.get(key, [])
        text.append("  " + t("analysis_ui.fishbone.diagram_hint"), "dim italic")
        detail.update(text)
        detail.display = True
        findings.show(found)
