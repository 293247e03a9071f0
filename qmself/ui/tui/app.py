"""`qmself assess`: answer the questionnaire in a full-screen terminal app.

Screens: the company-profile form (new file), the question screen (sidebar of
areas, one question at a time, every answer saved at once), the review screen
(scores, red lines, gaps against a profile, the PDF plan), and dialogs for
help and for jumping to a question. Everything the app shows is in the current
language; `l` switches it at any time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text as RichText
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Input, Label, OptionList, ProgressBar, Select, Static
from textual.widgets.option_list import Option

from qmself.errors import QmselfError
from qmself.model.answers import NA, Company
from qmself.model.benchmark import default_profile_id
from qmself.model.common import SIZE_NAMES, SIZES, pick
from qmself.model.creditcode import credit_code_problem
from qmself.model.questionnaire import Question
from qmself.render.text import clip
from qmself.session import Session
from qmself.storage.bundled import Catalog


def _t(app: Any, zh: str, en: str) -> str:
    return pick(app.lang, zh, en)



# ---------------------------------------------------------------- dialogs


class HelpScreen(ModalScreen[None]):
    """Every key, in the current language."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "close")]

    def compose(self) -> ComposeResult:
        a = self.app
        rows = [
            ("1–5", _t(a, "选择等级（是非题：1 是，2 否）", "choose a level (yes/no questions: 1 yes, 2 no)")),
            ("y / n", _t(a, "是非题回答是 / 否", "answer yes / no")),
            ("0", _t(a, "不适用（仅限允许的题目）", "n/a (only where allowed)")),
            ("↑ ↓ Enter", _t(a, "在选项间移动并选定", "move between options and choose")),
            ("→ / ]  ← / [", _t(a, "下一题 / 上一题", "next / previous question")),
            ("u", _t(a, "跳到下一道未答题", "jump to the next unanswered question")),
            ("/", _t(a, "按题号或文字查找并跳转", "find a question by id or text and jump")),
            ("e / o", _t(a, "填写证据 / 备注（回车保存）", "type evidence / a note (Enter saves)")),
            ("Tab", _t(a, "在侧栏、选项和输入框之间切换", "move between sidebar, options and fields")),
            ("r", _t(a, "评审：得分、红线、差距和改进计划", "review: scores, red lines, gaps and the plan")),
            ("l", _t(a, "切换中文 / English", "switch 中文 / English")),
            ("?", _t(a, "本帮助", "this help")),
            ("q", _t(a, "退出（答案已随时保存）", "quit (answers are already saved)")),
        ]
        text = "\n".join(f"{k:<14} {v}" for k, v in rows)
        with Vertical(id="dialog"):
            yield Static(_t(a, "按键说明", "Keys"), classes="hint")
            yield Static(text)
            yield Static(_t(a, "每个答案一经选定即写入文件（原子写入，保留注释和 .bak 备份）。Esc 关闭。",
                            "Every answer is written to the file as soon as it is given (atomic, comments kept, "
                            "a .bak backup). Esc closes."), classes="hint")


class JumpScreen(ModalScreen[int | None]):
    """Find a question by id or words; Enter jumps to it."""

    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(_t(self.app, "输入题号或关键词，回车跳转：", "Type a question id or words, Enter to jump:"))
            yield Input(id="query")
            yield OptionList(id="results")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#query", Input).focus()

    def _fill(self, text: str) -> None:
        results = self.query_one("#results", OptionList)
        results.clear_options()
        lang = self.app.lang  # type: ignore[attr-defined]
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

    def on_key(self, event: Any) -> None:
        if event.key in ("down", "up") and self.query_one("#query", Input).has_focus:
            results = self.query_one("#results", OptionList)
            results.action_cursor_down() if event.key == "down" else results.action_cursor_up()
            event.stop()

    def action_cancel(self) -> None:
        self.dismiss(None)


# ---------------------------------------------------------------- profile form


