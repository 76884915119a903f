"""The five-whys tree of stage 3: a Tree over ``doc.analysis.whys`` edited by keyboard.

Labels read ``why 2 · text  root cause ⚠ · depth 2/5``: the level, the answer, the role as a
coloured tag, a warning when the blame check flags the text, and, at the end of each branch,
how deep it goes out of five.
"""

from __future__ import annotations

from typing import Callable

from rich.cells import cell_len
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Container
from textual.widgets import Static
from textual.widgets.tree import TreeNode

from postmortem import whys
from postmortem.blame import text_findings
from postmortem.cells import quoted
from postmortem.findings import Finding
from postmortem.fishbone import clean, truncate
from postmortem.hidden_text import mark_hidden
from postmortem.i18n import t
from postmortem.model import Postmortem
from tui.stages.analysis.dialogs import Choice, PickScreen
from tui.stages.analysis.editing import FindingsList
from tui.stages.analysis.tree import PENDING, EditableTree, TreePanel
from tui.stages.base import report_change

PICK_WIDTH = 60      # cells of a line in the move dialog


def role_parts(role: str | None, prefix: str) -> list[tuple[str, str]]:
    """The coloured role tag of a label, e.g. ``[(" ", ""), (" root cause ", "x--root")]``."""
    if role == "root-cause":
        return [(" ", ""), (f" {t('analysis_ui.role.root-cause')} ", f"{prefix}--root")]
    if role == "contributing":
        return [(" ", ""), (f" {t('analysis_ui.role.contributing')} ", f"{prefix}--contributing")]
    return []


