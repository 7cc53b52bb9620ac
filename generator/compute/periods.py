"""Earlier periods: whether each indicator's final result met its target (numbers only)."""

from __future__ import annotations

from generator.model.periods import PastIndicator


def final_reached(indicator: PastIndicator) -> bool | None:
    """True or False when the published final result can be set against the target, else None."""
    target = indicator.target_value
    if indicator.result is None or target is None:
        return None
    value = indicator.result.value
    return value >= target if indicator.better == "higher" else value <= target
