"""Answer workbooks: write a fillable .xlsx for a company, read one back as answer-file data.

A workbook has an instructions sheet, a profile sheet (one row per field of the
answer file's questionnaire, company and assessment blocks, taken from the
models, so new company facts appear without code here) and one sheet per area.
Every data sheet starts with a hidden row of stable column keys (`id`,
`answer`, `evidence`, `note`, `field`, `value`…): the reader finds sheets,
columns and rows by those keys and by the id column, never by position or
sheet name, so reordered or hidden rows, extra columns and renamed sheets read
the same. Visible headers in either language are accepted when the key row was
deleted.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import typing
import unicodedata
from pathlib import Path
from typing import Any

from qmself.errors import QmselfError
from qmself.model.answers import Answer, AnswerFile, Assessment, Company, QuestionnaireRef
from qmself.model.applicability import (
    FACT_HELP,
    FACT_NAMES,
    FACTS,
    NO_FACTS,
    ROLE_CHOICES,
    VALUE_NAMES,
    CompanyFacts,
)
from qmself.model.common import SIZE_NAMES, pick
from qmself.model.questionnaire import SMALL_SAMPLE_LEVELS, Question, Questionnaire
from qmself.office.xlsxsafe import MAX_COLS, MAX_ROWS, check_workbook

EXTRA_SHEET = "qmself-extra"
_BLOCKS: tuple[tuple[str, Any], ...] = (("questionnaire", QuestionnaireRef), ("company", Company),
                                        ("assessment", Assessment))
_LABELS: dict[str, tuple[str, str]] = {
    "questionnaire.id": ("问卷", "questionnaire"),
    "questionnaire.version": ("问卷版本", "questionnaire version"),
    "company.name": ("企业名称", "company name"),
    "company.credit_code": ("统一社会信用代码（18 位）", "unified social credit code (18 characters)"),
    "company.sector": ("行业", "sector"),
    "company.size": ("规模", "size"),
    "company.region": ("地区", "region"),
    "assessment.date": ("评估日期", "assessment date"),
    "assessment.assessor": ("评估人", "assessor"),
}
# column key -> (zh header, en header, width)
_AREA_COLS: tuple[tuple[str, str, str, float], ...] = (
    ("id", "题号", "id", 10),
    ("question", "题目", "question", 38),
    ("answer", "答案", "answer", 10),
    ("evidence", "证据", "evidence", 24),
    ("note", "备注", "note", 20),
    *((f, "样本量" if f == "sample" else f, f, 10) for f in Answer._fields if f not in ("value", "evidence", "note")),
    ("level1", "1", "1", 22),
    ("level2", "2", "2", 22),
    ("level3", "3", "3", 22),
    ("level4", "4", "4", 22),
    ("level5", "5", "5", 22),
    ("accepts", "可填答案", "accepted answers", 16),
    ("guidance", "良好实践与依据", "good practice and sources", 36),
)
_PROFILE_COLS: tuple[tuple[str, str, str, float], ...] = (
    ("field", "字段", "field", 22),
    ("label", "项目", "item", 26),
    ("value", "填写", "value", 34),
    ("hint", "说明", "hint", 40),
)
_HEADER_ALIASES = {
    unicodedata.normalize("NFKC", t).strip().lower(): key
    for cols in (_AREA_COLS, _PROFILE_COLS) for key, zh, en, _w in cols if not key.startswith("level")
    for t in (key, zh, en)
}
_YES_NO = {"zh": ("是", "否", "不适用"), "en": ("yes", "no", "n/a")}
_LABELS.update({f"company.{f}": FACT_NAMES[f] for f in FACTS})
_ROLE_IDS = {unicodedata.normalize("NFKC", t).strip().lower(): r for roles in ROLE_CHOICES.values() for r in roles
             for t in (r, *VALUE_NAMES[r])}
"""A role as a clerk may type it (its id, or its name in either language) -> its id."""


def is_workbook_path(path: str | Path) -> bool:
    return str(path).lower().endswith((".xlsx", ".xlsm", ".xltx", ".xls"))


# ---------------------------------------------------------------- writing


def _fields(model: Any) -> list[tuple[str, Any, bool]]:
    """(name, annotation, required) of a model's fields, in order."""
    return [(n, f.annotation, f.is_required()) for n, f in model.model_fields.items()]


