"""Session.set, the save path of the TUI and the prompts, checks a value against its question before writing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qmself.errors import QmselfError
from qmself.session import Session
from qmself.storage.bundled import Catalog
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()


@pytest.mark.parametrize(("qid", "value", "fragment"), [
    ("LEAD-01", 7, "level must be a whole number 1-5, not 7"),
    ("LEAD-01", 2.5, "level must be a whole number 1-5, not 2.5"),
    ("LEAD-01", True, "this is not a yes/no question"),
    ("LEAD-01", "n/a", "does not allow n/a"),
    ("CUST-08", 150, "outside the range 0–100"),
    ("CUST-01", 3, "answer yes or no here"),
])
def test_a_value_that_does_not_fit_its_question_is_refused_and_nothing_written(
        tmp_path: Path, catalog: Catalog, qid: str, value: object, fragment: str) -> None:
    path = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "small-manufacturer.yaml", path)
    session = Session.open(path, catalog)
    before, shown = path.read_bytes(), session.answers[qid]
    with pytest.raises(QmselfError) as info:
        session.set(qid, value)
    assert fragment in info.value.en and info.value.field == qid
    assert path.read_bytes() == before  # the file untouched
    assert session.answers[qid] == shown  # and what the screen shows too
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["a.yaml"]  # no .bak


def test_a_fitting_value_is_saved(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "a.yaml"
    shutil.copy(EXAMPLES / "small-manufacturer.yaml", path)
    session = Session.open(path, catalog)
    assert session.set("CUST-08", 88.5).value == 88.5
    assert Session.open(path, catalog).answers["CUST-08"].value == 88.5
