"""Every word of the plan is decided once (`render.report`): PDF, Word and Markdown print the
same headings, tables, notes and notices, so the formats cannot drift apart."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader
from typer.testing import CliRunner

from qmself.cli import app
from tests.conftest import EXAMPLES, docx_text

runner = CliRunner()


def _flat(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str, str, str]:
    """The small manufacturer against quality-award (actions beyond the horizon), with a previous
    assessment (progress table) written for questionnaire 1.0 (notices): JSON, Markdown, Word, PDF."""
    tmp = tmp_path_factory.mktemp("wording")
    text = (EXAMPLES / "small-manufacturer.yaml").read_text(encoding="utf-8")
    older = text.replace("date: 2026-10-12", "date: 2025-10-12").replace("value: 96.8", "value: 93")
    now = text.replace('version: "1.1"', 'version: "1.0"')
    (tmp / "before.yaml").write_text(older, encoding="utf-8")
    (tmp / "now.yaml").write_text(now, encoding="utf-8")
    out = {}
    for fmt in ("json", "md", "docx", "pdf"):
        path = tmp / f"plan.{fmt}"
        r = runner.invoke(app, ["plan", str(tmp / "now.yaml"), "-b", "quality-award", "--previous",
                                str(tmp / "before.yaml"), "-o", str(path)])
        assert r.exit_code == 0, r.stderr
        out[fmt] = path
    rep = json.loads(out["json"].read_text(encoding="utf-8"))
    md = out["md"].read_text(encoding="utf-8").replace("\\", "")
    doc = Document(str(out["docx"]))
    word = docx_text(doc)
    pdf = "".join(p.extract_text() for p in PdfReader(out["pdf"]).pages)
    return rep, md, word, pdf


def _words(rep: dict[str, Any]) -> list[str]:
    """Every string the report decides that all three formats print."""
    out: list[str] = [*rep["summary"], *rep["top_gaps"], *rep["notices"], *rep["method"], rep["feedback_note"]]
    out += [x for kv in rep["cover"] + rep["facts"] for x in kv]
    for key in ("area_table", "progress_table", "later_table", "projection_table", "workload_table"):
        t = rep[key]
        out += [*t["header"], *(c for row in t["rows"] for c in row if c), *t["notes"]]
    out += rep["roadmap_table"]["header"] + rep["previous_actions"] + [rep["roadmap_note"], rep["later_title"]]
    out += [ph["heading"] for ph in rep["phases"]]
    out += [x for r in rep["red_lines"] for x in (r["heading"], *r["details"])]
    out += [x for a in rep["actions"] for label, lines in a["info"] for x in (label, *lines)]
    out += [x for t in rep["document_lines"] for x in t]
    out += [v for k, v in rep["labels"].items() if k not in ("calibrate", "calibrate_note", "by_assessor", "dates",
                                                             "start", "end", "none", "red_lines_met", "no_workload",
                                                             "radar")]
    return [x for x in out if x]


def test_the_plan_has_what_the_formats_must_carry(plans: tuple[dict[str, Any], str, str, str]) -> None:
    rep, *_ = plans
    assert rep["notices"] and rep["later"] and rep["progress_table"] and rep["previous_actions"]
    assert rep["progress_table"]["header"][4] == "目标"  # the target column
    assert [row[4] for row in rep["progress_table"]["rows"]] == [f"{a['target']:g}" for a in rep["since_last"]["areas"]]


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_every_format_prints_every_word(plans: tuple[dict[str, Any], str, str, str], fmt: str) -> None:
    rep, md, word, pdf = plans
    text = {"md": md, "docx": word, "pdf": _flat(pdf)}[fmt]
    missing = [w for w in _words(rep) if (_flat(w) if fmt == "pdf" else w) not in text]
    assert not missing, missing[:5]


def test_markdown_progress_table_has_the_target_column(plans: tuple[dict[str, Any], str, str, str]) -> None:
    rep, md, *_ = plans
    head = "| " + " | ".join(rep["progress_table"]["header"]) + " |"
    assert head in md and re.search(r"\| 目标 \| 进展 \|", md)
    assert "### D. 注意事项" in md
