"""Ids that look right but are not: `LЕAD-07` with a Cyrillic Е, `LEAD‐07` with a Unicode hyphen,
`LEAD-07` with a zero-width space, `ＬＥＡＤ-07` in full-width letters.

Such an id is refused, not silently mapped: the file says something other than
what it shows, and a fix in the file helps every other tool that reads it. The
refusal says which id was meant and names each odd character by its code point
and Unicode name, so the person can find it although it looks identical.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"}
_HYPHENS = {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe58", "\ufe63", "\uff0d"}
# Cyrillic and Greek letters drawn like Latin ones (the usual confusables in ids)
_CONFUSABLE = str.maketrans({
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "У": "Y", "Ѕ": "S", "І": "I", "Ј": "J", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c",
    "х": "x", "у": "y", "ѕ": "s", "і": "i", "ј": "j",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o",
})


def skeleton(text: str) -> str:
    """What `text` looks like: NFKC, invisible characters dropped, hyphens and confusable letters as ASCII."""
    out = "".join("-" if c in _HYPHENS else c for c in unicodedata.normalize("NFKC", text) if c not in _INVISIBLE)
    return out.translate(_CONFUSABLE).upper()


def _name(c: str) -> str:
    return unicodedata.name(c, "CONTROL CHARACTER" if unicodedata.category(c) == "Cc" else "UNNAMED CHARACTER")


def code_point(c: str) -> str:
    """`U+0415 CYRILLIC CAPITAL LETTER IE`: a character named so a person can find it although it looks like another."""
    return f"U+{ord(c):04X} {_name(c)}"


def odd_characters(text: str) -> list[tuple[int, str]]:
    """(1-based position, `U+0415 CYRILLIC CAPITAL LETTER IE`) for each character of `text` that is not ASCII."""
    return [(i, code_point(c)) for i, c in enumerate(text, 1) if not (" " < c <= "~")]


def meant(given: str, known: Iterable[str]) -> str | None:
    """The known id that `given` looks like (same skeleton), or a close spelling; None if neither."""
    known = list(known)
    shape = skeleton(given)
    same = [k for k in known if skeleton(k) == shape]
    if len(same) == 1:
        return same[0]
    close = difflib.get_close_matches(shape, [k.upper() for k in known], n=1, cutoff=0.8)
    if close:
        return next(k for k in known if k.upper() == close[0])
    return None


def unknown_id(kind: tuple[str, str], given: str, known: Iterable[str]) -> tuple[str, str]:
    """The message for an unknown id, as (zh, en): `未知题号 'X'`, with the id meant and any odd characters."""
    shown = given if len(given) <= 40 else given[:39] + "…"  # a 2,000-character key helps no one in full
    zh, en = f"未知{kind[0]} '{shown}'", f"unknown {kind[1]} '{shown}'"
    guess = meant(given, known)
    odd = odd_characters(given)
    if odd:
        more_zh = f"等，共 {len(odd)} 个" if len(odd) > 2 else ""
        more_en = f", {len(odd)} in all" if len(odd) > 2 else ""
        zh += "，其中有非 ASCII 字符：" + "；".join(f"第 {i} 个字符是 {name}" for i, name in odd[:2]) + more_zh
        en += (", which has non-ASCII characters: " + "; ".join(f"character {i} is {name}" for i, name in odd[:2])
               + more_en)
    if guess is not None and guess != given:
        zh += f"；是否想写 {guess}？"
        en += f"; did you mean {guess}?"
    return zh, en
