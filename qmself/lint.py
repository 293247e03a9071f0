"""Cross-reference checks of questionnaires and benchmark profiles (pure).

The models check each object's own shape; these functions check what ties the
objects together and return every problem found, so `qmself questionnaire lint`
and `qmself benchmark lint` can list them all at once.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable

from qmself.citations import citation_problem
from qmself.errors import Problem
from qmself.laws import legal_basis_problem
from qmself.model.actions import Action, Catalogue
from qmself.model.applicability import ROLE_MODULE, Applicability
from qmself.model.benchmark import BenchmarkProfile
from qmself.model.common import version_key
from qmself.model.crosswalk import Crosswalk
from qmself.model.questionnaire import LEVELS, Question, Questionnaire, VersionNote


def _duplicates(ids: Iterable[str]) -> set[str]:
    return {i for i, n in Counter(ids).items() if n > 1}


def _entry_problems(
    entries: list[str], path: tuple[str | int, ...], check: Callable[[str], str | None], zh: str, en: str
) -> list[Problem]:
    """One problem per entry `check` rejects, e.g. `zh`=引用无效, `en`=invalid citation."""
    out = []
    for i, entry in enumerate(entries):
        why = check(entry)
        if why is not None:
            out.append(Problem((*path, i), f"{zh}：{why}", f"{en}: {why}"))
    return out


def _citation_problems(cites: list[str], path: tuple[str | int, ...]) -> list[Problem]:
    return _entry_problems(cites, path, citation_problem, "引用无效", "invalid citation")


def _legal_basis_problems(basis: list[str], path: tuple[str | int, ...]) -> list[Problem]:
    return _entry_problems(basis, path, legal_basis_problem, "法律依据无效", "invalid legal basis")


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


def _condition_problems(
    cond: Applicability | None, module: str | None, path: tuple[str | int, ...]
) -> list[Problem]:
    """An `applies_if` condition must say something, and a role only where its module is."""
    if cond is None:
        return []
    where = (*path, "applies_if")
    if not cond.facts():
        return [Problem(where, "适用条件为空（删去 applies_if 或写明企业情况）",
                        "empty condition (drop applies_if or name a company fact)")]
    out: list[Problem] = []
    for fact, mod in ROLE_MODULE.items():
        if getattr(cond, fact) is not None and module != mod:
            out.append(Problem((*where, fact), f"{fact} 只能用于 {mod} 模块的题目或措施",
                               f"{fact} can only decide questions or actions of the {mod} module"))
    return out


def _version_problems(q: Questionnaire) -> list[Problem]:
    """`retired` and `changed` entries: since no later than this version; `changed` names current questions."""
    out: list[Problem] = []
    current = {x.id for x in q.questions}
    lists: tuple[tuple[str, list[VersionNote]], ...] = (("retired", [*q.retired]), ("changed", [*q.changed]))
    for name, entries in lists:
        for i, r in enumerate(entries):
            if version_key(r.since) > version_key(q.version):
                out.append(Problem((name, i, "since"), f"版本 {r.since} 晚于问卷版本 {q.version}",
                                   f"version {r.since} is later than the questionnaire's {q.version}"))
            if name == "retired" and r.id in current:
                out.append(Problem((name, i, "id"), f"'{r.id}' 既是现有题目又标为已退役",
                                   f"'{r.id}' is both a current and a retired question"))
            if name == "changed" and r.id not in current:
                out.append(Problem((name, i, "id"), f"'{r.id}' 不是现有题目", f"'{r.id}' is not a current question"))
    for i, c in enumerate(q.changed):
        x = q.question_by_id.get(c.id)
        if c.from_level is not None and x is not None and x.type != "maturity":
            out.append(Problem(("changed", i, "from_level"), f"{c.id} 不是成熟度题，不能只标出变化的等级",
                               f"{c.id} is not a maturity question: from_level applies to maturity levels only"))
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
        out += _legal_basis_problems(x.legal_basis, (*path, "legal_basis"))
        if x.red_line and not x.legal_basis:
            out.append(Problem((*path, "legal_basis"), "红线题目须写明法律依据（legal_basis：法律编号 第N条）",
                               "a red-line question must state its legal basis (legal_basis: <law-id> 第N条)"))
        out += _condition_problems(x.applies_if, x.module, path)
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
    out += _version_problems(q)
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


def _kpi_problems(a: Action, q: Questionnaire, path: tuple[str | int, ...]) -> list[Problem]:
    """A KPI linked to a question (its baseline) must measure what that question asks: the
    question exists and belongs to the action's areas or module; a number question's KPI has a
    target inside the question's range that its measure states (in both languages); a maturity
    question's KPI has no target of its own (it aims at the action's level); a yes/no question
    has no baseline to show."""
    out: list[Problem] = []
    for k, kpi in enumerate(a.kpis):
        where = (*path, "kpis", k)
        if kpi.question is None:
            if kpi.target is not None:
                out.append(Problem((*where, "target"), "目标值须与 question 一起给出（它以该题的单位计）",
                                   "a target goes with a question (it is in that question's unit)"))
            continue
        x = q.question_by_id.get(kpi.question)
        if x is None:
            out.append(Problem((*where, "question"), f"未知题号 '{kpi.question}'",
                               f"unknown question id '{kpi.question}'"))
            continue
        if x.area not in a.areas and (a.module is None or x.module != a.module):
            out.append(Problem((*where, "question"), f"题目 {x.id} 不属于本措施的领域或模块，不能作为指标基线",
                               f"question {x.id} is in none of the action's areas or its module: "
                               "no baseline for this KPI"))
        if x.module is not None and a.module not in (None, x.module):
            out.append(Problem((*where, "question"), f"题目 {x.id} 属于模块 {x.module}，措施属于 {a.module}",
                               f"question {x.id} belongs to module {x.module}, the action to {a.module}"))
        if x.type == "yesno":
            out.append(Problem((*where, "question"), f"是非题 {x.id} 没有可作基线的数值或等级",
                               f"yes/no question {x.id} has no number or level to serve as a baseline"))
        elif x.type == "maturity":
            if kpi.target is not None:
                out.append(Problem((*where, "target"), f"{x.id} 是成熟度题：指标以措施的目标等级为目标，不另写目标值",
                                   f"{x.id} is a maturity question: the KPI aims at the action's level, "
                                   "no target of its own"))
        elif kpi.target is None:
            out.append(Problem((*where, "target"), f"{x.id} 是数值题：须给出以其单位计的目标值",
                               f"{x.id} is a number question: give the target in its unit"))
        else:
            lo, hi = x.min, x.max
            if (lo is not None and kpi.target < lo) or (hi is not None and kpi.target > hi):
                out.append(Problem((*where, "target"), f"目标值 {kpi.target:g} 超出 {x.id} 的取值范围",
                                   f"target {kpi.target:g} is outside {x.id}'s range"))
            floor = x.level_from(a.level_for(x.id))
            if floor is not None and (kpi.target < floor if x.higher_is_better else kpi.target > floor):
                out.append(Problem((*where, "target"),
                                   f"目标值 {kpi.target:g} 达不到措施的目标等级（{x.id} 自 {floor:g} 起）",
                                   f"target {kpi.target:g} falls short of the action's level "
                                   f"({x.id} reaches it at {floor:g})"))
            said = f"{kpi.target:g}"
            for lang in ("zh", "en"):
                text = kpi.measure(lang)
                if not re.search(rf"(?<![0-9.]){re.escape(said)}(?![0-9]|\\.[0-9])", text):
                    out.append(Problem((*where, "measure", lang), f"指标说明未写出目标值 {said}",
                                       f"the measure does not state the target {said}"))
    return out


def catalogue_problems(c: Catalogue, q: Questionnaire | None) -> list[Problem]:
    """Everything wrong with an action catalogue: ids, prerequisites (exist, acyclic),
    citations, owners, and, against its questionnaire, areas, questions and coverage."""
    out: list[Problem] = []
    ids = [a.id for a in c.actions]
    for dup in sorted(_duplicates(ids)):
        i = ids.index(dup, ids.index(dup) + 1)
        out.append(Problem(("actions", i, "id"), f"编号 '{dup}' 重复", f"id '{dup}' is used twice"))
    known = set(ids)
    roles = {r.id for r in c.roles}
    for i, r in enumerate(c.roles):
        for size, holder in r.held_by.items():
            where = ("roles", i, "held_by", size)
            if holder not in roles:
                out.append(Problem(where, f"未知责任角色 '{holder}'", f"unknown owner role '{holder}'"))
            elif size in c.role_by_id[holder].held_by:
                out.append(Problem(where, f"'{holder}' 在{size}企业中本身也由他人承担，请直接写承担者",
                                   f"'{holder}' is itself held by another role in a {size} company; name that role"))
    for i, a in enumerate(c.actions):
        path: tuple[str | int, ...] = ("actions", i)
        out += _citation_problems(a.cites, (*path, "cites"))
        out += _legal_basis_problems(a.legal_basis, (*path, "legal_basis"))
        out += _condition_problems(a.applies_if, a.module, path)
        if a.owner not in roles:
            out.append(Problem((*path, "owner"), f"未知责任角色 '{a.owner}'", f"unknown owner role '{a.owner}'"))
        for pre in a.prerequisites:
            if pre not in known:
                out.append(Problem((*path, "prerequisites"), f"前置措施 '{pre}' 不存在",
                                   f"prerequisite '{pre}' does not exist"))
            elif pre == a.id:
                out.append(Problem((*path, "prerequisites"), "措施不能以自身为前置", "an action cannot require itself"))
    cycle = _cycle({a.id: [p for p in a.prerequisites if p in known] for a in c.actions})
    if cycle:
        i = ids.index(cycle[0])
        chain = " → ".join(cycle)
        out.append(Problem(("actions", i, "prerequisites"), f"前置关系成环：{chain}",
                           f"prerequisites form a cycle: {chain}"))
    if q is None:
        return out
    if c.questionnaire != q.id:
        out.append(Problem(("questionnaire",), f"措施库针对问卷 '{c.questionnaire}'，不是 '{q.id}'",
                           f"catalogue is for questionnaire '{c.questionnaire}', not '{q.id}'"))
        return out
    if version_key(c.version) < version_key(q.version):
        out.append(Problem(("version",), f"措施库版本 {c.version} 早于问卷 {q.id} 的 {q.version} 版："
                                          "问卷改版后复核措施并提升措施库版本",
                           f"catalogue version {c.version} is older than questionnaire {q.id} {q.version}: review the "
                           "actions against the new questionnaire and raise the catalogue's version", "notice"))
    modules = {m.id for m in q.modules}
    for i, a in enumerate(c.actions):
        path = ("actions", i)
        for area_id in a.areas:
            if area_id not in q.area_by_id:
                out.append(Problem((*path, "areas"), f"未知领域 '{area_id}'", f"unknown area '{area_id}'"))
        if a.module is not None and a.module not in modules:
            out.append(Problem((*path, "module"), f"未知模块 '{a.module}'", f"unknown module '{a.module}'"))
        out += _link_problems(a, q, path)
        out += _kpi_problems(a, q, path)
        if a.red_line and not any(q.question_by_id.get(x) and q.question_by_id[x].red_line for x in a.questions):
            out.append(Problem((*path, "questions"), "红线措施须列出它所解决的红线题目",
                               "a red-line action must list the red-line question it fixes"))
    for area in q.areas:
        steps = {a.from_level for a in c.actions if area.id in a.areas and a.module is None}
        missing = [f"{k}→{k + 1}" for k in range(1, 5) if not any(s <= k for s in steps)]
        if not steps:
            out.append(Problem(("actions",), f"没有措施能提升领域 {area.id}", f"no action lifts area {area.id}"))
        elif missing:
            out.append(Problem(("actions",), f"领域 {area.id} 缺少提升 {', '.join(missing)} 的措施",
                               f"area {area.id} has no action for the step(s) {', '.join(missing)}", "notice"))
    lifted = {qid for a in c.actions for qid in a.questions}
    for x in q.questions:
        if x.id not in lifted:
            out.append(Problem(("actions",), f"没有措施提升题目 {x.id}；该题低于目标时计划无措施可选",
                               f"no action lifts question {x.id}: when it stands below a target the plan has nothing "
                               "to offer for it", "notice"))
    red = [x.id for x in q.questions if x.red_line]
    fixed = {qid for a in c.actions if a.red_line for qid in a.questions}
    for qid in red:
        if qid not in fixed:
            out.append(Problem(("actions",), f"红线题目 {qid} 没有对应的整改措施",
                               f"red-line question {qid} has no action that fixes it"))
    return out


def _link_problems(a: Action, q: Questionnaire, path: tuple[str | int, ...]) -> list[Problem]:
    """Whether an action's question links agree with what it is, as far as a rule can tell.

    Planning chooses an action only because of the questions it links (an area's gap pulls it
    in through a linked question of that area), so each link must be one the action can lift:
    * every linked question exists and lies in one of the action's areas (listing an area is how an
      action declares it works across areas); a module action links no other module's question (a
      core action may link a module question its wording serves: it only counts where that applies);
    * every area the action lists has a linked question in it (else the area's gap could never
      call for it, and the listing misleads);
    * a sector-module action lifts at least one question of its module (else its core links are
      of no relevance to the sector it is written for), unless it fixes a core red line the sector's
      way (a food licence for RISK-09);
    * a yes/no question (a statutory duty) is met or not: only a red-line action lifts it;
    * the level a question is lifted to lies within the action's step (above `from_level`, at most
      `to_level`), and a number question has a band at that level.
    """
    out: list[Problem] = []
    where = (*path, "questions")
    if not a.questions:
        return [Problem(where, "措施须列出它提升的题目（计划只因题目而选用措施）",
                        "an action must list the questions it lifts (plans choose actions only by question)")]
    linked = []
    for qid in a.questions:
        x = q.question_by_id.get(qid)
        if x is None:
            out.append(Problem(where, f"未知题号 '{qid}'", f"unknown question id '{qid}'"))
            continue
        linked.append(x)
        if x.area not in a.areas:
            out.append(Problem(where, f"题目 {qid} 属于领域 {x.area}，不在本措施的领域 {', '.join(a.areas)} 中"
                                      "（跨领域的措施请把该领域列入 areas）",
                               f"question {qid} is in area {x.area}, not one of the action's areas "
                               f"{', '.join(a.areas)} (an action that works across areas lists them)"))
        if x.module is not None and a.module is not None and x.module != a.module:
            out.append(Problem(where, f"题目 {qid} 属于 {x.module} 模块，本措施属于 {a.module} 模块",
                               f"question {qid} belongs to the {x.module} module, the action to the {a.module} module"))
        level = a.level_for(qid)
        if not a.from_level < level <= a.to_level:
            step = f"{a.from_level}→{a.to_level}"
            out.append(Problem((*path, "aims", qid), f"题目 {qid} 的目标等级 {level} 不在本措施的 {step} 之内",
                               f"question {qid} aims at level {level}, outside the action's step {step}"))
        if x.type == "yesno" and not a.red_line:
            out.append(Problem(where, f"题目 {qid} 是是非题（法定义务，满足或不满足），只有红线措施可以提升它",
                               f"question {qid} is yes/no (a statutory duty, met or not): "
                               "only a red-line action lifts it"))
        if x.type == "number" and x.bands and not any(b.level == level for b in x.bands):
            top = max(b.level for b in x.bands)
            out.append(Problem(where, f"数值题 {qid} 没有 {level} 级的分档（最高 {top} 级），本措施无法把它提升到该级",
                               f"number question {qid} has no band at level {level} (its highest is {top}): "
                               "the action cannot lift it there"))
    for area in a.areas:
        if linked and not any(x.area == area for x in linked):
            out.append(Problem((*path, "areas"), f"本措施列出领域 {area}，却没有提升该领域的任何题目",
                               f"the action lists area {area} but lifts no question of it"))
    if a.module is not None and not a.red_line and linked and not any(x.module == a.module for x in linked):
        out.append(Problem(where, f"{a.module} 模块的措施没有提升该模块的任何题目",
                           f"an action of the {a.module} module lifts no question of that module"))
    return out


def _cycle(graph: dict[str, list[str]]) -> list[str]:
    """One cycle in a prerequisite graph, as a closed chain of ids; [] if none."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def crosswalk_problems(cw: Crosswalk, q: Questionnaire | None) -> list[Problem]:
    """Everything wrong with a crosswalk against its questionnaire: every question maps
    somewhere, every mapped id is a question, the file is for this questionnaire. Items
    no question reaches are notices (the reports show them as not covered)."""
    out: list[Problem] = []
    if q is None:
        return out
    if cw.questionnaire != q.id:
        out.append(Problem(("questionnaire",), f"对照表针对问卷 '{cw.questionnaire}'，不是 '{q.id}'",
                           f"crosswalk is for questionnaire '{cw.questionnaire}', not '{q.id}'"))
        return out
    known = q.question_by_id
    retired = q.retired_by_id
    for qid in cw.mapping:
        if qid not in known and qid not in retired:
            out.append(Problem(("mapping", qid), f"未知题号 '{qid}'", f"unknown question '{qid}'"))
    for question in q.questions:
        if question.id not in cw.mapping:
            out.append(Problem(
                ("mapping",),
                f"题目 {question.id} 没有映射到 {cw.edition} 的任何条目；请在对照表 mapping 中补上",
                f"question {question.id} maps to no part of {cw.edition}; add it under mapping in the crosswalk",
            ))
    reached = {item for links in cw.mapping.values() for item in links}
    for ci, c in enumerate(cw.categories):
        for ii, it in enumerate(c.items):
            if it.id not in reached:
                out.append(Problem(("categories", ci, "items", ii, "id"),
                                   f"条目 {it.id} 没有对应题目，报告中显示为未覆盖",
                                   f"item {it.id} has no question; reports show it as not covered",
                                   severity="notice"))
    return out
