"""Text in the PDF: the fonts, Chinese line breaking, and long text cut to fit.

**Fonts.** The body font is WenQuanYi Micro Hei (Apache-2.0). Its glyphs for a few
symbols people type in quality records are empty (℃ and ℉ print as blank space), so
a subset of DejaVu Sans (Bitstream Vera licence, see `qmself/fonts/`) stands behind
it: `markup` puts every character the body font cannot draw into the symbol font.
The body font draws the curly quotes “ ” ‘ ’ one em wide, as Chinese text wants them;
between Latin words that leaves a wide gap (Against “SME starter level” the …), so a
quote mark whose text on both sides is not Chinese is drawn by the symbol font, whose
quotes are Latin ones (`fonts_of`; a pair of quotes is decided together).

**Line breaking.** ReportLab's `wordWrap='CJK'` breaks a line before any character.
Its only rule is that a character listed in `reportlab.lib.textsplit.ALL_CANNOT_START`
(a Japanese list that lacks ，；：？！》” and more) may hang in the margin; it never
looks at `CANNOT_END_LINE`, so a line may end with 《 or “. `install_line_breaking`
replaces the two functions ReportLab's `Paragraph.breakLinesCJK` calls,
`reportlab.platypus.paragraph.wordSplit` (a paragraph in one style) and
`cjkFragSplit` (several styles), by versions that take their break points from
`break_points` below, which obeys `qmself.cjk.NO_LINE_START` / `NO_LINE_END`: the one
rule of the project, not a second list.

Why that is safe across ReportLab versions: both names are looked up in the module
`reportlab.platypus.paragraph` at call time, have kept their signatures and results
since ReportLab 3.0, and the replacements build lines with ReportLab's own helpers
(`cjkU`, `makeCJKParaLine`). The install checks that every name it relies on exists;
if one does not, it leaves ReportLab's splitting alone, adds our closers to
ReportLab's own lists instead (`ALL_CANNOT_START`, which still keeps a closer off a
line's start), and records `"fallback"` in `LINE_BREAKING`. The test
`tests/render/test_pdf_text.py` fails in that case, and also checks, on real PDFs,
that no extracted line starts with a closer or ends with an opener.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from qmself.cjk import NO_LINE_END, NO_LINE_START, char_width, no_break_between

FONT = "QMSelfCJK"
SYMBOL_FONT = "QMSelfSymbols"
FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT_FILE = FONT_DIR / "wqy-microhei.ttc"
SYMBOL_FONT_FILE = FONT_DIR / "dejavu-sans-symbols.ttf"
FUZZ = 1e-6

#: "qmself" once our line breaking is installed, "fallback" if ReportLab's internals changed.
LINE_BREAKING = ""


def register_fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT, italic=FONT, boldItalic=FONT)
    if SYMBOL_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(SYMBOL_FONT, str(SYMBOL_FONT_FILE)))
    install_line_breaking()


@lru_cache(maxsize=8)
def _glyph_table(font: str) -> tuple[dict[int, int], list[int]]:
    face = pdfmetrics.getFont(font).face
    return face.charToGlyph, face.glyphPos


def draws(font: str, ch: str) -> bool:
    """Whether `font` (registered) has a glyph with an outline for `ch` (spaces draw nothing on purpose)."""
    if ch.isspace():
        return True
    c2g, pos = _glyph_table(font)
    g = c2g.get(ord(ch))
    return g is not None and g + 1 < len(pos) and pos[g + 1] > pos[g]


@lru_cache(maxsize=4096)
def font_for(ch: str) -> str:
    """The font that draws `ch`: the body font, else the symbol font, else the body font anyway."""
    if draws(FONT, ch) or not draws(SYMBOL_FONT, ch):
        return FONT
    return SYMBOL_FONT


#: Curly quotes: the body font draws them one em wide (Chinese), the symbol font as Latin quotes.
OPENING_QUOTES = {"“": "”", "‘": "’"}
CLOSING_QUOTES = frozenset(OPENING_QUOTES.values())
_QUOTES = CLOSING_QUOTES | set(OPENING_QUOTES)


def _latin_quotes(text: str) -> set[int]:
    """Positions of the quote marks in `text` to draw as Latin quotes: those whose nearest
    characters on either side (spaces looked past) are not Chinese (not wide). An opening
    quote and its closing one are decided together, so “ISO 9001”认证 keeps both wide; an
    apostrophe between two letters or digits (it’s) stands alone."""
    n = len(text)

    def latin_around(i: int) -> bool:
        a, b = i - 1, i + 1
        while a >= 0 and text[a].isspace():
            a -= 1
        while b < n and text[b].isspace():
            b += 1
        return (a < 0 or char_width(text[a]) < 2) and (b >= n or char_width(text[b]) < 2)

    latin: set[int] = set()
    open_at: list[int] = []  # unclosed opening quotes, innermost last
    for i, c in enumerate(text):
        if c in OPENING_QUOTES:
            open_at.append(i)
        elif c in CLOSING_QUOTES:
            apostrophe = c == "’" and 0 < i < n - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
            match = next((k for k in range(len(open_at) - 1, -1, -1) if OPENING_QUOTES[text[open_at[k]]] == c),
                         None) if not apostrophe else None
            if match is None:
                if latin_around(i):
                    latin.add(i)
                continue
            o = open_at[match]
            del open_at[match:]
            if latin_around(o) and latin_around(i):
                latin.update((o, i))
    latin.update(o for o in open_at if latin_around(o))
    return latin


def fonts_of(text: str) -> list[str]:
    """The font of each character of `text`: `font_for`, except curly quotes among Latin text,
    which the symbol font draws (see the module doc)."""
    fonts = [font_for(c) for c in text]
    for i in _latin_quotes(text):
        fonts[i] = SYMBOL_FONT
    return fonts


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def runs(text: str) -> list[tuple[str, str]]:
    """(font, text) pieces, for drawing straight on a canvas."""
    out: list[tuple[str, str]] = []
    if all(ord(c) < 0x2000 or (font_for(c) == FONT and c not in _QUOTES) for c in text):  # nearly every text
        return [(FONT, text)] if text else []
    for c, f in zip(text, fonts_of(text), strict=True):
        if out and out[-1][0] == f:
            out[-1] = (f, out[-1][1] + c)
        else:
            out.append((f, c))
    return out


def markup(text: object) -> str:
    """Paragraph markup for plain text: escaped, and characters the body font cannot draw (and
    quotes among Latin text) set in the symbol font."""
    return "".join(_esc(t) if f == FONT else f'<font name="{f}">{_esc(t)}</font>' for f, t in runs(str(text)))


def text_width(text: str, size: float) -> float:
    return float(sum(pdfmetrics.stringWidth(t, f, size) for f, t in runs(text)))


def truncate(text: str, size: float, width: float, *, lines: int = 1) -> str:
    """`text` cut with an ellipsis to about `lines` lines of `width` points at `size`
    (a binary search, so a 10,000-character name costs a few dozen measurements)."""
    room = width * lines
    if text_width(text, size) <= room:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(text[:mid] + "…", size) <= room:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


# ---- line breaking


def break_points(chars: Sequence[str], width: Callable[[int, float], float], max_widths: Sequence[float],
                 forced: Callable[[int], bool] = lambda i: False) -> list[tuple[int, int, float, float]]:
    """Lines as (start, end, width used, line width): as many characters as fit, then the
    break moved back until the next line does not start with a closer (NO_LINE_START) and
    this one does not end with an opener (NO_LINE_END), nor cuts a Chinese number
    (`no_break_between`). Latin words are not cut when a
    space or a Chinese character before them allows a break. `forced(i)`: a line break
    after character i (`<br/>`)."""
    n = len(chars)
    lines: list[tuple[int, int, float, float]] = []
    start = i = 0
    used = 0.0
    mw = max_widths[0]

    def latin(c: str) -> bool:
        return ord(c) < 0x3000 and not c.isspace()

    def bad(k: int) -> bool:
        """A break before character k is wrong (spaces at the break are looked past)."""
        a, b = k - 1, k
        while a > start and chars[a].isspace():
            a -= 1
        while b < n and chars[b].isspace():
            b += 1
        if chars[a] in NO_LINE_END or (a == k - 1 and b == k < n and no_break_between(chars[a], chars[b])):
            return True
        return b < n and (chars[b] in NO_LINE_START or (b == k and latin(chars[a]) and latin(chars[b])))

    def end_line(k: int) -> None:
        nonlocal start, i, used, mw
        text_end = k
        while k < n and chars[k].isspace():  # spaces at a break end this line, unseen, not start the next
            k += 1
        while text_end > start + 1 and chars[text_end - 1].isspace():
            text_end -= 1
        lines.append((start, k, sum(width(x, mw) for x in range(start, text_end)), mw))
        mw = max_widths[min(len(lines), len(max_widths) - 1)]
        start = i = k
        used = 0.0

    while i < n:
        used += width(i, mw)
        i += 1
        if forced(i - 1):
            end_line(i)
            continue
        if used <= mw + FUZZ:
            continue
        j = i - 1  # the character that does not fit
        k = j if j > start else j + 1
        c = chars[j]
        if ord(c) < 0x3000 and not c.isspace() and k == j:
            # inside a Latin word: break before the word if a space or a wide character allows
            for m in range(j - 1, (start + j) // 2, -1):
                if chars[m].isspace() or ord(chars[m]) >= 0x3000:
                    k = m + 1
                    break
        cand = k
        while cand > start + 1 and bad(cand):
            cand -= 1
        if bad(cand) and k < n and chars[k] in NO_LINE_START and not bad(k + 1):
            cand = k + 1  # nothing better: let one closer hang in the margin, as ReportLab does
        elif bad(cand):
            cand = k
        end_line(cand)
    if start < n:
        lines.append((start, n, sum(width(x, mw) for x in range(start, n)), mw))
    return lines


@lru_cache(maxsize=65536)
def _char_width(c: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(c, font, size))


def _word_split(word: str | bytes, maxWidths: Any, fontName: str, fontSize: float, encoding: str = "utf8") -> list[list[Any]]:
    """`reportlab.lib.textsplit.wordSplit` with our break points: [[extra space, text], ...]."""
    text = word.decode(encoding) if isinstance(word, bytes) else word
    mws = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
    widths = [_char_width(c, fontName, fontSize) for c in text]
    return [[mw - used, text[s:e].strip()] for s, e, used, mw in break_points(text, lambda x, _mw: widths[x], mws)]


def install_line_breaking() -> None:
    """Put `break_points` behind ReportLab's CJK wrapping (see the module doc); idempotent."""
    global LINE_BREAKING
    if LINE_BREAKING:
        return
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph as rp

    needed = ("wordSplit", "cjkFragSplit", "cjkU", "makeCJKParaLine", "ParaLines")
    if all(hasattr(rp, name) for name in needed):
        cjk_u, make_line, para_lines = rp.cjkU, rp.makeCJKParaLine, rp.ParaLines

        def cjk_frag_split(frags: list[Any], maxWidths: Any, calcBounds: bool, encoding: str = "utf8") -> Any:
            units: list[Any] = []
            for f in frags:
                text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
                if text:
                    units.extend(cjk_u(t, f, encoding) for t in text)
                else:
                    units.append(cjk_u(text, f, encoding))
            mws = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]

            def width(x: int, mw: float) -> float:
                w = units[x].width
                if hasattr(w, "normalizedValue"):
                    w._normalizer = mw
                    w = w.normalizedValue(mw)
                return float(w)

            def forced(x: int) -> bool:
                return hasattr(units[x].frag, "lineBreak")

            lines = []
            for s, e, used, mw in break_points([str(u) or " " for u in units], width, mws, forced):
                line_break = e > s and forced(e - 1)
                lines.append(make_line(units[s:e], mw, used, mw - used, line_break, calcBounds))
            return para_lines(kind=1, lines=lines)

        rp.wordSplit = _word_split
        rp.cjkFragSplit = cjk_frag_split
        LINE_BREAKING = "qmself"
        return
    # ReportLab changed: keep at least our closers off a line's start through its own list
    extra = "".join(sorted(NO_LINE_START))
    for mod in (textsplit, rp):
        if hasattr(mod, "ALL_CANNOT_START"):
            mod.ALL_CANNOT_START = mod.ALL_CANNOT_START + extra
    LINE_BREAKING = "fallback"
