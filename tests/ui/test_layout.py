"""What the question and review screens keep on screen at small sizes: the title bar's count and area,
the question's id and text."""

from __future__ import annotations

from pathlib import Path

import pytest

from qmself.model.answers import Company
from qmself.session import Session
from qmself.storage.bundled import Catalog
from qmself.ui.tui.app import AssessApp
from qmself.ui.tui.screens.question import QuestionScreen
from tests.ui.test_profile import screen_lines
from tests.ui.test_tui import CODE, run_async


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()


def long_named(tmp_path: Path, catalog: Catalog, name: str) -> Session:
    company = Company(name=name, credit_code=CODE, sector="construction", size="medium")
    return Session.create(tmp_path / "chengdu-jianye-construction-self-assessment.yaml", catalog, company)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [60, 80, 100])
@run_async
async def test_the_title_bar_keeps_the_count_and_area_at_any_width(tmp_path: Path, catalog: Catalog, lang: str,
                                                                   width: int) -> None:
    name = "成都建业建设工程有限公司" if lang == "zh" else "Chengdu Jianye Construction Co., Ltd."
    session = long_named(tmp_path, catalog, name)
    app = AssessApp(catalog, session=session, lang=lang)
    async with app.run_test(size=(width, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        total = len(session.questions)
        screen.go(total - 1)
        await pilot.pause()
        q = screen.question
        done, of = session.progress(q.area)
        tail = (f"第 {total}/{total} 题 · {q.area} {done}/{of}" if lang == "zh"
                else f"question {total} of {total} · {q.area} {done}/{of}")
        bar = screen_lines(app)[0].strip()
        assert bar.startswith("qmself · ") and bar.endswith(tail), bar
        if width < 100:
            assert "…" in bar  # the name and the file give way, never the count
        screen.action_review()
        await pilot.pause()
        bar = screen_lines(app)[0].strip()
        assert bar.endswith("评审" if lang == "zh" else "review"), bar


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@run_async
async def test_the_question_id_and_text_stay_on_screen_while_the_rest_scrolls(tmp_path: Path, catalog: Catalog,
                                                                              lang: str, size: tuple[int, int]) -> None:
    session = long_named(tmp_path, catalog, "成都建业建设工程有限公司")
    app = AssessApp(catalog, session=session, lang=lang)
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        q = screen.question  # the first question after launch

        def shown() -> str:
            return "\n".join(screen_lines(app))

        first_words = q.text(lang)[:8]
        assert f"{q.id} · " in shown() and first_words in shown()
        level_1 = "1 " + session.questionnaire.level_name(1, lang)
        for key in ("pagedown",) * 4 + ("pageup",) * 4:
            await pilot.press(key)
            await pilot.pause()
            assert f"{q.id} · " in shown() and first_words in shown(), key
            if key == "pagedown":
                assert level_1 not in shown()  # the levels did scroll away
        assert level_1 in shown()
