"""`qmself merge` and `qmself compare` against hand-worked expectations (mini questionnaire)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qmself.cli import app
from qmself.merging import combine
from qmself.storage.loaders import load_answer_file, load_questionnaire
from tests.cli.test_plan import PROFILE
from tests.conftest import DATA, MINI_A, MINI_Q

runner = CliRunner()
Q = ["-q", str(MINI_Q), "--lang", "en"]


def variant(tmp: Path, name: str, assessor: str, answers: dict[str, str], date: str = "2026-10-15") -> Path:
    text = MINI_A.read_text(encoding="utf-8").replace("assessor: 张敏", f"assessor: {assessor}")
    text = text.replace("date: 2026-10-15", f"date: {date}")
    head, _ = text.split("answers:\n")
    body = "".join(f"  {k}: {v}\n" for k, v in answers.items())
    p = tmp / name
    p.write_text(head + "answers:\n" + body, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("qtype", "values", "expected"),
    [
        ("maturity", [2, 4, 5], 4),
        ("maturity", [2, 5], 2),  # even split: the lower median
        ("maturity", ["n/a", 3, None], 3),  # n/a left out when someone gave a level
        ("maturity", ["n/a", "n/a"], "n/a"),
        ("yesno", [True, False], False),  # yes needs a majority
        ("yesno", [True, False, True], True),
        ("number", [90, 96, 99], 96),
        ("number", [90, 95], 92.5),
        ("maturity", [None, None], None),
    ],
)
def test_combination_rules(qtype: str, values: list[object], expected: object) -> None:
    assert combine(qtype, values) == expected  # type: ignore[arg-type]


def test_merge_three_assessors(tmp_path: Path) -> None:
    a = variant(tmp_path, "a.yaml", "甲", {"A-01": "2", "A-02": "n/a", "A-03": "yes", "B-01": "90",
                                            "F-01": "{value: 5, evidence: 记录甲}"})
    b = variant(tmp_path, "b.yaml", "乙", {"A-01": "4", "A-02": "3", "A-03": "no", "B-01": "96", "F-01": "5"})
    c = variant(tmp_path, "c.yaml", "丙", {"A-01": "5", "A-02": "n/a", "A-03": "yes", "B-01": "99",
                                            "F-01": "{value: 1, note: 丙的备注}"}, date="2026-10-20")
    out = tmp_path / "merged.yaml"
    r = runner.invoke(app, ["merge", str(a), str(b), str(c), "-o", str(out), *Q])
    assert r.exit_code == 0, r.stderr
    merged = load_answer_file(out, {"mini": load_questionnaire(MINI_Q)}).answers
    values = {k: v.value for k, v in merged.answers.items()}
    assert values == {"A-01": 4, "A-02": 3, "A-03": True, "B-01": 96, "F-01": 5}
    assert merged.answers["F-01"].evidence == "甲：记录甲" and merged.answers["F-01"].note == "丙：丙的备注"
    assert merged.assessment.assessor == "甲、乙、丙" and str(merged.assessment.date) == "2026-10-20"
    assert [s.assessor for s in merged.merged_from] == ["甲", "乙", "丙"]
    # levels 2/4/5, yes/no (5/1), bands 2/3/4, 5/5/1 differ by 2+; A-02 has one level only
    assert [c.question for c in merged.calibration] == ["A-01", "A-03", "B-01", "F-01"]
    assert merged.calibration[0].values == {"甲": 2, "乙": 4, "丙": 5}
    assert "To discuss in a calibration meeting" in r.stdout and "A-03" in r.stdout


def test_merge_refuses_different_companies(tmp_path: Path) -> None:
    a = variant(tmp_path, "a.yaml", "甲", {"A-01": "2"})
    b = variant(tmp_path, "b.yaml", "乙", {"A-01": "4"})
    b.write_text(b.read_text(encoding="utf-8").replace("91510100MA6C5T2K3G", "91110108MA01ABCD1E"), encoding="utf-8")
    r = runner.invoke(app, ["merge", str(a), str(b), "-o", str(tmp_path / "m.yaml"), *Q])
    assert r.exit_code == 1 and "different companies" in r.stderr
    assert not (tmp_path / "m.yaml").exists()


def test_compare_two_assessments(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text(PROFILE, encoding="utf-8")  # targets A 4, B 4.5
    old = variant(tmp_path, "old.yaml", "甲", {"A-01": "4", "A-02": "2", "A-03": "no", "B-01": "96", "F-01": "5"})
    new = variant(tmp_path, "new.yaml", "甲", {"A-01": "5", "A-02": "2", "A-03": "{value: yes, evidence: 召回程序}",
                                                "B-01": "96", "F-01": "5"}, date="2027-04-15")
    opts = ["-b", str(profile), "--actions", str(DATA / "mini-actions.yaml"), *Q]
    r = runner.invoke(app, ["compare", str(old), str(new), "-f", "json", *opts])
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.stdout)
    areas = {a["area"]: a for a in d["areas"]}
    # old A capped at 2.0; new A = (2 x 1 + 0.25) / 3 = 0.75 -> 4.0 (A-03 is a gate); progress (4 - 2) / (4 - 2)
    assert areas["A"]["before"] == 2.0 and areas["A"]["after"] == 4.0 and areas["A"]["progress"] == 1.0
    assert areas["B"]["change"] == 0.0 and areas["B"]["progress"] == 0.0
    assert d["closed"] == ["A-03"] and d["opened"] == []
    status = {x["action"]: x["status"] for x in d["actions"]}
    assert status["ACT-A-RL"] == "reached"  # A-03 is now yes
    r = runner.invoke(app, ["compare", str(old), str(new), *opts])
    assert r.exit_code == 0 and "Red lines closed: A-03" in r.stdout


def test_plan_with_previous_and_calibration_appendix(tmp_path: Path) -> None:
    from pypdf import PdfReader

    profile = tmp_path / "profile.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    a = variant(tmp_path, "a.yaml", "甲", {"A-01": "2", "A-02": "2", "A-03": "no", "B-01": "90", "F-01": "5"})
    b = variant(tmp_path, "b.yaml", "乙", {"A-01": "5", "A-02": "2", "A-03": "no", "B-01": "92", "F-01": "4"})
    merged = tmp_path / "merged.yaml"
    assert runner.invoke(app, ["merge", str(a), str(b), "-o", str(merged), *Q]).exit_code == 0
    opts = ["-b", str(profile), "--actions", str(DATA / "mini-actions.yaml"), *Q]
    out = tmp_path / "plan.pdf"
    r = runner.invoke(app, ["plan", str(merged), "--previous", str(a), "-o", str(out), *opts])
    assert r.exit_code == 0, r.stderr
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Progress since the last assessment" in text
    assert "Questions to calibrate" in text and "A-01" in text and "甲: 2; 乙: 5" in text
    r = runner.invoke(app, ["plan", str(merged), "--previous", str(a), "-o", str(tmp_path / "plan.json"), *opts])
    import json as _json

    data = _json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert data["since_last"]["closed"] == [] and data["calibration"][0]["question"] == "A-01"
