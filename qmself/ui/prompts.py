"""`qmself assess --simple`: the same flow as plain prompts, one question after another.

For plain terminals, SSH sessions and screen readers. Each answer is saved as
soon as it is given; Ctrl-C ends cleanly, saying every answer so far is saved.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import questionary
from prompt_toolkit.formatted_text import StyleAndTextTuples
from pydantic_core import PydanticCustomError
from questionary import Choice, Style
from questionary.prompts.common import InquirerControl

from qmself.cjk import NO_LINE_END, cell_width, fill, fill_parts, wrap
from qmself.errors import QmselfError
from qmself.model.answers import NA, Company, typed_number
from qmself.model.applicability import FACT_NAMES, ROLE_CHOICES, VALUE_NAMES
from qmself.model.common import SIZE_NAMES, SIZES, pick
from qmself.model.creditcode import credit_code_problem
from qmself.model.questionnaire import SMALL_SAMPLE_LEVELS, Question
from qmself.scoring import value_problem
from qmself.session import Session
from qmself.storage.bundled import Catalog

STYLE = Style([("qmark", "fg:#1d4e89 bold"), ("question", "bold"), ("pointer", "fg:#b42318 bold"),
               ("highlighted", "fg:#1d4e89 bold"), ("answer", "fg:#2f855a bold")])

SKIP, BACK, QUIT, GUIDE = "__skip__", "__back__", "__quit__", "__guide__"
DESCRIPTION_LABEL = "  Description: "


def _columns() -> int:
    """Columns of the terminal."""
    return max(44, shutil.get_terminal_size((80, 24)).columns)


def _width() -> int:
    """Columns to fold text to: the terminal's, less questionary's margin."""
    return _columns() - 4


def one_line(message: str) -> str:
    """A validation message as prompt_toolkit shows it, on one line of the terminal: what does not fit
    is left off from the end, a closing parenthetical first, then the advice after the last '；' or ':'
    (what is wrong comes first), and as a last resort the end is cut with "…"."""
    room = _columns() - 1
    shown = message
    while cell_width(shown) > room:
        if shown.endswith(("）", ")")):
            at = max(shown.rfind("（"), shown.rfind(" ("))
        else:
            at = max(shown.rfind(sep) for sep in ("；", "：", "; ", ": "))
        if at <= 0:
            return _cut(message, room - 1).rstrip(" " + "".join(NO_LINE_END)) + "…"
        shown = shown[:at]
    return shown


def _quoted(text: str) -> str:
    """What the user typed, as a message repeats it: short enough to leave the message its line."""
    text = text.strip()
    return text if cell_width(text) <= 12 else _cut(text, 11) + "…"


def _cut(text: str, width: int) -> str:
    """`text` cut to at most `width` cells."""
    while cell_width(text) > width:
        text = text[:-1]
    return text


def _room_for(message: str, *tails: str) -> str:
    """`message` (folded to `_width`) with room on its last line for what questionary writes after it
    (a select's instruction, then the answer it echoes): else those go on a line of their own."""
    last = message.rsplit("\n", 1)[-1]
    used = cell_width(last) + (0 if "\n" in message else 2)  # "? " before the first line
    return message if used + 1 + max(map(cell_width, tails)) <= _columns() - 2 else message + "\n"


def _instruction(lang: str) -> str:
    """The select prompt's hint, in the user's language (questionary's own is English)."""
    return pick(lang, "（↑↓ 选择，回车确认）", "(arrow keys, Enter)")


def _descriptions_without_label(question: Any) -> Any:
    """Show a choice's description (a level's descriptor) under the list as the folded text alone:
    questionary prefixes it with an English "Description: " on every screen, Chinese ones too."""
    app = getattr(question, "application", None)
    for window in app.layout.find_all_windows() if app is not None else ():
        control = window.content
        if isinstance(control, InquirerControl):
            tokens = control.text

            def without_label(tokens: Any = tokens) -> StyleAndTextTuples:
                return [(t[0], t[1].removeprefix(DESCRIPTION_LABEL), *t[2:]) for t in tokens()]

            control.text = without_label
    return question


def _select(message: str, choices: list[Choice], lang: str, **kw: Any) -> Any:
    """A select prompt: the hint in the user's language where it fits after the message (else on a line
    of its own, as is the answer echoed there), a choice's description without questionary's label."""
    return _descriptions_without_label(questionary.select(
        _room_for(message, _instruction(lang), *(str(c.title) for c in choices)), choices=choices, style=STYLE,
        instruction=_instruction(lang), **kw))


def number_problem(text: str, lang: str, question: Question | None = None) -> bool | str:
    """True for a number (within `question`'s range and bands) or a command (empty, b, q, n/a, ?);
    otherwise what is wrong, said under the field while the prompt stays."""
    t = text.strip().lower()
    if t in ("", "b", "q", "n/a", "?"):
        return True
    try:
        number = typed_number(t)
    except PydanticCustomError as e:  # too large, or another script's digits
        ctx = e.context or {}
        return one_line(pick(lang, ctx.get("zh", str(e)), ctx.get("en", str(e))))
    if number is None:
        return one_line(pick(lang, f"“{_quoted(text)}”不是数字：请输入数字，如 35 或 12.5",
                             f"'{_quoted(text)}' is not a number: type one such as 35 or 12.5"))
    if question is None:
        return True
    bad = value_problem(question, number)  # the answer file's check: the range, a band
    return True if bad is None else one_line(pick(lang, *bad))


def code_problem(text: str, lang: str) -> bool | str:
    """True for a valid unified social credit code; otherwise what is wrong, on one line (the prompt
    names the characters allowed)."""
    problem = credit_code_problem(text.strip().upper())
    return True if problem is None else one_line(pick(lang, *problem))


def _ask(question: Any) -> Any:
    return question.unsafe_ask()


def profile_prompts(catalog: Catalog, path: Path | None, lang: str, **io: Any) -> Session:
    """Ask for the company profile and create the answer file."""
    q = catalog.questionnaire()

    name = _ask(questionary.text(pick(lang, "企业名称：", "Company name:"), style=STYLE,
                                 validate=lambda t: bool(t.strip()) or pick(lang, "不能为空", "must not be empty"), **io))
    code = _ask(questionary.text(
        _room_for(fill(pick(lang, "统一社会信用代码（18 位，不含字母 I、O、Z、S、V）：",
                            "Unified social credit code (18 characters, no I O Z S V):"), _width()), "0" * 18),
        validate=lambda t: code_problem(t, lang), style=STYLE, **io))
    sector = _ask(_select(pick(lang, "行业：", "Sector:"), [Choice(s.name(lang), s.id) for s in q.sectors], lang, **io))
    size = _ask(_select(pick(lang, "规模：", "Size:"), [Choice(SIZE_NAMES[s][0 if lang == "zh" else 1], s) for s in SIZES],
                        lang, **io))
    facts = fact_prompts(catalog, sector, lang, **io)
    region = _ask(questionary.text(pick(lang, "地区（可选）：", "Region (optional):"), style=STYLE, **io))
    assessor = _ask(questionary.text(pick(lang, "评估人：", "Assessor:"), style=STYLE, **io))
    if path is None:
        path = Path(_ask(questionary.text(pick(lang, "保存为：", "Save as:"), default="assessment.yaml", style=STYLE, **io)))
    company = Company.model_validate({"name": name, "credit_code": code, "sector": sector, "size": size,
                                      "region": region.strip() or None, **facts})
    return Session.create(path, catalog, company, assessor.strip(), lang=lang, today=dt.date.today())


def fact_prompts(catalog: Catalog, sector: str, lang: str, **io: Any) -> dict[str, object]:
    """The company facts the sector's questions depend on (only those); a fact left open is not stated."""
    q = catalog.questionnaire()
    used = q.facts_used(sector)
    zh = lang == "zh"
    out: dict[str, object] = {}
    for fact in FACT_NAMES:
        if fact not in used:
            continue
        ids = ("、" if zh else ", ").join(q.fact_questions(sector, fact))
        name = FACT_NAMES[fact][0 if zh else 1]
        if fact in ROLE_CHOICES:
            choices = [Choice(VALUE_NAMES[r][0 if zh else 1], r) for r in ROLE_CHOICES[fact]]
            instruction = pick(lang, "（↑↓ 移动，空格勾选，回车确认）", "(arrow keys, Space ticks, Enter)")
            message = fill(pick(lang, f"{name}（决定 {ids} 是否适用；可多选，不选表示未说明）：",
                                f"{name[0].upper() + name[1:]} (decides whether {ids} apply; several allowed, none "
                                "means not stated):"), _width())
            roles = _ask(questionary.checkbox(
                _room_for(message, instruction, ", ".join(str(c.title) for c in choices)), choices=choices,
                style=STYLE, instruction=instruction, **io))
            if roles:
                out[fact] = list(roles)
        else:
            stated = _ask(_select(
                fill(pick(lang, f"{name}？（决定 {ids} 是否适用）", f"{name[0].upper() + name[1:]}? (decides whether "
                          f"{ids} apply)"), _width()),
                [Choice(pick(lang, "是", "yes"), True), Choice(pick(lang, "否", "no"), False),
                 Choice(pick(lang, "暂不说明（相关题目照常提问）", "not stated (those questions are asked)"), SKIP)], lang, **io))
            if stated != SKIP:
                out[fact] = stated
    return out


def sample_prompt(q: Question, current: int | None, lang: str, **io: Any) -> int | None:
    """A rate's sample size (whole number); Enter keeps the one the file has."""
    unit = q.sample_unit(lang) if q.sample_unit else ""
    lo, hi = SMALL_SAMPLE_LEVELS
    raw = _ask(questionary.text(
        fill(pick(lang, f"样本量：这个比率由多少{unit}算出？至少 {q.min_sample} {unit}；不足或不填时此题只计 {lo}-{hi} 级"
                        "（回车保留现有内容）：",
                  f"Sample: how many {unit} does the rate come from? At least {q.min_sample}; with fewer or none "
                  f"the question scores within levels {lo}-{hi} (Enter keeps it):"), _width()),
        default="" if current is None else str(current), validate=lambda t: sample_problem(t, q, lang), style=STYLE,
        **io)).strip()
    return int(typed_number(raw) or 0) if raw else current


def sample_problem(text: str, q: Question, lang: str) -> bool | str:
    """True for a sample size (a whole number, 0 or more) or nothing (keeps the file's); otherwise what to type,
    on one line."""
    t = text.strip()
    try:
        number = typed_number(t) if t else 0
    except PydanticCustomError as e:  # another script's digits
        ctx = e.context or {}
        return one_line(pick(lang, ctx.get("zh", str(e)), ctx.get("en", str(e))))
    return (isinstance(number, int) and number >= 0) or one_line(pick(
        lang, f"“{_quoted(t)}”不是整数：请输入样本量，如 {q.min_sample}",
        f"'{_quoted(t)}' is not a whole number: type the sample size, e.g. {q.min_sample}"))


def _lines() -> int:
    """Rows of the terminal."""
    return max(10, shutil.get_terminal_size((80, 24)).lines)


def show_guidance(q: Question, lang: str, **io: Any) -> None:
    """A question's good practice, asked for with "? 良好实践" (or "?" at a number): printed a screenful
    at a time, each page held until a key is pressed, so that the question asked again below it does
    not push it off the screen before it is read (a red line's runs to 30 rows in English)."""
    lines = wrap(pick(lang, "良好实践：", "Good practice: ") + q.guidance(lang), _width(), "  ", "  ")
    page = _lines() - 2
    for at in range(0, len(lines), page):
        questionary.print("\n".join(lines[at:at + page]))
        last = at + page >= len(lines)
        _ask(questionary.press_any_key_to_continue(
            pick(lang, "按任意键返回题目", "Press any key to return to the question") if last
            else pick(lang, "按任意键看下一页", "Press any key for the next page"), style=STYLE, **io))


def question_prompts(session: Session, lang: str, **io: Any) -> None:
    """Ask every applicable question from the first unanswered one; saves each answer, then asks for
    its evidence and a note (Enter keeps what is there).

    Each prompt starts with the question's id (and red-line mark), so that the line the clerk answers
    on names the question; its good practice is shown on request ("? 良好实践"), keeping the prompt
    within an 80x24 screen."""
    questions = session.questions
    start = session.next_unanswered(0)
    i = 0 if start is None else start
    qn = session.questionnaire
    pointer: Any = None  # the choice the pointer starts on when a question is asked again
    while 0 <= i < len(questions):
        q = questions[i]
        width = _width()
        done, total = session.progress()
        area = qn.area_by_id[q.area].title(lang)
        current = session.answer(q.id)
        head = [q.id]  # the red-line mark next to the id, so both are on the prompt's first line
        if q.red_line:
            head.append(pick(lang, f"红线（答“否”将本领域封顶于 {qn.red_line_cap:g} 级）",
                             f"RED LINE (answering no caps the area at level {qn.red_line_cap:g})"))
        head += [f"{i + 1}/{total}", f"{pick(lang, '已答', 'answered')} {done}", area]
        choices: list[Any] = []
        if q.type == "maturity":
            # a short title, echoed after the answer as "3 系统"; the descriptor shows under the list
            # for the level the pointer is on
            for k in sorted(q.levels or {}):
                name = f"{k} {qn.level_name(k, lang)}"
                choices.append(Choice(name, k, description=fill(f"{name}{pick(lang, '：', ': ')}"
                                                                f"{(q.levels or {})[k](lang)}", width, "  ", "  ")))
        elif q.type == "yesno":
            choices += [Choice(pick(lang, "是", "yes"), True), Choice(pick(lang, "否", "no"), False)]
        choices.append(Choice(pick(lang, "? 良好实践", "? Good practice"), GUIDE))
        if q.allow_na:
            choices.append(Choice(pick(lang, "不适用", "n/a"), NA))
        choices += [Choice(pick(lang, "跳过", "skip"), SKIP), Choice(pick(lang, "上一题", "back"), BACK),
                    Choice(pick(lang, "退出（已保存）", "quit (saved)"), QUIT)]
        text = fill_parts(head, width) + "\n" + fill(q.text(lang), width)
        if q.legal_basis:
            text += "\n" + fill(pick(lang, "法律依据：", "Legal basis: ") + q.legal_basis_text(lang), width, "  ", "  ")
        if q.type == "number":
            unit = q.unit(lang) if q.unit else ""
            bands = "\n".join(
                f"  {b.level} {qn.level_name(b.level, lang)}{pick(lang, '：', ': ')}"
                + " ".join(x for x in ("" if b.min is None else f"≥{b.min:g}", "" if b.max is None else f"<{b.max:g}")
                           if x) + f" {unit}"
                for b in sorted(q.bands or [], key=lambda b: -b.level))
            hint = pick(lang, f"输入数值（{unit}）；留空跳过；b 上一题；q 退出；? 良好实践",
                        f"a number ({unit}); empty to skip; b back; q quit; ? good practice")
            if q.allow_na:
                hint += pick(lang, "；n/a 不适用", "; n/a not applicable")
            raw = _ask(questionary.text(
                f"{text}\n{bands}\n{fill(hint, width, '  ', '  ')}",
                default="" if current is None or current.value in (None, NA) else str(current.value), style=STYLE,
                validate=lambda t, q=q: number_problem(t, lang, q), **io))
            raw = raw.strip()
            choice: Any = {"": SKIP, "b": BACK, "q": QUIT, "n/a": NA, "?": GUIDE}.get(raw.lower(), raw)
        else:
            default = next((c for c in choices if c.value == pointer), None) or next(
                (c for c in choices if current is not None and c.value == current.value), None)
            choice = _ask(_select(text, choices, lang, default=default, **io))
        pointer = None
        if choice == GUIDE:
            show_guidance(q, lang, **io)
            pointer = GUIDE
            continue
        if choice == QUIT:
            return
        if choice == BACK:
            i = max(0, i - 1)
            continue
        if choice == SKIP:
            i += 1
            continue
        evidence = current.evidence if current else None
        note = current.note if current else None
        try:
            session.set(q.id, choice, evidence, note)
        except QmselfError as e:
            questionary.print(e.render(lang), style="fg:#b42318")
            continue
        if q.min_sample is not None and q.sample_unit is not None and choice != NA:
            sample = sample_prompt(q, current.sample if current else None, lang, **io)
            if sample != (current.sample if current else None):
                session.set(q.id, choice, evidence, note, sample)
        evidence = _ask(questionary.text(pick(lang, "证据（可选；回车保留现有内容）：", "Evidence (optional; Enter keeps it):"),
                                         default=evidence or "", style=STYLE, **io)).strip() or None
        note = _ask(questionary.text(pick(lang, "备注（可选；回车保留现有内容）：", "Note (optional; Enter keeps it):"),
                                     default=note or "", style=STYLE, **io)).strip() or None
        if (evidence, note) != ((current.evidence, current.note) if current else (None, None)):
            session.set(q.id, choice, evidence, note)
        i += 1


def run_prompts(catalog: Catalog, path: Path | None, session: Session | None, lang: str, **io: Any) -> Path | None:
    """The whole prompt flow; returns the answer file's path (None if nothing was created)."""
    try:
        if session is None:
            session = profile_prompts(catalog, path, lang, **io)
        question_prompts(session, lang, **io)
    except (KeyboardInterrupt, EOFError):  # Ctrl-C, or the input ended: every answer is already saved
        pass
    return session.path if session is not None else None
