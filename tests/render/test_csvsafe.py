"""CSV cells a spreadsheet would take for formulas are neutralised (OWASP CSV injection); numbers stay numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qmself.cli import app
from qmself.render.csvsafe import SafeWriter, safe_cell
from tests.conftest import MINI_A, MINI_Q

FORMULAS = ['=HYPERLINK("http://evil.example","点我")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("cell", FORMULAS)
def test_formula_text_is_prefixed(cell: str) -> None:
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("value", [-3, -3.5, 0, 2.5, "-3.5", "+7", "1e-3", "测试食品有限公司", "a=b", "", None, True])
def test_numbers_and_plain_text_are_kept(value: object) -> None:
    assert safe_cell(value) == value


def test_every_text_cell_is_quoted() -> None:
    buf = io.StringIO()
    SafeWriter(buf).writerow(["a;=1+1", -1.5, 3, None, 'say "hi"'])
    assert buf.getvalue() == '"a;=1+1",-1.5,3,"","say ""hi"""\n'  # a ';' cannot start a new cell in a ';' locale


def test_score_csv_read_back(tmp_path: Path) -> None:
    text = MINI_A.read_text(encoding="utf-8")
    f = tmp_path / "a.yaml"
    f.write_text(text.replace("  name: 测试食品有限公司", f"  name: '{FORMULAS[0]}'")
                 .replace("  region: 四川省成都市", f"  region: \"{FORMULAS[1]}\"")
                 .replace("  assessor: 张敏", "  assessor: \"@SUM(1+1)\""), encoding="utf-8")
    out = tmp_path / "r.csv"
    res = CliRunner().invoke(app, ["score", str(f), "-q", str(MINI_Q), "-f", "csv", "-o", str(out)])
    assert res.exit_code == 0, res.output
    row = next(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert row["company"] == "'" + FORMULAS[0]
    assert row["region"] == "'" + FORMULAS[1]
    assert row["assessor"] == "'@SUM(1+1)"
    assert float(row["overall_index"]) > 0 and row["credit_code"] == "91510100MA6C5T2K3G"
    # no cell of the file starts with a formula character, whatever separator a spreadsheet splits on
    for sep in (",", ";"):
        cells = [c.strip('"') for line in out.read_text(encoding="utf-8-sig").splitlines() for c in line.split(sep)]
        assert not [c for c in cells if c and (c[0] in "=+@\t\r" or (c[0] == "-" and not c[1:2].isdigit()))]
