"""YAML syntax errors as a person can act on them: in Chinese, at the right line, with the nearest key.

The parser's own message (`could not find expected ':'`) is English, and its
position is where it gave up, often the line *after* the mistake: a key typed
`LEAD-07：2` with a Chinese input method's full-width colon is no key at all, so
the parser only notices on the next line. Here:

* the line is the one the mistake is on: for an unfinished key, quote or
  bracket the parser's context mark (where that began), otherwise its problem
  mark; a line near it with full-width punctuation or spaces where YAML needs
  ASCII (`：` `　` `－` `＃` `，` `［`…) wins, with a hint naming the character;
* the field is the nearest key, with its parents (`answers.LEAD-07`), read from
  the text by indentation;
* the problem is translated; an unknown one is kept in English in brackets.
"""

from __future__ import annotations

import re
from typing import Any

from qmself.errors import QmselfError

_PROBLEMS: list[tuple[str, str, str]] = [  # (start of libyaml's problem, Chinese, English explanation)
    ("could not find expected ':'", "缺少冒号：键和值之间要用半角冒号加空格（例如 A-01: 3）",
     "a colon is missing: key and value are separated by an ASCII colon and a space (e.g. A-01: 3)"),
    ("mapping values are not allowed", "这里不能出现「: 」；值中含有冒号加空格时，请给整个值加引号",
     "': ' is not allowed here; quote the whole value if it contains a colon and a space"),
    ("did not find expected key", "缩进不对，或这一行不是「键: 值」的形式",
     "wrong indentation, or the line is not of the form 'key: value'"),
    ("did not find expected '-' indicator", "列表的缩进不一致（每一项以同样缩进的「- 」开始）",
     "inconsistent list indentation (every item starts with '- ' at the same indentation)"),
    ("found a tab character", "缩进中有制表符（Tab）；YAML 只能用空格缩进",
     "a tab in the indentation; YAML indents with spaces only"),
    ("found character '\\t' that cannot start any token", "缩进中有制表符（Tab）；YAML 只能用空格缩进",
     "a tab in the indentation; YAML indents with spaces only"),
    ("found character that cannot start any token", "这里有一个不能作为值开头的字符（例如 @ 或 `）；请给值加引号",
     "a character that cannot start a value (such as @ or `); quote the value"),
    ("did not find expected ',' or ']'", "方括号列表没有闭合：缺少「,」或「]」",
     "an unclosed [ list: ',' or ']' missing"),
    ("did not find expected ',' or '}'", "花括号映射没有闭合：缺少「,」或「}」",
     "an unclosed { mapping: ',' or '}' missing"),
    ("found unknown escape character", "双引号中的反斜杠「\\」后面不是有效的转义；路径请改用单引号",
     "a backslash in double quotes starts no valid escape; use single quotes for paths"),
    ("did not find expected node content", "缺少值", "a value is missing"),
    ("block sequence entries are not allowed", "这里不能以「- 」开始列表（缩进不对？）",
     "a '- ' list cannot start here (wrong indentation?)"),
    ("expected <block end>", "缩进不一致", "inconsistent indentation"),
    ("found undefined tag handle", "不认识的「!」标签", "an unknown '!' tag"),
    ("found unexpected end of stream", "文件意外结束", "the file ends unexpectedly"),
    ("did not find expected comment or line break", "值后面多了内容：这里只能有注释（「#」前要有空格）或换行",
     "something follows the value where only a comment (a space before '#') or a line break may come"),
    ("did not find expected <document start>", "这里的内容在文档之外（前面多了一行「...」或「---」，或顶层缩进不对）",
     "this is outside the document (a '...' or '---' line before it, or wrong top-level indentation)"),
    ("found unexpected document indicator", "行首的「---」或「...」在这里不允许（在引号内的值中？）",
     "'---' or '...' at the start of a line is not allowed here (inside a quoted value?)"),
    ("did not find expected hexdecimal number", "双引号中的 \\x、\\u 或 \\U 后面应是十六进制数字；路径请改用单引号",
     "\\x, \\u or \\U in double quotes must be followed by hexadecimal digits; use single quotes for paths"),
    ("found invalid Unicode character escape code", "双引号中的 \\u 转义不是有效字符；请直接写出这个字符",
     "a \\u escape in double quotes is not a valid character; write the character itself"),
    ("did not find expected alphabetic or numeric character", "「&」或「*」后面应是锚点名称；值以 & 或 * 开头时请加引号",
     "'&' or '*' must be followed by an anchor name; quote a value that starts with & or *"),
    ("did not find expected whitespace or line break", "这个符号后面应有空格或换行；值以 | > ! 等符号开头时请加引号",
     "a space or line break must follow this sign; quote a value that starts with | > ! and the like"),
    ("mapping keys are not allowed", "这里不能出现「? 」（复杂键）；值以 ? 开头时请加引号",
     "'? ' (a complex key) is not allowed here; quote a value that starts with ?"),
    ("found unexpected ':'", "冒号「:」的位置不对；值中含有冒号时请加引号", "a ':' where none may be; quote a value with a colon"),
    ("found an indentation indicator equal to 0", "「|」或「>」后的缩进数字不能是 0",
     "the indentation number after '|' or '>' cannot be 0"),
    *[(p, "以「%」开头的行是 YAML 指令，答卷中不需要；请删除这一行，或给以 % 开头的值加引号",
       "a line starting with '%' is a YAML directive, not needed in an answer file: delete it, or quote a value "
       "that starts with %") for p in (
        "could not find expected directive name", "found unknown directive name", "found unexpected non-alphabetical",
        "did not find expected version number", "found extremely long version number", "did not find expected digit",
        "found incompatible YAML document", "found duplicate %", "did not find expected whitespace")],
    *[(p, "「!」开头的标签写法不对；值以 ! 开头时请加引号", "a malformed '!' tag; quote a value that starts with !")
      for p in ("did not find URI escaped octet", "did not find expected tag URI", "did not find expected '!'",
                "found a tag handle", "found unknown tag")],
]
_QUOTE_END = ("引号没有闭合（从这一行开始）", "an unclosed quote (it starts on this line)")

