"""The review screen: errors shown and the app stays, the plan written in a worker, an empty review."""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path

import pytest
from textual.coordinate import Coordinate
from textual.widgets import DataTable, LoadingIndicator, Static

from qmself.session import Session
from qmself.storage.bundled import Catalog
from qmself.ui.tui.app import AssessApp
from qmself.ui.tui.screens.question import QuestionScreen
from qmself.ui.tui.screens.review import ReviewScreen
from tests.conftest import CONSUMER_MAKER, EXAMPLES
from tests.ui.test_tui import run_async


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()


def session_for(tmp_path: Path, catalog: Catalog, example: str = "small-manufacturer.yaml") -> Session:
    path = tmp_path / "c.yaml"
    shutil.copy(EXAMPLES / example, path)
    return Session.open(path, catalog)


def messages(app: AssessApp) -> list[str]:
    """The notifications as one line each (the app folds them to the toast's width: a fold between two
    narrow characters was a space)."""
    return [re.sub(r"(?<=[\x21-\x7e])\n(?=[\x21-\x7e])", " ", n.message).replace("\n", "")
            for n in app._notifications]


def text_of(app: AssessApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


@run_async
async def test_a_failing_plan_is_shown_and_the_app_stays(tmp_path: Path, catalog: Catalog,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    class LayoutError(Exception):
        pass

    def broken(self: Session, profile_id: str, lang: str, out: Path | None = None) -> Path:
        raise LayoutError("Flowable <Table> too large on page 3")

    monkeypatch.setattr(Session, "write_plan", broken)
    app = AssessApp(catalog, session=session_for(tmp_path, catalog))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)  # still running, still on the review
        assert "未能生成" in text_of(app, "#planinfo")
        assert any("LayoutError" in m and "too large" in m for m in messages(app))
        assert not app.screen.query_one("#planbusy", LoadingIndicator).display
        await pilot.press("escape")  # and the keys still work
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
    assert app.return_code in (None, 0)


@run_async
async def test_a_disk_error_while_answering_is_shown_and_the_app_stays(tmp_path: Path, catalog: Catalog,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    session = session_for(tmp_path, catalog)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    app = AssessApp(catalog, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(session._doc, "set_answer", full)
        first = app.screen.question.id  # type: ignore[attr-defined]
        await pilot.press("3")
        await pilot.pause()
        assert any("No space left" in m for m in messages(app))
        assert app.screen.question.id == first  # type: ignore[attr-defined]  # not moved on: not saved
        await pilot.press("enter")  # the same through the option list
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
    assert app.return_code in (None, 0)


@run_async
async def test_the_plan_is_written_in_a_worker_with_an_indicator_and_an_absolute_path(
        tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    real = Session.write_plan

    def slow(self: Session, profile_id: str, lang: str, out: Path | None = None) -> Path:
        assert release.wait(10)
        return real(self, profile_id, lang, out)

    monkeypatch.setattr(Session, "write_plan", slow)
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES / "small-manufacturer.yaml", tmp_path / "c.yaml")
    session = Session.open(Path("c.yaml"), catalog)  # a relative path, as typed on the command line
    app = AssessApp(catalog, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "p")
        await pilot.pause()
        assert app.screen.query_one("#planbusy", LoadingIndicator).display
        assert "正在生成" in text_of(app, "#planinfo")
        await pilot.press("l")  # the screen answers while the plan is written
        await pilot.pause()
        assert "Overall index" in text_of(app, "#summary")
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        info = text_of(app, "#planinfo")
        assert f"plan written to {tmp_path / 'c-plan.pdf'}" in info.replace("\n", "")
        assert (tmp_path / "c-plan.pdf").exists()
        assert not app.screen.query_one("#planbusy", LoadingIndicator).display


@run_async
async def test_a_review_with_no_answers_claims_no_progress(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "new.yaml"
    from qmself.model.answers import Company

    company = Company(name="测试", credit_code="91510100MA6C5T2K3G", sector="equipment", size="small")
    session = Session.create(path, catalog, company)
    app = AssessApp(catalog, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        summary = text_of(app, "#summary")
        assert "100.0%" not in summary and "目标完成度 —" in summary


@pytest.mark.parametrize("lang", ["zh", "en"])
@run_async
async def test_area_names_whole_and_the_column_kept_after_another_profile(tmp_path: Path, catalog: Catalog,
                                                                         lang: str) -> None:
    from textual.widgets import DataTable, Select

    app = AssessApp(catalog, session=session_for(tmp_path, catalog), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        table = app.screen.query_one("#areas", DataTable)

        def names() -> list[str]:
            return [str(table.get_cell_at((i, 0))).replace("\n  ", " ") for i in range(table.row_count)]

        q = catalog.questionnaire()
        assert names() == [f"{a.id} {a.title(lang)}" for a in q.areas]
        width = table.columns[table.ordered_columns[0].key].get_render_width(table)
        app.screen.query_one("#profile", Select).value = "statutory-baseline"
        await pilot.pause()
        assert table.columns[table.ordered_columns[0].key].get_render_width(table) == width
        assert names() == [f"{a.id} {a.title(lang)}" for a in q.areas]
        keys = str(app.screen.query_one("#keys", Static).render())
        assert keys.endswith("q 退出" if lang == "zh" else "q quit")
        legend = str(app.screen.query_one("#redlines", Static).render())
        assert ("差距" in legend and "优先" in legend) if lang == "zh" else ("Gap" in legend and "Prio" in legend)


@run_async
async def test_progress_over_part_of_the_areas_says_it_covers_only_those(tmp_path: Path, catalog: Catalog) -> None:
    """One area answered at its target: its 100 % must not read as the company's progress."""
    path = tmp_path / "part.yaml"
    from qmself.model.answers import Company

    company = Company(name="测试", credit_code="91510100MA6C5T2K3G", sector="equipment", size="small")
    session = Session.create(path, catalog, company)
    for question in session.questions:
        if question.area == "PEOPLE" and question.type == "maturity":
            session.set(question.id, 5)
    app = AssessApp(catalog, session=session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        summary = text_of(app, "#summary")
        assert "个领域未评" in summary
        assert "已评领域的目标完成度" in summary


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("example", "marks"), [
    ("small-manufacturer.yaml", {"gap", "prio"}),  # red lines met, targets missed
    ("food-producer.yaml", set()),  # red lines met, every target met
    ("consumer-maker.yaml", {"capped", "gap", "prio"}),  # a red line not met
])
@run_async
async def test_the_legend_explains_only_the_marks_the_table_uses(tmp_path: Path, catalog: Catalog, lang: str,
                                                                 example: str, marks: set[str]) -> None:
    path = tmp_path / "c.yaml"
    shutil.copy((CONSUMER_MAKER if example == "consumer-maker.yaml" else EXAMPLES / example), path)
    app = AssessApp(catalog, session=Session.open(path, catalog), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        legend = text_of(app, "#redlines").replace("\n", "")
        words = {"capped": ("红线未满足，领域等级封顶", "a red line is not met"),
                 "gap": ("差距 = 目标", "Gap = target"), "prio": ("优先 1 = 最先改进", "Prio 1 = improve first")}
        for mark, (zh, en) in words.items():
            assert ((zh if lang == "zh" else en) in legend) == (mark in marks), mark
        table = app.screen.query_one("#areas", DataTable)
        starred = any(str(table.get_cell_at(Coordinate(r, 2))).endswith("*") for r in range(table.row_count))
        assert starred == ("capped" in marks)


@pytest.mark.parametrize("lang", ["zh", "en"])
@run_async
async def test_where_the_plan_was_written_is_scrolled_into_view_at_80x24(tmp_path: Path, catalog: Catalog, lang: str,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def quick(self: Session, profile_id: str, lang: str, out: Path | None = None) -> Path:
        return self.path.with_name("c-plan.pdf")

    monkeypatch.setattr(Session, "write_plan", quick)
    app = AssessApp(catalog, session=session_for(tmp_path, catalog), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        info = app.screen.query_one("#planinfo", Static)
        assert "c-plan.pdf" in str(info.render())
        assert app.screen.query_one("#review").region.contains_region(info.region)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("example", ["small-manufacturer.yaml", "food-producer.yaml", "construction-firm.yaml"])
@run_async
async def test_every_column_of_the_area_table_is_on_screen(tmp_path: Path, catalog: Catalog, example: str, lang: str,
                                                           size: tuple[int, int]) -> None:
    """The table's columns fit beside its own scrollbar (at 80 columns in English 'Prio' was cut to 'Pri')."""
    app = AssessApp(catalog, session=session_for(tmp_path, catalog, example), lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one("#areas", DataTable)
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= table.scrollable_content_region.width
        shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert ("优先" if lang == "zh" else "Prio") in shown
