"""How the main screens look, in both languages, at 80x24 (pytest-textual-snapshot).

Update the SVG baselines with `pytest tests/ui/test_snapshots.py --snapshot-update`
after looking at them.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from qmself.session import Session
from qmself.storage.bundled import Catalog
from qmself.ui.tui.app import AssessApp
from tests.conftest import CONSUMER_MAKER


@pytest.fixture
def example(tmp_path: Path) -> Path:
    folder = tmp_path / "snap"
    folder.mkdir()
    path = folder / "client.yaml"
    shutil.copy(CONSUMER_MAKER, path)  # the example with an unmet red line
    text = path.read_text(encoding="utf-8").replace("  QMS-03:\n    value: 2\n", "  QMS-03:\n    value:\n")
    path.write_text(text, encoding="utf-8")
    return path


def app_for(path: Path | None, lang: str) -> AssessApp:
    catalog = Catalog()
    session = Session.open(path, catalog, lang) if path is not None and path.exists() else None
    return AssessApp(catalog, path=path, session=session, lang=lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_question_screen(snap_compare: Any, example: Path, lang: str) -> None:
    assert snap_compare(app_for(example, lang), terminal_size=(80, 24))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_review_screen(snap_compare: Any, example: Path, lang: str) -> None:
    assert snap_compare(app_for(example, lang), press=["r"], terminal_size=(80, 24))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_profile_form(snap_compare: Any, tmp_path: Path, lang: str) -> None:
    assert snap_compare(app_for(tmp_path / "new.yaml", lang), terminal_size=(80, 24))


def test_help_screen(snap_compare: Any, example: Path) -> None:
    assert snap_compare(app_for(example, "zh"), press=["question_mark"], terminal_size=(80, 24))
