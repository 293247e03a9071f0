"""Writing answers back into a person's answer file, changing nothing but the answer.

An edit is made on the text, not on a re-serialised tree: the file is parsed
(strictly first, so an unreadable, binary or malicious file is refused and
never overwritten; then once more for the position of every node), and only
the characters of the answered question are replaced or inserted. Everything
else keeps its bytes: line endings (LF or CRLF), a UTF-8 BOM, indentation,
trailing spaces, quoting, comments, and the person's spelling of values (`是`
stays `是`, `"2"` keeps its quotes, an empty key stays empty). A value whose
meaning does not change is not rewritten either.

A new key goes where the questionnaire puts it: above the next answered
question's comment block, so it never reads as that question's. A blank key
that gets evidence or a note becomes a mapping in place, under its own comments.

The result is parsed again and compared with what was intended (the answered
question as asked, every other value unchanged); if it differs, nothing is
written and the edit is refused in one line.

Every read-modify-write holds a lock (`filelock`, a `.<name>.lock` file beside
the answer file, left in place: removing it would race with the next writer),
and the file is read again under the lock, so two programs answering
different questions at the same moment both keep their answer. The previous
version is kept as `<name>.<timestamp>.bak`, the last `BACKUPS` of them.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from ruamel.yaml.events import MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent

from qmself.errors import QmselfError
from qmself.model.answers import NA, Answer
from qmself.storage import yamlio
from qmself.storage.atomic import atomic_write, replacing
from qmself.storage.files import read_regular

BACKUPS = 5  # backup generations kept beside an answer file
LOCK_TIMEOUT = 10.0  # seconds to wait for another program's edit to finish


class Keep:
    def __repr__(self) -> str:
        return "KEEP"


KEEP: Final = Keep()
"""For evidence, note or sample: leave what the file has (a value sets it, None removes it)."""

Extra = str | int | None | Keep
"""Evidence or note (text), or a rate's sample size (a whole number)."""


def _given(v: Extra) -> bool:
    """An extra field that is set (not left as it is, not removed)."""
    return v is not None and not isinstance(v, Keep)


