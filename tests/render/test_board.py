"""The board page, right after the cover."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from qmself.cli import app
from tests.conftest import CONSUMER_MAKER, EXAMPLES

runner = CliRunner()


def test_board_page_follows_the_cover(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    r = runner.invoke(app, ["plan", str(CONSUMER_MAKER), "-b", "sme-starter", "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    pages = [p.extract_text() for p in PdfReader(out).pages]
    board = pages[1]
    assert "董事会摘要" in board and "董事会摘要" not in pages[0]
    flat = board.replace("\n", "")
    # standing with its red line, strengths and priorities, effort, decisions, approval, document number
    assert "1.96 初始" in flat and "24.0 / 100" in flat and "RISK-03" in flat
    assert "三项主要优势" in flat and "三项优先改进" in flat and "RISK 质量安全、风险与合规" in flat
    assert "人月" in flat and "个月" in flat
    assert "提请董事会决定" in flat and "1. 批准本改进计划" in flat
    for step in ("编制", "审核", "批准", "姓名", "签字", "日期"):
        assert step in board
    assert "文件编号：QP-" in flat and "第 1 版" in flat
    # the board's figures are the report's: the same index as the executive summary
    assert "24.0 / 100" in "".join(pages[2:5]).replace("\n", "")


def test_board_page_in_english(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    runner.invoke(app, ["plan", str(EXAMPLES / "construction-firm.yaml"), "--lang", "en", "-o", str(out)])
    board = PdfReader(out).pages[1].extract_text()
    for text in ("Board summary", "Decisions asked of the board", "Prepared by", "Reviewed by", "Approved by",
                 "every statutory red line is met"):
        assert text in board.replace("\n", " ")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("example", ["food-producer.yaml", "small-manufacturer.yaml", "construction-firm.yaml"])
def test_board_page_is_one_page(tmp_path: Path, example: str, lang: str) -> None:
    """Everything the board page holds, the approval block last, fits on the page after the cover."""
    out = tmp_path / "plan.pdf"
    r = runner.invoke(app, ["plan", str(EXAMPLES / example), "--lang", lang, "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    pages = PdfReader(out).pages
    board, after = pages[1].extract_text(), pages[2].extract_text()
    approved, contents = ("批准", "目录") if lang == "zh" else ("Approved by", "Contents")
    assert approved in board and approved not in after and contents in after
