"""Scoring: answers + questionnaire -> assessment; assessment + profile -> gaps.

Pure functions over the models; no IO. The rules, in the order applied:

1. A maturity or number question scores (level - 1) / 4, where its level is
   the answered maturity level or the band a number falls in (a rate below its
   question's minimum sample, or with no sample stated, is held within levels
   2-3). A red line (a yes/no question on a statutory duty) is a gate, not a
   score: it adds no points either way.
2. "n/a" questions leave the area. Unanswered applicable questions are left out
   of the score (treatment "exclude", the default) or count as level 1
   ("lowest"); either way completeness reports them.
3. An area's raw score is the weighted mean of its scored questions (0-100), its
   continuous level 1 + 4 x score / 100.
4. An unmet red line caps its area's level at the questionnaire's
   `red_line_cap`; the area score follows the capped level. An area whose
   applicable red lines are all met is "gated": scored on its maturity
   questions alone. An unanswered red line leaves the gate open (reported, no
   cap).
5. The overall index is the area-weighted mean of the areas' capped scores;
   the overall level is 1 + 4 x index / 100, capped too while any red line is unmet.
6. The whole level reached is the continuous level rounded down.
"""

from __future__ import annotations

import math
from dataclasses import replace

from qmself.errors import Problem
from qmself.lookalike import unknown_id
from qmself.model.answers import NA, Answer, AnswerFile, Company
from qmself.model.applicability import FACT_NAMES
from qmself.model.benchmark import BenchmarkProfile
from qmself.model.common import version_key
from qmself.model.questionnaire import SMALL_SAMPLE_LEVELS, Question, Questionnaire
from qmself.model.results import (
    AreaGap,
    AreaResult,
    AssessmentResult,
    Comparison,
    GateStatus,
    MissingTreatment,
    RedLineFinding,
)

_EPS = 1e-9


def whole(level: float) -> int:
    """The whole level reached by a continuous level (robust to float noise)."""
    return math.floor(level + _EPS)


def answer_level(question: Question, answer: Answer) -> int | None:
    """The level an answer stands for; None for unanswered or n/a."""
    v = answer.value
    if v is None or v == NA:
        return None
    if question.type == "yesno":
        return 5 if v is True else 1
    if question.type == "maturity":
        return int(v)
    return question.band_level(float(v), answer.sample)


def value_problem(question: Question, value: object) -> tuple[str, str] | None:
    """Why `value` does not fit `question`, as (zh, en); None if it does."""
    if value is None:
        return None
    if value.__class__ is int and question.type == "maturity" and 1 <= value <= 5:
        return None  # the common case, first
    if value == NA:
        if question.allow_na:
            return None
        return ("此题不允许回答 n/a（不适用）", "this question does not allow n/a")
    if question.type == "yesno":
        if isinstance(value, bool):
            return None
        return (f"此题应回答 yes 或 no，实为 {value!r}", f"answer yes or no here, not {value!r}")
    if isinstance(value, bool):
        return (
            f"此题不是是非题，应回答{'等级 1-5' if question.type == 'maturity' else '数值'}",
            f"this is not a yes/no question; answer "
            f"{'a level 1-5' if question.type == 'maturity' else 'a number'}",
        )
    if question.type == "maturity":
        if (isinstance(value, int) or (isinstance(value, float) and value.is_integer())) and 1 <= value <= 5:
            return None
        return (f"等级应为 1 到 5 的整数，实为 {value!r}", f"level must be a whole number 1-5, not {value!r}")
    assert isinstance(value, int | float)
    lo, hi = question.min, question.max
    if (lo is not None and value < lo) or (hi is not None and value > hi) or math.isnan(value):
        rng = f"{'-∞' if lo is None else f'{lo:g}'}–{'∞' if hi is None else f'{hi:g}'}"
        return (f"数值 {value} 超出范围 {rng}", f"value {value} is outside the range {rng}")
    if question.band_level(float(value)) is None:
        return (f"数值 {value} 不在任何分档内", f"value {value} falls in no band")
    return None


def fraction_as_percent(question: Question, value: object) -> float | None:
    """A percentage answered like 0.35 (a fraction between 0 and 1 where the scale goes past 1 %): the
    percentage it may mean (35); None for any other answer."""
    if not isinstance(value, float) or question.unit is None or question.unit.en.strip() != "%":
        return None
    edges = [e for b in question.bands or () for e in (b.min, b.max) if e is not None]
    lo, hi = question.min, question.max
    scaled = value * 100
    if (0 < value < 1 and max(edges, default=hi or 0) > 1
            and (lo is None or scaled >= lo) and (hi is None or scaled <= hi)):
        return scaled
    return None


