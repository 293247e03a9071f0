"""Plain-text layout that keeps Chinese text aligned: display width, padding, tables."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(s: str) -> int:
    """Terminal columns `s` takes: wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else (0 if unicodedata.combining(c) else 1) for c in s)


def clip(s: str, cols: int) -> str:
    """Cut `s` to at most `cols` columns, ending in '…' when cut."""
    if width(s) <= cols:
        return s
    out, used = "", 0
    for c in s:
        w = width(c)
        if used + w > cols - 1:
            break
        out += c
        used += w
    return out + "…"


def pad(s: str, cols: int, align: str = "<") -> str:
    s = clip(s, cols)
    gap = " " * (cols - width(s))
    return s + gap if align == "<" else gap + s


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int], aligns: str) -> str:
    """A table with fixed column widths, one space between columns."""
    lines = [" ".join(pad(h, w, a) for h, w, a in zip(headers, widths, aligns, strict=True)).rstrip()]
    lines.append(" ".join("─" * w for w in widths))
    for row in rows:
        lines.append(" ".join(pad(c, w, a) for c, w, a in zip(row, widths, aligns, strict=True)).rstrip())
    return "\n".join(lines)


def wrap(s: str, cols: int, indent: str = "", hanging: str | None = None) -> list[str]:
    """Wrap text (Chinese or not) to `cols` columns, breaking English at spaces when it can.

    `indent` starts the first line, `hanging` (default: the same) the following ones.
    """
    lines: list[str] = []
    cur = indent
    nxt = indent if hanging is None else hanging
    for word in _tokens(s):
        if width(cur) + width(word) > cols and cur.strip():
            lines.append(cur.rstrip())
            cur = nxt + word.lstrip()
        else:
            cur += word
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


def _tokens(s: str) -> list[str]:
    """Split into wrap units: each wide character alone, runs of narrow ones by word."""
    out: list[str] = []
    buf = ""
    for c in s:
        if unicodedata.east_asian_width(c) in "WF":
            if buf:
                out.append(buf)
                buf = ""
            out.append(c)
        elif c == " ":
            buf += c
            out.append(buf)
            buf = ""
        else:
            buf += c
    if buf:
        out.append(buf)
    return out
