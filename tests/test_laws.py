"""The shipped laws registry, `legal_basis` entries, and lint's rules for them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from qmself.citations import DOCUMENTS
from qmself.laws import LAWS, legal_basis_problem, parse_legal_basis
from qmself.lint import catalogue_problems, questionnaire_problems
from qmself.model.actions import Catalogue
from qmself.model.questionnaire import Questionnaire
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_catalogue
from tests.conftest import DATA, MINI_Q, ROOT

SOURCES = ROOT / "docs" / "legal-sources.md"


@pytest.mark.parametrize(
    "text",
    ["product-quality-law 第40条", "consumer-rights-law 第25条", "pipl 第23条", "lifetime-responsibility-2014 第9条"],
)
def test_valid_entries(text: str) -> None:
    assert legal_basis_problem(text) is None
    b = parse_legal_basis(text)
    assert str(b) == text
    assert b.registered is LAWS[b.law]
    assert b.describe("zh").startswith("《中华人民共和国") or b.law == "lifetime-responsibility-2014"
    assert "Art." in b.describe("en")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("product-quality-law 第四十条", "form"),  # Arabic numbers only
        ("product-quality-law 40", "form"),
        ("product-quality-law  第40条", "form"),
        ("product-quality-law 第0条", "form"),
        ("product-quality-law 第40条第1款", "form"),
        ("civil-code 第1条", "unknown law"),
        ("product-quality-law 第99条", "not in the registry"),  # not a checked article
        ("outline-2023 （二十七）", "form"),  # a policy citation is not a legal basis
    ],
)
def test_invalid_entries(text: str, why: str) -> None:
    problem = legal_basis_problem(text)
    assert problem is not None and why in problem, problem
    with pytest.raises(ValueError, match=why):
        parse_legal_basis(text)


def test_registry_entries_are_complete_and_apart_from_policy_ids() -> None:
    for law_id, law in LAWS.items():
        assert law.id == law_id
        assert re.fullmatch(r"[a-z][a-z0-9-]*", law_id)
        assert law.title_zh and law.title_en and law.version and law.articles
        assert law.source.startswith(("http://", "https://"))
        # check-citations scans raw YAML for policy ids: a law id must not contain one
        assert not any(doc in law_id for doc in DOCUMENTS), law_id


def test_every_registered_article_is_quoted_in_the_sources_note() -> None:
    """The registry holds only articles whose text docs/legal-sources.md quotes with its URL."""
    note = SOURCES.read_text(encoding="utf-8")
    for law in LAWS.values():
        assert f"`{law.id}`" in note, law.id
        assert law.source in note, law.id
        for art in law.articles:
            assert f"`{law.id} 第{art}条`" in note, (law.id, art)


def _mini_with(**changes: object) -> Questionnaire:
    from qmself.storage.loaders import load_questionnaire

    q = load_questionnaire(MINI_Q)
    qs = [x.model_copy(update=changes) if x.id == "A-03" else x for x in q.questions]
    return q.model_copy(update={"questions": qs})


def test_lint_accepts_the_mini_red_line_with_its_legal_basis() -> None:
    assert questionnaire_problems(_mini_with()) == []


@pytest.mark.parametrize(
    ("basis", "message"),
    [
        ([], "a red-line question must state its legal basis"),
        (["no-such-law 第4条"], "unknown law 'no-such-law'"),
        (["consumer-recall-rules 第四条"], "is not of the form"),
        (["consumer-recall-rules 第4条", "consumer-recall-rules 第77条"], "article 77"),
    ],
)
def test_lint_fails_on_a_missing_or_bad_legal_basis(basis: list[str], message: str) -> None:
    problems = questionnaire_problems(_mini_with(legal_basis=basis))
    assert len(problems) == 1, problems
    p = problems[0]
    assert message in p.en
    assert p.path[:3] == ("questions", 2, "legal_basis")
    assert "法律依据" in p.zh


def test_lint_checks_the_legal_basis_of_actions(mini: Questionnaire) -> None:
    cat = load_catalogue(DATA / "mini-actions.yaml", mini)
    assert catalogue_problems(cat, mini) == []
    acts = [cat.actions[0].model_copy(update={"legal_basis": ["product-quality-law 40"]}), *cat.actions[1:]]
    broken = Catalogue.model_validate({**cat.model_dump(), "actions": [a.model_dump() for a in acts]})
    problems = catalogue_problems(broken, mini)
    assert [p.path for p in problems] == [("actions", 0, "legal_basis", 0)]
    assert "invalid legal basis" in problems[0].en


def test_every_core_red_line_has_a_legal_basis() -> None:
    core = Catalog().questionnaire("qmself-core")
    red = [q for q in core.questions if q.red_line]
    assert red
    for q in red:
        assert q.legal_basis, q.id
        assert all(legal_basis_problem(b) is None for b in q.legal_basis), q.id


def test_cli_lint_reports_a_bad_legal_basis(tmp_path: Path) -> None:
    text = MINI_Q.read_text(encoding="utf-8").replace(
        "legal_basis: [consumer-recall-rules 第4条]", "legal_basis: [consumer-recall-rules 第4]"
    )
    assert "第4]" in text
    bad = tmp_path / "q.yaml"
    bad.write_text(text, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "qmself", "questionnaire", "lint", str(bad)],
                         capture_output=True, text=True)
    assert run.returncode != 0
    assert "legal_basis" in run.stdout + run.stderr
    assert "Traceback" not in run.stderr


def test_a_legal_basis_reads_as_the_laws_and_their_articles() -> None:
    from qmself.laws import describe_basis

    entries = ["product-quality-law 第5条", "product-quality-law 第12条", "ccc-rules 第53条"]
    assert describe_basis(entries, "zh") == (
        "《中华人民共和国产品质量法》第5条、第12条；《强制性产品认证管理规定》第53条"
    )
    assert describe_basis(entries, "en") == (
        "Product Quality Law of the People's Republic of China, Arts. 5, 12; "
        "Provisions on the Administration of Compulsory Product Certification (CCC), Art. 53"
    )
    assert describe_basis(["civil-code 第1条"], "zh") == "civil-code 第1条"  # shown as written, never dropped


def test_show_and_template_state_a_red_lines_legal_basis() -> None:
    from typer.testing import CliRunner

    from qmself.cli import app
    from qmself.storage.template import render_template

    r = CliRunner().invoke(app, ["questionnaire", "show", "--question", "RISK-09"])
    assert r.exit_code == 0, r.output
    flat = r.output.replace("\n", "").replace(" ", "")
    assert "法律依据：《中华人民共和国工业产品生产许可证管理条例》第2条、第5条；" in flat
    assert "《中华人民共和国食品安全法》第35条" in flat
    q = Catalog().questionnaire()
    text = render_template(q, "equipment", "small", "en", company="Test")
    block = text[text.index("# RISK-11 ["):text.index("  RISK-11:")]  # the comment above the key
    assert "# Legal basis: Product Quality Law of the People's Republic of China, Arts." in block


def test_the_workbook_template_states_a_red_lines_legal_basis(tmp_path: Path) -> None:
    import openpyxl
    from typer.testing import CliRunner

    from qmself.cli import app

    out = tmp_path / "t.xlsx"
    r = CliRunner().invoke(app, ["template", "-s", "food", "--size", "small", "--company", "T", "-f", "xlsx",
                                 "-o", str(out)])
    assert r.exit_code == 0, r.output
    cells = [v for ws in openpyxl.load_workbook(out) for row in ws.iter_rows(values_only=True) for v in row
             if isinstance(v, str) and "法律依据：" in v]
    assert any(c.endswith("法律依据：《中华人民共和国工业产品生产许可证管理条例》第2条、第5条；"
                          "《强制性产品认证管理规定》第2条；《中华人民共和国食品安全法》第35条") for c in cells)
