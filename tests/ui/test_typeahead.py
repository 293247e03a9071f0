"""Keys typed faster than the screen follows (a paste of keystrokes, a fast typist, a slow machine)
are handled in the order typed: each key's focus or screen change happens before the next key lands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from qmself.session import Session
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_answer_file
from qmself.ui.tui.app import AssessApp
from qmself.ui.tui.screens.question import QuestionScreen
from qmself.ui.tui.screens.textedit import TextEditScreen
from tests.conftest import EXAMPLES
from tests.ui.test_tui import CODE, run_async


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()


def burst(app: AssessApp, keys: list[str]) -> None:
    """Every key queued at once, as a terminal delivers keys typed within a few milliseconds."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def settle(pilot: object) -> None:
    for _ in range(3):
        await pilot.pause()  # type: ignore[attr-defined]


@run_async
async def test_name_tab_code_typed_at_once_fill_both_fields(tmp_path: Path, catalog: Catalog) -> None:
    app = AssessApp(catalog, path=tmp_path / "new.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, [*"Acme", "tab", *CODE, "shift+tab", "backspace"])
        await settle(pilot)
        assert app.screen.query_one("#name", Input).value == "Acm"
        assert app.screen.query_one("#code", Input).value == CODE


def food_session(tmp_path: Path, catalog: Catalog, *blank: str) -> Session:
    path = tmp_path / "f.yaml"
    shutil.copy(EXAMPLES / "food-producer.yaml", path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for qid in blank:  # the question's whole entry emptied (value, evidence, note, sample)
        at = next(i for i, line in enumerate(lines) if line.startswith(f"  {qid}:"))
        end = at + 1
        while end < len(lines) and lines[end].startswith("    "):
            end += 1
        lines[at:end] = [f"  {qid}:\n"]
    text = "".join(lines)
    path.write_text(text, encoding="utf-8")
    return Session.open(path, catalog)


@run_async
async def test_e_then_letters_type_into_the_editor_and_never_quit(tmp_path: Path, catalog: Catalog) -> None:
    session = food_session(tmp_path, catalog, "LEAD-01")
    app = AssessApp(catalog, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, ["e", "end", "q", "r", "ctrl+s", "3", "4"])
        await settle(pilot)
        assert isinstance(app.screen, QuestionScreen) and app.return_code is None
        answers = load_answer_file(session.path, catalog.questionnaires).answers.answers
        assert answers["LEAD-01"].value == 3 and answers["LEAD-01"].evidence.endswith("qr")
        assert answers["LEAD-02"].value == 4  # the next question took the next key


@run_async
async def test_a_rate_and_its_sample_typed_at_once(tmp_path: Path, catalog: Catalog) -> None:
    session = food_session(tmp_path, catalog, "SUPPLY-03")
    app = AssessApp(catalog, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.question.id == "SUPPLY-03"  # type: ignore[attr-defined]
        burst(app, ["9", "7", "enter", "6", "0", "enter", "o", "x", "ctrl+s"])
        await settle(pilot)
        answer = load_answer_file(session.path, catalog.questionnaires).answers.answers["SUPPLY-03"]
        assert (answer.value, answer.sample) == (97, 60)
        assert not isinstance(app.screen, TextEditScreen)
        following = app.screen.question.id  # type: ignore[attr-defined]
        assert load_answer_file(session.path, catalog.questionnaires).answers.answers[following].note == "x"


@pytest.mark.parametrize(("key", "field"), [("e", "evidence"), ("o", "note")])
@run_async
async def test_e_and_o_open_the_editors_on_a_number_question(tmp_path: Path, catalog: Catalog, key: str,
                                                             field: str) -> None:
    session = food_session(tmp_path, catalog, "SUPPLY-03")
    app = AssessApp(catalog, session=session, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("9", "8", key)  # the field keeps the number, the letter is the screen's
        await pilot.pause()
        assert isinstance(app.screen, TextEditScreen)
        assert app.screen.title_text.startswith("Evidence for" if field == "evidence" else "Note on")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#number", Input).value == "98"


@run_async
async def test_the_queue_looks_as_the_key_order_fix_expects(tmp_path: Path, catalog: Catalog) -> None:
    """The fix reads Textual's private message queue: on the Textual installed it is there (if a new Textual
    changes it, this fails and the keys fall back to Textual's own handling, as the next test shows)."""
    from qmself.ui.tui.app import _typeahead

    app = AssessApp(catalog, session=food_session(tmp_path, catalog, "LEAD-01"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _typeahead(app)


@run_async
async def test_without_that_queue_keys_still_work(tmp_path: Path, catalog: Catalog,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import qmself.ui.tui.app as tui_app

    monkeypatch.setattr(tui_app, "_typeahead", lambda app: False)
    session = food_session(tmp_path, catalog, "LEAD-01", "LEAD-02")
    app = AssessApp(catalog, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("4")
        await settle(pilot)
        answers = load_answer_file(session.path, catalog.questionnaires).answers.answers
        assert answers["LEAD-01"].value == 3 and answers["LEAD-02"].value == 4
        assert isinstance(app.screen, QuestionScreen) and app.return_code is None