def _choices(key: str, ann: Any, q: Questionnaire, lang: str) -> list[str] | None:
    if key == "company.sector":
        return list(q.sector_by_id)
    args = [a for a in typing.get_args(ann) if a is not type(None)] or [ann]
    if all(a is bool for a in args):
        return list(_YES_NO[lang][:2])
    lits = [v for a in args if typing.get_origin(a) is typing.Literal for v in typing.get_args(a)]
    if typing.get_origin(ann) is typing.Literal:
        lits = list(typing.get_args(ann))
    return [str(v) for v in lits] or None


def _shown(v: Any, lang: str) -> Any:
    if isinstance(v, bool):
        return _YES_NO[lang][0 if v else 1]
    if v == "n/a":
        return _YES_NO[lang][2]
    return v


def _accepts(q: Question, lang: str) -> str:
    yes, no, na = _YES_NO[lang]
    if q.type == "maturity":
        s = pick(lang, "等级 1–5", "level 1–5")
    elif q.type == "yesno":
        s = f"{yes} / {no}"
    else:
        lo = "" if q.min is None else f"{q.min:g}"
        hi = "" if q.max is None else f"{q.max:g}"
        s = pick(lang, f"数值 {lo}–{hi}", f"a number {lo}–{hi}") + (f" {q.unit(lang)}" if q.unit else "")
    if q.allow_na:
        s += f"；{na}" if lang == "zh" else f"; {na}"
    if q.min_sample is not None and q.sample_unit is not None:
        band = "-".join(str(n) for n in SMALL_SAMPLE_LEVELS)
        s += pick(lang, f"\n最少样本 {q.min_sample} {q.sample_unit.zh}，填在“样本量”列；不足或未填只计 {band} 级",
                  f"\nminimum sample {q.min_sample} {q.sample_unit.en}, in the 'sample' column; a smaller or "
                  f"unstated sample scores within levels {band}")
    if q.red_line:
        s += pick(lang, "\n红线（法定义务）", "\nRED LINE (statutory duty)")
    return s


