"""Differential test: qmself's event loader (yamlio.parse, libyaml's events) against ruamel's own safe loader.

On the same text both must give the same data or both refuse it; the only
differences allowed are the ones qmself makes on purpose and documents in
yamlio's docstring:

* qmself refuses what ruamel builds: anchors and aliases, tags, several
  documents, nesting deeper than 32, more than `MAX_NODES` nodes, numbers
  past 10^15 (and infinity), non-scalar keys;
* qmself keeps as text what ruamel's YAML 1.2 resolver types beyond the core
  schema qmself reads: dates and times, hex and octal, `.inf`/`.nan`,
  numbers with `_` (the model refuses or parses them, with a located message);
  and mapping keys are always text (`4.10:` stays "4.10", ruamel gives 4.1);
* libyaml refuses a `\\u` escape that is no character (a lone surrogate, which
  no report could write out) and an empty key (`: x`), both allowed by YAML;
* libyaml keeps YAML 1.1's rules for plain scalars, stricter than 1.2's in a
  few corners (a `:` or `?` inside a scalar in `[ ]` or `{ }`, a scalar
  starting with `:`): qmself refuses such a file in one line saying to quote,
  and the same data written out by ruamel in block style is read the same;
* ruamel's pure-Python scanner refuses a tab inside a plain scalar (`k<TAB>ind:`),
  which YAML allows and libyaml reads: where ruamel refuses a text with a tab it
  is no reference (tabs in indentation are in tests/data/broken);
* ruamel refuses an impossible date (`2025-02-30`) while building it; qmself
  reads the text and leaves the date to the model, which refuses it located.

Anything else, in either direction, is a bug in one of them (the reference is
ruamel's pure-Python parser, independent of libyaml's C code qmself drives).
Inputs: every YAML file in the repository, YAML that ruamel writes from
generated data in its different styles, and real files with YAML tokens
inserted, deleted or swapped.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from qmself.errors import QmselfError
from qmself.storage import yamlio
from tests.conftest import ROOT

REFUSED_ON_PURPOSE = (
    "anchors (&) and aliases (*) are not allowed", "YAML tags such as", "a file holds one YAML document",
    "nested deeper than", "too many nodes", "is too large to mean anything", "mapping keys must be plain scalars",
    "a \\u escape in double quotes is not a valid character",  # a lone surrogate: no text could be written out
)


def reference(text: str) -> tuple[Any, Exception | None]:
    """ruamel's pure-Python safe loader (YAML 1.2, duplicate keys refused): (data, None) or (None, error)."""
    y = YAML(typ="safe", pure=True)
    try:
        return y.load(text), None
    except (YAMLError, ValueError, TypeError, OverflowError, RecursionError) as e:  # TypeError: a list as a key
        return None, e


def ours(text: str) -> tuple[Any, QmselfError | None]:
    try:
        return yamlio.parse(text, "t.yaml")[0], None
    except QmselfError as e:
        return None, e


def _typed_by_us(text: str) -> bool:
    """Would qmself's own resolver have made `text`, written plain, a non-string?"""
    return (text in yamlio._NULL or text in yamlio._TRUE or text in yamlio._FALSE
            or bool(yamlio._INT.match(text)) or bool(yamlio._FLOAT.match(text)))


def _same_scalar_read_as_text(mine: str, theirs: Any, *, key: bool = False) -> bool:
    """`mine` is text qmself kept where ruamel typed it (a date, 0x1F, .inf, 1_000; any key): allowed, if that
    is all (ruamel reads the text `mine` back as `theirs`)."""
    if not key and _typed_by_us(mine):
        return False  # qmself would have typed it too: a real difference
    again, err = reference(mine)
    if err is not None:
        return False
    if isinstance(theirs, float) and math.isnan(theirs):
        return isinstance(again, float) and math.isnan(again)
    return bool(again == theirs and type(again) is type(theirs))


