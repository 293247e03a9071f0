"""The Textual app driven with Pilot: the answer file on disk is checked after each step."""

from __future__ import annotations

import asyncio
import functools
import shutil
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Select, Static, TextArea

from qmself.errors import QmselfError
from qmself.session import Session
from qmself.storage.bundled import Catalog
from qmself.storage.edit import backups
from qmself.storage.loaders import load_answer_file
from qmself.ui.tui.app import AssessApp
from qmself.ui.tui.screens.question import QuestionScreen
from qmself.ui.tui.screens.review import ReviewScreen
from tests.conftest import CONSUMER_MAKER, EXAMPLES

CODE = "91510100MA6C5T2K3G"


def run_async(fn: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot scenario as a plain test (no asyncio plugin needed)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return wrapper


def on_disk(path: Path) -> dict[str, object]:
    loaded = load_answer_file(path, Catalog().questionnaires)
    return {k: a.value for k, a in loaded.answers.answers.items() if a.answered}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()


@run_async
async def test_new_assessment_from_the_profile_form(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "new.yaml"
    app = AssessApp(catalog, path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        screen.query_one("#name", Input).value = "成都测试机械有限公司"
        screen.query_one("#code", Input).value = "91510100MA6C5T2K3X"  # wrong check character
        await pilot.pause()
        assert "应为 'G'" in str(screen.query_one("#codecheck", Static).render())
        screen.query_one("#code", Input).value = CODE
        await pilot.pause()
        assert "代码有效" in str(screen.query_one("#codecheck", Static).render())
        screen.query_one("#sector", Select).value = "equipment"
        screen.query_one("#size", Select).value = "small"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert path.exists() and on_disk(path) == {}
        first = app.screen.question.id
        await pilot.press("3")
        await pilot.pause()
        assert on_disk(path) == {first: 3}
    text = path.read_text(encoding="utf-8")
    assert "# qmself 答卷" in text and "name: \"成都测试机械有限公司\"" in text
    assert "EQUIP-01:" in text and "FOOD-01:" not in text  # the equipment module applies, food does not


@run_async
async def test_answer_go_back_change_jump_and_resume(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "client.yaml"
    shutil.copy(CONSUMER_MAKER, path)
    # leave two questions open
    text = (path.read_text(encoding="utf-8")
            .replace("  QMS-03:\n    value: 2\n", "  QMS-03:\n    value:\n")
            .replace("  GREEN-02:\n    value: 2\n", "  GREEN-02:\n    value:\n"))
    path.write_text(text, encoding="utf-8")
    before = on_disk(path)
    assert "QMS-03" not in before and "GREEN-02" not in before
    app = AssessApp(catalog, session=Session.open(path, catalog))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.question.id == "QMS-03"  # resumes at the first unanswered question
        await pilot.press("4")
        await pilot.pause()
        assert on_disk(path)["QMS-03"] == 4
        kept = load_answer_file(path, catalog.questionnaires).answers.answers["QMS-03"]
        assert kept.evidence == "2025 年绵阳市质量管理诊断报告"  # evidence already in the file is kept
        assert screen.question.id == "QMS-04"  # moved on
        await pilot.press("left")
        await pilot.press("2")
        await pilot.pause()
        assert on_disk(path)["QMS-03"] == 2  # changed
        assert backups(path)  # the previous versions are kept
        await pilot.press("u")  # next unanswered
        await pilot.pause()
        assert screen.question.id == "GREEN-02"
        await pilot.press("slash")
        await pilot.pause()
        for ch in "RISK-03":
            await pilot.press(ch if ch != "-" else "minus")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.question.id == "RISK-03"
        # evidence typed in the editor and saved with Ctrl+S
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#editor", TextArea).text = "事故报告程序草案 QP-18"
        await pilot.press("ctrl+s")
        await pilot.pause()
        loaded = load_answer_file(path, catalog.questionnaires)
        assert loaded.answers.answers["RISK-03"].evidence == "事故报告程序草案 QP-18"
        assert loaded.answers.answers["RISK-03"].value is False  # the answer itself untouched
        await pilot.press("q")
    # resume: a new app starts at the one question still open
    app2 = AssessApp(catalog, session=Session.open(path, catalog))
    async with app2.run_test(size=(80, 24)) as pilot:
        assert app2.screen.question.id == "GREEN-02"  # type: ignore[attr-defined]
        await pilot.press("y")  # not a yes/no question: ignored
        await pilot.press("1")
        await pilot.pause()
    assert on_disk(path)["GREEN-02"] == 1
    # the person's comments survived every save
    comments = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip().startswith("#")]
    originals = [ln for ln in text.splitlines() if ln.strip().startswith("#")]
    assert comments == originals


@run_async
async def test_yes_no_and_na_keys(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "c.yaml"
    shutil.copy(EXAMPLES / "small-manufacturer.yaml", path)
    app = AssessApp(catalog, session=Session.open(path, catalog))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        screen.go(screen.session.index_of("RISK-03") or 0)
        await pilot.press("y")
        await pilot.pause()
        assert on_disk(path)["RISK-03"] is True
        screen.go(screen.session.index_of("LEAD-01") or 0)
        await pilot.press("0")  # n/a is not allowed for LEAD-01
        await pilot.pause()
        assert on_disk(path)["LEAD-01"] == 2
        screen.go(screen.session.index_of("TRACE-07") or 0)
        await pilot.press("0")
        await pilot.pause()
        assert on_disk(path)["TRACE-07"] == "n/a"


@run_async
async def test_review_scores_and_plan(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "c.yaml"
    shutil.copy(CONSUMER_MAKER, path)
    app = AssessApp(catalog, session=Session.open(path, catalog))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        summary = str(app.screen.query_one("#summary", Static).render())
        assert "总体指数 24.0/100" in summary  # 1.96: below the cap already, red lines add no points
        assert "RISK-03" in str(app.screen.query_one("#redlines", Static).render())
        app.screen.query_one("#profile", Select).value = "statutory-baseline"
        await pilot.pause()
        assert app.screen.profile_id == "statutory-baseline"
        await pilot.press("p")
        await app.workers.wait_for_complete()  # the plan is written in a worker
        await pilot.pause()
        assert (tmp_path / "c-plan.pdf").exists()
        assert "c-plan.pdf" in str(app.screen.query_one("#planinfo", Static).render())
        await pilot.press("l")
        await pilot.pause()
        assert "Overall index 24.0/100" in str(app.screen.query_one("#summary", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert "question" in str(app.screen.query_one("#topbar", Static).render())


@run_async
async def test_sidebar_jumps_to_an_area(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "c.yaml"
    shutil.copy(EXAMPLES / "food-producer.yaml", path)
    app = AssessApp(catalog, session=Session.open(path, catalog))
    async with app.run_test(size=(80, 24)) as pilot:
        side = app.screen.query_one("#sidebar", OptionList)
        side.focus()
        ids = [side.get_option_at_index(i).id for i in range(side.option_count)]
        side.highlighted = ids.index("BRAND")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.question.area == "BRAND"  # type: ignore[attr-defined]


def test_unreadable_file_is_refused_and_left_alone(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "bad.yaml"
    data = b"questionnaire: {id: qmself-core, version: '1.0'}\nanswers: {LEAD-01: 3, LEAD-01: 4}\n"
    path.write_bytes(data)
    with pytest.raises(QmselfError, match="duplicate key"):
        Session.open(path, catalog)
    assert path.read_bytes() == data
    assert not (tmp_path / "bad.yaml.bak").exists()


@run_async
async def test_number_question_after_a_jump(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "c.yaml"
    shutil.copy(EXAMPLES / "small-manufacturer.yaml", path)
    app = AssessApp(catalog, session=Session.open(path, catalog), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.focused is app.screen.query_one("#choices")  # keyboard users start on the answers
        await pilot.press("slash")
        for key in ("T", "R", "A", "C", "E", "minus", "0", "5", "enter"):
            await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        assert app.focused is app.screen.query_one("#number", Input)  # focus lands in the number field
        await pilot.press("ctrl+a", "ctrl+k", "7", "7", "enter")
        await pilot.pause()
        assert app.screen.question.id == "TRACE-06"  # type: ignore[attr-defined]
    assert on_disk(path)["TRACE-05"] == 77


@run_async
async def test_a_red_line_shows_its_legal_basis(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "c.yaml"
    shutil.copy(EXAMPLES / "small-manufacturer.yaml", path)
    app = AssessApp(catalog, session=Session.open(path, catalog))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        for key in ("R", "I", "S", "K", "minus", "1", "1", "enter"):
            await pilot.press(key)
        await pilot.pause()
        assert app.screen.question.id == "RISK-11"  # type: ignore[attr-defined]
        cites = str(app.screen.query_one("#qcites", Static).render()).replace("\n", "")
        assert "法律依据：《中华人民共和国产品质量法》第2条、第5条、第12条、" in cites
        await pilot.press("left")  # RISK-10's own basis, not RISK-11's
        await pilot.pause()
        cites = str(app.screen.query_one("#qcites", Static).render()).replace("\n", "")
        assert "《中华人民共和国标准化法》第2条、第25条" in cites and "认证证书" not in cites
