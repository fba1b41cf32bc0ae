"""Reading written numbers: each case is (written form, value)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalise import numeral_value
from pipeline.numerals import parse_number

CASES = [
    ("7", 7),
    ("2000", 2000),
    ("3.8", 3.8),
    ("4.0", 4),
    ("0.5", 0.5),
    ("2 000", 2000),
    ("2\n000", 2000),
    ("2\u3000000", 2000),
    ("2,000", 2000),
    ("１２", 12),
    ("３．５万", 35000),
    ("２\u3000０００", 2000),
    ("3.3万", 33000),
    ("1.2亿", 120000000),
    ("1.2亿元", 120000000),
    ("5.5万人", 55000),
    ("2千", 2000),
    ("3万5千", 35000),
    ("十", 10),
    ("十二", 12),
    ("二十", 20),
    ("三十场", 30),
    ("两千", 2000),
    ("两千人次", 2000),
    ("一千二百", 1200),
    ("一千二百个以上", 1200),
    ("一万二千", 12000),
    ("十二万三千四百五十六", 123456),
    ("一亿二千万", 120000000),
    ("一万余", 10000),
    ("三万余盒", 30000),
    ("八千人", 8000),
    ("五千人次以上", 5000),
    ("千名", 1000),
    ("万元以上", 10000),
    ("万人次", 10000),
    ("百分之九十", 90),
    ("百分之百", 100),
    ("百分之九十五", 95),
    ("百分之60", 60),
    ("三点五", 3.5),
    ("零", 0),
    ("〇", 0),
    ("二〇二四", 2024),
    ("一次", 1),
    ("两", 2),
]


@pytest.mark.parametrize(("written", "value"), CASES)
def test_parse_number(written: str, value: int | float) -> None:
    got = parse_number(written)
    assert got == value
    assert type(got) is type(value), f"{written!r} gave {got!r}; whole values must be ints"


def test_decimal_multiplier_is_exact() -> None:
    assert parse_number("3.3万") == 33000 and isinstance(parse_number("3.3万"), int)
    assert parse_number("0.3万") == 3000


@pytest.mark.parametrize("bad", ["", "人", "元", "%", "点", "个百分点", "abc", "——"])
def test_not_a_number(bad: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_number(bad)


@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_round_trip(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@given(st.text(max_size=20))
def test_any_string_reads_or_raises_value_error(s: str) -> None:
    try:
        value = parse_number(s)
    except ValueError:
        return
    assert isinstance(value, int | float)


TOO_LARGE = ["9" * 4400, "一二三四五六七" * 500, "亿" * 20, "1亿亿亿", "9" * 19, "十万亿亿"]


@pytest.mark.parametrize("written", TOO_LARGE)
def test_no_quantity_is_too_large_to_write(written: str) -> None:
    with pytest.raises(ValueError, match="not a"):
        parse_number(written)


def test_the_largest_value_stays_exact() -> None:
    assert parse_number("9" * 18) == 10**18 - 1


@given(st.text(alphabet="0123456789,.点十百千万亿零一二两三四五六七八九 \n", max_size=80))
def test_numeral_soup_reads_or_raises_value_error(s: str) -> None:
    try:
        value = parse_number(s)
    except ValueError:
        return
    assert isinstance(value, int | float) and abs(value) < 10**18


SMALL_NUMERALS = [("十二", 12), ("３", 3), ("②", 2), ("二十", 20), ("九十九", 99), ("十", 10), ("五", 5),
                  ("十四五", None), ("十十", None), ("一二", None), ("²", None), ("⑴", 1), ("⒈", 1), ("㈡", 2), ("❸", 3), ("Ⅳ", 4), ("ⅻ", 12), ("1" * 40, None), ("", None)]


@pytest.mark.parametrize(("written", "value"), SMALL_NUMERALS)
def test_numeral_value(written: str, value: int | None) -> None:
    assert numeral_value(written) == value
