"""`qmself assess`: answer the questionnaire in a full-screen terminal app.

Screens (one module each under `screens/`): the company-profile form (new
file), the question screen (sidebar of areas, one question at a time, every
answer saved at once), the review screen (scores, red lines, gaps against a
profile, the PDF plan), and dialogs for help and for jumping to a question.
Everything the app shows is in the current language; `l` switches it at any time.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path

from textual import events
from textual.actions import ActionParseResult
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.notifications import SeverityLevel

from qmself.cjk import fill
from qmself.errors import QmselfError
from qmself.model.common import pick
from qmself.session import Session
from qmself.storage.bundled import Catalog
from qmself.ui.tui.base import AppModal, AppScreen
from qmself.ui.tui.commands import QmselfCommands
from qmself.ui.tui.screens.question import QuestionScreen

__all__ = ["AssessApp", "QuestionScreen"]

KEY_SETTLE_S = 0.25
"""At most this long a key waits for the one before it to be handled (never a hang)."""


def toast_width(screen_width: int) -> int:
    """Cells of text in a Textual toast on a screen this wide (Toast: width 60, at most half of its rack,
    one cell of padding each side and a border on the left; tests/ui/test_notify.py measures it)."""
    return max(10, min(60, (screen_width - 2) // 2) - 3)


def notice_line(notice: QmselfError, lang: str) -> str:
    """A notice about the open file as the clerk reads it on this screen: the question it is about and what
    is wrong (`FOOD-06：…`); the file's name, line and key path mean nothing here."""
    message = pick(lang, notice.zh, notice.en).replace("\n", " ")
    field = notice.field or ""
    if field.startswith("answers."):
        return field.split(".")[1] + pick(lang, "：", ": ") + message
    return message  # about the company: the message names the fact


def _typeahead(app: App[None]) -> bool:
    """Does Textual's message queue look as `AssessApp.on_event` expects it?"""
    queue = getattr(app, "_message_queue", None)
    return (isinstance(getattr(queue, "values", None), deque) and isinstance(getattr(queue, "ready_event", None),
                                                                            asyncio.Event)
            and callable(getattr(app, "_dispatch_message", None)))


class AssessApp(App[None]):
    """`qmself assess`."""

    CSS_PATH = "app.tcss"
    TITLE = "qmself"
    COMMANDS = {QmselfCommands}  # Ctrl+P: qmself's own commands in the current language
    BINDINGS = [Binding("ctrl+c", "quit", show=False, priority=True)]

    def __init__(self, catalog: Catalog, *, path: Path | None = None, session: Session | None = None,
                 lang: str = "zh") -> None:
        super().__init__()
        self.catalog = catalog
        self.path = path
        self.session = session
        self.lang = lang

    def on_mount(self) -> None:
        if self.session is not None:
            self.push_screen(QuestionScreen(self.session))
            for n in self.session.notice_errors:
                self.notify(notice_line(n, self.lang), severity="warning", timeout=8, markup=False)
        else:
            from qmself.ui.tui.screens.profile import ProfileScreen  # only a new file starts with the form

            self.push_screen(ProfileScreen(self.path))

    def start(self, session: Session) -> None:
        self.session = session
        self.switch_screen(QuestionScreen(session))

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notification folded by the Chinese line-breaking rule to the width of Textual's toast, so
        that Textual, which does not know the rule, has nothing left to fold."""
        super().notify(fill(message, toast_width(self.size.width)), title=title, severity=severity,
                       timeout=timeout, markup=markup)

    def show_error(self, error: BaseException) -> None:
        """An error is shown and the app stays: a clerk's answers are never lost to a crash."""
        if isinstance(error, QmselfError):
            text = error.render(self.lang)
        else:
            text = pick(self.lang, f"出错了（{type(error).__name__}）：{error}；答案均已保存，可继续。",
                        f"something went wrong ({type(error).__name__}): {error}; every answer is saved, carry on.")
        self.log.error(text)
        self.notify(text, severity="error", timeout=10, markup=False)

    @cached_property
    def _keys_in_order(self) -> bool:
        """`_typeahead`, asked once: the queue it looks at is the app's for its whole life."""
        return _typeahead(self)

    async def on_event(self, event: events.Event) -> None:
        """Keys are taken one after the other, as typed: a key is handled to the end (the focus or the
        screen it changes included) before the next one goes anywhere, so `Acme` Tab code typed at once
        fills both fields and `e` then `q` types q into the editor instead of quitting.

        Textual hands a key to the focused widget and, when no widget takes it, checks the screen's and
        the app's bindings once the key has bubbled back to the app, behind any keys typed meanwhile;
        here the bubbled key is taken out of the queue and its binding run before the next key.

        That queue is Textual's own (`MessagePump._message_queue`, a deque `values` with a `ready_event`,
        as in Textual 7 and 8). Should a later Textual change it, keys are handled as Textual handles
        them (`_typeahead` says no), never an error; tests/ui/test_typeahead.py fails then.
        """
        if not isinstance(event, events.Key) or event.is_forwarded or not self._keys_in_order:
            await super().on_event(event)
            return
        screen = self.screen
        target = self.focused or screen
        await super().on_event(event)
        if not event.is_forwarded:
            return  # a priority binding took it
        await self._settle(target)
        queue = self._message_queue
        if event in queue.values:  # came back unhandled: its binding now, not after the keys behind it
            queue.values.remove(event)
            if not queue.values:
                queue.ready_event.clear()
            await self._dispatch_message(event)
            await self._settle(target)  # what the binding posted (a field's Submitted, a focus change)
        if self.screen is not screen:  # a dialog or screen opened: let it mount and take the focus
            await self._settle(self.screen)

    async def _settle(self, node: DOMNode) -> None:
        """Wait until `node`, its ancestors up to its screen, and the focused widget's, have handled what is
        queued for them, including what handling it posted (a field's Submitted, a focus change)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + KEY_SETTLE_S
        while True:
            chain = {n: None for start in (node, self.focused, self.screen) if start is not None
                     for n in (start, *start.ancestors) if not isinstance(n, App)}
            for n in chain:
                done = asyncio.Event()
                if not n.call_later(done.set):  # queued behind everything before it: set once those are done
                    continue
                try:
                    await asyncio.wait_for(done.wait(), max(0.0, deadline - loop.time()))
                except TimeoutError:  # something waits on the app itself: go on rather than hang
                    return
            if all(n.message_queue_size == 0 for n in chain):
                return

    async def run_action(self, action: str | ActionParseResult, default_namespace: DOMNode | None = None,
                         namespaces: Mapping[str, DOMNode] | None = None) -> bool:
        """Every key's action: an error in it is shown, never the end of the app."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except Exception as e:
            self.show_error(e)
            return True

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=pick(self.lang, "输入题号、文字或命令…",
                                                             "type a question id, words or a command…")))

    def action_help(self) -> None:
        from qmself.ui.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_toggle_lang(self) -> None:
        self.lang = "en" if self.lang == "zh" else "zh"
        screen = self.screen
        if isinstance(screen, (AppScreen, AppModal)):
            screen.refresh_all()

    def action_quit(self) -> None:  # type: ignore[override]
        self.exit()

