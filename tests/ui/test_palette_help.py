"""Ctrl+P offers qmself's own commands in the current language; the help states the rules."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.widgets import Static

from qmself.session import Session
from qmself.storage.bundled import Catalog
from qmself.ui.tui.app import AssessApp
from qmself.ui.tui.commands import QmselfCommands
from qmself.ui.tui.screens.help import HelpScreen
from qmself.ui.tui.screens.question import QuestionScreen
from tests.conftest import EXAMPLES
from tests.ui.test_tui import run_async


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()


def app_for(tmp_path: Path, catalog: Catalog, lang: str) -> AssessApp:
    path = tmp_path / "c.yaml"
    shutil.copy(EXAMPLES / "small-manufacturer.yaml", path)
    return AssessApp(catalog, session=Session.open(path, catalog), lang=lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
@run_async
async def test_the_palette_has_qmselfs_commands_in_the_language(tmp_path: Path, catalog: Catalog,
                                                                lang: str) -> None:
    app = app_for(tmp_path, catalog, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        assert {QmselfCommands} == AssessApp.COMMANDS  # not Textual's English defaults
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        for ch in "RISK-03":
            await pilot.press(ch if ch != "-" else "minus")
        for _ in range(20):  # the palette searches in the background
            await pilot.pause(0.1)
            if app.screen.query("CommandList Option"):
                break
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.question.id == "RISK-03"
        provider = QmselfCommands(screen)
        names = [name for name, _, _ in provider._commands()]
        assert any(("切换语言" if lang == "zh" else "Switch language") in n for n in names)
        assert any(n.startswith("前往领域 TRACE" if lang == "zh" else "Go to area TRACE") for n in names)
        go = next(run for name, run, _ in provider._commands()
                  if name.startswith(("前往领域 TRACE", "Go to area TRACE")))
        go()
        await pilot.pause()
        assert screen.question.area == "TRACE"


@pytest.mark.parametrize("lang", ["zh", "en"])
@run_async
async def test_help_states_the_level_rule_red_lines_weights_and_sizes(tmp_path: Path, catalog: Catalog,
                                                                     lang: str) -> None:
    app = app_for(tmp_path, catalog, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rules = str(app.screen.query_one("#rules", Static).render()).replace("\n", "" if lang == "zh" else " ")
        if lang == "zh":
            for part in ("计级规则：只有当某一级描述中的每一项要素都已做到", "外部认可", "红线", "权重", "规模"):
                assert part in rules
        else:
            for part in ("Level rule: A level counts only when every element", "Red lines", "Weights", "Size"):
                assert part in rules


def _rows(app: AssessApp) -> list[str]:
    return [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]


QUERIES = ["记录", "召回", "标准", "食品", "许可", "TRACE"]


def _food(tmp_path: Path, catalog: Catalog) -> AssessApp:
    path = tmp_path / "f.yaml"
    shutil.copy(EXAMPLES / "food-producer.yaml", path)
    return AssessApp(catalog, session=Session.open(path, catalog))


async def _typing(pilot: Any, key: str, queries: list[str]) -> Any:
    """Open the window behind `key`, then type each query (yielded once typed; erased after)."""
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()

    async def each() -> Any:
        for query in queries:
            await pilot.press(*query)
            await pilot.pause(0.3)
            yield query
            for _ in query:
                await pilot.press("backspace")

    return each()


@pytest.mark.parametrize("width", [60, 80, 90, 100, 110, 120, 160])
@run_async
async def test_palette_hits_are_one_line_each_by_the_cjk_rule(tmp_path: Path, catalog: Catalog, width: int) -> None:
    """Textual folds a long hit anywhere (a row starting with 、 or ？); each hit is one line, cut to fit."""
    from textual.command import CommandList

    from qmself.cjk import cell_width, offending_lines
    from qmself.ui.tui.commands import LIST_MARGIN

    app = _food(tmp_path, catalog)
    async with app.run_test(size=(width, 40)) as pilot:
        async for query in await _typing(pilot, "ctrl+p", QUERIES):
            listing = app.screen.query_one(CommandList)
            assert listing.scrollable_content_region.width - 4 >= width - LIST_MARGIN  # the text's room
            rows = _rows(app)
            ids = [f"{m} {x.id} " for m in "✓ " for x in app.session.questions]
            listed = rows[listing.region.y:listing.region.bottom]  # not the title bar, where a name gives way
            hits = [r for r in listed if "…" in r or any(i in r for i in ids)]
            assert hits, query
            assert offending_lines(rows, strip=" │|#▊▎▌") == [], query
            assert all(cell_width(r) <= width for r in rows)
            # a hit cut to fit ends with … and the next row is its help line, not the rest of its text
            for r in listed:
                if "…" in r:
                    assert cell_width(r.strip()) <= width - LIST_MARGIN + 2, r


@pytest.mark.parametrize("width", [60, 80, 100])
@run_async
async def test_search_results_are_one_line_each_by_the_cjk_rule(tmp_path: Path, catalog: Catalog, width: int) -> None:
    from textual.widgets import OptionList

    from qmself.cjk import cell_width, offending_lines
    from qmself.ui.tui.screens.jump import JumpScreen

    app = _food(tmp_path, catalog)
    async with app.run_test(size=(width, 30)) as pilot:
        async for query in await _typing(pilot, "/", ["质量", "食品", "记录"]):
            assert isinstance(app.screen, JumpScreen)
            results = app.screen.query_one("#results", OptionList)
            assert results.scrollable_content_region.width >= app.screen._width()  # measured, not guessed
            assert results.option_count
            prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
            assert all(cell_width(p) <= app.screen._width() and "\n" not in p for p in prompts)
            assert offending_lines(_rows(app), strip=" │|#▊▎▌┃") == [], query
