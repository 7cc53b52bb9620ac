"""JSON records the generator writes (frozen reviews), read strictly and with locations.

The data comes from `json.loads` (strict JSON: no comments, no trailing commas);
the line and column of every value from composing the same text as YAML, of
which JSON is a subset, so a wrong value is located like in a planner's file.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.load.decode import read_text
from generator.load.document import Document
from generator.load.yamlio import load_text
from generator.problems import Problem

DUPLICATE_KEY = "E-YAML-KEY-DUPLICATE"  # JSON is YAML: the same kind of problem
_REMAKE = "このファイルは生成器が書きます。手で直した箇所を元に戻すか、git で前の版に戻してください。"


class _DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise _DuplicateKey(key)
    return dict(pairs)


def _no_constant(word: str) -> float:
    raise _NotJson(word)


class _NotJson(ValueError):
    pass


def load_json_text(text: str, name: str) -> tuple[Document | None, list[Problem]]:
    """Parse JSON text; the document (None if unreadable) and the problems."""
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        return None, [Problem(name, exc.lineno, exc.colno, "", f"JSON として読めません（{exc.msg}）。", _REMAKE, code="E-JSON-SYNTAX")]
    except _DuplicateKey as exc:
        _, read_problems = load_text(text, name)  # the YAML reader locates the second key
        duplicates = [problem for problem in read_problems if problem.code == DUPLICATE_KEY]
        return None, duplicates or [Problem(name, None, None, str(exc), f"項目「{exc}」が2回書かれています。", _REMAKE, code=DUPLICATE_KEY)]
    except _NotJson as exc:
        return None, [Problem(name, None, None, "", f"JSON として読めません（{exc} は JSON の値ではありません）。", _REMAKE, code="E-JSON-SYNTAX")]
    except RecursionError:
        return None, [Problem(name, None, None, "", "JSON の入れ子が深すぎて読めません。", _REMAKE, code="E-JSON-SYNTAX")]
    located, _ = load_text(text, name)  # only for the locations: the data is the JSON's
    if located is None:  # e.g. tabs, which JSON allows and YAML does not: no locations then
        return Document(name, data), []
    return Document(name, data, located.value_marks, located.key_marks), []


def load_json(path: Path, name: str) -> tuple[Document | None, list[Problem]]:
    """Read a JSON file as UTF-8 and parse it; never raises on bad input."""
    text, problems = read_text(path, name)
    if text is None:
        return None, problems
    return load_json_text(text, name)
