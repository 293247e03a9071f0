"""The help dialog: every key, in the current language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from qmself.ui.tui.base import AppModal


class HelpScreen(AppModal[None]):
    """Every key, in the current language."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "close")]

    def compose(self) -> ComposeResult:
        t = self.t
        rows = [
            ("1–5", t("选择等级（是非题：1 是，2 否）", "choose a level (yes/no questions: 1 yes, 2 no)")),
            ("y / n", t("是非题回答是 / 否", "answer yes / no")),
            ("0", t("不适用（仅限允许的题目）", "n/a (only where allowed)")),
            ("↑ ↓ Enter", t("在选项间移动并选定", "move between options and choose")),
            ("→ / ]  ← / [", t("下一题 / 上一题", "next / previous question")),
            ("u", t("跳到下一道未答题", "jump to the next unanswered question")),
            ("/", t("按题号或文字查找并跳转", "find a question by id or text and jump")),
            ("e / o", t("编辑证据 / 备注（多行；Ctrl+S 保存，Esc 取消）",
                        "edit evidence / a note (several lines; Ctrl+S saves, Esc cancels)")),
            ("x", t("清除本题答案（证据和备注保留）", "clear this answer (evidence and note stay)")),
            ("Ctrl+Z", t("撤销本次的上一次修改", "undo the last change of this session")),
            ("Tab", t("在侧栏、选项和输入框之间切换", "move between sidebar, options and fields")),
            ("r", t("评审：得分、红线、差距和改进计划", "review: scores, red lines, gaps and the plan")),
            ("l", t("切换中文 / English", "switch 中文 / English")),
            ("?", t("本帮助", "this help")),
            ("q", t("退出（答案已随时保存）", "quit (answers are already saved)")),
        ]
        text = "\n".join(f"{k:<14} {v}" for k, v in rows)
        with Vertical(id="dialog"):
            yield Static(t("按键说明", "Keys"), classes="hint")
            yield Static(text)
            yield Static(t("每个答案一经选定即写入文件（原子写入，保留注释和 .bak 备份）。Esc 关闭。",
                           "Every answer is written to the file as soon as it is given (atomic, comments kept, "
                           "a .bak backup). Esc closes."), classes="hint")
