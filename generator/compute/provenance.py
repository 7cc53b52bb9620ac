"""How far a published value can be trusted: the status of a value, and of what is computed from values.

One vocabulary for every download, table and badge, so a reader learns it once:

- a value taken from a source has the status of its data: 確定 (the original's final figure), 速報 (the original's
  preliminary figure), 未確認 (copied from a secondary source, not yet checked against the original) or 見本 (a sample);
- a value computed from others (a projection, a sum, a rate) inherits the weakest status of its inputs and says that it
  was computed: 算出（確定値から）, 算出（速報値を含む）, 算出（未確認の値を含む）, 算出（見本を含む）.
"""

from __future__ import annotations

from collections.abc import Iterable

# From the most to the least trustworthy: the weakest input decides what a computed value may claim.
CONFIRMED, PRELIMINARY, UNCHECKED, SAMPLE = "確定", "速報", "未確認", "見本"
SOURCE_STATUSES = (CONFIRMED, PRELIMINARY, UNCHECKED, SAMPLE)
DERIVED_STATUSES = {
    CONFIRMED: "算出（確定値から）",
    PRELIMINARY: "算出（速報値を含む）",
    UNCHECKED: "算出（未確認の値を含む）",
    SAMPLE: "算出（見本を含む）",
}
STATUSES = SOURCE_STATUSES + tuple(DERIVED_STATUSES.values())
# What each status means, for data descriptions (datapackage.json, データ一覧) and the planners' reference.
MEANINGS = {
    CONFIRMED: "原典（国・市の統計など）の確定値",
    PRELIMINARY: "原典の速報値（後で確定値に置き換わることがあります）",
    UNCHECKED: "二次資料から写した値で、原典ではまだ確かめていません",
    SAMPLE: "見本の値です（実際の値ではありません）",
    DERIVED_STATUSES[CONFIRMED]: "確定値だけから計算した値",
    DERIVED_STATUSES[PRELIMINARY]: "速報値を含む値から計算した値",
    DERIVED_STATUSES[UNCHECKED]: "原典で未確認の値を含む値から計算した値",
    DERIVED_STATUSES[SAMPLE]: "見本の値を含む値から計算した値（実際の値ではありません）",
}
_DATA_WORDS = {"sample": SAMPLE}  # the data files' word for a sample row (status: sample)
_BASE = {derived: base for base, derived in DERIVED_STATUSES.items()}


def status_of(status: str | None = None, sample: bool = False, needs_check: bool = False) -> str:
    """The status of one value from its data: the row's `status` word and/or its `sample: true` flag.

    A value with neither is 確定: the data files say otherwise explicitly (速報, 未確認, sample). A 確定 or 速報 value
    whose source is still to be checked against the original (`needs_check: true`) is 未確認.
    """
    if sample:
        return SAMPLE
    if status is None:
        return UNCHECKED if needs_check else CONFIRMED
    word = _DATA_WORDS.get(status, status)
    if word not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    return UNCHECKED if needs_check and word in (CONFIRMED, PRELIMINARY) else word


def base_status(status: str) -> str:
    """The source status behind a status: 算出（見本を含む） → 見本; a source status is itself."""
    return _BASE.get(status, status)


def weakest(statuses: Iterable[str]) -> str:
    """The least trustworthy of these statuses (computed ones count as their base); 確定 when there are none."""
    ranks = [SOURCE_STATUSES.index(base_status(status_of(s))) for s in statuses]
    return SOURCE_STATUSES[max(ranks, default=0)]


def derived(statuses: Iterable[str]) -> str:
    """The status of a value computed from values with these statuses."""
    return DERIVED_STATUSES[weakest(statuses)]


def is_sample(status: str) -> bool:
    """Whether a value with this status is, or is computed from, a sample."""
    return base_status(status) == SAMPLE
