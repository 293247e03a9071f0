"""Assessment results as data (JSON/YAML), CSV rows and 80-column text tables."""

from __future__ import annotations

from typing import Any

from qmself.model.common import SIZE_NAMES, pick
from qmself.model.questionnaire import Questionnaire
from qmself.model.results import AssessmentResult, Comparison, PeerRank
from qmself.render import numbers as num
from qmself.render.text import clip, gate_note, pad, table, width, wrap


def r1(x: float | None) -> float | None:
    return num.rounded(x, 1)


def r2(x: float | None) -> float | None:
    return num.rounded(x, 2)


def as_data(
    file: str,
    result: AssessmentResult,
    q: Questionnaire,
    lang: str,
    comparison: Comparison | None = None,
    notices: list[str] | None = None,
    peers: PeerRank | None = None,
) -> dict[str, Any]:
    """The JSON/YAML shape of one scored file (stable keys, values rounded for reading)."""
    areas = []
    for a in result.areas:
        areas.append(
            {
                "id": a.id,
                "title": q.area_by_id[a.id].title(lang),
                "score": r1(a.score),
                "level": r2(a.level),
                "whole_level": a.whole_level,
                "level_name": None if a.whole_level is None else q.level_name(a.whole_level, lang),
                "capped": a.capped,
                "gate": a.gate,
                "answered": a.answered,
                "applicable": a.applicable,
                "not_applicable": a.not_applicable,
            }
        )
    out: dict[str, Any] = {
        "file": file,
        "company": {
            "name": result.company,
            "credit_code": result.credit_code,
            "sector": result.sector,
            "size": result.size,
            "region": result.region,
        },
        "assessment": {"date": result.assessment_date.isoformat(), "assessor": result.assessor},
        "questionnaire": {"id": result.questionnaire, "version": result.questionnaire_version},
        "overall": {
            "index": r1(result.overall_index),
            "level": r2(result.overall_level),
            "whole_level": result.whole_level,
            "level_name": None if result.whole_level is None else q.level_name(result.whole_level, lang),
            "capped": result.capped,
        },
        "completeness": {
            "share": round(result.completeness, 4),
            "answered": result.answered,
            "applicable": result.applicable,
            "missing_treatment": result.missing_treatment,
        },
        "red_lines": [
            {
                "question": f.question,
                "area": f.area,
                "status": f.status,
                "text": q.question_by_id[f.question].text(lang),
                "cites": f.cites,
                "legal_basis": q.question_by_id[f.question].legal_basis,
                "legal_basis_text": q.question_by_id[f.question].legal_basis_text(lang),
            }
            for f in result.red_lines
        ],
        "areas": areas,
    }
    if comparison is not None:
        out["benchmark"] = {
            "profile": comparison.profile,
            "version": comparison.profile_version,
            "progress": r1(comparison.progress),
            "met": comparison.met,
            "targeted": comparison.targeted,
            "all_met": comparison.all_met,
            "red_lines_ok": comparison.red_lines_ok,
            "overall_ok": comparison.overall_ok,
            "not_assessed": comparison.not_assessed,
            "gaps": [
                {
                    "area": g.area,
                    "target": g.target,
                    "actual": r2(g.actual),
                    "gap": r2(g.gap),
                    "met": g.met,
                    "red_line": g.red_line,
                    "priority": g.priority,
                }
                for g in comparison.areas
            ],
        }
    if peers is not None:
        out["peers"] = {"group": peers.group, "n": peers.n, "percentiles": peers.areas}
    if notices:
        out["notices"] = notices
    return out


def csv_header(q: Questionnaire, with_benchmark: bool, with_peers: bool = False) -> list[str]:
    cols = [
        "file", "company", "credit_code", "sector", "size", "region", "assessment_date", "assessor",
        "questionnaire", "questionnaire_version", "overall_index", "overall_level", "whole_level",
        "completeness", "red_lines_unmet", "red_lines_unanswered",
    ]
    for a in q.areas:
        cols += [f"{a.id}_score", f"{a.id}_level"]
    if with_benchmark:
        cols += ["benchmark", "benchmark_progress", "targets_met", "targets", "benchmark_all_met"]
    if with_peers:
        cols += ["peer_group", "peer_n"] + [f"{a.id}_peer_pct" for a in q.areas]
    return [*cols, "error"]


