"""The help dialog: every key, how levels are counted, red lines, weights and sizes, in the current language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from qmself.cjk import cell_width, fill
from qmself.ui.tui.base import AppModal


class HelpScreen(AppModal[None]):
    """Every key, and the rules a clerk needs to answer, in the current language."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "close")]

    def compose(self) -> ComposeResult:
        t = self.t
        qn = self.qapp.catalog.questionnaire()
        width = min(76, self.app.size.width) - 6
        rows = [
            ("1–5", t("选择等级（是非题：1 是，2 否）", "choose a level (yes/no questions: 1 yes, 2 no)")),
            ("y / n", t("是非题回答是 / 否", "answer yes / no")),
            ("0", t("不适用（仅限允许的题目）", "n/a (only where allowed)")),
            ("↑ ↓ Enter", t("在选项间移动并选定", "move between options and choose")),
            ("→ / ]  ← / [", t("下一题 / 上一题", "next / previous question")),
            ("PgDn / PgUp", t("题目区向下 / 向上翻页（看下方的提示和依据）",
                              "scroll the question down / up (hints and cites below)")),
            ("u", t("跳到下一道未答题", "jump to the next unanswered question")),
            ("/", t("按题号或文字查找并跳转", "find a question by id or text and jump")),
            ("e / o", t("编辑证据 / 备注（多行；Ctrl+S 保存，Esc 取消）",
                        "edit evidence / a note (several lines; Ctrl+S saves, Esc cancels)")),
            ("x", t("清除本题答案（证据和备注保留）", "clear this answer (evidence and note stay)")),
            ("Ctrl+Z", t("撤销本次的上一次修改", "undo the last change of this session")),
            ("Ctrl+P", t("命令面板：查找题目、前往领域、评审、切换语言", "commands: find a question, go to an area, "
                         "review, switch language")),
            ("Tab", t("在侧栏、选项和输入框之间切换", "move between sidebar, options and fields")),
            ("r", t("评审：得分、红线、差距和改进计划", "review: scores, red lines, gaps and the plan")),
            ("l", t("切换中文 / English", "switch 中文 / English")),
            ("?", t("本帮助", "this help")),
            ("q", t("退出（答案已随时保存）", "quit (answers are already saved)")),
        ]
        key_w = max(cell_width(k) for k, _ in rows) + 2
        keys = "\n".join(fill(v, width, k + " " * (key_w - cell_width(k)), " " * key_w) for k, v in rows)
        rules = [
            (t("计级规则：", "Level rule: ") + qn.level_rule(self.lang)) if qn.level_rule else "",
            t(f"红线：标为红线的是非题是法定义务；答“否”时，该领域和总体等级最高只能到 {qn.red_line_cap:g} 级。",
              f"Red lines: a red-line yes/no question is a statutory duty; answering no caps its area and the "
              f"overall level at {qn.red_line_cap:g}."),
            t("权重：每题的权重决定它在本领域得分中的分量；领域的权重决定它在总体指数和改进优先顺序中的分量。",
              "Weights: a question's weight is its share in its area's score; an area's weight is its share in "
              "the overall index and in the order of improvements."),
            t("规模：企业信息中的规模决定哪些题目适用（有些题目只问部分规模的企业）以及评审默认对照的基准档案。",
              "Size: the size in the company profile decides which questions apply (some are asked only of some "
              "sizes) and which benchmark profile the review compares with by default."),
        ]
        with Vertical(id="dialog"):
            yield Static(t("按键说明", "Keys"), classes="hint")
            with VerticalScroll(id="helpbody"):
                yield Static(keys, markup=False)
                yield Static("\n\n".join(fill(r, width) for r in rules if r), id="rules", markup=False)
                yield Static(fill(t("每个答案一经选定即写入文件（原子写入，保留注释和 .bak 备份）。Esc 关闭。",
                                    "Every answer is written to the file as soon as it is given (atomic, comments "
                                    "kept, a .bak backup). Esc closes."), width), classes="hint", markup=False)
