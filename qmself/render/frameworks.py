"""Framework estimates as data (JSON/YAML), CSV columns and terminal text.

The JSON shape is stable so that other tools can rely on it:
`frameworks: {gbt19580: {categories: [{id, title, max_points, points, band, coverage}],
total_points}, iso9004: {clauses: [{id, title, level, coverage}]}, iso9001: {clauses: [...]}}`,
plus a few keys that say what the numbers are (`estimate`, `edition`, `points_verified`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from qmself.cjk import cell_width, wrap
from qmself.frameworks import (
    CategoryEstimate,
    Finding,
    FrameworkEstimate,
    ItemEstimate,
    QuestionSignal,
    categories_raised,
    self_assessment_outline,
)
from qmself.model.answers import AnswerFile
from qmself.model.common import pick
from qmself.model.crosswalk import Crosswalk
from qmself.model.questionnaire import Questionnaire


def _r(x: float | None, nd: int = 1) -> float | None:
    return None if x is None else round(x, nd)


def _item(i: ItemEstimate, lang: str, framework: str) -> dict[str, Any]:
    d: dict[str, Any] = {"id": i.id, "title": i.title(lang), "level": _r(i.level, 2), "coverage": _r(i.coverage, 2)}
    if framework == "gbt19580":
        d.update(max_points=i.max_points, points=_r(i.points), capped=i.capped)
    if framework == "iso9001":
        d["gap"] = i.gap
    d["questions"] = list(i.answered)
    return d


def _category(c: CategoryEstimate, lang: str, framework: str) -> dict[str, Any]:
    d: dict[str, Any] = {"id": c.id, "title": c.title(lang)}
    if framework == "gbt19580":
        d.update(
            kind=c.kind, max_points=c.max_points, points=_r(c.points), percent=_r(c.percent),
            band=c.band.label(lang) if c.band is not None else None, coverage=_r(c.coverage, 2),
            measured=c.measured, points_verified=c.points_verified,
        )
    else:
        d.update(level=_r(c.level, 2), coverage=_r(c.coverage, 2))
    d["items"] = [_item(i, lang, framework) for i in c.items]
    return d


def as_data(e: FrameworkEstimate, lang: str) -> dict[str, Any]:
    """One framework's estimate in the documented JSON shape."""
    base: dict[str, Any] = {
        "estimate": True, "crosswalk": e.crosswalk, "crosswalk_version": e.crosswalk_version,
        "edition": e.edition, "title": e.title(lang), "coverage": _r(e.coverage, 2),
        "note": e.estimate_note(lang),
    }
    if e.framework == "gbt19580":
        base["categories"] = [_category(c, lang, e.framework) for c in e.categories]
        base.update(total_points=_r(e.total_points), max_points=e.max_points,
                    points_verified=e.points_verified, bands_verified=e.bands_verified)
    else:
        base["clauses"] = [_category(c, lang, e.framework) for c in e.categories]
        if e.framework == "iso9001":
            base["gaps"] = [i.id for i in e.items if i.gap]
    return base


def frameworks_data(estimates: dict[str, FrameworkEstimate], lang: str) -> dict[str, Any]:
    return {fw: as_data(e, lang) for fw, e in estimates.items()}


def csv_header(crosswalks: list[Crosswalk]) -> list[str]:
    """One column per category (GB/T 19580 points, ISO 9004 levels, ISO 9001 coverage), then
    the GB/T 19580 total and what in it is unverified, and the ISO 9001 gaps."""
    cols: list[str] = []
    for cw in crosswalks:
        cols += [f"{cw.framework}_{c.id}" for c in cw.categories]
        if cw.framework == "gbt19580":
            cols += ["gbt19580_total", "gbt19580_unverified"]
        if cw.framework == "iso9001":
            cols.append("iso9001_gaps")
    return cols


def csv_cells(estimates: list[FrameworkEstimate]) -> list[Any]:
    row: list[Any] = []
    for e in estimates:
        for c in e.categories:
            if e.framework == "gbt19580":
                row.append(_r(c.points))
            elif e.framework == "iso9004":
                row.append(_r(c.level, 2) if c.level is not None else "")
            else:
                row.append(_r(c.coverage, 2))
        if e.framework == "gbt19580":
            row += [_r(e.total_points), unverified_ids(e)]
        if e.framework == "iso9001":
            row.append(";".join(i.id for i in e.items if i.gap))
    return row


