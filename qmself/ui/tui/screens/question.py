"""The question screen: a sidebar of areas, one question at a time, every answer saved at once."""

from __future__ import annotations

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from qmself.errors import QmselfError
from qmself.model.answers import NA
from qmself.model.common import pick
from qmself.model.questionnaire import Question
from qmself.render.text import clip
from qmself.session import Session
from qmself.ui.tui.base import AppScreen
from qmself.ui.tui.screens.help import HelpScreen
from qmself.ui.tui.screens.jump import JumpScreen


class QuestionScreen(AppScreen[None]):
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
        lang = self.lang
        self.query_one("#keys", Static).update(pick(
            lang,
            "1-5作答 0不适用 ←→翻题 u未答 /查找 e证据 r评审 l English ?帮助 q退出",
            "1-5 answer 0 n/a ←→ move u unanswered / find e evidence r review l 中文 ? help q quit",
        ))

    def _draw_progress(self) -> None:
        done, total = self.session.progress()
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=total, progress=done)
        lang = self.lang
        self.query_one("#progresslabel", Static).update(pick(lang, f"已答 {done}/{total}", f"{done}/{total} answered"))
        c = self.session.company
        self.query_one("#topbar", Static).update(
            f"qmself · {c.name} · {self.session.path.name} · "
            + pick(lang, f"第 {self.index + 1}/{total} 题", f"question {self.index + 1} of {total}"))

    def _draw_sidebar(self) -> None:
        side = self.query_one("#sidebar", OptionList)
        lang = self.lang
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
        lang = self.lang
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
        except Exception as e:  # a bad value or a full disk: shown, the app stays
            self.qapp.show_error(e)
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
                self.notify(e.render(self.lang), severity="error")

    def action_level(self, level: int) -> None:
        q = self.question
        if level == 0:
            if q.allow_na:
                self._save(NA)
            else:
                self.notify(pick(self.lang, "此题不允许回答不适用", "n/a is not allowed here"), severity="warning")
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
            self.notify(pick(self.lang, "请输入数字", "type a number"), severity="error")
            return
        self._save(int(value) if value.is_integer() else value)

    @on(Input.Submitted, "#evidence, #note")
    def _text(self) -> None:
        q = self.question
        answer = self.session.answer(q.id)
        if self._save(None if answer is None else answer.value, advance=False):
            self.notify(pick(self.lang, "已保存", "saved"), timeout=1.5)
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
            self.notify(pick(self.lang, "全部题目均已作答，按 r 查看评审", "every question is answered; press r to review"))
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
        from qmself.ui.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.session))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())
