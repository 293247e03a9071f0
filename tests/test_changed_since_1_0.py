"""A file answered against questionnaire 1.0 loads under 1.1 with one notice per answer whose meaning changed."""

from __future__ import annotations

from pathlib import Path

from qmself.lint import questionnaire_problems
from qmself.model.questionnaire import Questionnaire
from qmself.scoring import check_answers
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_answer_file
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "small-manufacturer.yaml"


def _as_1_0(tmp_path: Path, overrides: dict[str, str]) -> Path:
    """The B2B example as if written for 1.0, with some answers replaced (`QID: value` lines)."""
    lines = EXAMPLE.read_text(encoding="utf-8").replace('  version: "1.1"', '  version: "1.0"', 1).split("\n")
    for qid, value in overrides.items():
        i = next(k for k, line in enumerate(lines) if line.startswith(f"  {qid}:"))
        j = i + 1
        while j < len(lines) and lines[j].startswith("    "):
            j += 1
        lines[i:j] = [f"  {qid}: {value}"]
    path = tmp_path / "old.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _changed_notices(path: Path, q: Questionnaire) -> list[str]:
    problems = check_answers(load_answer_file(path, Catalog().questionnaires).answers, q)
    return sorted(p.field.removeprefix("answers.") for p in problems if "含义有变" in p.zh)


def test_a_1_0_file_gets_a_notice_where_the_meaning_of_its_answer_changed(tmp_path: Path) -> None:
    q = Catalog().questionnaire()
    assert q.version == "1.1"
    path = _as_1_0(tmp_path, {
        "LEAD-01": "5",  # level 5 rewritten: a 5 needs review
        "LEAD-02": "4",  # only level 5 rewritten: a 4 meant the same in 1.0
        "QMS-02": "4",  # level 4 no longer means more certificates: a 4 needs review
        "QMS-07": "3",  # levels 4-5 rewritten: a 3 meant the same
        "SUPPLY-03": "{value: 97.5, sample: 80}",  # a rate that now needs its sample
    })
    assert _changed_notices(path, q) == [
        "CUST-01",  # recall: legal basis and n/a rewritten
        "CUST-08",  # a rate that now needs its sample (the example states none)
        "EQUIP-05",  # no longer implies a reporting duty
        "LEAD-01",
        "QMS-02",
        "RISK-03",  # accident reporting rewritten to the law; the example answers n/a
        "SUPPLY-03",
        "TRACE-02",  # statutory records rewritten
    ]  # not LEAD-02, QMS-07 or the example's other answers at levels 1-3
    # the same answers in a file written for 1.1 need no review
    current = path.read_text(encoding="utf-8").replace('  version: "1.0"', '  version: "1.1"', 1)
    path.write_text(current, encoding="utf-8")
    assert _changed_notices(path, q) == []


def test_every_level_rewrite_names_the_levels_it_touches() -> None:
    q = Catalog().questionnaire()
    assert questionnaire_problems(q) == []
    partial = {c.id: c.from_level for c in q.changed if c.from_level is not None}
    assert {partial[x] for x in partial} == {4, 5}
    assert partial["QMS-02"] == 4 and partial["LEAD-01"] == 5
    # every maturity question of 1.0 had its level 5 rewritten (the new CONS-07/08/09 and RISK-12 were not in 1.0)
    new_in_1_1 = {"CONS-07", "CONS-08", "CONS-09", "RISK-12"}
    whole = {c.id for c in q.changed if c.from_level is None}
    for x in q.questions:
        if x.type == "maturity" and x.id not in new_in_1_1:
            assert x.id in partial or x.id in whole, x.id
