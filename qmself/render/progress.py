"""Progress between two assessments as data, an 80-column table, and Markdown."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from qmself.model.common import pick
from qmself.model.questionnaire import Questionnaire
from qmself.progress import Progress, QuestionChange
from qmself.render.text import clip, table

STATUS = {
    "reached": ("已达到措施目标等级", "reached the action's level"),
    "evidence": ("有新证据", "new evidence shown"),
    "met_before": ("相关题目上次已达该等级", "its questions were at that level already"),
    "improved": ("有进步，尚未达到措施目标等级", "improved, not yet at the action's level"),
    "none": ("尚无证据", "no evidence yet"),
}
AGAIN = {True: ("本计划继续安排", "planned again"), False: ("本计划不再安排", "not planned again")}


def action_line(x: dict[str, Any], lang: str) -> str:
    """One action of the previous plan: "ACT-TRACE-01（TRACE-02）：已达到措施目标等级，本计划不再安排"."""
    qs = x.get("questions") or ()
    head = x["action"] + (pick(lang, f"（{'、'.join(qs)}）", f" ({', '.join(qs)})") if qs else "")
    again = x.get("in_plan")
    tail = "" if again is None else pick(lang, "，", "; ") + pick(lang, *AGAIN[bool(again)])
    status: tuple[str, str] = STATUS[x["status"]]
    return str(head + pick(lang, "：", ": ") + pick(lang, *status) + tail)


def regression_step(r: QuestionChange, lang: str) -> str:
    """"4 → 3", or for a yes/no question "满足 → 未满足"."""
    if r.yesno:
        return pick(lang, "满足 → 未满足", "met → not met")
    return f"{r.before} → {r.after}"


def regression_text(p: Progress, lang: str) -> str:
    """"DISC-01 4 → 3、TRACE-02 满足 → 未满足" — the questions that went down, or "—"."""
    if not p.regressions:
        return "—"
    return pick(lang, "、", ", ").join(f"{r.question} {regression_step(r, lang)}" for r in p.regressions)


def regression_lines(p: Progress, q: Questionnaire, lang: str) -> list[str]:
    """One line per question that went down, with its area and text (for the report)."""
    return [pick(lang, f"{r.question}（{q.area_by_id[r.area].title(lang)}）{regression_step(r, lang)}：",
                 f"{r.question} ({q.area_by_id[r.area].title(lang)}) {regression_step(r, lang)}: ")
            + clip(q.question_by_id[r.question].text(lang), 90) for r in p.regressions]


def progress_sentence(p: Progress, lang: str) -> str:
    """The executive summary's sentence on the progress since the last assessment."""
    d = None if p.index_before is None or p.index_after is None else p.index_after - p.index_before
    reached = [s for s in p.actions if s.status == "reached"]
    dropped = [s for s in reached if s.in_plan is False]
    zh = (f"与上次评估（{p.before_date}）相比，总体指数由 {_f(p.index_before, 1)} 变为 {_f(p.index_after, 1)}"
          f"（{_f(d, 1, True)}）；已整改红线：{'、'.join(p.closed) or '无'}；新出现红线：{'、'.join(p.opened) or '无'}；"
          f"较上次回退的题目 {len(p.regressions)} 道"
          + (f"（{regression_text(p, 'zh')}）" if p.regressions else ""))
    en = (f"Since the last assessment ({p.before_date}) the overall index went from {_f(p.index_before, 1)} to "
          f"{_f(p.index_after, 1)} ({_f(d, 1, True)}); red lines closed: {', '.join(p.closed) or 'none'}; "
          f"opened: {', '.join(p.opened) or 'none'}; {len(p.regressions)} question(s) went down"
          + (f" ({regression_text(p, 'en')})" if p.regressions else ""))
    if p.actions:
        zh += f"；上次计划的 {len(p.actions)} 项措施中 {len(reached)} 项已达到，其中 {len(dropped)} 项本计划不再安排"
        en += (f"; of the {len(p.actions)} actions of the last plan {len(reached)} were reached, "
               f"{len(dropped)} of them not planned again")
    return pick(lang, zh + "。", en + ".")


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


def summary_lines(p: Progress, lang: str, regressions: bool = True) -> list[str]:
    """The progress in a few lines (the questions that went down last, unless `regressions` is False)."""
    lines = [
        pick(lang, f"评估日期：{p.before_date} → {p.after_date}", f"Assessed: {p.before_date} → {p.after_date}"),
        pick(lang, "总体指数 ", "Overall index ") + f"{_f(p.index_before, 1)} → {_f(p.index_after, 1)} "
        f"({_f(None if p.index_before is None or p.index_after is None else p.index_after - p.index_before, 1, True)}) · "
        + pick(lang, "等级 ", "level ") + f"{_f(p.level_before)} → {_f(p.level_after)}",
        pick(lang, f"目标进展（加权）：{_pct(p.overall_progress)}", f"Progress to target (weighted): {_pct(p.overall_progress)}"),
        pick(lang, "已整改的红线：", "Red lines closed: ") + (", ".join(p.closed) or "—")
        + pick(lang, " · 新出现的红线：", " · red lines opened: ") + (", ".join(p.opened) or "—"),
    ]
    if regressions:
        lines.append(pick(lang, "较上次回退的题目：", "Questions that went down: ") + regression_text(p, lang))
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
            out.append(clip("  " + action_line(asdict(s), lang), 80))
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
        out += [f"- {action_line(asdict(s), lang)}" for s in p.actions]
    return "\n".join(out) + "\n"
