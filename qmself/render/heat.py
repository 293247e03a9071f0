"""The heat-map palette shared by the portfolio PDF and the results workbook.

A level is shaded by the whole level it reaches (1–5), light to dark, so a heat map
reads the same in the PDF and in Excel; figures on the two darkest shades are white.
"""

from __future__ import annotations

LEVEL_COLOURS = {1: "#ffffcc", 2: "#a1dab4", 3: "#41b6c4", 4: "#2c7fb8", 5: "#253494"}
DARK_LEVELS = {4, 5}
"""Whole levels whose shade takes white figures."""
BELOW_FILL = "#f4c7c3"
BELOW_TEXT = "#9c0006"
"""A level below its benchmark target: light red behind dark red figures."""


def whole(level: float) -> int:
    """The whole level (1–5) a continuous level reaches."""
    return max(1, min(5, int(level + 1e-9)))
