"""The hostile-workbook corpus (tests/data/office/, made by make_corpus.py there): each file is
refused with one line naming the file and what is wrong, fast, in Chinese and English."""

from __future__ import annotations

import time

import pytest
from typer.testing import CliRunner

from qmself.cli import app
from tests.conftest import DATA

OFFICE = DATA / "office"
runner = CliRunner()

EXPECT = {  # file: (Chinese fragment, English fragment)
    "zip-bomb.xlsx": ("疑似 zip 炸弹", "zip bomb"),
    "huge-sheet.xlsx": ("过大", "too large"),
    "huge-dimension.xlsx": ("过大", "too large"),
    "external-links.xlsx": ("外部链接", "external links"),
    "macros.xlsm": ("宏", "macros"),
    "not-a-workbook.xlsx": ("不是 Excel 工作簿", "not an Excel workbook"),
    "old-xls.xlsx": ("旧版 .xls", "old .xls"),
    "truncated.xlsx": ("不是 Excel 工作簿", "not an Excel workbook"),
}


def test_the_corpus_is_what_the_test_expects() -> None:
    assert {p.name for p in OFFICE.iterdir() if p.suffix in (".xlsx", ".xlsm")} == set(EXPECT)


@pytest.mark.parametrize("name", sorted(EXPECT))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_refused_in_one_line(name: str, lang: str) -> None:
    start = time.perf_counter()
    r = runner.invoke(app, ["score", str(OFFICE / name), "--lang", lang])
    took = time.perf_counter() - start
    assert r.exit_code == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 2  # the count, then the file's one line
    assert name in lines[1] and EXPECT[name][0 if lang == "zh" else 1] in lines[1]
    assert "Traceback" not in r.stderr and "内部错误" not in r.stderr and "internal error" not in r.stderr
    assert took < 10  # bounded: nothing is inflated or parsed past the limits


def test_a_hostile_workbook_in_a_folder_does_not_stop_the_others(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from tests.conftest import EXAMPLES

    shutil.copy(OFFICE / "zip-bomb.xlsx", tmp_path / "a.xlsx")
    shutil.copy(EXAMPLES / "food-producer.yaml", tmp_path / "b.yaml")
    r = runner.invoke(app, ["score", str(tmp_path), "-f", "csv"])
    assert r.exit_code == 1
    assert "眉山市东坡区蜀乡坛食品有限公司" in r.stdout and "zip 炸弹" in r.stderr
