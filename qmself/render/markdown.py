"""The improvement-plan report as Markdown (same content as the PDF)."""

from __future__ import annotations

from qmself.model.common import pick
from qmself.render import numbers as num
from qmself.render.progress import action_line
from qmself.render.report import Report, headings
from qmself.render.text import gate_note


def _cell(s: object) -> str:
    return str(s).replace("|", "\\|").replace("\n", " ")


def _lv(x: float | None) -> str:
    return num.level(x)


def render_markdown(r: Report) -> str:
    L = r.lang
    H = headings(L)
    out: list[str] = [f"# {r.title} — {r.company}", ""]
    rows = [
        (pick(L, "企业", "Company"), r.company), (pick(L, "统一社会信用代码", "Credit code"), r.credit_code),
        (pick(L, "行业", "Sector"), r.sector), (pick(L, "规模", "Size"), r.size),
        (pick(L, "地区", "Region"), r.region or "—"), (pick(L, "评估日期", "Assessment date"), r.assessment_date),
        (pick(L, "评估人", "Assessor"), r.assessor or "—"), (pick(L, "问卷", "Questionnaire"), r.questionnaire),
        (pick(L, "基准档案", "Benchmark profile"), f"{r.profile_title} ({r.profile})"),
        (pick(L, "生成日期", "Generated"), r.generated),
    ]
    out += [f"| {pick(L, '项目', 'Item')} | {pick(L, '内容', 'Value')} |", "|---|---|"]
    out += [f"| {k} | {_cell(v)} |" for k, v in rows]

    out += ["", f"## {H['summary']}", ""]
    lvl = f"{num.level(r.overall_level)} {r.overall_level_name}" if r.overall_level is not None else "—"
    out.append(pick(L, f"- 总体指数 **{num.score(r.overall_index)}** / 100，等级 **{lvl}**",
                    f"- Overall index **{num.score(r.overall_index)}** / 100, level **{lvl}**")
               + (pick(L, "（红线封顶）", " (capped by a red line)") if r.overall_capped else ""))
    out.append(pick(L, f"- 完整度 {num.share(r.completeness)}（{r.answered}/{r.applicable}）",
                    f"- Completeness {num.share(r.completeness)} ({r.answered}/{r.applicable})"))
    out.append(pick(L, f"- 目标完成度 {num.pct(r.progress)}，达标领域 {r.targets_met}/{r.targets}",
                    f"- Progress to target {num.pct(r.progress)}, {r.targets_met} of {r.targets} areas at target"))
    unmet = [x for x in r.red_lines if x.status == "unmet"]
    out.append(pick(L, f"- 未满足的红线：{len(unmet)} 项", f"- Unmet red lines: {len(unmet)}"))
    if r.top_gaps:
        out += ["", f"**{pick(L, '主要差距', 'Top gaps')}**", ""] + [f"{i}. {g}" for i, g in enumerate(r.top_gaps, 1)]
    out += ["", f"**{pick(L, '计划概要', 'The plan in brief')}**", "", " ".join(r.summary)]

    if r.since_last is not None:
        out += ["", f"## {pick(L, '自上次评估以来的进展', 'Progress since the last assessment')}", ""]
        out += [f"- {ln}" for ln in r.since_last_lines]
        if r.since_last_regressions:
            out += ["", f"**{pick(L, '⚠ 较上次回退的题目', '⚠ Questions that went down')}**", ""]
            out += [f"- {_cell(x)}" for x in r.since_last_regressions]
        out += ["", "| " + " | ".join([pick(L, "领域", "Area"), pick(L, "上次", "Before"), pick(L, "本次", "Now"),
                                      pick(L, "变化", "Change"), pick(L, "目标", "Target"), pick(L, "进展", "Progress")])
                + " |", "|---|---:|---:|---:|---:|---:|"]
        for a in r.since_last["areas"]:
            change = num.change(a["change"])
            share = num.share(a["progress"])
            out.append(f"| {a['area']} {_cell(a['title'])} | {_lv(a['before'])} | {_lv(a['after'])} | {change} | "
                       f"{num.target(a['target'])} | {share} |")
        if r.since_last["actions"]:
            out += ["", pick(L, "上次计划中的措施：", "Actions of the previous plan:"), ""]
            out += [f"- {action_line(x, L)}" for x in r.since_last["actions"]]

    out += ["", f"## {H['areas']}", ""]
    head = [pick(L, "领域", "Area"), pick(L, "得分", "Score"), pick(L, "等级", "Level"), pick(L, "目标", "Target"),
            pick(L, "差距", "Gap"), pick(L, "优先", "Priority")]
    out += ["| " + " | ".join(head) + " |", "|---|---:|---|---:|---:|---:|"]
    for a in r.areas:
        level = "—" if a.level is None else f"{num.level(a.level)} {a.level_name}" + ("*" if a.capped else "")
        gap = "✓" if a.met else _lv(a.gap)
        out.append(f"| {a.id} {_cell(a.title)} | {num.score(a.score)} | {level} | "
                   f"{'—' if a.target is None else f'{a.target:g}'} | {gap} | {a.priority or ''} |")
    if any(a.capped for a in r.areas):
        out += ["", pick(L, "\\* 红线未满足，等级封顶。", "\\* capped by an unmet red line.")]
    gated = gate_note([a.id for a in r.areas if a.gate == "met"], L)
    if gated:
        out += ["", gated]

    out += ["", f"## {H['feedback']}", "", r.feedback_note, ""]
    for fa in r.feedback:
        out += [f"### {fa.title}（{fa.standing}）" if L == "zh" else f"### {fa.title} ({fa.standing})", "",
                f"**{pick(L, '优势', 'Strengths')}**", ""]
        out += [f"- {x}" for x in fa.strengths] or [f"- {pick(L, '（无）', '(none)')}"]
        out += ["", f"**{pick(L, '改进机会（按排名）', 'Opportunities (ranked)')}**", ""]
        out += [f"- {x}" for x in fa.opportunities] or [f"- {pick(L, '（无）', '(none)')}"]
        out.append("")

    out += ["", f"## {H['red_lines']}", ""]
    if not r.red_lines:
        out.append(pick(L, "全部红线均已满足。", "All red lines are met."))
    for x in r.red_lines:
        status = pick(L, "未满足", "NOT MET") if x.status == "unmet" else pick(L, "未作答", "not answered")
        out += [f"### {x.question} — {status}", "", x.text, "",
                f"- {pick(L, '要求', 'What is required')}: {x.requirement}",
                f"- {pick(L, '依据', 'Cites')}: {'; '.join(x.cites)}"]
        if x.actions:
            out.append(f"- {pick(L, '整改措施', 'Fixed by')}: {', '.join(x.actions)}")
        out.append("")

    out += ["", f"## {H['roadmap']}", ""]
    by_id = {a.id: a for a in r.actions}
    for ph in r.phases:
        out += [f"### {ph.title} ({ph.start} – {ph.end})", "",
                "| " + " | ".join([pick(L, "措施", "Action"), pick(L, "责任", "Owner"), pick(L, "开始", "Start"),
                                   pick(L, "结束", "End"), pick(L, "月", "Months")]) + " |",
                "|---|---|---|---|---:|"]
        for i in ph.actions:
            act = by_id[i]
            out.append(f"| {act.id} {_cell(act.title)} | {_cell(act.owner)} | {act.start} | {act.end} | {act.months} |")
        out.append("")
    if r.uncovered:
        out.append(pick(L, f"措施库中没有针对以下领域差距的措施：{'、'.join(r.uncovered)}",
                        f"The catalogue has no action for the gaps in: {', '.join(r.uncovered)}"))

    if r.later:
        out += ["", f"### {r.later_title}", "", r.later_note, "",
                "| " + " | ".join([pick(L, "措施", "Action"), pick(L, "责任", "Owner"), pick(L, "月", "Months"),
                                   pick(L, "原因", "Why")]) + " |", "|---|---|---:|---|"]
        out += [f"| {x.id} {_cell(x.title)} | {_cell(x.owner)} | {x.months} | {_cell(x.reason)} |" for x in r.later]

    phases = r.phase_columns
    if phases:
        out += ["", f"### {pick(L, '预计等级', 'Projected levels')}", ""]
        out += ["| " + " | ".join([pick(L, "领域", "Area"), pick(L, "现状", "Now"), pick(L, "目标", "Target"), *phases]) + " |",
                "|---|---:|---:|" + "---:|" * len(phases)]
        for a in r.areas:
            out.append(f"| {a.id} | {_lv(a.level)} | {'—' if a.target is None else f'{a.target:g}'} | "
                       + " | ".join(_lv(x) for x in a.after_phase) + " |")
        out.append(f"| {pick(L, '总体指数', 'Overall index')} | {num.score(r.overall_index)} | | "
                   + " | ".join(num.score(x) for x in r.overall_after_phase) + " |")
        out += ["", r.projection_note]

    if r.workload:
        peak = dict(r.peak_load)
        out += ["", f"### {pick(L, '工作量（人月）', 'Workload (person-months)')}", "",
                "| " + " | ".join([pick(L, "责任角色", "Owner"), *phases, pick(L, "月峰值", "Peak")]) + " |",
                "|---|" + "---:|" * (len(phases) + 1)]
        out += [f"| {_cell(o)} | " + " | ".join(f"{x:g}" for x in w) + f" | {peak.get(o, 0):g} |" for o, w in r.workload]
        out += ["", r.workload_note]

    out += ["", f"## {H['actions']}", ""]
    for act in r.actions:
        out += [f"### {act.id} {act.title}", "", act.description, "",
                f"- {pick(L, '原因', 'Why')}: {act.reason} · {', '.join(act.areas)} · {pick(L, '等级', 'level')} {act.step}",
                f"- {pick(L, '责任', 'Owner')}: {act.owner} · {pick(L, '工作量', 'Effort')}: {act.effort} · "
                f"{act.start} – {act.end} ({act.months} {pick(L, '个月', 'months')})",
                f"- {pick(L, '前置措施', 'Prerequisites')}: {'; '.join(act.prerequisites) or pick(L, '无', 'none')}",
                f"- {pick(L, '关键指标', 'KPIs')}:"]
        out += [f"  - {k.text}" for k in act.kpis]
        out.append(f"- {pick(L, '完成证据', 'Evidence of completion')}: {pick(L, '；', '; ').join(act.evidence)}")
        out += [f"- {pick(L, '政策依据', 'Policy clauses')}: {'; '.join(act.cites)}", ""]

    for fw in r.frameworks:
        out += [f"## {fw['title']}", "", *[p + "\n" for p in fw["intro"]],
                "| " + " | ".join(fw["header"]) + " |", "|" + "---|" * len(fw["header"])]
        out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in fw["rows"]]
        out += ["", *[f"- {n}" for n in fw["notes"]], ""]
        if fw["outline"]:
            out += [f"### {fw['outline_title']}", "", fw["outline_intro"], ""]
        for b in fw["outline"]:
            out += [f"#### {b['heading']}", "", *[p + "\n" for p in b["paragraphs"]], *[f"- {x}" for x in b["bullets"]], ""]
    out += [f"## {pick(L, '附录', 'Appendix')}", "", f"### {pick(L, '方法', 'Method')}", ""]
    out += [f"- {m}" for m in r.method]
    out += ["", f"### {pick(L, '答卷与证据', 'Answers and evidence')}", "",
            "| " + " | ".join([pick(L, "题号", "Question"), pick(L, "题目", "Text"), pick(L, "答案", "Answer"),
                               pick(L, "证据", "Evidence"), pick(L, "备注", "Note")]) + " |", "|---|---|---|---|---|"]
    out += [f"| {x.question} | {_cell(x.text)} | {x.answer} | {_cell(x.evidence)} | {_cell(x.note)} |" for x in r.answers]
    if r.calibration:
        out += ["", f"### {pick(L, '需校准的题目（评估人相差两级以上）', 'To calibrate (assessors two levels or more apart)')}", ""]
        out += [f"- {c['question']}: " + "; ".join(f"{k} = {v}" for k, v in c["values"].items()) for c in r.calibration]
    out += ["", f"### {pick(L, '引用文件', 'Documents cited')}", ""]
    out += [f"- `{d}` {title}: {'、'.join(clauses) if L == 'zh' else ', '.join(clauses)}" for d, title, clauses in r.documents]
    if r.notices:  # as in the PDF's appendix: the stretch target, the answer file's notices, "assess first"
        out += ["", f"### {pick(L, '注意事项', 'Notes')}", ""] + [f"- {_cell(n)}" for n in r.notices]
    return "\n".join(out) + "\n"
