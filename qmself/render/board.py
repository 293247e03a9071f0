"""The board page: what the PDF prints right after the cover, as one typed object.

`BoardPage` is the contract between the report's content and the PDF layout
(`render.pdf._board_page`). `board_page` fills it from the `Report` alone (every
figure already decided there, rounded by `render.numbers`); when the report module
provides the board page's content itself, this function becomes a pass-through. The
strengths are the report's (`Report.board_strengths`, from `qmself.feedback`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qmself.laws import describe_basis
from qmself.model.common import pick
from qmself.render import numbers as num
from qmself.render.report import Report, months_between


@dataclass
class BoardPage:
    title: str
    key_message: list[str]
    """Two sentences: where the company stands, what the plan does about it."""
    facts: list[tuple[str, str]]
    """Overall level and index, red lines, plan length, total effort."""
    red_lines: list[str]
    strengths: list[str]
    priorities: list[str]
    effort_by_role: list[tuple[str, float]]
    """(role, person-months over the whole plan), largest first."""
    decisions: list[str]
    approvals: list[str] = field(default_factory=list)
    """The approval steps, in order (编制 / 审核 / 批准)."""
    document_number: str = ""
    version: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    """The page's fixed words (`BOARD_LABELS`), for PDF and Word alike."""


BOARD_LABELS = {
    "document": ("文件编号：", "Document no. "),
    "red_lines": ("未满足的红线：", "Unmet red lines: "),
    "strengths": ("三项主要优势", "Top three strengths"),
    "priorities": ("三项优先改进", "Top three priorities"),
    "none": ("（无）", "(none)"),
    "effort": ("工作量（人月，按责任角色）", "Effort by owner role (person-months)"),
    "decisions": ("提请董事会决定", "Decisions asked of the board"),
    "step": ("职责", "Step"),
    "name": ("姓名", "Name"),
    "signature": ("签字", "Signature"),
    "date": ("日期", "Date"),
}


