"""`qmself score` and `qmself validate` as a user runs them (CliRunner)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qmself.cli import app
from tests.conftest import BROKEN, MINI_A, MINI_Q

runner = CliRunner()
Q = ["-q", str(MINI_Q)]


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_single_file_table_in_chinese_fits_80_columns() -> None:
    from qmself.render.text import width

    code, out, err = run("score", str(MINI_A), *Q)
    assert code == 0, err
    assert "总体指数 63.9/100" in out and "3 系统 (3.56)" in out
    assert "A 甲领域" in out and "58.3" in out
    assert "红线：全部满足" in out
    assert max(width(line) for line in out.splitlines()) <= 80


def test_single_file_table_in_english() -> None:
    code, out, _ = run("score", str(MINI_A), *Q, "--lang", "en")
    assert code == 0
    assert "Overall index 63.9/100" in out and "3 Systematic (3.56)" in out
    assert "Completeness 100% (5/5)" in out


def test_json_has_what_a_script_needs() -> None:
    code, out, _ = run("score", str(MINI_A), *Q, "-f", "json")
    assert code == 0
    doc = json.loads(out)
    (r,) = doc["results"]
    assert r["company"]["name"] == "测试食品有限公司"
    assert r["overall"] == {"index": 63.9, "level": 3.56, "whole_level": 3, "level_name": "系统", "capped": False}
    assert r["completeness"]["share"] == 1.0
    assert [(a["id"], a["score"], a["whole_level"]) for a in r["areas"]] == [("A", 58.3, 3), ("B", 75.0, 4)]
    assert r["red_lines"] == []
    assert doc["failures"] == [] and doc["counts"] == {"files": 1, "scored": 1, "failed": 0}


def test_batch_with_bad_files_scores_the_rest_and_lists_every_failure() -> None:
    files = [str(MINI_A), str(BROKEN / "duplicate-key.yaml"), str(BROKEN / "empty.yaml"), str(MINI_A)]
    code, out, err = run("score", *files, *Q, "-f", "json", "--lang", "en")
    assert code == 1
    doc = json.loads(out)
    assert len(doc["results"]) == 2
    assert doc["counts"] == {"files": 4, "scored": 2, "failed": 2}
    assert "2 of 4 files failed" in err
    assert "duplicate-key.yaml:16: answers.A-01: duplicate key" in err
    assert "empty.yaml: file is empty" in err
    assert "Traceback" not in err


def test_csv_has_one_row_per_file(tmp_path: Path) -> None:
    bad = str(BROKEN / "binary.yaml")
    code, out, _ = run("score", str(MINI_A), bad, *Q, "-f", "csv", "-b", str(tmp_path / "p.yaml"))
    assert code == 2  # the profile file does not exist: a usage problem, reported before any work
    code, out, _ = run("score", str(MINI_A), bad, *Q, "-f", "csv", "--lang", "en")
    assert code == 1
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["file"] for r in rows] == [str(MINI_A), bad]
    assert rows[0]["overall_index"] == "63.9" and rows[0]["A_level"] == "3.33" and rows[0]["error"] == ""
    assert "binary file" in rows[1]["error"]


def test_csv_to_a_file_gets_a_bom_for_spreadsheets(tmp_path: Path) -> None:
    out = tmp_path / "portfolio.csv"
    code, _, _ = run("score", str(MINI_A), *Q, "-f", "csv", "-o", str(out))
    assert code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_yaml_output() -> None:
    from ruamel.yaml import YAML

    code, out, _ = run("score", str(MINI_A), *Q, "-f", "yaml")
    assert code == 0
    doc = YAML(typ="safe").load(out)
    assert doc["results"][0]["overall"]["index"] == 63.9
    assert doc["counts"]["failed"] == 0


def test_jobs_give_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    files = []
    for i in range(6):
        p = tmp_path / f"c{i}.yaml"
        text = MINI_A.read_text(encoding="utf-8").replace("A-01: 4 ", f"A-01: {1 + i % 5} ")
        p.write_text(text, encoding="utf-8")
        files.append(str(p))
    files.insert(3, str(BROKEN / "alias-bomb.yaml"))
    one = run("score", *files, *Q, "-f", "csv", "--jobs", "1")
    two = run("score", *files, *Q, "-f", "csv", "--jobs", "2")
    assert one[0] == two[0] == 1
    assert one[1] == two[1]
    # A = (2 x (l-1)/4 + .25) / 3 for A-01 = l
    assert [r["A_score"] for r in csv.DictReader(io.StringIO(two[1]))][:3] == ["8.3", "25.0", "41.7"]


def test_folder_arguments_are_searched(tmp_path: Path) -> None:
    shutil.copy(MINI_A, tmp_path / "one.yaml")
    shutil.copy(MINI_A, tmp_path / "two.yml")
    (tmp_path / "notes.txt").write_text("not an answer file")
    code, out, _ = run("score", str(tmp_path), *Q)
    assert code == 0
    assert out.count("测试食品有限公司") == 2  # summary table: one line per file


def test_missing_answers_option() -> None:
    code, out, _ = run("score", str(BROKEN.parent / "mini-answers.yaml"), *Q, "--missing", "lowest", "--lang", "en")
    assert code == 0 and "missing answers counted as level 1" in out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["score", str(MINI_A), "-b", "no-such-profile"], "unknown benchmark profile 'no-such-profile'"),
        (["score", str(MINI_A), "--format", "xml"], "xml"),
        (["score"], "Missing argument"),
    ],
)
def test_usage_errors_exit_2(args: list[str], fragment: str) -> None:
    code, _, err = run(*args, *Q, "--lang", "en")
    assert code == 2
    assert fragment in err
    assert "Traceback" not in err


def test_validate_lists_every_problem() -> None:
    code, out, err = run("validate", str(MINI_A), str(BROKEN / "yesno-given-level.yaml"), *Q, "--lang", "en")
    assert code == 1
    assert "valid, 5 of 5 questions answered" in out
    assert "yesno-given-level.yaml:19: answers.A-03.value: answer yes or no here" in err
    assert "1 of 2 files have errors" in err


def test_validate_reports_notices_for_older_answers(tmp_path: Path) -> None:
    p = tmp_path / "old.yaml"
    p.write_text(MINI_A.read_text(encoding="utf-8").replace('version: "2.0"', 'version: "1.0"')
                 .replace("F-01: 5", "A-09: 3"), encoding="utf-8")
    code, _out, err = run("validate", str(p), *Q, "--lang", "en")
    assert code == 0, err
    assert "no longer in questionnaire version 2.0" in err and "merged into A-01" in err
