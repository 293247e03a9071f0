"""Fuzzing the answer-file loader: whatever the bytes, one clean error per problem or a valid, scorable file.

Three kinds of input: random bytes; answer files generated from a real one with
values, keys and shapes replaced at random; and real answer files from
examples/ with bytes and YAML tokens inserted, deleted or swapped. Any exception
other than the loader's own report fails the test (hypothesis shows the input).
Kept small (fixed example counts, no example database) so the suite stays fast.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from qmself.errors import QmselfError
from qmself.scoring import score
from qmself.storage import yamlio
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import check_answer_file
from tests.conftest import EXAMPLES

QUESTIONNAIRES = Catalog().questionnaires
REAL = [p.read_bytes() for p in sorted(EXAMPLES.glob("*.yaml"))]
_DIR = tempfile.TemporaryDirectory(prefix="qmself-fuzz-")
FILE = Path(_DIR.name) / "fuzz.yaml"

FUZZ = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check(data: bytes) -> None:
    """Load `data` as an answer file: a valid result that scores, or errors that are each one clean line."""
    FILE.write_bytes(data)
    loaded, report = check_answer_file(FILE, QUESTIONNAIRES, "fuzz.yaml")
    assert (loaded is None) == bool(report.errors)
    for e in [*report.errors, *report.notices]:
        assert isinstance(e, QmselfError)
        for lang in ("zh", "en"):
            line = e.render(lang)
            assert "\n" not in line and "内部错误" not in line and "internal error" not in line, line
            assert line.startswith("fuzz.yaml"), line
    if loaded is not None:
        result = score(loaded.answers, loaded.questionnaire)
        assert result.overall_index is None or 0 <= result.overall_index <= 100


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes(data: bytes) -> None:
    check(data)


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40), st.sampled_from(["n/a", "yes", "no", "是", "否", "3", "0.35", "1e400", "2025-02-30",
                                           "LEAD-07", "LЕAD-07", "LEAD\u201107", "LEAD-0\u200b7", "=HYPERLINK(1)"]),
)
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def generated_answer_files(draw: st.DrawFn) -> bytes:
    """A real answer file's data with a few nodes replaced, removed or added, written out as YAML."""
    data, _ = yamlio.parse(draw(st.sampled_from(REAL)).decode("utf-8-sig"), "real.yaml")
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)[1:]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for p in path[:-1]:
            parent = parent[p]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(_values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(_values)
        else:
            parent.append(draw(_values))
    y = YAML(typ="safe")
    y.allow_unicode = draw(st.booleans())
    y.default_flow_style = draw(st.sampled_from([False, None, True]))
    buf = io.StringIO()
    y.dump(data, buf)
    return buf.getvalue().encode("utf-8")


@settings(FUZZ, max_examples=25)
@given(generated_answer_files())
def test_generated_answer_files(data: bytes) -> None:
    check(data)


TOKENS = [b":", b": ", b"- ", b"&a ", b"*a", b"!!python/object:os.system ", b"!!str ", b"{", b"}", b"[", b"]",
          b'"', b"'", b"\t", "：".encode(), "　".encode(), b"\xef\xbb\xbf", b"\r", b"\r\n", b"\x00", b"\xff\xfe",
          b"\n---\n", b"\n...\n", b"#", b"? ", b"|", b">", b"%YAML 1.1\n", b"1e400", b"99999999999999999999",
          b"-1", b"n/a", b"null", b"~", b"LEAD-0", "LЕAD-07".encode(), b"\n  ", b"    ", b"\n", b"<<: ", b"\x1b[2J"]


@st.composite
def mutated_real_files(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(REAL)))
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "byte", "swap-lines", "repeat-line"]))
        if kind == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=4))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 40))]
        elif kind == "byte" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        else:
            lines = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if kind == "swap-lines":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines.insert(j, lines[i])
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@FUZZ
@given(mutated_real_files())
def test_mutated_real_answer_files(data: bytes) -> None:
    check(data)


def test_the_unmutated_examples_are_valid() -> None:
    """The seeds of the fuzz are themselves valid (else the mutations would only test one error)."""
    for data in REAL:
        FILE.write_bytes(data)
        loaded, report = check_answer_file(FILE, QUESTIONNAIRES, "fuzz.yaml")
        assert loaded is not None, [e.render("en") for e in report.errors]
