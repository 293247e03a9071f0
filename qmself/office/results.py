"""The results workbook of `qmself score -f xlsx` and `qmself portfolio -o FILE.xlsx`.

Two sheets and a legend:

* **Results**: a row per file with exactly the CSV's columns (`render.results.csv_header`
  is the one definition; the column keys head the auto-filter row, a label row above
  them says what each is in the user's language). Numbers are number cells with a
  number format, the assessment date a date cell, and a file that could not be scored
  is a row with its one-line error in the `error` column.
* **Heat map**: companies × areas, each level shaded by the whole level it reaches (the
  portfolio PDF's palette) and in red where it is below the company's benchmark target;
  the targets stand in columns of their own to the right, and the conditional-formatting
  rules compare each level with its target there, so a consultant who edits a target
  sees the colours follow.
* **About**: what the colours mean, which benchmark, when and from how many files.

Both data sheets have frozen header rows and first column, an auto-filter, and an A4
landscape print setup one page wide. Text from answer files stays text (`save_workbook`
never lets a company name become a formula). openpyxl is imported only here, when a
workbook is written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qmself.model.common import pick
from qmself.model.questionnaire import Questionnaire
from qmself.render.heat import BELOW_FILL, BELOW_TEXT, DARK_LEVELS, LEVEL_COLOURS

_LABELS: dict[str, tuple[str, str]] = {
    "file": ("文件", "file"),
    "company": ("企业", "company"),
    "credit_code": ("统一社会信用代码", "credit code"),
    "sector": ("行业", "sector"),
    "size": ("规模", "size"),
    "region": ("地区", "region"),
    "assessment_date": ("评估日期", "assessment date"),
    "assessor": ("评估人", "assessor"),
    "questionnaire": ("问卷", "questionnaire"),
    "questionnaire_version": ("问卷版本", "questionnaire version"),
    "overall_index": ("总体指数", "overall index"),
    "overall_level": ("总体等级", "overall level"),
    "whole_level": ("整数等级", "whole level"),
    "completeness": ("完整度", "completeness"),
    "red_lines_unmet": ("未满足的红线", "unmet red lines"),
    "red_lines_unanswered": ("未作答的红线", "unanswered red lines"),
    "benchmark": ("基准档案", "benchmark"),
    "benchmark_progress": ("达标进度 %", "progress to targets %"),
    "targets_met": ("达标领域数", "targets met"),
    "targets": ("目标领域数", "targets"),
    "benchmark_all_met": ("全部达标", "all targets met"),
    "peer_group": ("同行组", "peer group"),
    "peer_n": ("同行数", "peers"),
    "error": ("错误", "error"),
}
_SUFFIX_LABELS = {"_score": ("得分", "score"), "_level": ("等级", "level"), "_peer_pct": ("同行百分位", "peer percentile")}
_FORMATS = {"overall_index": "0.0", "overall_level": "0.00", "completeness": "0%", "benchmark_progress": "0.0",
            "_score": "0.0", "_level": "0.00", "_peer_pct": "0.0"}
_HEAD_FILL = "DDE6F0"
_ERROR_FILL = "FCE4E4"


@dataclass(frozen=True)
class HeatRow:
    """One scored company on the heat map: its levels and its benchmark's targets per area."""

    file: str
    company: str
    profile: str
    index: float | None
    levels: dict[str, float | None]
    targets: dict[str, float]


def label(key: str, lang: str) -> str:
    """What a CSV column holds, in the user's language (its key when nothing better is known)."""
    if key in _LABELS:
        return _LABELS[key][0 if lang == "zh" else 1]
    for suffix, (zh, en) in _SUFFIX_LABELS.items():
        if key.endswith(suffix):
            return f"{key[: -len(suffix)]} {zh if lang == 'zh' else en}"
    return key


def _number_format(key: str) -> str | None:
    if key in _FORMATS:
        return _FORMATS[key]
    return next((f for s, f in _FORMATS.items() if s.startswith("_") and key.endswith(s)), None)


