"""The question screen with the keyboard alone: editing evidence, undo and clear, number questions,
the order of questions, and the question always on screen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual import events
from textual.containers import VerticalScroll
from textual.widgets import Static, TextArea

from qmself.model.answers import Company
from qmself.session import Session
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_answer_file
from qmself.ui.tui.app import AssessApp
from qmself.ui.tui.screens.help import HelpScreen
from qmself.ui.tui.screens.question import NumberInput, QuestionScreen, SampleInput
from qmself.ui.tui.screens.review import ReviewScreen
from qmself.ui.tui.screens.textedit import TextEditScreen
from tests.conftest import EXAMPLES
from tests.ui.test_review import messages
from tests.ui.test_tui import CODE, run_async


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()


def opened(tmp_path: Path, catalog: Catalog, *, open_: tuple[str, ...] = ()) -> Session:
    """The small manufacturer with the questions in `open_` left unanswered (their evidence kept)."""
    path = tmp_path / "c.yaml"
    shutil.copy(EXAMPLES / "small-manufacturer.yaml", path)
    text = path.read_text(encoding="utf-8")
    loaded = load_answer_file(path, catalog.questionnaires).answers.answers
    for qid in open_:
        a = loaded[qid]
        block = f"  {qid}:\n    value: {a.value}\n" if a.evidence or a.note else f"  {qid}: {a.value}\n"
        assert block in text, qid
        text = text.replace(block, block.replace(f"value: {a.value}", "value:") if a.evidence or a.note
                            else f"  {qid}:\n")
    path.write_text(text, encoding="utf-8")
    return Session.open(path, catalog)


def saved(session: Session, qid: str) -> tuple[object, str | None, str | None]:
    a = load_answer_file(session.path, Catalog().questionnaires).answers.answers.get(qid)
    return (None, None, None) if a is None else (a.value, a.evidence, a.note)


def screen_of(app: AssessApp) -> QuestionScreen:
    assert isinstance(app.screen, QuestionScreen)
    return app.screen


@run_async
async def test_evidence_is_edited_not_replaced_and_a_multiline_paste_is_kept(tmp_path: Path,
                                                                            catalog: Catalog) -> None:
    session = opened(tmp_path, catalog, open_=("QMS-03",))
    app = AssessApp(catalog, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        assert screen_of(app).question.id == "QMS-03"
        old = "2025 年绵阳市质量管理诊断报告"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TextEditScreen)
        await pilot.press("space", "附", "件")
        assert app.focused is app.screen.query_one("#editor", TextArea)
        app.post_message(events.Paste("一\n二 [b]三[/b]"))  # as the terminal sends a paste
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert saved(session, "QMS-03") == (None, f"{old} 附件一\n二 [b]三[/b]", None)
        shown = str(screen_of(app).query_one("#qevtext", Static).render())
        assert "[b]三[/b]" in shown  # shown as typed, not read as markup
        await pilot.press("e", "x", "y", "escape")  # Esc cancels
        await pilot.pause()
        assert saved(session, "QMS-03")[1] == f"{old} 附件一\n二 [b]三[/b]"
        await pilot.press("o", "备", "注", "ctrl+s")
        await pilot.pause()
        assert saved(session, "QMS-03") == (None, f"{old} 附件一\n二 [b]三[/b]", "备注")


@run_async
async def test_undo_and_clear(tmp_path: Path, catalog: Catalog) -> None:
    session = opened(tmp_path, catalog, open_=("QMS-03",))
    app = AssessApp(catalog, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        old = saved(session, "QMS-03")
        await pilot.press("4")
        await pilot.pause()
        assert saved(session, "QMS-03")[0] == 4 and screen_of(app).question.id == "QMS-04"
        await pilot.press("ctrl+z")  # back to QMS-03, unanswered again
        await pilot.pause()
        assert saved(session, "QMS-03") == old and screen_of(app).question.id == "QMS-03"
        await pilot.press("3", "left", "x")  # answer, go back, clear it
        await pilot.pause()
        assert saved(session, "QMS-03") == old
        await pilot.press("ctrl+z")  # the clearing undone
        await pilot.pause()
        assert saved(session, "QMS-03")[0] == 3
        await pilot.press("e", "x", "ctrl+s", "ctrl+z")  # an evidence change undone
        await pilot.pause()
        assert saved(session, "QMS-03")[1] == old[1]
        await pilot.press("ctrl+z", "ctrl+z")  # then the answer, then nothing left
        await pilot.pause()
        assert saved(session, "QMS-03") == old


@run_async
async def test_keys_work_on_a_number_question(tmp_path: Path, catalog: Catalog) -> None:
    session = opened(tmp_path, catalog, open_=("TRACE-05", "TRACE-07"))
    app = AssessApp(catalog, session=session, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        assert screen.question.id == "TRACE-05"
        assert isinstance(app.focused, NumberInput)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert screen.question.id == "TRACE-07"
        await pilot.press("left", "left")
        await pilot.pause()
        assert screen.question.id == "TRACE-05"
        await pilot.press("4", "2", "left", "backspace", "right", "1")  # editing keys still edit
        await pilot.pause()
        assert screen.query_one("#number", NumberInput).value == "21"
        await pilot.press("right")  # at the end of the number: next question
        await pilot.pause()
        assert screen.question.id == "TRACE-06"
        await pilot.press("left", "q")
        await pilot.pause()
    assert app.return_code == 0


@run_async
async def test_right_arrow_goes_through_every_question_in_area_order(tmp_path: Path, catalog: Catalog) -> None:
    company = Company(name="成都某数字科技有限公司", credit_code=CODE, sector="digital", size="small")
    session = Session.create(tmp_path / "d.yaml", catalog, company)
    areas = [a.id for a in session.questionnaire.areas]
    order = [areas.index(q.area) for q in session.questions]
    assert order == sorted(order)  # DIGI-M04 (area TRACE) is asked with TRACE
    app = AssessApp(catalog, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        seen = [screen.question.id]
        for _ in range(len(session.questions) + 2):
            await pilot.press("right")
            seen.append(screen.question.id)
        assert [q.id for q in session.questions] == list(dict.fromkeys(seen))
        assert seen[-1] == session.questions[-1].id
        # answering TRACE in order: its last question completes it
        screen.go(next(i for i, q in enumerate(session.questions) if q.area == "TRACE"))
        while screen.question.area == "TRACE":
            q = screen.question
            await pilot.press({"maturity": "3", "yesno": "y"}.get(q.type, "tab"))
            if q.type == "number":
                screen.query_one("#number", NumberInput).value = "50"
                await pilot.press("shift+tab", "enter")
            await pilot.pause()
        assert session.progress("TRACE") == (9, 9)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@pytest.mark.parametrize("open_", [("QMS-03",), ("TRACE-05",), ("LEAD-01",)])
@run_async
async def test_the_question_is_on_screen_after_launch(tmp_path: Path, catalog: Catalog, size: tuple[int, int],
                                                      open_: tuple[str, ...]) -> None:
    app = AssessApp(catalog, session=opened(tmp_path, catalog, open_=open_))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()  # a scroll to the focused widget is animated
        await pilot.pause(0.3)
        screen = screen_of(app)
        assert screen.question.id == open_[0]
        pane = screen.query_one("#pane", VerticalScroll)
        assert pane.scroll_y == 0
        head = screen.query_one("#qhead", Static)
        text = screen.query_one("#qtext", Static)
        assert open_[0] in str(head.render())
        main = screen.query_one("#main")  # above the scrolling pane
        for widget in (head, text):
            assert main.region.contains_region(widget.region), widget.id


@pytest.mark.parametrize("lang", ["zh", "en"])
@run_async
async def test_footer_header_and_sidebar_say_what_applies(tmp_path: Path, catalog: Catalog, lang: str) -> None:
    company = Company(name="成都某数字科技有限公司", credit_code=CODE, sector="digital", size="small")
    session = Session.create(tmp_path / "d.yaml", catalog, company)
    app = AssessApp(catalog, session=session, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        for qid in ("TRACE-02", "DIGI-M04", "LEAD-01"):  # yes/no, number (a module's), maturity
            screen.go(session.index_of(qid) or 0)
            await pilot.pause()
            keys = str(screen.query_one("#keys", Static).render())
            assert keys.endswith("q 退出" if lang == "zh" else "q quit")
            assert ("1-5" in keys) == (session.questionnaire.question_by_id[qid].type == "maturity")
            head = str(screen.query_one("#qhead", Static).render())
            if qid == "DIGI-M04":
                assert "digital" not in head and ("数字" in head if lang == "zh" else "Digital" in head)
        side = screen.query_one("#sidebar")
        shown = " ".join(str(side.get_option_at_index(i).prompt).replace("\n  ", "") for i in range(side.option_count))
        for area in session.questionnaire.areas:
            assert area.title(lang).replace(" ", "") in shown.replace(" ", "")  # whole names, folded not cut


@pytest.mark.parametrize("lang", ["zh", "en"])
@run_async
async def test_a_rate_takes_its_sample_size_after_the_number(tmp_path: Path, catalog: Catalog, lang: str) -> None:
    session = opened(tmp_path, catalog, open_=("SUPPLY-03",))
    app = AssessApp(catalog, session=session, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        assert screen.question.id == "SUPPLY-03"
        rule = str(screen.query_one("#qsample", Static).render())
        assert "50" in rule and "2-3" in rule  # the minimum and what a small sample scores
        await pilot.press("9", "7", ".", "5", "enter")
        await pilot.pause()
        assert screen.question.id == "SUPPLY-03" and app.focused is screen.query_one("#sample", SampleInput)
        assert screen.query_one("#sample", SampleInput).value == "187"  # the file's sample, cursor after it
        await pilot.press("backspace", "backspace", "backspace")
        await pilot.press("6", ".", "0", "enter")  # whole numbers only: the point never gets in
        await pilot.pause()
        answer = load_answer_file(session.path, catalog.questionnaires).answers.answers["SUPPLY-03"]
        assert (answer.value, answer.sample) == (97.5, 60)
        assert answer.evidence  # the evidence stays
        assert screen.question.id != "SUPPLY-03"  # on to the next question
        await pilot.press("ctrl+z")  # the old sample is back, the number stays
        await pilot.pause()
        answer = load_answer_file(session.path, catalog.questionnaires).answers.answers["SUPPLY-03"]
        assert (answer.value, answer.sample) == (97.5, 187) and screen.question.id == "SUPPLY-03"
        assert screen.query_one("#sample", SampleInput).value == "187"


@run_async
async def test_the_sample_field_shows_only_on_rates_with_a_minimum(tmp_path: Path, catalog: Catalog) -> None:
    session = opened(tmp_path, catalog, open_=("TRACE-05",))
    app = AssessApp(catalog, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        assert screen.question.id == "TRACE-05" and screen.question.min_sample is None
        assert not screen.query_one("#sample", SampleInput).display
        assert not screen.query_one("#qsample", Static).display
        await pilot.press("q")


@pytest.mark.parametrize(("lang", "words"),
                         [("zh", "每一项要素都已做到"), ("en", "every element of its description holds")])
@run_async
async def test_the_level_rule_is_shown_with_the_levels(tmp_path: Path, catalog: Catalog, lang: str, words: str) -> None:
    session = opened(tmp_path, catalog, open_=("LEAD-01",))
    app = AssessApp(catalog, session=session, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        rule = screen.query_one("#qrule", Static)
        assert screen.question.type == "maturity" and rule.display
        assert words in str(rule.render()).replace("\n", " " if lang == "en" else "")
        screen.go(next(i for i, q in enumerate(session.questions) if q.type == "yesno"))
        await pilot.pause()
        assert not rule.display  # a yes/no question has no levels


@run_async
async def test_page_down_shows_what_is_below_the_fold_at_80x24(tmp_path: Path, catalog: Catalog) -> None:
    session = opened(tmp_path, catalog, open_=("LEAD-01",))
    app = AssessApp(catalog, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        pane = screen.query_one("#pane", VerticalScroll)
        cites = screen.query_one("#qcites", Static)
        assert not pane.region.contains_region(cites.region)  # the cited clauses are below the fold
        for _ in range(4):
            await pilot.press("pagedown")
            await pilot.pause()
        assert pane.region.contains_region(cites.region)
        assert screen.question.id == "LEAD-01"  # the page keys scroll, they do not answer or move
        await pilot.press("pageup", "pageup", "pageup", "pageup")
        await pilot.pause()
        assert pane.scroll_y == 0
        await pilot.press("3")
        await pilot.pause()
        assert saved(session, "LEAD-01")[0] == 3


@pytest.mark.parametrize(("lang", "shown"), [
    ("zh", ["《进一步提高产品、工程和服务质量行动方案（2022—2025年）》（二十一）强化企业主体责任 [action-plan-2022]",
            "《四川省进一步提升产品、工程和服务质量行动实施方案（2023-2025年）》三（三）落实企业主体责任"]),
    ("en", ["(2022–2025) （二十一）: strengthen enterprises' primary responsibility for quality [action-plan-2022]"]),
])
@run_async
async def test_a_cited_clause_shows_its_document_title_and_what_it_asks(tmp_path: Path, catalog: Catalog, lang: str,
                                                                       shown: list[str]) -> None:
    session = opened(tmp_path, catalog, open_=("LEAD-01",))
    app = AssessApp(catalog, session=session, lang=lang)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        text = str(screen_of(app).query_one("#qcites", Static).render())
        flat = "".join(line.strip() for line in text.splitlines()) if lang == "zh" else " ".join(
            line.strip() for line in text.splitlines())
        for s in shown:
            assert s in flat, (s, text)


@run_async
async def test_the_first_screen_is_drawn_once_and_again_on_a_new_width(tmp_path: Path, catalog: Catalog,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    draws: list[int] = []
    original = QuestionScreen.refresh_all

    def counted(self: QuestionScreen) -> None:
        draws.append(self.app.size.width)
        original(self)

    monkeypatch.setattr(QuestionScreen, "refresh_all", counted)
    session = opened(tmp_path, catalog, open_=("LEAD-01",))
    app = AssessApp(catalog, session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert draws == [80]  # not once more for the first resize and the first resume
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert draws == [80, 80]  # back from a dialog: drawn again (answers or language may have changed)
        await pilot.resize_terminal(130, 40)
        await pilot.pause()
        screen = screen_of(app)
        assert draws[-1] == 130 and screen.query_one("#sidebar").styles.width.value == 34


@run_async
async def test_digits_of_another_script_pasted_into_a_number_are_refused(tmp_path: Path, catalog: Catalog) -> None:
    session = opened(tmp_path, catalog, open_=("SUPPLY-03",))
    before = session.path.read_bytes()
    app = AssessApp(catalog, session=session, lang="en")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = screen_of(app)
        number = screen.query_one("#number", NumberInput)
        number.post_message(events.Paste("٩٧"))  # a paste bypasses the keys the field takes
        await pilot.pause()
        assert number.value == "٩٧"
        await pilot.press("enter")
        await pilot.pause()
        shown = " ".join(str(n.message).replace("\n", " ") for n in app._notifications)
        assert "'٩' is U+0669 ARABIC-INDIC DIGIT NINE, not a digit 0-9" in shown.replace("  ", " "), shown
        assert session.path.read_bytes() == before and screen.question.id == "SUPPLY-03"
        number.value = "97.5"
        await pilot.press("enter")
        await pilot.pause()
        sample = screen.query_one("#sample", SampleInput)
        assert app.focused is sample
        sample.value = ""
        sample.post_message(events.Paste("٦٠"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        shown = " ".join(str(n.message).replace("\n", " ") for n in app._notifications)
        assert "U+0666 ARABIC-INDIC DIGIT SIX" in shown, shown
        answer = load_answer_file(session.path, catalog.questionnaires).answers.answers["SUPPLY-03"]
        assert (answer.value, answer.sample) == (97.5, 187)  # the file's sample stays


@pytest.mark.parametrize("lang", ["zh", "en"])
@run_async
async def test_a_sample_below_the_minimum_says_what_it_means_once(tmp_path: Path, catalog: Catalog, lang: str) -> None:
    session = opened(tmp_path, catalog, open_=("SUPPLY-03",))
    q = session.questionnaire.question_by_id["SUPPLY-03"]
    assert q.min_sample == 50 and q.sample_unit is not None
    unit = q.sample_unit(lang)
    app = AssessApp(catalog, session=session, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        await pilot.press("9", "7", "enter")
        await pilot.pause()
        await pilot.press("backspace", "backspace", "backspace", "1", "2", "enter")
        await pilot.pause()
        said = [m for m in messages(app) if "12" in m and "50" in m]
        assert said == [f"样本量 12 少于本题要求的 50 {unit}：此题只计 2-3 级" if lang == "zh"
                        else f"a sample of 12 is fewer than the 50 {unit} this question needs: it scores within "
                             "levels 2-3"]
        assert screen.question.id != "SUPPLY-03"  # on to the next question as before
        screen.go(session.index_of("SUPPLY-03") or 0)
        await pilot.pause()
        await pilot.press("enter")  # the number again, then a sample that is enough: nothing more is said
        await pilot.pause()
        await pilot.press("backspace", "backspace", "6", "0", "enter")
        await pilot.pause()
        assert len([m for m in messages(app) if "50" in m]) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
@run_async
async def test_answering_the_last_open_question_says_so_once(tmp_path: Path, catalog: Catalog, lang: str) -> None:
    session = opened(tmp_path, catalog, open_=("QMS-03", "LEAD-01"))
    app = AssessApp(catalog, session=session, lang=lang)
    done = "全部题目均已作答，按 r 查看评审" if lang == "zh" else "every question is answered; press r to review"
    async with app.run_test(size=(80, 24)) as pilot:
        screen = screen_of(app)
        assert screen.question.id == "LEAD-01"
        await pilot.press("3")  # one still open
        await pilot.pause()
        assert done not in messages(app)
        screen.go(session.index_of("QMS-03") or 0)
        await pilot.press("2")  # the last one
        await pilot.pause()
        assert messages(app).count(done) == 1
        assert app.screen is screen  # the clerk stays on the questions
        screen.go(session.index_of("QMS-03") or 0)
        await pilot.press("4")  # changing an answer says nothing more
        await pilot.pause()
        assert messages(app).count(done) == 1