def csv_row(file: str, result: AssessmentResult, comparison: Comparison | None,
            peers: PeerRank | None = None) -> list[Any]:
    row: list[Any] = [
        file, result.company, result.credit_code, result.sector, result.size, result.region or "",
        result.assessment_date.isoformat(), result.assessor or "", result.questionnaire,
        result.questionnaire_version, r1(result.overall_index), r2(result.overall_level),
        result.whole_level, round(result.completeness, 4),
        ";".join(f.question for f in result.red_lines if f.status == "unmet"),
        ";".join(f.question for f in result.red_lines if f.status == "unanswered"),
    ]
    for a in result.areas:
        row += [r1(a.score), r2(a.level)]
    if comparison is not None:
        row += [comparison.profile, r1(comparison.progress), comparison.met, comparison.targeted,
                comparison.all_met]
    if peers is not None:
        row += [";".join(f"{k}={v}" for k, v in peers.group.items()) or "all", peers.n]
        row += [peers.areas.get(a.id, "") for a in result.areas]
    return [*row, ""]


def csv_error_row(file: str, n_cols: int, message: str) -> list[Any]:
    return [file, *([""] * (n_cols - 2)), message]


def _fmt(x: float | None, nd: int = 1) -> str:
    return num.fmt(x, nd)


def level_label(q: Questionnaire, whole: int | None, cont: float | None, lang: str) -> str:
    if whole is None or cont is None:
        return pick(lang, "未评", "n/a")
    return f"{whole} {q.level_name(whole, lang)} ({num.level(cont)})"


def detail(
    file: str, result: AssessmentResult, q: Questionnaire, lang: str,
    comparison: Comparison | None = None, notices: list[str] | None = None, peers: PeerRank | None = None,
) -> str:
    """The full text report of one file, at most 80 columns wide."""
    zh = lang == "zh"
    sector = q.sector_by_id[result.sector].name(lang)
    size = SIZE_NAMES[result.size][0 if zh else 1]
    lines = [clip(f"{result.company}  ({file})", 80)]
    meta = [f"{pick(lang, '问卷', 'questionnaire')} {result.questionnaire} {result.questionnaire_version}",
            sector, size, result.assessment_date.isoformat()]
    if result.assessor:
        meta.append(pick(lang, f"评估人 {result.assessor}", f"assessor {result.assessor}"))
    lines.append(clip(" · ".join(meta), 80))
    treat = {
        "exclude": pick(lang, "缺答不计入得分", "missing answers left out of the score"),
        "lowest": pick(lang, "缺答按等级 1 计", "missing answers counted as level 1"),
    }[result.missing_treatment]
    lines.append(
        pick(lang, "总体指数 ", "Overall index ") + f"{_fmt(result.overall_index)}/100 · "
        + pick(lang, "等级 ", "level ") + level_label(q, result.whole_level, result.overall_level, lang)
        + (pick(lang, "（红线封顶）", " (capped by red line)") if result.capped else "")
    )
    lines.append(
        pick(lang, "完整度 ", "Completeness ")
        + f"{num.share(result.completeness)} ({result.answered}/{result.applicable}) · {treat}"
    )
    lines.append("")
    gaps = {g.area: g for g in comparison.areas} if comparison else {}
    headers = [pick(lang, "领域", "Area"), pick(lang, "得分", "Score"), pick(lang, "等级", "Level")]
    widths = [30, 5, 22]
    aligns = "<><"
    if comparison:
        headers += [pick(lang, "目标", "Target"), pick(lang, "差距", "Gap"), pick(lang, "优先", "Prio")]
        widths += [6, 5, 5]
        aligns += ">>>"
    rows = []
    for a in result.areas:
        title = f"{a.id} {q.area_by_id[a.id].title(lang)}"
        lvl = level_label(q, a.whole_level, a.level, lang) + ("*" if a.capped else "")
        row = [title, _fmt(a.score), lvl]
        if comparison:
            g = gaps.get(a.id)
            if g is None:
                row += ["", "", ""]
            else:
                row += [f"{g.target:g}", "✓" if g.met else num.level(num.gap(g.target, g.actual)), str(g.priority or "")]
        rows.append(row)
    lines.append(table(headers, rows, widths, aligns))
    if any(a.capped for a in result.areas):
        lines.append(pick(lang, f"* 存在未满足的红线，等级封顶为 {q.red_line_cap:g}",
                          f"* an unmet red line caps the level at {q.red_line_cap:g}"))
    gated = gate_note([a.id for a in result.areas if a.gate == "met"], lang)
    if gated:
        lines += wrap(gated, 78)
    if comparison:
        lines.append("")
        lines.append(
            pick(lang, f"基准 {comparison.profile} {comparison.profile_version}：达标 ",
                 f"Benchmark {comparison.profile} {comparison.profile_version}: met ")
            + f"{comparison.met}/{comparison.targeted} · "
            + pick(lang, "目标完成度 ", "progress to target ") + num.pct(comparison.progress)
            + ("" if comparison.red_lines_ok else pick(lang, " · 红线未全部满足", " · red lines not all met"))
            + ("" if comparison.overall_ok else pick(lang, " · 总体等级未达要求", " · overall level below the minimum"))
        )
    if peers is not None:
        lines.append("")
        if not peers.n:
            lines.append(pick(lang, "同行：没有可用的同行组（组内企业太少）", "Peers: no usable peer group (too few companies)"))
        else:
            who = ", ".join(f"{k}={v}" for k, v in peers.group.items()) or pick(lang, "全部企业", "whole cohort")
            lines.append(pick(lang, f"同行百分位（{who}，{peers.n} 家）：", f"Percentile among peers ({who}, {peers.n} companies):"))
            cells = [f"{a} {v:.0f}" for a, v in peers.areas.items()]
            for i in range(0, len(cells), 6):
                lines.append("  " + " · ".join(cells[i:i + 6]))
    lines.append("")
    unmet = [f for f in result.red_lines if f.status == "unmet"]
    unanswered = [f for f in result.red_lines if f.status == "unanswered"]
    if not result.red_lines:
        lines.append(pick(lang, "红线：全部满足", "Red lines: all met"))
    for label, group in ((pick(lang, "✗ 红线未满足", "✗ RED LINE NOT MET"), unmet),
                         (pick(lang, "? 红线未作答", "? red line not answered"), unanswered)):
        for f in group:
            text = q.question_by_id[f.question].text(lang)
            lines.append(clip(f"{label} {f.question}: {text}", 80))
            lines.append(clip("    " + "; ".join(f.cites), 80))
            basis = q.question_by_id[f.question].legal_basis_text(lang)
            if basis:
                lines += wrap(pick(lang, "法律依据：", "legal basis: ") + basis, 80, "    ")
    for n in notices or []:
        lines.append(clip(pick(lang, "注意：", "note: ") + n, 80))
    return "\n".join(lines)


