"""`score -f xlsx` and `portfolio -o FILE.xlsx`: the results workbook read back with openpyxl."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string
from typer.testing import CliRunner

from qmself.cli import app
from qmself.render.heat import BELOW_FILL, LEVEL_COLOURS
from tests.conftest import BROKEN, CONSUMER_MAKER, EXAMPLES

runner = CliRunner()
INJECTION = '=HYPERLINK("http://example.com","点击")'


@pytest.fixture(scope="module")
def clients(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three examples, the consumer maker (an unmet red line), a company whose name is a
    formula, and a broken file."""
    folder = tmp_path_factory.mktemp("clients")
    for name in ("construction-firm", "food-producer", "small-manufacturer"):
        shutil.copy(EXAMPLES / f"{name}.yaml", folder / f"{name}.yaml")
    shutil.copy(CONSUMER_MAKER, folder / "consumer-maker.yaml")
    text = (EXAMPLES / "food-producer.yaml").read_text(encoding="utf-8")
    found = re.search(r"^  name: (.*)$", text, re.M)
    assert found is not None
    (folder / "injected.yaml").write_text(text.replace(found.group(0), f"  name: '{INJECTION}'"), encoding="utf-8")
    shutil.copy(BROKEN / "binary.yaml", folder / "zz-broken.yaml")
    return folder


def _csv(args: list[str]) -> list[list[str]]:
    r = runner.invoke(app, ["score", *args, "-f", "csv"])
    return list(csv.reader(io.StringIO(r.stdout)))


def _sheet_values(ws: Any, first: int) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows(min_row=first, values_only=True)]


def _same(cell: Any, text: str) -> bool:
    """A workbook cell holds what the CSV cell says (numbers as numbers, the date as a date)."""
    if text == "":
        return cell is None
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() == text
    if isinstance(cell, bool):
        return str(cell) == text
    if isinstance(cell, (int, float)):
        return float(text) == cell
    return bool(cell == text or text == "'" + cell)  # the CSV quotes a formula-like text with '


@pytest.mark.parametrize("bench", [[], ["-b", "standard-leader"]], ids=["by-size", "standard-leader"])
def test_results_sheet_has_the_csv_columns_and_values(clients: Path, tmp_path: Path, bench: list[str]) -> None:
    out = tmp_path / "results.xlsx"
    r = runner.invoke(app, ["score", str(clients), *bench, "-f", "xlsx", "-o", str(out), "--lang", "en"])
    assert r.exit_code == 1, r.output  # the broken file
    assert f"wrote {out}: 5 files scored" in r.stdout and "1 of 6 files failed" in r.stderr
    rows = _csv([str(clients), *bench, "--lang", "en"])
    wb = load_workbook(out)
    assert wb.sheetnames == ["Results", "Heat map", "About"]
    ws = wb["Results"]
    got = _sheet_values(ws, 2)
    assert [c for c in got[0]] == rows[0]  # one column definition for both
    assert len(got) == len(rows) == 7
    for mine, theirs in zip(got[1:], rows[1:], strict=True):
        for key, cell, text in zip(rows[0], mine, theirs, strict=True):
            assert _same(cell, text), (key, cell, text)
    header = rows[0]
    food = next(r for r in got if r[0] == str(clients / "food-producer.yaml"))
    for key in ("overall_index", "overall_level", "completeness", "QMS_score", "QMS_level"):
        assert isinstance(food[header.index(key)], (int, float)), key  # numbers are numbers
    assert isinstance(food[header.index("assessment_date")], dt.datetime)
    assert ws.cell(3 + 1, header.index("overall_index") + 1).number_format == "0.0"
    assert ws.cell(3, header.index("completeness") + 1).number_format == "0%"
    broken = got[-1]
    assert broken[0] == str(clients / "zz-broken.yaml") and "binary file" in broken[-1]
    assert all(v is None for v in broken[1:-1])
    assert ws.freeze_panes == "B3"
    assert ws.auto_filter.ref == f"A2:{ws.cell(2, len(header)).column_letter}8"
    assert ws["A1"].value == "file" and ws["B1"].value == "company"  # the label row (English)
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$2"


