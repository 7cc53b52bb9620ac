"""The preview's memory (text/memo.py): a result is given back only for the same content, only where a preview
turned the memory on, and only as long as a generation used it."""

from __future__ import annotations

from generator.text.memo import Memory, active, remembered, remembering


def counting() -> tuple[list[int], object]:
    calls: list[int] = []

    def make(value: object):  # noqa: ANN202
        def made() -> object:
            calls.append(1)
            return ("made", value)
        return made

    return calls, make


def test_without_a_memory_every_call_computes():
    calls, make = counting()
    assert not active()
    assert remembered("kind", lambda: "key", make(1)) == ("made", 1)
    assert remembered("kind", lambda: "key", make(1)) == ("made", 1)
    assert len(calls) == 2


def test_the_same_content_is_made_once_and_other_content_again():
    calls, make = counting()
    with remembering(Memory()):
        assert active()
        first = remembered("kind", lambda: repr((1, "a")), make(1))
        assert remembered("kind", lambda: repr((1, "a")), make(1)) is first
        assert len(calls) == 1
        assert remembered("kind", lambda: repr((1.0, "a")), make(1.0)) == ("made", 1.0)  # 1 == 1.0, but not the same content
        assert remembered("other kind", lambda: repr((1, "a")), make(2)) == ("made", 2)
    assert len(calls) == 3
    assert not active()


def test_what_a_generation_did_not_use_is_forgotten_after_the_next():
    calls, make = counting()
    memory = Memory()
    with remembering(memory):
        remembered("kind", lambda: "used", make("used"))
        remembered("kind", lambda: "once", make("once"))
    memory.next_generation()
    with remembering(memory):
        remembered("kind", lambda: "used", make("used"))  # remembered from the generation before
    assert len(calls) == 2
    memory.next_generation()
    with remembering(memory):
        remembered("kind", lambda: "used", make("used"))
        remembered("kind", lambda: "once", make("once"))  # not used by the last generation: made again
    assert len(calls) == 3


def test_a_result_refused_by_keep_is_not_remembered():
    calls, make = counting()
    with remembering(Memory()):
        remembered("kind", lambda: "key", make(1), keep=lambda _: False)
        remembered("kind", lambda: "key", make(1), keep=lambda _: True)
        remembered("kind", lambda: "key", make(1))
    assert len(calls) == 2