class ProfileScreen(Screen[None]):
    """The company profile: it decides which sector modules and questions apply."""

    BINDINGS = [Binding("escape", "app.quit", "quit"), Binding("ctrl+s", "start", "start")]

    def __init__(self, path: Path | None) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        a = self.app
        q = a.catalog.questionnaire()  # type: ignore[attr-defined]
        lang = a.lang  # type: ignore[attr-defined]
        yield Static(_t(a, "qmself · 新建自评 · 企业信息", "qmself · new assessment · company profile"), id="topbar")
        with VerticalScroll(id="form"):
            yield Label(_t(a, "企业名称", "Company name"))
            yield Input(id="name", placeholder=_t(a, "例如：成都某某机械有限公司", "e.g. 成都某某机械有限公司"))
            yield Label(_t(a, "统一社会信用代码（18 位）", "Unified social credit code (18 characters)"))
            yield Input(id="code", max_length=18, placeholder="91510100MA6C5T2K3G")
            yield Static("", id="codecheck")
            yield Label(_t(a, "行业（决定适用的行业模块）", "Sector (decides the sector module)"))
            yield Select([(s.name(lang), s.id) for s in q.sectors], id="sector", prompt=_t(a, "选择行业", "choose"))
            yield Label(_t(a, "规模", "Size"))
            yield Select([(SIZE_NAMES[s][0 if lang == "zh" else 1], s) for s in SIZES], id="size",
                         prompt=_t(a, "选择规模", "choose"))
            yield Label(_t(a, "地区（可选）", "Region (optional)"))
            yield Input(id="region")
            yield Label(_t(a, "评估人", "Assessor"))
            yield Input(id="assessor")
            if self.path is None:
                yield Label(_t(a, "保存为", "Save as"))
                yield Input(value="assessment.yaml", id="file")
            yield Static("", id="formerror", classes="bad")
            yield Button(_t(a, "开始答题（Ctrl+S）", "Start (Ctrl+S)"), id="start", variant="primary")
        yield Static(_t(a, "Tab 切换字段 · Ctrl+S 开始 · Esc 退出", "Tab next field · Ctrl+S start · Esc quit"), id="keys")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Changed, "#code")
    def _check_code(self, event: Input.Changed) -> None:
        code = event.value.strip().upper()
        label = self.query_one("#codecheck", Static)
        if not code:
            label.update("")
            return
        problem = credit_code_problem(code)
        ok = problem is None
        label.set_classes("ok" if ok else "bad")
        label.update("✓ " + _t(self.app, "代码有效", "valid code") if ok
                     else "✗ " + (problem[0] if self.app.lang == "zh" else problem[1]))  # type: ignore[attr-defined, index]

    @on(Button.Pressed, "#start")
    def _pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        a = self.app
        error = self.query_one("#formerror", Static)
        values = {k: self.query_one(f"#{k}", Input).value.strip() for k in ("name", "code", "region", "assessor")}
        sector = self.query_one("#sector", Select).value
        size = self.query_one("#size", Select).value
        path = self.path or Path(self.query_one("#file", Input).value.strip() or "assessment.yaml")
        if not values["name"]:
            error.update(_t(a, "请填写企业名称", "Enter the company name"))
            return
        problem = credit_code_problem(values["code"].upper())
        if problem is not None:
            error.update(problem[0] if a.lang == "zh" else problem[1])  # type: ignore[attr-defined]
            return
        if not isinstance(sector, str) or not isinstance(size, str):
            error.update(_t(a, "请选择行业和规模", "Choose a sector and a size"))
            return
        try:
            company = Company(name=values["name"], credit_code=values["code"], sector=sector, size=size,
                              region=values["region"] or None)
            session = Session.create(path, a.catalog, company, values["assessor"], lang=a.lang)  # type: ignore[attr-defined]
        except QmselfError as e:
            error.update(e.render(a.lang))  # type: ignore[attr-defined]
            return
        a.start(session)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- the question screen


