"""Careful edits of a YAML text at located nodes: a value replaced, a key added or removed, a list item inserted
or removed. Everything not edited — comments, order, quoting, blank lines, a BOM — stays byte for byte.

Used where a command writes into files planners also edit (the Excel import writes actuals into
kpis/<id>.yml). Each edit re-reads the text, so positions are always those of the current text;
the caller checks the result by reading it back (`yamlio.load_text`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import yaml

from generator.load.document import Path_
from generator.load.yamlio import load_text


class EditError(ValueError):
    """The text has no node where the edit was asked for (a programming error, not a planner's)."""


def _compose(text: str) -> yaml.Node:
    node = yaml.compose(text, Loader=yaml.SafeLoader)  # the pure-Python loader: marks carry character indexes
    if node is None:
        raise EditError("empty document")
    return node


def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        return next((value for key, value in node.value if key.value == part), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


def _flow(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) or (isinstance(node, yaml.CollectionNode) and bool(node.flow_style))


def span(text: str, node: yaml.Node) -> tuple[int, int]:
    """Where a node's own text starts and ends (a block collection ends with its last value, before comments)."""
    start = node.start_mark.index
    if _flow(node) or not node.value:
        end = node.end_mark.index
        return start, start + len(text[start:end].rstrip())
    last = node.value[-1]
    return start, span(text, last[1] if isinstance(node, yaml.MappingNode) else last)[1]


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """The index of the newline ending the line of `index` (the text's length on the last line)."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def scalar_text(value: object) -> str:
    """A value as YAML text that this project's reader gives back unchanged: numbers as they are, text plain
    when plain text reads as the same text, else in JSON quotes (which YAML reads as they are)."""
    if isinstance(value, bool) or value is None:
        raise EditError(f"not a scalar for the data: {value!r}")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    document, problems = load_text("{k: " + text + "}", "")
    if not problems and document is not None and document.data == {"k": text} and "\n" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def flow_mapping(items: Sequence[tuple[str, str]]) -> str:
    """{key: value, …} from keys and value texts."""
    return "{" + ", ".join(f"{key}: {value}" for key, value in items) + "}"


class YamlText:
    """A YAML text being edited; `text` is the current text."""

    def __init__(self, text: str):
        self.text = text

    def node(self, path: Path_) -> yaml.Node | None:
        node: yaml.Node | None = _compose(self.text)
        for part in path:
            node = _child(node, part) if node is not None else None
        return node

    def _need(self, path: Path_) -> yaml.Node:
        node = self.node(path)
        if node is None:
            raise EditError(f"no node at {path!r}")
        return node

    def _splice(self, start: int, end: int, new: str) -> None:
        self.text = self.text[:start] + new + self.text[end:]

    def replace(self, path: Path_, value_text: str) -> None:
        """The value at `path` replaced by `value_text` (a block collection's lines by one flow value after its key)."""
        node = self._need(path)
        start, end = span(self.text, node)
        if not _flow(node) and self._under_block_key(path):  # the lines of a block value go: "key: {…}"
            start, value_text = self._after_colon(path), " " + value_text
        self._splice(start, end, value_text)

    def set_key(self, path: Path_, key: str, value_text: str) -> None:
        """`key: value_text` in the mapping at `path`: replaced where the key is, else added after its last key."""
        mapping = self._need(path)
        if _child(mapping, key) is not None:
            self.replace((*path, key), value_text)
        elif _flow(mapping):
            self._rebuild_flow_mapping(path, {key: value_text})
        elif not mapping.value:
            raise EditError(f"empty block mapping at {path!r}")
        else:
            first_key = mapping.value[0][0]
            at = _line_end(self.text, span(self.text, mapping)[1])
            self._splice(at, at, "\n" + " " * first_key.start_mark.column + f"{key}: {value_text}")

    def remove_key(self, path: Path_, key: str) -> None:
        mapping = self._need(path)
        if _child(mapping, key) is None:
            return
        if _flow(mapping):
            self._rebuild_flow_mapping(path, {key: None})
            return
        key_node, value = next((k, v) for k, v in mapping.value if k.value == key)
        start, end = _line_start(self.text, key_node.start_mark.index), _line_end(self.text, span(self.text, value)[1])
        self._splice(start, min(end + 1, len(self.text)), "")

    def _rebuild_flow_mapping(self, path: Path_, changes: dict[str, str | None]) -> None:
        """A flow mapping written again from its keys' own texts, with `changes` (None removes a key)."""
        mapping = self._need(path)
        texts = [(key.value, self.text[slice(*span(self.text, value))]) for key, value in mapping.value]
        merged = [(key, changes.get(key, text)) for key, text in texts]
        items = [(key, text) for key, text in merged if text is not None]
        items += [(key, text) for key, text in changes.items() if text is not None and key not in dict(items)]
        self.replace(path, flow_mapping(items))

    def insert_item(self, path: Path_, index: int, item_text: str) -> None:
        """`item_text` (one line) as item `index` of the list at `path` (its length: at the end)."""
        sequence = self._need(path)
        if not isinstance(sequence, yaml.SequenceNode):
            raise EditError(f"no list at {path!r}")
        items = [self.text[slice(*span(self.text, item))] for item in sequence.value]
        if not items and self._under_block_key(path):  # "actuals: []" becomes a block list under its key
            pad = " " * (self._need(path[:-1]).value[0][0].start_mark.column + 2)
            self._splice(self._after_colon(path), span(self.text, sequence)[1], f"\n{pad}- {item_text}")
        elif _flow(sequence) or not items:
            items.insert(index, item_text)
            self.replace(path, "[" + ", ".join(items) + "]")
        elif index < len(items):
            at = _line_start(self.text, sequence.value[index].start_mark.index)
            self._splice(at, at, " " * sequence.start_mark.column + f"- {item_text}\n")
        else:
            at = _line_end(self.text, span(self.text, sequence)[1])
            self._splice(at, at, "\n" + " " * sequence.start_mark.column + f"- {item_text}")

    def _under_block_key(self, path: Path_) -> bool:
        return bool(path) and isinstance(path[-1], str) and not _flow(self._need(path[:-1]))

    def _after_colon(self, path: Path_) -> int:
        """Just after the ":" of the key at `path` (in a block mapping)."""
        key = next(key for key, _ in self._need(path[:-1]).value if key.value == path[-1])
        return self.text.index(":", key.end_mark.index) + 1

    def remove_item(self, path: Path_, index: int) -> None:
        sequence = self._need(path)
        items = [self.text[slice(*span(self.text, item))] for item in sequence.value]
        del items[index]
        if not items and self._under_block_key(path):  # the last item gone: "actuals: []"
            self._splice(self._after_colon(path), span(self.text, sequence)[1], " []")
        elif _flow(sequence) or not items:
            self.replace(path, "[" + ", ".join(items) + "]")
        else:
            item = sequence.value[index]
            start = _line_start(self.text, item.start_mark.index)
            end = _line_end(self.text, span(self.text, item)[1])
            self._splice(start, min(end + 1, len(self.text)), "")