def _pad(s: str, cells: int) -> str:
    """`s` padded with spaces to `cells` terminal cells (never cut)."""
    return s + " " * max(1, cells - cell_width(s))


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def unverified_ids(e: FrameworkEstimate) -> str:
    """The CSV cell naming what the numbers rest on without a quoted source: the categories
    whose point values are unverified, and `bands` when the band limits are."""
    ids = [c.id for c in e.categories if not c.points_verified] + ([] if e.bands_verified else ["bands"])
    return ";".join(ids)


def unverified_note(e: FrameworkEstimate, lang: str) -> str | None:
    """The footnote for values not checked against a quotable source (None when all are)."""
    if not e.points_verified and not e.bands_verified:
        return pick(lang, "† 分值未能对照可引用的来源核实；评分档次的百分比界限同样未核实（来源见对照表文件和 docs/framework-sources.md）。",
                    "† point value not verified against a quotable source; the scoring bands' percentage limits are not verified either (sources in the crosswalk file and docs/framework-sources.md).")
    if not e.points_verified:
        return pick(lang, "† 分值未能对照可引用的来源核实（来源见对照表文件和 docs/framework-sources.md）。",
                    "† point value not verified against a quotable source (sources in the crosswalk file and docs/framework-sources.md).")
    if not e.bands_verified:
        return pick(lang, "评分档次的百分比界限未能对照可引用的来源核实（来源见对照表文件和 docs/framework-sources.md）。",
                    "The scoring bands' percentage limits are not verified against a quotable source (sources in the crosswalk file and docs/framework-sources.md).")
    return None


def text(e: FrameworkEstimate, lang: str, width: int = 80) -> list[str]:
    """A terminal section: the estimate per category, labelled as an estimate."""
    out = wrap(pick(lang, f"对照 {e.title(lang)}（由自评推算的估计）",
                    f"Against {e.title(lang)} (an estimate from the self-assessment)"), width)
    if e.framework == "gbt19580":
        for c in e.categories:
            pts = f"{c.points or 0:.1f} / {c.max_points or 0:g}"
            band = f"{c.band.low:g}–{c.band.high:g}%" if c.band is not None else pick(lang, "未覆盖", "not covered")
            mark = "" if c.points_verified else " †"
            head = _pad(f"{c.id} {c.title(lang)}", 26)
            out += wrap(f"{head}{pts:>12}{mark or '  '} " + pick(lang, "覆盖 ", "coverage ")
                        + f"{_pct(c.coverage):>4}  " + pick(lang, "档次 ", "band ") + band, width, "  ", "        ")
        mark = "" if e.points_verified else " †"
        out.append(pick(lang, f"  合计 {e.total_points or 0:.1f} / {e.max_points or 0:g}{mark}（估计）",
                        f"  total {e.total_points or 0:.1f} / {e.max_points or 0:g}{mark} (estimate)"))
        note = unverified_note(e, lang)
        if note:
            out += wrap(note, width, "  ", "    ")
    else:
        for c in e.categories:
            lv = pick(lang, "未覆盖", "not covered") if c.level is None else f"{c.level:.2f}"
            line = _pad(f"{c.id} {c.title(lang)}", 30) + pick(lang, "等级 ", "level ") + f"{lv:>4}  " + pick(lang, "覆盖 ", "coverage ") + f"{_pct(c.coverage):>4}"
            out += wrap(line, width, "  ", "        ")
        if e.framework == "iso9001":
            gaps = [i.id for i in e.items if i.gap]
            out += wrap(pick(lang, "无任何题目达到 2 级的条款：", "clauses with no question at level 2 or above: ")
                        + (", ".join(gaps) or pick(lang, "无", "none")), width, "  ", "    ")
    out += wrap(e.estimate_note(lang), width, "  ", "  ")
    return out


@dataclass(frozen=True)
class OutlineBlock:
    """One part of the draft self-assessment report: a heading, paragraphs and bullets."""

    heading: str
    paragraphs: list[str]
    bullets: list[str]


