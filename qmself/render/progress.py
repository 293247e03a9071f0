"""Progress between two assessments as data, an 80-column table, and Markdown."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from qmself.model.common import pick
from qmself.model.questionnaire import Questionnaire
from qmself.progress import Progress
from qmself.render.text import clip, table

STATUS = {
    "reached": ("已达到措施目标等级", "reached the action's level"),
    "evidence": ("有新证据", "new evidence shown"),
    "met_before": ("相关题目上次已达该等级", "its questions were at that level already"),
    "none": ("尚无证据", "no evidence yet"),
}


def _f(x: float | None, nd: int = 2, sign: bool = False) -> str:
    if x is None:
        return "—"
    return f"{x:+.{nd}f}" if sign else f"{x:.{nd}f}"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.0%}"


def progress_data(p: Progress, q: Questionnaire, lang: str) -> dict[str, Any]:
    d = asdict(p)
    d["before_date"], d["after_date"] = p.before_date.isoformat(), p.after_date.isoformat()
    for a in d["areas"]:
        a["title"] = q.area_by_id[a["area"]].title(lang)
        for k in ("before", "after", "change", "progress"):
            a[k] = None if a[k] is None else round(a[k], 3)
    for k in ("index_before", "index_after", "level_before", "level_after", "overall_progress"):
        d[k] = None if d[k] is None else round(d[k], 3)
    return d


def summary_lines(p: Progress, lang: str) -> list[str]:
    lines = [
        pick(lang, f"评估日期：{p.before_date} → {p.after_date}", f"Assessed: {p.before_date} → {p.after_date}"),
        pick(lang, "总体指数 ", "Overall index ") + f"{_f(p.index_before, 1)} → {_f(p.index_after, 1)} "
        f"({_f(None if p.index_before is None or p.index_after is None else p.index_after - p.index_before, 1, True)}) · "
        + pick(lang, "等级 ", "level ") + f"{_f(p.level_before)} → {_f(p.level_after)}",
        pick(lang, f"目标进展（加权）：{_pct(p.overall_progress)}", f"Progress to target (weighted): {_pct(p.overall_progress)}"),
        pick(lang, "已整改的红线：", "Red lines closed: ") + (", ".join(p.closed) or "—")
        + pick(lang, " · 新出现的红线：", " · red lines opened: ") + (", ".join(p.opened) or "—"),
    ]
    return lines


def progress_table(p: Progress, q: Questionnaire, lang: str) -> str:
    rows = []
    for a in p.areas:
        rows.append([f"{a.area} {q.area_by_id[a.area].title(lang)}", _f(a.before), _f(a.after), _f(a.change, sign=True),
                     "" if a.target is None else f"{a.target:g}", _pct(a.progress)])
    out = [*summary_lines(p, lang), ""]
    out.append(table([pick(lang, "领域", "Area"), pick(lang, "上次", "Before"), pick(lang, "本次", "Now"),
                      pick(lang, "变化", "Change"), pick(lang, "目标", "Target"), pick(lang, "进展", "Progress")],
                     rows, [32, 7, 7, 7, 7, 8], "<>>>>>"))
    if p.actions:
        out += ["", pick(lang, "上次计划中的措施：", "Actions of the baseline plan:")]
        for s in p.actions:
            out.append(clip(f"  {s.action}: {pick(lang, *STATUS[s.status])}", 80))
    return "\n".join(out)


def progress_markdown(p: Progress, q: Questionnaire, lang: str) -> str:
    out = [f"# {pick(lang, '两次评估对比', 'Progress between assessments')}", ""]
    out += [f"- {ln}" for ln in summary_lines(p, lang)]
    out += ["", "| " + " | ".join([pick(lang, "领域", "Area"), pick(lang, "上次", "Before"), pick(lang, "本次", "Now"),
                                    pick(lang, "变化", "Change"), pick(lang, "目标", "Target"), pick(lang, "进展", "Progress")]) + " |",
            "|---|---:|---:|---:|---:|---:|"]
    for a in p.areas:
        out.append(f"| {a.area} {q.area_by_id[a.area].title(lang)} | {_f(a.before)} | {_f(a.after)} | "
                   f"{_f(a.change, sign=True)} | {'' if a.target is None else f'{a.target:g}'} | {_pct(a.progress)} |")
    if p.actions:
        out += ["", f"## {pick(lang, '上次计划中的措施', 'Actions of the baseline plan')}", ""]
        out += [f"- {s.action}: {pick(lang, *STATUS[s.status])}" for s in p.actions]
    return "\n".join(out) + "\n"
