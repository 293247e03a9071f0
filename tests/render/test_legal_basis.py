"""Every report of an unmet red line names its legal basis: the law by title and article (and, where
the question binds only some companies, whom), in the plan (PDF, Markdown, JSON, Word and the board
page) and in `score` (terminal and JSON). The consumer maker's RISK-03 rests on 消费者权益保护法
第19条 and 食品安全法 第103条."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from typer.testing import CliRunner

from qmself.cjk import cell_width, offending_lines
from qmself.cli import app
from qmself.storage.bundled import Catalog
from tests.conftest import CONSUMER_MAKER

runner = CliRunner()
ZH = "法律依据：《中华人民共和国消费者权益保护法》第19条；《中华人民共和国食品安全法》第103条"
EN = ("Legal basis: Law of the People's Republic of China on the Protection of Consumer Rights and Interests, "
      "Art. 19; Food Safety Law of the People's Republic of China, Art. 103")


def plan(tmp_path: Path, name: str, *more: str) -> Path:
    out = tmp_path / name
    r = runner.invoke(app, ["plan", str(CONSUMER_MAKER), "-b", "sme-starter", "-o", str(out), *more])
    assert r.exit_code == 0, r.stderr
    return out


def test_the_question_words_its_basis_with_whom_it_binds() -> None:
    q = Catalog().questionnaire()
    assert q.question_by_id["RISK-03"].legal_basis_text("zh") == ZH.removeprefix("法律依据：")
    # CUST-02 binds only companies that sell to consumers (applies_if), and says so
    assert q.question_by_id["CUST-02"].legal_basis_text("zh") == (
        "《中华人民共和国产品质量法》第2条、第40条；《中华人民共和国消费者权益保护法》第24条、第25条"
        "（适用于：向消费者销售）")
    assert q.question_by_id["CUST-02"].legal_basis_text("en").endswith("Arts. 24, 25 (applies to: sells to consumers)")
    assert q.question_by_id["LEAD-01"].legal_basis_text("zh") == ""


def test_plan_markdown_and_json(tmp_path: Path) -> None:
    md = plan(tmp_path, "plan.md").read_text(encoding="utf-8")
    section = md[md.index("### RISK-03（未满足）"):]
    section = section[:section.index("\n## ")]
    assert f"- {ZH}\n" in section
    assert "- 政策依据：outline-2023 （二十七）" in section  # the policy citations, told apart from the law
    data = json.loads(plan(tmp_path, "plan.json").read_text(encoding="utf-8"))
    row = next(x for x in data["red_lines"] if x["question"] == "RISK-03")
    assert row["legal_basis"] == ["consumer-rights-law 第19条", "food-safety-law 第103条"]
    assert row["legal_basis_text"] == ZH.removeprefix("法律依据：")
    en = plan(tmp_path, "plan-en.md", "--lang", "en").read_text(encoding="utf-8")
    assert f"- {EN}\n" in en


def test_plan_pdf_red_line_section_and_board_page(tmp_path: Path) -> None:
    pages = [p.extract_text().replace("\n", "") for p in PdfReader(plan(tmp_path, "plan.pdf")).pages]
    found = [p for p in pages if "RISK-03（未满足）" in p]
    assert found and ZH in found[0]
    assert "（法律依据：《中华人民共和国消费者权益保护法》第19条；《中华人民共和国食品安全法》第103条）" in pages[1]


def test_plan_word(tmp_path: Path) -> None:
    paragraphs = [p.text for p in Document(str(plan(tmp_path, "plan.docx"))).paragraphs]
    at = paragraphs.index("RISK-03（未满足）")
    assert ZH in paragraphs[at:at + 6]
    en = [p.text for p in Document(str(plan(tmp_path, "plan-en.docx", "--lang", "en"))).paragraphs]
    assert EN in en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_score_terminal_and_json(lang: str) -> None:
    r = runner.invoke(app, ["score", str(CONSUMER_MAKER), "--lang", lang])
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    at = next(i for i, ln in enumerate(lines) if "RISK-03" in ln)
    block = lines[at + 2:at + 5]
    assert block[0].startswith("    法律依据：" if lang == "zh" else "    legal basis: ")
    flat = "".join(ln.strip() for ln in block) if lang == "zh" else " ".join(ln.strip() for ln in block)
    want = ZH if lang == "zh" else "legal basis: " + EN.removeprefix("Legal basis: ")
    assert flat.startswith(want)
    assert all(cell_width(ln) <= 80 for ln in lines) and offending_lines(lines) == []
    data = json.loads(runner.invoke(app, ["score", str(CONSUMER_MAKER), "-f", "json"]).stdout)
    row = data["results"][0]["red_lines"][0]
    assert row["question"] == "RISK-03"
    assert row["legal_basis"] == ["consumer-rights-law 第19条", "food-safety-law 第103条"]
    assert row["legal_basis_text"] == ZH.removeprefix("法律依据：")
