"""Concurrent writers never lose an update; a session never overwrites another program's change."""

from __future__ import annotations

import multiprocessing
import re
import shutil
import threading
from pathlib import Path

import pytest

from qmself.errors import QmselfError
from qmself.session import Session
from qmself.storage import edit
from qmself.storage.bundled import Catalog
from qmself.storage.edit import AnswerDocument, set_answer
from qmself.storage.yamlio import load
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "small-manufacturer.yaml"


def answers_of(path: Path) -> dict[str, object]:
    data, _ = load(path)
    return {k: (v["value"] if isinstance(v, dict) else v) for k, v in data["answers"].items()}


def maturity_ids(n: int) -> list[str]:
    """Ids of `n` questions in the example answered with a level 1-5."""
    ids = re.findall(r"(?m)^  ([A-Z]+-\d+):\n    value: [1-5]\n", EXAMPLE.read_text(encoding="utf-8"))
    assert len(ids) >= n
    return ids[:n]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "c.yaml"
    shutil.copy(EXAMPLE, p)
    return p


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A small answer file (30 questions, comments between them): many edits stay fast."""
    p = tmp_path / "s.yaml"
    p.write_text("questionnaire: {id: x}\nanswers:\n" + "".join(f"  # Q-{i:02d}\n  Q-{i:02d}: 1\n" for i in range(30)),
                 encoding="utf-8")
    return p


def test_fifty_pairs_of_concurrent_writers_lose_nothing(small: Path) -> None:
    """Two threads, each answering its own question at the same moment, 50 times over."""
    path, q1, q2 = small, "Q-03", "Q-17"
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def writer(qid: str, value: int) -> None:
        try:
            start.wait()
            set_answer(path, qid, value)
        except BaseException as e:  # reported by the main thread
            errors.append(e)

    for i in range(50):
        v1, v2 = i % 5 + 1, (i + 2) % 5 + 1  # differ from the round before: a lost write shows
        threads = [threading.Thread(target=writer, args=(q1, v1)), threading.Thread(target=writer, args=(q2, v2))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        got = answers_of(path)
        assert (got[q1], got[q2]) == (v1, v2), f"round {i}: an update was lost"


def _answer_all(path: str, ids: list[str]) -> None:
    for qid in ids:
        set_answer(Path(path), qid, 5)


def test_two_processes_answering_at_once_keep_every_answer(small: Path) -> None:
    path, ids = small, [f"Q-{i:02d}" for i in range(30)]
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_answer_all, args=(str(path), ids[k::2])) for k in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
        assert p.exitcode == 0
    got = answers_of(path)
    assert [q for q in ids if got[q] != 5] == []


def test_a_held_lock_is_waited_for_then_refused_in_one_line(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(edit, "LOCK_TIMEOUT", 0.2)
    before = path.read_bytes()
    with edit._locked(path, "c.yaml"), pytest.raises(QmselfError, match="another program is changing the file"):
        set_answer(path, "LEAD-01", 5)
    assert path.read_bytes() == before


def test_the_session_merges_its_answer_onto_another_programs_change(path: Path) -> None:
    catalog = Catalog()
    session = Session.open(path, catalog)
    q1, q2 = maturity_ids(2)
    set_answer(path, q2, 1, note="另一个程序写的")  # another program, while the session is open
    session.set(q1, 4)
    got = answers_of(path)
    assert (got[q1], got[q2]) == (4, 1)  # both kept
    assert session.answers[q2].value == 1 and session.answers[q2].note == "另一个程序写的"  # and shown


def test_the_session_refuses_to_overwrite_a_question_another_program_changed(path: Path) -> None:
    q1 = maturity_ids(1)[0]
    doc = AnswerDocument(path)
    set_answer(path, q1, 1)  # the same question, changed elsewhere
    changed = path.read_bytes()
    with pytest.raises(QmselfError, match=f"another program changed {q1}"):
        doc.set_answer(q1, 4)
    assert path.read_bytes() == changed