class WhysTree(EditableTree):
    COMMAND_SCOPE = "whys"
    COMPONENT_CLASSES = EditableTree.COMPONENT_CLASSES | {
        "whys--level", "whys--root", "whys--contributing", "whys--depth", "whys--finding",
        "whys--empty"}

    def __init__(self, document: Postmortem, *, read_only: bool, id: str | None = None) -> None:
        super().__init__(document, read_only=read_only, id=id)
        self.pending: tuple[str, str | None] | None = None   # ("child"|"sibling", anchor id)
        self.levels: dict[str, int] = {}   # each node's depth, found once per drawing of the tree
        self.answering = ""   # the question the answer being typed answers

    # Drawing --------------------------------------------------------------------------------

    def populate(self) -> None:
        doc = self.document
        made: dict[str, TreeNode[str]] = {}
        self.levels = {}
        for node, level in whys.preorder(doc):
            parent = made.get(node.parent, self.root) if node.parent else self.root
            made[node.id] = self.add_item(parent, node.id)
            self.levels[node.id] = level
        if self.pending is not None:
            kind, anchor = self.pending
            if kind == "child":
                parent = made.get(anchor, self.root) if anchor else self.root
                parent.add("", data=PENDING, expand=True, allow_expand=False)
            else:
                after = made[anchor]
                (after.parent or self.root).add("", data=PENDING, after=after, expand=True,
                                                allow_expand=False)

    def level_of(self, key: str) -> int:
        if key == PENDING and self.pending is not None:
            kind, anchor = self.pending
            if anchor is None:
                return 1
            return self._depth(anchor) + (1 if kind == "child" else 0)
        return self._depth(key)

    def _depth(self, key: str) -> int:
        # Each label asks: a walk over the document per label made drawing a deep tree slow.
        level = self.levels.get(key)
        return level if level is not None else whys.depth(self.document, key)

    def label_parts(self, node: TreeNode[str]):
        key = node.data or ""
        level = self.level_of(key)
        prefix = [(t("analysis_ui.whys.level", level=level) + " · ", "whys--level")]
        if key == PENDING:
            return prefix, ("", ""), []
        why = whys.node(self.document, key)
        suffix = role_parts(why.role, "whys")
        if self.findings.get(key):
            suffix.append((" ⚠", "whys--finding"))
        if not node.children:
            suffix.append((" · " + t("analysis_ui.whys.depth", depth=level), "whys--depth"))
        text = clean(mark_hidden(why.text))
        main = (text, "") if text else (t("analysis_ui.whys.empty_text"), "whys--empty")
        return prefix, main, suffix

    # Adding ---------------------------------------------------------------------------------

    def action_add_why(self) -> None:
        if self.ready():
            self._start_adding("child", self.selected_key)

    def action_add_sibling(self) -> None:
        if self.ready():
            anchor = self.selected_key
            self._start_adding("sibling" if anchor else "child", anchor)

    def question_for(self, parent_id: str | None) -> str:
        """The question an answer under ``parent_id`` answers (None: the problem itself)."""
        if parent_id is None:
            problem = clean(self.document.analysis.problem)
            return (t("analysis_ui.whys.question_problem", problem=problem) if problem
                    else t("analysis_ui.whys.question_no_problem"))
        return t("analysis_ui.whys.question", text=clean(whys.node(self.document, parent_id).text))

    def _start_adding(self, kind: str, anchor: str | None) -> None:
        doc = self.document
        parent = anchor if kind == "child" else whys.node(doc, anchor).parent
        self.answering = self.question_for(parent)

        def create(text: str) -> str:
            added = (whys.add_child(doc, anchor, text) if kind == "child"
                     else whys.add_sibling(doc, anchor, text))
            return added.id

        def apply(key: str, text: str) -> None:
            whys.node(doc, key).text = text

        self.add_text((kind, anchor), placeholder=t("analysis_ui.whys.edit_placeholder"),
                      create=create, apply=apply,
                      remove=lambda key: self._delete_quietly(key),
                      back=anchor,
                      findings=self._checker(PENDING))

    def _delete_quietly(self, node_id: str) -> None:
        whys.delete_subtree(self.document, node_id)

    def _checker(self, location: str) -> Callable[[str], list[Finding]]:
        people = self.document.scope.people()
        return lambda text: text_findings(text, location, people)

    # Editing --------------------------------------------------------------------------------

    def _selected_why(self):
        key = self.selected_key
        if key is None or key == PENDING:
            self.notify(t("analysis_ui.whys.no_node"), severity="warning")
            return None
        return whys.node(self.document, key)

    def action_edit(self) -> None:
        why = self._selected_why() if self.ready() else None
        if why is not None:
            self.answering = self.question_for(why.parent)
            self.edit_text(self.cursor_node, value=why.text,
                           placeholder=t("analysis_ui.whys.edit_placeholder"),
                           apply=lambda text: setattr(why, "text", text), select=why.id,
                           required=t("analysis_ui.whys.text_required"),
                           findings=self._checker(why.id))

    def action_evidence(self) -> None:
        why = self._selected_why() if self.ready() else None
        if why is not None:
            self.edit_text(self.cursor_node, value=why.evidence,
                           placeholder=t("analysis_ui.whys.evidence_placeholder"),
                           apply=lambda text: setattr(why, "evidence", text), select=why.id)

    def action_cycle_role(self) -> None:
        why = self._selected_why() if self.ready() else None
        if why is None:
            return
        whys.cycle_role(why)
        self.rebuild(why.id)
        report_change(self)

    # Deleting and moving --------------------------------------------------------------------

    def action_delete(self) -> None:
        why = self._selected_why() if self.ready() else None
        if why is None:
            return
        doc = self.document
        siblings = whys.children(doc, why.parent)
        index = siblings.index(why)
        neighbour = (siblings[index + 1] if index + 1 < len(siblings)
                     else siblings[index - 1] if index > 0 else None)
        select = neighbour.id if neighbour else why.parent
        deleted = whys.delete_subtree(doc, why.id)
        text = quoted(clean(why.text)) or t("analysis_ui.whys.empty_text")
        below = len(deleted.nodes) - 1
        self.notify(t("analysis_ui.whys.deleted", text=text, count=below) if below
                    else t("analysis_ui.whys.deleted_one", text=text))
        self.rebuild(select)
        report_change(self)

    def action_move(self, step: int) -> None:
        why = self._selected_why() if self.ready() else None
        if why is None:
            return
        mover = whys.move_up if step < 0 else whys.move_down
        if not mover(self.document, why.id):
            self.notify(t("analysis_ui.whys.first_sibling" if step < 0
                          else "analysis_ui.whys.last_sibling"))
            return
        self.rebuild(why.id)
        report_change(self)

    def action_move_to(self) -> None:
        why = self._selected_why() if self.ready() else None
        if why is None:
            return
        self._pick_parent(why.id)

    @work(exclusive=True, group="whys-move")
    async def _pick_parent(self, node_id: str) -> None:
        doc = self.document
        why = whys.node(doc, node_id)
        excluded = {node_id} | whys.descendant_ids(doc, node_id)
        now = t("analysis_ui.whys.current")
        choices: list[Choice[str | None]] = [Choice(
            t("analysis_ui.whys.top_level") + (f" {now}" if why.parent is None else ""), None,
            current=why.parent is None)]
        for node, level in whys.preorder(doc):
            if node.id in excluded:
                continue
            current = node.id == why.parent
            suffix = f" {now}" if current else ""
            label = ("  " * (level - 1) + t("analysis_ui.whys.level", level=level) + " · "
                     + (clean(node.text) or t("analysis_ui.whys.empty_text")))
            choices.append(Choice(truncate(label, PICK_WIDTH - cell_len(suffix)) + suffix, node.id,
                                  current=current))
        title = t("analysis_ui.whys.move_title", text=quoted(clean(why.text)))
        picked = await self.app.push_screen_wait(PickScreen(title, choices))
        if picked is None:
            return
        try:
            moved = whys.move_to_parent(doc, node_id, picked.value)
        except whys.WhyTreeError as problem:
            self.notify(str(problem), severity="error")
            return
        if not moved:
            return
        self.rebuild(node_id)
        report_change(self)