class QuestionScreen(Screen[None]):
    """Sidebar of areas, one question, every answer saved as soon as it is given."""

    AUTO_FOCUS = "#choices"

    BINDINGS = [
        Binding("1", "level(1)", show=False),
        Binding("2", "level(2)", show=False),
        Binding("3", "level(3)", show=False),
        Binding("4", "level(4)", show=False),
        Binding("5", "level(5)", show=False),
        Binding("0", "level(0)", show=False),
        Binding("y", "yes(True)", show=False),
        Binding("n", "yes(False)", show=False),
        Binding("right,right_square_bracket", "move(1)", show=False),
        Binding("left,left_square_bracket", "move(-1)", show=False),
        Binding("u", "unanswered", show=False),
        Binding("slash", "jump", show=False),
        Binding("e", "field('evidence')", show=False),
        Binding("o", "field('note')", show=False),
        Binding("r", "review", show=False),
        Binding("l", "app.toggle_lang", show=False),
        Binding("question_mark", "help", show=False),
        Binding("q", "app.quit", show=False),
        Binding("escape", "field('choices')", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        start = session.next_unanswered(0)
        self.index = 0 if start is None else start

    @property
    def question(self) -> Question:
        return self.session.questions[self.index]

    def compose(self) -> ComposeResult:
        yield Static("", id="topbar")
        with Horizontal(id="body"):
            yield OptionList(id="sidebar")
            with VerticalScroll(id="pane"):
                yield Static("", id="qhead")
                yield Static("", id="qtext")
                yield OptionList(id="choices", compact=True)
                yield Input(id="number", type="number")
                yield Static("", id="qguide", classes="hint")
                yield Static("", id="qevidence", classes="hint")
                yield Static("", id="qcites", classes="hint")
                yield Input(id="evidence")
                yield Input(id="note")
        with Horizontal(id="progressrow"):
            yield ProgressBar(id="progress", show_eta=False, show_percentage=False)
            yield Static("", id="progresslabel")
        yield Static("", id="keys")

    def on_mount(self) -> None:
        self.refresh_all()

    def on_screen_resume(self) -> None:
        self.refresh_all()

    # ---- drawing

    def refresh_all(self) -> None:
        self._draw_sidebar()
        self._draw_question()
        self._draw_progress()
        lang = self.app.lang  # type: ignore[attr-defined]
        self.query_one("#keys", Static).update(pick(
            lang,
            "1-5作答 0不适用 ←→翻题 u未答 /查找 e证据 r评审 l English ?帮助 q退出",
            "1-5 answer 0 n/a ←→ move u unanswered / find e evidence r review l 中文 ? help q quit",
        ))

    def _draw_progress(self) -> None:
        done, total = self.session.progress()
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=total, progress=done)
        lang = self.app.lang  # type: ignore[attr-defined]
        self.query_one("#progresslabel", Static).update(pick(lang, f"已答 {done}/{total}", f"{done}/{total} answered"))
        c = self.session.company
        self.query_one("#topbar", Static).update(
            f"qmself · {c.name} · {self.session.path.name} · "
            + pick(lang, f"第 {self.index + 1}/{total} 题", f"question {self.index + 1} of {total}"))

    def _draw_sidebar(self) -> None:
        side = self.query_one("#sidebar", OptionList)
        lang = self.app.lang  # type: ignore[attr-defined]
        keep = side.highlighted
        side.clear_options()
        for area in self.session.questionnaire.areas:
            done, total = self.session.progress(area.id)
            if not total:
                continue
            mark = "✓" if done == total else " "
            here = "▸" if self.question.area == area.id else " "
            label = RichText(f"{here}{mark}{area.id:<7}{done:>2}/{total:<2} ")
            label.append(clip(area.title(lang), 7), style="dim")
            side.add_option(Option(label, id=area.id))
        if keep is not None and keep < side.option_count:
            side.highlighted = keep

    def _draw_question(self) -> None:
        q = self.question
        lang = self.app.lang  # type: ignore[attr-defined]
        s = self.session
        area = s.questionnaire.area_by_id[q.area]
        kind = {"maturity": pick(lang, "成熟度", "maturity"), "yesno": pick(lang, "是非题", "yes/no"),
                "number": pick(lang, "数值", "number")}[q.type]
        head = f"{q.id} · {area.title(lang)} · {kind} · " + pick(lang, f"权重 {q.weight:g}", f"weight {q.weight:g}")
        if q.module:
            head += f" · {q.module}"
        if q.red_line:
            head += pick(lang, " · 红线（法定义务）", " · RED LINE (statutory duty)")
        self.query_one("#qhead", Static).update(head)
        self.query_one("#qhead", Static).set_class(q.red_line, "redline")
        self.query_one("#qtext", Static).update(q.text(lang))
        answer = s.answer(q.id)
        value = None if answer is None else answer.value
        choices = self.query_one("#choices", OptionList)
        number = self.query_one("#number", Input)
        choices.clear_options()
        if q.type == "number":
            unit = q.unit(lang) if q.unit else ""
            bands = " · ".join(
                f"{b.level} {s.questionnaire.level_name(b.level, lang)}: "
                + ("" if b.min is None else f"≥{b.min:g}") + (" " if b.min is not None and b.max is not None else "")
                + ("" if b.max is None else f"<{b.max:g}")
                for b in sorted(q.bands or [], key=lambda b: b.level))
            number.display = True
            number.placeholder = pick(lang, f"输入数值（{unit}），回车保存", f"type a number ({unit}), Enter saves")
            number.value = "" if value is None or value == NA else f"{value:g}" if isinstance(value, float) else str(value)
            options = [Option(RichText(bands, style="dim"), id="bands", disabled=True)]
            if q.allow_na:
                options.append(Option(self._mark(value == NA) + pick(lang, "0 不适用", "0 n/a"), id="na"))
            choices.add_options(options)
        else:
            number.display = False
            options = []
            if q.type == "maturity":
                for k in sorted(q.levels or {}):
                    text = self._mark(value == k) + f"{k} {s.questionnaire.level_name(k, lang)}  "
                    label = RichText(text, style="bold")
                    label.append((q.levels or {})[k](lang))
                    options.append(Option(label, id=str(k)))
            else:
                options.append(Option(self._mark(value is True) + pick(lang, "1 是", "1 yes"), id="yes"))
                options.append(Option(self._mark(value is False) + pick(lang, "2 否", "2 no"), id="no"))
            if q.allow_na:
                options.append(Option(self._mark(value == NA) + pick(lang, "0 不适用", "0 n/a"), id="na"))
            choices.add_options(options)
            chosen = next((i for i, o in enumerate(options) if str(o.prompt).startswith("● ")), 0)
            choices.highlighted = chosen
        self.query_one("#qguide", Static).update(pick(lang, "良好实践：", "Good practice: ") + q.guidance(lang))
        self.query_one("#qevidence", Static).update(
            pick(lang, "证据提示：", "Evidence to show: ") + pick(lang, "；", "; ").join(e(lang) for e in q.evidence))
        self.query_one("#qcites", Static).update(pick(lang, "依据：", "Cites: ") + "; ".join(q.cites))
        ev, note = self.query_one("#evidence", Input), self.query_one("#note", Input)
        ev.placeholder = pick(lang, "证据（可选，回车保存）", "evidence (optional, Enter saves)")
        note.placeholder = pick(lang, "备注（可选，回车保存）", "note (optional, Enter saves)")
        ev.value = (answer.evidence or "") if answer else ""
        note.value = (answer.note or "") if answer else ""
        self.query_one("#pane", VerticalScroll).scroll_home(animate=False)
        # after the current event: a dialog closing restores the old focus first
        self.call_after_refresh((number if q.type == "number" else choices).focus)

    @staticmethod
    def _mark(on_: bool) -> str:
        return "● " if on_ else "  "

    # ---- answering

    def _save(self, value: object, *, advance: bool = True) -> bool:
        q = self.question
        ev = self.query_one("#evidence", Input).value
        note = self.query_one("#note", Input).value
        try:
            self.session.set(q.id, value, ev, note)
        except QmselfError as e:
            self.notify(e.render(self.app.lang), severity="error", timeout=6)  # type: ignore[attr-defined]
            return False
        if advance and self.index < len(self.session.questions) - 1:
            self.index += 1
        self.refresh_all()
        return True

    def _save_text_fields(self) -> None:
        """Keep evidence or a note typed for this question before leaving it."""
        q = self.question
        answer = self.session.answer(q.id)
        ev = self.query_one("#evidence", Input).value.strip()
        note = self.query_one("#note", Input).value.strip()
        if (ev, note) != (((answer.evidence or "") if answer else ""), ((answer.note or "") if answer else "")):
            try:
                self.session.set(q.id, None if answer is None else answer.value, ev, note)
            except QmselfError as e:
                self.notify(e.render(self.app.lang), severity="error")  # type: ignore[attr-defined]

    def action_level(self, level: int) -> None:
        q = self.question
        if level == 0:
            if q.allow_na:
                self._save(NA)
            else:
                self.notify(pick(self.app.lang, "此题不允许回答不适用", "n/a is not allowed here"), severity="warning")  # type: ignore[attr-defined]
        elif q.type == "maturity":
            self._save(level)
        elif q.type == "yesno" and level in (1, 2):
            self._save(level == 1)

    def action_yes(self, yes: bool) -> None:
        if self.question.type == "yesno":
            self._save(yes)

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        oid = event.option.id
        value: object = {"yes": True, "no": False, "na": NA}.get(oid or "")
        if value is None and oid and oid.isdigit():
            value = int(oid)
        if value is not None:
            self._save(value)

    @on(OptionList.OptionSelected, "#sidebar")
    def _area(self, event: OptionList.OptionSelected) -> None:
        self._save_text_fields()
        area = event.option.id
        idx = [i for i, q in enumerate(self.session.questions) if q.area == area]
        open_ = [i for i in idx if not self.session.is_answered(self.session.questions[i].id)]
        self.index = (open_ or idx)[0]
        self.query_one("#choices", OptionList).focus()
        self.refresh_all()

    @on(Input.Submitted, "#number")
    def _number(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        try:
            value = float(text)
        except ValueError:
            self.notify(pick(self.app.lang, "请输入数字", "type a number"), severity="error")  # type: ignore[attr-defined]
            return
        self._save(int(value) if value.is_integer() else value)

    @on(Input.Submitted, "#evidence, #note")
    def _text(self) -> None:
        q = self.question
        answer = self.session.answer(q.id)
        if self._save(None if answer is None else answer.value, advance=False):
            self.notify(pick(self.app.lang, "已保存", "saved"), timeout=1.5)  # type: ignore[attr-defined]
            self.query_one("#choices", OptionList).focus()

    # ---- moving

    def go(self, index: int) -> None:
        self._save_text_fields()
        self.index = max(0, min(index, len(self.session.questions) - 1))
        self.refresh_all()

    def action_move(self, step: int) -> None:
        self.go(self.index + step)

    def action_unanswered(self) -> None:
        nxt = self.session.next_unanswered(self.index + 1)
        if nxt is None:
            self.notify(pick(self.app.lang, "全部题目均已作答，按 r 查看评审", "every question is answered; press r to review"))  # type: ignore[attr-defined]
        else:
            self.go(nxt)

    def action_jump(self) -> None:
        def picked(index: int | None) -> None:
            if index is not None:
                self.go(index)

        self.app.push_screen(JumpScreen(self.session), picked)

    def action_field(self, widget: str) -> None:
        self.query_one(f"#{widget}").focus()

    def action_review(self) -> None:
        self._save_text_fields()
        self.app.push_screen(ReviewScreen(self.session))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())


# ---------------------------------------------------------------- review


class ReviewScreen(Screen[None]):
    """Scores, red lines, completeness, gaps against a profile; the PDF plan from here."""

    BINDINGS = [
        Binding("escape,b", "app.pop_screen", show=False),
        Binding("p", "plan", show=False),
        Binding("l", "app.toggle_lang", show=False),
        Binding("question_mark", "help", show=False),
        Binding("q", "app.quit", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.profile_id = default_profile_id(session.company.size)

    def compose(self) -> ComposeResult:
        yield Static("", id="topbar")
        with VerticalScroll(id="review"):
            yield Static("", id="summary")
            lang = self.app.lang  # type: ignore[attr-defined]
            yield Select([(f"{p.title(lang)} ({p.id})", p.id) for p in self.session.catalog.profiles.values()],
                         id="profile", allow_blank=False, value=self.profile_id)
            yield DataTable(id="areas", cursor_type="row", zebra_stripes=True)
            yield Static("", id="redlines")
            yield Static("", id="planinfo", classes="hint")
        yield Static("", id="keys")

    def on_mount(self) -> None:
        self.refresh_all()

    def refresh_all(self) -> None:
        lang = self.app.lang  # type: ignore[attr-defined]
        s = self.session
        q = s.questionnaire
        profiles = s.catalog.profiles
        select = self.query_one("#profile", Select)
        with select.prevent(Select.Changed):
            select.set_options([(f"{p.title(lang)} ({p.id})", p.id) for p in profiles.values()])
            select.value = self.profile_id
        result = s.result()
        comparison = s.comparison(profiles[self.profile_id])
        lvl = "—" if result.whole_level is None else f"{result.overall_level:.2f} {q.level_name(result.whole_level, lang)}"
        self.query_one("#topbar", Static).update(f"qmself · {s.company.name} · " + pick(lang, "评审", "review"))
        self.query_one("#summary", Static).update(
            pick(lang, "总体指数 ", "Overall index ")
            + ("—" if result.overall_index is None else f"{result.overall_index:.1f}/100") + " · "
            + pick(lang, "等级 ", "level ") + lvl + (pick(lang, "（红线封顶）", " (capped)") if result.capped else "")
            + "\n" + pick(lang, "完整度 ", "Completeness ") + f"{result.completeness:.0%} ({result.answered}/{result.applicable})"
            + pick(lang, "，缺答不计入得分", "; missing answers left out of the score")
            + "\n" + pick(lang, f"目标完成度 {comparison.progress:.1f}%，达标 {comparison.met}/{comparison.targeted}",
                          f"Progress to target {comparison.progress:.1f}%, {comparison.met} of {comparison.targeted} met"))
        table = self.query_one("#areas", DataTable)
        table.clear(columns=True)
        table.add_columns(pick(lang, "领域", "Area"), pick(lang, "得分", "Score"), pick(lang, "等级", "Level"),
                          pick(lang, "目标", "Target"), pick(lang, "差距", "Gap"), pick(lang, "优先", "Prio"))
        gaps = {g.area: g for g in comparison.areas}
        for a in result.areas:
            g = gaps.get(a.id)
            level = "—" if a.level is None else f"{a.level:.2f}" + ("*" if a.capped else "")
            table.add_row(
                f"{a.id} {q.area_by_id[a.id].title(lang)[:14]}", "—" if a.score is None else f"{a.score:.1f}", level,
                "" if g is None else f"{g.target:g}",
                "" if g is None else ("✓" if g.met else ("—" if g.gap is None else f"{g.gap:.2f}")),
                "" if g is None or g.priority is None else str(g.priority),
            )
        lines = []
        for f in result.red_lines:
            status = pick(lang, "✗ 未满足", "✗ NOT MET") if f.status == "unmet" else pick(lang, "? 未作答", "? not answered")
            lines.append(f"{status} {f.question}: {q.question_by_id[f.question].text(lang)}")
        self.query_one("#redlines", Static).update(
            "\n".join(lines) if lines else pick(lang, "红线：全部满足", "Red lines: all met"))
        self.query_one("#keys", Static).update(pick(
            lang, "p 生成 PDF 改进计划 · 选择基准档案 · Esc 返回答题 · l English · q 退出",
            "p write the PDF plan · choose a profile · Esc back to questions · l 中文 · q quit"))

    @on(Select.Changed, "#profile")
    def _profile(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.profile_id:
            self.profile_id = event.value
            self.refresh_all()

    def action_plan(self) -> None:
        lang = self.app.lang  # type: ignore[attr-defined]
        try:
            path = self.session.write_plan(self.profile_id, lang)
        except QmselfError as e:
            self.notify(e.render(lang), severity="error")
            return
        text = pick(lang, f"改进计划已写入 {path}", f"plan written to {path}")
        self.query_one("#planinfo", Static).update(text)
        self.notify(text, timeout=8)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())


# ---------------------------------------------------------------- the app


class AssessApp(App[None]):
    """`qmself assess`."""

    CSS_PATH = "app.tcss"
    TITLE = "qmself"
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
            for n in self.session.notices:
                self.notify(n, severity="warning", timeout=8)
        else:
            self.push_screen(ProfileScreen(self.path))

    def start(self, session: Session) -> None:
        self.session = session
        self.switch_screen(QuestionScreen(session))

    def action_toggle_lang(self) -> None:
        self.lang = "en" if self.lang == "zh" else "zh"
        screen = self.screen
        if hasattr(screen, "refresh_all"):
            screen.refresh_all()

    def action_quit(self) -> None:  # type: ignore[override]
        screen = self.screen
        if isinstance(screen, QuestionScreen):
            screen._save_text_fields()
        self.exit()

