"""One rounding rule for every number a report prints (PDF, Markdown, terminal tables).

Each figure is rounded once, half away from zero on its decimal value (1.895 → 1.90,
where Python's `round` and `f"{x:.2f}"` give 1.89 because 1.895 is stored as
1.89499…), at a fixed precision per kind of figure:

- levels, gaps and level changes: 2 decimals;
- scores and the overall index: 1 decimal;
- percentages (progress to target): 1 decimal; completeness: whole percent;
- targets: as written in the profile (2.5, 3, 4.5).

A gap is printed as target − the printed level, so the three printed figures always
add up. Rounding an already rounded value again changes nothing, so a value that
passes through the report's data and then a renderer still prints one way.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

NONE = "—"
LEVEL_DP = 2
SCORE_DP = 1
PCT_DP = 1


def half_up(x: float, dp: int) -> float:
    """`x` rounded to `dp` decimals, half away from zero, on its shortest decimal form."""
    return float(Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-dp), rounding=ROUND_HALF_UP))


def rounded(x: float | None, dp: int) -> float | None:
    return None if x is None else half_up(x, dp)


def fmt(x: float | None, dp: int, none: str = NONE) -> str:
    return none if x is None else f"{half_up(x, dp):.{dp}f}"


def level(x: float | None, none: str = NONE) -> str:
    """A level (1.00–5.00)."""
    return fmt(x, LEVEL_DP, none)


def score(x: float | None, none: str = NONE) -> str:
    """An area score or the overall index (0–100)."""
    return fmt(x, SCORE_DP, none)


def change(x: float | None, none: str = NONE) -> str:
    """A change of level, with its sign (+0.25, −0.10, ±0.00 as +0.00)."""
    return none if x is None else f"{half_up(x, LEVEL_DP):+.{LEVEL_DP}f}"


def target(x: float | None, none: str = "") -> str:
    """A benchmark target, as the profile writes it."""
    return none if x is None else f"{x:g}"


def gap(target_level: float | None, actual: float | None) -> float | None:
    """target − the printed level, never below 0 (None when either is unknown)."""
    if target_level is None or actual is None:
        return None
    return max(0.0, half_up(target_level - half_up(actual, LEVEL_DP), LEVEL_DP))


def pct(x: float | None, none: str = NONE) -> str:
    """A percentage given in percent (83.3 → "83.3%")."""
    return none if x is None else f"{half_up(x, PCT_DP):.{PCT_DP}f}%"


def share(x: float | None, none: str = NONE) -> str:
    """A fraction (0–1) as a whole percentage (completeness: 0.875 → "88%")."""
    return none if x is None else f"{half_up(x * 100, 0):.0f}%"
