"""Writing answers back into a person's answer file without losing anything.

The file is read strictly first (so an unreadable, binary or malicious file is
refused and never overwritten), then edited in ruamel's round-trip mode so that
comments, key order and quoting stay as the person left them, then replaced
atomically with the previous version kept as `<name>.bak`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from qmself.errors import QmselfError
from qmself.model.answers import NA, Answer
from qmself.storage import yamlio


def yaml_value(value: Any) -> Any:
    """How an answer value is written: yes/no and n/a as a person would type them."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value == NA:
        return "n/a"
    return value


def _set_answer(answers: CommentedMap, qid: str, answer: Answer, order: Sequence[str]) -> None:
    value = yaml_value(answer.value)
    extras = {"evidence": answer.evidence, "note": answer.note}
    current = answers.get(qid)
    if isinstance(current, CommentedMap):
        current["value"] = value
        for k, v in extras.items():
            if v:
                current[k] = v
            elif k in current:
                del current[k]
        return
    if any(extras.values()):
        node: Any = CommentedMap()
        node["value"] = value
        for k, v in extras.items():
            if v:
                node[k] = v
    else:
        node = value
    if qid in answers:
        answers[qid] = node
        return
    # a new key goes where the questionnaire puts it, before the next answered question
    later = order[order.index(qid) + 1:] if qid in order else []
    keys = list(answers)
    pos = next((keys.index(k) for k in later if k in answers), len(keys))
    answers.insert(pos, qid, node)


class AnswerDocument:
    """An answer file held open for editing: its round-trip tree and what the disk had.

    Saving checks the file first: if another program changed it meanwhile, it is
    read again (strictly, so a file that became unreadable is refused, never
    overwritten) and the pending changes are applied to the new content.
    """

    def __init__(self, path: Path, display: str | None = None) -> None:
        self.path = Path(path)
        self.name = display or str(path)
        self._rt = yamlio.round_trip()
        self._pending: list[tuple[str, Any]] = []
        self._load()

    def _signature(self) -> tuple[int, int]:
        st = self.path.stat()
        return st.st_mtime_ns, st.st_size

    def _load(self) -> None:
        text = yamlio.read_text(self.path, self.name)
        data, _ = yamlio.parse(text, self.name)  # refuse anything the strict reader refuses
        if not isinstance(data, dict):
            raise QmselfError("文件顶层应为映射（键: 值）", "the top level must be a mapping (key: value)", file=self.name)
        self._doc = self._rt.load(text)
        self._seen = self._signature()

    def set_answer(self, qid: str, answer: Answer, order: Sequence[str] = ()) -> None:
        self._pending.append(("answer", (qid, answer, tuple(order))))
        self._apply(("answer", (qid, answer, tuple(order))))

    def set_fields(self, section: str, fields: Mapping[str, Any]) -> None:
        self._pending.append(("fields", (section, dict(fields))))
        self._apply(("fields", (section, dict(fields))))

    def _apply(self, change: tuple[str, Any]) -> None:
        kind, args = change
        doc = self._doc
        if kind == "fields":
            section, fields = args
            if not isinstance(doc.get(section), CommentedMap):
                doc[section] = CommentedMap()
            for k, v in fields.items():
                doc[section][k] = v
        else:
            qid, answer, order = args
            if not isinstance(doc.get("answers"), CommentedMap):
                doc["answers"] = CommentedMap()
            _set_answer(doc["answers"], qid, answer, order)

    def save(self) -> None:
        """Write the file atomically, keeping the previous version as `<name>.bak`."""
        try:
            changed = self._signature() != self._seen
        except FileNotFoundError:
            changed = False  # deleted meanwhile: write what we have
        if changed:
            pending = self._pending
            self._load()
            for change in pending:
                self._apply(change)
        buf = io.StringIO()
        self._rt.dump(self._doc, buf)
        yamlio.atomic_write(self.path, buf.getvalue(), backup=self.path.exists())
        self._seen = self._signature()
        self._pending = []


def update_answer_file(
    path: Path,
    *,
    answers: Mapping[str, Answer] | None = None,
    sections: Mapping[str, Mapping[str, Any]] | None = None,
    order: Sequence[str] = (),
    display: str | None = None,
) -> None:
    """Set answers (and fields of `company`, `assessment`, `questionnaire`) in an existing file.

    `order` is the questionnaire's question order, used to place new keys.
    """
    doc = AnswerDocument(path, display)
    for section, fields in (sections or {}).items():
        doc.set_fields(section, fields)
    for qid, answer in (answers or {}).items():
        doc.set_answer(qid, answer, order)
    doc.save()
