"""Tests for generator.eras: era labels of calendar and fiscal years."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.text.eras import (
    ERAS,
    era_date_text,
    era_on,
    era_year_text,
    fiscal_year_label,
    fiscal_year_of,
    fiscal_year_range_label,
    fiscal_year_short,
    fiscal_year_text,
    parse_era_year,
    year_label,
)

# --- ERAS ------------------------------------------------------------------


def test_eras_table() -> None:
    assert [(e.name, e.first_day) for e in ERAS] == [
        ("明治", date(1868, 1, 25)),
        ("大正", date(1912, 7, 30)),
        ("昭和", date(1926, 12, 25)),
        ("平成", date(1989, 1, 8)),
        ("令和", date(2019, 5, 1)),
    ]
    # Records unpack as (name, first day).
    name, first_day = ERAS[-1]
    assert (name, first_day) == ("令和", date(2019, 5, 1))


# --- era_on and era boundaries ----------------------------------------------

BOUNDARIES = [
    # (day before, era and year on it, first day, era and year on it)
    (date(1912, 7, 29), ("明治", 45), date(1912, 7, 30), ("大正", 1)),
    (date(1926, 12, 24), ("大正", 15), date(1926, 12, 25), ("昭和", 1)),
    (date(1989, 1, 7), ("昭和", 64), date(1989, 1, 8), ("平成", 1)),
    (date(2019, 4, 30), ("平成", 31), date(2019, 5, 1), ("令和", 1)),
]


@pytest.mark.parametrize(("before", "old", "first", "new"), BOUNDARIES)
def test_era_boundaries(before, old, first, new) -> None:
    assert first - before == timedelta(days=1)
    assert era_on(before) == old
    assert era_on(first) == new


def test_era_on_earliest_days() -> None:
    assert era_on(date(1873, 1, 1)) == ("明治", 6)
    with pytest.raises(ValueError):
        era_on(date(1872, 12, 31))
    with pytest.raises(ValueError):
        era_on(date(1868, 1, 25))


def test_era_on_accepts_datetime() -> None:
    assert era_on(datetime(2019, 5, 1, 0, 0)) == ("令和", 1)
    assert era_on(datetime(2019, 4, 30, 23, 59)) == ("平成", 31)


@pytest.mark.parametrize(("before", "old", "first", "new"), BOUNDARIES)
def test_year_label_boundaries(before, old, first, new) -> None:
    y = first.year
    old_num = "元" if old[1] == 1 else str(old[1])
    new_num = "元" if new[1] == 1 else str(new[1])
    assert year_label(y, before.month, before.day) == f"{old[0]}{old_num}({y})年"
    assert year_label(y, first.month, first.day) == f"{new[0]}{new_num}({y})年"
    assert era_year_text(y, before.month, before.day) == f"{old[0]}{old_num}年"
    assert era_year_text(y, first.month, first.day) == f"{new[0]}{new_num}年"


# --- year_label / era_year_text ---------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((2020,), "令和2(2020)年"),
        ((2019,), "令和元(2019)年"),
        ((2019, 4, 1), "平成31(2019)年"),
        ((1989, 1, 7), "昭和64(1989)年"),
        ((1926,), "大正15(1926)年"),
        ((1926, 12, 25), "昭和元(1926)年"),
        ((1873, 1, 1), "明治6(1873)年"),
        ((2015,), "平成27(2015)年"),
    ],
)
def test_year_label(args, expected) -> None:
    assert year_label(*args) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((2020,), "令和2年"),
        ((2019,), "令和元年"),
        ((2019, 4, 1), "平成31年"),
        ((1989, 1, 7), "昭和64年"),
        ((1926, 12, 25), "昭和元年"),
    ],
)
def test_era_year_text(args, expected) -> None:
    assert era_year_text(*args) == expected


def test_year_label_errors() -> None:
    with pytest.raises(ValueError):
        year_label(1872)
    with pytest.raises(ValueError):
        era_year_text(1872, 12, 31)
    with pytest.raises(ValueError):
        year_label(2021, 2, 29)  # not a date


# --- fiscal years -----------------------------------------------------------


@pytest.mark.parametrize(
    ("fy", "label", "text", "short"),
    [
        (2021, "令和3(2021)年度", "令和3年度", "R03"),
        (2019, "令和元(2019)年度", "令和元年度", "R01"),
        (2018, "平成30(2018)年度", "平成30年度", "H30"),
        (1988, "昭和63(1988)年度", "昭和63年度", "S63"),
        (1989, "平成元(1989)年度", "平成元年度", "H01"),
        (1926, "大正15(1926)年度", "大正15年度", "T15"),
        (1927, "昭和2(1927)年度", "昭和2年度", "S02"),
        (1912, "大正元(1912)年度", "大正元年度", "T01"),
        (1911, "明治44(1911)年度", "明治44年度", "M44"),
        (1873, "明治6(1873)年度", "明治6年度", "M06"),
        (2015, "平成27(2015)年度", "平成27年度", "H27"),
        (2025, "令和7(2025)年度", "令和7年度", "R07"),
    ],
)
def test_fiscal_year(fy, label, text, short) -> None:
    assert fiscal_year_label(fy) == label
    assert fiscal_year_text(fy) == text
    assert fiscal_year_short(fy) == short


def test_fiscal_year_errors() -> None:
    for func in (fiscal_year_label, fiscal_year_text, fiscal_year_short):
        with pytest.raises(ValueError):
            func(1872)


def test_fiscal_year_range_label() -> None:
    assert (
        fiscal_year_range_label(2021, 2025)
        == "令和3(2021)年度\u301c令和7(2025)年度"
    )
    assert (
        fiscal_year_range_label(2015, 2019)
        == "平成27(2015)年度\u301c令和元(2019)年度"
    )
    assert fiscal_year_range_label(2021, 2021) == "令和3(2021)年度"
    with pytest.raises(ValueError):
        fiscal_year_range_label(2025, 2021)


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (date(2022, 3, 31), 2021),
        (date(2022, 4, 1), 2022),
        (date(2022, 1, 1), 2021),
        (date(2021, 12, 31), 2021),
        (date(2019, 4, 30), 2019),
        (date(2019, 5, 1), 2019),
        (date(1989, 1, 7), 1988),
        (date(1989, 1, 8), 1988),
    ],
)
def test_fiscal_year_of(day, fy) -> None:
    assert fiscal_year_of(day) == fy


# --- parse_era_year ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("令和3年", 2021),
        ("令和元年", 2019),
        ("R3", 2021),
        ("R03", 2021),
        ("r3", 2021),
        ("H27", 2015),
        ("平成31年", 2019),
        ("令和３年", 2021),
        ("Ｒ０３", 2021),
        ("令和3年度", 2021),
        ("令和3(2021)年", 2021),
        ("令和元(2019)年度", 2019),
        (" 平成元年 ", 1989),
        ("昭和64年", 1989),
        ("大正15年", 1926),
        ("明治45年", 1912),
        ("明治6年", 1873),
        ("S63", 1988),
        ("T01", 1912),
        ("M45", 1912),
    ],
)
def test_parse_era_year(text, year) -> None:
    assert parse_era_year(text) == year


@pytest.mark.parametrize(
    "text",
    [
        "平成32年",  # 平成 ended in its 31st year
        "昭和65年",
        "大正16年",
        "明治46年",
        "H32",
        "令和0年",
        "R00",
        "慶応3年",  # unknown era
        "X3",
        "令和",
        "2021年",
        "",
        "明治5年",  # before 1873
        "令和3(2020)年",  # Western year disagrees
    ],
)
def test_parse_era_year_errors(text) -> None:
    with pytest.raises(ValueError) as info:
        parse_era_year(text)
    # Messages are in Japanese for planners.
    assert any("\u3040" <= ch <= "\u9fff" for ch in str(info.value))


# --- properties -------------------------------------------------------------

DAYS = st.dates(min_value=date(1873, 1, 1), max_value=date(2100, 12, 31))


@given(DAYS)
def test_era_year_text_round_trips(day: date) -> None:
    assert parse_era_year(era_year_text(day.year, day.month, day.day)) == day.year
    assert parse_era_year(year_label(day.year, day.month, day.day)) == day.year


@given(DAYS)
def test_fiscal_year_of_follows_april_rule(day: date) -> None:
    fy = fiscal_year_of(day)
    assert date(fy, 4, 1) <= day <= date(fy + 1, 3, 31)


@given(st.integers(min_value=1873, max_value=2100))
def test_fiscal_year_text_round_trips(fy: int) -> None:
    assert parse_era_year(fiscal_year_text(fy)) == fy
    assert parse_era_year(fiscal_year_label(fy)) == fy
    assert parse_era_year(fiscal_year_short(fy)) == fy


def test_era_date_text_omits_the_western_year():
    assert era_date_text(2024, 11, 20) == "令和6年11月20日"
    assert era_date_text(2019, 5, 1) == "令和元年5月1日"
    assert era_date_text(2019, 4, 30) == "平成31年4月30日"
