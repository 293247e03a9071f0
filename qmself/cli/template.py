"""`qmself template`: write a blank, commented answer file."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from qmself.cli.common import LangOpt, QuestionnaireOpt, handled, lang_of
from qmself.errors import QmselfError, UsageError
from qmself.model.applicability import CONSTRUCTION_ROLES, FOOD_ROLES, ROLE_CHOICES, CompanyFacts
from qmself.model.common import pick
from qmself.storage.atomic import atomic_write
from qmself.storage.bundled import Catalog
from qmself.storage.template import render_template


class SizeChoice(str, Enum):
    micro = "micro"
    small = "small"
    medium = "medium"
    large = "large"


def template_cmd(
    sector: Annotated[str, typer.Option("--sector", "-s", help="行业 / sector: food, construction, equipment, digital, services, consumer, other")],
    size: Annotated[SizeChoice, typer.Option("--size", help="规模 / size")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件（默认标准输出）/ output file (default stdout)")] = None,
    company: Annotated[str, typer.Option("--company", help="企业名称 / company name")] = "",
    force: Annotated[bool, typer.Option("--force", help="覆盖已有文件（保留 .bak 备份）/ overwrite an existing file, keeping a .bak")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="yaml | xlsx（Excel 工作簿，需 -o）/ yaml | xlsx (an Excel workbook; needs -o)")] = "yaml",
    questionnaire_id: Annotated[str | None, typer.Option("--questionnaire-id", help="问卷 id / questionnaire id")] = None,
    consumer_sales: Annotated[bool | None, typer.Option("--consumer-sales/--no-consumer-sales", help="是否向消费者销售 / sells to consumers")] = None,
    exports: Annotated[bool | None, typer.Option("--exports/--no-exports", help="是否出口 / exports")] = None,
    food_role: Annotated[list[str] | None, typer.Option("--food-role", help="食品链角色 / food role: " + ", ".join(FOOD_ROLES))] = None,
    construction_role: Annotated[list[str] | None, typer.Option("--construction-role", help="建设工程角色 / construction role: " + ", ".join(CONSTRUCTION_ROLES))] = None,
    questionnaire: QuestionnaireOpt = None,
    lang: LangOpt = "zh",  # type: ignore[assignment]
) -> None:
    """生成带注释的空白答卷 / Write a blank, commented answer file for a sector and size."""
    lg = lang_of(lang)
    with handled(lg):
        q = Catalog(list(questionnaire or ())).questionnaire(questionnaire_id)
        if sector not in q.sector_by_id:
            raise UsageError(
                f"未知行业 '{sector}'（可选：{', '.join(q.sector_by_id)}）",
                f"unknown sector '{sector}' (one of: {', '.join(q.sector_by_id)})",
            )
        facts = _facts(consumer_sales=consumer_sales, exports=exports, food_role=food_role,
                       construction_role=construction_role)
        if fmt not in ("yaml", "xlsx"):
            raise UsageError(f"未知格式 '{fmt}'（可选：yaml, xlsx）", f"unknown format '{fmt}' (one of: yaml, xlsx)")
        if fmt == "xlsx" or (output is not None and output.suffix.lower() == ".xlsx"):
            if output is None:
                raise UsageError("xlsx 工作簿需要用 -o 指定输出文件", "an xlsx workbook needs an output file (-o)")
            if output.exists() and not force:
                raise QmselfError("文件已存在；用 --force 覆盖（会保留 .bak 备份）",
                                  "file exists; use --force to overwrite it (a .bak backup is kept)", file=str(output))
            from qmself.office.xlsx import build_workbook, save_workbook

            save_workbook(build_workbook(q, sector, size.value, lg, company=company, facts=facts), output)
            n = len(q.applicable(sector, size.value))
            typer.echo(pick(lg, f"已写入 {output}（{n} 题）", f"wrote {output} ({n} questions)"))
            return
        text = render_template(q, sector, size.value, lg, company=company, facts=facts)
        if output is None:
            typer.echo(text, nl=False)
            return
        if output.exists() and not force:
            raise QmselfError("文件已存在；用 --force 覆盖（会保留 .bak 备份）",
                              "file exists; use --force to overwrite it (a .bak backup is kept)", file=str(output))
        atomic_write(output, text, backup=output.exists())
        n = len(q.applicable(sector, size.value, facts))
        typer.echo(pick(lg, f"已写入 {output}（{n} 题）", f"wrote {output} ({n} questions)"))


def _facts(**given: object) -> CompanyFacts:
    """The facts given on the command line; a role not in the list is a usage error."""
    for name, choices in ROLE_CHOICES.items():
        for v in given.get(name) or ():  # type: ignore[attr-defined]
            if v not in choices:
                raise UsageError(f"未知角色 '{v}'（可选：{', '.join(choices)}）",
                                 f"unknown role '{v}' (one of: {', '.join(choices)})", field=f"--{name.replace('_', '-')}")
    return CompanyFacts.model_validate({k: v for k, v in given.items() if v is not None and v != []})


def register(app: typer.Typer) -> None:
    app.command("template")(template_cmd)