def check_answers(answers: AnswerFile, questionnaire: Questionnaire) -> list[Problem]:
    """Check an answer file against its questionnaire.

    Errors: another questionnaire, a newer version, unknown question ids, values
    that do not fit their question. Notices: answers a newer questionnaire no
    longer has, answers to questions that do not apply to this company.
    """
    ref = answers.questionnaire
    if ref.id != questionnaire.id:
        return [
            Problem(
                ("questionnaire", "id"),
                f"答卷针对问卷 '{ref.id}'，而载入的是 '{questionnaire.id}'",
                f"the answers are for questionnaire '{ref.id}', not '{questionnaire.id}'",
            )
        ]
    if version_key(ref.version) > version_key(questionnaire.version):
        return [
            Problem(
                ("questionnaire", "version"),
                f"答卷针对问卷 {ref.version} 版，比本程序所带的 {questionnaire.version} 版新；请升级 qmself",
                f"the answers were written for version {ref.version}, newer than the "
                f"{questionnaire.version} this qmself has; upgrade qmself",
            )
        ]
    problems: list[Problem] = []
    if answers.company.sector not in questionnaire.sector_by_id:
        known = ", ".join(questionnaire.sector_by_id)
        problems.append(
            Problem(
                ("company", "sector"),
                f"未知行业 '{answers.company.sector}'（可选：{known}）",
                f"unknown sector '{answers.company.sector}' (one of: {known})",
            )
        )
        return problems
    company = answers.company
    older = version_key(ref.version) < version_key(questionnaire.version)
    applicable = questionnaire.applicable_ids(company.sector, company.size, company)
    problems += fact_notices(questionnaire, company)
    by_id = questionnaire.question_by_id
    changed = questionnaire.changed_by_id
    for qid, answer in answers.answers.items():
        question = by_id.get(qid)
        value = answer.value
        if question is not None and answer.sample is None and (
            (value.__class__ is int and question.type == "maturity" and 1 <= value <= 5)
            or (value.__class__ is bool and question.type == "yesno")
        ):
            if qid in applicable:  # the common case, first: a level or yes/no that fits an applicable question
                if older and qid in changed:
                    problems += _changed_notices(questionnaire, qid, ref.version, value)
                continue
            bad = None
        elif question is not None:
            bad = value_problem(question, value)
        path = ("answers", qid)
        if question is None:
            retired = questionnaire.retired_by_id.get(qid)
            if retired is not None or older:
                why = f"：{retired.reason.zh}" if retired else ""
                why_en = f": {retired.reason.en}" if retired else ""
                problems.append(
                    Problem(
                        path,
                        f"问卷 {questionnaire.version} 版已无此题，该答案不再适用，已忽略{why}",
                        f"no longer in questionnaire version {questionnaire.version}; "
                        f"answer ignored{why_en}",
                        "notice",
                    )
                )
                continue
            problems.append(Problem(path, *unknown_id(("题号", "question id"), qid, by_id)))
            continue
        if bad is not None:
            problems.append(Problem((*path, "value"), *bad))
        elif answer.sample is not None and question.type != "number":
            problems.append(
                Problem((*path, "sample"), "只有数值题的答案可以写样本量", "only a number answer carries a sample size")
            )
        elif value is not None and qid not in applicable:
            problems.append(
                Problem(
                    path,
                    "此题不适用于该企业的行业、规模或企业情况，答案已忽略",
                    "this question does not apply to the company's sector, size or facts; answer ignored",
                    "notice",
                )
            )
        elif value is not None and value != NA and question.small_sample(answer.sample):
            problems.append(_small_sample_notice(path, question, answer.sample))
        elif (pct := fraction_as_percent(question, value)) is not None:
            problems.append(Problem(
                (*path, "value"),
                f"本题单位是 %，{value} 按 {value} % 计分；如果指的是 {pct:g} %，请写 {pct:g}",
                f"this question is in %, so {value} is scored as {value} %; if you mean {pct:g} %, write {pct:g}",
                "notice",
            ))
        elif value is not None and older:
            problems += _changed_notices(questionnaire, qid, ref.version, value)
    return problems


def _small_sample_notice(path: tuple[str, ...], question: Question, sample: int | None) -> Problem:
    lo, hi = SMALL_SAMPLE_LEVELS
    unit = question.sample_unit
    zh_unit, en_unit = (unit.zh, unit.en) if unit else ("", "")
    given_zh = "未写样本量" if sample is None else f"样本量 {sample} {zh_unit}"
    given_en = "no sample size given" if sample is None else f"sample of {sample} {en_unit}"
    return Problem(
        path,
        f"{given_zh}，少于本题要求的 {question.min_sample} {zh_unit}：按 {lo}-{hi} 级计分",
        f"{given_en}, fewer than the {question.min_sample} {en_unit} this question needs: "
        f"scored within levels {lo}-{hi}",
        "notice",
        fix="sample",
    )


