"""`qmself plan`: the plan as PDF, Markdown and JSON, one file or a portfolio."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from qmself.cli import app
from tests.conftest import BROKEN, DATA, MINI_A, MINI_Q

runner = CliRunner()
PROFILE = """kind: benchmark
id: mini-target
version: "1.0"
questionnaire: mini
title: {zh: 测试目标, en: Test target}
summary: {zh: 测试, en: test}
rationale: {zh: 测试, en: test}
cites: [outline-2023 （二十）]
require_red_lines: true
targets:
  A: {level: 4, rationale: {zh: 理由, en: why}, cites: [outline-2023 （二十）]}
  B: {level: 4.5, rationale: {zh: 理由, en: why}, cites: [outline-2023 （二十）]}
"""
# the plan worked out by hand in tests/test_planning.py
# chosen by question: A-03 "no" (red line), A-02 at 2 below ACT-A-03's 4, B-01 at 3 below ACT-B-04's 5;
# ACT-A-02 (A-01 to 3) and ACT-F-01 (F-01 to 5) are not planned: A-01 stands at 4 and F-01 at 5
# ACT-B-03 (B-01 to 4) joins as the prerequisite of ACT-B-04: B-01 is not at 4 yet
PLANNED = ["ACT-A-RL", "ACT-A-03", "ACT-B-03", "ACT-B-04"]


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, list[str]]:
    answers = tmp_path / "client.yaml"
    answers.write_text(MINI_A.read_text(encoding="utf-8").replace("A-03: yes", "A-03: no"), encoding="utf-8")
    profile = tmp_path / "profile.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    opts = ["-q", str(MINI_Q), "--actions", str(DATA / "mini-actions.yaml"), "-b", str(profile)]
    return answers, opts


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


def text_of(pdf: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(pdf).pages)


def test_pdf_has_the_company_red_lines_actions_and_citations(setup: tuple[Path, list[str]]) -> None:
    answers, opts = setup
    out = answers.parent / "plan.pdf"
    code, stdout, err = run("plan", str(answers), *opts, "-o", str(out))
    assert code == 0, err
    assert str(out) in stdout
    reader = PdfReader(out)
    text = text_of(out)
    assert "测试食品有限公司" in text and "91510100MA6C5T2K3G" in text
    assert "A-03（未满足）" in text
    for action in PLANNED:
        assert f"{action} 措施 {action}" in text
    assert "action-plan-2022 （二十一）" in text  # every mini action cites it
    assert "ACT-B-01 " not in text  # not selected
    # ACT-A-02 lifts A-01 to 3, which A-01 (at 4) has: shown only as a prerequisite already in place
    assert "ACT-A-02 措施 ACT-A-02（已具备）" in text
    assert "ACT-A-02 措施 ACT-A-02\n" not in text
    assert 6 <= len(reader.pages) <= 15
    meta = reader.metadata
    assert meta is not None and meta.title == "质量改进计划 — 测试食品有限公司"
    assert meta.author == "张敏" and "测试目标" in (meta.subject or "")
    assert [o.title for o in reader.outline if not isinstance(o, list)][:5] == [
        "董事会摘要", "一、执行摘要", "二、领域得分与差距", "三、优势与改进机会", "四、法定红线"]
    assert re.search(r"第 3 页 / 共 \d+ 页", text)


def test_every_font_is_embedded(setup: tuple[Path, list[str]]) -> None:
    answers, opts = setup
    out = answers.parent / "plan.pdf"
    assert run("plan", str(answers), *opts, "-o", str(out))[0] == 0
    fonts = set()
    for page in PdfReader(out).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]  # an embedded TrueType program
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts == {"WenQuanYiMicroHei-0"}


def test_english_pdf(setup: tuple[Path, list[str]]) -> None:
    answers, opts = setup
    out = answers.parent / "plan-en.pdf"
    assert run("plan", str(answers), *opts, "-o", str(out), "--lang", "en")[0] == 0
    text = text_of(out)
    assert "Quality improvement plan" in text and "A-03 (NOT MET)" in text
    assert "Executive summary" in text and "Roadmap" in text
    for action in PLANNED:
        assert f"{action} Action {action}" in text


def test_markdown_and_json_carry_the_same_plan(setup: tuple[Path, list[str]]) -> None:
    answers, opts = setup
    md, js = answers.parent / "plan.md", answers.parent / "plan.json"
    assert run("plan", str(answers), *opts, "-o", str(md))[0] == 0
    assert run("plan", str(answers), *opts, "-o", str(js))[0] == 0
    data = json.loads(js.read_text(encoding="utf-8"))
    assert [a["id"] for a in data["actions"]] == PLANNED
    assert data["catalogue"] == "mini-actions 2.0" and data["questionnaire"] == "mini 2.0"
    assert data["red_lines"][0]["question"] == "A-03" and data["red_lines"][0]["actions"] == ["ACT-A-RL"]
    assert [p["id"] for p in data["phases"]] == [1, 2]
    # re-scored from the answers each phase lifts (red lines are gates, not points): phase 1 (months 0-12)
    # fixes A-03, A-02 -> 4 (A 75) and B-01 -> 98 (level 4, B 87.5) -> 79.2; phase 2 B-01 -> 99.5 -> 83.3
    assert data["overall_after_phase"] == [79.2, 83.3]
    assert all({"id", "start", "end"} <= set(p) for p in data["phases"])
    assert all({"id", "start", "end", "phase"} <= set(a) for a in data["actions"])
    text = md.read_text(encoding="utf-8")
    for action in PLANNED:
        assert f"### {action} 措施 {action}" in text
    assert "### A-03（未满足）" in text


def test_portfolio_goes_on_after_a_bad_file(setup: tuple[Path, list[str]], tmp_path: Path) -> None:
    answers, opts = setup
    second = tmp_path / "second.yaml"
    shutil.copy(answers, second)
    bad = tmp_path / "bad.yaml"
    shutil.copy(BROKEN / "duplicate-key.yaml", bad)
    out = tmp_path / "plans"
    code, _stdout, err = run("plan", str(answers), str(bad), str(second), *opts, "--out-dir", str(out), "-f", "md",
                            "--jobs", "2", "--lang", "en")
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["client-plan.md", "second-plan.md"]
    assert "1 of 3 plans failed" in err and "bad.yaml:16: answers.A-01: duplicate key" in err


def test_usage_errors(setup: tuple[Path, list[str]]) -> None:
    answers, opts = setup
    code, _, err = run("plan", str(answers), str(answers), *opts, "-o", "x.pdf", "--lang", "en")
    assert code == 2 and "use --out-dir" in err
    code, _, err = run("plan", str(answers), "-q", str(MINI_Q), "-b", "nope", "--lang", "en")
    assert code == 2 and "unknown benchmark profile 'nope'" in err


def test_writing_over_a_previous_plan_keeps_a_backup(setup: tuple[Path, list[str]]) -> None:
    answers, opts = setup
    out = answers.parent / "plan.md"
    assert run("plan", str(answers), *opts, "-o", str(out))[0] == 0
    first = out.read_bytes()
    assert run("plan", str(answers), *opts, "-o", str(out), "--lang", "en")[0] == 0
    assert (answers.parent / "plan.md.bak").read_bytes() == first
    assert out.read_bytes() != first
