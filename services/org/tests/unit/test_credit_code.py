"""Unified social credit code (统一社会信用代码, GB 32100-2015)."""

from __future__ import annotations

import pytest

from org.domain import (
    CREDIT_CODE_ALPHABET,
    InvalidCreditCode,
    credit_code_check_character,
    normalize_credit_code,
)


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",  # the example commonly cited for the standard
        "91370112MA3C00000T",  # check worked by hand: sum 1245, 1245 % 31 = 5, 31 - 5 = 26 → T
        "91370112MA3C0000C0",  # remainder 0 maps to check character 0
        "12370100004900000Y",  # check value 30, the last character of the alphabet
    ],
)
def test_valid_credit_codes_are_accepted(code: str) -> None:
    assert normalize_credit_code(code) == code


def test_the_check_character_is_computed_over_the_first_seventeen() -> None:
    assert credit_code_check_character("91350100M000100Y4") == "3"
    assert credit_code_check_character("91370112MA3C00000") == "T"


def test_credit_code_is_trimmed_and_upper_cased() -> None:
    assert normalize_credit_code("  91350100m000100y43 ") == "91350100M000100Y43"


def test_the_alphabet_leaves_out_i_o_z_s_v() -> None:
    assert len(CREDIT_CODE_ALPHABET) == 31
    assert not set("IOZSV") & set(CREDIT_CODE_ALPHABET)


def test_credit_code_with_wrong_check_character_is_refused() -> None:
    with pytest.raises(InvalidCreditCode) as refused:
        normalize_credit_code("91350100M000100Y44")
    assert refused.value.code == "INVALID_CREDIT_CODE"
    assert refused.value.message == (
        "Credit code 91350100M000100Y44 has the wrong check character '4': expected '3'"
    )
    assert refused.value.details == {"expected": "3"}


@pytest.mark.parametrize("code", ["91350100M000100Y4", "91350100M000100Y433", ""])
def test_credit_code_of_the_wrong_length_is_refused(code: str) -> None:
    with pytest.raises(InvalidCreditCode) as refused:
        normalize_credit_code(code)
    assert f"has {len(code)}" in refused.value.message
    assert "18 characters" in refused.value.message


def test_credit_code_with_a_forbidden_letter_says_where_it_is() -> None:
    with pytest.raises(InvalidCreditCode) as refused:
        normalize_credit_code("91350100M0001OOY43")
    assert refused.value.message.startswith("Character 'O' at position 14 ")
    assert refused.value.details == {"position": 14}


def test_credit_code_with_a_space_inside_is_refused() -> None:
    with pytest.raises(InvalidCreditCode) as refused:
        normalize_credit_code("91350100M000 00Y43")
    assert refused.value.details == {"position": 13}


def test_a_credit_code_must_be_text() -> None:
    with pytest.raises(InvalidCreditCode):
        normalize_credit_code(91350100)
