"""Find a question by id or words; Enter jumps to it."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from qmself.session import Session
from qmself.ui.tui.base import AppModal


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
        for i in hits[:50]:
            q = self.session.questions[i]
            mark = "✓" if self.session.is_answered(q.id) else " "
            results.add_option(Option(f"{mark} {q.id}  {q.text(lang)[:60]}", id=str(i)))
        if hits:
            results.highlighted = 0

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
