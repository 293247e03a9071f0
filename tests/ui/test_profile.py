"""The company-profile form: fields are never wiped by Tab, Esc asks first, errors are seen and go away."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, SelectionList, Static

from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_answer_file
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
        await shown()
        check = screen.query_one("#codecheck", Static)  # the code's own message line
        assert "'G'" in str(check.render()) and form.region.contains_region(check.region)
        assert app.focused is screen.query_one("#code")
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


def screen_lines(app: AssessApp) -> list[str]:
    """The screen as the terminal shows it, one string per row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


@pytest.mark.parametrize(("lang", "width", "height"), [("zh", 80, 24), ("en", 80, 24), ("zh", 100, 30)])
@pytest.mark.parametrize("field", ["sector", "size"])
@run_async
async def test_an_open_dropdown_shows_every_row_whole(tmp_path: Path, catalog: Catalog, field: str, lang: str,
                                                      width: int, height: int) -> None:
    app = AssessApp(catalog, path=tmp_path / "new.yaml", lang=lang)
    async with app.run_test(size=(width, height)) as pilot:
        select = app.screen.query_one(f"#{field}", Select)
        select.focus()
        await pilot.press("enter")
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        for prompt, _ in select._options:
            assert str(prompt) in shown, prompt


async def _choose_sector(pilot: Any, app: AssessApp, sector: str) -> None:
    app.screen.query_one("#sector", Select).value = sector
    await pilot.pause()
    await pilot.pause()


@run_async
async def test_the_facts_a_sector_depends_on_are_asked_and_saved(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "new.yaml"
    app = AssessApp(catalog, path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await _choose_sector(pilot, app, "equipment")
        assert {w.id for w in screen.query(".fact")} == {"consumer_sales"}
        await _choose_sector(pilot, app, "construction")
        assert {w.id for w in screen.query(".fact")} == {"consumer_sales", "construction_role"}
        await _choose_sector(pilot, app, "food")
        assert {w.id for w in screen.query(".fact")} == {"consumer_sales", "food_role"}
        labels = " ".join(str(x.render()) for x in screen.query("#facts Label"))
        assert "FOOD-05" in labels and "CUST-02" in labels  # what stating the fact decides
        screen.query_one("#name", Input).value = "眉山测试食品有限公司"
        screen.query_one("#code", Input).value = CODE
        screen.query_one("#size", Select).value = "small"
        screen.query_one("#consumer_sales", Select).value = "no"
        roles = screen.query_one("#food_role", SelectionList)
        roles.focus()
        await pilot.press("down", "down", "down", "space")  # retailer, with the keyboard alone
        await pilot.pause()
        assert list(roles.selected) == ["retailer"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        company = app.screen.session.company
        asked = {q.id for q in app.screen.session.questions}
    assert company.consumer_sales is False and company.food_role == "retailer"
    assert "CUST-02" not in asked and "FOOD-05" not in asked and "FOOD-01" in asked
    saved = load_answer_file(path, catalog.questionnaires).answers.company  # the file says so too
    assert saved.consumer_sales is False and saved.food_role == "retailer"


@run_async
async def test_facts_left_open_are_not_stated(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "new.yaml"
    app = AssessApp(catalog, path=path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await _choose_sector(pilot, app, "construction")
        screen.query_one("#name", Input).value = "Test Build Co"
        screen.query_one("#code", Input).value = CODE
        screen.query_one("#size", Select).value = "medium"
        roles = screen.query_one("#construction_role", SelectionList)
        roles.select("developer")
        roles.select("contractor")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        company = app.screen.session.company
    assert company.consumer_sales is None and company.construction_role == ["developer", "contractor"]


@pytest.mark.parametrize("sector", ["food", "construction"])
@run_async
async def test_tab_shows_every_field_whole_at_80x24(tmp_path: Path, catalog: Catalog, sector: str) -> None:
    app = AssessApp(catalog, path=tmp_path / "new.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await _choose_sector(pilot, app, sector)
        form = app.screen.query_one("#form", VerticalScroll)
        seen = []
        for _ in range(10):
            await pilot.press("tab")
            await pilot.pause()
            await pilot.pause()
            focused = app.focused
            assert focused is not None
            seen.append(focused.id)
            assert form.region.contains_region(focused.region), focused.id  # scrolled into view, not cut
        assert f"{sector}_role" in seen and "consumer_sales" in seen


@pytest.mark.parametrize(("lang", "width", "height"), [("en", 80, 24), ("zh", 80, 24), ("en", 100, 30)])
@run_async
async def test_a_failed_start_shows_the_field_in_error_with_its_message(tmp_path: Path, catalog: Catalog, lang: str,
                                                                       width: int, height: int) -> None:
    """Ctrl+S with a wrong code once the rest is filled in: what is typed next goes into a field on screen."""
    app = AssessApp(catalog, path=tmp_path / "new.yaml", lang=lang)
    async with app.run_test(size=(width, height)) as pilot:
        screen = app.screen
        await _choose_sector(pilot, app, "food")
        screen.query_one("#name", Input).value = "Acme"
        screen.query_one("#code", Input).value = "91510100MA6C5T2K3X"
        screen.query_one("#size", Select).value = "small"
        screen.query_one("#assessor", Input).focus()  # the form scrolled down to its end
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        code = screen.query_one("#code", Input)
        form = screen.query_one("#form", VerticalScroll)
        assert app.focused is code
        assert form.region.contains_region(code.region)
        message = screen.query_one("#codecheck", Static)  # the code's own message line, right below it
        assert "'G'" in str(message.render()) and form.region.contains_region(message.region)
        assert "'G'" in "\n".join(screen_lines(app))
        assert not screen.query_one("#formerror", Static).display  # said once, not twice


@run_async
async def test_escape_asks_from_every_field_and_only_closes_an_open_dropdown(tmp_path: Path, catalog: Catalog) -> None:
    app = AssessApp(catalog, path=None, lang="en")  # no file given: the form also asks where to save
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await _choose_sector(pilot, app, "construction")  # a yes/no fact and a list of roles to tick
        seen = set()
        for _ in range(12):  # round the form with Tab
            focused = app.focused
            assert focused is not None
            seen.add(type(focused).__name__)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen), focused.id
            await pilot.press("n")
            await pilot.pause()
            assert app.screen is screen and app.focused is focused  # back where it was
            await pilot.press("tab")
            await pilot.pause()
        assert {"Input", "Select", "SelectionList", "Button"} <= seen
        sector = screen.query_one("#sector", Select)
        sector.focus()
        await pilot.press("enter")  # the dropdown opens
        await pilot.pause()
        assert sector.expanded
        await pilot.press("escape")  # closes it, nothing more
        await pilot.pause()
        assert app.screen is screen and not sector.expanded and sector.value == "construction"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