class WhysPanel(TreePanel):
    """The tree with its line editor, and under it the selected answer's details and findings."""

    NAME = "whys"

    def __init__(self, document: Postmortem, *, read_only: bool, id: str | None = None) -> None:
        super().__init__(document, WhysTree(document, read_only=read_only, id="whys-tree"), id=id)

    def compose(self) -> ComposeResult:
        # While an answer is typed: the question it answers, right above the tree.
        yield Static(id="whys-question", classes="answer-question", markup=False)
        with Container(classes="tree-area"):
            yield self.editor_tree
            yield self.editor
            yield Static(t("analysis_ui.whys.empty_tree"), id="whys-empty", classes="tree-empty")
        yield Static(id="whys-detail", classes="item-detail")
        yield FindingsList(id="whys-findings", classes="item-findings")

    @on(events.DescendantFocus)
    @on(events.DescendantBlur)
    def _editing_moved(self) -> None:
        question = self.query_one("#whys-question", Static)
        typing = self.editor.has_focus and self.editor.is_open
        question.update(self.editor_tree.answering if typing else "")
        question.display = typing

    def show_selected(self) -> None:
        doc = self.document
        self.query_one("#whys-empty").display = not doc.analysis.whys and self.editor_tree.pending is None
        detail = self.query_one("#whys-detail", Static)
        key = self.editor_tree.selected_key
        why = doc.why(key) if key and key != PENDING else None
        if why is None:
            detail.update("")
            detail.display = False
            if not self.editor.is_open:
                self.query_one("#whys-findings", FindingsList).show([])
            return
        role = t(f"analysis_ui.role.{why.role}") if why.role else t("analysis_ui.whys.no_role")
        meta = t("analysis_ui.whys.detail", id=why.id, level=whys.depth(doc, why.id), role=role)
        evidence = (t("sharing.evidence_hidden") if getattr(self.app, "sharing", False)
                    else t("analysis_ui.whys.evidence", evidence=why.evidence) if why.evidence
                    else t("analysis_ui.whys.no_evidence"))
        detail.update(Text.assemble((meta + t("separator.label"), "dim"), clean(mark_hidden(why.text)) or "—",
                                    ("\n" + evidence, "dim")))
        detail.display = True
        self.query_one("#whys-findings", FindingsList).show(self.editor_tree.findings.get(why.id, []))
