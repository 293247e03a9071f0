"""The one Chinese line-breaking rule (qmself.cjk)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from qmself.cjk import NO_LINE_END_CJK, NO_LINE_START_CJK, cell_width, no_break_between, offending_lines, wrap

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


CLAUSES = "依据 action-plan-2022 （二十一）与 sichuan-plan-2023 （三）；《产品质量法》第三十二条第四款；第一百二十条。"


@pytest.mark.parametrize("width", range(14, 90))  # from the width of the longest number with its 。
def test_wrap_never_cuts_a_chinese_number(width: int) -> None:
    lines = wrap(CLAUSES * 2, width)
    for before, after in pairwise(lines):
        assert not no_break_between(before[-1], after[0]), (before, after)
    for number in ("（二十一）", "第三十二条", "第四款", "第一百二十条"):
        assert any(number in line for line in lines)


def test_no_break_between_is_about_numbers_only() -> None:
    assert no_break_between("二", "十") and no_break_between("第", "三") and no_break_between("二", "条")
    assert not no_break_between("质", "量") and not no_break_between("第", "条") and not no_break_between("十", "分")


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


def test_a_number_stays_with_its_unit() -> None:
    from qmself.cjk import _tokens

    assert "第42条、" in _tokens("法》第42条、第50条")
    assert "2 级；" in _tokens("封顶于 2 级；") and "第 3 条" in _tokens("依据第 3 条")
    for width in range(10, 60):
        lines = wrap("法律依据：《中华人民共和国食品安全法》第42条、第50条、第53条；答否时封顶于 2 级。", width)
        for before, after in pairwise(lines):
            assert not (before[-1].isdigit() and after[0] in "条级"), (before, after)
            assert not (before.endswith("第") and after[0].isdigit()), (before, after)


@pytest.mark.parametrize("width", range(6, 40))
def test_no_lone_character_on_a_last_line_when_a_narrower_fold_avoids_it(width: int) -> None:
    from qmself.cjk import _orphan

    names = ("质量承诺与信息公开", "标准领跑与对标达标", "质量管理体系与全面质量管理", "缺陷召回、质量担保与消费者权益")
    for text in names:
        lines = wrap(text, width)
        assert "".join(lines) == text and all(cell_width(line) <= width for line in lines)
        if len(lines) > 1 and _orphan(lines[-1], ""):
            # only when no fold up to four cells narrower, with as many lines, avoids it
            assert all(len(wrap(text, width - k)) != len(lines) or _orphan(wrap(text, width - k)[-1], "")
                       for k in range(1, 5)), (width, lines)
    assert wrap("质量承诺与信息公开", 16) == ["质量承诺与信息", "公开"]


def test_clip_cuts_to_one_line_with_an_ellipsis() -> None:
    from qmself.cjk import clip

    assert clip("短句", 10) == "短句"
    assert clip("贵单位是否建立进货查验（如进货查验、生产和销售记录）", 24) == "贵单位是否建立进货查验…"
    cut = clip("甲乙丙丁戊（己庚辛）", 13)
    assert cut == "甲乙丙丁戊…" and cell_width(cut) <= 13  # never 戊（…
    assert clip("a  b\n c", 20) == "a b c"  # one line
    for width in range(4, 40):
        assert cell_width(clip(TEXT, width)) <= width


@pytest.mark.parametrize("width", range(12, 70))
def test_fill_parts_folds_between_parts_and_never_ends_a_line_with_the_separator(width: int) -> None:
    from qmself.cjk import fill_parts

    parts = ["RISK-09", "质量安全、风险与合规", "是非题", "权重 3", "红线：答“否”将本领域封顶于 2 级"]
    lines = fill_parts(parts, width).split("\n")
    assert all(cell_width(line) <= width for line in lines)
    assert not any(line.rstrip().endswith("·") or line.lstrip().startswith("·") for line in lines)
    assert offending_lines(lines) == []
    assert " · ".join(parts).replace(" · ", "").replace(" ", "") == "".join(lines).replace(" · ", "").replace(" ", "")
    for part in parts:  # a part that fits a line is never split
        if cell_width(part) <= width:
            assert any(part in line for line in lines), (part, lines)
