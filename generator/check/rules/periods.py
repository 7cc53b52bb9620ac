"""Rules of the earlier periods (strategy/periods/<id>.yml) against the current strategy."""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.rules.finding import Finding
from generator.model.periods import PastPeriod
from generator.model.strategy import CityStrategy


def period_files(periods: dict[str, PastPeriod], strategy: CityStrategy) -> Iterator[Finding]:
    """Each earlier period is named like its file, ends before the current one and overlaps no other."""
    seen: list[tuple[str, PastPeriod]] = []
    for file, period in sorted(periods.items(), key=lambda item: item[1].start_fy):
        stem = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if period.id != stem:
            yield Finding(file, ("id",), f"id「{period.id}」がファイル名「{stem}」と違います。", f"id を {stem} にしてください。", code="E-ID-FILE-NAME")
        if period.end_fy >= strategy.start_fy:
            yield Finding(file, ("end_fy",), f"前の期間が今の計画期間（{strategy.start_fy}年度から）と重なっています。",
                          "今の期間は strategy/strategy.yml に書き、ここには終わった期間だけを書きます。", code="E-PERIOD-OVERLAP")
        for other_file, other in seen:
            if period.start_fy <= other.end_fy:
                yield Finding(file, ("start_fy",), f"期間が {other_file} の期間（{other.start_fy}〜{other.end_fy}年度）と重なっています。",
                              code="E-PERIOD-OVERLAP")
        seen.append((file, period))


def covering_period(year: int, strategy: CityStrategy, periods: dict[str, PastPeriod]) -> bool:
    """Whether a fiscal year lies in the current period or an earlier one."""
    return strategy.start_fy <= year <= strategy.end_fy or any(p.start_fy <= year <= p.end_fy for p in periods.values())
