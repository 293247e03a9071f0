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
    name = display or str(path)
    text = yamlio.read_text(path, name)
    data, _ = yamlio.parse(text, name)  # refuse anything the strict reader refuses
    if not isinstance(data, dict):
        raise QmselfError("文件顶层应为映射（键: 值）", "the top level must be a mapping (key: value)", file=name)
    rt = yamlio.round_trip()
    doc = rt.load(text)
    for section, fields in (sections or {}).items():
        if not isinstance(doc.get(section), CommentedMap):
            doc[section] = CommentedMap()
        for k, v in fields.items():
            doc[section][k] = v
    if answers:
        if not isinstance(doc.get("answers"), CommentedMap):
            doc["answers"] = CommentedMap()
        for qid, answer in answers.items():
            _set_answer(doc["answers"], qid, answer, order)
    buf = io.StringIO()
    rt.dump(doc, buf)
    yamlio.atomic_write(path, buf.getvalue(), backup=True)
