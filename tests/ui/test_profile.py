"""The company-profile form: fields are never wiped by Tab, Esc asks first, errors are seen and go away."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static

from qmself.storage.bundled import Catalog
from qmself.ui.tui.app import AssessApp
from qmself.ui.tui.screens.confirm import ConfirmScreen
from qmself.ui.tui.screens.profile import ProfileScreen
from qmself.ui.tui.screens.question import QuestionScreen
from tests.ui.test_tui import CODE, run_async


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()


@run_async
async def test_tab_then_backspace_removes_one_character_not_the_field(tmp_path: Path, catalog: Catalog) -> None:
    app = AssessApp(catalog, path=tmp_path / "new.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        for ch in "Acme":
            await pilot.press(ch)
        await pilot.press("tab")
        for ch in CODE:
            await pilot.press(ch)
        await pilot.press("shift+tab", "backspace")  # back to the name: one character goes
        await pilot.press("tab", "backspace")  # on to the code: one character goes
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#name", Input).value == "Acm"
        assert screen.query_one("#code", Input).value == CODE[:-1]
        await pilot.press("shift+tab", "shift+tab")  # never onto the form's invisible container
        assert app.focused is not None and app.focused.id in ("name", "code", "start", "file", "assessor")


@run_async
async def test_escape_asks_before_leaving(tmp_path: Path, catalog: Catalog) -> None:
    app = AssessApp(catalog, path=tmp_path / "new.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("A", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert app.screen.query_one("#name", Input).value == "A"
        await pilot.press("escape", "y")
        await pilot.pause()
    assert app.return_code == 0 and not (tmp_path / "new.yaml").exists()


@pytest.mark.parametrize("lang", ["zh", "en"])
@run_async
async def test_errors_are_on_screen_after_ctrl_s_and_gone_after_the_fix(tmp_path: Path, catalog: Catalog,
                                                                       lang: str) -> None:
    app = AssessApp(catalog, path=tmp_path / "new.yaml", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        error = screen.query_one("#formerror", Static)
        form = screen.query_one("#form", VerticalScroll)

        async def shown() -> str:
            await pilot.pause()
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            text = str(error.render()).strip()
            if text:
                assert form.region.contains_region(error.region)  # in view, not below the screen
            return text

        await pilot.press("ctrl+s")
        assert await shown() and app.focused is screen.query_one("#name")
        await pilot.press("X")
        assert await shown() == ""  # the fix clears it
        screen.query_one("#code", Input).value = "91510100MA6C5T2K3X"
        await pilot.press("ctrl+s")
        message = await shown()
        assert ("'G'" in message) and app.focused is screen.query_one("#code")
        screen.query_one("#code", Input).value = CODE
        assert await shown() == ""
        await pilot.press("ctrl+s")
        assert await shown()  # sector and size missing
        screen.query_one("#sector", Select).value = "equipment"
        screen.query_one("#size", Select).value = "small"
        assert await shown() == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
