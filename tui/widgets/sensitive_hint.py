"""Stage 1's hint beside the sensitivity boxes: what the scanner finds in the whole
postmortem, by kind and count (never a value), and which box that suggests ticking.

It reads the real document (the workspace's), also in sharing-safe mode: counts reveal
nothing, and they are what the facilitator needs to decide. The scan runs ``DELAY`` seconds
after the last edit, not on each key: scanning again is cached per text, but reading the
whole document still costs 65 ms with 2,000 events (``postmortem.scanner``).
"""

from __future__ import annotations

from textual.timer import Timer
from textual.widgets import Static

from postmortem.i18n import t
from postmortem.scanner import describe_counts, scan

PII_KINDS = {"email", "phone", "ip", "card"}
SECURITY_KINDS = {"secret", "credentials"}


def hint_text(document) -> str:
    """"2 e-mail addresses, 1 access key — mark 'Contains PII'?", or "" when nothing is found."""
    findings = scan(document)
    if not findings:
        return ""
    kinds = {finding.kind for finding in findings}
    sensitivity = document.scope.sensitivity
    ask = [t(f"sharing.hint.mark_{box}") for box, wanted, ticked in (
        ("pii", kinds & PII_KINDS, sensitivity.pii),
        ("security", kinds & SECURITY_KINDS, sensitivity.security)) if wanted and not ticked]
    if ask:
        return t("sharing.hint.ask", found=describe_counts(findings),
                 boxes=t("sharing.hint.or").join(ask))
    return t("sharing.hint.found", found=describe_counts(findings))


class SensitiveDataHint(Static):
    DELAY = 0.5   # seconds after the last edit (tests set 0)

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, classes="sensitive-hint", **kwargs)
        self._timer: Timer | None = None

    def on_mount(self) -> None:
        self.show_now()

    def schedule(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self.DELAY <= 0:
            self.show_now()
        else:
            self._timer = self.set_timer(self.DELAY, self.show_now)

    def show_now(self) -> None:
        self._timer = None
        document = getattr(self.screen, "document", None)
        text = hint_text(document) if document is not None else ""
        self.update(text)
        self.display = bool(text)
