"""The question screen: a sidebar of areas, one question at a time, every answer saved at once."""

from __future__ import annotations

from pydantic_core import PydanticCustomError
from rich.text import Text as RichText
from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from qmself.citations import DOCUMENTS, clause_heading
from qmself.cjk import cell_width, fill, fill_parts, wrap
from qmself.model.answers import NA, Answer, typed_number
from qmself.model.questionnaire import SMALL_SAMPLE_LEVELS, Question
from qmself.session import Session
from qmself.storage.edit import KEEP, Keep
from qmself.ui.tui.base import AppScreen, fit_keys, fit_title

SIDEBAR, WIDE_SIDEBAR = 26, 34
"""Sidebar width in cells; the wide one from 120 columns."""
NUMBER_KEYS = frozenset("0123456789.-+")  # no exponent: e is the evidence key


class NumberInput(Input):
    """The number field: it takes digits and editing keys, every other key is the app's (?, r, u, q, →)."""

    KEYS = NUMBER_KEYS

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character in self.KEYS

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character not in self.KEYS:
            # not typed into the field: the key's binding on the screen runs (?, r, u, q, l …)
            event.stop()
            event.prevent_default()
            active = self.screen.active_bindings.get(event.key)
            if active is not None and active.enabled:
                await self.app.run_action(active.binding.action, active.node)

    def action_cursor_right(self, select: bool = False) -> None:
        if not select and self.cursor_position >= len(self.value):
            raise SkipAction()  # at the end of the number: → is "next question"
        super().action_cursor_right(select)

    def action_cursor_left(self, select: bool = False) -> None:
        if not select and self.cursor_position == 0:
            raise SkipAction()
        super().action_cursor_left(select)


class SampleInput(NumberInput):
    """A rate's sample size: whole numbers only."""

    KEYS = frozenset("0123456789")


def area_bar(done: int, total: int, width: int = 6) -> str:
    """A small progress bar in text."""
    full = round(width * done / total) if total else 0
    return "█" * full + "░" * (width - full)


def cite_text(cite: str, lang: str) -> str:
    """`action-plan-2022 （二十一）` as《进一步提高……行动方案》（二十一）强化企业主体责任 [action-plan-2022]:
    the document's title, the clause and what it asks (its heading), the id kept."""
    doc, _, clause = cite.partition(" ")
    d = DOCUMENTS.get(doc)
    if d is None:
        return cite
    heading = clause_heading(doc, clause, lang)
    if lang == "zh":
        return f"《{d.title_zh}》{clause}{heading or ''} [{doc}]"
    return f"{d.title_en} {clause}{': ' + heading if heading else ''} [{doc}]"