def build_workbook(
    q: Questionnaire, sector: str, size: str, lang: str, answers: AnswerFile | None = None, *, company: str = "",
    facts: CompanyFacts = NO_FACTS,
) -> Any:
    """An openpyxl Workbook to fill in (with `answers`' values when converting a YAML file, and the
    company `facts` given to `qmself template`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    wrap = Alignment(wrap_text=True, vertical="top")
    head_font = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDE6F0")
    open_fill = PatternFill("solid", fgColor="FFF8DC")
    unlocked = Protection(locked=False)
    wb = Workbook()
    ins = wb.active
    ins.title = pick(lang, "说明", "Instructions")
    _instructions(ins, q, sector, size, lang, wrap)

    def setup(ws: Any, cols: tuple[tuple[str, str, str, float], ...], title: str) -> None:
        from openpyxl.utils import get_column_letter

        for i, (key, zh, en, w) in enumerate(cols, 1):
            ws.cell(1, i, key)
            h = ws.cell(3, i, zh if lang == "zh" else en)
            h.font, h.fill, h.alignment = head_font, head_fill, wrap
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.row_dimensions[1].hidden = True
        ws.cell(2, 2 if cols is _PROFILE_COLS else 1, title).font = Font(bold=True, size=13)
        ws.freeze_panes = "C4"
        print_setup(ws, "3:3")
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False

    # profile
    ws = wb.create_sheet(pick(lang, "企业信息", "Profile"))
    setup(ws, _PROFILE_COLS, pick(lang, "企业与评估信息", "Company and assessment"))
    ws.column_dimensions["A"].hidden = True
    values: dict[str, Any] = {"questionnaire.id": q.id, "questionnaire.version": q.version,
                              "company.name": company, "company.sector": sector, "company.size": size,
                              "assessment.date": dt.date.today()}
    values.update({f"company.{f}": getattr(facts, f) for f in FACTS})
    if answers is not None:
        for block, _m in _BLOCKS:
            for k, v in getattr(answers, block).model_dump().items():
                values[f"{block}.{k}"] = v
    row = 4
    used = q.facts_used(sector)
    for block, model in _BLOCKS:
        for name, ann, required in _fields(model):
            key = f"{block}.{name}"
            if block == "company" and name in FACTS and name not in used and values.get(key) is None:
                continue  # a fact no question of this sector asks about (the YAML template leaves it out too)
            label = _LABELS.get(key, (name.replace("_", " "), name.replace("_", " ")))
            ws.cell(row, 1, key)
            ws.cell(row, 2, label[0 if lang == "zh" else 1] + (" *" if required else "")).alignment = wrap
            shown = values.get(key)
            c = ws.cell(row, 3, ", ".join(shown) if isinstance(shown, list) else _shown(shown, lang))
            c.alignment = wrap
            if block != "questionnaire":
                c.protection, c.fill = unlocked, open_fill
            if key == "company.credit_code":
                c.number_format = "@"
            if key == "assessment.date":
                c.number_format = "yyyy-mm-dd"
            choices = _choices(key, ann, q, lang)
            hint = ""
            if key == "company.size":
                hint = " | ".join(_named(s, SIZE_NAMES[s][0 if lang == 'zh' else 1]) for s in SIZE_NAMES)
            elif key == "company.sector":
                hint = " | ".join(_named(s.id, s.name(lang)) for s in q.sectors)
            elif key == "assessment.date":
                hint = "YYYY-MM-DD"
            elif block == "company" and name in FACTS:
                hint = _fact_hint(name, lang)
            if choices and block != "questionnaire":
                dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=not required)
                ws.add_data_validation(dv)
                dv.add(c)
            ws.cell(row, 4, hint).alignment = wrap
            row += 1
    _fit_heights(ws, 4)

    # one sheet per area
    applicable = q.applicable(sector, size)
    given = answers.answers if answers is not None else {}
    shown_ids = {x.id for x in applicable} | {k for k in given if k in q.question_by_id}
    for area in q.areas:
        qs = [x for x in q.questions if x.area == area.id and x.id in shown_ids]
        if not qs:
            continue
        ws = wb.create_sheet(area.id)
        setup(ws, _AREA_COLS, f"{area.id} {area.title(lang)}")
        col = {key: i for i, (key, *_rest) in enumerate(_AREA_COLS, 1)}
        more = [k for k in Answer._fields if k not in ("value", "evidence", "note")]
        for i in range(1, 6):
            ws.cell(3, col[f"level{i}"], f"{i} {q.level_name(i, lang)}")
        for r, x in enumerate(qs, 4):
            a = given.get(x.id)
            ws.cell(r, 1, x.id).font = Font(bold=True)
            text = x.text(lang) if x.id in {y.id for y in applicable} else (
                x.text(lang) + pick(lang, "（不适用于本企业）", " (does not apply to this company)"))
            ws.cell(r, 2, text)
            cells = [ws.cell(r, 3, _shown(a.value, lang) if a else None),
                     ws.cell(r, 4, a.evidence if a else None), ws.cell(r, 5, a.note if a else None)]
            cells[1].number_format = cells[2].number_format = "@"
            cells += [ws.cell(r, col[k], getattr(a, k) if a else None) for k in more]
            for c in cells:
                c.protection, c.fill = unlocked, open_fill
            if x.levels:
                for i in range(1, 6):
                    ws.cell(r, col[f"level{i}"], x.levels[i](lang))
            for b in x.bands or ():
                lo = "" if b.min is None else f"≥ {b.min:g}"
                hi = "" if b.max is None else f"< {b.max:g}"
                ws.cell(r, col[f"level{b.level}"], f"{lo} {hi}".strip())
            if x.type == "yesno":
                ws.cell(r, col["level1"], pick(lang, "否", "no"))
                ws.cell(r, col["level5"], pick(lang, "是", "yes"))
            ws.cell(r, col["accepts"], _accepts(x, lang))
            ev = pick(lang, "；", "; ").join(e(lang) for e in x.evidence)
            basis = (f"\n{pick(lang, '法律依据：', 'Legal basis: ')}{x.legal_basis_text(lang)}"
                     if x.legal_basis else "")
            ws.cell(r, col["guidance"], f"{x.guidance(lang)}\n{pick(lang, '证据：', 'Evidence: ')}{ev}\n"
                           f"{pick(lang, '依据：', 'Cites: ')}{'; '.join(x.cites)}{basis}")
            for c in range(1, len(_AREA_COLS) + 1):
                ws.cell(r, c).alignment = wrap
            yes, no, na = _YES_NO[lang]
            if x.type == "number":
                dv = DataValidation(type="decimal", operator="between", allow_blank=True,
                                    formula1=str(-1e12 if x.min is None else x.min),
                                    formula2=str(1e12 if x.max is None else x.max))
                if x.allow_na:
                    dv = DataValidation(type="custom", allow_blank=True,
                                        formula1=f'OR(ISNUMBER(C{r}),C{r}="{na}",C{r}="n/a")')
            else:
                opts = ["1", "2", "3", "4", "5"] if x.type == "maturity" else [yes, no]
                if x.allow_na:
                    opts.append(na)
                dv = DataValidation(type="list", formula1='"' + ",".join(opts) + '"', allow_blank=True)
            dv.error = pick(lang, f"可填：{_accepts(x, lang)}", f"accepted: {_accepts(x, lang)}")
            dv.showErrorMessage = True
            ws.add_data_validation(dv)
            dv.add(cells[0])
        _fit_heights(ws, 4)
    extra = {}
    if answers is not None:
        extra = answers.model_dump(mode="json", exclude={"questionnaire", "company", "assessment", "answers"},
                                   exclude_defaults=True)
        others = {k: v for k, v in given.items() if k not in q.question_by_id}
        if others:
            extra["answers"] = {k: {"value": v.value, "evidence": v.evidence, "note": v.note}
                                for k, v in others.items()}
    if extra:
        ws = wb.create_sheet(EXTRA_SHEET)
        ws.sheet_state = "hidden"
        ws.cell(1, 1, "extra")
        text = json.dumps(extra, ensure_ascii=False)
        for i in range(0, len(text), 30000):
            ws.cell(2 + i // 30000, 1, text[i:i + 30000])
    return wb


def print_setup(ws: Any, title_rows: str | None, *, one_page_wide: bool = True) -> None:
    """A4 landscape with the header rows on every page; one page wide unless the sheet has too
    many columns to read that small (then the first columns repeat on every page instead)."""
    if title_rows:
        ws.print_title_rows = title_rows
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if one_page_wide:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        ws.print_title_cols = "A:B"


def _named(value: str, name: str) -> str:
    """A value the cell takes with its name; the name alone when it is the value, perhaps with a
    gloss in brackets ("small", "developer (client)", not "small small", "developer developer (client)")."""
    n = name.strip()
    return n if n == value or n.startswith(value + " (") else f"{value} {name}"


def _fact_hint(fact: str, lang: str) -> str:
    """What a company fact means and what the cell takes (是/否, or a role id; several separated by commas)."""
    if fact in ROLE_CHOICES:
        roles = " | ".join(_named(r, pick(lang, *VALUE_NAMES[r])) for r in ROLE_CHOICES[fact])
        example = ", ".join(ROLE_CHOICES[fact][1:3])
        return pick(lang, f"{FACT_NAMES[fact][0]}：{roles}。兼有多个角色时用逗号分隔，如 {example}",
                    f"{FACT_NAMES[fact][1]}: {roles}. Several roles: separate them with commas, e.g. {example}")
    yes, no, _na = _YES_NO[lang]
    return pick(lang, *FACT_HELP[fact]).replace("true/false", f"{yes} / {no}")


def _fit_heights(ws: Any, first: int) -> None:
    """Row heights for wrapped text (Excel and LibreOffice do not grow rows an application wrote)."""
    from openpyxl.utils import get_column_letter

    from qmself.cjk import cell_width

    for r in range(first, ws.max_row + 1):
        lines = 1
        for c in range(1, ws.max_column + 1):
            v = ws.cell(r, c).value
            dim = ws.column_dimensions[get_column_letter(c)]
            if v is None or dim.hidden:
                continue
            w = max(4, int((dim.width or 10) - 1))
            lines = max(lines, sum(-(-max(1, cell_width(part)) // w) for part in str(v).split("\n")))
        ws.row_dimensions[r].height = min(400, 15 * lines + 3)


def _instructions(ws: Any, q: Questionnaire, sector: str, size: str, lang: str, wrap: Any) -> None:
    from openpyxl.styles import Font

    zh = [
        f"qmself 答卷 — {q.title.zh}（问卷 {q.id} {q.version} 版）",
        f"行业：{q.sector_by_id[sector].name.zh}；规模：{SIZE_NAMES[size][0]}",
        "1. 在“企业信息”表填写企业名称、统一社会信用代码（18 位，导入时校验）等黄色单元格。",
        "2. 每个领域一张表：在“答案”列填写（可用下拉列表）：成熟度题填 1–5，各级含义见右侧五列；"
        "是非题填“是”或“否”；数值题填数字（范围见“可填答案”列）；允许时可填“不适用”。",
        "3. “证据”列写明可查的文件或记录，“备注”列写补充说明。留空表示尚未作答。",
        "4. 题号列受保护，请勿修改；可以调整行序、隐藏行、增加列。",
        "5. 完成后：qmself validate 本文件；qmself score 本文件；qmself plan 本文件 -o plan.pdf",
    ]
    en = [
        f"qmself answer workbook — {q.title.en} (questionnaire {q.id} version {q.version})",
        f"Sector: {q.sector_by_id[sector].name.en}; size: {SIZE_NAMES[size][1]}",
        "1. On the Profile sheet fill in the yellow cells: company name, unified social credit code "
        "(18 characters, checked on import) and the rest.",
        "2. One sheet per area: write each answer in the 'answer' column (drop-down lists help): maturity "
        "questions 1–5, each level described in the five columns to the right; yes/no questions yes or no; "
        "number questions a number (range in 'accepted answers'); n/a only where allowed.",
        "3. 'evidence' names a document or record one can check; 'note' adds a remark. Empty means not answered yet.",
        "4. The id column is protected: do not change it. Rows may be reordered or hidden and columns added.",
        "5. Then: qmself validate THIS_FILE; qmself score THIS_FILE; qmself plan THIS_FILE -o plan.pdf",
    ]
    first, second = (zh, en) if lang == "zh" else (en, zh)
    ws.column_dimensions["A"].width = 90
    ws.column_dimensions["B"].width = 90 if lang == "zh" else 60
    for i, (a, b) in enumerate(zip(first, second, strict=True), 1):
        ws.cell(i, 1, a).alignment = wrap
        ws.cell(i, 2, b).alignment = wrap
    ws.cell(1, 1).font = Font(bold=True, size=13)
    _fit_heights(ws, 1)
    print_setup(ws, None)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet take a cell's text for a formula (CSV / formula injection, OWASP)."""


