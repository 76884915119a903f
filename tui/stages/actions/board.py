"""The two views of stage 5's items: a board grouped by status or type, and a table.

Both show the same facts per item — title, type, owner, due date, tracker, status, linked
causes, how many findings — and make an overdue item stand out ($error) and a missing
field show as a gap ($warning). Colours come from component classes styled in screens.tcss.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.widgets import DataTable, OptionList
from textual.widgets.data_table import RowDoesNotExist
from textual.widgets.option_list import Option

from postmortem import vocab
from postmortem.blame import title_findings
from postmortem.findings import active
from postmortem.hidden_text import mark_hidden
from postmortem.i18n import t
from postmortem.model import Action, Postmortem
from postmortem.vagueness import action_findings, overdue
from tui.commands import RegistryBindings
from tui.widgets.cell_wrap import CellWrapped

GROUPINGS = ("status", "type")
VIEWS = ("board", "table")


@dataclass(frozen=True)
class ItemFacts:
    """What both views show of one action."""

    action: Action
    findings: int      # active (not dismissed) vagueness and blame findings
    overdue: bool


def item_facts(doc: Postmortem, today: date) -> list[ItemFacts]:
    return [ItemFacts(a, len(active(doc, action_findings(a, today=today) + title_findings(doc, a))),
                      overdue(a, today))
            for a in doc.actions]


def group_value(action: Action, grouping: str) -> str:
    return action.status if grouping == "status" else action.type


def group_order(grouping: str) -> tuple[str, ...]:
    return vocab.ACTION_STATUSES if grouping == "status" else vocab.ACTION_TYPES


def board_order(facts: list[ItemFacts], grouping: str) -> list[ItemFacts]:
    """The items as the board lists them: group by group, document order within a group."""
    order = group_order(grouping)
    return sorted(facts, key=lambda f: order.index(group_value(f.action, grouping)))


def group_label(grouping: str, value: str) -> str:
    return t(f"actions_ui.{grouping}.{value}")


class _Styled:
    """Component-class styles as Rich styles (theme colours, set in screens.tcss)."""

    def style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)  # type: ignore[attr-defined]


class ActionBoard(_Styled, OptionList):
    """Items under a heading per status (or type); each item is two lines."""

    COMPONENT_CLASSES = OptionList.COMPONENT_CLASSES | {
        "board--group", "board--id", "board--meta", "board--missing", "board--overdue",
        "board--finding", "board--closed"}

    def __init__(self) -> None:
        super().__init__(id="action-board", compact=True)

    def show(self, facts: list[ItemFacts], grouping: str, select: str | None) -> None:
        options: list[Option] = []
        ordered = board_order(facts, grouping)
        for value in group_order(grouping):
            members = [f for f in ordered if group_value(f.action, grouping) == value]
            if not members:
                continue
            heading = Text(t("actions_ui.group_heading", group=group_label(grouping, value),
                             count=len(members)), style=self.style("board--group"))
            options.append(Option(heading, id=f"group-{value}", disabled=True))
            options += [Option(self._prompt(f, grouping), id=f.action.id) for f in members]
        self.set_options(options)
        self.select_id(select)

    def _prompt(self, facts: ItemFacts, grouping: str) -> Table:
        action = facts.action
        closed = not action.is_open
        title = Text(mark_hidden(action.title) or t("actions_ui.untitled"),
                     style=self.style("board--closed") if closed else "")
        if facts.findings:
            title.append(f"  ⚠ {facts.findings}", style=self.style("board--finding"))
        meta = Text(style=self.style("board--meta"))
        other = "type" if grouping == "status" else "status"
        parts: list[tuple[str, str]] = [(group_label(other, getattr(action, other)), "")]
        parts.append((mark_hidden(action.owner), "") if action.owner else
                     (t("actions_ui.no_owner"), "board--missing"))
        if action.due is None:
            parts.append((t("actions_ui.no_due"), "board--missing"))
        elif facts.overdue:
            parts.append((t("actions_ui.overdue", due=action.due.isoformat()), "board--overdue"))
        else:
            parts.append((t("actions_ui.due", due=action.due.isoformat()), ""))
        parts.append((mark_hidden(action.tracker), "") if action.tracker else
                     (t("actions_ui.no_tracker"), "board--missing"))
        if action.causes:
            parts.append((t("actions_ui.causes_short", ids=" ".join(action.causes)), ""))
        if action.internal:
            parts.append((t("actions_ui.internal_tag"), ""))
        for number, (text, component) in enumerate(parts):
            if number:
                meta.append(" · ")
            meta.append(text, style=self.style(component) if component and action.is_open else "")
        grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
        grid.add_column(no_wrap=True, width=4)
        grid.add_column(ratio=1)
        marker = "!" if facts.overdue else ""
        # Wrapped beside Chinese characters too, not only at spaces (tui/widgets/cell_wrap.py).
        grid.add_row(Text(action.id, style=self.style("board--id")), CellWrapped(title))
        grid.add_row(Text(marker, style=self.style("board--overdue")), CellWrapped(meta))
        return grid

    @property
    def selected_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None and not option.disabled else None

    def select_id(self, action_id: str | None) -> None:
        ids = [o.id for o in self.options]
        if action_id in ids:
            self.highlighted = ids.index(action_id)
        else:
            first = next((i for i, o in enumerate(self.options) if not o.disabled), None)
            self.highlighted = first


class ActionTable(RegistryBindings, _Styled, DataTable):
    """One row per item, in board order of the document."""

    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | {
        "board--missing", "board--overdue", "board--finding", "board--closed"}
    SHARED_SCOPES = ("rows",)   # Home/End: the first and last item

    COLUMNS = ("id", "title", "type", "owner", "due", "tracker", "status", "findings")
    FIXED = {"id": 3, "type": 7, "owner": 10, "due": 10, "tracker": 9, "status": 11, "findings": 2}
    DROP_WHEN_NARROW = ("type", "tracker")   # the form below still shows them
    MIN_TITLE = 28

    def __init__(self) -> None:
        super().__init__(id="action-table", cursor_type="row", zebra_stripes=False)
        self._facts: list[ItemFacts] = []

    def columns_for(self, width: int) -> tuple[list[str], int]:
        """The columns that fit ``width`` and the title column's width."""
        columns = list(self.COLUMNS)

        def title_width() -> int:
            fixed = sum(self.FIXED[c] for c in columns if c != "title")
            return width - fixed - 2 * self.cell_padding * len(columns) - 2

        for column in self.DROP_WHEN_NARROW:
            if title_width() >= self.MIN_TITLE:
                break
            columns.remove(column)
        return columns, max(12, title_width())

    def show(self, facts: list[ItemFacts], select: str | None) -> None:
        self._facts = facts
        self.clear(columns=True)
        columns, title_width = self.columns_for(self.size.width)
        for column in columns:
            label = "⚠" if column == "findings" else t(f"actions_ui.col.{column}")
            self.add_column(label, key=column, width=self.FIXED.get(column, title_width))
        for f in facts:
            cells = self._cells(f)
            self.add_row(*[cells[c] for c in columns], key=f.action.id)
        self.select_id(select)

    def _cells(self, facts: ItemFacts) -> dict[str, Text]:
        action = facts.action

        def cell(text: str, component: str = "") -> Text:
            return Text(mark_hidden(text), style=self.style(component) if component else "",
                        no_wrap=True, overflow="ellipsis")

        missing = "board--missing" if action.is_open else ""
        due = (cell(t("actions_ui.none"), missing) if action.due is None else
               cell(action.due.isoformat(), "board--overdue" if facts.overdue else ""))
        return {
            "id": cell(action.id),
            "title": cell((f"[{t('actions_ui.internal_tag')}] " if action.internal else "")
                          + (action.title or t("actions_ui.untitled")),
                          "" if action.is_open else "board--closed"),
            "type": cell(group_label("type", action.type)),
            "owner": cell(action.owner or t("actions_ui.none"), "" if action.owner else missing),
            "due": due,
            "tracker": cell(action.tracker or t("actions_ui.none"), "" if action.tracker else missing),
            "status": cell(group_label("status", action.status)),
            "findings": cell(str(facts.findings) if facts.findings else "", "board--finding"),
        }

    def on_resize(self) -> None:
        if self._facts:
            self.show(self._facts, self.selected_id)

    @property
    def selected_id(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def select_id(self, action_id: str | None) -> None:
        if not self.row_count:
            return
        try:
            self.move_cursor(row=self.get_row_index(action_id) if action_id else 0)
        except RowDoesNotExist:  # the item is gone (deleted): go to the top
            self.move_cursor(row=0)