def test_heat_map_rules_mark_exactly_the_levels_below_target(clients: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.xlsx"
    runner.invoke(app, ["score", str(clients), "-b", "standard-leader", "-f", "xlsx", "-o", str(out)])
    r = runner.invoke(app, ["score", str(clients), "-b", "standard-leader", "-f", "json"])
    results = {d["file"]: d for d in json.loads(r.stdout)["results"]}
    ws = load_workbook(out)["热力图"]
    assert ws.freeze_panes == "B3"
    assert ws.page_setup.orientation == "landscape" and (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == "$2:$2"
    heads = [ws.cell(2, c).value for c in range(1, ws.max_column + 1)]
    area_col = {h.split("\n")[0]: i + 1 for i, h in enumerate(heads) if h and "\n" in h}
    target_col = {h.split()[1]: i + 1 for i, h in enumerate(heads) if h and h.startswith("目标 ")}
    assert set(area_col) == set(target_col) and len(area_col) == 12
    first, last = min(area_col.values()), max(area_col.values())
    n = len(results)
    assert ws.auto_filter.ref == f"A2:{ws.cell(2, last).column_letter}{n + 2}"
    # the rules: one range over the levels; the first (red) compares each level with its target
    rules = [(str(rng.sqref), rule) for rng in ws.conditional_formatting for rule in rng.rules]
    assert {s for s, _ in rules} == {f"{ws.cell(3, first).coordinate}:{ws.cell(n + 2, last).coordinate}"}
    rules.sort(key=lambda x: x[1].priority)
    red = rules[0][1]
    assert red.stopIfTrue and red.dxf.fill.bgColor.rgb.endswith(BELOW_FILL.lstrip("#").upper())
    m = re.fullmatch(r"AND\(ISNUMBER\(([A-Z]+)3\),ISNUMBER\(([A-Z]+)3\),\1 ?3<\2 ?3\)", red.formula[0])
    assert m, red.formula
    level_col, tgt_col = column_index_from_string(m.group(1)), column_index_from_string(m.group(2))
    offset = tgt_col - level_col  # the rule is relative: each level against the cell `offset` to its right
    assert all(target_col[a] - area_col[a] == offset for a in area_col)
    shades = [rule.dxf.fill.bgColor.rgb[-6:] for _s, rule in rules[1:]]
    assert shades == [c.lstrip("#").upper() for c in LEVEL_COLOURS.values()]
    # evaluated on the written values, the red rule marks exactly the areas the JSON says miss their target
    reds = 0
    for row in range(3, n + 3):
        d = results[ws.cell(row, 2).value]
        assert ws.cell(row, 1).value == d["company"]["name"]
        gaps = {g["area"]: g for g in d["benchmark"]["gaps"]}
        for a, c in area_col.items():
            lv, tgt = ws.cell(row, c).value, ws.cell(row, c + offset).value
            assert tgt == gaps[a]["target"]
            below = isinstance(lv, (int, float)) and isinstance(tgt, (int, float)) and lv < tgt
            assert below == ((gaps[a]["gap"] or 0) > 0), (d["company"], a, lv, tgt)
            reds += below
    assert reds > 10  # the small firms miss most of standard-leader's targets


def test_heat_map_by_size_names_each_companys_benchmark(clients: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.xlsx"
    runner.invoke(app, ["score", str(clients), "-f", "xlsx", "-o", str(out), "--lang", "en"])
    ws = load_workbook(out)["Heat map"]
    profiles = {Path(ws.cell(r, 2).value).name: ws.cell(r, 3).value for r in range(3, ws.max_row + 1)}
    assert profiles["construction-firm.yaml"] == "standard-leader 1.0"
    assert profiles["small-manufacturer.yaml"] == "sme-starter 1.0"
    about = load_workbook(out)["About"]
    assert "by size" in about["A3"].value


def test_no_text_cell_becomes_a_formula(clients: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.xlsx"
    runner.invoke(app, ["score", str(clients), "-f", "xlsx", "-o", str(out)])
    with zipfile.ZipFile(out) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any(b"<f>" in s or b"<f " in s for s in sheets)
    wb = load_workbook(out)
    names = [r[1] for r in wb["结果"].iter_rows(min_row=3, values_only=True)]
    assert INJECTION in names
    assert INJECTION in [r[0] for r in wb["热力图"].iter_rows(min_row=3, values_only=True)]


def test_xlsx_needs_an_output_file(clients: Path) -> None:
    for lang, expect in (("zh", "xlsx 是二进制格式"), ("en", "xlsx is a binary format")):
        r = runner.invoke(app, ["score", str(clients), "-f", "xlsx", "--lang", lang])
        assert r.exit_code == 2 and r.stdout == ""
        assert len(r.stderr.strip().splitlines()) == 1 and expect in r.stderr


def test_an_input_workbook_is_never_overwritten(tmp_path: Path) -> None:
    src = tmp_path / "a.xlsx"
    r = runner.invoke(app, ["convert", str(EXAMPLES / "food-producer.yaml"), str(src)])
    assert r.exit_code == 0, r.output
    before = src.read_bytes()
    for args in (["score", str(src), "-f", "xlsx", "-o", str(src)], ["portfolio", str(src), "-o", str(src)]):
        r = runner.invoke(app, args)
        assert r.exit_code == 2 and src.read_bytes() == before, r.output


def test_portfolio_xlsx_is_the_results_workbook(clients: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "portfolio.xlsx", tmp_path / "results.xlsx"
    r = runner.invoke(app, ["portfolio", str(clients), "-o", str(a), "--lang", "en", "--jobs", "2"])
    assert r.exit_code == 1 and f"wrote {a}: 5 companies" in r.stdout and "1 of 6 files left out" in r.stderr
    runner.invoke(app, ["score", str(clients), "-f", "xlsx", "-o", str(b), "--lang", "en"])
    wa, wb = load_workbook(a), load_workbook(b)
    assert wa.sheetnames == wb.sheetnames
    for name in ("Results", "Heat map"):
        assert _sheet_values(wa[name], 1) == _sheet_values(wb[name], 1)
    assert not (tmp_path / "portfolio.pdf").exists()


def test_a_second_write_keeps_the_first_as_bak(clients: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.xlsx"
    for _ in range(2):
        runner.invoke(app, ["score", str(clients / "food-producer.yaml"), "-f", "xlsx", "-o", str(out)])
    assert load_workbook(out)["结果"]["B3"].value and (tmp_path / "results.xlsx.bak").exists()
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("command", ["score", "portfolio"])
def test_help_of_the_writing_commands_loads_no_openpyxl(command: str) -> None:
    import subprocess
    import sys

    code = (f"import sys; from qmself.cli import main; sys.argv = ['qmself', {command!r}, '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('openpyxl', 'qmself.office'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