# contexts whose mark is where the mistake is: an unfinished key, quote or bracket
_AT_CONTEXT = ("while scanning a simple key", "while scanning a quoted scalar", "while parsing a flow")

_WIDE = [  # (character, Chinese name, English name, what YAML needs)
    ("：", "全角冒号", "full-width colon", ":"),
    ("\u3000", "全角空格", "full-width space", " "),
    ("－", "全角连字符", "full-width hyphen", "-"),
    ("＃", "全角井号", "full-width number sign", "#"),
    ("，", "全角逗号", "full-width comma", ","),
    ("［", "全角方括号", "full-width bracket", "["),
    ("］", "全角方括号", "full-width bracket", "]"),
    ("｛", "全角花括号", "full-width brace", "{"),
    ("｝", "全角花括号", "full-width brace", "}"),
]
_KEY = re.compile(r"^(?P<ind>[ ]*)(?:-[ ]+)?(?P<key>[^\s#'\"\[\]{},:：%@`][^#:：]*?)[ \t]*[:：]")
_STRAY = "%@`"
"""What can start neither a key nor a value (YAML's reserved indicators and the directive sign): a line that
starts with one of them is a stray line, not a key (`nearest_key` passes over it)."""
_DIRECTIVE = re.compile(r"^%(?:YAML|TAG)[ \t]")
_NO_SPACE = re.compile(r"^[ ]*(?:-[ ]+)?[^\s#'\"\[\]{},:][^#:]*:[^\s:/]")


def _code(line: str) -> str:
    """The line without a trailing comment (a `#` after a space; quoted text is left alone)."""
    out, quote = [], ""
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = ""
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            break
        out.append(c)
    return "".join(out)


def wide_character(line: str) -> tuple[str, str, str, str] | None:
    """The full-width character on `line` where YAML syntax needs its ASCII twin, if any.

    Only where it breaks the syntax: a `：` before the line's first ASCII `: `
    (in the key), a `　` in the indentation or right after the key's colon, a `－` or
    `＃` where a line's content starts, `，［］｛｝` on a line with a flow collection.
    A full-width colon inside a value (`note: 原因：设备老化`) is text and fine.
    """
    code = _code(line)
    body = code.lstrip(" \u3000")
    indent = code[: len(code) - len(body)]
    ascii_colon = re.search(r":(?=[ \t]|$)", code)
    for ch, zh, en, ascii_ in _WIDE:
        if ch not in code:
            continue
        pos = code.index(ch)
        if ch == "：" and (ascii_colon is None or pos < ascii_colon.start()):
            return ch, zh, en, ascii_
        if ch == "\u3000" and ("\u3000" in indent or ":\u3000" in code):
            return ch, zh, en, ascii_
        if ch in "－＃" and body.startswith(ch):
            return ch, zh, en, ascii_
        if ch in "，［］｛｝" and any(b in code for b in "[]{}［］｛｝"):
            return ch, zh, en, ascii_
    return None


