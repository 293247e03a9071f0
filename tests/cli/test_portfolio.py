"""`qmself portfolio`: one PDF for a client list; its text checked, a bad file listed, not fatal."""

from __future__ import annotations

import shutil
from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner

from qmself.cli import app
from tests.conftest import BROKEN, EXAMPLES

runner = CliRunner()


def test_portfolio_pdf(tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    for name in ("small-manufacturer", "food-producer", "construction-firm"):
        shutil.copy(EXAMPLES / f"{name}.yaml", folder / f"{name}.yaml")
    shutil.copy(BROKEN / "binary.yaml", folder / "zz-broken.yaml")
    out = tmp_path / "portfolio.pdf"
    r = runner.invoke(app, ["portfolio", str(folder), "-o", str(out), "--lang", "en", "--jobs", "2"])
    assert r.exit_code == 1  # one file left out
    assert "wrote" in r.stdout and "1 of 4 files left out" in r.stderr and "binary file" in r.stderr
    reader = PdfReader(out)
    text = "\n".join(p.extract_text() for p in reader.pages)
    flat = text.replace("\n", "")  # names wrap inside the heat-map cells
    for company in ("绵阳市涪城精工机械有限公司", "眉山市东坡区蜀乡坛食品有限公司", "成都蓉锦建工集团有限公司"):
        assert flat.count(company) >= 2  # in the heat map and on its own page
    assert "Heat map" in text and "Distribution of overall levels" in text
    assert "RISK-03" in text and "1 / 3" in text  # the manufacturer's red line, one company of three
    assert "Files left out" in text and "zz-broken.yaml" in text
    assert len(reader.pages) == 1 + 2 + 3 + 1  # cover, overview pages, a page per company, left-out files
    # companies in order of overall index, highest first: construction 65.5, food 57.3, manufacturer 27.5
    names = ("成都蓉锦建工集团有限公司", "眉山市东坡区蜀乡坛食品有限公司", "绵阳市涪城精工机械有限公司")
    order = [flat.index(c) for c in names]
    assert order == sorted(order)
