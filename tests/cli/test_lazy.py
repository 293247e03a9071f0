"""`qmself --help` lists every command without importing the command modules."""

from __future__ import annotations

import subprocess
import sys

import typer.main
from typer.testing import CliRunner

from qmself.cli import COMMANDS, app


def test_the_command_table_matches_the_commands() -> None:
    group = typer.main.get_command(app)
    ctx = group.context_class(group)
    for name, (_, help_) in COMMANDS.items():
        command = group.get_command(ctx, name)
        assert command is not None and command.name == name
        assert (command.help or "").splitlines()[0] == help_, name


def test_help_lists_every_command() -> None:
    r = CliRunner().invoke(app, ["--help"])
    assert r.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in r.stdout


def test_help_imports_no_command_module_and_no_model() -> None:
    code = ("import sys; from qmself.cli import main; sys.argv = ['qmself', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('qmself.cli.', 'qmself.model', 'pydantic',\n"
            "'openpyxl', 'docx', 'qmself.office'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = out.strip().splitlines()[-1]
    assert loaded == "['qmself.cli.usage']", loaded


def test_opening_an_assessment_imports_no_linter_catalogue_crosswalk_or_lock() -> None:
    """What the first screen of `assess` waits for: the answer file and the questionnaire, nothing else."""
    from tests.conftest import EXAMPLES

    code = ("import sys; from pathlib import Path\n"
            "from qmself.session import Session\nfrom qmself.storage.bundled import Catalog\n"
            f"Session.open(Path({str(EXAMPLES / 'food-producer.yaml')!r}), Catalog())\n"
            "print(sorted(m for m in sys.modules if m in ('qmself.lint', 'qmself.model.actions', "
            "'qmself.model.crosswalk', 'filelock')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