def _changed_notices(questionnaire: Questionnaire, qid: str, version: str, value: object) -> list[Problem]:
    """A notice for each change of meaning of `qid` since the answer file's `version` that
    touches the answer `value` (a change of the upper levels only leaves a lower level alone)."""
    return [
        Problem(
            ("answers", qid),
            f"此题在问卷 {c.since} 版中含义有变，请按新题意复核该答案：{c.reason.zh}",
            f"the meaning of this question changed in version {c.since}; check the answer "
            f"against the new wording: {c.reason.en}",
            "notice",
        )
        for c in questionnaire.changed_by_id.get(qid, ())
        if version_key(c.since) > version_key(version) and c.concerns(value)
    ]


def fact_notices(questionnaire: Questionnaire, company: Company) -> list[Problem]:
    """One notice per company fact not stated that applicable questions depend on."""
    out: list[Problem] = []
    for fact, qids in questionnaire.missing_facts(company.sector, company.size, company).items():
        zh, en = FACT_NAMES[fact]
        shown = ", ".join(qids[:8]) + (" …" if len(qids) > 8 else "")
        out.append(
            Problem(
                ("company", fact),
                f"未填写企业情况“{zh}”（{fact}），依赖它的题目暂按适用处理：{shown}",
                f"company fact '{fact}' ({en}) not given; the questions that depend on it "
                f"are kept as applicable: {shown}",
                "notice",
            )
        )
    return out


_Step = tuple[str, str, float, bool, bool, Question]


def _plan(questionnaire: Questionnaire, company: Company) -> list[_Step]:
    """The applicable questions as (id, area, weight, red line?, maturity?, question).

    Kept in the questionnaire's memo: a batch scores thousands of files against
    one questionnaire, and unpacking a tuple per question is much cheaper than
    reading five model attributes.
    """
    key = ("scoring-plan", company.sector, company.size, *company.facts_key())
    steps: list[_Step] | None = questionnaire.memo.get(key)
    if steps is None:
        steps = questionnaire.memo[key] = [
            (q.id, q.area, q.weight, q.red_line, q.type == "maturity", q)
            for q in questionnaire.applicable(company.sector, company.size, company)
        ]
    return steps


def _gate(answers: list[bool | None]) -> GateStatus | None:
    """An area's compliance gate: None without red lines, else unmet / open / met."""
    if not answers:
        return None
    if False in answers:
        return "unmet"
    return "open" if None in answers else "met"


