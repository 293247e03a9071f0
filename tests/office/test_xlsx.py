"""Answer workbooks: round trip with the YAML files, edits a person makes, hostile workbooks."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from qmself.errors import QmselfError
from qmself.office.xlsx import build_workbook, save_workbook, to_yaml_text
from qmself.scoring import score
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_answer_file

EXAMPLES_DIR = Path(__file__).parents[2] / "examples"
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.yaml"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog([])


def _to_xlsx(src: Path, out: Path, catalog: Catalog) -> Path:
    loaded = load_answer_file(src, catalog.questionnaires)
    af = loaded.answers
    save_workbook(build_workbook(loaded.questionnaire, af.company.sector, af.company.size, "zh", af), out)
    return out


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_round_trip_keeps_every_answer_and_score(example: Path, tmp_path: Path, catalog: Catalog) -> None:
    a = load_answer_file(example, catalog.questionnaires)
    b = load_answer_file(_to_xlsx(example, tmp_path / "a.xlsx", catalog), catalog.questionnaires)
    assert b.answers == a.answers
    assert score(b.answers, b.questionnaire) == score(a.answers, a.questionnaire)


def test_edited_workbook_reads_the_same(tmp_path: Path, catalog: Catalog) -> None:
    src = EXAMPLES[0]
    path = _to_xlsx(src, tmp_path / "a.xlsx", catalog)
    wb = load_workbook(path)
    ws = wb["QMS"]
    ws.title = "体系"  # renamed sheet
    ws.insert_cols(3)  # an extra column before the answers
    ws.cell(3, 3, "我的批注")
    ws.move_range("A4:M5", rows=ws.max_row, cols=0)  # two rows moved to the end
    ws.row_dimensions[6].hidden = True
    for row in ws.iter_rows(min_row=4):
        c = row[3]  # the answer column, now D
        if isinstance(c.value, int) and c.value <= 5:
            c.value = chr(0xFF10 + c.value)  # full-width digits typed as text
    wb.save(path)
    a = load_answer_file(src, catalog.questionnaires)
    b = load_answer_file(path, catalog.questionnaires)
    assert score(b.answers, b.questionnaire) == score(a.answers, a.questionnaire)


def test_bad_level_names_sheet_cell_and_field(tmp_path: Path, catalog: Catalog) -> None:
    path = _to_xlsx(EXAMPLES[0], tmp_path / "a.xlsx", catalog)
    wb = load_workbook(path)
    ws = wb["QMS"]
    ws["C7"] = 7
    wb.save(path)
    with pytest.raises(QmselfError) as e:
        load_answer_file(path, catalog.questionnaires, "a.xlsx")
    line = e.value.render("zh")
    assert line.startswith(f"a.xlsx: QMS!C7: answers.{ws['A7'].value}.value: 等级应为 1 到 5 的整数"), line


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in members.items():
            z.writestr(n, b)
    return path


@pytest.mark.parametrize(
    ("make", "expect"),
    [
        (lambda d: (d / "x.xlsx").write_bytes(b"name,level\nA,3\n") and d / "x.xlsx", "不是 Excel 工作簿"),
        (lambda d: _zip(d / "m.xlsx", {"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>",
                                        "xl/vbaProject.bin": b"\0"}), "宏"),
        (lambda d: _zip(d / "l.xlsx", {"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>",
                                        "xl/externalLinks/externalLink1.xml": b"<x/>"}), "外部链接"),
        (lambda d: _zip(d / "b.xlsx", {"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>",
                                        "xl/worksheets/sheet1.xml": b"0" * (80 * 1024 * 1024)}), "zip 炸弹"),
    ],
    ids=["not-a-workbook", "macros", "external-links", "zip-bomb"],
)
def test_hostile_workbooks_refused_in_one_line(make, expect: str, tmp_path: Path, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    with pytest.raises(QmselfError) as e:
        load_answer_file(path, catalog.questionnaires)
    assert expect in e.value.render("zh") and "\n" not in e.value.render("zh")


def test_huge_sheet_refused(tmp_path: Path, catalog: Catalog) -> None:
    path = _to_xlsx(EXAMPLES[0], tmp_path / "a.xlsx", catalog)
    wb = load_workbook(path)
    wb["QMS"].cell(20000, 1, "x")
    wb.save(path)
    with pytest.raises(QmselfError, match="too large"):
        load_answer_file(path, catalog.questionnaires)


def test_round_trip_generated_companies(tmp_path: Path, catalog: Catalog) -> None:
    """Seeded random companies: every applicable question answered with a random fitting value."""
    import random

    from qmself.model.answers import Answer

    rng = random.Random(13)
    base = load_answer_file(EXAMPLES[0], catalog.questionnaires).answers
    q = catalog.questionnaire()
    for n in range(6):
        sector = rng.choice(list(q.sector_by_id))
        size = rng.choice(["micro", "small", "medium", "large"])
        answers = {}
        for x in q.applicable(sector, size):
            if rng.random() < 0.15:
                continue
            if x.allow_na and rng.random() < 0.1:
                v: object = "n/a"
            elif x.type == "maturity":
                v = rng.randint(1, 5)
            elif x.type == "yesno":
                v = rng.random() < 0.7
            else:
                lo, hi = x.min if x.min is not None else 0.0, x.max if x.max is not None else 1000.0
                v = round(rng.uniform(lo, hi), 1)
            ev = rng.choice([None, "记录（2025 版）；台账", "手册：第 3 章"])
            answers[x.id] = Answer(v, ev, rng.choice([None, "说明，含全角标点。"]))  # type: ignore[arg-type]
        company = base.company.model_copy(update={"sector": sector, "size": size})
        af = base.model_copy(update={"company": company, "answers": answers})
        out = tmp_path / f"g{n}.xlsx"
        save_workbook(build_workbook(q, sector, size, "en" if n % 2 else "zh", af), out)
        back = load_answer_file(out, catalog.questionnaires).answers
        assert back.answers == af.answers and back.company == af.company and back.assessment == af.assessment
        assert score(back, q) == score(af, q)


def test_text_that_looks_like_a_formula_round_trips_as_text(tmp_path: Path, catalog: Catalog) -> None:
    """Evidence, notes and company facts starting with = + - @ are written as text cells (never as a
    formula Excel would run) and read back unchanged."""
    text = EXAMPLES[0].read_text(encoding="utf-8")
    hostile = ['=HYPERLINK("http://example.invalid","看这里")', "@SUM(A1:A9)", "+86 028 1234", "-见附件"]
    lines, k = [], 0
    for ln in text.splitlines():
        if ln.startswith("    evidence:") and k < len(hostile):
            ln = "    evidence: '" + hostile[k].replace("'", "''") + "'"
            k += 1
        lines.append(ln)
    assert k == len(hostile)
    src = tmp_path / "a.yaml"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _to_xlsx(src, tmp_path / "a.xlsx", catalog)
    with zipfile.ZipFile(out) as z:
        sheets = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    assert "<f>" not in sheets and "<f " not in sheets
    b = load_answer_file(out, catalog.questionnaires)
    assert b.answers == load_answer_file(src, catalog.questionnaires).answers
    assert sorted(a.evidence for a in b.answers.answers.values() if a.evidence in hostile) == sorted(hostile)


def _edited(tmp_path: Path, catalog: Catalog, edit: object) -> Path:
    """The first example as a workbook, changed by `edit(workbook)`."""
    path = _to_xlsx(EXAMPLES[0], tmp_path / "a.xlsx", catalog)
    wb = load_workbook(path)
    edit(wb)  # type: ignore[operator]
    wb.save(path)
    return path


def _first_answer(wb: object) -> object:
    ws = wb["QMS"]  # type: ignore[index]
    return ws["C4"]


def _field(wb: object, key: str) -> object:
    ws = wb["企业信息"]  # type: ignore[index]
    return next(ws.cell(r, 3) for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == key)


@pytest.mark.parametrize(("value", "expected"), [(3.0, 3), ("３", 3), (" ３ ", 3), ("3.0", 3.0)])
def test_odd_but_meaningful_answer_cells_are_read_as_meant(tmp_path: Path, catalog: Catalog, value: object,
                                                           expected: object) -> None:
    path = _edited(tmp_path, catalog, lambda wb: setattr(_first_answer(wb), "value", value))
    loaded = load_answer_file(path, catalog.questionnaires, "a.xlsx")
    wb = load_workbook(path)
    assert loaded.answers.answers[wb["QMS"]["A4"].value].value == expected


@pytest.mark.parametrize(("cell", "value", "fragment"), [
    ("answer", 1e300, "QMS!C4: answers.QMS-01.value: 数值 1e+300 过大"),  # not 301 digits
    ("answer", "9" * 5000, "QMS!C4: answers.QMS-01.value: 答案应为等级 1-5"),
    ("answer", "1e400", "QMS!C4: answers.QMS-01.value: 数值 1e400 过大"),
    ("date", __import__("datetime").datetime(9999, 12, 31), "assessment.date: 日期 9999-12-31 不合理"),
    ("date", "12/10/2026", "assessment.date: 应为日期，格式 YYYY-MM-DD"),  # day or month first? (2026/10/12 is read)
    ("answer", "٣", "QMS!C4: answers.QMS-01.value: 数值 '٣' 中的「٣」是 U+0663 ARABIC-INDIC DIGIT THREE，"),  # not 3
    ("date", "٢٠٢٦年١٠月١٢日", "企业信息!C14: assessment.date: 应为日期，格式 YYYY-MM-DD"),  # not 2026-10-12
])
def test_hostile_cells_are_one_line_naming_the_cell(tmp_path: Path, catalog: Catalog, cell: str, value: object,
                                                    fragment: str) -> None:
    def edit(wb: object) -> None:
        target = _first_answer(wb) if cell == "answer" else _field(wb, "assessment.date")
        target.value = value  # type: ignore[attr-defined]

    with pytest.raises(QmselfError) as e:
        load_answer_file(_edited(tmp_path, catalog, edit), catalog.questionnaires, "a.xlsx")
    assert fragment in e.value.render("zh"), e.value.render("zh")
    assert "\n" not in e.value.render("en") and e.value.en != e.value.zh


@pytest.mark.parametrize("text", ["[1, 2]", '"text"', '{"answers": [1]}', "[" * 5000 + "]" * 5000,
                                  '{"answers": {"QMS-01": NaN}}'])
def test_a_damaged_hidden_sheet_is_one_line(tmp_path: Path, catalog: Catalog, text: str) -> None:
    from qmself.office.xlsx import EXTRA_SHEET

    def edit(wb: object) -> None:
        ws = wb.create_sheet(EXTRA_SHEET)  # type: ignore[attr-defined]
        ws["A1"], ws["A2"] = "json", text

    with pytest.raises(QmselfError) as e:
        load_answer_file(_edited(tmp_path, catalog, edit), catalog.questionnaires, "a.xlsx")
    line = e.value.render("zh")
    assert line.startswith("a.xlsx: ") and ("qmself-extra 已损坏" in line or "NaN 不是一个数" in line), line


def _profile_rows(path: Path) -> tuple[Any, dict[str, int]]:
    """The profile sheet and, per field key, its row."""
    wb = load_workbook(path)
    ws = next(s for s in wb.worksheets if s["A1"].value == "field")
    return ws, {str(ws.cell(r, 1).value): r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value}


def _list_of(ws: Any, ref: str) -> list[str] | None:
    """The drop-down choices of a cell (None when it has no list validation)."""
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list" and ref in dv.sqref:
            return str(dv.formula1).strip('"').split(",")
    return None


def test_template_profile_sheet_has_the_sectors_company_facts(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from qmself.cli import app

    out = tmp_path / "t.xlsx"
    r = CliRunner().invoke(app, ["template", "--sector", "food", "--size", "small", "-f", "xlsx", "-o", str(out),
                                 "--consumer-sales", "--food-role", "producer", "--food-role", "caterer"])
    assert r.exit_code == 0, r.output
    ws, rows = _profile_rows(out)
    assert "company.construction_role" not in rows  # no food question asks about it (as in the YAML template)
    cs, fr = rows["company.consumer_sales"], rows["company.food_role"]
    assert ws.cell(cs, 2).value == "是否向消费者销售" and ws.cell(fr, 2).value == "食品链角色"
    assert ws.cell(cs, 3).value == "是" and ws.cell(fr, 3).value == "producer, caterer"
    assert _list_of(ws, f"C{cs}") == ["是", "否"]
    assert _list_of(ws, f"C{fr}") == ["grower", "producer", "wholesaler", "retailer", "caterer"]
    assert "餐饮服务提供者" in ws.cell(fr, 4).value and "逗号" in ws.cell(fr, 4).value
    assert ws.cell(fr, 3).protection.locked is False
    ws.cell(rows["company.name"], 3).value = "某食品有限公司"  # what the clerk fills in
    ws.cell(rows["company.credit_code"], 3).value = "91511402MA62T5WH8B"
    ws.parent.save(out)
    af = load_answer_file(out, Catalog([]).questionnaires).answers
    assert af.company.consumer_sales is True and af.company.food_role == ["producer", "caterer"]


def test_company_facts_survive_yaml_to_xlsx_to_yaml(tmp_path: Path, catalog: Catalog) -> None:
    text = (EXAMPLES_DIR / "food-producer.yaml").read_text(encoding="utf-8")
    text = re.sub(r"^  food_role: .*$", "  food_role: [producer, retailer]\n  construction_role: materials",
                  text, flags=re.M)
    text = re.sub(r"^  exports: .*$", "  exports: false", text, flags=re.M)
    src = tmp_path / "a.yaml"
    src.write_text(text, encoding="utf-8")
    a = load_answer_file(src, catalog.questionnaires).answers
    assert (a.company.consumer_sales, a.company.exports) == (True, False)
    assert (a.company.food_role, a.company.construction_role) == (["producer", "retailer"], "materials")
    for lang in ("zh", "en"):
        out = tmp_path / f"a-{lang}.xlsx"
        save_workbook(build_workbook(catalog.questionnaire(), "food", a.company.size, lang, a), out)
        b = load_answer_file(out, catalog.questionnaires).answers
        assert b.company == a.company and b.answers == a.answers
        back = tmp_path / f"back-{lang}.yaml"
        back.write_text(to_yaml_text(b), encoding="utf-8")
        assert load_answer_file(back, catalog.questionnaires).answers.company == a.company


def test_company_facts_typed_by_hand(tmp_path: Path, catalog: Catalog) -> None:
    """Role names in Chinese with full-width commas, TRUE typed as a boolean, 否 as text."""
    out = _to_xlsx(EXAMPLES_DIR / "food-producer.yaml", tmp_path / "a.xlsx", catalog)
    ws, rows = _profile_rows(out)
    wb = ws.parent
    ws.cell(rows["company.food_role"], 3).value = "食品生产者，零售经营者"
    ws.cell(rows["company.consumer_sales"], 3).value = False
    ws.cell(rows["company.exports"], 3).value = "TRUE"
    wb.save(out)
    c = load_answer_file(out, catalog.questionnaires).answers.company
    assert (c.food_role, c.consumer_sales, c.exports) == (["producer", "retailer"], False, True)
    ws.cell(rows["company.food_role"], 3).value = "producer, baker"
    wb.save(out)
    with pytest.raises(QmselfError) as e:
        load_answer_file(out, catalog.questionnaires)
    assert f"!C{rows['company.food_role']}" in e.value.render("en") and "food_role" in e.value.render("en")


def test_every_sheet_prints_on_a4_landscape_one_page_wide(tmp_path: Path, catalog: Catalog) -> None:
    out = _to_xlsx(EXAMPLES_DIR / "food-producer.yaml", tmp_path / "a.xlsx", catalog)
    wb = load_workbook(out)
    areas = {a.id for a in catalog.questionnaire().areas}
    assert areas <= set(wb.sheetnames)
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert setup.orientation == "landscape" and setup.paperSize == 9, ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), ws.title  # one page wide, as many long as needed
        if ws.title in areas or ws["A1"].value == "field":
            assert ws.print_title_rows == "$3:$3", ws.title  # the visible header on every page
            assert ws.freeze_panes == "C4", ws.title


def test_a_question_with_a_minimum_sample_says_where_the_sample_goes(tmp_path: Path, catalog: Catalog) -> None:
    q = catalog.questionnaire()
    sampled = [x for x in q.questions if x.min_sample is not None]
    assert sampled
    out = _to_xlsx(EXAMPLES_DIR / "food-producer.yaml", tmp_path / "a.xlsx", catalog)
    wb = load_workbook(out)
    checked = 0
    for x in sampled:
        ws = wb[x.area]
        keys = [c.value for c in ws[1]]
        row = next((r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == x.id), None)
        if row is None:
            continue  # not a food producer's question
        checked += 1
        accepts = ws.cell(row, keys.index("accepts") + 1).value
        assert f"最少样本 {x.min_sample}" in accepts and "“样本量”列" in accepts, x.id
        assert ws.cell(3, keys.index("sample") + 1).value == "样本量"
    assert checked >= 2


def test_profile_drop_down_offers_every_construction_role(tmp_path: Path, catalog: Catalog) -> None:
    q = catalog.questionnaire()
    out = tmp_path / "t.xlsx"
    save_workbook(build_workbook(q, "construction", "small", "zh"), out)
    ws = load_workbook(out).worksheets[1]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "company.construction_role")
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation if f"C{row}" in str(dv.sqref)]
    assert lists == ['"developer,contractor,surveyor,designer,supervisor,materials"']
    assert "surveyor 勘察单位" in ws.cell(row, 4).value and "designer 设计单位" in ws.cell(row, 4).value


def test_english_profile_hints_name_each_value_once(tmp_path: Path) -> None:
    """An English name that is the value itself is not repeated ("small", not "small small")."""
    from typer.testing import CliRunner

    from qmself.cli import app

    out = tmp_path / "t.xlsx"
    r = CliRunner().invoke(app, ["template", "--sector", "construction", "--size", "small", "-f", "xlsx",
                                 "-o", str(out), "--lang", "en"])
    assert r.exit_code == 0, r.output
    ws, rows = _profile_rows(out)
    assert ws.cell(rows["company.size"], 4).value == "micro | small | medium | large"
    roles = ws.cell(rows["company.construction_role"], 4).value
    assert "developer (client) | contractor |" in roles and "developer developer" not in roles
    assert ws.cell(rows["company.sector"], 4).value.startswith("food Food & agricultural products | ")


def test_a_version_typed_as_a_number_says_how_to_type_text(tmp_path: Path, catalog: Catalog) -> None:
    path = _edited(tmp_path, catalog, lambda wb: setattr(_field(wb, "questionnaire.version"), "value", 1.1))
    with pytest.raises(QmselfError) as e:
        load_answer_file(path, catalog.questionnaires, "a.xlsx")
    assert e.value.render("zh") == ("a.xlsx: 企业信息!C5: questionnaire.version: 应为文本；工作簿把 1.1 存为数值，"
                                    "请先输入英文单引号再输入（'1.1），或把单元格设为文本格式")
    assert e.value.render("en").endswith("must be text; the workbook holds 1.1 as a number: type an apostrophe first "
                                         "('1.1) or format the cell as text")
