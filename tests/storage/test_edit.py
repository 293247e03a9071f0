"""`qmself answer` (and the session's save) change the answered question's lines and nothing else."""

from __future__ import annotations

import codecs
import difflib
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qmself.cli import app
from qmself.errors import QmselfError
from qmself.storage import edit
from qmself.storage.edit import KEEP, backups, edit_text
from tests.conftest import MINI_Q

runner = CliRunner()
ORDER = ["A-01", "A-02", "A-03", "B-01", "F-01"]

# 4-space indentation, trailing spaces (␣), quoted and unquoted spellings, an empty key, Chinese yes
BASE = """\
# 自评答卷 · trailing spaces after this comment are kept␣␣␣
questionnaire:
    id: mini
company:
    name: "成都测试食品有限公司"
    credit_code: ""
    sector: food
    size: small
assessment:
    date: 2026-10-01
    assessor:␣␣␣
answers:
    # A-01 的说明
    A-01: 4            # 0.75
    # A-02 的说明
    A-02:
    # A-03 的说明
    A-03: 是
    B-01: "96"␣␣␣
    F-01:
        value: 5
        evidence: 'HACCP 记录'
""".replace("␣", " ")

VARIANTS = {
    "lf": ("\n", False, 4),
    "crlf": ("\r\n", False, 4),
    "bom": ("\n", True, 4),
    "bom-crlf": ("\r\n", True, 4),
    "two-spaces": ("\n", False, 2),
}