def yaml_value(value: Any) -> Any:
    """How an answer value is written: yes/no and n/a as a person would type them."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value == NA:
        return "n/a"
    return value


# ---- where things are in the text


@dataclass
class _Node:
    start: int  # index of the node's first character in the text
    end: int  # index after its last character (scalar: its text; flow collection: the bracket)
    kind: str  # "scalar" | "map" | "seq"
    flow: bool = False
    value: Any = None  # a scalar's meaning; a key's text
    keys: dict[str, tuple[_Node, _Node]] = field(default_factory=dict)
    last: int = 0  # index after the last non-blank character that belongs to the node


def _tree(text: str) -> _Node:
    """Positions of every node (the text has passed the strict reader already)."""
    stack: list[list[Any]] = []  # [node, pending key node, last child end]
    root: _Node | None = None

    def attach(node: _Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        frame = stack[-1]
        parent: _Node = frame[0]
        if parent.kind == "map":
            if frame[1] is None:
                frame[1] = node
                return
            parent.keys[str(frame[1].value)] = (frame[1], node)
            frame[1] = None

    for ev in yamlio.events(text):
        cls = ev.__class__
        if cls is ScalarEvent:
            s, e = ev.start_mark.index, ev.end_mark.index
            is_key = bool(stack) and stack[-1][0].kind == "map" and stack[-1][1] is None
            node = _Node(s, e, "scalar", value=ev.value if is_key else yamlio.scalar_value(ev),
                         last=s + len(text[s:e].rstrip()))
            attach(node)
            if stack:
                stack[-1][2] = max(stack[-1][2], node.last)
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            node = _Node(ev.start_mark.index, ev.start_mark.index, "map" if cls is MappingStartEvent else "seq",
                         flow=bool(ev.flow_style))
            attach(node)
            stack.append([node, None, node.start])
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            node, _, last = stack.pop()
            node.end = ev.end_mark.index if node.flow else last
            node.last = node.end
            if stack:
                stack[-1][2] = max(stack[-1][2], node.last)
    assert root is not None
    return root


def _line_start(text: str, i: int) -> int:
    return max(text.rfind("\n", 0, i), text.rfind("\r", 0, i)) + 1


def _line_end(text: str, i: int) -> int:
    """Index after the line break ending the line that holds `i` (or the end of the text)."""
    m = re.compile(r"\r\n|\r|\n").search(text, i)
    return len(text) if m is None else m.end()


def _column(text: str, node: _Node) -> int:
    return node.start - _line_start(text, node.start)


def _newline(text: str) -> str:
    if "\r\n" in text:
        return "\r\n"
    return "\r" if "\r" in text and "\n" not in text else "\n"


def _colon(text: str, key: _Node) -> int:
    """Index after the `:` that follows a key."""
    i = key.end
    while text[i] in " \t":
        i += 1
    return i + 1


# ---- writing values

_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\ufeff]")


def _scalar_text(value: Any, *, flow: bool) -> str:
    """A value as YAML text: plain where that reads back the same, else double-quoted."""
    v = yaml_value(value)
    if v is None:
        return ""
    if v.__class__ in (int, float):
        return repr(v)
    s = str(v)
    plain = (s == s.strip() and s and not any(c in s for c in "\r\n\t") and _UNSAFE.search(s) is None
             and not (flow and any(c in s for c in ",[]{}")))
    if plain:
        with contextlib.suppress(QmselfError):
            if yamlio.parse(f"k: {s}\n", "")[0] == {"k": s}:
                return s
    quoted = json.dumps(s, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _field(key: str, text: str) -> str:
    return f"{key}: {text}" if text else f"{key}:"


def _same_value(old: Any, new: Any) -> bool:
    """Whether an answer value already in the file means `new` (`是` is yes, `"2"` is 2)."""
    return bool(_norm_value(old) == _norm_value(new))


def _norm_value(v: Any) -> Any:
    try:
        v = Answer.parse({"value": v}).value
    except Exception:  # not an answer value: compared as written
        return ("raw", v.__class__ is bool, v)
    return (v.__class__ is bool, v)


# ---- the edit


@dataclass
class _Edit:
    text: str
    name: str
    ops: list[tuple[int, int, str]] = field(default_factory=list)

    def put(self, start: int, end: int, new: str) -> None:
        self.ops.append((start, end, new))

    def result(self) -> str:
        out = self.text
        for start, end, new in sorted(self.ops, key=lambda o: (o[0], o[1]), reverse=True):
            out = out[:start] + new + out[end:]
        return out


def _refuse(name: str, qid: str) -> QmselfError:
    return QmselfError(
        f"无法只改动 {qid} 而不影响文件的其他内容，文件未改动；请用编辑器修改这一题",
        f"cannot change {qid} without touching the rest of the file; the file is unchanged: edit this question in an editor",
        file=name, field=f"answers.{qid}",
    )


def edit_text(text: str, qid: str, value: Any, evidence: Extra = KEEP, note: Extra = KEEP,
              order: Sequence[str] = (), name: str = "", sample: Extra = KEEP) -> str:
    """`text` with the answer to `qid` set: value, and evidence and note unless `KEEP`.

    Only the question's own characters change; the result is checked to mean
    exactly that (see the module docstring), else the edit is refused.
    """
    old_data, _ = yamlio.parse(text, name)
    if not isinstance(old_data, dict):
        raise QmselfError("文件顶层应为映射（键: 值）", "the top level must be a mapping (key: value)", file=name)
    root = _tree(text)
    nl = _newline(text)
    ed = _Edit(text, name)
    step = _step(text, root)
    extras = {"evidence": evidence, "note": note}
    if sample is not KEEP:  # only a rate's answer carries it; the other answers keep their shape
        extras["sample"] = sample
    vtext = _scalar_text(value, flow=False)
    entry = root.keys.get("answers")
    if entry is None:
        if root.flow:
            raise _refuse(name, qid)
        block = f"answers:{nl}" + _block_entry(qid, step, step, vtext, extras, nl)
        ed.put(len(text), len(text), ("" if text.endswith(("\n", "\r")) else nl) + block)
    else:
        key, answers = entry
        if answers.kind == "scalar" and answers.value is None:  # `answers:` with nothing yet
            end = _value_end(text, key, answers)
            ed.put(_colon(text, key), end, "")
            indent = _column(text, key) + step
            at = _line_end(text, end)
            ed.put(at, at, _block_entry(qid, indent, step, vtext, extras, nl))
        elif answers.kind != "map":
            raise _refuse(name, qid)
        elif qid in answers.keys:
            _edit_entry(ed, answers, qid, value, extras, step, nl)
        else:
            _insert_entry(ed, key, answers, qid, value, extras, order, step, nl)
    new = ed.result()
    _check(old_data, new, qid, value, extras, name)
    return new


def _step(text: str, root: _Node) -> int:
    """The file's indentation step: how far a nested block mapping's keys stand in."""
    for _, v in root.keys.values():
        if v.kind == "map" and not v.flow and v.keys:
            first = next(iter(v.keys.values()))[0]
            col = _column(text, first)
            if col > 0:
                return col
    return 2


def _child_step(text: str, answers: _Node, step: int) -> int:
    """How far an answer's own fields (value, evidence...) stand in from its key, as the file does it."""
    for k, v in answers.keys.values():
        if v.kind == "map" and not v.flow and v.keys:
            return _column(text, next(iter(v.keys.values()))[0]) - _column(text, k)
    return step


