"""`qmself template` writes a fillable file; `qmself answer` edits it without losing comments."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from qmself.cli import app
from qmself.storage.edit import backups
from tests.conftest import MINI_Q

runner = CliRunner()
Q = ["-q", str(MINI_Q), "--lang", "en"]


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    p = tmp_path / "client.yaml"
    code, out, err = run("template", "--sector", "food", "--size", "small", "--questionnaire-id", "mini",
                         "--company", "成都测试食品有限公司", "-o", str(p), *Q)
    assert code == 0, err
    assert "5 questions" in out
    return p


def test_template_lists_applicable_questions_with_descriptors(blank: Path) -> None:
    text = blank.read_text(encoding="utf-8")
    assert "  F-01:" in text  # food module applies
    assert "  B-02:" not in text  # medium/large only
    assert "#   4 Improving: level four" in text
    assert "RED LINE" in text and "Cites: sichuan-plan-2023 三（三）" in text
    assert 'name: "成都测试食品有限公司"' in text


def test_template_refuses_to_overwrite(blank: Path) -> None:
    code, _, err = run("template", "--sector", "food", "--size", "small", "--questionnaire-id", "mini",
                       "-o", str(blank), *Q)
    assert code == 1 and "file exists; use --force" in err


def test_template_unknown_sector_is_a_usage_error() -> None:
    code, _, err = run("template", "--sector", "mining", "--size", "small", "--questionnaire-id", "mini", *Q)
    assert code == 2 and "unknown sector 'mining'" in err


def test_filled_template_scores(blank: Path) -> None:
    text = blank.read_text(encoding="utf-8").replace('credit_code: ""', "credit_code: 91510100MA6C5T2K3G")
    blank.write_text(text, encoding="utf-8")
    for qid, value in [("A-01", "4"), ("A-02", "2"), ("A-03", "yes"), ("B-01", "96"), ("F-01", "5")]:
        code, _, err = run("answer", str(blank), qid, value, *Q)
        assert code == 0, err
    code, out, err = run("score", str(blank), *Q)
    assert code == 0, err
    assert "Overall index 63.9/100" in out


def test_answer_keeps_comments_and_a_backup(blank: Path) -> None:
    before = blank.read_text(encoding="utf-8")
    code, _, err = run("answer", str(blank), "A-02", "3", "-e", "质量手册第 5 章", "-n", "待复核", *Q)
    assert code == 0, err
    after = blank.read_text(encoding="utf-8")
    (bak,) = backups(blank)
    assert bak.read_text(encoding="utf-8") == before
    # every comment line survives, in order
    assert [ln for ln in before.splitlines() if ln.strip().startswith("#")] == [
        ln for ln in after.splitlines() if ln.strip().startswith("#")
    ]
    assert "  A-02:\n    value: 3\n    evidence: 质量手册第 5 章\n    note: 待复核\n" in after


def test_answer_rejects_bad_values_and_leaves_the_file_alone(blank: Path) -> None:
    before = blank.read_bytes()
    for qid, value, fragment in [("A-01", "7", "whole number 1-5"), ("A-03", "3", "yes or no"),
                                 ("A-01", "n/a", "does not allow n/a"), ("ZZ-1", "3", "unknown question"),
                                 ("B-01", "often", "not 'often'")]:
        code, _, err = run("answer", str(blank), qid, value, *Q)
        assert code == 2 and fragment in err
    assert blank.read_bytes() == before


def test_answer_never_overwrites_an_unreadable_file(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_bytes(b"questionnaire: {id: mini}\n\xff\xfe garbage\n")
    code, _, err = run("answer", str(p), "A-01", "3", *Q)
    assert code == 1 and "not UTF-8" in err
    assert p.read_bytes() == b"questionnaire: {id: mini}\n\xff\xfe garbage\n"
    assert not (tmp_path / "bad.yaml.bak").exists()


def test_answer_keeps_evidence_and_note_unless_told(tmp_path: Path) -> None:
    src = Path(__file__).parents[2] / "examples" / "small-manufacturer.yaml"
    f = tmp_path / "a.yaml"
    f.write_bytes(src.read_bytes())
    before = src.read_text(encoding="utf-8").splitlines()
    r = runner.invoke(app, ["answer", str(f), "LEAD-02", "3"])
    assert r.exit_code == 0, r.stderr
    after = f.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("    value: 2", "    value: 3")]  # evidence and note untouched
    r = runner.invoke(app, ["answer", str(f), "LEAD-02", "3", "--clear-note", "--evidence", "新证据"])
    assert r.exit_code == 0, r.stderr
    text = f.read_text(encoding="utf-8")
    assert "新证据" in text and "考核中只有废品率一项质量指标" not in text
    r = runner.invoke(app, ["answer", str(f), "LEAD-02", "3", "--note", "x", "--clear-note"])
    assert r.exit_code == 2
