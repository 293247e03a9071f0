"""Benchmark profiles: the level each area should reach for a given standing."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from qmself.model.common import VERSION_PATTERN, Size, Strict, Text


class Target(Strict):
    """The target level of one area, and why."""

    level: float = Field(ge=1, le=5)
    rationale: Text
    cites: list[str] = Field(min_length=1)


class BenchmarkProfile(Strict):
    """A benchmark profile: per-area targets with a rationale and citations."""

    kind: Literal["benchmark"]
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    version: str = Field(pattern=VERSION_PATTERN)
    questionnaire: str
    title: Text
    summary: Text
    rationale: Text
    cites: list[str] = Field(min_length=1)
    sectors: list[str] | None = None
    """Sectors the profile is meant for; None means all."""
    sizes: list[Size] | None = None
    require_red_lines: bool = False
    """Every applicable red-line question must be answered yes."""
    min_overall_level: float | None = Field(default=None, ge=1, le=5)
    targets: dict[str, Target] = Field(min_length=1)