def same(mine: Any, theirs: Any, path: str = "") -> str | None:
    """None when `mine` (qmself) and `theirs` (ruamel) mean the same; else where and how they differ."""
    if isinstance(mine, dict) and isinstance(theirs, dict):
        if len(mine) != len(theirs):
            return f"{path}: {len(mine)} keys vs {len(theirs)}"
        for (km, vm), (kt, vt) in zip(mine.items(), theirs.items(), strict=True):
            if not isinstance(km, str):
                return f"{path}: key {km!r} is not text"
            if km != kt and not (not isinstance(kt, str) and _same_scalar_read_as_text(km, kt, key=True)):
                return f"{path}: key {km!r} vs {kt!r}"
            found = same(vm, vt, f"{path}.{km}")
            if found:
                return found
        return None
    if isinstance(mine, list) and isinstance(theirs, list):
        if len(mine) != len(theirs):
            return f"{path}: {len(mine)} items vs {len(theirs)}"
        for i, (a, b) in enumerate(zip(mine, theirs, strict=True)):
            found = same(a, b, f"{path}[{i}]")
            if found:
                return found
        return None
    if type(mine) is type(theirs) and mine == theirs:
        return None
    if isinstance(mine, str) and not isinstance(theirs, str | dict | list) and _same_scalar_read_as_text(mine, theirs):
        return None
    return f"{path}: {mine!r} ({type(mine).__name__}) vs {theirs!r} ({type(theirs).__name__})"


def _has_empty_key(data: Any) -> bool:
    if isinstance(data, dict):
        return None in data or any(_has_empty_key(v) for v in data.values())
    if isinstance(data, list):
        return any(_has_empty_key(v) for v in data)
    return False


def check(text: str) -> None:
    mine, my_err = ours(text)
    if my_err is not None and any(f in my_err.en for f in REFUSED_ON_PURPOSE):
        return  # whatever ruamel makes of it (an alias bomb takes it a minute to build)
    theirs, their_err = reference(text)
    if my_err is not None and their_err is not None:
        return
    if my_err is not None:
        if _has_empty_key(theirs):
            return  # `: x` with no key: YAML allows it, libyaml does not; either way a mistake, located
        assert my_err.en.startswith("malformed YAML"), f"{my_err.render('en')}\n{text[:600]!r}"
        # libyaml keeps YAML 1.1's plain-scalar rules (no `:` or `?` inside a scalar in [ ] or { }, none
        # starting with `:`...): stricter than 1.2 in a few corners, and the line says to quote. Only the syntax
        # may differ: the same data written out by ruamel in block style is read the same.
        block, y = io.StringIO(), YAML(typ="safe", pure=True)
        y.default_flow_style = False
        y.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
        y.dump(theirs, block)
        again, err = ours(block.getvalue())
        if err is not None:
            assert any(f in err.en for f in REFUSED_ON_PURPOSE), f"{err.render('en')}\n{block.getvalue()[:600]!r}"
        else:
            assert same(again, theirs) is None, f"{my_err.render('en')}\n{text[:600]!r}"
        return
    if their_err is not None:
        if "\t" in text:
            return  # ruamel's pure scanner refuses tabs inside plain scalars (`k<TAB>ind: x`), which YAML allows
        assert isinstance(their_err, ValueError) and not isinstance(their_err, YAMLError), (
            f"qmself reads what ruamel refuses: {their_err}\n{text[:600]!r}")
        return
    found = same(mine, theirs)
    assert found is None, f"different data at {found}\n{text[:600]!r}"


def _repository_yaml() -> list[Path]:
    folders = ["examples", "questionnaires", "benchmarks", "qmself", "tests/data"]
    return sorted(p for f in folders for p in (ROOT / f).rglob("*.yaml"))


def _texts() -> list[tuple[str, str]]:
    out = []
    for p in _repository_yaml():
        try:
            out.append((str(p.relative_to(ROOT)), yamlio.decode(p.read_bytes(), p.name)))
        except QmselfError:
            continue  # not text (tests/data/broken/binary.yaml...): nothing for a parser to compare
    return out


