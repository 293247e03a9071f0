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
from tests.conftest import EXAMPLES
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
