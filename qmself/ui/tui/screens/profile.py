"""The company-profile form of a new assessment: it decides which modules and questions apply."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from qmself.errors import QmselfError
from qmself.model.answers import Company
from qmself.model.common import SIZE_NAMES, SIZES
from qmself.model.creditcode import credit_code_problem
from qmself.session import Session
from qmself.ui.tui.base import AppScreen


class ProfileScreen(AppScreen[None]):
    """The company profile: it decides which sector modules and questions apply."""

    BINDINGS = [Binding("escape", "app.quit", "quit"), Binding("ctrl+s", "start", "start")]

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
            yield Input(id="name", placeholder=t("例如：成都某某机械有限公司", "e.g. 成都某某机械有限公司"))
            yield Label(t("统一社会信用代码（18 位）", "Unified social credit code (18 characters)"))
            yield Input(id="code", max_length=18, placeholder="91510100MA6C5T2K3G")
            yield Static("", id="codecheck")
            yield Label(t("行业（决定适用的行业模块）", "Sector (decides the sector module)"))
            yield Select([(s.name(lang), s.id) for s in q.sectors], id="sector", prompt=t("选择行业", "choose"))
            yield Label(t("规模", "Size"))
            yield Select([(SIZE_NAMES[s][0 if lang == "zh" else 1], s) for s in SIZES], id="size",
                         prompt=t("选择规模", "choose"))
            yield Label(t("地区（可选）", "Region (optional)"))
            yield Input(id="region")
            yield Label(t("评估人", "Assessor"))
            yield Input(id="assessor")
            if self.path is None:
                yield Label(t("保存为", "Save as"))
                yield Input(value="assessment.yaml", id="file")
            yield Static("", id="formerror", classes="bad")
            yield Button(t("开始答题（Ctrl+S）", "Start (Ctrl+S)"), id="start", variant="primary")
        yield Static(t("Tab 切换字段 · Ctrl+S 开始 · Esc 退出", "Tab next field · Ctrl+S start · Esc quit"), id="keys")

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
        label.update("✓ " + self.t("代码有效", "valid code") if problem is None
                     else "✗ " + self.t(*problem))

    @on(Button.Pressed, "#start")
    def _pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        error = self.query_one("#formerror", Static)
        values = {k: self.query_one(f"#{k}", Input).value.strip() for k in ("name", "code", "region", "assessor")}
        sector = self.query_one("#sector", Select).value
        size = self.query_one("#size", Select).value
        path = self.path or Path(self.query_one("#file", Input).value.strip() or "assessment.yaml")
        if not values["name"]:
            error.update(self.t("请填写企业名称", "Enter the company name"))
            return
        problem = credit_code_problem(values["code"].upper())
        if problem is not None:
            error.update(self.t(*problem))
            return
        if not isinstance(sector, str) or not isinstance(size, str):
            error.update(self.t("请选择行业和规模", "Choose a sector and a size"))
            return
        try:
            company = Company(name=values["name"], credit_code=values["code"], sector=sector, size=size,
                              region=values["region"] or None)
            session = Session.create(path, self.qapp.catalog, company, values["assessor"], lang=self.lang)
        except QmselfError as e:
            error.update(e.render(self.lang))
            return
        self.qapp.start(session)
