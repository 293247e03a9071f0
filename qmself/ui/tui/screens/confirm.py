"""A yes/no question before something that cannot be taken back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from qmself.ui.tui.base import AppModal


class ConfirmScreen(AppModal[bool]):
    """`y` / Enter confirms, `n` / Esc keeps things as they are."""

    BINDINGS = [Binding("y,enter", "answer(True)", show=False), Binding("n,escape", "answer(False)", show=False)]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question)
            yield Static(self.t("y 是 · n / Esc 否", "y yes · n / Esc no"), classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
