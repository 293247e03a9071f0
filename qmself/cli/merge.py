"""`qmself merge`: several assessors' answer files for one company become one."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Annotated

import typer

from qmself.cli.common import LangOpt, QuestionnaireOpt, err, handled, lang_of
from qmself.errors import QmselfError, UsageError
from qmself.model.common import pick


def merge_cmd(
    files: Annotated[list[Path], typer.Argument(help="各评估人的答卷 / each assessor's answer file", show_default=False, metavar="FILE")],
    output: Annotated[Path, typer.Option("--output", "-o", help="合并后的答卷 / the merged answer file")],
    force: Annotated[bool, typer.Option("--force", help="覆盖已有文件（保留 .bak）/ overwrite, keeping a .bak")] = False,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = "zh",  # type: ignore[assignment]
) -> None:
    """合并多名评估人对同一企业的答卷（中位数），列出需校准的题目 / Merge several assessors' answers (median) and list questions to calibrate."""
    from ruamel.yaml.comments import CommentedMap

    from qmself.merging import merge
    from qmself.storage.atomic import atomic_write, refuse_input_as_output
    from qmself.storage.bundled import Catalog
    from qmself.storage.edit import yaml_value
    from qmself.storage.loaders import load_answer_file
    from qmself.storage.yamlio import round_trip

    lg = lang_of(lang)
    with handled(lg):
        if len(files) < 2:
            raise UsageError("至少需要两份答卷", "give at least two answer files")
        refuse_input_as_output(output, files)
        if output.exists() and not force:
            raise QmselfError("文件已存在；用 --force 覆盖（会保留 .bak）", "file exists; use --force to overwrite it (a .bak is kept)", file=str(output))
        catalog = Catalog(list(questionnaire or ()))
        loaded = [load_answer_file(f, catalog.questionnaires, str(f)) for f in files]
        q = loaded[0].questionnaire
        if any(x.questionnaire.id != q.id for x in loaded):
            raise QmselfError("答卷针对不同的问卷", "the answer files are for different questionnaires")
        names: list[str] = []
        for f, x in zip(files, loaded, strict=True):
            who = x.answers.assessment.assessor or f.stem
            while who in names:
                who += "′"
            names.append(who)
        m = merge(list(zip(names, (x.answers for x in loaded), strict=True)), q)
        first = loaded[0].answers
        doc = CommentedMap()
        doc["questionnaire"] = CommentedMap(id=q.id, version=q.version)
        doc["company"] = CommentedMap((k, v) for k, v in first.company.model_dump().items() if v is not None)
        doc["assessment"] = CommentedMap(date=max(x.answers.assessment.date for x in loaded), assessor="、".join(names))
        answers = CommentedMap()
        for qid, a in m.answers.items():
            if a.evidence or a.note or a.sample is not None:
                node = CommentedMap(value=yaml_value(a.value))
                if a.sample is not None:
                    node["sample"] = a.sample
                if a.evidence:
                    node["evidence"] = a.evidence
                if a.note:
                    node["note"] = a.note
                answers[qid] = node
            else:
                answers[qid] = yaml_value(a.value)
        doc["answers"] = answers
        doc["merged_from"] = [CommentedMap(assessor=who, file=str(f), date=x.answers.assessment.date)
                              for who, f, x in zip(names, files, loaded, strict=True)]
        doc["calibration"] = [CommentedMap(question=c.question, values=CommentedMap(c.values)) for c in m.calibration]
        doc.yaml_set_start_comment(
            f"qmself merged answer file: {len(files)} assessors ({', '.join(names)}).\n"
            "Per question: lower median of the levels (yes needs a majority), median of numbers;\n"
            "evidence and notes kept with their author; `calibration` lists the questions where the\n"
            "assessors differ by two levels or more.")
        buf = io.StringIO()
        round_trip().dump(doc, buf)
        atomic_write(output, buf.getvalue(), backup=output.exists())
        load_answer_file(output, catalog.questionnaires, str(output))  # what we wrote reads back
        typer.echo(pick(lg, f"已写入 {output}：{len(m.answers)} 题，{len(names)} 名评估人",
                        f"wrote {output}: {len(m.answers)} questions from {len(names)} assessors"))
        if m.calibration:
            typer.echo(pick(lg, f"需在校准会上讨论的题目（相差两级以上）：{len(m.calibration)} 题",
                            f"To discuss in a calibration meeting (two levels or more apart): {len(m.calibration)}"))
            for c in m.calibration:
                text = q.question_by_id[c.question].text(lg)
                vals = "; ".join(f"{k} {v}" for k, v in c.values.items())
                typer.echo(f"  {c.question}  {vals}")
                typer.echo(f"      {text[:60]}")
        else:
            err(pick(lg, "各评估人之间没有相差两级以上的题目", "no question has assessors two levels or more apart"))


def register(app: typer.Typer) -> None:
    app.command("merge")(merge_cmd)
