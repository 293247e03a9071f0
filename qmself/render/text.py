"""Plain-text layout that keeps Chinese text aligned: display width, padding, tables."""

from __future__ import annotations

from collections.abc import Sequence

from qmself.cjk import cell_width
from qmself.cjk import wrap as cjk_wrap
from qmself.model.common import pick


def width(s: str) -> int:
    """Terminal columns `s` takes: wide and full-width characters count two."""
    return cell_width(s)


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
    """Wrap text (Chinese or not) to `cols` columns by the one line-breaking rule of
    `qmself.cjk`: no closing punctuation at a line's start, no opening one at its end.

    `indent` starts the first line, `hanging` (default: the same) the following ones.
    """
    return cjk_wrap(s, cols, indent, hanging)


def gate_note(met: Sequence[str], lang: str) -> str | None:
    """The one sentence that says which areas passed their compliance gate.

    Red lines are gates, not scores: an area whose applicable red lines are all
    met is scored on its maturity questions alone. Every report says which areas
    that is, so that no reader takes a met red line for points.
    """
    if not met:
        return None
    sep = pick(lang, "、", ", ")
    return pick(
        lang,
        f"合规门槛已通过：{sep.join(met)} 的红线均已满足；这些领域只按成熟度题计分（红线不加分）。",
        f"Compliance gate passed: every red line of {sep.join(met)} is met; these areas are scored on their "
        "maturity questions only, and red lines add no points.",
    )