@dataclass(frozen=True)
class PlanSection:
    """The plan's section "对照卓越绩效评价准则": decided once here, laid out by every format."""

    title: str
    intro: list[str]
    header: list[str]
    rows: list[list[str]]
    notes: list[str]
    outline_title: str
    outline_intro: str
    outline: list[OutlineBlock]
    framework: str = "gbt19580"
    widths: tuple[float, ...] = (0.30, 0.16, 0.14, 0.10, 0.30)
    """The table's column widths as shares of the text width (PDF and Word)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "framework": self.framework, "widths": list(self.widths), "title": self.title, "intro": self.intro, "header": self.header, "rows": self.rows, "notes": self.notes,
            "outline_title": self.outline_title, "outline_intro": self.outline_intro,
            "outline": [{"heading": b.heading, "paragraphs": b.paragraphs, "bullets": b.bullets} for b in self.outline],
        }


def _finding(f: Finding, q: Questionnaire, lang: str) -> str:
    x = q.question_by_id.get(f.question)
    text = x.text(lang) if x is not None else f.question
    limit = 60 if lang == "zh" else 120  # about the same length of question on the page
    if len(text) > limit:
        cut = text[: limit - 1]
        if lang != "zh" and " " in cut:
            cut = cut.rsplit(" ", 1)[0]  # end on a whole word
        text = cut.rstrip(" ,;:") + "…"
    line = pick(lang, f"{f.question}（{f.level:.0f} 级）{text}", f"{f.question} (level {f.level:.0f}) {text}")
    if f.evidence:
        ev = f.evidence if len(f.evidence) <= 200 else f.evidence[:199] + "…"
        line += pick(lang, f" —— 证据：{ev}", f" - evidence: {ev}")
    return line


def _raising(cw: Crosswalk, actions: list[tuple[str, str, list[str]]]) -> dict[str, list[str]]:
    """Per category (clause), the planned actions whose questions map onto it."""
    raising: dict[str, list[str]] = {c.id: [] for c in cw.categories}
    for aid, _title, qs in actions:
        for cid in categories_raised(cw, qs):
            raising[cid].append(aid)
    return raising


def clause_section(e: FrameworkEstimate, cw: Crosswalk, actions: list[tuple[str, str, list[str]]], lang: str) -> PlanSection:
    """The ISO 9004 or ISO 9001 section of a plan: per clause the estimated maturity (for ISO
    9004 the five levels qmself reads as its self-assessment tool's) and coverage, for ISO
    9001 the sub-clauses no question answered at level 2 or above supports, and the planned
    actions that raise each clause."""
    raising = _raising(cw, actions)
    iso9001 = e.framework == "iso9001"
    header = [pick(lang, "条款", "Clause"), pick(lang, "估计等级", "Est. level"), pick(lang, "覆盖", "Coverage"),
              pick(lang, "无 2 级以上题目的子条款", "Sub-clauses with no question at level 2+") if iso9001
              else pick(lang, "子条款（估计等级）", "Sub-clauses (est. level)"),
              pick(lang, "提升它的措施", "Actions raising it")]
    rows = []
    for c in e.categories:
        lv = pick(lang, "未覆盖", "not covered") if c.level is None else f"{c.level:.2f}"
        if iso9001:
            detail = ", ".join(i.id for i in c.items if i.gap) or "—"
        else:
            # "9.2(3.0)" with no space, so that a line never parts a sub-clause from its level
            detail = ", ".join(f"{i.id}({'—' if i.level is None else f'{i.level:.1f}'})" for i in c.items) or "—"
        rows.append([f"{c.id} {c.title(lang)}", lv, _pct(c.coverage), detail, ", ".join(raising[c.id]) or "—"])
    name = e.title(lang)
    intro = pick(lang, f"按 {e.edition} 的条款估计本企业的成熟度等级（1–5，由自评推算，不是审核结论），并列出本计划中能提升各条款的措施。",
                 f"The company's estimated maturity (1-5) per clause of {e.edition} (derived from the self-assessment, not an audit finding), and the planned actions that raise each clause.")
    return PlanSection(
        title=pick(lang, f"对照 {name}", f"Against {name}"), intro=[intro], header=header, rows=rows,
        notes=[e.estimate_note(lang)], outline_title="", outline_intro="", outline=[],
        framework=e.framework, widths=(0.30, 0.10, 0.10, 0.25, 0.25),
    )


def plan_section(
    e: FrameworkEstimate,
    cw: Crosswalk,
    q: Questionnaire,
    answers: AnswerFile,
    signals: Mapping[str, QuestionSignal],
    actions: list[tuple[str, str, list[str]]],
    profile: list[tuple[str, str]],
    lang: str,
) -> PlanSection:
    """The GB/T 19580 section of a plan: the estimate by category, the planned actions that
    raise each category (`actions` = (id, title, questions it lifts)), and a draft outline of a
    self-assessment report (organisation overview from `profile` = [(label, value)], per
    category the strengths and opportunities from the answers and evidence)."""
    raising = _raising(cw, actions)
    header = [pick(lang, "类目", "Category"), pick(lang, "估计分 / 满分", "Est. / max"),
              pick(lang, "评分档次", "Band"), pick(lang, "覆盖", "Coverage"), pick(lang, "提升它的措施", "Actions raising it")]
    rows = []
    for c in e.categories:
        mark = "" if c.points_verified else " †"
        band = f"{c.band.low:g}–{c.band.high:g}%" if c.band is not None else pick(lang, "未覆盖", "not covered")
        rows.append([f"{c.id} {c.title(lang)}", f"{c.points or 0:.1f} / {c.max_points or 0:g}{mark}", band,
                     _pct(c.coverage), ", ".join(raising[c.id]) or "—"])
    rows.append([pick(lang, "合计", "Total"), f"{e.total_points or 0:.1f} / {e.max_points or 0:g}{'' if e.points_verified else ' †'}",
                 "", _pct(e.coverage), ""])
    notes = [e.estimate_note(lang)]
    poorly = [f"{c.id} {c.title(lang)}" for c in e.categories if c.measured == "poorly"]
    if poorly:
        notes.append(pick(lang, "问卷对以下类目测得较弱：", "The questionnaire measures these categories poorly: ")
                     + pick(lang, "、", ", ").join(poorly))
    note = unverified_note(e, lang)
    if note:
        notes.append(note)
    outline = [OutlineBlock(
        pick(lang, "组织概述", "Organizational profile"),
        [pick(lang, "以下取自答卷的企业信息；请补充组织的环境（产品、顾客、员工、技术和设施）、关系（治理、顾客、供方和合作伙伴）和面临的挑战（竞争、战略挑战、改进系统）。",
              "From the answer file's company block; add the organization's environment (products, customers, workforce, technology, facilities), relationships (governance, customers, suppliers and partners) and challenges (competition, strategic challenges, improvement system).")],
        [f"{k}：{v}" if lang == "zh" else f"{k}: {v}" for k, v in profile],
    )]
    for sec in self_assessment_outline(cw, answers, signals):
        bullets = [pick(lang, "优势：", "Strength: ") + _finding(f, q, lang) for f in sec.strengths[:6]]
        bullets += [pick(lang, "改进机会：", "Opportunity: ") + _finding(f, q, lang) for f in sec.opportunities[:6]]
        paras = []
        if sec.unanswered:
            paras.append(pick(lang, "尚未作答：", "Not answered yet: ") + ", ".join(sec.unanswered))
        if not bullets:
            paras.append(pick(lang, "问卷没有题目覆盖此类目，请自行补写。", "No question covers this category; write it yourself."))
        outline.append(OutlineBlock(f"{sec.category} {sec.title(lang)}", paras, bullets))
    return PlanSection(
        title=pick(lang, "对照卓越绩效评价准则", "Against the Criteria for Performance Excellence (GB/T 19580)"),
        intro=[pick(lang, f"按 {e.edition} 的 7 个类目估计本企业的得分（由自评推算，不是评审评分），并列出本计划中能提升各类目的措施。",
                    f"The company's estimated points on the seven categories of {e.edition} (derived from the self-assessment, not an examiner's score), and the planned actions that raise each category.")],
        header=header, rows=rows, notes=notes,
        outline_title=pick(lang, "卓越绩效自评报告提纲（草稿）", "Draft outline of a performance-excellence self-assessment report"),
        outline_intro=pick(lang, "准备申报质量奖的企业可以从这份提纲起草自评报告：组织概述取自企业信息，各类目的优势和改进机会取自答案和证据。",
                           "A company preparing a quality-award application can start its self-assessment report from this outline: the organizational profile from the company data, and per category the strengths and opportunities from the answers and evidence."),
        outline=outline,
    )
