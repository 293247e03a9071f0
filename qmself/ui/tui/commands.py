"""Ctrl+P: qmself's own commands in the current language (a Textual command-palette provider)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from qmself.cjk import clip
from qmself.model.common import pick

LIST_MARGIN = 6
"""Cells of a palette row that are not its text: the list's scrollbar and each option's padding (measured
in tests/ui/test_palette_help.py): a hit is one line, cut to fit, never folded by Textual."""

if TYPE_CHECKING:
    from qmself.ui.tui.app import AssessApp


class QmselfCommands(Provider):
    """Jump to a question by id or words, go to an area, review, write the plan, switch language, help."""

    @property
    def qapp(self) -> AssessApp:
        return cast("AssessApp", self.app)

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        """(name, what it does, help) for every command that applies on the current screen."""
        from qmself.ui.tui.screens.question import QuestionScreen
        from qmself.ui.tui.screens.review import ReviewScreen

        app = self.qapp
        lang = app.lang

        def t(zh: str, en: str) -> str:
            return pick(lang, zh, en)

        out: list[tuple[str, Callable[[], object], str]] = [
            (t("切换语言：English", "Switch language: 中文"), app.action_toggle_lang, "l"),
            (t("帮助：按键与计级规则", "Help: keys and the level rule"), app.action_help, "?"),
            (t("退出（答案已随时保存）", "Quit (every answer is already saved)"), app.exit, "q"),
        ]
        screen = self.screen  # the screen the palette was opened over
        if isinstance(screen, ReviewScreen):
            out.insert(0, (t("生成 PDF 改进计划", "Write the PDF plan"), screen.action_plan, "p"))
            out.insert(1, (t("返回答题", "Back to the questions"), app.pop_screen, "Esc"))
        if isinstance(screen, QuestionScreen):
            s = screen.session
            out.insert(0, (t("评审：得分、红线、差距和改进计划", "Review: scores, red lines, gaps and the plan"),
                           screen.action_review, "r"))
            out.insert(1, (t("下一道未答题", "Next unanswered question"), screen.action_unanswered, "u"))
            for area in s.questionnaire.areas:
                done, total = s.progress(area.id)
                if total:
                    out.append((t(f"前往领域 {area.id} {area.title(lang)}（{done}/{total}）",
                                  f"Go to area {area.id} {area.title(lang)} ({done}/{total})"),
                                partial(screen.go_area, area.id), ""))
            for i, q in enumerate(s.questions):
                mark = "✓" if s.is_answered(q.id) else " "
                out.append((f"{mark} {q.id} {q.text(lang)}", partial(screen.go, i), t("跳到此题", "go to it")))
        return out

    def _width(self) -> int:
        return max(20, self.app.size.width - LIST_MARGIN)

    async def discover(self) -> Hits:
        width = self._width()
        for name, run, key in self._commands()[:20]:
            yield DiscoveryHit(clip(name, width), run, help=key or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        width = self._width()
        for name, run, key in self._commands():
            score = matcher.match(name)  # the whole text is searched; the line shows what fits
            if score > 0:
                yield Hit(score, matcher.highlight(clip(name, width)), run, text=name, help=key or None)
