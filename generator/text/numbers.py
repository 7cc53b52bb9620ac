"""Numbers as Japanese documents print them."""

from __future__ import annotations


def format_number(value: float | int | None, digits: int = 0) -> str:
    """Japanese number style: thousands separators, fixed decimals, "−" for negatives."""
    if value is None:
        return "－"
    text = f"{abs(value):,.{digits}f}"
    return f"−{text}" if value < 0 else text