def _resolved(extras: dict[str, Extra]) -> list[tuple[str, str]]:
    return [(k, _scalar_text(v, flow=False)) for k, v in extras.items() if _given(v)]


def _block_entry(qid: str, indent: int, step: int, vtext: str, extras: dict[str, Extra], nl: str) -> str:
    fields = _resolved(extras)
    pad = " " * indent
    if not fields:
        return f"{pad}{_field(qid, vtext)}{nl}"
    inner = " " * (indent + step)
    return f"{pad}{qid}:{nl}" + "".join(f"{inner}{_field(k, t)}{nl}" for k, t in [("value", vtext), *fields])


def _flow_entry(vtext: str, extras: dict[str, Extra], kept: Sequence[str] = ()) -> str:
    """An answer as a flow scalar or flow mapping (`kept`: other fields' text as written)."""
    fields = [(k, _scalar_text(v, flow=True)) for k, v in extras.items() if _given(v)]
    if not fields and not kept:
        return vtext or "null"
    parts = [f"value: {vtext}" if vtext else "value: null", *(f"{k}: {t}" for k, t in fields), *kept]
    return "{" + ", ".join(parts) + "}"


def _edit_entry(ed: _Edit, answers: _Node, qid: str, value: Any, extras: dict[str, Extra], step: int,
                nl: str) -> None:
    text = ed.text
    key, node = answers.keys[qid]
    if node.kind == "scalar":
        if not any(_given(v) for v in extras.values()):
            if not _same_value(node.value, value):
                _set_scalar(ed, key, node, _scalar_text(value, flow=answers.flow))
        elif answers.flow:
            ed.put(node.start, node.end, _flow_entry(_scalar_text(value, flow=True), extras))
        else:  # a plain answer gets evidence or a note: a mapping, in place under its comments
            end = _value_end(text, key, node)
            ed.put(_colon(text, key), end, "")
            indent = _column(text, key) + _child_step(text, answers, step)
            fields = [("value", _scalar_text(value, flow=False)), *_resolved(extras)]
            at = _line_end(text, end)
            ed.put(at, at, "".join(f"{' ' * indent}{_field(k, t)}{nl}" for k, t in fields))
        return
    if node.kind != "map":
        raise _refuse(ed.name, qid)
    if node.flow:
        kept = [text[k.start:v.last] for name, (k, v) in node.keys.items() if name not in ("value", *extras)]
        merged = {k: (_flow_value(node, k) if v is KEEP else v) for k, v in extras.items()}
        ed.put(node.start, node.end, _flow_entry(_scalar_text(value, flow=True), merged, kept))
        return
    indent = _column(text, next(iter(node.keys.values()))[0])
    wanted: list[tuple[str, Any]] = [("value", value), *extras.items()]
    for i, (name, new) in enumerate(wanted):
        if new is KEEP:
            continue
        if name in node.keys:
            k, v = node.keys[name]
            if new is None and name != "value":
                ed.put(_line_start(text, k.start), _line_end(text, v.last), "")
            elif name == "value":
                if not (v.kind == "scalar" and _same_value(v.value, new)):
                    _set_scalar(ed, k, v, _scalar_text(new, flow=False))
            elif not (v.kind == "scalar" and v.value == new):
                _set_scalar(ed, k, v, _scalar_text(new, flow=False))
        elif name == "value" or new is not None:
            before = [n for n, _ in wanted[:i] if n in node.keys]
            at = _line_end(text, node.keys[before[-1]][1].last) if before else _line_start(text, node.start)
            ed.put(at, at, f"{' ' * indent}{_field(name, _scalar_text(new, flow=False))}{nl}")


def _flow_value(node: _Node, name: str) -> str | None:
    found = node.keys.get(name)
    return None if found is None or found[1].value is None else str(found[1].value)


