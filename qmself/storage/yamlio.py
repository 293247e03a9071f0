"""The one place qmself configures ruamel.yaml.

Reading for scoring uses the parser's event stream (libyaml's C parser when
available) and builds plain dicts, lists and scalars directly, recording the
line of every node. That is several times faster than ruamel's own loaders and
lets us refuse what we never want before it can hurt:

* anything but a regular file (a FIFO, /dev/zero), files over `MAX_BYTES`
  (cut off while reading), empty files, binary files and non-UTF-8 bytes;
* anchors and aliases (a "billion laughs" file loads in milliseconds but
  hangs anything that walks it), explicit tags, several documents;
* more than `MAX_NODES` nodes (a few MB of `[1,1,1,…]` would take seconds);
* nesting deeper than `MAX_DEPTH` (the pure parser recurses, the C loader can
  crash on very deep flow collections: we stop reading at the limit);
* duplicate keys, and non-scalar keys;
* numbers past `MAX_NUMBER` (10^15, also `1e400`, which is infinity): they mean
  nothing here, and Python's `int()` refuses 5,000-digit ones with an error.

Mapping keys are always strings, so `4.10:` stays "4.10". Plain scalars follow
the YAML 1.2 core schema (null, true/false, int, float); quoted scalars are text.

Writing back (which must keep a person's comments and key order) uses
ruamel's round-trip mode, configured in `round_trip()`; every write goes
through `qmself.storage.atomic` (`atomic_write` is re-exported here for the editor).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.reader import ReaderError

from qmself.errors import QmselfError, dotted
from qmself.model.answers import MAX_NUMBER as MAX_NUMBER  # the one limit, also for numbers written as text
from qmself.storage.atomic import atomic_write as atomic_write  # re-exported: storage.edit writes through it
from qmself.storage.files import read_regular
from qmself.storage.syntax import nearest_key, syntax_error

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 32
MAX_NODES = 200_000
"""Parser events a file may have: the bundled questionnaire has about 13,000; a 4 MB file of one-character
list items has two million, which would take seconds to read (twice, when an error is located)."""

Path_ = tuple[str | int, ...]

_CONTENT = re.compile(r"(?:^|[\r\n])[ \t]*[^#\s]")  # a line (ended by LF, CRLF or CR alone) with content
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}

try:  # libyaml's parser ships in ruamel.yaml.clib (the `oldlibyaml` extra)
    from ruamel.yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]

    HAVE_C = True
except ImportError:  # pragma: no cover - depends on the platform's wheels
    HAVE_C = False


def events(text: str) -> Iterator[Any]:
    """The parser's events for `text`.

    libyaml's parser is driven directly: ruamel's `YAML.parse` wraps it in a
    generator that also appends a record to the YAML instance on every call,
    which costs time and grows without bound over a batch of 20,000 files.
    """
    if not HAVE_C:  # pragma: no cover - exercised only where the C parser is missing
        yield from YAML(typ="safe", pure=True).parse(text)
        return
    parser = _CParser(text)
    try:
        while True:
            ev = parser.get_event()
            yield ev
            if ev.__class__ is StreamEndEvent:
                return
    finally:
        parser.dispose()


def read_text(path: Path | str, display: str | None = None) -> str:
    """Read a YAML file as text, refusing what cannot be a YAML answer file.

    Only a regular file is read, and at most `MAX_BYTES` of it (`files.read_regular`).
    Plain `os` calls, not pathlib: a batch reads tens of thousands of files and
    pathlib keeps every path part it has seen interned.
    """
    name = display or str(path)
    return decode(read_regular(path, name, MAX_BYTES), name)


_OTHER_BOMS = (  # checked in this order: UTF-32 LE starts with UTF-16 LE's mark
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)
_SAVE_AS = ("请另存为 UTF-8 编码（记事本：“另存为”→“编码”选 UTF-8；WPS/Excel 导出时选 UTF-8）",
            "save it as UTF-8 (Notepad: Save as → Encoding: UTF-8)")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)  # the BOM says which byte order
    except UnicodeDecodeError:
        return False
    return True


def decode(data: bytes, name: str) -> str:
    """The text of a YAML file's bytes (a UTF-8 BOM dropped, line endings as they are), or one clear line.

    qmself reads UTF-8 only (with or without a BOM), as YAML files are written;
    the editor writes back the bytes it read. A file in another encoding is not
    guessed at (GB18030 would decode almost any bytes, turning a damaged UTF-8
    file into nonsense silently) but refused in one line that names the encoding
    when it is recognisable: UTF-16 or UTF-32 by their byte-order mark (Windows
    Notepad's "Unicode"), GBK/GB18030 (the "ANSI" of Chinese Windows) when the
    bytes read as Chinese text in it.
    """
    for bom, enc in _OTHER_BOMS:
        if data.startswith(bom) and _decodes(data, enc):
            raise QmselfError(f"这是 {enc} 编码的文本（Windows 记事本的“Unicode”）；qmself 只读 UTF-8，{_SAVE_AS[0]}",
                              f"this is {enc} text (Windows Notepad's 'Unicode'); qmself reads UTF-8 only: "
                              f"{_SAVE_AS[1]}", file=name)
    if b"\0" in data:
        try:  # a text file with a stray NUL (a damaged copy) is named at its line
            text = data.decode("utf-8-sig") if data.count(b"\0") * 100 < len(data) else None
        except UnicodeDecodeError:
            text = None
        if text is not None:
            raise _bad_character(text, name)
        raise QmselfError("这是二进制文件，不是 YAML 文本", "binary file, not YAML text", file=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        try:
            gb = _CJK.search(data.decode("gb18030")) is not None
        except UnicodeDecodeError:
            gb = False
        if gb:
            raise QmselfError(
                f"这是 GBK/GB18030 编码的文本（中文 Windows 的“ANSI”），不是 UTF-8；{_SAVE_AS[0]}",
                f"this is GBK/GB18030 text (Chinese Windows' 'ANSI'), not UTF-8: {_SAVE_AS[1]}",
                file=name, line=line,
            ) from None
        raise QmselfError(
            f"不是 UTF-8 编码（第 {e.start} 字节无效）；{_SAVE_AS[0]}",
            f"not UTF-8 text (invalid byte at offset {e.start}); {_SAVE_AS[1]}",
            file=name,
            line=line,
        ) from None
    if _CONTENT.search(text) is None:  # nothing but blank lines and comments
        raise QmselfError("文件为空", "file is empty", file=name)
    return text


def scalar_value(ev: Any) -> Any:
    """What a scalar event means as qmself reads it (YAML 1.2 core schema; quoted is text)."""
    v = ev.value
    if ev.style or not ev.implicit[0]:
        return v  # quoted, block or tagged: text as written
    if v in _NULL:
        return None
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    if _INT.match(v):
        if len(v) > 17:  # past 10^15 (and Python's int() refuses past 4,300 digits)
            raise _Huge(v)
        n = int(v)
        if abs(n) > MAX_NUMBER:
            raise _Huge(v)
        return n
    if _FLOAT.match(v):
        f = float(v)
        if not abs(f) <= MAX_NUMBER:  # also inf, from 1e400
            raise _Huge(v)
        return f
    return v


class _Huge(Exception):
    """A number too large to mean anything (located by the event loop)."""


def _line(ev: Any) -> int:
    return int(ev.start_mark.line) + 1 if ev.start_mark is not None else 0


class Locations:
    """Where each node of a parsed file is written: path inside the data -> 1-based line.

    Built only when asked for (an error to locate), by parsing the text once more
    with tracking on: scoring a valid file never pays for it.
    """

    def __init__(self, text: str, file: str, lines: dict[Path_, int] | None = None) -> None:
        self._text = text
        self._file = file
        self._lines = lines

    @property
    def text(self) -> str:
        """The text the locations are in."""
        return self._text

    @property
    def lines(self) -> dict[Path_, int]:
        if self._lines is None:
            self._lines = _parse(self._text, self._file, track=True)[1]
        return self._lines

    def line(self, path: Path_) -> int | None:
        """The line of the deepest known node on `path`."""
        lines = self.lines
        for n in range(len(path), -1, -1):
            found = lines.get(tuple(path[:n]))
            if found:
                return found
        return None


def line_of(locs: Locations | None, path: Path_) -> int | None:
    return None if locs is None else locs.line(path)


def parse(text: str, file: str) -> tuple[Any, Locations]:
    """Parse one YAML document into plain data (see the module docstring for what is refused)."""
    data, _ = _parse(text, file, track=False)
    return data, Locations(text, file)


def _parse(text: str, file: str, *, track: bool) -> tuple[Any, dict[Path_, int]]:
    """The event loop behind `parse`; with `track`, also the line of every node."""
    lines: dict[Path_, int] = {}
    # one frame per open collection: [container, path, pending key or None, key lines, is_list]
    stack: list[list[Any]] = []
    root: Any = None
    docs = 0

    def fail(ev: Any, zh: str, en: str) -> QmselfError:
        return QmselfError(zh, en, file=file, line=_line(ev))

    def refuse(ev: Any, zh: str, en: str) -> QmselfError:
        """`fail`, naming the key the refused node is written under (read from the text: the tree is unfinished)."""
        line = _line(ev)
        return QmselfError(zh, en, file=file, line=line, field=nearest_key(text.splitlines(), line - 1) if line else None)

    def no_alias(ev: Any) -> QmselfError:
        return refuse(ev, "不允许使用 YAML 锚点（&）和别名（*）", "YAML anchors (&) and aliases (*) are not allowed")

    def no_tag(ev: Any) -> QmselfError:
        return refuse(ev, f"不允许使用 YAML 标签 {ev.tag}", f"YAML tags such as {ev.tag} are not allowed")

    def bad_key(ev: Any) -> QmselfError:
        return refuse(ev, "映射的键必须是简单值", "mapping keys must be plain scalars")

    def place(value: Any, ev: Any) -> Path_ | None:
        """Attach a finished node to its parent; returns its path (None when it was a key)."""
        nonlocal root
        if not stack:
            root = value
            lines[()] = _line(ev)
            return ()
        frame = stack[-1]
        container, path = frame[0], frame[1]
        if frame[4]:
            p = (*path, len(container))
            container.append(value)
            if track:
                lines[p] = _line(ev)
            return p
        key = frame[2]
        if key is None:  # this node is a key
            if ev.__class__ is not ScalarEvent:
                raise bad_key(ev)
            k = ev.value
            if k in container:
                if not track:  # find where it first stood
                    _parse(text, file, track=True)
                first = frame[3][k]
                raise fail(ev, f"键 '{k}' 重复（首次出现在第 {first} 行）",
                           f"duplicate key '{k}' (first at line {first})").located(field=dotted((*path, k)))
            frame[2] = k
            if track:
                frame[3][k] = _line(ev)
            return None
        p = (*path, key)
        container[key] = value
        if track:
            lines[p] = frame[3][key]
        frame[2] = None
        return p

    count = 0
    try:
        for ev in events(text):
            count += 1
            if count > MAX_NODES:
                raise refuse(ev, f"节点过多（超过 {MAX_NODES:,} 个值、键和列表项），不像一份答卷或问卷",
                           f"too many nodes (over {MAX_NODES:,} values, keys and items) for an answer file or "
                           "questionnaire")
            cls = ev.__class__
            if cls is ScalarEvent:
                if ev.anchor:
                    raise no_alias(ev)
                if ev.tag and not ev.implicit[0] and not ev.implicit[1]:
                    raise no_tag(ev)
                # the common case, a value inside a mapping, inline
                if stack and not stack[-1][4] and stack[-1][2] is not None:
                    frame = stack[-1]
                    key = frame[2]
                    frame[0][key] = scalar_value(ev)
                    if track:
                        lines[frame[1] + (key,)] = frame[3][key]
                    frame[2] = None
                else:
                    place(scalar_value(ev), ev)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                if ev.anchor:
                    raise no_alias(ev)
                if ev.tag and not ev.implicit:
                    raise no_tag(ev)
                if len(stack) >= MAX_DEPTH:
                    raise refuse(ev, f"嵌套超过 {MAX_DEPTH} 层", f"nested deeper than {MAX_DEPTH} levels")
                is_list = cls is SequenceStartEvent
                container: Any = [] if is_list else {}
                path = place(container, ev)
                if path is None:
                    raise bad_key(ev)
                stack.append([container, path, None, {}, is_list])
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                stack.pop()
            elif cls is AliasEvent:
                raise no_alias(ev)
            elif cls is DocumentStartEvent:
                docs += 1
                if docs > 1:
                    raise fail(ev, "一个文件只能包含一个 YAML 文档", "a file holds one YAML document, not several")
    except MarkedYAMLError as e:
        raise syntax_error(e, text, file) from None
    except ReaderError:  # a character YAML does not allow in a file (a control character)
        raise _bad_character(text, file) from None
    except _Huge as e:
        shown = str(e)[:20] + ("…" if len(str(e)) > 20 else "")
        where: Path_ | None = None
        if stack:
            frame = stack[-1]
            where = (*frame[1], len(frame[0])) if frame[4] else (
                (*frame[1], frame[2]) if frame[2] is not None else tuple(frame[1]))
        raise QmselfError(f"数值 {shown} 过大，没有意义（绝对值上限 10^15）",
                          f"the number {shown} is too large to mean anything (the limit is 10^15)",
                          file=file, line=_line(ev), field=dotted(where) if where else None) from None
    except YAMLError as e:  # pragma: no cover - every error of the parser is marked or a reader error
        raise QmselfError(f"YAML 语法错误：（{e}）", f"malformed YAML: {e}", file=file) from None
    except RecursionError:
        raise QmselfError(f"嵌套超过 {MAX_DEPTH} 层", f"nested deeper than {MAX_DEPTH} levels", file=file) from None
    return root, lines


# what YAML 1.2 does not allow: the complement of its printable set (tab, LF, CR, x20-x7E, x85, xA0-xD7FF,
# xE000-xFFFD, x10000-x10FFFF), written out, because the complement form takes 10 ms to compile at start-up
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROL_NAMES = {0x00: "NULL", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x08: "BACKSPACE", 0x0C: "FORM FEED", 0x0B: "LINE TABULATION"}


def _bad_character(text: str, file: str) -> QmselfError:
    """One line for a character YAML does not allow (a control character, U+FFFE...): where, and which."""
    m = _NOT_PRINTABLE.search(text)
    if m is None:  # pragma: no cover - the reader refused a character the pattern allows
        return QmselfError("含有 YAML 不允许的字符", "a character YAML does not allow", file=file)
    c = m.group()
    index = len(re.findall("\r\n|\r|\n", text[: m.start()]))
    what = f"U+{ord(c):04X}" + (f" {n}" if (n := _CONTROL_NAMES.get(ord(c)) or unicodedata.name(c, "")) else "")
    lines = text.splitlines()
    return QmselfError(f"含有不可见的控制字符 {what}，YAML 文件中不允许；请删除它（常见于从网页或其他软件复制的文字）",
                       f"an invisible control character {what}, which YAML does not allow: delete it (often copied "
                       "from a web page or another program)",
                       file=file, line=index + 1, field=nearest_key(lines, index))


def load(path: Path | str, display: str | None = None) -> tuple[Any, Locations]:
    """Read and parse a YAML file (see module docstring for what is refused)."""
    name = display or str(path)
    return parse(read_text(path, name), name)


def round_trip() -> YAML:
    """The YAML instance for editing files a person also edits: comments, order and quotes kept."""
    y = YAML()
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096
    y.allow_duplicate_keys = False
    # never write anchors/aliases for shared objects: our own reader refuses them
    y.representer.ignore_aliases = lambda *_: True
    return y
