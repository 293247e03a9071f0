"""The improvement-plan report as Markdown: the same words as the PDF and Word (all decided in
`render.report`), laid out as headings, lists and tables."""

from __future__ import annotations

from qmself.model.common import pick
from qmself.render.report import Report, Table, headings


def _cell(s: object) -> str:
    return str(s).replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("\n", " ")


def _text(s: str) -> str:
    """A paragraph of report text: a leading "*" would start a list."""
    return "\\" + s if s.startswith(("*", "-", "+", "#")) else s


def _table(t: Table, aligns: str) -> list[str]:
    """`aligns`: one letter per column, "l" or "r"."""
    sep = "|" + "|".join("---:" if a == "r" else "---" for a in aligns) + "|"
    return ["| " + " | ".join(_cell(h) for h in t.header) + " |", sep,
            *["| " + " | ".join(_cell(c) for c in row) + " |" for row in t.rows]]


def _notes(t: Table) -> list[str]:
    return [x for n in t.notes for x in ("", _text(n))]


def render_markdown(r: Report) -> str:
    L = r.lang
    H = headings(L)
    W = r.labels
    out: list[str] = [f"# {r.title} — {r.company}", ""]
    out += _table(Table([pick(L, "项目", "Item"), pick(L, "内容", "Value")],
                        [[pick(L, "企业", "Company"), r.company], *([k, v] for k, v in r.cover)]), "ll")
    out += ["", _text(r.colophon)]

    out += ["", f"## {H['summary']}", ""]
    colon = pick(L, "：", ": ")
    out += [f"- {k}{colon}**{v}**" if i == 0 else f"- {k}{colon}{v}" for i, (k, v) in enumerate(r.facts)]
    if r.top_gaps:
        out += ["", f"**{W['top_gaps']}**", ""] + [f"{i}. {g}" for i, g in enumerate(r.top_gaps, 1)]
    out += ["", f"**{W['in_brief']}**", "", *[x for s in r.summary for x in (_text(s), "")]]

    if r.progress_table is not None:
        out += ["", f"## {W['progress']}", ""]
        out += [f"- {ln}" for ln in r.since_last_lines]
        if r.since_last_regressions:
            out += ["", f"**⚠ {W['regressions']}**", ""] + [f"- {_cell(x)}" for x in r.since_last_regressions]
        out += ["", *_table(r.progress_table, "lrrrrr")]
        if r.previous_actions:
            out += ["", f"**{W['previous_actions']}**", ""] + [f"- {x}" for x in r.previous_actions]

    out += ["", f"## {H['areas']}", ""]
    assert r.area_table is not None
    out += _table(r.area_table, "lrlrrr") + _notes(r.area_table)

    out += ["", f"## {H['feedback']}", "", _text(r.feedback_note), ""]
    for fa in r.feedback:
        out += [f"### {fa.title}（{fa.standing}）" if L == "zh" else f"### {fa.title} ({fa.standing})", "",
                f"**{W['strengths']}**", ""]
        out += [f"- {x}" for x in fa.strengths] or [f"- {W['none']}"]
        out += ["", f"**{W['opportunities']}**", ""]
        out += [f"- {x}" for x in fa.opportunities] or [f"- {W['none']}"]
        out.append("")

    out += ["", f"## {H['red_lines']}", ""]
    if not r.red_lines:
        out.append(W["red_lines_met"])
    for x in r.red_lines:
        out += [f"### {x.heading}", "", _text(x.text), "", *[f"- {d}" for d in x.details], ""]

    out += ["", f"## {H['roadmap']}", ""]
    if not r.actions:
        out += [_text(r.summary[0]), ""]
    by_id = {a.id: a for a in r.actions}
    assert r.roadmap_table is not None
    for ph in r.phases:
        acts = [by_id[i] for i in ph.actions]
        t = Table(r.roadmap_table.header, [[f"{a.id} {a.title}", a.owner, a.start, a.end, str(a.months)] for a in acts])
        out += [f"### {ph.heading}", "", *_table(t, "llllr"), ""]
    if r.roadmap_note:
        out += [_text(r.roadmap_note), ""]
    if r.uncovered_note:
        out += [_text(r.uncovered_note), ""]
    if r.later_table is not None:
        out += ["", f"### {r.later_title}", *_notes(r.later_table), "", *_table(r.later_table, "llrl")]
    if r.projection_table is not None:
        out += ["", f"### {W['projected']}", "", *_table(r.projection_table, "l" + "r" * (len(r.projection_table.header) - 1))]
        out += _notes(r.projection_table)
    out += ["", f"### {W['workload']}", ""]
    if r.workload_table is not None:
        out += _table(r.workload_table, "l" + "r" * (len(r.workload_table.header) - 1)) + _notes(r.workload_table)
    else:
        out.append(W["no_workload"])

    out += ["", f"## {H['actions']}", ""]
    for act in r.actions:
        out += [f"### {act.id} {act.title}", "", _text(act.description), ""]
        for label, lines in act.info:
            if len(lines) == 1:
                out.append(f"- {label}{colon}{lines[0]}")
            else:
                out += [f"- {label}{colon}", *[f"  - {x}" for x in lines]]
        out.append("")

    for fw in r.frameworks:
        out += [f"## {fw['title']}", "", *[p + "\n" for p in fw["intro"]],
                "| " + " | ".join(fw["header"]) + " |", "|" + "---|" * len(fw["header"])]
        out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in fw["rows"]]
        out += ["", *[f"- {n}" for n in fw["notes"]], ""]
        if fw["outline"]:
            out += [f"### {fw['outline_title']}", "", fw["outline_intro"], ""]
        for b in fw["outline"]:
            out += [f"#### {b['heading']}", "", *[p + "\n" for p in b["paragraphs"]], *[f"- {x}" for x in b["bullets"]], ""]

    out += [f"## {W['appendix']}", "", f"### {W['method']}", ""]
    out += [f"- {m}" for m in r.method]
    assert r.answers_table is not None
    out += ["", f"### {W['answers']}", "", *_table(r.answers_table, "llll")]
    if r.calibration_table is not None:
        out += ["", f"### {W['calibrate']}", *_notes(r.calibration_table), "", *_table(r.calibration_table, "ll")]
    out += ["", f"### {W['documents']}", ""]
    out += [f"- {title}  \n  {clauses}" for title, clauses in r.document_lines]
    if r.notices:
        out += ["", f"### {W['notes']}", ""] + [f"- {n}" for n in r.notices]
    return "\n".join(out) + "\n"