def _value_end(text: str, key: _Node, node: _Node) -> int:
    """Where a key's value ends; for an empty value, right after the colon (never beyond)."""
    return _colon(text, key) if node.kind == "scalar" and node.start == node.end else node.last


def _set_scalar(ed: _Edit, key: _Node, node: _Node, new: str) -> None:
    """Put `new` (YAML text) as the value of `key`, keeping the spacing after the colon."""
    colon = _colon(ed.text, key)
    if not new:  # emptied: nothing after the colon
        ed.put(colon, _value_end(ed.text, key, node), "")
    elif node.kind == "scalar" and node.start == node.end:
        ed.put(colon, colon, f" {new}")
    else:
        ed.put(node.start, node.last, new)


def _insert_entry(ed: _Edit, answers_key: _Node, answers: _Node, qid: str, value: Any, extras: dict[str, Extra],
                  order: Sequence[str], step: int, nl: str) -> None:
    """A new key, placed in questionnaire order, above the next answered question's comments."""
    text = ed.text
    later = list(order[order.index(qid) + 1:]) if qid in order else []
    following = next((k for k in later if k in answers.keys), None)
    names = list(answers.keys)
    if answers.flow:
        entry = f"{qid}: {_flow_entry(_scalar_text(value, flow=True), extras)}"
        if following is not None:
            at = answers.keys[following][0].start
            ed.put(at, at, entry + ", ")
        else:
            at = answers.end - 1
            ed.put(at, at, (", " if names else "") + entry)
        return
    first_key = answers.keys[names[0]][0]
    indent = _column(text, first_key)
    vtext = _scalar_text(value, flow=False)
    block = _block_entry(qid, indent, _child_step(text, answers, step), vtext, extras, nl)
    if following is None:
        at = _line_end(text, answers.last)
    else:
        pos = names.index(following)
        floor = _line_end(text, answers.keys[names[pos - 1]][1].last if pos else answers_key.end)
        at = _line_start(text, answers.keys[following][0].start)
        while at > floor:
            prev = _line_start(text, at - 1)
            if text[prev:at].strip() and not text[prev:at].lstrip().startswith("#"):
                break
            at = prev
        at = max(at, floor)
    if at == len(text) and not text.endswith(("\n", "\r")):
        block = nl + block
    ed.put(at, at, block)


def _norm_entry(raw: Any) -> dict[str, Any]:
    d = dict(raw) if isinstance(raw, dict) else {"value": raw}
    d["value"] = _norm_value(d.get("value"))
    return {k: v for k, v in d.items() if k == "value" or v is not None}


def _check(old: dict[str, Any], new_text: str, qid: str, value: Any, extras: dict[str, Extra], name: str) -> None:
    """The edited text must mean the old data with exactly this answer changed."""
    try:
        new, _ = yamlio.parse(new_text, name)
    except QmselfError:
        raise _refuse(name, qid) from None
    got = old.get("answers")
    old_answers: dict[str, Any] = got if isinstance(got, dict) else {}
    new_answers = new.get("answers") if isinstance(new, dict) else None
    if not isinstance(new_answers, dict) or qid not in new_answers:
        raise _refuse(name, qid)
    before = old_answers.get(qid)
    expected = dict(before) if isinstance(before, dict) else {}
    expected["value"] = value
    for k, v in extras.items():
        if v is None:
            expected.pop(k, None)
        elif _given(v):
            expected[k] = v
    rest_old = {k: v for k, v in old.items() if k != "answers"}
    rest_new = {k: v for k, v in new.items() if k != "answers"}
    others_old = {k: v for k, v in old_answers.items() if k != qid}
    others_new = {k: v for k, v in new_answers.items() if k != qid}
    if rest_old != rest_new or others_old != others_new or _norm_entry(new_answers[qid]) != _norm_entry(expected):
        raise _refuse(name, qid)


# ---- the file: lock, read, write, backups


@contextlib.contextmanager
def _locked(path: Path, name: str) -> Iterator[Path]:
    """Hold the answer file's lock (beside the file itself, through a symlink); yields the real path."""
    from filelock import FileLock, Timeout  # here, not at import: not needed before the first save

    real = Path(os.path.realpath(path))
    lock = FileLock(real.with_name(f".{real.name}.lock"), timeout=LOCK_TIMEOUT)
    try:
        lock.acquire(poll_interval=0.01)
    except Timeout:
        raise QmselfError(f"文件正被另一个程序修改，等待 {LOCK_TIMEOUT:.0f} 秒仍未完成；请稍后再试",
                          f"another program is changing the file and has not finished after {LOCK_TIMEOUT:.0f} s; "
                          "try again later", file=name) from None
    except OSError as e:
        raise QmselfError(f"无法锁定文件以便修改：{e.strerror}", f"cannot lock the file for editing: {e.strerror}",
                          file=name) from None
    try:
        yield real
    finally:
        lock.release()


