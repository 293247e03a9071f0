"""`qmself portfolio`: one PDF for a client list; its text checked, a bad file listed, not fatal."""

from __future__ import annotations

import shutil
from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner

from qmself.cli import app
from tests.conftest import BROKEN, CONSUMER_MAKER, EXAMPLES

runner = CliRunner()


def test_portfolio_pdf(tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    for name in ("food-producer", "construction-firm"):
        shutil.copy(EXAMPLES / f"{name}.yaml", folder / f"{name}.yaml")
    shutil.copy(CONSUMER_MAKER, folder / "small-manufacturer.yaml")  # with an unmet red line
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
    # companies in order of overall index, highest first: construction 61.1, food 53.9, manufacturer 24.0
    names = ("成都蓉锦建工集团有限公司", "眉山市东坡区蜀乡坛食品有限公司", "绵阳市涪城精工机械有限公司")
    order = [flat.index(c) for c in names]
    assert order == sorted(order)


def test_portfolio_names_each_benchmark_rounds_as_the_plan_and_shows_no_path(tmp_path: Path) -> None:
    folder = tmp_path / "clients-2026"
    folder.mkdir()
    for name in ("small-manufacturer", "construction-firm"):
        shutil.copy(EXAMPLES / f"{name}.yaml", folder / f"{name}.yaml")
    shutil.copy(BROKEN / "binary.yaml", folder / "zz-broken.yaml")
    out = tmp_path / "portfolio.pdf"
    runner.invoke(app, ["portfolio", str(folder), "-o", str(out), "--lang", "en"])
    pages = [p.extract_text() for p in PdfReader(out).pages]
    text = "\n".join(pages)
    assert "clients-2026" not in text and str(tmp_path) not in text  # file names only, never where they lie
    assert "zz-broken.yaml" in text
    # without --benchmark each company is measured against its size's profile, named on its page
    large = next(p for p in pages if "Overall index · level" in p and "成都蓉锦建工" in p)
    small = next(p for p in pages if "Overall index · level" in p and "绵阳市涪城" in p)
    assert "(standard-leader 1.0)" in large and "(sme-starter 1.0)" in small
    # the same figures as the company's plan: SUPPLY's level and gap to sme-starter's 2.5
    plan_md = tmp_path / "plan.md"
    runner.invoke(app, ["plan", str(folder / "small-manufacturer.yaml"), "-o", str(plan_md), "--lang", "en"])
    row = next(line for line in plan_md.read_text(encoding="utf-8").splitlines() if line.startswith("| SUPPLY "))
    level, gap = row.split(" | ")[2].split()[0], row.split(" | ")[4]
    assert f"SUPPLY Supply-chain quality {level} 2.5 {gap}" in small.replace("\n", " ")


def test_each_company_page_shows_the_plan_plan_makes(tmp_path: Path) -> None:
    # one pipeline: the portfolio's per-company plan line is the plan `qmself plan` writes
    import json

    folder = tmp_path / "clients"
    folder.mkdir()
    shutil.copy(EXAMPLES / "food-producer.yaml", folder / "food-producer.yaml")
    out = tmp_path / "portfolio.pdf"
    assert runner.invoke(app, ["portfolio", str(folder), "-o", str(out), "--lang", "en"]).exit_code == 0
    plan = tmp_path / "plan.json"
    r = runner.invoke(app, ["plan", str(folder / "food-producer.yaml"), "-o", str(plan), "--lang", "en"])
    assert r.exit_code == 0
    data = json.loads(plan.read_text(encoding="utf-8"))
    page = PdfReader(out).pages[-1].extract_text().replace("\n", "")
    n, months = len(data["actions"]), data["phases"][-1]["end_month"]
    assert f"Plan (toward standard-leader as a stretch target): {n} actions over {months} months" in page
    for a in data["actions"][:3]:
        assert a["id"] in page