def half(text: str) -> str:
    """The same file indented by 2 instead of 4."""
    return re.sub(r"(?m)^( +)", lambda m: " " * (len(m.group(1)) // 2), text)


def make(nl: str, bom: bool, indent: int) -> bytes:
    text = BASE if indent == 4 else half(BASE)
    return (codecs.BOM_UTF8 if bom else b"") + text.replace("\n", nl).encode("utf-8")


def answer(path: Path, *args: str) -> None:
    r = runner.invoke(app, ["answer", str(path), *args, "-q", str(MINI_Q), "--lang", "en"])
    assert r.exit_code == 0, r.stderr


def changes(before: bytes, after: bytes) -> list[tuple[list[str], list[str]]]:
    """The lines removed and added, chunk by chunk (line endings included)."""
    a = before.decode("utf-8-sig").splitlines(keepends=True)
    b = after.decode("utf-8-sig").splitlines(keepends=True)
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [(a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal"]


# the answer given, and the only lines that may change (written for 4 spaces and LF)
CASES: dict[str, tuple[list[str], list[tuple[list[str], list[str]]]]] = {
    "value": (["A-01", "3"], [(["    A-01: 4            # 0.75\n"], ["    A-01: 3            # 0.75\n"])]),
    "blank-gets-evidence": (
        ["A-02", "2", "-e", "质量手册第 5 章"],
        [([], ["        value: 2\n", "        evidence: 质量手册第 5 章\n"])],
    ),
    "same-meaning-yes": (["A-03", "yes"], []),  # 是 stays 是
    "same-meaning-quoted": (["B-01", "96"], []),  # "96" keeps its quotes and trailing spaces
    "mapping-value": (["F-01", "4"], [(["        value: 5\n"], ["        value: 4\n"])]),
    "clear-evidence": (["F-01", "5", "--clear-evidence"], [(["        evidence: 'HACCP 记录'\n"], [])]),
    "add-note": (["F-01", "5", "-n", "待复核"], [([], ["        note: 待复核\n"])]),
}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case", CASES)
def test_answer_changes_only_the_answered_lines(tmp_path: Path, variant: str, case: str) -> None:
    nl, bom, indent = VARIANTS[variant]
    args, expected = CASES[case]
    path = tmp_path / "a.yaml"
    before = make(nl, bom, indent)
    path.write_bytes(before)
    answer(path, *args)
    after = path.read_bytes()
    assert after.startswith(codecs.BOM_UTF8) == bom

    def fit(lines: list[str]) -> list[str]:
        return [(half(ln) if indent == 2 else ln).replace("\n", nl) for ln in lines]

    assert changes(before, after) == [(fit(old), fit(new)) for old, new in expected]
    if nl == "\r\n":  # no mixed line endings
        assert after.count(b"\n") == after.count(b"\r\n")


def test_a_blank_template_question_gets_its_fields_under_its_own_comments(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    r = runner.invoke(app, ["template", "--sector", "food", "--size", "small", "--questionnaire-id", "mini",
                            "-o", str(path), "-q", str(MINI_Q), "--lang", "en"])
    assert r.exit_code == 0, r.stderr
    before = path.read_bytes()
    answer(path, "A-01", "3", "-e", "会议纪要", "-n", "待复核")
    ((old, new),) = changes(before, path.read_bytes())
    assert (old, new) == ([], ["    value: 3\n", "    evidence: 会议纪要\n", "    note: 待复核\n"])
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index("  A-01:")
    assert lines[at + 1:at + 4] == ["    value: 3", "    evidence: 会议纪要", "    note: 待复核"]
    assert lines[at + 4].startswith("  #") and "A-02" in "\n".join(lines[at + 4:at + 7])  # then A-02's block


def test_a_missing_key_goes_in_questionnaire_order_before_the_next_questions_comments() -> None:
    text = BASE.replace("    # A-02 的说明\n    A-02:\n", "")
    new = edit_text(text, "A-02", 2, order=ORDER)
    assert "    A-01: 4            # 0.75\n    A-02: 2\n    # A-03 的说明\n    A-03: 是\n" in new
    new = edit_text(BASE.replace('    B-01: "96"   \n', ""), "B-01", 97, order=ORDER)
    assert '    A-03: 是\n    B-01: 97\n    F-01:\n' in new
    # with no later answered question it goes after the last one
    new = edit_text(BASE.replace('    B-01: "96"   \n', ""), "B-01", 97, order=["A-01", "B-01"])
    assert new.endswith("        evidence: 'HACCP 记录'\n    B-01: 97\n")


def test_answers_missing_empty_or_in_flow_style() -> None:
    head = "questionnaire: {id: mini}\n"
    assert edit_text(head, "A-01", 3, order=ORDER) == head + "answers:\n  A-01: 3\n"
    assert edit_text(head + "answers:   # 待填\n", "A-01", 3) == head + "answers:   # 待填\n  A-01: 3\n"
    assert edit_text(head + "answers: {}\n", "A-01", 3) == head + "answers: {A-01: 3}\n"
    flow = head + "answers: {A-01: 4, A-03: yes}\n"
    assert edit_text(flow, "A-02", 2, "证据", order=ORDER) == (
        head + "answers: {A-01: 4, A-02: {value: 2, evidence: 证据}, A-03: yes}\n")
    assert edit_text(head + "answers:\n  A-01: {value: 4, sample: 12, note: x}\n", "A-01", 3, note=None) == (
        head + "answers:\n  A-01: {value: 3, sample: 12}\n")


def test_a_tab_before_a_comment_is_edited(tmp_path: Path) -> None:
    """libyaml (validate) accepts it, ruamel's Python scanner did not: answer said 内部错误：ScannerError."""
    path = tmp_path / "tab.yaml"
    path.write_bytes(b"questionnaire:\n  id: mini\nanswers:\n  A-01: 3\t# tab, then the comment\n  A-02:\n")
    answer(path, "A-01", "4")
    answer(path, "A-02", "2", "-e", "x")
    assert path.read_bytes() == (b"questionnaire:\n  id: mini\nanswers:\n  A-01: 4\t# tab, then the comment\n"
                                 b"  A-02:\n    value: 2\n    evidence: x\n")


def test_text_that_needs_quotes_is_quoted_and_reads_back() -> None:
    for text in ["yes", "3", "a: b", "证据 #1", " 前导空格", "[1]", "- x", "行一\n行二", "null", "tab\there", "\u2028"]:
        new = edit_text("answers:\n  A-01:\n", "A-01", 3, evidence=text)
        from qmself.storage.yamlio import parse
        assert parse(new, "")[0]["answers"]["A-01"]["evidence"] == text


def test_what_cannot_be_edited_in_place_is_refused_and_nothing_written(tmp_path: Path) -> None:
    path = tmp_path / "seq.yaml"
    data = b"questionnaire: {id: mini}\nanswers:\n  A-01: [3, 4]\n"
    path.write_bytes(data)
    r = runner.invoke(app, ["answer", str(path), "A-01", "3", "-q", str(MINI_Q), "--lang", "en"])
    assert r.exit_code == 1 and "cannot change A-01 without touching the rest of the file" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == data and not backups(path)


def test_the_check_refuses_a_result_that_means_something_else() -> None:
    """The re-parse check compares every other value: an edit that touched one is refused."""
    old = {"answers": {"A-01": 4, "A-02": None}}
    with pytest.raises(QmselfError, match="cannot change A-01"):
        edit._check(old, "answers:\n  A-01: 3\n  A-02: 1\n", "A-01", 3, {"evidence": KEEP, "note": KEEP}, "f")
    with pytest.raises(QmselfError, match="cannot change A-01"):  # a value outside the answers
        edit._check({**old, "company": {"name": "甲"}}, "company: {name: 乙}\nanswers:\n  A-01: 3\n  A-02:\n",
                    "A-01", 3, {"evidence": KEEP, "note": KEEP}, "f")
    edit._check(old, "answers:\n  A-01: 3\n  A-02:\n", "A-01", 3, {"evidence": KEEP, "note": KEEP}, "f")


def test_backups_keep_the_last_generations(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(make("\n", False, 4))
    versions = [path.read_bytes()]
    for v in ["1", "2", "3", "4", "5", "1", "2"]:
        answer(path, "A-01", v)
        versions.append(path.read_bytes())
    kept = backups(path)
    assert len(kept) == edit.BACKUPS == 5
    assert [p.read_bytes() for p in kept] == versions[-6:-1]  # the five versions before the current one
    answer(path, "A-01", "2")  # no change: no new backup
    assert backups(path) == kept


def test_a_rates_sample_size_is_set_kept_and_removed() -> None:
    head = "questionnaire: {id: mini}\nanswers:\n"
    assert edit_text(head + "  A-01:\n", "A-01", 96.5, sample=40) == head + "  A-01:\n    value: 96.5\n    sample: 40\n"
    assert edit_text(head + "  A-01: 90  # 投诉解决率\n", "A-01", 90, sample=40) == (
        head + "  A-01:  # 投诉解决率\n    value: 90\n    sample: 40\n")
    block = head + "  A-01:\n    value: 90\n    evidence: 台账\n    sample: 12\n"
    assert edit_text(block, "A-01", 91) == block.replace("value: 90", "value: 91")  # kept by default
    assert edit_text(block, "A-01", 90, sample=30) == block.replace("sample: 12", "sample: 30")
    assert edit_text(block, "A-01", 90, sample=None) == block.replace("    sample: 12\n", "")
    assert edit_text(head + "  A-01: {value: 4, note: x}\n", "A-01", 4, sample=50) == (
        head + "  A-01: {value: 4, note: x, sample: 50}\n")
    assert edit_text("answers: {A-01: {value: 4, sample: 12, note: x}}\n", "A-01", 5) == (
        "answers: {A-01: {value: 5, note: x, sample: 12}}\n")


def test_answer_sample_sets_a_rates_sample_and_is_refused_elsewhere(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLES

    path = tmp_path / "c.yaml"
    path.write_bytes((EXAMPLES / "small-manufacturer.yaml").read_bytes())
    r = runner.invoke(app, ["answer", str(path), "SUPPLY-03", "97", "--sample", "64"])
    assert r.exit_code == 0, r.stderr
    from qmself.storage.bundled import Catalog
    from qmself.storage.loaders import load_answer_file

    got = load_answer_file(path, Catalog().questionnaires).answers.answers["SUPPLY-03"]
    assert (got.value, got.sample) == (97, 64) and got.evidence
    before = path.read_bytes()
    r = runner.invoke(app, ["answer", str(path), "LEAD-01", "3", "--sample", "64", "--lang", "en"])
    assert r.exit_code == 2 and r.stderr.strip() == (
        "error: LEAD-01: not a rate with a minimum sample; --sample does not apply")
    assert path.read_bytes() == before
