"""Every way an answer file can be broken gives one clear located error; none crashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from qmself.errors import QmselfError
from qmself.model.questionnaire import Questionnaire
from qmself.storage import yamlio
from qmself.storage.loaders import check_answer_file, load_answer_file
from tests.conftest import BROKEN, MINI_A

# file -> (line or None, field or None, fragment of the English message)
BROKEN_FILES = {
    "alias-bomb.yaml": (1, "a", "anchors (&) and aliases (*) are not allowed"),
    "anchor-in-answers.yaml": (16, "answers.A-01", "anchors (&) and aliases (*) are not allowed"),
    "bad-unicode-escape.yaml": (19, "answers.A-02.evidence", "a \\u escape in double quotes is not a valid character"),
    "company-list.yaml": (6, "company", "must be a mapping"),
    "control-character.yaml": (7, "company.name", "control character U+001B ESCAPE"),
    "date-chinese.yaml": (13, "assessment.date", "must be a date, YYYY-MM-DD"),
    "date-implausible.yaml": (13, "assessment.date", "the date 9999-12-31 is implausible"),
    "date-slashes.yaml": (13, "assessment.date", "must be a date, YYYY-MM-DD"),
    "directive.yaml": (16, "answers", "this line starts with '%' and is not valid YAML"),
    "gbk-encoding.yaml": (7, None, "GBK/GB18030 text"),
    "key-numbers.yaml": (23, "answers.7", "unknown question id '7'"),
    "key-too-long.yaml": (23, None, "the key is too long"),
    "level-as-float-fraction.yaml": (16, "answers.A-01.value", "level must be a whole number 1-5, not 3.5"),
    "nan.yaml": (21, "answers.B-01.value", "not '.nan'"),
    "nul-byte.yaml": (14, "assessment.assessor", "control character U+0000 NULL"),
    "number-as-text-infinite.yaml": (21, "answers.B-01.value", "the number 1e400 is too large"),
    "python-object-tag.yaml": (16, "answers.A-01", "tags such as tag:yaml.org,2002:python/object/apply:os.system"),
    "utf16-bom.yaml": (None, None, "UTF-16 text"),
    "answer-unknown-key.yaml": (18, "answers.A-02.evidense", "unknown field"),
    "answers-not-mapping.yaml": (14, "answers", "must be a mapping (id: answer)"),
    "evidence-not-text.yaml": (18, "answers.A-02.evidence", "must be text"),
    "bad-date.yaml": (12, "assessment.date", "must be a date"),
    "bad-size.yaml": (9, "company.size", "must be one of"),
    "binary.yaml": (None, None, "binary file"),
    "comments-only.yaml": (None, None, "file is empty"),
    "credit-code-check-char.yaml": (7, "company.credit_code", "should be 'G', not 'X'"),
    "credit-code-length.yaml": (7, "company.credit_code", "has 18 characters, this one has 7"),
    "deep-nesting.yaml": (1, "answers", "nested deeper than 32"),
    "duplicate-key.yaml": (16, "answers.A-01", "duplicate key 'A-01' (first at line 15)"),
    "empty.yaml": (None, None, "file is empty"),
    "level-out-of-range.yaml": (15, "answers.A-01.value", "level must be a whole number 1-5, not 7"),
    "malformed.yaml": (15, "answers.A-01", "malformed YAML: an unclosed [ list"),
    "fullwidth-colon.yaml": (19, "answers.A-03", "full-width colon"),
    "fullwidth-colon-in-key.yaml": (8, "company.sector", "full-width colon"),
    "fullwidth-space.yaml": (19, "answers.A-03", "full-width space"),
    "colon-without-space.yaml": (19, "answers.A-03", "needs a space after it"),
    "tab-indent.yaml": (19, "answers.A-03", "a tab in the indentation"),
    "unclosed-quote.yaml": (18, "answers.A-02.evidence", "an unclosed quote"),
    "lookalike-cyrillic.yaml": (15, "answers.А-01", "U+0410 CYRILLIC CAPITAL LETTER A; did you mean A-01?"),
    "lookalike-hyphen.yaml": (19, "answers.A\u201003", "U+2010 HYPHEN; did you mean A-03?"),
    "lookalike-zero-width.yaml": (21, "answers.F-01\u200b", "U+200B ZERO WIDTH SPACE; did you mean F-01?"),
    "lookalike-fullwidth.yaml": (15, "answers.Ａ-０１", "U+FF21 FULLWIDTH LATIN CAPITAL LETTER A"),
    "huge-float.yaml": (20, "answers.B-01", "too large to mean anything"),
    "huge-int.yaml": (20, "answers.B-01", "too large to mean anything"),
    "missing-field.yaml": (None, "assessment", "missing required field"),
    "na-not-allowed.yaml": (15, "answers.A-01.value", "does not allow n/a"),
    "newer-version.yaml": (4, "questionnaire.version", "newer than the 2.0"),
    "not-utf8.yaml": (5, None, "not UTF-8"),
    "number-out-of-range.yaml": (20, "answers.B-01.value", "outside the range 0–100"),
    "top-level-list.yaml": (1, None, "top level must be a mapping"),
    "unknown-field.yaml": (14, "extra_key", "unknown field"),
    "unknown-question.yaml": (21, "answers.Z-99", "unknown question id 'Z-99'"),
    "unknown-questionnaire.yaml": (3, "questionnaire.id", "unknown questionnaire 'nosuch'"),
    "wrong-type.yaml": (15, "answers.A-01.value", "not 'often'"),
    "yaml-tag.yaml": (4, "company", "tags"),
    "yesno-given-level.yaml": (19, "answers.A-03.value", "answer yes or no here"),
}


def test_every_broken_file_is_in_the_table() -> None:
    assert {p.name for p in BROKEN.glob("*.yaml")} == set(BROKEN_FILES)


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_broken_file_gives_one_located_error(mini: Questionnaire, name: str) -> None:
    line, field, fragment = BROKEN_FILES[name]
    with pytest.raises(QmselfError) as info:
        load_answer_file(BROKEN / name, {"mini": mini}, name)
    e = info.value
    assert e.file == name
    if line is not None:
        assert e.line == line
    if field is not None:
        assert e.field == field
    assert fragment in e.en
    assert e.zh and e.zh != e.en  # there is a Chinese message too
    rendered = e.render("zh")
    assert "\n" not in rendered and rendered.startswith(name)


def test_too_large_file_is_refused_before_parsing(tmp_path: Path, mini: Questionnaire) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: 1\n" + "# " + "x" * (yamlio.MAX_BYTES + 10) + "\n", encoding="utf-8")
    with pytest.raises(QmselfError, match="too large"):
        load_answer_file(big, {"mini": mini})


def test_missing_file_and_directory(tmp_path: Path, mini: Questionnaire) -> None:
    with pytest.raises(QmselfError, match="no such file"):
        load_answer_file(tmp_path / "nope.yaml", {"mini": mini})
    with pytest.raises(QmselfError, match="is a directory"):
        load_answer_file(tmp_path, {"mini": mini})


def test_all_problems_of_a_file_are_collected(tmp_path: Path, mini: Questionnaire) -> None:
    text = MINI_A.read_text(encoding="utf-8").replace("A-01: 4 ", "A-01: 9 ").replace("F-01: 5", "F-01: 0")
    p = tmp_path / "two.yaml"
    p.write_text(text, encoding="utf-8")
    loaded, report = check_answer_file(p, {"mini": mini})
    assert loaded is None
    assert [e.field for e in report.errors] == ["answers.A-01.value", "answers.F-01.value"]


def test_ids_stay_strings_and_plain_scalars_follow_yaml_12() -> None:
    data, locs = yamlio.parse("4.10: x\nv: [1, 2.5, yes, true, ~, '3', 0x1F]\n", "t.yaml")
    assert list(data) == ["4.10", "v"]
    assert data["v"] == [1, 2.5, "yes", True, None, "3", "0x1F"]
    assert locs.line(("v", 2)) == 2 and locs.line(("v", 9, "x")) == 2 and locs.line(("4.10",)) == 1


def test_plain_and_mapping_answers_and_spelling_variants(tmp_path: Path, mini: Questionnaire) -> None:
    text = MINI_A.read_text(encoding="utf-8").replace("A-03: yes", "A-03: 是").replace("A-01: 4 ", "A-01: '4'")
    p = tmp_path / "v.yaml"
    p.write_text(text, encoding="utf-8")
    loaded = load_answer_file(p, {"mini": mini})
    assert loaded.answers.answers["A-03"].value is True
    assert loaded.answers.answers["A-01"].value == 4
    assert loaded.answers.answers["A-02"].evidence == "记录表"


def test_byte_order_mark_is_accepted(tmp_path: Path, mini: Questionnaire) -> None:
    p = tmp_path / "bom.yaml"
    p.write_bytes(b"\xef\xbb\xbf" + MINI_A.read_bytes())
    assert load_answer_file(p, {"mini": mini}).answers.company.name == "测试食品有限公司"


def test_atomic_write_keeps_a_backup(tmp_path: Path) -> None:
    p = tmp_path / "a.yaml"
    yamlio.atomic_write(p, "one\n")
    yamlio.atomic_write(p, "two\n", backup=True)
    assert p.read_text() == "two\n"
    assert (tmp_path / "a.yaml.bak").read_text() == "one\n"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.yaml", "a.yaml.bak"]  # no temp files left


def test_the_characters_yaml_refuses_are_its_printable_sets_complement() -> None:
    """`yamlio._NOT_PRINTABLE` is written as ranges (cheap to compile); it is exactly YAML 1.2's non-printables."""
    from qmself.storage.yamlio import _NOT_PRINTABLE

    def printable(i: int) -> bool:
        return (i in (0x09, 0x0A, 0x0D, 0x85) or 0x20 <= i <= 0x7E or 0xA0 <= i <= 0xD7FF or 0xE000 <= i <= 0xFFFD
                or 0x10000 <= i <= 0x10FFFF)

    for i in [*range(0x10000), *range(0x10000, 0x110000, 97), 0x10FFFF]:
        assert (_NOT_PRINTABLE.match(chr(i)) is None) == printable(i), hex(i)