def text_only(wb: Any) -> None:
    """Every text cell stays text: openpyxl takes a string that starts with "=" for a formula
    (and writes it as one); a company name, evidence or note like '=HYPERLINK(...)' or '@SUM(A1)'
    must reach Excel, WPS and LibreOffice as a string cell, shown and never evaluated."""
    for ws in wb.worksheets:
        for cell in ws._cells.values():
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                cell.data_type = "s"


def save_workbook(wb: Any, out: Path) -> None:
    """Write atomically, every text cell as text (`text_only`); an existing file is kept as `.bak`."""
    from qmself.storage.atomic import replacing

    text_only(wb)

    with replacing(out, backup=out.exists()) as tmp:
        wb.save(tmp)


# ---------------------------------------------------------------- reading


class CellLocations:
    """Path inside the data -> `Sheet!C7`; stands in for a YAML file's `Locations`."""

    def __init__(self, cells: dict[tuple[str | int, ...], str]) -> None:
        self.cells = cells

    def line(self, path: tuple[str | int, ...]) -> int | None:
        return None

    def cell(self, path: tuple[str | int, ...]) -> str | None:
        for n in range(len(path), 0, -1):
            found = self.cells.get(tuple(path[:n]))
            if found:
                return found
        return None


def _clean(v: Any, fmt: str = "General") -> Any:
    """A cell's value as an answer file would hold it."""
    if isinstance(v, str):
        s = v.strip()
        return s or None
    if isinstance(v, dt.datetime):
        return v.date() if v.time() == dt.time() else v
    if isinstance(v, float):
        if "%" in fmt:
            v = round(v * 100, 10)
        return int(v) if v.is_integer() and abs(v) <= 1e15 else v  # 1e300 stays 1e+300, not 301 digits
    if isinstance(v, int) and not isinstance(v, bool) and "%" in fmt:
        return v * 100
    return v


