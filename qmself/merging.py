"""Several assessors' answers for one company -> one answer file (pure).

Per question, over the assessors who answered it:
* n/a stands only if every one of them said n/a; otherwise n/a answers are left out;
* a maturity level is the lower median of the levels (an even split never rounds up);
* yes/no is the lower median too: "yes" needs more than half of the assessors;
* a number is the median;
* evidence and notes are all kept, each with its author ("张三：…；李四：…").
A question where the assessors' levels (yes = 5, no = 1, numbers by band) differ
by two or more is listed for a calibration meeting.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from qmself.errors import QmselfError
from qmself.model.answers import NA, Answer, AnswerFile, AnswerValue, CalibrationItem
from qmself.model.questionnaire import Questionnaire
from qmself.scoring import answer_level


@dataclass(frozen=True, slots=True)
class Merged:
    answers: dict[str, Answer]
    calibration: list[CalibrationItem]


def _lower_median(values: list[int]) -> int:
    return sorted(values)[(len(values) - 1) // 2]


def combine(question_type: str, values: list[AnswerValue]) -> AnswerValue:
    given = [v for v in values if v is not None]
    if not given:
        return None
    real = [v for v in given if v != NA]
    if not real:
        return "n/a"
    if question_type == "yesno":
        return bool(_lower_median([1 if v is True else 0 for v in real]))
    if question_type == "maturity":
        return _lower_median([int(v) for v in real])
    m = statistics.median(float(v) for v in real)
    return int(m) if m.is_integer() else m


def merge(files: list[tuple[str, AnswerFile]], questionnaire: Questionnaire, sep: str = "；") -> Merged:
    """Combine (assessor, answers) pairs; raises QmselfError if they are not for one company."""
    codes = {af.company.credit_code for _, af in files}
    if len(codes) > 1:
        raise QmselfError(f"答卷属于不同企业（{', '.join(sorted(codes))}）",
                          f"the answer files are for different companies ({', '.join(sorted(codes))})")
    ids = [qid for qid in questionnaire.question_by_id if any(qid in af.answers for _, af in files)]
    merged: dict[str, Answer] = {}
    calibration: list[CalibrationItem] = []
    for qid in ids:
        q = questionnaire.question_by_id[qid]
        given = [(who, af.answers[qid]) for who, af in files if qid in af.answers]
        value = combine(q.type, [a.value for _, a in given])
        evidence = sep.join(f"{who}：{a.evidence}" for who, a in given if a.evidence) or None
        note = sep.join(f"{who}：{a.note}" for who, a in given if a.note) or None
        samples = [a.sample for _, a in given if a.sample is not None]
        merged[qid] = Answer(value, evidence, note, min(samples) if samples else None)
        levels = [lv for _, a in given if (lv := answer_level(q, a)) is not None]
        if levels and max(levels) - min(levels) >= 2:
            calibration.append(CalibrationItem(question=qid, values={who: _plain(a.value) for who, a in given}))
    return Merged(merged, calibration)


def _plain(value: AnswerValue) -> bool | int | float | str | None:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value
