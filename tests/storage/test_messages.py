"""The exact line a person sees for the usual slips: the right line, the nearest key, a hint they can act on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qmself.cli import app
from qmself.errors import QmselfError
from qmself.model.questionnaire import Questionnaire
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import check_answer_file, load_answer_file
from qmself.storage.syntax import line_hint, nearest_key
from tests.conftest import BROKEN, DATA, EXAMPLES

SAVE_AS = "请另存为 UTF-8 编码（记事本：“另存为”→“编码”选 UTF-8；WPS/Excel 导出时选 UTF-8）"
FULL_COLON = "这一行有全角冒号「：」（中文输入法），YAML 需要半角「:」加一个空格"
SHOWN = {  # file -> the Chinese line
    "fullwidth-colon.yaml": f"fullwidth-colon.yaml:19: answers.A-03: YAML 语法错误：{FULL_COLON}",
    "fullwidth-colon-in-key.yaml": f"fullwidth-colon-in-key.yaml:8: company.sector: YAML 语法错误：{FULL_COLON}",
    "fullwidth-space.yaml": "fullwidth-space.yaml:19: answers.A-03: YAML 语法错误："
                            "这一行有全角空格「\u3000」（中文输入法），YAML 需要半角空格",
    "colon-without-space.yaml": "colon-without-space.yaml:19: answers.A-03: YAML 语法错误："
                                "键后的冒号「:」后面要有一个空格（例如 A-01: 3）",
    "malformed.yaml": "malformed.yaml:15: answers.A-01: YAML 语法错误：方括号列表没有闭合：缺少「,」或「]」",
    "lookalike-cyrillic.yaml": "lookalike-cyrillic.yaml:15: answers.А-01: 未知题号 'А-01'，其中有非 ASCII 字符："
                               "第 1 个字符是 U+0410 CYRILLIC CAPITAL LETTER A；是否想写 A-01？",
    "lookalike-fullwidth.yaml": "lookalike-fullwidth.yaml:15: answers.Ａ-０１: 未知题号 'Ａ-０１'，"
                                "其中有非 ASCII 字符：第 1 个字符是 U+FF21 FULLWIDTH LATIN CAPITAL LETTER A；"
                                "第 3 个字符是 U+FF10 FULLWIDTH DIGIT ZERO等，共 3 个；是否想写 A-01？",
    "huge-int.yaml": "huge-int.yaml:20: answers.B-01: 数值 99999999999999999999… 过大，没有意义（绝对值上限 10^15）",
    "gbk-encoding.yaml": "gbk-encoding.yaml:7: 这是 GBK/GB18030 编码的文本（中文 Windows 的“ANSI”），不是 UTF-8；"
                         f"{SAVE_AS}",
    "utf16-bom.yaml": "utf16-bom.yaml: 这是 UTF-16 编码的文本（Windows 记事本的“Unicode”）；qmself 只读 UTF-8，"
                      f"{SAVE_AS}",
    "control-character.yaml": "control-character.yaml:7: company.name: 含有不可见的控制字符 U+001B ESCAPE，"
                              "YAML 文件中不允许；请删除它（常见于从网页或其他软件复制的文字）",
    "date-implausible.yaml": "date-implausible.yaml:13: assessment.date: "
                             "日期 9999-12-31 不合理（应在 1990 年至 2099 年之间）",
    "number-as-text-infinite.yaml": "number-as-text-infinite.yaml:21: answers.B-01.value: "
                                    "数值 1e400 过大，没有意义（绝对值上限 10^15）",
    "directive.yaml": "directive.yaml:16: answers: YAML 语法错误：这一行以「%」开头，不是有效的 YAML"
                      "（键和值都不能以「%」开头）；多余的行请删除，键或值确实以「%」开头时请加引号",
    "key-too-long.yaml": "key-too-long.yaml:23: answers." + "X" * 71 + "…: "
                         "YAML 语法错误：键过长（YAML 的键最多 1024 个字符）",
}


@pytest.mark.parametrize("name", sorted(SHOWN))
def test_the_line_shown(mini: Questionnaire, name: str) -> None:
    with pytest.raises(QmselfError) as info:
        load_answer_file(BROKEN / name, {"mini": mini}, name)
    assert info.value.render("zh") == SHOWN[name]


@pytest.mark.parametrize(("line", "hint"), [
    ("  LEAD-07：2", "全角冒号"),
    ("\u3000\u3000LEAD-07: 2", "全角空格"),
    ("  LEAD-07:\u30002", "全角空格"),
    ("  － 记录表", "全角连字符"),
    ("  ＃ 注释", "全角井号"),
    ("  A-01: [4，5]", "全角逗号"),
    ("  LEAD-07:2", "后面要有一个空格"),
    ("  note: 原因：设备老化", None),  # a full-width colon inside a value is text
    ("  note: 会议时间 10:30", None),
    ("  url: https://example.org", None),
    ("  LEAD-07: 2  # 注：已复核", None),
])
def test_line_hint(line: str, hint: str | None) -> None:
    found = line_hint(line)
    assert (found is None) if hint is None else (found is not None and hint in found[0])


def test_nearest_key_follows_indentation() -> None:
    lines = ["company:", "  name: x", "answers:", "  A-01: 4", "  A-02:", "    value: 2", "    evidence: 记录",
             "  oops"]
    assert nearest_key(lines, 6) == "answers.A-02.evidence"
    assert nearest_key(lines, 7) == "answers.A-02"
    assert nearest_key(lines, 1) == "company.name"


def test_percentage_answered_as_a_fraction_is_a_notice(mini: Questionnaire) -> None:
    loaded, report = check_answer_file(DATA / "notices" / "percent-as-fraction.yaml", {"mini": mini}, "p.yaml")
    assert loaded is not None and not report.errors
    assert [n.render("zh") for n in report.notices] == [
        "p.yaml:20: answers.B-01.value: 本题单位是 %，0.35 按 0.35 % 计分；如果指的是 35 %，请写 35"]
    assert report.notices[0].render("en").endswith("if you mean 35 %, write 35")


def test_answer_with_a_lookalike_id_names_the_character(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "small-manufacturer.yaml", f)
    before = f.read_bytes()
    res = CliRunner().invoke(app, ["answer", str(f), "LЕAD-07", "2"])
    assert res.exit_code == 2
    assert res.output.strip() == ("错误：未知题号 'LЕAD-07'，其中有非 ASCII 字符："
                                  "第 2 个字符是 U+0415 CYRILLIC CAPITAL LETTER IE；是否想写 LEAD-07？")
    res = CliRunner().invoke(app, ["answer", str(f), "LEAD-07\u200b", "2", "--lang", "en"])
    assert res.output.strip() == ("error: unknown question id 'LEAD-07\u200b', which has non-ASCII characters: "
                                  "character 8 is U+200B ZERO WIDTH SPACE; did you mean LEAD-07?")
    assert f.read_bytes() == before


@pytest.mark.parametrize(("written", "line"), [
    ("  version: 1.1", 17),
    ("  version: 1.10", 17),  # YAML reads 1.10 as the float 1.1: the line shows what was written
    ("  version: 2", 17),
])
def test_an_unquoted_version_says_to_quote_it(tmp_path: Path, written: str, line: int) -> None:
    f = tmp_path / "v.yaml"
    f.write_text((EXAMPLES / "small-manufacturer.yaml").read_text(encoding="utf-8")
                 .replace('  version: "1.1"', written), encoding="utf-8")
    res = CliRunner().invoke(app, ["validate", str(f)])
    v = written.split(": ")[1]
    assert res.exit_code == 1
    assert res.output.splitlines()[0] == (f"{f}:{line}: questionnaire.version: 应为文本；不加引号的 {v} 会被 YAML "
                                          f'读作数值，请加引号写成 version: "{v}"')
    res = CliRunner().invoke(app, ["validate", str(f), "--lang", "en"])
    assert res.output.splitlines()[0] == (f"{f}:{line}: questionnaire.version: must be text; YAML reads an unquoted "
                                          f'{v} as a number: write it in quotes, version: "{v}"')


def test_an_unquoted_version_in_a_flow_mapping_says_to_quote_it(tmp_path: Path) -> None:
    f = tmp_path / "v.yaml"
    text = (EXAMPLES / "small-manufacturer.yaml").read_text(encoding="utf-8")
    f.write_text(text.replace('questionnaire:\n  id: qmself-core\n  version: "1.1"\n',
                              "questionnaire: {id: qmself-core, version: 1.10}\n"), encoding="utf-8")
    res = CliRunner().invoke(app, ["validate", str(f), "--lang", "en"])
    assert res.output.splitlines()[0] == (f"{f}:15: questionnaire.version: must be text; YAML reads an unquoted "
                                          '1.10 as a number: write it in quotes, version: "1.10"')


STRAY = ("YAML 语法错误：这一行以「{c}」开头，不是有效的 YAML（键和值都不能以「{c}」开头）；"
         "多余的行请删除，键或值确实以「{c}」开头时请加引号")
STRAY_EN = ("malformed YAML: this line starts with '{c}' and is not valid YAML (no key or value can start with '{c}'): "
            "delete it if it is stray; quote a key or value that really starts with {c}")


@pytest.mark.parametrize(("stray", "field"), [
    ("%", "answers"),  # a stray line at the left margin: the block it is in
    ("%  A-00", "answers"),
    ("%  A-00: 3", "answers"),  # not a key: '%' cannot start one
    ("%A-00: 3", "answers"),
    ("  %  A-00: 3", "answers.LEAD-07"),  # indented: the key above it
    ("  %", "answers.LEAD-07"),
    ("  @A-00: 3", "answers.LEAD-07"),
    ("`x", "answers"),
])
def test_a_stray_line_is_named_not_valid_yaml_at_the_nearest_real_key(tmp_path: Path, stray: str, field: str) -> None:
    f = tmp_path / "s.yaml"
    text = (EXAMPLES / "small-manufacturer.yaml").read_text(encoding="utf-8")
    f.write_text(text.replace("  LEAD-07: 2\n", f"  LEAD-07: 2\n{stray}\n"), encoding="utf-8")
    c = stray.strip()[0]
    res = CliRunner().invoke(app, ["validate", str(f)])
    assert res.exit_code == 1
    assert res.output.splitlines()[0] == f"{f}:51: {field}: " + STRAY.format(c=c)
    res = CliRunner().invoke(app, ["validate", str(f), "--lang", "en"])
    assert res.output.splitlines()[0] == f"{f}:51: {field}: " + STRAY_EN.format(c=c)


def test_a_value_starting_with_percent_is_still_told_to_be_quoted(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    text = (EXAMPLES / "small-manufacturer.yaml").read_text(encoding="utf-8")
    f.write_text(text.replace("  LEAD-07: 2\n", "  LEAD-07: 2\n  LEAD-08: %\n"), encoding="utf-8")
    res = CliRunner().invoke(app, ["validate", str(f)])
    assert res.output.splitlines()[0] == (f"{f}:51: answers.LEAD-08: YAML 语法错误：这里有一个不能作为值开头的字符"
                                          "（例如 @ 或 `）；请给值加引号")


ARABIC_3 = "「٣」是 U+0663 ARABIC-INDIC DIGIT THREE，不是 0-9 的数字；数值请用 0-9 书写（全角数字也可以）"
ARABIC_3_EN = ("'٣' is U+0663 ARABIC-INDIC DIGIT THREE, not a digit 0-9: write numbers with 0-9 "
               "(full-width ones will do)")


@pytest.mark.parametrize(("old", "new", "line", "field", "zh"), [
    ("  LEAD-07: 2\n", "  LEAD-07: ٣\n", 50, "answers.LEAD-07.value", f"数值 '٣' 中的{ARABIC_3}"),
    ("  LEAD-07: 2\n", '  LEAD-07: "३"\n', 50, "answers.LEAD-07.value",
     "数值 '३' 中的「३」是 U+0969 DEVANAGARI DIGIT THREE，不是 0-9 的数字；数值请用 0-9 书写（全角数字也可以）"),
    ("    value: 35\n", "    value: 3٥.5\n", 95, "answers.TRACE-05.value",
     "数值 '3٥.5' 中的「٥」是 U+0665 ARABIC-INDIC DIGIT FIVE，不是 0-9 的数字；数值请用 0-9 书写（全角数字也可以）"),
    ('  version: "1.1"\n', '  version: "١.١"\n', 17, "questionnaire.version", "格式不符合 ^[0-9]+(\\.[0-9]+){0,2}$"),
])
def test_digits_of_another_script_are_refused(tmp_path: Path, old: str, new: str, line: int, field: str,
                                              zh: str) -> None:
    f = tmp_path / "d.yaml"
    text = (EXAMPLES / "small-manufacturer.yaml").read_text(encoding="utf-8")
    assert old in text
    f.write_text(text.replace(old, new, 1), encoding="utf-8")
    res = CliRunner().invoke(app, ["validate", str(f)])
    assert res.exit_code == 1
    assert res.output.splitlines()[0] == f"{f}:{line}: {field}: {zh}"
    if "٣" in new:
        res = CliRunner().invoke(app, ["validate", str(f), "--lang", "en"])
        assert res.output.splitlines()[0] == f"{f}:{line}: {field}: in the number '٣', {ARABIC_3_EN}"


def test_full_width_digits_are_still_read_as_numbers(tmp_path: Path) -> None:
    f = tmp_path / "d.yaml"
    text = (EXAMPLES / "small-manufacturer.yaml").read_text(encoding="utf-8")
    text = text.replace("  LEAD-07: 2\n", "  LEAD-07: ３\n").replace("    value: 35\n", "    value: ３５.５\n", 1)
    f.write_text(text, encoding="utf-8")
    loaded = load_answer_file(f, Catalog().questionnaires)
    assert loaded.answers.answers["LEAD-07"].value == 3 and loaded.answers.answers["TRACE-05"].value == 35.5


@pytest.mark.parametrize(("lang", "shown"), [("zh", f"错误：LEAD-07: 数值 '٣' 中的{ARABIC_3}"),
                                           ("en", f"error: LEAD-07: in the number '٣', {ARABIC_3_EN}")])
def test_answer_refuses_digits_of_another_script(tmp_path: Path, lang: str, shown: str) -> None:
    f = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "small-manufacturer.yaml", f)
    before = f.read_bytes()
    res = CliRunner().invoke(app, ["answer", str(f), "LEAD-07", "٣", "--lang", lang])
    assert (res.exit_code, res.output.strip()) == (2, shown)
    assert f.read_bytes() == before
    assert CliRunner().invoke(app, ["answer", str(f), "LEAD-07", "３"]).exit_code == 0
