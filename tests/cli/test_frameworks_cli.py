"""`qmself score --framework` and `questionnaire show --framework` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from qmself.cjk import cell_width, offending_lines
from qmself.cli import app
from tests.conftest import CONSUMER_MAKER

runner = CliRunner()
EXAMPLES = Path(__file__).parents[2] / "examples"
FOOD = str(EXAMPLES / "food-producer.yaml")


def test_json_shape_other_tools_rely_on() -> None:
    r = runner.invoke(app, ["score", FOOD, "-f", "json", "--framework", "gbt19580", "--framework", "iso9004",
                            "--framework", "iso9001", "--lang", "en"])
    assert r.exit_code == 0, r.stderr
    fw = json.loads(r.stdout)["results"][0]["frameworks"]
    g = fw["gbt19580"]
    assert g["estimate"] is True and g["edition"] == "GB/T 19580-2012"
    assert [c["id"] for c in g["categories"]] == ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"]
    assert {"id", "title", "max_points", "points", "band", "coverage"} <= set(g["categories"][0])
    assert g["max_points"] == 1000
    assert abs(g["total_points"] - sum(c["points"] for c in g["categories"])) < 0.5
    assert g["points_verified"] is False  # only 4.1 is verified; the report must say so
    assert {"id", "title", "level", "coverage"} <= set(fw["iso9004"]["clauses"][0])
    assert [c["id"] for c in fw["iso9001"]["clauses"]] == ["4", "5", "6", "7", "8", "9", "10"]
    assert "9.2" in fw["iso9001"]["gaps"]  # no question asks about internal audit


def test_csv_has_one_column_per_category() -> None:
    r = runner.invoke(app, ["score", FOOD, str(EXAMPLES / "small-manufacturer.yaml"), "-f", "csv",
                            "--framework", "gbt19580"])
    assert r.exit_code in (0, 1), r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 2
    cats = [f"gbt19580_4.{i}" for i in range(1, 8)]
    for row in rows:
        assert all(row[c] != "" for c in cats)
        assert abs(sum(float(row[c]) for c in cats) - float(row["gbt19580_total"])) < 0.5
        assert row["gbt19580_unverified"] == "4.2;4.3;4.4;4.5;4.6;4.7;bands"  # only 4.1 is verified
    assert list(rows[0])[-1] == "error"


def test_table_labels_the_estimate_and_unverified_values() -> None:
    r = runner.invoke(app, ["score", FOOD, "--framework", "gbt19580"])
    assert r.exit_code == 0, r.stderr
    assert "由自评推算的估计" in r.stdout and "† 分值未能对照可引用的来源核实" in r.stdout
    lines = r.stdout.splitlines()
    assert max(cell_width(line) for line in lines) <= 80
    assert offending_lines(lines) == []


def test_show_framework_lists_the_mapping() -> None:
    r = runner.invoke(app, ["questionnaire", "show", "--framework", "gbt19580", "--area", "LEAD"])
    assert r.exit_code == 0, r.stderr
    assert "4.1.2 高层领导的作用 (50): LEAD-01" in r.stdout
    assert "4.7 结果" not in r.stdout  # no LEAD question maps onto the results
    r = runner.invoke(app, ["questionnaire", "show", "--framework", "iso9999"])
    assert r.exit_code == 2 and "iso9999" in r.stderr


def test_lint_covers_the_crosswalks() -> None:
    r = runner.invoke(app, ["questionnaire", "lint"])
    assert r.exit_code == 0, r.stderr
    assert "gbt19580-2012.yaml" in r.stdout and "iso9004-2018.yaml" in r.stdout and "iso9001-2015.yaml" in r.stdout


def test_plan_has_the_gbt19580_section_and_outline(tmp_path: Path) -> None:
    js, md = tmp_path / "p.json", tmp_path / "p.md"
    small = str(CONSUMER_MAKER)  # the example with an unmet red line
    assert runner.invoke(app, ["plan", small, "--framework", "gbt19580", "-o", str(js)]).exit_code == 0
    (fw,) = json.loads(js.read_text(encoding="utf-8"))["frameworks"]
    assert fw["framework"] == "gbt19580"
    assert fw["title"] == "对照卓越绩效评价准则"
    assert [row[0].split()[0] for row in fw["rows"][:7]] == [f"4.{i}" for i in range(1, 8)]
    assert any("ACT-RISK-01" in row[4] for row in fw["rows"])  # the red-line fix raises a category
    headings = [b["heading"] for b in fw["outline"]]
    assert headings[0] == "组织概述" and headings[1].startswith("4.1")
    assert any("绵阳市涪城精工机械有限公司" in x for x in fw["outline"][0]["bullets"])
    assert runner.invoke(app, ["plan", small, "--framework", "gbt19580", "-o", str(md), "--lang", "en"]).exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert "## Against the Criteria for Performance Excellence (GB/T 19580)" in text
    assert "#### Organizational profile" in text
    r = runner.invoke(app, ["plan", small, "--framework", "iso9999", "-o", str(tmp_path / "x.json")])
    assert r.exit_code == 2 and "iso9999" in r.stderr


def test_plan_has_iso_sections_in_the_order_asked(tmp_path: Path) -> None:
    js, md = tmp_path / "p.json", tmp_path / "p.md"
    small = str(EXAMPLES / "small-manufacturer.yaml")
    opts = ["--framework", "iso9001", "--framework", "iso9004", "--framework", "iso9001"]
    r = runner.invoke(app, ["plan", small, *opts, "-o", str(js)])
    assert r.exit_code == 0, r.stderr
    data = json.loads(js.read_text(encoding="utf-8"))
    assert [f["framework"] for f in data["frameworks"]] == ["iso9001", "iso9004"]  # repeats dropped, order kept
    iso9001, iso9004 = data["frameworks"]
    assert [row[0].split()[0] for row in iso9001["rows"]] == [str(i) for i in range(4, 11)]
    assert [row[0].split()[0] for row in iso9004["rows"]] == [str(i) for i in range(5, 12)]
    assert iso9001["outline"] == [] and len(iso9001["widths"]) == len(iso9001["header"]) == 5
    planned = {a["id"] for a in data["actions"]}
    raised = {x.strip() for row in iso9001["rows"] for x in row[4].split(",")} - {"—"}
    assert raised and raised <= planned  # only planned actions are named
    assert runner.invoke(app, ["plan", small, *opts, "-o", str(md), "--lang", "en"]).exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert "## Against ISO 9001" in text or "## Against GB/T 19001" in text
    assert text.count("## Against") == 2


def test_score_and_plan_estimate_the_same_questions(tmp_path: Path) -> None:
    """A B2B maker (consumer_sales: false): CUST-02/03 do not apply to it, so neither `score`
    nor `plan` counts them as unanswered - both read the company's facts."""
    small = str(EXAMPLES / "small-manufacturer.yaml")
    r = runner.invoke(app, ["score", small, "-f", "json", "--framework", "gbt19580"])
    assert r.exit_code == 0, r.stderr
    cats = json.loads(r.stdout)["results"][0]["frameworks"]["gbt19580"]["categories"]
    scored = {c["id"]: (c["points"], c["coverage"]) for c in cats}
    js = tmp_path / "p.json"
    assert runner.invoke(app, ["plan", small, "--framework", "gbt19580", "-o", str(js)]).exit_code == 0
    (fw,) = json.loads(js.read_text(encoding="utf-8"))["frameworks"]
    planned = {row[0].split()[0]: (float(row[1].split("/")[0]), int(row[3].rstrip("%")) / 100)
               for row in fw["rows"][:7]}
    assert scored["4.3"][1] == 1.0  # CUST-02/03 left blank by this firm are not held against 4.3
    for cid, (points, coverage) in scored.items():
        assert planned[cid][0] == points and abs(planned[cid][1] - coverage) < 0.006, cid
