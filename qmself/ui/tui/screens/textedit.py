"""Edit evidence or a note: a multi-line editor that opens with the cursor after the existing text."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from qmself.ui.tui.base import AppModal


class TextEditScreen(AppModal[str | None]):
    """A multi-line editor (pasted lines are kept); Ctrl+S saves, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", show=False), Binding("ctrl+s", "save", show=False, priority=True)]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.title_text, classes="hint")
            yield TextArea(self.text, id="editor", soft_wrap=True, tab_behavior="focus")
            yield Static(self.t("Ctrl+S 保存 · Esc 取消 · Ctrl+Z 撤销 · 可粘贴多行",
                                "Ctrl+S save · Esc cancel · Ctrl+Z undo · multi-line paste kept"), id="edithint")

    def on_mount(self) -> None:
        editor = self.query_one("#editor", TextArea)
        editor.move_cursor(editor.document.end)  # after the existing text: typing adds, never replaces
        self.set_focus(editor)

    def on_key(self, event: events.Key) -> None:
        # a key typed before the editor had focus still goes into it
        editor = self.query_one("#editor", TextArea)
        if self.focused is not editor and event.is_printable and event.character:
            self.set_focus(editor)
            editor.insert(event.character)
            event.stop()

    def action_save(self) -> None:
        self.dismiss(self.query_one("#editor", TextArea).text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
