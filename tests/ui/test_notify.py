"""Notifications (Textual toasts) are folded by the Chinese line-breaking rule, not by Textual."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets._toast import Toast

from qmself.cjk import cell_width, offending_lines
from qmself.session import Session
from qmself.storage.bundled import Catalog
from qmself.ui.tui.app import AssessApp, toast_width
from tests.conftest import EXAMPLES, SMALL_SAMPLE_FOOD
from tests.ui.test_tui import run_async

# Textual cuts a line of CJK anywhere: at 80 columns (36 cells) this would start its second line with "，"
MESSAGE = "甲" * 18 + "，" + "乙" * 17 + "：" + "丙" * 5 + "（丁）。/tmp/a.yaml:12: answers.FOOD-06"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()


def toast_rows(app: AssessApp) -> list[list[str]]:
    """The text of every toast on the screen, row by row, as the terminal shows it."""
    strips = app.screen._compositor.render_strips()
    out = []
    for toast in app.screen.query(Toast):
        r = toast.content_region
        out.append([strips[y].crop(r.x, r.x + r.width).text.rstrip() for y in range(r.y, r.y + r.height)])
    return out


@pytest.mark.parametrize("width", [60, 80, 81, 99, 100, 121, 160, 200])
@run_async
async def test_a_toast_is_folded_to_its_width_by_the_cjk_rule(tmp_path: Path, catalog: Catalog, width: int) -> None:
    path = tmp_path / "f.yaml"
    shutil.copy(EXAMPLES / "food-producer.yaml", path)
    app = AssessApp(catalog, session=Session.open(path, catalog))
    async with app.run_test(size=(width, 30), notifications=True) as pilot:
        await pilot.pause()
        app.notify(MESSAGE, markup=False)
        await pilot.pause()
        await pilot.pause()
        toasts = app.screen.query(Toast)
        assert len(toasts) == 1 and toasts.first().content_region.width == toast_width(width)
        (rows,) = toast_rows(app)
        text = [row for row in rows if row.strip()]
        assert all(cell_width(row) <= toast_width(width) for row in text)
        assert offending_lines(text) == []
        assert "".join(row.strip() for row in text).replace(" ", "") == MESSAGE.replace(" ", "")


@pytest.mark.parametrize("lang", ["zh", "en"])
@run_async
async def test_start_up_notices_name_the_question_not_the_file_and_line(tmp_path: Path, catalog: Catalog,
                                                                        lang: str) -> None:
    path = tmp_path / "food.yaml"
    path.write_text(SMALL_SAMPLE_FOOD, encoding="utf-8")
    session = Session.open(path, catalog, lang)
    assert any(n.startswith(f"{path}:6: answers.FOOD-06: ") for n in session.notices)  # the plan's notes keep them
    app = AssessApp(catalog, session=session, lang=lang)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        shown = [n.message.replace("\n", "") for n in app._notifications]
        sample = next(n for n in shown if "FOOD-06" in n)
        assert sample.startswith("FOOD-06：" if lang == "zh" else "FOOD-06: ")
        assert ("输入数值后再填样本量" if lang == "zh" else "afterthenumber") in sample.replace(" ", "")
        assert not any("food.yaml" in n or "answers." in n for n in shown)
