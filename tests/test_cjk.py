"""The one Chinese line-breaking rule (qmself.cjk)."""

from __future__ import annotations

import pytest

from qmself.cjk import NO_LINE_END_CJK, NO_LINE_START_CJK, cell_width, offending_lines, wrap

TEXT = (
    "企业应当建立质量追溯制度（含原材料、生产、检验和销售记录），并保存不少于两年；"
    "对消费者投诉，应在7日内答复。Quality “traceability” matters, (really) a lot! ？！ 《产品质量法》第四十条。"
)


@pytest.mark.parametrize("width", range(8, 90))
def test_wrap_keeps_width_text_and_punctuation_rule(width: int) -> None:
    lines = wrap(TEXT * 3, width)
    assert all(cell_width(line) <= width for line in lines)
    assert offending_lines(lines) == []
    assert "".join(lines).replace(" ", "") == (TEXT * 3).replace(" ", "")


def test_offending_lines_sees_a_closer_at_the_start_and_an_opener_at_the_end() -> None:
    assert offending_lines(["│ ，任命文件", "正常", "结尾（"]) == ["│ ，任命文件", "结尾（"]
    assert "，" in NO_LINE_START_CJK and "（" in NO_LINE_END_CJK


def test_wide_characters_take_two_cells() -> None:
    assert cell_width("质量ab") == 6
    assert wrap("甲乙丙丁", 4) == ["甲乙", "丙丁"]
    assert wrap("甲乙，丙丁", 4) == ["甲", "乙，", "丙丁"]


@pytest.mark.parametrize("sector", ["food", "construction", "equipment", "digital", "services", "consumer", "other"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_comments_obey_the_rule(sector: str, lang: str) -> None:
    from qmself.storage.bundled import Catalog
    from qmself.storage.template import render_template

    text = render_template(Catalog().questionnaire(), sector, "large", lang)
    assert offending_lines(text.splitlines()) == []