def line_hint(line: str) -> tuple[str, str] | None:
    """What is wrong with `line` as YAML a person typed, as (zh, en), if it is one of the usual slips.

    A full-width character where YAML needs ASCII (`wide_character`), or a key's
    colon with no space after it (`A-03:yes`).
    """
    found = wide_character(line)
    if found is not None:
        ch, zh, en, ascii_ = found
        shown = "空格" if ascii_ == " " else f"「{ascii_}」"
        return (f"这一行有{zh}「{ch}」（中文输入法），YAML 需要半角{shown}" + ("加一个空格" if ascii_ == ":" else ""),
                f"this line has a {en} '{ch}' (Chinese input method); YAML needs an ASCII '{ascii_}'"
                + (" and a space" if ascii_ == ":" else ""))
    code = _code(line)
    if _NO_SPACE.match(code) and not re.search(r":(?=[ \t]|$)", code):
        return ("键后的冒号「:」后面要有一个空格（例如 A-01: 3）", "the key's colon ':' needs a space after it (e.g. A-01: 3)")
    return None


def nearest_key(lines: list[str], index: int) -> str | None:
    """The key on line `index` (0-based) or the nearest above it, with its parents: `answers.A-02.evidence`."""
    path: list[str] = []
    limit: int | None = None  # the indentation a parent must be less than
    if 0 <= index < len(lines):
        own = lines[index].replace("\u3000", " ").replace("\t", " ")
        if own.strip() and _KEY.match(_code(own)) is None:  # not a key line: its key is at its indentation or less
            limit = len(own) - len(own.lstrip(" ")) + 1
    for i in range(min(index, len(lines) - 1), -1, -1):
        m = _KEY.match(_code(lines[i]).replace("\u3000", " ").replace("\t", " "))
        if m is None:
            continue
        ind = len(m["ind"])
        if limit is None or ind < limit:
            path.insert(0, m["key"].strip())
            limit = ind
            if ind == 0:
                break
    return ".".join(path) or None


def _stray(lines: list[str], index: int, column: int) -> tuple[str, str] | None:
    """(zh, en) when line `index` starts with a character that can start neither a key nor a value (`%  A-00`,
    a lone `%`, `@x`) and the parser stopped there: the line is not YAML; a real directive (`%YAML 1.2`) is not
    meant."""
    line = lines[index] if index < len(lines) else ""
    body = line.lstrip(" ")
    if not body or body[0] not in _STRAY or _DIRECTIVE.match(line):
        return None
    if not (line[0] == "%" or column == len(line) - len(body)):  # at the left margin a % is read as a directive
        return None
    c = body[0]
    return (f"这一行以「{c}」开头，不是有效的 YAML（键和值都不能以「{c}」开头）；多余的行请删除，键或值确实以「{c}」开头时请加引号",
            f"this line starts with '{c}' and is not valid YAML (no key or value can start with '{c}'): delete it if "
            f"it is stray; quote a key or value that really starts with {c}")


def syntax_error(e: Any, text: str, file: str) -> QmselfError:
    """One located, translated line for the parser's MarkedYAMLError `e` on `text`."""
    problem = (e.problem or str(e)).strip()
    context = (e.context or "").strip()
    mark = e.problem_mark or e.context_mark
    if e.context_mark is not None and context.startswith(_AT_CONTEXT):
        mark = e.context_mark
    lines = text.splitlines()
    index = mark.line if mark is not None else None
    hint = None
    if index is not None:
        # a full-width character on the line or a few lines before it is the likely cause
        start = min(index, e.context_mark.line) if e.context_mark is not None else index
        for i in range(min(index, len(lines) - 1), max(start, index - 5) - 1, -1):
            hint = line_hint(lines[i])
            if hint is not None:
                index = i
                break
    zh, en = next(((z, x) for p, z, x in _PROBLEMS if problem.startswith(p)), (f"（{problem}）", problem))
    if problem.startswith("found unexpected end of stream") and context.startswith("while scanning a quoted"):
        zh, en = _QUOTE_END
    if hint is not None:  # the cause, said plainly, rather than what the parser made of it
        zh, en = hint
    elif index is not None and mark is not None and (stray := _stray(lines, index, mark.column)) is not None:
        zh, en = stray
    elif (problem.startswith("could not find expected ':'") and index is not None and index < len(lines)
          and len(lines[index].split(":")[0]) > 1024):
        zh, en = "键过长（YAML 的键最多 1024 个字符）", "the key is too long (a YAML key has at most 1024 characters)"
    return QmselfError(
        f"YAML 语法错误：{zh}", f"malformed YAML: {en}", file=file,
        line=index + 1 if index is not None else None,
        field=nearest_key(lines, index) if index is not None else None,
    )
