"""Cross-reference checks of questionnaires and benchmark profiles (pure).

The models check each object's own shape; these functions check what ties the
objects together and return every problem found, so `qmself questionnaire lint`
and `qmself benchmark lint` can list them all at once.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable

from qmself.citations import citation_problem
from qmself.errors import Problem
from qmself.model.benchmark import BenchmarkProfile
from qmself.model.questionnaire import LEVELS, Question, Questionnaire


def _duplicates(ids: Iterable[str]) -> set[str]:
    return {i for i, n in Counter(ids).items() if n > 1}


def _citation_problems(cites: list[str], path: tuple[str | int, ...]) -> list[Problem]:
    out = []
    for i, c in enumerate(cites):
        why = citation_problem(c)
        if why is not None:
            out.append(Problem((*path, i), f"引用无效：{why}", f"invalid citation: {why}"))
    return out


def _band_problems(q: Question, path: tuple[str | int, ...]) -> list[Problem]:
    bands = sorted(q.bands or [], key=lambda b: (b.min is not None, b.min or 0.0))
    out: list[Problem] = []
    if not bands:
        return out
    if bands[0].min is not None and q.min is not None and bands[0].min > q.min:
        out.append(Problem((*path, "bands"), f"分档未覆盖 {q.min} 到 {bands[0].min}",
                           f"bands leave {q.min} to {bands[0].min} uncovered"))
    for a, b in itertools.pairwise(bands):
        if a.max is None or b.min is None or a.max != b.min:
            out.append(Problem((*path, "bands"), f"分档不连续或重叠：{a.max} / {b.min}",
                               f"bands must meet exactly (max of one = min of the next): {a.max} / {b.min}"))
    last = bands[-1]
    if last.max is not None and q.max is not None and last.max <= q.max:
        out.append(Problem((*path, "bands"), f"分档未覆盖到上限 {q.max}",
                           f"bands do not reach the maximum {q.max} (max is exclusive; omit it on the last band)"))
    levels = [b.level for b in bands]
    if len(set(levels)) != len(levels):
        out.append(Problem((*path, "bands"), "同一等级出现在多个分档中", "a level appears in more than one band"))
    return out


def questionnaire_problems(q: Questionnaire) -> list[Problem]:
    """Everything wrong with how a questionnaire's parts refer to each other."""
    out: list[Problem] = []
    for name, ids in (
        ("areas", [a.id for a in q.areas]),
        ("modules", [m.id for m in q.modules]),
        ("sectors", [s.id for s in q.sectors]),
        ("questions", [x.id for x in q.questions]),
    ):
        for dup in sorted(_duplicates(ids)):
            i = ids.index(dup, ids.index(dup) + 1)
            out.append(Problem((name, i, "id"), f"编号 '{dup}' 重复", f"id '{dup}' is used twice"))
    if sorted(lv.level for lv in q.levels) != list(LEVELS):
        out.append(Problem(("levels",), "成熟度等级应为 1 到 5 各一", "levels must be 1, 2, 3, 4, 5 once each"))
    areas = {a.id for a in q.areas}
    modules = {m.id for m in q.modules}
    for i, s in enumerate(q.sectors):
        for m in s.modules:
            if m not in modules:
                out.append(Problem(("sectors", i, "modules"), f"未知模块 '{m}'", f"unknown module '{m}'"))
    core_areas: set[str] = set()
    for i, x in enumerate(q.questions):
        path: tuple[str | int, ...] = ("questions", i)
        if x.area not in areas:
            out.append(Problem((*path, "area"), f"未知领域 '{x.area}'", f"unknown area '{x.area}'"))
        if x.module is not None and x.module not in modules:
            out.append(Problem((*path, "module"), f"未知模块 '{x.module}'", f"unknown module '{x.module}'"))
        if x.module is None:
            core_areas.add(x.area)
        out += _citation_problems(x.cites, (*path, "cites"))
        if x.levels:
            for lang in ("zh", "en"):
                texts = [x.levels[k](lang) for k in LEVELS]
                if len(set(texts)) != len(texts):
                    out.append(Problem((*path, "levels"), f"等级描述（{lang}）有重复",
                                       f"two level descriptors ({lang}) are the same"))
        if x.type == "number":
            out += _band_problems(x, path)
    for a in sorted(areas - core_areas):
        out.append(Problem(("areas",), f"领域 '{a}' 没有核心问题", f"area '{a}' has no core question"))
    current = {x.id for x in q.questions}
    for i, r in enumerate(q.retired):
        if r.id in current:
            out.append(Problem(("retired", i, "id"), f"'{r.id}' 既是现有题目又标为已退役",
                               f"'{r.id}' is both a current and a retired question"))
    return out


def profile_problems(p: BenchmarkProfile, q: Questionnaire | None) -> list[Problem]:
    """Everything wrong with a benchmark profile, against its questionnaire if known."""
    out = _citation_problems(p.cites, ("cites",))
    for area_id, t in p.targets.items():
        out += _citation_problems(t.cites, ("targets", area_id, "cites"))
    if q is None:
        return out
    if p.questionnaire != q.id:
        out.append(Problem(("questionnaire",), f"档案针对问卷 '{p.questionnaire}'，不是 '{q.id}'",
                           f"profile is for questionnaire '{p.questionnaire}', not '{q.id}'"))
        return out
    for area_id in p.targets:
        if area_id not in q.area_by_id:
            out.append(Problem(("targets", area_id), f"未知领域 '{area_id}'", f"unknown area '{area_id}'"))
    for s in p.sectors or []:
        if s not in q.sector_by_id:
            out.append(Problem(("sectors",), f"未知行业 '{s}'", f"unknown sector '{s}'"))
    return out
