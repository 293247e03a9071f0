"""Shared fixtures: paths to test data and the small hand-checkable questionnaire."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from qmself.model.questionnaire import Questionnaire
from qmself.storage.loaders import load_questionnaire

# the suite (and every qmself it starts) keeps its cache of validated files to itself, not in the user's home
os.environ["QMSELF_CACHE_DIR"] = tempfile.mkdtemp(prefix="qmself-test-cache-")
atexit.register(shutil.rmtree, os.environ["QMSELF_CACHE_DIR"], True)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
BROKEN = DATA / "broken"
MINI_Q = DATA / "mini-questionnaire.yaml"
MINI_A = DATA / "mini-answers.yaml"
EXAMPLES = ROOT / "examples"
CONSUMER_MAKER = DATA / "consumer-maker.yaml"
SMALL_SAMPLE_FOOD = (
    "questionnaire: {id: qmself-core, version: '1.1'}\n"
    "company: {name: 测试, credit_code: 91510100MA6C5T2K3G, sector: food, size: small, consumer_sales: true,\n"
    "          food_role: producer}\n"
    "assessment: {date: 2026-10-15}\n"
    "answers:\n  FOOD-06: {value: 100, sample: 3}\n"
)
"""An answer file whose FOOD-06 (line 6) gives a sample below the question's minimum: a notice, not an error."""
"""The small manufacturer as a firm that also sells to consumers and has no reporting
procedure: an unmet red line (RISK-03) for tests of capping and of how it is shown."""


def docx_text(doc: Any) -> str:
    """All the text of a Word document: its paragraphs, then every table cell's text."""
    from docx.oxml.ns import qn

    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        parts += ["".join(x.text or "" for x in tc.iter(qn("w:t"))) for tc in t._tbl.iter(qn("w:tc"))]
    return "\n".join(parts)


@pytest.fixture(scope="session")
def mini() -> Questionnaire:
    return load_questionnaire(MINI_Q)
