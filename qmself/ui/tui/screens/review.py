"""The review screen: scores, red lines, completeness, gaps against a profile; the PDF plan from here."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text as RichText
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, LoadingIndicator, Select, Static
from textual.worker import get_current_worker

from qmself.cjk import cell_width, fill, wrap
from qmself.model.benchmark import default_profile_id
from qmself.model.common import pick
from qmself.session import Session
from qmself.ui.tui.base import AppScreen, fit_keys, fit_title


class ReviewScreen(AppScreen[None]):
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
        self.writing = False

    def compose(self) -> ComposeResult:
        yield Static("", id="topbar", markup=False)
        with VerticalScroll(id="review"):
            yield Static("", id="summary", markup=False)
            lang = self.lang
            yield Select([(f"{p.title(lang)} ({p.id})", p.id) for p in self.session.catalog.profiles.values()],
                         id="profile", allow_blank=False, value=self.profile_id)
            yield DataTable(id="areas", cursor_type="row", zebra_stripes=True)
            yield Static("", id="redlines", markup=False)
            with Horizontal(id="planrow"):
                yield LoadingIndicator(id="planbusy")
                yield Static("", id="planinfo", classes="hint", markup=False)
        yield Static("", id="keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#planbusy", LoadingIndicator).display = False
        self.query_one("#review", VerticalScroll).can_focus = False  # Tab never lands on an invisible container
        self.refresh_all()

    def on_resize(self) -> None:
        self.refresh_all()

    def refresh_all(self) -> None:
        lang = self.lang
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
        self.query_one("#topbar", Static).update(fit_title("qmself", [s.company.name], pick(lang, "评审", "review"),
                                                           self.app.size.width - 2))
        self.query_one("#summary", Static).update(
            pick(lang, "总体指数 ", "Overall index ")
            + ("—" if result.overall_index is None else f"{result.overall_index:.1f}/100") + " · "
            + pick(lang, "等级 ", "level ") + lvl + (pick(lang, "（红线封顶）", " (capped)") if result.capped else "")
            + "\n" + pick(lang, "完整度 ", "Completeness ") + f"{result.completeness:.0%} ({result.answered}/{result.applicable})"
            + pick(lang, "，缺答不计入得分", "; missing answers left out of the score")
            + "\n" + self._progress_line(comparison.progress, comparison.met, comparison.targeted,
                                          len(comparison.not_assessed)))
        table = self.query_one("#areas", DataTable)
        table.clear(columns=True)
        width = self.app.size.width - 6  # the screen's padding and scrollbar, and the table's own scrollbar
        heads = [pick(lang, "得分", "Score"), pick(lang, "等级", "Level"), pick(lang, "目标", "Target"),
                 pick(lang, "差距", "Gap"), pick(lang, "优先", "Prio")]
        numbers = [6, 6, 6, 5, 4]
        # the area column takes what the numbers leave (fixed, so it never shrinks on a redraw); long
        # names fold by the CJK rule onto a second line of their row
        names = {a.id: f"{a.id} {q.area_by_id[a.id].title(lang)}" for a in result.areas}
        longest = max((cell_width(n) for n in names.values()), default=10)
        name_w = max(12, min(longest, width - sum(numbers) - 2 * (len(numbers) + 1)))
        table.add_column(pick(lang, "领域", "Area"), width=name_w, key="area")
        for head, w in zip(heads, numbers, strict=True):
            table.add_column(head, width=max(w, cell_width(head)))
        gaps = {g.area: g for g in comparison.areas}
        for a in result.areas:
            g = gaps.get(a.id)
            level = "—" if a.level is None else f"{a.level:.2f}" + ("*" if a.capped else "")
            name = wrap(names[a.id], name_w, "", "  ")
            table.add_row(
                RichText("\n".join(name)), "—" if a.score is None else f"{a.score:.1f}", level,
                "" if g is None else f"{g.target:g}",
                "" if g is None else ("✓" if g.met else ("—" if g.gap is None else f"{g.gap:.2f}")),
                "" if g is None or g.priority is None else str(g.priority),
                height=len(name),
            )
        text_w = width
        legend = [self.t(zh, en) for used, zh, en in (
            (any(a.capped for a in result.areas), "* 红线未满足，领域等级封顶", "* a red line is not met, the area's level is capped"),
            (any(g.gap is not None and not g.met for g in comparison.areas), "差距 = 目标 − 等级", "Gap = target − level"),
            (any(g.priority is not None for g in comparison.areas), "优先 1 = 最先改进", "Prio 1 = improve first"),
        ) if used]  # only what the table shows
        lines = [fill(self.t("；", "; ").join(legend), text_w)] if legend else []
        for f in result.red_lines:
            status = pick(lang, "✗ 未满足", "✗ NOT MET") if f.status == "unmet" else pick(lang, "? 未作答", "? not answered")
            lines.append(fill(f"{status} {f.question}: {q.question_by_id[f.question].text(lang)}", text_w))
        if not result.red_lines:
            lines.append(pick(lang, "红线：全部满足", "Red lines: all met"))
        self.query_one("#redlines", Static).update("\n".join(lines))
        t = self.t
        self.query_one("#keys", Static).update(fit_keys(
            [t("p 生成 PDF 改进计划", "p write the PDF plan"), t("Esc 返回答题", "Esc back to questions"),
             t("Tab 选择基准档案", "Tab choose a profile"), t("l English", "l 中文"), t("? 帮助", "? help"),
             t("q 退出", "q quit")], self.app.size.width - 2))

    def _progress_line(self, progress: float, met: int, targeted: int, not_assessed: int) -> str:
        """Progress to the profile's targets; nothing to measure when no area is assessed yet."""
        if targeted and not_assessed >= targeted:
            return self.t(f"目标完成度 —（尚无已评领域），达标 {met}/{targeted}",
                          f"Progress to target — (no area assessed yet), {met} of {targeted} met")
        if not_assessed:  # the figure covers the assessed areas only: say so before it
            return self.t(f"已评领域的目标完成度 {progress:.1f}%，达标 {met}/{targeted}，{not_assessed} 个领域未评",
                          f"Progress to target in the assessed areas {progress:.1f}%, {met} of {targeted} met, "
                          f"{not_assessed} areas not assessed")
        return self.t(f"目标完成度 {progress:.1f}%，达标 {met}/{targeted}",
                      f"Progress to target {progress:.1f}%, {met} of {targeted} met")

    @on(Select.Changed, "#profile")
    def _profile(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.profile_id:
            self.profile_id = event.value
            self.refresh_all()

    def action_plan(self) -> None:
        """Write the PDF plan in a worker thread: the screen stays live, an indicator shows it is busy."""
        if self.writing:
            self.notify(self.t("正在生成，请稍候", "already writing, please wait"), timeout=2)
            return
        self.writing = True
        self.query_one("#planbusy", LoadingIndicator).display = True
        self._info(self.t("正在生成 PDF 改进计划…", "writing the PDF plan…"))
        self._write_plan(self.profile_id, self.lang)

    @work(thread=True, exclusive=True, group="plan")
    def _write_plan(self, profile_id: str, lang: str) -> None:
        worker = get_current_worker()
        try:
            path = self.session.write_plan(profile_id, lang)
        except Exception as e:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._plan_done, None, e)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._plan_done, path.resolve(), None)

    def _plan_done(self, path: Path | None, error: BaseException | None) -> None:
        self.writing = False
        self.query_one("#planbusy", LoadingIndicator).display = False
        if path is None:
            self._info(self.t("未能生成改进计划（详见提示）", "the plan was not written (see the message)"))
            if error is not None:
                self.qapp.show_error(error)
            return
        text = self.t(f"改进计划已写入 {path}", f"plan written to {path}")
        self._info(text)
        self.notify(text, timeout=8, markup=False)

    def _info(self, text: str) -> None:
        """The plan's line under the table, scrolled into view (below the fold at 80x24)."""
        info = self.query_one("#planinfo", Static)
        info.update(text)
        self.call_after_refresh(info.scroll_visible, animate=False)

    def action_help(self) -> None:
        self.qapp.action_help()