def _key_of(v: Any) -> str | None:
    if not isinstance(v, str):
        return None
    return _HEADER_ALIASES.get(unicodedata.normalize("NFKC", v).strip().lower())


def _header(ws: Any) -> tuple[int, dict[str, int]] | None:
    """(last header row, key -> column) of a sheet, from its hidden key row or its visible header."""
    found: tuple[int, dict[str, int]] | None = None
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=min(ws.max_row, 10), values_only=True), 1):
        cols: dict[str, int] = {}
        for c, v in enumerate(row, 1):
            k = _key_of(v)
            if k and k not in cols:
                cols[k] = c
        if ("id" in cols and "answer" in cols) or ("field" in cols and "value" in cols):
            found = (r, found[1] if found else cols)
    return found


def _sheet_uses_formulas(path: str) -> bool:
    import zipfile

    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            if n.startswith("xl/worksheets/") and n.endswith(".xml"):
                with z.open(n) as f:
                    body = f.read()
                if b"<f>" in body or b"<f " in body:
                    return True
    return False


def read_workbook(path: str | Path, display: str | None = None) -> tuple[dict[str, Any], CellLocations]:
    """Plain answer-file data from a workbook, with the cell of every field."""
    name = display or str(path)
    path = str(path)
    check_workbook(path, name)
    import warnings

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(path, data_only=True)
    except Exception as e:
        raise QmselfError(f"无法读取工作簿：{type(e).__name__}: {e}", f"cannot read the workbook: {type(e).__name__}: {e}",
                          file=name) from None
    formulas = None
    if _sheet_uses_formulas(path):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            formulas = load_workbook(path, data_only=False)
    data: dict[str, Any] = {}
    cells: dict[tuple[str | int, ...], str] = {}
    answers: dict[str, Any] = {}
    found_profile = False

    def err(ref: str, zh: str, en: str, field: str | None = None) -> QmselfError:
        return QmselfError(zh, en, file=name, cell=ref, field=field)

    for ws in wb.worksheets:
        if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLS:
            raise err(ws.title, f"工作表过大（{ws.max_row} 行 × {ws.max_column} 列；上限 {MAX_ROWS} 行、{MAX_COLS} 列）",
                      f"sheet too large ({ws.max_row} rows × {ws.max_column} columns; the limit is {MAX_ROWS} rows, "
                      f"{MAX_COLS} columns)")
        if ws.title == EXTRA_SHEET:
            text = "".join(str(c.value or "") for c in ws["A"][1:])
            try:
                extra = json.loads(text) if text else {}
            except (ValueError, RecursionError):  # also too deeply nested
                extra = None
            if not isinstance(extra, dict) or not isinstance(extra.get("answers", {}), dict):
                raise err(f"{ws.title}!A2", "隐藏表 qmself-extra 已损坏", "hidden sheet qmself-extra is damaged")
            for k, v in extra.items():
                if k == "answers":
                    answers.update(v)
                else:
                    data[k] = v
            continue
        head = _header(ws)
        if head is None:
            continue
        hr, cols = head
        merged = {}
        for rng in ws.merged_cells.ranges:
            if rng.max_row > rng.min_row and rng.min_row > hr:
                for r in range(rng.min_row, rng.max_row + 1):
                    for c in range(rng.min_col, rng.max_col + 1):
                        merged[(r, c)] = str(rng)

        def value(r: int, key: str, ws: Any = ws, cols: dict[str, int] = cols) -> tuple[Any, str]:
            c = cols[key]
            ref = f"{ws.title}!{get_column_letter(c)}{r}"
            cell = ws.cell(r, c)
            v = cell.value
            if formulas is not None and v is None:
                f = formulas[ws.title].cell(r, c).value
                if isinstance(f, str) and f.startswith("="):
                    raise err(ref, "公式没有保存的计算结果；请在 Excel 中打开并保存，或改填数值",
                              "a formula without a saved result; open and save the file in Excel, or type the value")
            return _clean(v, cell.number_format or "General"), ref

        if "field" in cols:
            found_profile = True
            for r in range(hr + 1, ws.max_row + 1):
                key, _kref = value(r, "field")
                if not isinstance(key, str) or "." not in key or _key_of(key):
                    continue
                block, _, fname = key.partition(".")
                v, ref = value(r, "value")
                if fname == "credit_code" and isinstance(v, int):
                    v = str(v)
                if isinstance(v, str) and key in _BOOL_KEYS:
                    v = {"是": True, "yes": True, "true": True, "否": False, "no": False, "false": False}.get(
                        v.strip().lower(), v)
                if isinstance(v, str) and block == "company" and fname in ROLE_CHOICES:
                    v = _roles(v)
                if isinstance(v, dt.date) and key != "assessment.date":
                    v = v.isoformat()
                if isinstance(v, str) and key == "assessment.date":
                    v = _date_text(v)
                cells[(block, fname)] = ref
                if v is not None:
                    data.setdefault(block, {})[fname] = v
            continue
        for r in range(hr + 1, ws.max_row + 1):
            qid, iref = value(r, "id")
            if _key_of(qid) == "id":
                continue  # the visible header under the hidden key row
            ans, aref = value(r, "answer")
            if isinstance(ans, str):  # full-width digits and letters typed with a Chinese input method
                ans = unicodedata.normalize("NFKC", ans).strip()
            ev, eref = value(r, "evidence") if "evidence" in cols else (None, "")
            note, nref = value(r, "note") if "note" in cols else (None, "")
            if qid is None:
                if ans is not None or ev is not None or note is not None:
                    raise err(aref, "此行有答案但没有题号（题号列不可删除）", "this row has an answer but no question id")
                continue
            qid = str(qid)
            if (r, cols["answer"]) in merged:
                raise err(aref, f"答案单元格被合并（{merged[(r, cols['answer'])]}），每题须单独作答",
                          f"answer cells are merged ({merged[(r, cols['answer'])]}); answer each question on its own",
                          qid)
            if qid in answers:
                raise err(iref, f"题号 {qid} 出现了两次", f"question {qid} appears twice", qid)
            cells[("answers", qid)] = iref
            cells[("answers", qid, "value")] = aref
            more = {k: value(r, k) for k in Answer._fields if k in cols and k not in ("value", "evidence", "note")}
            more = {k: v for k, v in more.items() if v[0] is not None}
            for k, (_v, ref) in more.items():
                cells[("answers", qid, k)] = ref
            if ev is None and note is None and not more:
                if ans is not None:  # an empty row is an unanswered question, as a missing key is
                    answers[qid] = ans
            else:
                cells[("answers", qid, "evidence")] = eref
                cells[("answers", qid, "note")] = nref
                entry: dict[str, Any] = {"value": ans}
                if ev is not None:
                    entry["evidence"] = ev if isinstance(ev, str) else str(ev)
                if note is not None:
                    entry["note"] = note if isinstance(note, str) else str(note)
                entry.update({k: v for k, (v, _ref) in more.items()})
                answers[qid] = entry
    if not found_profile:
        raise QmselfError("工作簿中找不到企业信息表（应有“字段/填写”列）；请用 qmself template --format xlsx 生成的工作簿",
                          "no profile sheet found (with 'field' and 'value' columns); use a workbook made by "
                          "qmself template --format xlsx", file=name)
    data["answers"] = answers
    return data, CellLocations(cells)


