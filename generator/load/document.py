"""A loaded file: plain data plus the line and column of every value and key."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """One YAML file as plain data plus where each value stands in the text."""

    name: str  # path as the planner sees it, e.g. strategy/policy.yml
    data: Any
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
        """1-based (line, column) of a value, or of its nearest located parent."""
        marks = self.key_marks if key else self.value_marks
        probe = tuple(path)
        while True:
            if probe in marks:
                return marks[probe]
            if not key and probe in self.key_marks:
                return self.key_marks[probe]
            if not probe:
                return (None, None)
            probe = probe[:-1]


def format_path(path: Path_) -> str:
    """`sections[2].title` style, the way the planners' reference names fields."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
