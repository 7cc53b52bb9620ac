"""Text from YAML made safe and tidy for Markdown.

YAML text is data: it must never become markup, template code or table
structure. `escape_markdown` turns every character that Markdown, raw HTML,
the enabled extensions or a table could read as syntax into an HTML entity,
which Python-Markdown passes through and the browser shows as the character.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Characters with meaning anywhere in a line: Markdown emphasis, code and links,
# raw HTML, attr_list ({: }), tables (|), pymdownx (==mark==, ^^ins^^, ~~del~~).
# Escaping [ and ] also disarms ( ) and ! of links and images.
_SPECIAL = "\\`*_[]{}<>|~^=&#!"
_ENTITIES = {ch: f"&#{ord(ch)};" for ch in _SPECIAL}
_ENTITIES["&"] = "&amp;"
_ENTITIES["<"] = "&lt;"
_ENTITIES[">"] = "&gt;"
_TRANSLATION = str.maketrans(_ENTITIES)

# Every character Python-Markdown or a browser may treat as a line break.
_LINE_BREAK_RE = re.compile(r"[ \t]*(?:\r\n|[\r\n\v\f\x85\u2028\u2029])[ \t]*")
# What makes a line a heading, list, quote or rule when it starts a paragraph.
_BLOCK_START_RE = re.compile(r"^([+\-?:]|\d+[.)](?=\s|$))")


def _is_wide(char: str) -> bool:
    """True for characters written without spaces between them (CJK, kana, full-width)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def join_lines(text: str) -> str:
    """Join hard-wrapped lines into one paragraph, as a Japanese reader expects.

    Between two wide (Japanese) characters a line break simply disappears;
    between Latin words it becomes one space. Surrounding space is trimmed.
    """
    text = text.strip()
    pieces = _LINE_BREAK_RE.split(text)
    out = pieces[0]
    for piece in pieces[1:]:
        if not piece:
            continue
        if out and (_is_wide(out[-1]) or _is_wide(piece[0])):
            out += piece
        else:
            out += " " + piece if out else piece
    return out


def escape_markdown(text: object) -> str:
    """Escape a value so Markdown shows it literally, on one line."""
    return _escaped(str(text))


@functools.lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> str:
    """escape_markdown, remembered: the pages escape the same names, numbers and labels thousands of times."""
    escaped = join_lines(text).translate(_TRANSLATION)
    match = _BLOCK_START_RE.match(escaped)
    if match:
        first = match.group(0)
        escaped = f"&#{ord(first[0])};{escaped[1:]}" if len(first) == 1 else f"{first[:-1]}&#{ord(first[-1])};{escaped[len(first):]}"
    return escaped


def table_cell(text: object) -> str:
    """A value safe inside a Markdown table cell: no pipe, no line break."""
    return escape_markdown(text)