# ASCII digits (full-width ones are after NFKC); not \d, which also takes ٢٠٢٦ and int() reads it
_DATE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")


def _date_text(text: str) -> str | dt.date:
    """A date typed as text the usual ways (2026-09-18, 2026/9/18, 2026.9.18, 2026年9月18日) as a date;
    anything else is left for the model to refuse with its own message."""
    m = _DATE.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if m is None:
        return text
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return text


def _roles(text: str) -> str | list[str]:
    """A role cell: one role, or several separated by commas (ids or names; unknown text kept for the check)."""
    parts = [p for p in re.split(r"[,，、;；\n]+", unicodedata.normalize("NFKC", text)) if p.strip()]
    ids = [_ROLE_IDS.get(p.strip().lower(), p.strip()) for p in parts]
    return ids[0] if len(ids) == 1 else ids


_BOOL_KEYS = {f"{b}.{n}" for b, m in _BLOCKS for n, ann, _r in _fields(m)
              if bool in typing.get_args(ann) or ann is bool}


def to_yaml_text(af: AnswerFile) -> str:
    """An answer file as YAML text (the shape `qmself template` writes)."""
    import io

    from qmself.storage.yamlio import round_trip

    data = af.model_dump(mode="json", exclude_defaults=True, exclude={"answers"})
    data = {k: data[k] for k in ("questionnaire", "company", "assessment") if k in data} | {
        k: v for k, v in data.items() if k not in ("questionnaire", "company", "assessment")}
    data["questionnaire"] = {"id": af.questionnaire.id, "version": af.questionnaire.version}
    answers: dict[str, Any] = {}
    for k, a in af.answers.items():
        v: Any = {True: "yes", False: "no"}.get(a.value, a.value) if isinstance(a.value, bool) else a.value
        rest = {f: x for f, x in a._asdict().items() if f != "value" and x is not None}
        answers[k] = {"value": v, **rest} if rest else v
    data["answers"] = answers
    buf = io.StringIO()
    round_trip().dump(data, buf)
    return buf.getvalue()
