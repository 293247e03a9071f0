"""What scoring produces: per-area and overall results, red-line findings and benchmark gaps.

Frozen dataclasses and named tuples: scoring builds them from data already
validated, and a batch run makes hundreds of thousands a minute, so they skip
pydantic's validation.
Scores are kept unrounded; renderers round for display.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, NamedTuple

from qmself.model.applicability import NO_FACTS, CompanyFacts

MissingTreatment = Literal["exclude", "lowest"]
GateStatus = Literal["met", "unmet", "open"]


class RedLineFinding(NamedTuple):
    """A statutory red line that is unmet, or not answered yet."""

    question: str
    area: str
    status: Literal["unmet", "unanswered"]
    cites: list[str]


class AreaResult(NamedTuple):
    """One area's score and level (a named tuple: a batch makes a dozen per file)."""

    id: str
    weight: float
    applicable: int
    answered: int
    """Applicable questions with an answer, n/a included."""
    not_applicable: int
    scored: int
    """Questions that entered the score (n/a excluded; missing ones too unless counted as lowest)."""
    raw_score: float | None
    """Weighted mean of question scores, 0-100, before red-line caps."""
    score: float | None
    """0-100 after red-line caps; None when nothing in the area could be scored."""
    level: float | None
    """Continuous level 1.0-5.0 after caps."""
    whole_level: int | None
    """The whole level reached: floor of `level`."""
    capped: bool
    red_lines_unmet: list[str]
    gate: GateStatus | None = None
    """The area's compliance gate: None when no red line applies; "met" when every
    applicable red line is answered yes (the area is scored on its maturity
    questions alone), "unmet" when one is answered no (the level is capped),
    "open" when one is unanswered and none is no."""


@dataclass(frozen=True, slots=True)
class AssessmentResult:
    """The score of one answer file."""

    questionnaire: str
    questionnaire_version: str
    company: str
    credit_code: str
    sector: str
    size: str
    region: str | None
    assessment_date: dt.date
    assessor: str | None
    areas: list[AreaResult]
    overall_index: float | None
    """0-100, area-weighted mean of assessed areas' capped scores."""
    overall_level: float | None
    whole_level: int | None
    capped: bool
    applicable: int
    answered: int
    completeness: float
    """Answered / applicable, 0.0-1.0."""
    missing_treatment: MissingTreatment
    red_lines: list[RedLineFinding]
    facts: CompanyFacts = NO_FACTS
    """The company facts that decided what applies (for selecting catalogue actions too)."""

    def area(self, area_id: str) -> AreaResult:
        return next(a for a in self.areas if a.id == area_id)

    @property
    def unmet_red_lines(self) -> list[RedLineFinding]:
        return [r for r in self.red_lines if r.status == "unmet"]


@dataclass(frozen=True, slots=True)
class AreaGap:
    """One area against its benchmark target."""

    area: str
    target: float
    actual: float | None
    gap: float | None
    """max(0, target - actual); None when the area was not assessed."""
    met: bool
    red_line: bool
    """An unmet red line in the area (keeps it unmet whatever its level)."""
    weight: float
    priority: int | None
    """1 = fix first; None when met."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """An assessment against a benchmark profile."""

    profile: str
    profile_version: str
    areas: list[AreaGap]
    met: int
    targeted: int
    progress: float
    """Percent of the way from level 1 to the targets, area-weighted, 0-100."""
    red_lines_ok: bool
    overall_ok: bool
    """The profile's minimum overall level (if any) is reached."""
    all_met: bool
    not_assessed: list[str]

    @property
    def priorities(self) -> list[AreaGap]:
        return sorted((g for g in self.areas if g.priority is not None), key=lambda g: g.priority or 0)


@dataclass(frozen=True, slots=True)
class PeerRank:
    """Where a company stands among its peers, per area (estimated percentile 0-100)."""

    group: dict[str, str]
    """The peer group used ({} for the whole cohort)."""
    n: int
    """Companies in that group; 0 when there was no usable group."""
    areas: dict[str, float]