def board_page(r: Report) -> BoardPage:
    lang = r.lang
    unmet = [x for x in r.red_lines if x.status == "unmet"]
    months = max((months_between(r.assessment_date, a.end) for a in r.actions), default=0)
    effort: dict[str, float] = {}
    for role, loads in r.workload:
        effort[role] = effort.get(role, 0.0) + sum(loads)
    by_role = sorted(((k, num.half_up(v, 1)) for k, v in effort.items() if v > 0), key=lambda kv: (-kv[1], kv[0]))
    total = num.half_up(sum(v for _, v in by_role), 1)
    level = num.level(r.overall_level) + (f" {r.overall_level_name}" if r.overall_level_name else "")

    red = [f"{x.question} {x.text}" + (pick(lang, f"（法律依据：{describe_basis(x.legal_basis, lang)}）",
                                            f" (legal basis: {describe_basis(x.legal_basis, lang)})")
                                       if x.legal_basis else "") for x in unmet]
    standing = pick(lang, f"总体等级 {level}（指数 {num.score(r.overall_index)} / 100）",
                    f"level {level} (index {num.score(r.overall_index)} / 100)")
    reds = pick(lang, f"，{len(unmet)} 项法定红线未满足，总体等级因此封顶。" if unmet else "，法定红线均已满足。",
                f"; {len(unmet)} statutory red line(s) unmet cap the overall level." if unmet
                else "; every statutory red line is met.")
    if r.stretch_from:
        first = pick(lang,
                     f"企业已达到所选基准“{r.stretch_from}”的全部目标，{standing}；本计划以下一档“{r.profile_title}”"
                     f"为延伸目标，目前 {r.targets_met}/{r.targets} 个领域已达到该档目标" + reds,
                     f"The company meets every target of “{r.stretch_from}” at {standing}; this plan aims beyond "
                     f"it at “{r.profile_title}” as a stretch target ({r.targets_met} of {r.targets} areas there "
                     "already)" + reds)
    else:
        first = pick(lang, f"对照“{r.profile_title}”，企业{standing}，{r.targets_met}/{r.targets} 个领域达到目标" + reds,
                     f"Against “{r.profile_title}” the company stands at {standing} with {r.targets_met} of "
                     f"{r.targets} areas at target" + reds)
    if r.actions:
        second = pick(lang,
                      f"本计划用 {months} 个月完成 {len(r.actions)} 项措施，合计约 {total:g} 人月"
                      + ("，红线整改立即启动。" if unmet else "，先从差距最大的领域入手。"),
                      f"The plan carries out {len(r.actions)} actions over {months} months, about {total:g} "
                      "person-months in all" + (", starting with the red-line fixes at once." if unmet
                                                 else ", starting with the largest gaps."))
    else:
        second = pick(lang, "所选基准的各项目标均已达到，本计划无需新增措施。",
                      "Every target of the chosen benchmark is met: the plan needs no new action.")

    decisions = []
    if r.stretch_from:
        decisions.append(pick(lang, f"确认以“{r.profile_title}”作为延伸目标（所选基准“{r.stretch_from}”已全部达到）。",
                              f"Confirm “{r.profile_title}” as the stretch target (the chosen benchmark "
                              f"“{r.stretch_from}” is met in full)."))
    if r.actions:
        decisions.append(pick(lang, f"批准本改进计划（{len(r.actions)} 项措施，{months} 个月）。",
                              f"Approve this improvement plan ({len(r.actions)} actions over {months} months)."))
        decisions.append(pick(lang, f"为各责任角色安排合计约 {total:g} 人月的工作量（见上表）。",
                              f"Commit about {total:g} person-months of the owner roles' time (table above)."))
    if unmet:
        decisions.append(pick(lang, f"责成立即整改 {len(unmet)} 项未满足的法定红线，并在 3 个月内报告结果。",
                              f"Order the {len(unmet)} unmet statutory red line(s) fixed at once, reported back within "
                              "three months."))
    if not r.actions:
        decisions.append(pick(lang, "决定是否以更高一级的基准档案作为下一阶段的目标。",
                              "Decide whether to aim at the next, higher benchmark profile."))
    decisions.append(pick(lang, "指定首席质量官（或质量负责人）按季度向董事会报告计划进展。",
                          "Have the chief quality officer (or head of quality) report progress to the board every quarter."))
    facts = [
        (pick(lang, "总体等级与指数", "Overall level and index"),
         f"{level} · {num.score(r.overall_index)} / 100" + (pick(lang, "（红线封顶）", " (capped by a red line)")
                                                           if r.overall_capped else "")),
        (pick(lang, "基准目标", "Benchmark"), (pick(lang, f"{r.stretch_from}（已全部达到）→ 延伸目标 ",
                                                    f"{r.stretch_from} (all met) → stretch target ") if r.stretch_from else "")
         + f"{r.profile_title} · " + pick(
            lang, f"达标 {r.targets_met}/{r.targets} 个领域", f"{r.targets_met} of {r.targets} areas at target")),
        (pick(lang, "未满足的法定红线", "Unmet statutory red lines"), str(len(unmet))),
        (pick(lang, "计划周期与措施", "Plan length and actions"),
         pick(lang, f"{months} 个月 · {len(r.actions)} 项措施", f"{months} months · {len(r.actions)} actions")
         if r.actions else pick(lang, "无需新增措施", "no new action needed")),
    ]
    if r.actions:
        facts.append((pick(lang, "总工作量", "Total effort"),
                      pick(lang, f"约 {total:g} 人月", f"about {total:g} person-months")))
    code = "".join(c for c in r.credit_code if c.isalnum())[-6:] or "000000"
    return BoardPage(
        title=pick(lang, "董事会摘要", "Board summary"),
        key_message=[first, second] if second else [first],
        facts=facts,
        red_lines=red,
        strengths=list(r.board_strengths),
        priorities=list(r.top_gaps[:3]),
        effort_by_role=by_role,
        decisions=decisions,
        approvals=[pick(lang, "编制", "Prepared by"), pick(lang, "审核", "Reviewed by"), pick(lang, "批准", "Approved by")],
        document_number=f"QP-{code}-{r.assessment_date.replace('-', '')}",
        version=pick(lang, f"第 1 版 · {r.generated}", f"Version 1 · {r.generated}"),
        labels={k: pick(lang, zh, en) for k, (zh, en) in BOARD_LABELS.items()},
    )