def _read(real: Path, name: str) -> tuple[bytes, bool, str]:
    data = read_regular(real, name, yamlio.MAX_BYTES)
    return data, data.startswith(codecs.BOM_UTF8), yamlio.decode(data, name)


def keep_backup(real: Path, data: bytes, generations: int = BACKUPS) -> Path:
    """Keep `data` (the file as it was) as `<name>.<timestamp>.bak`; only the newest `generations` stay."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    bak = real.with_name(f"{real.name}.{stamp}.bak")
    with replacing(bak, mode=real.stat().st_mode & 0o777) as tmp:
        tmp.write_bytes(data)
    pattern = re.compile(re.escape(real.name) + r"\.\d{8}-\d{6}-\d{6}\.bak")
    kept = sorted(p for p in os.listdir(real.parent) if pattern.fullmatch(p))
    for old in kept[:-generations]:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(real.parent / old)
    return bak


def backups(path: Path) -> list[Path]:
    """The backup generations of an answer file, oldest first."""
    real = Path(os.path.realpath(path))
    pattern = re.compile(re.escape(real.name) + r"\.\d{8}-\d{6}-\d{6}\.bak")
    return [real.parent / p for p in sorted(os.listdir(real.parent)) if pattern.fullmatch(p)]


def _write(real: Path, data: bytes, bom: bool, new_text: str) -> bytes:
    out = (codecs.BOM_UTF8 if bom else b"") + new_text.encode("utf-8")
    if out != data:
        keep_backup(real, data)
        atomic_write(real, out)
    return out


def set_answer(path: Path, qid: str, value: Any, evidence: Extra = KEEP, note: Extra = KEEP,
               order: Sequence[str] = (), display: str | None = None, sample: Extra = KEEP) -> None:
    """Set one answer in an answer file (locked, read again under the lock, checked, backed up)."""
    name = display or str(path)
    with _locked(path, name) as real:
        data, bom, text = _read(real, name)
        _write(real, data, bom, edit_text(text, qid, value, evidence, note, order, name, sample))


def _answers_of(text: str, name: str) -> dict[str, Any]:
    data, _ = yamlio.parse(text, name)
    answers = data.get("answers") if isinstance(data, dict) else None
    return answers if isinstance(answers, dict) else {}


class AnswerDocument:
    """An answer file held open for answering (the TUI and the prompts): what it held when read.

    Each save locks the file and reads it again. If another program changed it
    since (its bytes differ), the change made here is merged onto the new
    content when the other program left this question alone; when it changed
    the same question, the save is refused in one line, nothing is overwritten.
    """

    def __init__(self, path: Path, display: str | None = None) -> None:
        self.path = Path(path)
        self.name = display or str(path)
        data, _, text = _read(self.path, self.name)
        self._digest = hashlib.sha256(data).digest()
        self.answers: dict[str, Any] = _answers_of(text, self.name)  # as read, raw

    def set_answer(self, qid: str, value: Any, evidence: Extra = KEEP, note: Extra = KEEP,
                   order: Sequence[str] = (), sample: Extra = KEEP) -> bool:
        """Save one answer; True when another program's changes were found and kept (merged)."""
        with _locked(self.path, self.name) as real:
            data, bom, text = _read(real, self.name)
            changed = hashlib.sha256(data).digest() != self._digest
            fresh = _answers_of(text, self.name) if changed else self.answers
            if changed and fresh.get(qid) != self.answers.get(qid):
                raise QmselfError(
                    f"{qid} 已被其他程序修改（在本程序打开文件之后）；本次答案未保存，以免覆盖。请重新打开文件",
                    f"another program changed {qid} after this file was opened; this answer was not saved so as "
                    "not to overwrite it: open the file again",
                    file=self.name, field=f"answers.{qid}",
                )
            new_text = edit_text(text, qid, value, evidence, note, order, self.name, sample)
            out = _write(real, data, bom, new_text)
            self._digest = hashlib.sha256(out).digest()
            self.answers = _answers_of(new_text, self.name)
        return changed
