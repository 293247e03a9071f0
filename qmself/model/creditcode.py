"""Unified social credit code (统一社会信用代码), GB 32100-2015.

18 characters from a 31-character alphabet (digits and capital letters without
I, O, Z, S, V); the last is a check character computed from the other 17.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The check character for the first 17 characters of a code."""
    total = sum(_VALUE[c] * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> tuple[str, str] | None:
    """Why `code` is not a valid credit code, as (zh, en); None when it is valid."""
    if len(code) != 18:
        return (
            f"统一社会信用代码应为 18 位，实为 {len(code)} 位",
            f"a unified social credit code has 18 characters, this one has {len(code)}",
        )
    bad = [c for c in code if c not in _VALUE]
    if bad:
        return (
            f"统一社会信用代码含有不允许的字符 '{bad[0]}'（只允许数字和除 I、O、Z、S、V 外的大写字母）",
            f"character '{bad[0]}' is not allowed in a unified social credit code "
            "(digits and capital letters except I, O, Z, S, V)",
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        return (
            f"统一社会信用代码校验位错误：第 18 位应为 '{expected}'，实为 '{code[17]}'",
            f"check character is wrong: the 18th character should be '{expected}', not '{code[17]}'",
        )
    return None
