"""An improvement plan: selected actions scheduled into phases, with projected levels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from qmself.model.actions import Action


@dataclass(frozen=True, slots=True)
class PhaseDef:
    """A phase of the roadmap: a window in months from the assessment date. Every action of
    the phase starts and ends inside it (`planning.phase_windows` makes the windows)."""

    id: int
    start_month: int
    end_month: int


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
class LaterAction:
    """An action the plan needs but that does not fit inside the plan's horizon."""

    action: Action
    reason: str
    """"gap", "red_line" or "prerequisite", as for a planned action."""
    earliest_month: int
    """The first month it could start (after its prerequisites, as far as the schedule knows)."""
    waits_for: tuple[str, ...] = ()
    """Prerequisites that are themselves later."""
    because: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class AreaProjection:
    """An area's level now, at the target and after each phase."""

    area: str
    current: float | None
    target: float | None
    after_phase: tuple[float | None, ...]
    """Projected level once the actions of phases 1..n are done (one value per phase of the plan)."""


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
    """Person-months a month one owner role gives to the plan at most (set by company size)."""
    uncovered: tuple[str, ...]
    """Areas with a gap that no catalogue action addresses."""
    phases: tuple[PhaseDef, ...] = ()
    """The phases that hold actions, numbered 1..n, each a window no action crosses."""
    horizon: int = 24
    """The plan's length in months at most (set by company size)."""
    later: tuple[LaterAction, ...] = ()
    """Actions needed that do not fit inside the horizon: listed, never dropped."""
    monthly_load: dict[str, tuple[float, ...]] = field(default_factory=dict)
    """Per owner role: person-months in each month 0..horizon-1."""
    assess_first: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Actions left out because their questions are not answered yet: (action id, question ids)."""
    stretch_from: str | None = None
    """When every target of the chosen profile was met: that profile's id (the plan then aims
    at the next profile of the ladder)."""

    def in_phase(self, phase: int) -> list[PlannedAction]:
        return [a for a in self.actions if a.phase == phase]

    @property
    def end_month(self) -> int:
        """The month the last planned action ends (0 without actions)."""
        return max((a.end_month for a in self.actions), default=0)
