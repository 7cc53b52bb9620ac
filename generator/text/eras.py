"""Japanese era (元号) labels for calendar and fiscal years.

Pure functions, standard library only. Labels use half-width digits and write
the first year of an era as 元, e.g. "令和元(2019)年", "令和3(2021)年度".
Dates before 1873-01-01 (the adoption of the Gregorian calendar in Japan) are
out of range and raise ValueError.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import NamedTuple


class Era(NamedTuple):
    """One era: its name in kanji and its first day."""

    name: str
    first_day: date


ERAS: tuple[Era, ...] = (
    # 明治 began by convention on the Gregorian equivalent of the lunisolar
    # new year of 1868; only years from 1873 on are used here.
    Era("明治", date(1868, 1, 25)),
    Era("大正", date(1912, 7, 30)),
    Era("昭和", date(1926, 12, 25)),
    Era("平成", date(1989, 1, 8)),
    Era("令和", date(2019, 5, 1)),
)

#: One-letter codes used in plan tables ("H27", "R01").
ERA_CODES: dict[str, str] = {
    "明治": "M",
    "大正": "T",
    "昭和": "S",
    "平成": "H",
    "令和": "R",
}

#: First day this module handles (Gregorian calendar adopted in Japan).
EARLIEST_DAY = date(1873, 1, 1)

#: Separator of fiscal-year ranges (U+301C WAVE DASH).
RANGE_SEPARATOR = "\u301c"


def _check_day(day: date) -> date:
    """Normalise a datetime to a date and reject days before 1873."""
    if isinstance(day, datetime):
        day = day.date()
    if day < EARLIEST_DAY:
        raise ValueError(
            f"{day.isoformat()} は範囲外です(1873年1月1日以降のみ扱います)"
        )
    return day


def _era_index_on(day: date) -> int:
    """Index in ERAS of the era in force on `day` (already checked)."""
    for index in range(len(ERAS) - 1, -1, -1):
        if day >= ERAS[index].first_day:
            return index
    raise ValueError(f"{day.isoformat()} に該当する元号がありません")


def _era_year_number(era: Era, year: int) -> int:
    """Era year of calendar `year` counted from the era's first calendar year."""
    return year - era.first_day.year + 1


def _number_text(number: int) -> str:
    """Era-year number as written in labels: 1 is 元, others half-width."""
    return "元" if number == 1 else str(number)


def era_on(day: date) -> tuple[str, int]:
    """Era name and era year in force on `day` (ValueError before 1873)."""
    day = _check_day(day)
    era = ERAS[_era_index_on(day)]
    return era.name, _era_year_number(era, day.year)


def era_year_text(year: int, month: int = 10, day: int = 1) -> str:
    """Era year of the given date without the Western year, e.g. "令和2年".

    The default date, 1 October, is the census reference date.
    """
    name, number = era_on(date(year, month, day))
    return f"{name}{_number_text(number)}年"


def year_label(year: int, month: int = 10, day: int = 1) -> str:
    """Calendar year labelled with the era in force on that date.

    E.g. year_label(2020) == "令和2(2020)年", year_label(2019, 4, 1) ==
    "平成31(2019)年". The default date, 1 October, is the census reference date.
    """
    name, number = era_on(date(year, month, day))
    return f"{name}{_number_text(number)}({year})年"


def date_label(year: int, month: int, day: int) -> str:
    """令和元(2019)年12月20日."""
    return f"{year_label(year, month, day)}{month}月{day}日"


def era_date_text(year: int, month: int, day: int) -> str:
    """A date without the Western year, as official notices write it: 令和元年12月20日."""
    return f"{era_year_text(year, month, day)}{month}月{day}日"


def fiscal_year_of(day: date) -> int:
    """Fiscal year (April to March) that `day` falls in."""
    return day.year if day.month >= 4 else day.year - 1


def _fiscal_era(fy: int) -> tuple[Era, int]:
    """Era and era-year number of fiscal year `fy` (see fiscal_year_label)."""
    first = _check_day(date(fy, 4, 1))
    end = date(fy + 1, 4, 1)  # exclusive
    best: Era | None = None
    best_days = -1
    for index, era in enumerate(ERAS):
        start = era.first_day
        stop = ERAS[index + 1].first_day if index + 1 < len(ERAS) else date.max
        overlap = (min(stop, end) - max(start, first)).days
        # ">=": on an exact tie (impossible for the real eras) the later wins.
        if overlap > 0 and overlap >= best_days:
            best, best_days = era, overlap
    assert best is not None
    return best, _era_year_number(best, fy)


