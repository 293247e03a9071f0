"""An improvement plan: selected actions scheduled into phases, with projected levels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qmself.model.actions import Action


@dataclass(frozen=True, slots=True)
class PhaseDef:
    """A phase of the roadmap, in months from the assessment date."""

    id: int
    start_month: int
    end_month: int | None
    """None for the open-ended last phase."""


PHASES: tuple[PhaseDef, ...] = (
    PhaseDef(1, 0, 3),
    PhaseDef(2, 3, 12),
    PhaseDef(3, 12, 24),
    PhaseDef(4, 24, None),
)


@dataclass(frozen=True, slots=True)
class PlannedAction:
    """An action with its place in the roadmap."""

    action: Action
    reason: str
    """"red_line" (fixes an unmet red line), "gap" (closes a gap to target) or "prerequisite"."""
    start_month: int
    end_month: int
    start: dt.date
    end: dt.date
    phase: int
    blocked_by: tuple[str, ...]
    """Prerequisites that are part of this plan (the rest are already reached)."""
    because: tuple[tuple[str, int, int], ...] = ()
    """The questions that call for this action: (question id, level now, level aimed at)."""


@dataclass(frozen=True, slots=True)
class AreaProjection:
    """An area's level now, at the target and after each phase."""

    area: str
    current: float | None
    target: float | None
    after_phase: tuple[float | None, ...]
    """Projected level once the actions of phases 1..n are done."""


@dataclass(frozen=True, slots=True)
class Plan:
    """The whole plan for one assessment against one profile."""

    start: dt.date
    actions: tuple[PlannedAction, ...]
    projections: tuple[AreaProjection, ...]
    overall_after_phase: tuple[float | None, ...]
    """Projected overall index (0-100) after each phase."""
    workload: dict[str, tuple[float, ...]]
    """Per owner role: person-months of effort in each phase."""
    capacity: float
    """Effort units an owner carries at once for this company's size."""
    uncovered: tuple[str, ...]
    """Areas with a gap that no catalogue action addresses."""
    assess_first: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Actions left out because their questions are not answered yet: (action id, question ids)."""
    stretch_from: str | None = None
    """When every target of the chosen profile was met: that profile's id (the plan then aims
    at the next profile of the ladder)."""

    def in_phase(self, phase: int) -> list[PlannedAction]:
        return [a for a in self.actions if a.phase == phase]

    @property
    def phases_used(self) -> list[int]:
        return sorted({a.phase for a in self.actions})
