"""The one way a company's plan is made, for `plan`, the TUI's review screen, `portfolio`
and `compare`: score the answers, hold them against the profile asked for (by size when
none is), plan through `planning.plan_for` (with its stretch target), and, for a report,
add the progress since a previous assessment and decide the report's words once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qmself.errors import QmselfError, UsageError
from qmself.model.actions import Catalogue
from qmself.model.answers import AnswerFile
from qmself.model.benchmark import BenchmarkProfile, default_profile_id
from qmself.model.plan import Plan
from qmself.model.questionnaire import Questionnaire
from qmself.model.results import AssessmentResult, Comparison
from qmself.planning import plan_for
from qmself.progress import Progress, compare_assessments
from qmself.scoring import score
from qmself.storage.bundled import Catalog

if TYPE_CHECKING:
    from qmself.render.report import Report


@dataclass(frozen=True)
class Planned:
    """One company's plan and everything it was made from."""

    answers: AnswerFile
    questionnaire: Questionnaire
    catalogue: Catalogue
    result: AssessmentResult
    chosen: BenchmarkProfile
    """The profile asked for (or the default by size)."""
    profile: BenchmarkProfile
    """The profile the plan aims at: `chosen`, or the next of the ladder when `chosen` is met."""
    comparison: Comparison
    plan: Plan

    def report(self, lang: str, *, notices: list[str] | None = None, since_last: Progress | None = None) -> Report:
        """The plan report, every word decided once (`render.report.build_report`, which also says
        when the plan aims past the profile asked for), with the progress since `since_last`."""
        from qmself.render.report import build_report

        return build_report(self.answers, self.result, self.comparison, self.plan, self.questionnaire, self.catalogue,
                            self.profile.title(lang), lang, notices=notices, since_last=since_last,
                            stretch_from=self.chosen.title(lang) if self.plan.stretch_from is not None else None)


def plan_company(
    answers: AnswerFile,
    questionnaire: Questionnaire,
    catalog: Catalog,
    profile_ref: str | None = None,
    actions: Path | None = None,
    *,
    file: str | None = None,
) -> Planned:
    """Score `answers` and plan them against `profile_ref` (default by size)."""
    q = questionnaire
    result = score(answers, q)
    chosen = catalog.profile(profile_ref or default_profile_id(result.size))
    if chosen.questionnaire != q.id:
        raise UsageError(f"基准档案 {chosen.id} 针对问卷 {chosen.questionnaire}，不能用于 {q.id}",
                         f"profile {chosen.id} is for questionnaire {chosen.questionnaire}, not {q.id}", file=file)
    catalogue = catalog.catalogue(q, actions)
    plan, comparison, profile = plan_for(result, answers, chosen, catalog.profiles, q, catalogue)
    return Planned(answers, q, catalogue, result, chosen, profile, comparison, plan)


def progress_since(old: AnswerFile, old_q: Questionnaire, new: Planned, catalog: Catalog,
                   profile_ref: str | None = None, actions: Path | None = None, *, file: str | None = None) -> Progress:
    """Progress from the `old` assessment to `new`: the baseline plan is the one this pipeline
    made from the old answers (against the same profile asked for), and each of its actions is
    matched with the new plan (planned again or not). A mismatch names `file` (the old answers)."""
    if old_q.id != new.questionnaire.id:
        raise QmselfError("两份答卷针对不同的问卷", "the two answer files are for different questionnaires", file=file)
    if old.company.credit_code != new.answers.company.credit_code:
        raise QmselfError(
            f"两份答卷不是同一家企业（信用代码 {old.company.credit_code} 与 {new.answers.company.credit_code}）",
            f"the two answer files are for different companies ({old.company.credit_code} vs "
            f"{new.answers.company.credit_code})",
            file=file,
        )
    base = plan_company(old, new.questionnaire, catalog, profile_ref or new.chosen.id, actions)
    return compare_assessments(base.result, new.result, new.questionnaire, old_answers=old, new_answers=new.answers,
                               baseline_gaps=base.comparison, baseline_plan=base.plan, new_plan=new.plan)
