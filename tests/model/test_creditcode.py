"""Unified social credit code validation (GB 32100-2015)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qmself.model.creditcode import ALPHABET, check_character, credit_code_problem


@pytest.mark.parametrize(
    "code",
    [
        "91510100MA6C5T2K3G",
        "91110108MA01ABCD1E",
        # computed by hand: weights 1,3,9,27,… over the 17 values, 31 - sum mod 31
        "91350100M000100Y43",
    ],
)
def test_valid_codes(code: str) -> None:
    assert credit_code_problem(code) is None


def test_hand_computed_check_character() -> None:
    # By hand: M = 21, Y = 30 in the 31-character alphabet;
    # 9*1 + 1*3 + 3*9 + 5*27 + 0*19 + 1*26 + 0*16 + 0*17 + 21*20 + 0*29 + 0*25 + 0*13
    #   + 1*8 + 0*24 + 0*10 + 30*30 + 4*28 = 1640; 1640 mod 31 = 28; 31 - 28 = 3.
    first17 = "91350100M000100Y4"
    values = [ALPHABET.index(c) for c in first17]
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    assert sum(v * w for v, w in zip(values, weights, strict=True)) == 1640
    assert check_character(first17) == "3"


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("91510100MA6C5T2K3", "18 characters"),
        ("91510100MA6C5T2K3GX", "18 characters"),
        ("91510100MA6C5T2K3X", "should be 'G'"),
        ("91510100MA6C5T2KIG", "'I' is not allowed"),
        ("91510100ma6c5t2k3g", "'m' is not allowed"),
    ],
)
def test_invalid_codes(code: str, fragment: str) -> None:
    problem = credit_code_problem(code)
    assert problem is not None
    assert fragment in problem[1]
    assert problem[0]  # a Chinese message too


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17))
def test_any_code_with_its_check_character_is_valid(first17: str) -> None:
    code = first17 + check_character(first17)
    assert credit_code_problem(code) is None
    wrong = next(c for c in ALPHABET if c != code[-1])
    assert credit_code_problem(first17 + wrong) is not None
