"""`qmself convert IN OUT`: an answer file between YAML and an Excel workbook, both ways."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qmself.cli.common import LangOpt, QuestionnaireOpt, handled, lang_of
from qmself.errors import QmselfError, UsageError
from qmself.model.common import pick
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_answer_file


def convert_cmd(
    source: Annotated[Path, typer.Argument(help="答卷 .yaml 或 .xlsx / answer file, .yaml or .xlsx", show_default=False)],
    target: Annotated[Path, typer.Argument(help="输出 .xlsx 或 .yaml / output, .xlsx or .yaml", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="覆盖已有文件（保留 .bak 备份）/ overwrite, keeping a .bak")] = False,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = "zh",  # type: ignore[assignment]
) -> None:
    """答卷在 YAML 与 Excel 工作簿之间转换 / Convert an answer file between YAML and an Excel workbook."""
    lg = lang_of(lang)
    with handled(lg):
        kinds = {".yaml": "yaml", ".yml": "yaml", ".xlsx": "xlsx"}
        src, dst = kinds.get(source.suffix.lower()), kinds.get(target.suffix.lower())
        if src is None or dst is None or src == dst:
            raise UsageError("请在 .yaml 与 .xlsx 之间转换（例：qmself convert a.yaml a.xlsx）",
                             "convert between .yaml and .xlsx (e.g. qmself convert a.yaml a.xlsx)")
        if source.resolve() == target.resolve():
            raise UsageError("输出不能覆盖输入", "the output must not overwrite the input")
        if target.exists() and not force:
            raise QmselfError("文件已存在；用 --force 覆盖（会保留 .bak 备份）",
                              "file exists; use --force to overwrite it (a .bak backup is kept)", file=str(target))
        catalog = Catalog(list(questionnaire or ()))
        loaded = load_answer_file(source, catalog.questionnaires, str(source))
        af = loaded.answers
        if dst == "xlsx":
            from qmself.office.xlsx import build_workbook, save_workbook

            wb = build_workbook(loaded.questionnaire, af.company.sector, af.company.size, lg, af)
            save_workbook(wb, target)
        else:
            from qmself.office.xlsx import to_yaml_text
            from qmself.storage.atomic import atomic_write

            atomic_write(target, to_yaml_text(af), backup=target.exists())
        n = sum(1 for a in af.answers.values() if a.answered)
        typer.echo(pick(lg, f"已写入 {target}（{n} 个答案）", f"wrote {target} ({n} answers)"))


def register(app: typer.Typer) -> None:
    app.command("convert")(convert_cmd)