def build_results(
    header: list[str], rows: list[list[Any]], heat: list[HeatRow], q: Questionnaire, lang: str,
    benchmark: str, total: int, failed: int,
) -> Any:
    """The results workbook (an openpyxl Workbook; `save_workbook` writes it).

    `rows` are CSV rows (a failed file's row carries its error in the last column);
    `benchmark` names the profile the heat map's targets come from.
    """
    from openpyxl import Workbook
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from qmself.office.xlsx import print_setup

    def fill(rgb: str) -> PatternFill:
        rgb = rgb.lstrip("#").upper()
        return PatternFill("solid", fgColor=rgb, bgColor=rgb)

    bold, wrap, head_fill = Font(bold=True), Alignment(wrap_text=True, vertical="top"), fill(_HEAD_FILL)
    wb = Workbook()

    # ---- results: a label row, the CSV's column keys (the filter row), a row per file
    ws = wb.active
    ws.title = pick(lang, "结果", "Results")
    for c, key in enumerate(header, 1):
        top = ws.cell(1, c, label(key, lang))
        top.font, top.fill, top.alignment = bold, head_fill, wrap
        ws.cell(2, c, key).font = Font(bold=True, color="555555")
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = 34 if key in ("file", "company", "error") else (
            20 if key in ("credit_code", "red_lines_unmet", "red_lines_unanswered", "benchmark") else 12)
    formats = [_number_format(k) for k in header]
    date_col = header.index("assessment_date") if "assessment_date" in header else -1
    for r, row in enumerate(rows, 3):
        failed_row = bool(row[-1])
        for c, v in enumerate(row, 1):
            if v == "":
                continue
            if c - 1 == date_col and isinstance(v, str):
                with contextlib.suppress(ValueError):
                    v = dt.date.fromisoformat(v)
            cell = ws.cell(r, c, v)
            if isinstance(v, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(v, (int, float)) and not isinstance(v, bool) and formats[c - 1]:
                cell.number_format = formats[c - 1]
        if failed_row:
            ws.cell(r, len(header)).fill = fill(_ERROR_FILL)
    last = get_column_letter(len(header))
    ws.auto_filter.ref = f"A2:{last}{max(2, len(rows) + 2)}"
    ws.freeze_panes = "B3"
    ws.row_dimensions[1].height = 30
    print_setup(ws, "1:2", one_page_wide=False)

    # ---- heat map: companies × area levels, then the targets they are compared with
    hm = wb.create_sheet(pick(lang, "热力图", "Heat map"))
    areas = [a for a in q.areas]
    fixed = [pick(lang, "企业", "Company"), pick(lang, "文件", "File"), pick(lang, "基准档案", "Benchmark"),
             pick(lang, "总体指数", "Overall index")]
    first_area = len(fixed) + 1
    first_target = first_area + len(areas) + 1  # one empty column between levels and targets
    hm.cell(1, 1, pick(lang, f"各领域等级（1–5）：颜色越深等级越高；红色 = 低于该企业基准档案的目标（右侧“目标”列）。"
                             f"共 {total} 个文件，{failed} 个未能评分（见“结果”表）。",
                       f"Area levels (1–5): darker is higher; red = below the target of the company's benchmark "
                       f"(the target columns on the right). {total} files, {failed} could not be scored "
                       f"(see the Results sheet).")).font = bold
    heads = [*fixed, *(f"{a.id}\n{a.title(lang)}" for a in areas)]
    heads += [""] + [pick(lang, f"目标 {a.id}", f"target {a.id}") for a in areas]
    for c, text in enumerate(heads, 1):
        if not text:
            continue
        cell = hm.cell(2, c, text)
        cell.font, cell.fill, cell.alignment = bold, head_fill, wrap
    for c, w in enumerate([30, 22, 20, 10], 1):
        hm.column_dimensions[get_column_letter(c)].width = w
    for j in range(len(areas)):
        hm.column_dimensions[get_column_letter(first_area + j)].width = 12 if lang == "zh" else 15  # whole words
        hm.column_dimensions[get_column_letter(first_target + j)].width = 9
    hm.column_dimensions[get_column_letter(first_target - 1)].width = 3
    hm.row_dimensions[2].height = 64 if lang == "zh" else 80
    for r, h in enumerate(heat, 3):
        hm.cell(r, 1, h.company)
        hm.cell(r, 2, h.file)
        hm.cell(r, 3, h.profile)
        if h.index is not None:
            hm.cell(r, 4, h.index).number_format = "0.0"
        for j, a in enumerate(areas):
            lv = h.levels.get(a.id)
            if lv is not None:
                cell = hm.cell(r, first_area + j, lv)
                cell.number_format = "0.00"
                cell.alignment = Alignment(horizontal="center")
            if a.id in h.targets:
                hm.cell(r, first_target + j, h.targets[a.id]).number_format = "0.0#"
    end = max(3, len(heat) + 2)
    lv_range = f"{get_column_letter(first_area)}3:{get_column_letter(first_area + len(areas) - 1)}{end}"
    lv0, tg0 = f"{get_column_letter(first_area)}3", f"{get_column_letter(first_target)}3"
    # first rule first: below target is red whatever the level; otherwise the level's shade
    hm.conditional_formatting.add(lv_range, FormulaRule(
        formula=[f"AND(ISNUMBER({lv0}),ISNUMBER({tg0}),{lv0}<{tg0})"], stopIfTrue=True,
        fill=fill(BELOW_FILL), font=Font(bold=True, color=BELOW_TEXT.lstrip("#"))))
    for level, colour in LEVEL_COLOURS.items():
        cond = f"{lv0}>={level}" if level == 5 else f"{lv0}>={level},{lv0}<{level + 1}"
        hm.conditional_formatting.add(lv_range, FormulaRule(
            formula=[f"AND(ISNUMBER({lv0}),{cond})"], stopIfTrue=True, fill=fill(colour),
            font=Font(color="FFFFFF" if level in DARK_LEVELS else "000000")))
    hm.auto_filter.ref = f"A2:{get_column_letter(first_area + len(areas) - 1)}{end}"
    hm.freeze_panes = "B3"
    print_setup(hm, "2:2")
    # printed: the companies and their levels (red already marks a level below its target)
    hm.print_area = f"A1:{get_column_letter(first_area + len(areas) - 1)}{end}"

    # ---- about
    ab = wb.create_sheet(pick(lang, "说明", "About"))
    lines = [
        pick(lang, "qmself 评分结果", "qmself results"),
        pick(lang, f"生成日期：{dt.date.today().isoformat()}；文件 {total} 个，其中 {failed} 个未能评分。",
             f"Generated {dt.date.today().isoformat()}; {total} files, {failed} of them could not be scored."),
        pick(lang, f"基准档案：{benchmark}。", f"Benchmark: {benchmark}."),
        pick(lang, "“结果”表：每个文件一行，列与 qmself score -f csv 相同（第 2 行为列名，可筛选）；"
                   "未能评分的文件在“error”列写明原因。",
             "Results: a row per file with the columns of qmself score -f csv (row 2 holds the column names "
             "and the filters); a file that could not be scored says why in the 'error' column."),
        pick(lang, "“热力图”表：企业 × 领域等级；红色表示低于目标，其余按整数等级由浅到深着色：",
             "Heat map: companies × area levels; red is below target, the rest shaded by whole level, light to dark:"),
    ]
    for i, text in enumerate(lines, 1):
        ab.cell(i, 1, text).alignment = wrap
    ab.cell(1, 1).font = Font(bold=True, size=13)
    at = len(lines) + 1
    for level, colour in LEVEL_COLOURS.items():
        c = ab.cell(at, 1, f"{level} {q.level_name(level, lang)}")
        c.fill = fill(colour)
        c.font = Font(color="FFFFFF" if level in DARK_LEVELS else "000000")
        at += 1
    c = ab.cell(at, 1, pick(lang, "低于目标", "below target"))
    c.fill, c.font = fill(BELOW_FILL), Font(bold=True, color=BELOW_TEXT.lstrip("#"))
    ab.column_dimensions["A"].width = 100
    print_setup(ab, "1:1")
    return wb


def write_results(out: Path, *args: Any, **kwargs: Any) -> None:
    """`build_results` saved to `out` atomically, every text cell kept as text."""
    from qmself.office.xlsx import save_workbook

    save_workbook(build_results(*args, **kwargs), out)