TEXTS = _texts()


def test_the_repository_yaml_is_many_files() -> None:
    assert len(TEXTS) > 60


@pytest.mark.parametrize(("name", "text"), TEXTS, ids=[n for n, _ in TEXTS])
def test_every_yaml_file_in_the_repository(name: str, text: str) -> None:
    check(text)


@pytest.mark.parametrize("text", [
    "a: 2026-10-12\nb: 0x1F\nc: 0o17\nd: .inf\ne: -.Inf\nf: .nan\ng: 1_000\nh: 2026-10-12 10:00:00\n",
    "4.10: x\n7: y\ntrue: z\nnull: w\n2026-10-12: v\n",
    "a: [1, 2.5, +3, -4, .5, 1., 1e3, -1E-2, yes, no, on, off, y, n, ~, null, Null, NULL, true, True, TRUE]\n",
    "a: '1'\nb: \"2\"\nc: |\n  x\n  y\nd: >-\n  folded\n  text\ne: \"\\u00e9\\t\\x41\"\nf: ''\ng:\n",
    "? a\n: 1\n",
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\n---\nb: 2\n", "a: 1\na: 2\n", "a: 99999999999999999999\n",
    "? [a]\n: 1\n", "a: 2025-02-30\n", "[" * 40 + "]" * 40 + "\n", "%YAML 1.2\n---\na: 1\n", "a: b: c\n",
])
def test_known_differences_and_agreements(text: str) -> None:
    check(text)


# ---- generated YAML: data written by ruamel in its different styles

_keys = st.one_of(st.text(max_size=8), st.sampled_from(["4.10", "A-01", "true", "null", "7", "2026-10-12", "0x1F"]))
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**15, 10**15),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
    st.text(max_size=30),
    st.sampled_from(["yes", "no", "是", "n/a", "~", "0x1F", "0o17", "1_000", ".inf", "-.nan", "1e3", "3.0", "+3",
                     "2026-10-12", "2026-10-12T10:00:00", "LEAD-07：2", "a: b", "- x", "# c", "'q'", '"q"', "|", ">",
                     "\t", " lead", "trail ", "多行\n文本", "\u3000", "\u200b", "\ufeff"]),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)),
)
_data = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(_keys, inner, max_size=4), max_leaves=12)

FUZZ = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def dumped(draw: st.DrawFn) -> str:
    y = YAML(typ="safe", pure=True)
    y.default_flow_style = draw(st.sampled_from([False, None, True]))
    y.allow_unicode = draw(st.booleans())
    y.width = draw(st.sampled_from([20, 80, 4096]))
    y.indent(mapping=draw(st.sampled_from([2, 4])), sequence=4, offset=2)
    y.default_style = draw(st.sampled_from([None, "'", '"']))  # plain, single- or double-quoted scalars
    buf = io.StringIO()
    y.dump(draw(_data), buf)
    return buf.getvalue()


@FUZZ
@given(dumped())
def test_yaml_ruamel_writes_from_generated_data(text: str) -> None:
    check(text)


TOKENS = [":", ": ", "- ", "&a ", "*a", "!!str ", "!x ", "{", "}", "[", "]", ",", '"', "'", "\t", "：", "\r", "\r\n",
          "\n---\n", "\n...\n", "#", " #", "? ", "|", ">", "|-\n", "%YAML 1.2\n", "\\", '"\\x', '"\\u', "\n  ",
          "    ", "\n", "<<: ", "@", "`", "%", "!", "&", "*", "\u0085", "\u2028", "\ufeff", "0x1F", "1e400", ".inf",
          "2026-10-12", "yes", "~", "null", "n/a"]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from([t for n, t in TEXTS if n.startswith(("examples", "tests/data/mini"))]))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "swap-lines"]))
        if kind == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS) | st.text(min_size=1, max_size=3)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 30)):]
        else:
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


@FUZZ
@given(mutated())
def test_real_files_with_yaml_tokens_inserted_deleted_or_swapped(text: str) -> None:
    check(text)