SUMMARY_WIDTHS = (34, 6, 12, 6, 5)


def summary_header(lang: str, with_benchmark: bool) -> str:
    headers = [pick(lang, "企业（文件）", "Company (file)"), pick(lang, "指数", "Index"),
               pick(lang, "等级", "Level"), pick(lang, "完整度", "Compl."), pick(lang, "红线", "Red")]
    widths = list(SUMMARY_WIDTHS)
    aligns = "<><>>"
    if with_benchmark:
        headers += [pick(lang, "完成度", "Prog."), pick(lang, "达标", "Met")]
        widths += [6, 5]
        aligns += ">>"
    return table(headers, [], widths, aligns)


def summary_row(file: str, result: AssessmentResult, q: Questionnaire, lang: str,
                comparison: Comparison | None) -> str:
    name = result.company
    label = clip(name, 20) + " " + _tail(file, SUMMARY_WIDTHS[0] - min(width(name), 20) - 1)
    lvl = "—" if result.whole_level is None else f"{result.whole_level} {q.level_name(result.whole_level, lang)}"
    unmet = len(result.unmet_red_lines)
    cells = [
        pad(label, SUMMARY_WIDTHS[0]), pad(_fmt(result.overall_index), 6, ">"), pad(lvl, 12),
        pad(num.share(result.completeness), 6, ">"), pad(f"{'✗' if unmet else ''}{unmet}", 5, ">"),
    ]
    if comparison:
        cells += [pad(num.pct(comparison.progress), 6, ">"), pad(f"{comparison.met}/{comparison.targeted}", 5, ">")]
    return " ".join(cells).rstrip()


def _tail(s: str, cols: int) -> str:
    """The end of a path, shortened from the left, in brackets."""
    if cols < 5:
        return ""
    s = f"({s})"
    if width(s) <= cols:
        return s
    return "(…" + s[-(cols - 2):]
