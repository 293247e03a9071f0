"""An assessment in progress: the answer file a person is filling in, question by question.

Shared by the Textual app and the prompt mode (no UI here). Every answer is
written to the file as soon as it is given, through `storage.edit` like
`qmself answer`: only that question's lines change, under the file's lock,
atomically, earlier versions kept as timestamped `.bak` files. A file that
cannot be read is refused and never overwritten; a change another program made
meanwhile is kept (merged), or the save is refused when it touched the same
question.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic_core import PydanticCustomError

from qmself.errors import QmselfError
from qmself.model.answers import Answer, AnswerFile, Assessment, Company
from qmself.model.benchmark import BenchmarkProfile
from qmself.model.questionnaire import Question, Questionnaire
from qmself.model.results import AssessmentResult, Comparison
from qmself.scoring import compare, score, value_problem
from qmself.storage.atomic import atomic_write, replacing
from qmself.storage.bundled import Catalog
from qmself.storage.edit import KEEP, AnswerDocument, Keep
from qmself.storage.loaders import check_answer_file


class Session:
    """One answer file open for answering."""

    def __init__(self, path: Path, catalog: Catalog, loaded: AnswerFile, questionnaire: Questionnaire) -> None:
        self.path = path
        self.catalog = catalog
        self.questionnaire = questionnaire
        self.company: Company = loaded.company
        self.assessment: Assessment = loaded.assessment
        self.answers: dict[str, Answer] = dict(loaded.answers)
        company = loaded.company
        # asked area by area (a sector module's question with the core questions of its area), in file
        # order within an area
        area_order = {a.id: i for i, a in enumerate(questionnaire.areas)}
        self.questions: list[Question] = sorted(questionnaire.applicable(company.sector, company.size, company),
                                                key=lambda q: area_order.get(q.area, len(area_order)))
        self._order = [q.id for q in questionnaire.questions]
        self._doc = AnswerDocument(path)
        self.notices: list[str] = []
        """What is odd in the file and does not stop it, one line each with file, line and field (the plan's notes)."""
        self.notice_errors: list[QmselfError] = []
        """The same, as errors: where and what, to be worded for the screen they are shown on."""

    # ---- opening

    @classmethod
    def open(cls, path: Path, catalog: Catalog, lang: str = "zh") -> Session:
        """Resume an existing answer file; any problem in it is an error (nothing is written)."""
        loaded, report = check_answer_file(path, catalog.questionnaires, str(path), "session")
        if loaded is None:
            first = report.errors[0]
            more = len(report.errors) - 1
            if more:
                first.zh += f"（另有 {more} 处问题，运行 qmself validate 查看）"
                first.en += f" (and {more} more: run qmself validate)"
            raise first
        s = cls(path, catalog, loaded.answers, loaded.questionnaire)
        s.notice_errors = list(loaded.notices)
        s.notices = [n.render(lang) for n in loaded.notices]
        return s

    @classmethod
    def create(
        cls,
        path: Path,
        catalog: Catalog,
        company: Company,
        assessor: str = "",
        *,
        lang: str = "zh",
        questionnaire_id: str | None = None,
        today: dt.date | None = None,
    ) -> Session:
        """Start a new answer file (a commented template with the company filled in)."""
        if path.exists():
            raise QmselfError("文件已存在；要继续填写请直接打开它", "file exists; open it to resume", file=str(path))
        q = catalog.questionnaire(questionnaire_id)
        if company.sector not in q.sector_by_id:
            raise QmselfError(f"未知行业 '{company.sector}'", f"unknown sector '{company.sector}'")
        from qmself.storage.template import render_template  # only a new file needs it

        text = render_template(
            q, company.sector, company.size, lang, company=company.name, credit_code=company.credit_code,
            region=company.region or "", assessor=assessor, today=today, facts=company,
        )
        atomic_write(path, text)
        return cls.open(path, catalog, lang)

    # ---- answering

    def answer(self, qid: str) -> Answer | None:
        return self.answers.get(qid)

    def is_answered(self, qid: str) -> bool:
        a = self.answers.get(qid)
        return a is not None and a.answered

    def set(self, qid: str, value: object, evidence: str | None = None, note: str | None = None,
            sample: int | Keep | None = KEEP) -> Answer:
        """Check and save one answer; returns what was saved. Raises QmselfError on a bad value.

        `sample` is a rate's sample size (questions with a minimum sample); by default the file's stays.
        """
        question = self.questionnaire.question_by_id[qid]
        if sample is not KEEP and sample is not None and question.min_sample is None:
            raise QmselfError("只有规定了最少样本的比率题可以写样本量",
                              "only a rate with a minimum sample takes a sample size", field=qid)
        try:
            kept = self.answers.get(qid)  # a sample size in the file stays with the answer
            answer = Answer.parse({"value": value, "evidence": evidence or None, "note": note or None,
                                   "sample": (kept.sample if kept is not None else None) if isinstance(sample, Keep)
                                   else sample})
        except PydanticCustomError as e:  # not an answer at all ("abc")
            ctx = e.context or {}
            raise QmselfError(ctx.get("zh", str(e)), ctx.get("en", str(e)), field=qid) from None
        bad = value_problem(question, answer.value)
        if bad is not None:
            raise QmselfError(*bad, field=qid)
        if self._doc.set_answer(qid, answer.value, answer.evidence, answer.note, self._order, sample):
            self._refresh()  # another program changed other questions meanwhile: show its answers too
        self.answers[qid] = answer
        return answer

    def _refresh(self) -> None:
        for k, raw in self._doc.answers.items():
            try:
                self.answers[k] = Answer.parse(raw)
            except (PydanticCustomError, QmselfError, ValueError):
                continue  # not a valid answer (yet): validate reports it; what was shown stays

    # ---- where we are

    def progress(self, area: str | None = None) -> tuple[int, int]:
        qs = [q for q in self.questions if area is None or q.area == area]
        return sum(self.is_answered(q.id) for q in qs), len(qs)

    def next_unanswered(self, start: int = 0) -> int | None:
        """Index of the first unanswered question at or after `start` (wrapping round)."""
        n = len(self.questions)
        for k in range(n):
            i = (start + k) % n
            if not self.is_answered(self.questions[i].id):
                return i
        return None

    def index_of(self, qid: str) -> int | None:
        return next((i for i, q in enumerate(self.questions) if q.id == qid), None)

    def search(self, text: str, lang: str) -> list[int]:
        """Questions whose id or text contains `text` (case-insensitive)."""
        t = text.strip().lower()
        return [i for i, q in enumerate(self.questions) if t in q.id.lower() or t in q.text(lang).lower()]

    # ---- results

    def as_answer_file(self) -> AnswerFile:
        return AnswerFile.model_validate({
            "questionnaire": {"id": self.questionnaire.id, "version": self.questionnaire.version},
            "company": self.company.model_dump(),
            "assessment": self.assessment.model_dump(),
            "answers": self.answers,
        })

    def result(self) -> AssessmentResult:
        return score(self.as_answer_file(), self.questionnaire)

    def comparison(self, profile: BenchmarkProfile) -> Comparison:
        return compare(self.result(), profile, self.questionnaire)

    def write_plan(self, profile_id: str, lang: str, out: Path | None = None) -> Path:
        """Write the PDF plan next to the answer file (or to `out`); returns its path."""
        from qmself.pipeline import plan_company
        from qmself.render.pdf import render_pdf

        planned = plan_company(self.as_answer_file(), self.questionnaire, self.catalog, profile_id)
        report = planned.report(lang, notices=self.notices)
        out = out or self.path.with_name(f"{self.path.stem}-plan.pdf")
        with replacing(out, backup=out.exists()) as tmp:
            render_pdf(report, tmp)
        return out
