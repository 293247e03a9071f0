"""Find a question by id or words; Enter jumps to it."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from qmself.cjk import clip
from qmself.session import Session
from qmself.ui.tui.base import AppModal

DIALOG_MARGIN = 10
"""Cells of the dialog that are not a result's text: its border and padding, the list's border, padding and scrollbar
(app.tcss `#dialog`; measured in tests/ui/test_palette_help.py)."""


class JumpScreen(AppModal[int | None]):
    """Find a question by id or words; Enter jumps to it."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.t("输入题号或关键词，回车跳转：", "Type a question id or words, Enter to jump:"))
            yield Input(id="query")
            yield OptionList(id="results")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#query", Input).focus()

    def _fill(self, text: str) -> None:
        results = self.query_one("#results", OptionList)
        results.clear_options()
        lang = self.lang
        hits = self.session.search(text, lang) if text.strip() else list(range(len(self.session.questions)))
        width = self._width()
        for i in hits[:50]:
            q = self.session.questions[i]
            mark = "✓" if self.session.is_answered(q.id) else " "
            results.add_option(Option(clip(f"{mark} {q.id}  {q.text(lang)}", width), id=str(i)))
        if hits:
            results.highlighted = 0

    def _width(self) -> int:
        """Cells a result has: the dialog is 76 wide, or the screen when narrower (one line each)."""
        return max(20, min(76, self.app.size.width) - DIALOG_MARGIN)

    def on_resize(self) -> None:
        self._fill(self.query_one("#query", Input).value)

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        results = self.query_one("#results", OptionList)
        if results.highlighted is not None and results.option_count:
            self.dismiss(int(results.get_option_at_index(results.highlighted).id or 0))

    @on(OptionList.OptionSelected, "#results")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def on_key(self, event: events.Key) -> None:
        if event.key in ("down", "up") and self.query_one("#query", Input).has_focus:
            results = self.query_one("#results", OptionList)
            results.action_cursor_down() if event.key == "down" else results.action_cursor_up()
            event.stop()

    def action_cancel(self) -> None:
        self.dismiss(None)
