"""`qmself answer`: set one answer in an answer file from the command line or a script."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from pydantic_core import PydanticCustomError

from qmself.cli.common import LangOpt, QuestionnaireOpt, handled, lang_of
from qmself.errors import QmselfError, UsageError
from qmself.lookalike import unknown_id
from qmself.model.answers import Answer
from qmself.model.common import pick
from qmself.scoring import value_problem
from qmself.storage import yamlio
from qmself.storage.bundled import Catalog
from qmself.storage.edit import KEEP, set_answer


def answer_cmd(
    file: Annotated[Path, typer.Argument(help="答卷 YAML 文件 / answer file", show_default=False)],
    question: Annotated[str, typer.Argument(help="题号 / question id", show_default=False)],
    value: Annotated[str, typer.Argument(help="1-5 | yes | no | 数值 number | n/a | '' (清空 clear)", show_default=False)],
    evidence: Annotated[str | None, typer.Option("--evidence", "-e", help="证据 / evidence")] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="备注 / note")] = None,
    clear_evidence: Annotated[bool, typer.Option("--clear-evidence", help="删除已有证据 / remove the existing evidence")] = False,
    clear_note: Annotated[bool, typer.Option("--clear-note", help="删除已有备注 / remove the existing note")] = False,
    sample: Annotated[int | None, typer.Option("--sample", min=0, help="样本量（规定了最少样本的比率题）/ sample size (a rate with a minimum sample)")] = None,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = "zh",  # type: ignore[assignment]
) -> None:
    """写入一个答案；已有的证据和备注保留，除非用 --evidence/--note 替换或 --clear-evidence/--clear-note 删除 / Set one answer; the existing evidence and note stay unless replaced (--evidence/--note) or removed (--clear-evidence/--clear-note)."""
    lg = lang_of(lang)
    with handled(lg):
        data, _ = yamlio.load(file)
        if not isinstance(data, dict):
            raise QmselfError("文件顶层应为映射（键: 值）", "the top level must be a mapping (key: value)", file=str(file))
        ref = data.get("questionnaire")
        qid = ref.get("id") if isinstance(ref, dict) else None
        q = Catalog(list(questionnaire or ())).questionnaire(str(qid) if qid else None)
        x = q.question_by_id.get(question)
        if x is None:
            raise UsageError(*unknown_id(("题号", "question id"), question, q.question_by_id))
        if clear_evidence and evidence is not None:
            raise UsageError("--evidence 和 --clear-evidence 不能同时使用", "--evidence and --clear-evidence cannot be combined")
        if clear_note and note is not None:
            raise UsageError("--note 和 --clear-note 不能同时使用", "--note and --clear-note cannot be combined")
        if sample is not None and x.min_sample is None:
            raise UsageError("不是规定了最少样本的比率题，不能写 --sample",
                             "not a rate with a minimum sample; --sample does not apply", field=question)
        try:
            answer = Answer.parse({"value": value, "evidence": evidence, "note": note})
        except PydanticCustomError as e:  # not an answer at all ("often")
            ctx = e.context or {}
            raise UsageError(ctx.get("zh", str(e)), ctx.get("en", str(e)), field=question) from None
        bad = value_problem(x, answer.value)
        if bad is not None:
            raise UsageError(*bad, field=question)
        # evidence and note: replaced when given, removed when cleared, else kept as the file has them
        # (read under the file's lock by set_answer, so a concurrent edit is never undone)
        ev = answer.evidence if evidence is not None else (None if clear_evidence else KEEP)
        nt = answer.note if note is not None else (None if clear_note else KEEP)
        set_answer(file, question, answer.value, ev, nt, order=[y.id for y in q.questions],
                   sample=KEEP if sample is None else sample)
        typer.echo(pick(lg, f"已保存 {file}：{question} = {value}", f"saved {file}: {question} = {value}"))


def register(app: typer.Typer) -> None:
    app.command("answer")(answer_cmd)
