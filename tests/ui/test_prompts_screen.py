"""`assess --simple` as the terminal shows it: each prompt's layout drawn at 80 columns by prompt_toolkit
itself (the same layout questionary runs), checked row by row."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application.current import set_app
from prompt_toolkit.layout.mouse_handlers import MouseHandlers
from prompt_toolkit.layout.screen import Screen, WritePosition
from questionary.prompts.common import InquirerControl

from qmself.cjk import cell_width, offending_lines
from qmself.model.answers import Company
from qmself.model.questionnaire import Question
from qmself.session import Session
from qmself.storage.bundled import Catalog
from qmself.ui import prompts
from qmself.ui.prompts import QUIT

COLUMNS = 80
QUIT_TITLE = {"zh": "退出（已保存）", "en": "quit (saved)"}


async def _draw(app: Any, width: int) -> list[str]:
    app.render_counter += 1  # controls cache what they drew for one render
    with set_app(app):
        screen = Screen()
        app.layout.container.write_to_screen(screen, MouseHandlers(), WritePosition(0, 0, width, 200), "",
                                             erase_bg=False, z_index=None)
        screen.draw_all_floats()
    rows = ["".join(screen.data_buffer[y][x].char for x in range(width)).rstrip() for y in range(screen.height)]
    while rows and not rows[-1]:
        rows.pop()
    return rows


def draw(question: Any, width: int = COLUMNS) -> list[str]:
    """The rows the prompt takes on a terminal `width` columns wide (a wide character is one entry)."""
    return asyncio.run(_draw(question.application, width))


def control(question: Any) -> InquirerControl:
    return next(w.content for w in question.application.layout.find_all_windows()
                if isinstance(w.content, InquirerControl))


def answered(question: Any, index: int) -> list[str]:
    """The rows left on screen once the choice at `index` is taken (the echo)."""
    ic = control(question)
    ic.pointed_at, ic.is_answered = index, True
    done = asyncio.new_event_loop().create_future()
    done.set_result(None)
    question.application.future = done
    return draw(question)


def first_prompts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, count: int = 1,
                  sector: str = "equipment", **facts: Any) -> list[Any]:
    """The first `count` question prompts of a new assessment, not run: each is skipped."""
    monkeypatch.setenv("COLUMNS", str(COLUMNS))
    monkeypatch.setenv("LINES", "24")
    asked: list[Any] = []

    def ask(question: Any) -> object:
        asked.append(question)
        return prompts.SKIP if len(asked) < count else QUIT

    monkeypatch.setattr(prompts, "_ask", ask)
    company = Company(name="测试", credit_code="91510100MA6C5T2K3G", sector=sector, size="medium", **facts)
    session = Session.create(tmp_path / "n.yaml", Catalog(), company)
    prompts.question_prompts(session, lang)
    return asked


@pytest.mark.parametrize(("lang", "level"), [("zh", "3 系统"), ("en", "3 Systematic")])
def test_a_level_is_echoed_as_its_number_and_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str,
                                                  level: str) -> None:
    (question,) = first_prompts(tmp_path, monkeypatch, lang)
    # choosing: one row per level, the descriptor of the level the pointer is on under the list
    control(question).pointed_at = 2
    shown = draw(question)
    assert f" » {level}" in shown
    descriptor = shown[shown.index(f"   {QUIT_TITLE[lang]}") + 1:]
    assert descriptor[0].startswith(f"  {level}{'：' if lang == 'zh' else ': '}")
    assert not any("Description" in r for r in descriptor)
    # answered: the question's last row ends with the level, and nothing follows it
    rows = answered(question, 2)
    assert rows[-1].endswith(f" {level}")
    assert all(len(r) <= COLUMNS for r in rows)


def every_prompt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> list[tuple[Question, Any]]:
    """Every question of the questionnaire (all sectors' modules, all sizes) with its prompt, each skipped."""
    company = Company(name="测试", credit_code="91510100MA6C5T2K3G", sector="equipment", size="medium")
    session = Session.create(tmp_path / "n.yaml", Catalog(), company)
    session.questions = list(session.questionnaire.questions)
    asked: list[Any] = []
    monkeypatch.setattr(prompts, "_ask", lambda q: asked.append(q) or prompts.SKIP)
    prompts.question_prompts(session, lang)
    return list(zip(session.questions, asked, strict=True))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_prompt_fits_80x24_and_starts_with_its_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        lang: str) -> None:
    monkeypatch.setenv("COLUMNS", str(COLUMNS))
    monkeypatch.setenv("LINES", "24")
    too_tall: dict[str, int] = {}
    for q, question in every_prompt(tmp_path, monkeypatch, lang):
        screens = [draw(question)]
        if q.type != "number":  # and with the pointer on the level with the longest descriptor
            ic = control(question)
            ic.pointed_at = max(range(len(ic.choices)), key=lambda k: len(ic.choices[k].description or ""))
            screens.append(draw(question))
        for rows in screens:
            # the row the clerk answers on names the question, and a red line says so there
            assert rows[0].startswith(f"? {q.id} · "), rows[0]
            assert (("红线" if lang == "zh" else "RED LINE") in rows[0]) == q.red_line, rows[0]
            # folded by qmself.cjk, never cut by the terminal (a cut row fills the last columns)
            assert max(map(cell_width, rows)) <= COLUMNS - 2, rows
            assert offending_lines(rows) == []
            if len(rows) > 24:
                too_tall[q.id] = max(too_tall.get(q.id, 0), len(rows))
    assert too_tall == {}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("sector", ["food", "construction"])
def test_the_company_facts_hint_is_never_cut(monkeypatch: pytest.MonkeyPatch, lang: str, sector: str) -> None:
    monkeypatch.setenv("COLUMNS", str(COLUMNS))
    asked: list[Any] = []
    monkeypatch.setattr(prompts, "_ask", lambda q: asked.append(q) or [])
    prompts.fact_prompts(Catalog(), sector, lang)
    assert len(asked) == 2  # sells to consumers; the role in the food chain or in construction
    for question in asked:
        rows = draw(question)
        assert max(map(cell_width, rows)) <= COLUMNS - 2, rows
        assert offending_lines(rows) == []
        assert any(r.strip() in ("（↑↓ 移动，空格勾选，回车确认）", "(arrow keys, Space ticks, Enter)",
                                 "（↑↓ 选择，回车确认）", "(arrow keys, Enter)") or r.endswith(("确认）", "Enter)"))
                   for r in rows)
