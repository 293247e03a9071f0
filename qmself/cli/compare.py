"""`qmself compare OLD NEW`: progress between two assessments of the same company."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from qmself.cli.common import LangOpt, QuestionnaireOpt, err, handled, lang_of
from qmself.errors import QmselfError
from qmself.model.common import pick
from qmself.progress import Progress
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import LoadedAnswers, load_answer_file


class CompareFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"



def build_progress(old: LoadedAnswers, new: LoadedAnswers, catalog: Catalog, profile_ref: str | None,
                   actions: Path | None = None) -> Progress:
    """Plan both through the one pipeline and compare (what `compare` prints)."""
    from qmself.pipeline import plan_company, progress_since

    if old.questionnaire.id != new.questionnaire.id:
        raise QmselfError("两份答卷针对不同的问卷", "the two answer files are for different questionnaires")
    planned = plan_company(new.answers, new.questionnaire, catalog, profile_ref, actions)
    return progress_since(old.answers, old.questionnaire, planned, catalog, profile_ref, actions)


def compare_cmd(
    old: Annotated[Path, typer.Argument(help="上次的答卷 / the earlier answer file", show_default=False)],
    new: Annotated[Path, typer.Argument(help="本次的答卷 / the later answer file", show_default=False)],
    benchmark: Annotated[str | None, typer.Option("--benchmark", "-b", help="基准档案（默认按规模）/ profile (default by size)")] = None,
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f", help="table | json | md")] = CompareFormat.table,
    actions: Annotated[Path | None, typer.Option("--actions", help="自定义措施库（默认：内置）/ your own action catalogue")] = None,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = "zh",  # type: ignore[assignment]
) -> None:
    """对比同一企业的两次评估 / Compare two assessments of the same company: changes, red lines, progress to target."""
    from qmself.render.progress import progress_data, progress_markdown, progress_table

    lg = lang_of(lang)
    with handled(lg):
        catalog = Catalog(list(questionnaire or ()))
        a = load_answer_file(old, catalog.questionnaires, str(old))
        b = load_answer_file(new, catalog.questionnaires, str(new))
        if a.answers.assessment.date > b.answers.assessment.date:
            err(pick(lg, "注意：第一个文件的评估日期晚于第二个", "note: the first file's assessment date is after the second's"))
        p = build_progress(a, b, catalog, benchmark, actions)
        q = b.questionnaire
        if fmt is CompareFormat.json:
            typer.echo(json.dumps(progress_data(p, q, lg), ensure_ascii=False, indent=2))
        elif fmt is CompareFormat.md:
            typer.echo(progress_markdown(p, q, lg), nl=False)
        else:
            typer.echo(f"{b.answers.company.name}")
            typer.echo(progress_table(p, q, lg))


def register(app: typer.Typer) -> None:
    app.command("compare")(compare_cmd)
