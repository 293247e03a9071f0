"""Answer workbooks written by other programs read back with the YAML file's answers and scores.

The fixtures in tests/data/office/resaved/ are made by tests/data/office/make_resaved.py
(LibreOffice saves two of them); each test first checks that its fixture really has the trait
it stands for.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from qmself.errors import QmselfError
from qmself.scoring import score
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_answer_file

OFFICE = Path(__file__).parents[1] / "data" / "office" / "resaved"
SOURCE = OFFICE / "source.yaml"
"""examples/food-producer.yaml as it was when the workbooks were made (make_resaved.py copies it)."""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog([])


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _sheets(parts: dict[str, bytes]) -> bytes:
    return b"".join(v for k, v in parts.items() if k.startswith("xl/worksheets/sheet"))


def test_libreoffice_resave_has_libreoffices_parts() -> None:
    parts = _parts(OFFICE / "resaved-libreoffice.xlsx")
    assert b"LibreOffice" in parts["docProps/app.xml"]
    assert b'inlineStr' not in _sheets(parts) and b"<si>" in parts["xl/sharedStrings.xml"]


def test_shared_strings_fixture_has_rich_text_and_phonetic_runs() -> None:
    parts = _parts(OFFICE / "shared-strings.xlsx")
    table = parts["xl/sharedStrings.xml"].decode()
    assert table.count("<rPh") > 100 and table.count("<r><rPr><b/>") > 100
    assert "ピン" in table  # the phonetic text must not reach any value


def test_typed_by_hand_fixture_has_text_numbers_booleans_and_a_text_date() -> None:
    wb = load_workbook(OFFICE / "typed-by-hand.xlsx")
    answers = [c for ws in wb.worksheets if ws["C1"].value == "answer" for c in ws["C"][3:]]
    assert sum(c.data_type == "s" and bool(re.fullmatch(r"[1-5]", str(c.value))) for c in answers) > 50
    assert any(c.value == "98.5" and c.data_type == "s" for c in answers)
    assert b't="b"' in _sheets(_parts(OFFICE / "typed-by-hand.xlsx"))  # LibreOffice: =TRUE() with a cached TRUE
    profile = wb.worksheets[1]
    values = {profile.cell(r, 1).value: profile.cell(r, 3).value for r in range(4, profile.max_row + 1)}
    assert values["assessment.date"] == "2026年9月18日"


@pytest.mark.parametrize("name", ["resaved-libreoffice.xlsx", "shared-strings.xlsx", "typed-by-hand.xlsx"])
def test_workbook_saved_elsewhere_scores_as_the_yaml(name: str, catalog: Catalog) -> None:
    a = load_answer_file(SOURCE, catalog.questionnaires)
    b = load_answer_file(OFFICE / name, catalog.questionnaires)
    assert b.answers.company == a.answers.company
    assert b.answers.assessment == a.answers.assessment
    assert b.answers.answers == a.answers.answers
    assert score(b.answers, b.questionnaire) == score(a.answers, a.questionnaire)


@pytest.mark.parametrize("typed", ["2026/9/18", "2026.09.18", "2026年9月18日", "２０２６－０９－１８", "2026-09-18"])
def test_assessment_date_typed_as_text(typed: str, tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "a.xlsx"
    wb = load_workbook(OFFICE / "resaved-libreoffice.xlsx")
    ws = wb.worksheets[1]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == "assessment.date")
    ws.cell(row, 3).value = typed
    wb.save(path)
    assert str(load_answer_file(path, catalog.questionnaires).answers.assessment.date) == "2026-09-18"
    ws.cell(row, 3).value = "2026/13/18"
    wb.save(path)
    with pytest.raises(QmselfError) as e:
        load_answer_file(path, catalog.questionnaires)
    assert f"!C{row}" in e.value.render("en") and "assessment.date" in e.value.render("en")
