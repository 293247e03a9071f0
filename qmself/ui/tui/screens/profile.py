"""The company-profile form of a new assessment: it decides which modules and questions apply."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from qmself.errors import QmselfError
from qmself.model.answers import Company
from qmself.model.applicability import FACT_NAMES, ROLE_CHOICES, VALUE_NAMES
from qmself.model.common import SIZE_NAMES, SIZES
from qmself.model.creditcode import credit_code_problem
from qmself.session import Session
from qmself.ui.tui.base import AppScreen
from qmself.ui.tui.screens.confirm import ConfirmScreen


class ProfileScreen(AppScreen[None]):
    """The company profile: it decides which sector modules and questions apply."""

    BINDINGS = [Binding("escape", "leave", "quit"), Binding("ctrl+s", "start", "start")]

    def __init__(self, path: Path | None) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        t = self.t
        q = self.qapp.catalog.questionnaire()
        lang = self.lang
        yield Static(t("qmself · 新建自评 · 企业信息", "qmself · new assessment · company profile"), id="topbar")
        with VerticalScroll(id="form"):
            yield Label(t("企业名称", "Company name"))
            yield Input(id="name", select_on_focus=False, placeholder=t("例如：成都某某机械有限公司", "e.g. 成都某某机械有限公司"))
            yield Label(t("统一社会信用代码（18 位）", "Unified social credit code (18 characters)"))
            yield Input(id="code", max_length=18, select_on_focus=False, placeholder="91510100MA6C5T2K3G")
            yield Static("", id="codecheck")
            yield Label(t("行业（决定适用的行业模块）", "Sector (decides the sector module)"))
            yield Select([(s.name(lang), s.id) for s in q.sectors], id="sector", prompt=t("选择行业", "choose"))
            yield Label(t("规模", "Size"))
            yield Select([(SIZE_NAMES[s][0 if lang == "zh" else 1], s) for s in SIZES], id="size",
                         prompt=t("选择规模", "choose"))
            yield Vertical(id="facts")  # the facts the chosen sector's questions depend on
            yield Label(t("地区（可选）", "Region (optional)"))
            yield Input(id="region", select_on_focus=False)
            yield Label(t("评估人", "Assessor"))
            yield Input(id="assessor", select_on_focus=False)
            if self.path is None:
                yield Label(t("保存为", "Save as"))
                yield Input(value="assessment.yaml", id="file", select_on_focus=False)
            yield Static("", id="formerror", classes="bad", markup=False)
            yield Button(t("开始答题（Ctrl+S）", "Start (Ctrl+S)"), id="start", variant="primary")
        yield Static(t("Tab 切换字段 · Ctrl+S 开始 · Esc 退出", "Tab next field · Ctrl+S start · Esc quit"), id="keys")

    def on_mount(self) -> None:
        self.query_one("#form", VerticalScroll).can_focus = False  # Tab never lands on the invisible container
        self.set_focus(self.query_one("#name", Input), scroll_visible=False)
        self._show_error(self.query_one("#formerror", Static), "")

    def action_leave(self) -> None:
        """Esc asks first: nothing typed here is saved until the assessment starts."""
        def answered(yes: bool | None) -> None:
            if yes:
                self.app.exit()

        self.app.push_screen(ConfirmScreen(self.t("退出？此表尚未保存，填写的内容将丢失。",
                                                  "Quit? This form is not saved yet; what you typed is lost.")),
                             answered)

    def _error(self, text: str, field: str | None = None) -> None:
        """Show the problem where it is seen: the message right below the field it is about (the code's
        own check line for the code), that field focused, and both scrolled into view: what is typed next
        goes into a field on screen."""
        form = self.query_one("#form", VerticalScroll)
        error = self.query_one("#formerror", Static)
        if field == "code":
            message = self.query_one("#codecheck", Static)
            message.set_classes("bad")
            self._show_error(error, "")
        else:
            message = error
            if field is None:  # about the whole form (the file could not be written): above the button
                form.move_child(error, before=self.query_one("#start", Button))
            else:
                form.move_child(error, after=self.query_one(f"#{field}"))
        self._show_error(message, text)
        shown: list[Widget] = [message]
        if field is not None:
            widget = self.query_one(f"#{field}")
            self.set_focus(widget, scroll_visible=False)
            at = form.children.index(widget)
            label = form.children[at - 1] if at else None
            shown = [*([label] if isinstance(label, Label) else []), widget, message]  # its label too

        def scroll() -> None:
            form.scroll_to_region(Region.from_union([w.virtual_region_with_margin for w in shown]), animate=False,
                                  immediate=True)

        self.call_after_refresh(scroll)

    @staticmethod
    def _show_error(message: Static, text: str) -> None:
        message.update(text)
        message.display = bool(text)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _edited(self) -> None:
        self._show_error(self.query_one("#formerror", Static), "")  # a fix clears the old message

    @on(Select.Changed, "#sector")
    async def _sector(self, event: Select.Changed) -> None:
        """The facts that decide which of this sector's questions apply, asked only where they matter."""
        box = self.query_one("#facts", Vertical)
        await box.remove_children()
        sector = event.value
        if not isinstance(sector, str):
            return
        q = self.qapp.catalog.questionnaire()
        used = q.facts_used(sector)
        zh = self.lang == "zh"
        widgets: list[Label | Select[str] | SelectionList[str]] = []
        for fact in FACT_NAMES:
            if fact not in used:
                continue
            ids = "、".join(q.fact_questions(sector, fact)) if zh else ", ".join(q.fact_questions(sector, fact))
            name = FACT_NAMES[fact][0 if zh else 1]
            if fact in ROLE_CHOICES:
                widgets.append(Label(self.t(f"{name}（空格勾选，可多选；决定 {ids} 是否适用）",
                                            f"{name[0].upper() + name[1:]} (Space ticks, several allowed; "
                                            f"decides whether {ids} apply)")))
                widgets.append(SelectionList[str](*[(VALUE_NAMES[r][0 if zh else 1], r) for r in ROLE_CHOICES[fact]],
                                                  id=fact, classes="fact"))
            else:
                widgets.append(Label(self.t(f"{name}（决定 {ids} 是否适用）",
                                            f"{name[0].upper() + name[1:]}? (decides whether {ids} apply)")))
                widgets.append(Select([(self.t("是", "yes"), "yes"), (self.t("否", "no"), "no")], id=fact,
                                      classes="fact", prompt=self.t("未说明（相关题目照常提问）",
                                                                    "not stated (those questions are asked)")))
        await box.mount_all(widgets)

    def facts(self) -> dict[str, object]:
        """The facts given in the form (a fact left open is not stated)."""
        out: dict[str, object] = {}
        for w in self.query(".fact"):
            if isinstance(w, SelectionList):
                roles = [str(v) for v in w.selected]
                if roles:
                    out[str(w.id)] = roles
            elif isinstance(w, Select) and isinstance(w.value, str):
                out[str(w.id)] = w.value == "yes"
        return out

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
        label.update("✓ " + self.t("代码有效", "valid code") if problem is None
                     else "✗ " + self.t(*problem))

    @on(Button.Pressed, "#start")
    def _pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        values = {k: self.query_one(f"#{k}", Input).value.strip() for k in ("name", "code", "region", "assessor")}
        sector = self.query_one("#sector", Select).value
        size = self.query_one("#size", Select).value
        path = self.path or Path(self.query_one("#file", Input).value.strip() or "assessment.yaml")
        if not values["name"]:
            self._error(self.t("请填写企业名称", "Enter the company name"), "name")
            return
        problem = credit_code_problem(values["code"].upper())
        if problem is not None:
            self._error("✗ " + self.t(*problem), "code")
            return
        if not isinstance(sector, str) or not isinstance(size, str):
            self._error(self.t("请选择行业和规模", "Choose a sector and a size"),
                        "sector" if not isinstance(sector, str) else "size")
            return
        try:
            company = Company.model_validate({"name": values["name"], "credit_code": values["code"], "sector": sector,
                                              "size": size, "region": values["region"] or None, **self.facts()})
            session = Session.create(path, self.qapp.catalog, company, values["assessor"], lang=self.lang)
        except QmselfError as e:
            self._error(e.render(self.lang), None if self.path is not None else "file")
            return
        self.qapp.start(session)
