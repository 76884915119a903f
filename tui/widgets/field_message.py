"""A one-sentence message under a field (an error or a confirmation), hidden while empty."""

from textual.widgets import Static


class FieldMessage(Static):
    def __init__(self, *, id: str | None = None, classes: str = "field-error") -> None:
        super().__init__("", id=id, classes=classes)
        self.display = False

    def show(self, text: str) -> None:
        self.update(text)
        self.display = bool(text)

    @property
    def text(self) -> str:
        return str(self.render()) if self.display else ""