def fiscal_year_label(fy: int) -> str:
    """Fiscal year fy (April fy to March fy+1), e.g. "令和3(2021)年度".

    Rule: the fiscal year takes the era in force for the larger part of the
    fiscal year, and is numbered from that era's first calendar year. So
    FY2019 (平成 for April only) is "令和元(2019)年度", the form the government
    used after 2019-05-01, and FY1988 (平成 from 8 January 1989 only) is
    "昭和63(1988)年度".
    """
    era, number = _fiscal_era(fy)
    return f"{era.name}{_number_text(number)}({fy})年度"


def fiscal_year_text(fy: int) -> str:
    """Fiscal year without the Western year, e.g. "令和3年度" (rule as in
    fiscal_year_label)."""
    era, number = _fiscal_era(fy)
    return f"{era.name}{_number_text(number)}年度"


def fiscal_year_short(fy: int) -> str:
    """Short plan-table code of a fiscal year, e.g. "H27", "R01".

    Era letter (M, T, S, H, R) and the era year zero-padded to two digits;
    the era follows the same rule as fiscal_year_label.
    """
    era, number = _fiscal_era(fy)
    return f"{ERA_CODES[era.name]}{number:02d}"


def fiscal_year_range_label(start: int, end: int) -> str:
    """Range of fiscal years, e.g. "令和3(2021)年度〜令和7(2025)年度".

    A range of one year is the single label. ValueError if end < start.
    """
    if end < start:
        raise ValueError(
            f"年度の範囲が逆です(開始 {start} 年度 > 終了 {end} 年度)"
        )
    if start == end:
        return fiscal_year_label(start)
    return f"{fiscal_year_label(start)}{RANGE_SEPARATOR}{fiscal_year_label(end)}"


_ERA_BY_NAME: dict[str, Era] = {era.name: era for era in ERAS}
_ERA_BY_CODE: dict[str, Era] = {ERA_CODES[era.name]: era for era in ERAS}

_ERA_PATTERN = re.compile(
    r"(?P<era>明治|大正|昭和|平成|令和|[MTSHR])\s*"
    r"(?P<number>元|[0-9]+)\s*"
    r"(?:\(\s*(?P<western>[0-9]+)\s*\))?\s*"
    r"(?:年度|年)?",
    re.IGNORECASE,
)


def _last_era_year(index: int) -> int | None:
    """Last era year of ERAS[index], or None for the current era."""
    if index + 1 >= len(ERAS):
        return None
    last_day = ERAS[index + 1].first_day - timedelta(days=1)
    return _era_year_number(ERAS[index], last_day.year)


def parse_era_year(text: str) -> int:
    """Western calendar year of an era year such as "令和3年" or "R03".

    Accepts kanji eras or letter codes (M, T, S, H, R, any case), 元 or
    digits (full-width too), an optional Western year in parentheses (which
    must agree) and an optional 年 or 年度: "令和元年", "令和３年", "H27",
    "令和3(2021)年度". ValueError (Japanese message) for an unknown era, year
    0, a year beyond the era's end (平成32年) or a year before 1873.
    """
    normalised = unicodedata.normalize("NFKC", text).strip()
    match = _ERA_PATTERN.fullmatch(normalised)
    if match is None:
        raise ValueError(
            f"「{text}」を和暦の年として読めません"
            "(例: 令和3年、令和元年、R3、H27)"
        )
    era_text = match["era"]
    era = _ERA_BY_NAME.get(era_text) or _ERA_BY_CODE[era_text.upper()]
    number = 1 if match["number"] == "元" else int(match["number"])
    if number < 1:
        raise ValueError(f"「{text}」: {era.name}0年はありません")
    last = _last_era_year(ERAS.index(era))
    if last is not None and number > last:
        raise ValueError(
            f"「{text}」: {era.name}は{_number_text(last)}年までです"
        )
    year = era.first_day.year + number - 1
    if year < EARLIEST_DAY.year:
        raise ValueError(
            f"「{text}」: {year}年は範囲外です(1873年以降のみ扱います)"
        )
    western = match["western"]
    if western is not None and int(western) != year:
        raise ValueError(
            f"「{text}」: {era.name}{_number_text(number)}年は{year}年です"
            f"({western}年ではありません)"
        )
    return year
