"""The pure core imports no UI, rendering or file-format library.

Each module is imported in a fresh interpreter, which then reports what got loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# third-party UI, rendering and file-format libraries (the standard library is fine)
FORBIDDEN = ["ruamel", "yaml", "textual", "questionary", "prompt_toolkit", "rich", "typer", "click", "reportlab",
             "openpyxl", "docx"]
PURE = [
    "qmself.model",  # its names are re-exported lazily, so each module is listed too
    *(f"qmself.model.{m}" for m in ("actions", "answers", "applicability", "benchmark", "common", "creditcode",
                                    "crosswalk", "plan", "questionnaire", "results")),
    "qmself.scoring",
    "qmself.frameworks",
    "qmself.planning",
    "qmself.feedback",
    "qmself.lint",
    "qmself.citations",
    "qmself.laws",
    "qmself.errors",
]


@pytest.mark.parametrize("module", PURE)
def test_pure_core_imports_no_io_ui_or_format_library(module: str) -> None:
    code = (
        f"import sys, importlib, json; importlib.import_module({module!r}); "
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = set(json.loads(out))
    assert loaded.isdisjoint(FORBIDDEN), f"{module} pulls in {sorted(loaded & set(FORBIDDEN))}"


def test_the_check_itself_can_fail() -> None:
    code = "import sys, qmself.storage.yamlio; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    out = subprocess.run([sys.executable, "-c", "import json; " + code], capture_output=True, text=True, check=True)
    assert "ruamel" in json.loads(out.stdout)


def test_every_name_the_model_package_offers_resolves() -> None:
    import qmself.model as model

    assert set(model.__all__) == set(model._WHERE)
    for name in model.__all__:
        assert getattr(model, name).__module__.startswith("qmself.model.") or name in ("Lang", "Size")
    with pytest.raises(AttributeError):
        model.Nothing  # noqa: B018
