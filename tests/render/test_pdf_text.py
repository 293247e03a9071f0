"""Text in the PDF: Chinese line breaking in every paragraph and table cell, every character
drawn, long text that never breaks the document."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from qmself.cjk import offending_lines
from qmself.cli import app
from qmself.render import pdf_text
from qmself.render.pdf_text import FONT, SYMBOL_FONT, break_points, draws, font_for, markup, register_fonts
from tests.conftest import EXAMPLES, ROOT

runner = CliRunner()
PROFILES = sorted(p.stem for p in (ROOT / "benchmarks").glob("*.yaml"))
ANSWERS = sorted(EXAMPLES.glob("*.yaml"))


def lines_of(pdf: Path) -> list[str]:
    return [line for page in PdfReader(pdf).pages for line in page.extract_text().splitlines()]


def plan(answers: Path, out: Path, *opts: str) -> Path:
    r = runner.invoke(app, ["plan", str(answers), "-o", str(out), *opts])
    assert r.exit_code == 0, r.stderr + r.stdout
    return out


def test_our_line_breaking_is_what_reportlab_runs() -> None:
    """Fails when ReportLab's internals changed so that the install fell back (see pdf_text's doc)."""
    register_fonts()
    from reportlab.platypus import paragraph

    assert pdf_text.LINE_BREAKING == "qmself"
    assert paragraph.wordSplit is pdf_text._word_split
    assert paragraph.cjkFragSplit.__module__ == pdf_text.__name__


def _lines(text: str, width: int) -> list[str]:
    return [text[s:e] for s, e, _, _ in break_points(text, lambda i, mw: 1.0, [float(width)])]


def test_break_points_keep_closers_and_openers_where_they_belong() -> None:
    # a plain cut after three characters would start a line with "，" or end one with "《"
    assert _lines("甲乙丙，丁戊己", 3) == ["甲乙", "丙，丁", "戊己"]
    assert _lines("甲乙《丙》丁", 3) == ["甲乙", "《丙》", "丁"]
    assert _lines("甲乙丙。”丁", 3) == ["甲乙", "丙。”", "丁"]
    # a Latin word is not cut where a space before it allows a break
    assert _lines("质量 ISO9001", 6) == ["质量 ", "ISO900", "1"]
    assert _lines("质量 ISO9001", 8) == ["质量 ", "ISO9001"]
    for text in ("，，，，，，", "《《《《《《", "abcdefghijkl", "二十二十二十二十"):  # nothing better: still progress
        assert "".join(_lines(text, 3)) == text


def test_break_points_do_not_cut_a_chinese_number() -> None:
    # the same rule as the terminal's (qmself.cjk.no_break_between): 二十一 and 第三十二条 stay whole
    assert _lines("依据（二十一）和第三十二条", 5) == ["依据", "（二十一）", "和", "第三十二条"]
    assert _lines("甲乙丙丁二十一", 5) == ["甲乙丙丁", "二十一"]


@pytest.mark.parametrize("answers", ANSWERS, ids=lambda p: p.stem)
def test_no_pdf_line_starts_with_a_closer_or_ends_with_an_opener(answers: Path, tmp_path: Path) -> None:
    bad: dict[str, list[str]] = {}
    for profile in PROFILES:
        lines = lines_of(plan(answers, tmp_path / f"{profile}.pdf", "-b", profile))
        assert len(lines) > 200
        if found := offending_lines(lines, strip=" "):
            bad[profile] = found
    assert not bad


def _shipped_text() -> str:
    files = [*(ROOT / "questionnaires").glob("*.yaml"), *(ROOT / "benchmarks").glob("*.yaml"),
             *(ROOT / "qmself" / "catalogue").glob("*.yaml"), *EXAMPLES.glob("*.yaml"),
             *(ROOT / "qmself" / "render").glob("*.py")]
    return "".join(f.read_text(encoding="utf-8") for f in files)


def test_every_character_of_the_shipped_content_draws() -> None:
    register_fonts()
    text = _shipped_text()
    assert "℃" in text  # the food producer's cold-chain records: the glyph WenQuanYi leaves empty
    missing = sorted({c for c in text if not draws(font_for(c), c)})
    assert not missing, "no glyph in the PDF fonts for: " + "".join(missing)


def test_characters_the_body_font_leaves_blank_go_to_the_symbol_font() -> None:
    register_fonts()
    assert not draws(FONT, "℃")  # why the symbol font is there at all
    assert draws(SYMBOL_FONT, "℃")
    sym = f'<font name="{SYMBOL_FONT}">'
    assert markup("冷藏 0–4℃ & <5℉") == f"冷藏 0–4{sym}℃</font> &amp; &lt;5{sym}℉</font>"
    assert markup("质量手册 ±2 μm") == "质量手册 ±2 μm"


def test_ten_thousand_characters_anywhere_still_give_a_complete_pdf(tmp_path: Path) -> None:
    unit = "质量手册第5.1条（2025版），“检验记录”齐全；冷库温度控制在-18℃以下。ISO 9001-2015 certificate "
    long = (unit * (10_000 // len(unit) + 1))[:10_000]
    text = (EXAMPLES / "small-manufacturer.yaml").read_text(encoding="utf-8")
    for old, new in [
        ("name: 绵阳市涪城精工机械有限公司", "name: 绵阳" + long[:9_990] + "公司末尾甲"),
        ("assessor: 王建华（四川蜀质企业管理咨询有限公司，外部顾问）", "assessor: " + long + "评估人末尾乙"),
        ("evidence: 质量手册 QM-2025 第 5.1 条；总经理签发的质量方针和 2026 年质量目标",
         "evidence: " + long + "证据末尾丙"),
        ("note: 总经理参加月度质量会", "note: " + long + "备注末尾丁"),
    ]:
        assert old in text
        text = text.replace(old, new, 1)
    answers = tmp_path / "long.yaml"
    answers.write_text(text, encoding="utf-8")
    lines = lines_of(plan(answers, tmp_path / "long.pdf"))
    joined = "".join(lines)
    # everything is there in full (the cover, header and answer table cut it short, the appendix does not)
    for end in ("公司末尾甲", "评估人末尾乙", "证据末尾丙", "备注末尾丁"):
        assert end in joined
    assert "附录" in joined and "全文" in joined
    assert not offending_lines(lines, strip=" ")
    # the cover keeps the name to two lines
    first = PdfReader(tmp_path / "long.pdf").pages[0].extract_text()
    assert len(first) < 1_500


def quote_fonts(pdf: Path) -> dict[str, set[str]]:
    """For each curly quote mark, the fonts (PDF base font names, subset tag dropped) it is drawn in."""
    found: dict[str, set[str]] = {}

    def visit(text: str, _cm: object, _tm: object, font: dict[str, object] | None, _size: object) -> None:
        for q in set(text) & set("“”‘’"):
            found.setdefault(q, set()).add(str((font or {}).get("/BaseFont", "?")).split("+")[-1])

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return found


def test_quotes_among_latin_text_are_latin_quotes_and_chinese_ones_stay_wide() -> None:
    register_fonts()
    sym = f'<font name="{SYMBOL_FONT}">'
    assert markup("Against “SME starter level” the") == f"Against {sym}“</font>SME starter level{sym}”</font> the"
    assert markup("it’s ‘x’") == f"it{sym}’</font>s {sym}‘</font>x{sym}’</font>"
    # Chinese text, also with a Latin word quoted in it: the wide quotes, pairs decided together
    for zh in ("参加了绵阳市“质量月”企业", "“ISO 9001”认证", "称为“ISO 9001”", "（“x”）", "the “质量月” campaign"):
        assert markup(zh) == zh


def test_an_english_pdf_draws_its_quotes_in_the_latin_font(tmp_path: Path) -> None:
    answers = EXAMPLES / "small-manufacturer.yaml"
    en = quote_fonts(plan(answers, tmp_path / "en.pdf", "--lang", "en"))
    zh = quote_fonts(plan(answers, tmp_path / "zh.pdf"))
    latin, wide = "DejaVuSans", "WenQuanYiMicroHei-0"
    # Against “SME starter level” the company … (the board summary); “质量月” in a Chinese answer stays wide
    assert en["“"] == en["”"] == {latin, wide}
    assert zh["“"] == zh["”"] == {wide}