def score(
    answers: AnswerFile,
    questionnaire: Questionnaire,
    *,
    missing: MissingTreatment = "exclude",
) -> AssessmentResult:
    """Score an answer file that `check_answers` found free of errors."""
    company = answers.company
    steps = _plan(questionnaire, company)
    cap = questionnaire.red_line_cap
    empty = Answer()

    red_lines: list[RedLineFinding] = []
    # per area: [applicable, answered, n/a, scored, sum of weights, sum of weight x score]
    tally: dict[str, list[float]] = {a.id: [0, 0, 0, 0, 0.0, 0.0] for a in questionnaire.areas}
    # per area: the answers to its applicable red lines (True, False or None)
    gates: dict[str, list[bool | None]] = {a.id: [] for a in questionnaire.areas}
    given = answers.answers
    lowest = missing == "lowest"
    for qid, area_id, weight, red_line, maturity, q in steps:
        answer = given.get(qid, empty)
        value = answer.value
        t = tally[area_id]
        t[0] += 1
        level: int | None
        if value.__class__ is int and maturity:  # the common case, first
            level = value
            t[1] += 1
        elif value.__class__ is bool:  # a yes/no question (check_answers saw to that)
            t[1] += 1
            if red_line:  # a gate: met or unmet, it adds no points
                gates[area_id].append(value)
                if not value:
                    red_lines.append(RedLineFinding(qid, area_id, "unmet", q.cites))
                continue
            level = 5 if value else 1
        elif value is None:
            if red_line:
                gates[area_id].append(None)
                red_lines.append(RedLineFinding(qid, area_id, "unanswered", q.cites))
                continue
            level = 1 if lowest else None
        elif value == NA:
            t[1] += 1
            t[2] += 1
            continue
        else:
            level = answer_level(q, answer)
            t[1] += 1
        if level is not None:
            t[3] += 1
            t[4] += weight
            t[5] += weight * (level - 1) / 4

    areas: list[AreaResult] = []
    for area in questionnaire.areas:
        n_applicable, n_answered, n_na, n_scored, total_w, total_ws = tally[area.id]
        unmet = [f.question for f in red_lines if f.area == area.id and f.status == "unmet"]
        raw: float | None = None
        area_level: float | None = None
        scaled: float | None = None
        capped = False
        if n_scored:
            raw = 100 * total_ws / total_w
            area_level = 1 + 4 * raw / 100
            if unmet and area_level > cap:
                area_level, capped = cap, True
            scaled = 100 * (area_level - 1) / 4
        areas.append(
            AreaResult(
                id=area.id,
                weight=area.weight,
                applicable=int(n_applicable),
                answered=int(n_answered),
                not_applicable=int(n_na),
                scored=int(n_scored),
                raw_score=raw,
                score=scaled,
                level=area_level,
                whole_level=None if area_level is None else whole(area_level),
                capped=capped,
                red_lines_unmet=unmet,
                gate=_gate(gates[area.id]),
            )
        )

    assessed = [a for a in areas if a.score is not None]
    index = overall = None
    overall_capped = False
    if assessed:
        index = sum(a.weight * (a.score or 0.0) for a in assessed) / sum(a.weight for a in assessed)
        overall = 1 + 4 * index / 100
        if any(f.status == "unmet" for f in red_lines) and overall > cap:
            overall, overall_capped = cap, True
    answered = sum(a.answered for a in areas)
    return AssessmentResult(
        questionnaire=questionnaire.id,
        questionnaire_version=questionnaire.version,
        company=company.name,
        credit_code=company.credit_code,
        sector=company.sector,
        size=company.size,
        region=company.region,
        assessment_date=answers.assessment.date,
        assessor=answers.assessment.assessor,
        areas=areas,
        overall_index=index,
        overall_level=overall,
        whole_level=None if overall is None else whole(overall),
        capped=overall_capped,
        applicable=len(steps),
        answered=answered,
        completeness=answered / len(steps) if steps else 1.0,
        missing_treatment=missing,
        red_lines=red_lines,
        facts=company,
    )


def compare(result: AssessmentResult, profile: BenchmarkProfile, questionnaire: Questionnaire) -> Comparison:
    """An assessment against a benchmark profile: per-area gaps and their priority.

    An area meets its target when its (capped) level reaches it and, where the
    profile requires red lines, none is unmet there. Priority: areas with an
    unmet red line first, then area weight x gap, largest first, then
    questionnaire order. Progress is the area-weighted share of the way from
    level 1 to the targets: sum w*min(actual-1, target-1) / sum w*(target-1).
    """
    gaps: list[AreaGap] = []
    not_assessed: list[str] = []
    num = den = 0.0
    for area in questionnaire.areas:
        target = profile.targets.get(area.id)
        if target is None:
            continue
        ar = result.area(area.id)
        red = bool(ar.red_lines_unmet)
        if ar.level is None:
            not_assessed.append(area.id)
            gaps.append(
                AreaGap(area=area.id, target=target.level, actual=None, gap=None, met=False,
                        red_line=red, weight=area.weight, priority=None)
            )
            continue
        gap = max(0.0, target.level - ar.level)
        met = gap <= _EPS and not (red and profile.require_red_lines)
        num += area.weight * min(ar.level - 1, target.level - 1)
        den += area.weight * (target.level - 1)
        gaps.append(
            AreaGap(area=area.id, target=target.level, actual=ar.level, gap=gap, met=met,
                    red_line=red, weight=area.weight, priority=None)
        )
    order = {a.id: i for i, a in enumerate(questionnaire.areas)}
    open_gaps = sorted(
        (g for g in gaps if not g.met and g.gap is not None),
        key=lambda g: (not g.red_line, -(g.weight * (g.gap or 0.0)), order[g.area]),
    )
    rank = {g.area: i + 1 for i, g in enumerate(open_gaps)}
    gaps = [replace(g, priority=rank.get(g.area)) for g in gaps]
    red_ok = not (profile.require_red_lines and result.unmet_red_lines)
    overall_ok = profile.min_overall_level is None or (
        result.overall_level is not None and result.overall_level + _EPS >= profile.min_overall_level
    )
    n_met = sum(1 for g in gaps if g.met)
    return Comparison(
        profile=profile.id,
        profile_version=profile.version,
        areas=gaps,
        met=n_met,
        targeted=len(gaps),
        progress=100.0 if den == 0 else 100 * num / den,
        red_lines_ok=red_ok,
        overall_ok=overall_ok,
        all_met=n_met == len(gaps) and red_ok and overall_ok,
        not_assessed=not_assessed,
    )