class QuestionScreen(AppScreen[None]):
    """Sidebar of areas, one question, every answer saved as soon as it is given."""

    AUTO_FOCUS = None  # _draw_question focuses the answer field itself, without scrolling the question away

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
        Binding("e", "edit('evidence')", show=False),
        Binding("o", "edit('note')", show=False),
        Binding("x", "clear", show=False),
        Binding("ctrl+z", "undo", show=False),
        Binding("r", "review", show=False),
        Binding("l", "app.toggle_lang", show=False),
        Binding("question_mark", "help", show=False),
        Binding("q", "app.quit", show=False),
        Binding("escape", "choices", show=False),
        # the question pane scrolls with the keyboard too (hints and cites below the fold at 80x24)
        Binding("pagedown", "scroll_pane(1)", show=False, priority=True),
        Binding("pageup", "scroll_pane(-1)", show=False, priority=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        start = session.next_unanswered(0)
        self.index = 0 if start is None else start
        self._shown_once = False
        self._drawn: int | None = None
        """The terminal width the screen was last drawn for (None before the first drawing)."""
        self._shown: dict[str, tuple[str, str]] = {}
        """The saved value each number field was last set to, by field id (question id, text)."""
        self.history: list[tuple[str, Answer | None]] = []
        """Every change of this session, oldest first: the question and its answer before it."""

    @property
    def question(self) -> Question:
        return self.session.questions[self.index]

    def compose(self) -> ComposeResult:
        yield Static("", id="topbar", markup=False)
        with Horizontal(id="body"):
            yield OptionList(id="sidebar")
            with Vertical(id="main"):
                with Vertical(id="qtop"):  # the question's id and text stay put while the rest scrolls
                    yield Static("", id="qhead", markup=False)
                    yield Static("", id="qtext", markup=False)
                with VerticalScroll(id="pane"):
                    yield OptionList(id="choices", compact=True)
                    yield NumberInput(id="number", type="number", select_on_focus=False)
                    yield SampleInput(id="sample", type="integer", select_on_focus=False)
                    yield Static("", id="qsample", classes="hint", markup=False)
                    yield Static("", id="qevtext", markup=False)
                    yield Static("", id="qnotetext", markup=False)
                    yield Static("", id="qrule", classes="hint", markup=False)
                    yield Static("", id="qguide", classes="hint", markup=False)
                    yield Static("", id="qevidence", classes="hint", markup=False)
                    yield Static("", id="qcites", classes="hint", markup=False)
        with Horizontal(id="progressrow"):
            yield ProgressBar(id="progress", show_eta=False, show_percentage=False)
            yield Static("", id="progresslabel")
        yield Static("", id="keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#pane", VerticalScroll).can_focus = False  # Tab never lands on an invisible container
        self.query_one("#sidebar", OptionList).styles.width = self.sidebar_width
        self.refresh_all()

    def on_screen_resume(self) -> None:
        if self._shown_once:  # back from a dialog or the review (the first showing is drawn by on_mount)
            self.refresh_all()
        self._shown_once = True

    def on_resize(self, event: events.Resize) -> None:
        if self._drawn == self.app.size.width:
            return  # the size this screen was drawn for: folding the text again changes nothing
        self.query_one("#sidebar", OptionList).styles.width = self.sidebar_width
        self.refresh_all()

    @property
    def sidebar_width(self) -> int:
        return WIDE_SIDEBAR if self.app.size.width >= 120 else SIDEBAR

    # ---- drawing

    @property
    def text_width(self) -> int:
        """Cells of text the question pane holds on one line (padding and a scrollbar off)."""
        return max(20, self.app.size.width - self.sidebar_width - 4)

    def refresh_all(self) -> None:
        self._drawn = self.app.size.width
        self._draw_sidebar()
        self._draw_question()
        self._draw_progress()
        self._draw_keys()

    def _draw_keys(self) -> None:
        q = self.question
        t = self.t
        if q.type == "maturity":
            items = [t("1-5 作答", "1-5 answer")]
        elif q.type == "yesno":
            items = [t("y 是 n 否", "y yes n no")]
        elif q.min_sample is not None:
            items = [t("数值 回车 样本量 回车", "number Enter, sample Enter")]
        else:
            items = [t("输入数值 回车保存", "type a number, Enter")]
        if q.allow_na:
            items.append(t("⇧Tab 不适用", "⇧Tab n/a") if q.type == "number" else t("0 不适用", "0 n/a"))
        items += [t("←→ 翻题", "←→ move"), t("e 证据", "e evidence"), t("o 备注", "o note"),
                  t("r 评审", "r review"), t("u 未答", "u unanswered"), t("PgDn 下翻", "PgDn scroll"), t("/ 查找", "/ find"),
                  t("x 清除", "x clear"), t("^z 撤销", "^z undo"), t("^p 命令", "^p commands"),
                  t("l English", "l 中文"), t("? 帮助", "? help"), t("q 退出", "q quit")]
        self.query_one("#keys", Static).update(fit_keys(items, self.app.size.width - 2))

    def _draw_progress(self) -> None:
        done, total = self.session.progress()
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=total, progress=done)
        t = self.t
        self.query_one("#progresslabel", Static).update(t(f"已答 {done}/{total}", f"{done}/{total} answered"))
        c = self.session.company
        q = self.question
        a_done, a_total = self.session.progress(q.area)
        self.query_one("#topbar", Static).update(fit_title(
            "qmself", [c.name, self.session.path.name],
            t(f"第 {self.index + 1}/{total} 题 · {q.area} {a_done}/{a_total}",
              f"question {self.index + 1} of {total} · {q.area} {a_done}/{a_total}"), self.app.size.width - 2))

    def _draw_sidebar(self) -> None:
        side = self.query_one("#sidebar", OptionList)
        lang = self.lang
        # the option's text width, the same before and after layout: the sidebar less its border, padding,
        # a scrollbar and the option's indent
        width = self.sidebar_width - 7
        side.clear_options()
        here_at = None
        for area in self.session.questionnaire.areas:
            done, total = self.session.progress(area.id)
            if not total:
                continue
            mark = "✓" if done == total else " "
            here = "▸" if self.question.area == area.id else " "
            if here == "▸":
                here_at = side.option_count
            head = f"{here}{mark}{area.id:<6} {done:>2}/{total:<2} "
            label = RichText(head + area_bar(done, total, max(2, width - cell_width(head))) + "\n")
            label.append("\n".join(wrap(area.title(lang), width, "  ")), style="dim")
            side.add_option(Option(label, id=area.id))
        if here_at is not None:
            side.highlighted = here_at

    def _kind(self, q: Question) -> str:
        return {"maturity": self.t("成熟度", "maturity"), "yesno": self.t("是非题", "yes/no"),
                "number": self.t("数值", "number")}[q.type]

    def _draw_question(self) -> None:
        q = self.question
        lang = self.lang
        t = self.t
        s = self.session
        qn = s.questionnaire
        width = self.text_width
        area = qn.area_by_id[q.area]
        head = [q.id, area.title(lang), self._kind(q), t(f"权重 {q.weight:g}", f"weight {q.weight:g}")]
        if q.module:
            module = next((m for m in qn.modules if m.id == q.module), None)
            head.append(module.title(lang) if module else q.module)
        if q.red_line:
            head.append(t(f"红线：答“否”将本领域封顶于 {qn.red_line_cap:g} 级",
                          f"RED LINE: answering no caps this area at level {qn.red_line_cap:g}"))
        self.query_one("#qhead", Static).update(fill_parts(head, width))
        self.query_one("#qhead", Static).set_class(q.red_line, "redline")
        self.query_one("#qtext", Static).update(fill(q.text(lang), width))
        answer = s.answer(q.id)
        value = None if answer is None else answer.value
        choices = self.query_one("#choices", OptionList)
        number = self.query_one("#number", NumberInput)
        choices.clear_options()
        options: list[Option] = []
        if q.type == "number":
            unit = q.unit(lang) if q.unit else ""
            for b in sorted(q.bands or [], key=lambda b: -b.level):
                rng = " ".join(x for x in ("" if b.min is None else f"≥{b.min:g}",
                                           "" if b.max is None else f"<{b.max:g}") if x)
                options.append(Option(RichText(f"  {b.level} {qn.level_name(b.level, lang)}: {rng} {unit}",
                                               style="dim"), disabled=True))
            number.display = True
            number.placeholder = t(f"输入数值（{unit}），回车保存", f"type a number ({unit}), Enter saves")
            shown = "" if value is None or value == NA else f"{value:g}" if isinstance(value, float) else str(value)
            if self._kept(number, (q.id, shown)):  # what was typed and not yet saved stays (e, o, ? and back)
                number.value = shown
                number.cursor_position = len(number.value)
        else:
            number.display = False
            self._shown.pop("number", None)
            if q.type == "maturity":
                for k in sorted(q.levels or {}):
                    lead = f"{k} {qn.level_name(k, lang)}  "
                    lines = wrap(lead + (q.levels or {})[k](lang), width - 4, "", "  ")
                    label = RichText(self._mark(value == k) + lines[0][:len(lead)], style="bold")
                    label.append("\n  ".join([lines[0][len(lead):], *lines[1:]]))
                    options.append(Option(label, id=str(k)))
            else:
                options.append(Option(self._mark(value is True) + t("1 是", "1 yes"), id="yes"))
                options.append(Option(self._mark(value is False) + t("2 否", "2 no"), id="no"))
        self._draw_sample(q, answer)
        rule = self.query_one("#qrule", Static)
        rule.display = q.type == "maturity" and qn.level_rule is not None
        if qn.level_rule is not None:
            rule.update(fill(t("计级规则：", "Level rule: ") + qn.level_rule(lang), width))
        if q.allow_na:
            options.append(Option(self._mark(value == NA) + t("0 不适用", "0 n/a"), id="na"))
        choices.add_options(options)
        chosen = next((i for i, o in enumerate(options) if str(o.prompt).startswith("● ")), None)
        if chosen is None:
            chosen = next((i for i, o in enumerate(options) if not o.disabled), None)
        choices.highlighted = chosen
        ev = (answer.evidence or "") if answer else ""
        note = (answer.note or "") if answer else ""
        self.query_one("#qevtext", Static).update(
            fill(t("证据：", "Evidence: ") + (ev or t("（无，按 e 填写）", "(none, press e)")), width))
        self.query_one("#qnotetext", Static).update(
            fill(t("备注：", "Note: ") + (note or t("（无，按 o 填写）", "(none, press o)")), width))
        self.query_one("#qguide", Static).update(fill(t("良好实践：", "Good practice: ") + q.guidance(lang), width))
        self.query_one("#qevidence", Static).update(
            fill(t("证据提示：", "Evidence to show: ") + t("；", "; ").join(e(lang) for e in q.evidence), width))
        cites = "\n".join([t("依据：", "Cites:"), *(fill(cite_text(c, lang), width, "· ", "  ") for c in q.cites)])
        if q.legal_basis:
            cites += "\n" + fill(t("法律依据：", "Legal basis: ") + q.legal_basis_text(lang), width)
        self.query_one("#qcites", Static).update(cites)
        # the question's id and text stay on screen: focus without scrolling, then to the top
        self.set_focus(number if q.type == "number" else choices, scroll_visible=False)
        self.query_one("#pane", VerticalScroll).scroll_home(animate=False, immediate=True)

    def _draw_sample(self, q: Question, answer: Answer | None) -> None:
        """A rate with a minimum sample: the sample-size field and what a small sample means."""
        sample = self.query_one("#sample", SampleInput)
        rule = self.query_one("#qsample", Static)
        shown = q.type == "number" and q.min_sample is not None
        sample.display = rule.display = shown
        if not shown or q.min_sample is None or q.sample_unit is None:
            self._shown.pop("sample", None)  # coming back to a rate shows its saved sample
            return
        unit = q.sample_unit(self.lang)
        lo, hi = SMALL_SAMPLE_LEVELS
        sample.placeholder = self.t(f"样本量（{unit}），回车保存", f"sample size ({unit}), Enter saves")
        value = "" if answer is None or answer.sample is None else str(answer.sample)
        if self._kept(sample, (q.id, value)):
            sample.value = value
            sample.cursor_position = len(sample.value)
        given = "" if answer is None or answer.sample is None else self.t(
            f"（已填 {answer.sample}{'，不足' if q.small_sample(answer.sample) else ''}）",
            f" (given: {answer.sample}{', too few' if q.small_sample(answer.sample) else ''})")
        rule.update(fill(self.t(
            f"样本量：这个比率由多少{unit}算出，至少 {q.min_sample} {unit}{given}；样本不足或不填时，此题只计 {lo}-{hi} 级",
            f"Sample: how many {unit} the rate comes from, at least {q.min_sample}{given}; with fewer or none "
            f"stated the question scores within levels {lo}-{hi}"), self.text_width))

    def _kept(self, field: Input, saved: tuple[str, str]) -> bool:
        """Whether `field` must show `saved` (another question, or its saved value changed); False keeps
        what the clerk typed there meanwhile."""
        key = str(field.id)
        if self._shown.get(key) == saved:
            return False
        self._shown[key] = saved
        return True

    @staticmethod
    def _mark(on_: bool) -> str:
        return "● " if on_ else "  "

    # ---- answering

    def _set(self, qid: str, value: object, evidence: str | None, note: str | None,
             sample: int | Keep | None = KEEP) -> bool:
        """Save one answer and remember the one before it for undo; False (and shown) on an error."""
        before = self.session.answer(qid)
        done, total = self.session.progress()
        try:
            self.session.set(qid, value, evidence, note, sample)
        except Exception as e:  # a bad value or a full disk: shown, the app stays
            self.qapp.show_error(e)
            return False
        self.history.append((qid, before))
        if done < total and self.session.progress() == (total, total):  # this answer was the last one open
            self._say_all_answered()
        return True

    def _say_all_answered(self) -> None:
        self.notify(self.t("全部题目均已作答，按 r 查看评审", "every question is answered; press r to review"))

    def _save(self, value: object, *, advance: bool = True) -> bool:
        q = self.question
        answer = self.session.answer(q.id)
        if not self._set(q.id, value, answer.evidence if answer else None, answer.note if answer else None):
            return False
        if advance and self.index < len(self.session.questions) - 1:
            self.index += 1
        self.refresh_all()
        return True

    def action_level(self, level: int) -> None:
        q = self.question
        if level == 0:
            if q.allow_na:
                self._save(NA)
            else:
                self.notify(self.t("此题不允许回答不适用", "n/a is not allowed here"), severity="warning")
        elif q.type == "maturity":
            self._save(level)
        elif q.type == "yesno" and level in (1, 2):
            self._save(level == 1)

    def action_yes(self, yes: bool) -> None:
        if self.question.type == "yesno":
            self._save(yes)

    def action_clear(self) -> None:
        """Take the answer back (evidence and note stay); ctrl+z undoes it."""
        q = self.question
        answer = self.session.answer(q.id)
        if answer is None or not answer.answered:
            self.notify(self.t("此题尚未作答", "this question is not answered"), timeout=2)
            return
        if self._set(q.id, None, answer.evidence, answer.note):
            self.notify(self.t(f"已清除 {q.id} 的答案（Ctrl+Z 撤销）", f"answer to {q.id} cleared (Ctrl+Z undoes)"),
                        timeout=3)
            self.refresh_all()

    def action_undo(self) -> None:
        """Undo the last change of this session (answer, evidence or note), going to its question."""
        if not self.history:
            self.notify(self.t("没有可撤销的修改", "nothing to undo"), timeout=2)
            return
        qid, before = self.history.pop()
        try:
            if before is None:
                self.session.set(qid, None)
            else:
                self.session.set(qid, before.value, before.evidence, before.note,
                                 before.sample if self.session.questionnaire.question_by_id[qid].min_sample else KEEP)
        except Exception as e:  # shown, the app stays
            self.history.append((qid, before))
            self.qapp.show_error(e)
            return
        index = self.session.index_of(qid)
        if index is not None:
            self.index = index
        self.notify(self.t(f"已撤销 {qid} 的上一次修改", f"last change to {qid} undone"), timeout=3)
        self.refresh_all()

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
        if event.option.id:
            self.go_area(event.option.id)

    def go_area(self, area: str) -> None:
        """The area's first unanswered question (its first one when all are answered)."""
        idx = [i for i, q in enumerate(self.session.questions) if q.area == area]
        open_ = [i for i in idx if not self.session.is_answered(self.session.questions[i].id)]
        self.index = (open_ or idx)[0]
        self.refresh_all()

    @on(Input.Submitted, "#number")
    def _number(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        value = self._typed(text, ("请输入数字", "type a number"))
        if value is None:
            return
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # 35.0 is saved as 35
        if self.question.min_sample is None:
            self._save(value)
        elif self._save(value, advance=False):
            self.set_focus(self.query_one("#sample", SampleInput), scroll_visible=True)  # then its sample

    @on(Input.Submitted, "#sample")
    def _sample(self, event: Input.Submitted) -> None:
        """The rate's sample size; Enter on an empty field goes on and leaves the sample as it was."""
        q = self.question
        answer = self.session.answer(q.id)
        text = event.value.strip()
        if not text:
            self.action_move(1)
            return
        if answer is None or not answer.answered:
            self.notify(self.t("请先输入数值，再填样本量", "type the number first, then its sample"), severity="warning")
            self.set_focus(self.query_one("#number", NumberInput), scroll_visible=False)
            return
        sample = self._typed(text, ("样本量应为非负整数", "the sample size must be a whole number, 0 or more"), whole=True)
        if sample is not None and self._set(q.id, answer.value, answer.evidence, answer.note, int(sample)):
            if q.small_sample(int(sample)) and q.min_sample is not None and q.sample_unit is not None:
                lo, hi = SMALL_SAMPLE_LEVELS
                unit = q.sample_unit(self.lang)
                self.notify(self.t(f"样本量 {sample} 少于本题要求的 {q.min_sample} {unit}：此题只计 {lo}-{hi} 级",
                                   f"a sample of {sample} is fewer than the {q.min_sample} {unit} this question "
                                   f"needs: it scores within levels {lo}-{hi}"), severity="warning", timeout=6)
            self.action_move(1)

    def _typed(self, text: str, no_number: tuple[str, str], *, whole: bool = False) -> int | float | None:
        """The number in a field (pasted text reaches it too; with `whole`, 0 or more); None, with the reason
        shown, when there is none."""
        try:
            value = typed_number(text)
        except PydanticCustomError as e:  # too large, or another script's digits (٣)
            ctx = e.context or {}
            self.notify(self.t(ctx.get("zh", str(e)), ctx.get("en", str(e))), severity="error", markup=False)
            return None
        if value is None or (whole and (value.__class__ is not int or value < 0)):
            self.notify(self.t(*no_number), severity="error")
            return None
        return value

    def action_edit(self, field: str) -> None:
        """Evidence or note in a multi-line editor; Ctrl+S saves, Esc cancels."""
        q = self.question
        answer = self.session.answer(q.id)
        old = ((answer.evidence if field == "evidence" else answer.note) or "") if answer else ""
        title = (self.t(f"{q.id} 的证据", f"Evidence for {q.id}") if field == "evidence"
                 else self.t(f"{q.id} 的备注", f"Note on {q.id}"))

        def done(text: str | None) -> None:
            if text is None or text == old:
                return
            current = self.session.answer(q.id)
            value = None if current is None else current.value
            ev = text if field == "evidence" else (current.evidence if current else None)
            note = text if field == "note" else (current.note if current else None)
            if self._set(q.id, value, ev, note):
                self.notify(self.t("已保存", "saved"), timeout=1.5)
                self.refresh_all()

        from qmself.ui.tui.screens.textedit import TextEditScreen

        self.app.push_screen(TextEditScreen(title, old), done)

    # ---- moving

    def go(self, index: int) -> None:
        self.index = max(0, min(index, len(self.session.questions) - 1))
        self.refresh_all()

    def action_move(self, step: int) -> None:
        self.go(self.index + step)

    def action_unanswered(self) -> None:
        nxt = self.session.next_unanswered(self.index + 1)
        if nxt is None:
            self._say_all_answered()
        else:
            self.go(nxt)

    def action_jump(self) -> None:
        def picked(index: int | None) -> None:
            if index is not None:
                self.go(index)

        from qmself.ui.tui.screens.jump import JumpScreen

        self.app.push_screen(JumpScreen(self.session), picked)

    def action_scroll_pane(self, step: int) -> None:
        """Scroll the question pane a page down or up (what is below the fold: hints, cites)."""
        pane = self.query_one("#pane", VerticalScroll)
        if step > 0:
            pane.scroll_page_down(animate=False)
        else:
            pane.scroll_page_up(animate=False)

    def action_choices(self) -> None:
        q = self.question
        self.set_focus(self.query_one("#number" if q.type == "number" else "#choices"), scroll_visible=False)

    def action_review(self) -> None:
        from qmself.ui.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.session))

    def action_help(self) -> None:
        self.qapp.action_help()
