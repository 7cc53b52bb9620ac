"""The preview's memory: results of pure calculations kept from one generation to the next, by their inputs' content.

`python -m generator serve` generates the whole site again at every save, and a one-value edit changes few of its
inputs: a file read and checked, the population projection, a chart's finished HTML or a table's CSV are the same as
at the last save. Calculations that take most of that time ask `remembered(kind, key, make)`: within
`remembering(memory)` (the preview's generations only, site/preview_generation.py) a result made for the same key is
given back, elsewhere `make()` runs every time — `build`, `validate` and every other command never use it.

A key is the inputs' whole content (a file's bytes, the `repr` of frozen values, which tells 1 from 1.0 and
True), never a name or a time, so a remembered result is the one `make()` would give. Results must not be changed by
whoever receives them (frozen models and dataclasses, bytes, text). After each generation the memory keeps only what
that generation used (`next_generation`), so it does not grow while a preview runs for hours.

Here, in the lowest layer, so that every stage can use it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")


class Memory:
    """Results by (kind, key): those of the running generation and those of the one before."""

    def __init__(self) -> None:
        self.current: dict[tuple[str, Hashable], object] = {}
        self.previous: dict[tuple[str, Hashable], object] = {}

    def recall(self, kind: str, key: Hashable, make: Callable[[], T], keep: Callable[[T], bool] | None = None) -> T:
        entry = (kind, key)
        if entry in self.current:
            return self.current[entry]  # type: ignore[return-value]  # stored by make() of the same kind
        if entry in self.previous:
            value = self.current[entry] = self.previous.pop(entry)
            return value  # type: ignore[return-value]
        made = make()
        if keep is None or keep(made):
            self.current[entry] = made
        return made

    def next_generation(self) -> None:
        """Forget what the last generation did not use."""
        self.previous, self.current = self.current, {}


_ACTIVE: ContextVar[Memory | None] = ContextVar("generator_memory", default=None)


def remembered(kind: str, key: Callable[[], Hashable], make: Callable[[], T], keep: Callable[[T], bool] | None = None) -> T:
    """`make()`, or its result for the same key in the preview's memory (`key` is called only when one is active);
    with `keep`, a result is remembered only when it says so (e.g. the file did not change while it was read)."""
    memory = _ACTIVE.get()
    if memory is None:
        return make()
    return memory.recall(kind, key(), make, keep)


def active() -> bool:
    """Whether a memory is in use here (a preview's generation)."""
    return _ACTIVE.get() is not None


@contextmanager
def remembering(memory: Memory) -> Iterator[Memory]:
    """Calculations in this block (of this thread) use `memory`."""
    token = _ACTIVE.set(memory)
    try:
        yield memory
    finally:
        _ACTIVE.reset(token)
