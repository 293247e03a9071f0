"""One schedule, one truth: for every example x every bundled profile, the plan's phases,
Gantt windows, projections, workload and summary all come from the one schedule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from qmself.model.plan import Plan
from qmself.planning import CAPACITY, HORIZON, phase_windows, plan_for
from qmself.render.markdown import render_markdown
from qmself.render.report import Report, build_report
from qmself.scoring import score
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_answer_file
from tests.test_planning import assert_one_schedule

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*.yaml"))
CAT = Catalog()
PROFILES = sorted(CAT.profiles)


def plan_and_report(example: Path, profile_id: str, lang: str = "zh", size: str | None = None) -> tuple[Plan, Report]:
    loaded = load_answer_file(example, CAT.questionnaires)
    q = loaded.questionnaire
    answers = loaded.answers
    if size is not None:
        answers = answers.model_copy(update={"company": answers.company.model_copy(update={"size": size})})
    result = score(answers, q)
    plan, cmp, prof = plan_for(result, answers, CAT.profile(profile_id), CAT.profiles, q, CAT.catalogue(q))
    report = build_report(answers, result, cmp, plan, q, CAT.catalogue(q), prof.id, lang,
                          generated=dt.date(2026, 12, 1))
    return plan, report


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("profile_id", PROFILES)
def test_every_plan_keeps_to_one_schedule(example: Path, profile_id: str) -> None:
    plan, r = plan_and_report(example, profile_id)
    size = load_answer_file(example, CAT.questionnaires).answers.company.size
    assert_one_schedule(plan, size)
    # the report shows that schedule: phases, their windows and titles, the summary's figures
    held = [(p.id, [a.action.id for a in plan.in_phase(p.id)]) for p in plan.phases]
    assert [(p.id, p.actions) for p in r.phases] == held
    for ph, block in zip(plan.phases, r.phases, strict=True):
        assert (block.start_month, block.end_month) == (ph.start_month, ph.end_month)
        assert f"{ph.start_month}–{ph.end_month}" in block.title
        assert ("红线" in block.title) == any(a.reason == "red_line" for a in plan.in_phase(ph.id))
    assert r.phase_columns == [f"P{p.id}" for p in plan.phases]
    # a stretch target is said first (plan_for), then the plan in three sentences
    assert bool(r.stretch) == (plan.stretch_from is not None) and (not r.stretch or r.summary[0] == r.stretch)
    plan_in_brief = r.summary[1:] if r.stretch else r.summary
    if plan.actions:
        assert f"分 {len(plan.phases)} 个阶段，{plan.end_month} 个月完成" in plan_in_brief[0]
        assert (f"另有 {len(plan.later)} 项" in plan_in_brief[0]) == bool(plan.later)
    # later actions are shown, never dropped
    assert [x.id for x in r.later] == [x.action.id for x in plan.later]
    md = render_markdown(r)
    for x in plan.later:
        assert f"| {x.action.id} " in md
    assert not ({x.action.id for x in plan.later} & {a.action.id for a in plan.actions})
    # the summary names the priorities in the gap table's order
    ranked = sorted((a for a in r.areas if a.priority is not None and a.level is not None),
                    key=lambda a: a.priority or 0)
    assert [g.split(" ", 1)[0] for g in r.top_gaps] == [a.id for a in ranked[:3]]
    if plan.actions and ranked:
        named = [a.title for a in ranked[:3]]
        second = plan_in_brief[1]
        assert [second.index(t) for t in named] == sorted(second.index(t) for t in named)


@pytest.mark.parametrize("size", ["micro", "small", "medium", "large"])
def test_sizes_bound_the_horizon_and_the_load(size: str) -> None:
    # the most demanding plan of the examples, as if the company were of each size
    small = EXAMPLES[[p.stem for p in EXAMPLES].index("small-manufacturer")]
    plan, r = plan_and_report(small, "quality-award", size=size)
    assert_one_schedule(plan, size)
    assert plan.horizon == HORIZON[size] and plan.capacity == CAPACITY[size]
    assert max(max(m) for m in plan.monthly_load.values()) <= CAPACITY[size] + 1e-9  # no red line here exceeds it
    assert r.horizon == HORIZON[size] and f"每月最多投入 {CAPACITY[size]:g} 人月" in " ".join(r.method)
    if size in ("micro", "small"):
        assert plan.later, "a quality-award plan for a small firm cannot fit in its horizon"


def test_phase_windows() -> None:
    assert phase_windows(12) == ((0, 12),)
    assert phase_windows(18) == ((0, 12), (12, 18))
    assert phase_windows(24) == ((0, 12), (12, 24))
    assert phase_windows(36) == ((0, 12), (12, 24), (24, 36))
    assert phase_windows(24, first_end=14) == ((0, 24),)  # red-line work longer than a year keeps phase 1 whole
