"""Chinese line breaking (禁则): one rule for every place qmself folds text.

Chinese typesetting forbids a line that starts with closing punctuation
(，。、；：？！）》」』】〕” …) and a line that ends with an opening one
（（《「『【〔“ …). The terminal (TUI, prompts, tables, `questionnaire show`),
the `template` comments and the PDF all take their character sets from here,
so the rule is stated once. Widths are terminal cells: East Asian wide and
full-width characters take two, combining marks none.

Pure: imports nothing but the standard library.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Characters that may not begin a line (closing punctuation, full- and half-width).
NO_LINE_START = frozenset(
    "，。、；：？！）》」』】〕〗〙〛”’…‥·・ー～%‰℃°"
    "．，：；？！）］｝｣､｡"
    ",.;:?!)]}>"
    "々〻ゝゞヽヾァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ"
)
#: Characters that may not end a line (opening punctuation).
NO_LINE_END = frozenset("（《「『【〔〖〘〚“‘（［｛｢([{<￥＄$#")


@lru_cache(maxsize=4096)
def char_width(c: str) -> int:
    """Terminal cells taken by one character."""
    if unicodedata.combining(c):
        return 0
    if c in "\u200b\u200c\u200d\ufeff":
        return 0
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def cell_width(s: str) -> int:
    """Terminal cells taken by a string."""
    return sum(char_width(c) for c in s)


def _is_wide(c: str) -> bool:
    return unicodedata.east_asian_width(c) in "WF"


#: Chinese numerals: a run of them is a number and is not split (（二十一） stays whole, as 21 does).
CN_NUMERALS = frozenset("〇零一二三四五六七八九十百千万两")
#: Units after a number that stay with it: a clause (第三十二条, 第50条, 第四款), a level (2 级), a count.
CN_NUMBER_UNITS = frozenset("条款项章节号级题年月日天次批件个")


def _digit(c: str) -> bool:
    return c in CN_NUMERALS or "0" <= c <= "9"


def no_break_between(a: str, b: str) -> bool:
    """A line may not break between characters `a` and `b` because they are one number: Chinese numeral
    and numeral, 第 and a numeral or digit, a numeral or digit and its unit (the PDF's rule too)."""
    return ((b in CN_NUMERALS and (a in CN_NUMERALS or a == "第")) or (a == "第" and "0" <= b <= "9")
            or (_digit(a) and b in CN_NUMBER_UNITS))


def _tokens(text: str) -> list[str]:
    """Break opportunities: a wide character stands alone, except inside a Chinese number
    (`no_break_between`: 二十一, 第三十二条); a run of
    narrow non-space characters is one word, a run of spaces is one token."""
    out: list[str] = []
    buf = ""
    for c in text:
        if c == " ":
            if buf and buf[-1] != " ":
                out.append(buf)
                buf = ""
            buf += c
        elif _is_wide(c):
            if buf:
                _push(out, buf)
                buf = ""
            if out and no_break_between(out[-1][-1], c):
                out[-1] += c
            else:
                out.append(c)
        else:
            if buf and buf[-1] == " ":
                out.append(buf)
                buf = ""
            buf += c
    if buf:
        _push(out, buf)
    # a number, a space and its unit stay together (封顶于 2 级, 第 3 条)
    for i in range(len(out) - 2, 0, -1):
        if out[i].isspace() and ((out[i - 1][-1].isdigit() and out[i + 1][0] in CN_NUMBER_UNITS)
                                 or (out[i - 1][-1] == "第" and out[i + 1][0].isdigit())):
            out[i - 1: i + 2] = ["".join(out[i - 1: i + 2])]
    # glue: a token that may not start a line joins the one before it; a token that
    # may not end a line joins the one after it
    glued: list[str] = []
    carry = ""
    for t in out:
        if t.isspace():
            if carry:
                glued.append(carry)
                carry = ""
            glued.append(t)
            continue
        t = carry + t
        carry = ""
        if glued and not glued[-1].isspace() and t[0] in NO_LINE_START:
            glued[-1] += t
        elif len(glued) >= 2 and glued[-1].isspace() and t[0] in NO_LINE_START:
            space = glued.pop()
            glued[-1] += space + t
        else:
            glued.append(t)
        if glued[-1][-1] in NO_LINE_END:
            carry = glued.pop()
    if carry:
        if glued and not glued[-1].isspace():
            glued[-1] += carry
        else:
            glued.append(carry)
    return glued


def _push(out: list[str], run: str) -> None:
    """Append a run of narrow characters, joined to the token before it when no break may come between."""
    if out and not run.isspace() and no_break_between(out[-1][-1], run[0]):
        out[-1] += run
    else:
        out.append(run)


def _hard_split(token: str, width: int) -> list[str]:
    """Cut a token wider than a line, still keeping the punctuation rule where it can."""
    pieces: list[str] = []
    cur = ""
    for c in token:
        if cur and cell_width(cur) + char_width(c) > width:
            # move characters across the cut so that the next line starts with neither a
            # closer nor a space and this one does not end with an opener
            k = len(cur)
            if c in NO_LINE_START or c == " ":
                k = len(cur) - 1
                while k > 0 and (cur[k] in NO_LINE_START or cur[k] == " "):
                    k -= 1
            while 0 < k < len(cur) + 1 and cur[k - 1] in NO_LINE_END:
                k -= 1
            if k <= 0:
                k = len(cur)
            pieces.append(cur[:k].rstrip() or cur[:k])
            cur = cur[k:].lstrip()
        cur += c
    if cur:
        pieces.append(cur)
    return pieces


def wrap(text: str, width: int, indent: str = "", subsequent_indent: str | None = None) -> list[str]:
    """Fold `text` into lines of at most `width` cells, obeying the punctuation rule.

    Newlines in `text` start new lines. Spaces at a fold are dropped. A token that
    is wider than the line on its own is cut, moving one character across the cut
    when that keeps a closer off the line's start or an opener off its end.
    """
    sub = indent if subsequent_indent is None else subsequent_indent
    lines: list[str] = []
    for para in text.split("\n"):
        folded = _fold(para, width, indent, sub)
        # no lone Chinese character on a paragraph's last line (孤字): fold a little narrower when that helps
        for narrower in range(1, 5):
            if len(folded) < 2 or not _orphan(folded[-1], sub):
                break
            again = _fold(para, width - narrower, indent, sub)
            if len(again) == len(folded) and not _orphan(again[-1], sub):
                folded = again
                break
        lines += folded
    return lines


def _orphan(line: str, indent: str) -> bool:
    """Is `line` one Chinese character alone (with any punctuation that follows it)?"""
    body = line[len(indent):].strip() if line.startswith(indent) else line.strip()
    core = body.rstrip("".join(NO_LINE_START))
    return len(core) == 1 and _is_wide(core)


def _fold(para: str, width: int, indent: str, sub: str) -> list[str]:
    """One paragraph folded (`wrap` without the look at its last line)."""
    lines: list[str] = []
    cur = indent
    cur_w = cell_width(indent)
    if not para.strip():
        return [""]
    for tok in _tokens(para):
        tw = cell_width(tok)
        if tok.isspace():
            if cur.strip():
                cur += tok
                cur_w += tw
            continue
        if cur_w + tw <= width:
            cur += tok
            cur_w += tw
            continue
        # the token does not fit on this line
        if cur.strip():
            lines.append(cur.rstrip())
            cur, cur_w = sub, cell_width(sub)
        room = max(1, width - cur_w)
        if tw <= room:
            cur += tok
            cur_w += tw
            continue
        pieces = _hard_split(tok, room)
        for p in pieces[:-1]:
            lines.append((cur + p).rstrip())
            cur, cur_w = sub, cell_width(sub)
        cur += pieces[-1]
        cur_w += cell_width(pieces[-1])
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


def fill_parts(parts: list[str], width: int, sep: str = " · ") -> str:
    """Parts joined by `sep`, folded between parts rather than inside one (a header line: "LEAD-01 ·
    领域 · 成熟度 · 权重 3"); a separator never ends a line. A part wider than the line is folded by `wrap`."""
    lines: list[str] = []
    cur = ""
    for part in parts:
        if cur and cell_width(cur + sep + part) <= width:
            cur += sep + part
            continue
        if cur:
            lines.append(cur)
        folded = wrap(part, width)
        lines += folded[:-1]
        cur = folded[-1] if folded else ""
    if cur:
        lines.append(cur)
    return "\n".join(lines)


def clip(text: str, width: int, ellipsis: str = "…") -> str:
    """`text` on one line of at most `width` cells: cut with `ellipsis` when longer, never just after an
    opening bracket or a space (a list of hits, one line each)."""
    text = " ".join(text.split())
    if cell_width(text) <= width:
        return text
    room = max(0, width - cell_width(ellipsis))
    out, used = "", 0
    for c in text:
        w = char_width(c)
        if used + w > room:
            break
        out += c
        used += w
    return out.rstrip(" " + "".join(NO_LINE_END)) + ellipsis


def fill(text: str, width: int, indent: str = "", subsequent_indent: str | None = None) -> str:
    """`wrap` joined with newlines."""
    return "\n".join(wrap(text, width, indent, subsequent_indent))


def offending_lines(lines: list[str], strip: str = " │|#") -> list[str]:
    """Lines that break the rule (for tests and checks): a line whose first
    visible character is a closer, or whose last is an opener. `strip` are frame
    and comment characters to look past."""
    bad = []
    for line in lines:
        s = line.strip().strip(strip).strip()
        if not s:
            continue
        if s[0] in NO_LINE_START_CJK or s[-1] in NO_LINE_END_CJK:
            bad.append(line)
    return bad


#: The full-width subset that tests check for (half-width `,` after a number is fine to start
#: nothing, but a line starting with `.5` would be odd too; the tests look at the Chinese marks).
NO_LINE_START_CJK = frozenset("，。、；：？！）》」』】〕”’…％℃")
NO_LINE_END_CJK = frozenset("（《「『【〔“‘")
