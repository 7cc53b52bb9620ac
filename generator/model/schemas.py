"""JSON Schemas of the YAML data files, for editors (VS Code's YAML extension, github.dev).

One schema per YAML data family that planners write, made from the models (the single
definition of the data): Japanese titles (ConfigDict) and descriptions (Field), enums for
choices, examples, and no unknown keys. `python -m generator schema` writes them into
schemas/; a test keeps the committed files equal to what the models produce. Each data
file names its schema in its first line (`schema_comment`), and .vscode/settings.json maps
the same files by pattern (`SchemaTarget.patterns`).

JSON records and the kept records of revisions are written by commands, never edited, so
they have no schema; CSV tables are edited in spreadsheets.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from generator.model.project import DATA_SOURCES, DataFile, DataFolder

SCHEMA_FOLDER = "schemas"
# The YAML extension of VS Code validates with JSON Schema draft 7 (later drafts only in part).
DRAFT = "http://json-schema.org/draft-07/schema#"
_DEFINITIONS = "definitions"  # draft 7's place for shared parts ("$defs" came with 2019-09)
# Folders of YAML files that a command writes (new-revision's records): planners never edit them.
WRITTEN_BY_COMMANDS = frozenset({"revision_snapshots"})
SCHEMA_COMMENT = "# yaml-language-server: $schema="


@dataclass(frozen=True)
class SchemaTarget:
    """One schema: its name (the Project field), the model and the data files it describes."""

    name: str
    model: type[BaseModel]
    patterns: tuple[str, ...]  # paths relative to the project root; a folder's files as kpis/*.yml

    @property
    def file(self) -> str:
        """The schema's file name inside schemas/: kpis.schema.json."""
        return f"{self.name}.schema.json"

    @property
    def path(self) -> str:
        """The schema's path relative to the project root: schemas/kpis.schema.json."""
        return f"{SCHEMA_FOLDER}/{self.file}"


def schema_targets() -> dict[str, SchemaTarget]:
    """Every YAML data family a planner writes, by name, in the order of `Project`."""
    targets = {}
    for name, source in DATA_SOURCES.items():
        if isinstance(source, DataFile):
            patterns: tuple[str, ...] = (source.path,)
        elif isinstance(source, DataFolder) and source.format == "yaml" and name not in WRITTEN_BY_COMMANDS:
            patterns = tuple(f"{source.folder}/*{suffix}" for suffix in source.suffixes)
        else:
            continue
        targets[name] = SchemaTarget(name, source.model, patterns)
    return targets


def target_of(path: str) -> SchemaTarget | None:
    """The schema of a data file (a path relative to the project root), if it has one."""
    return next((t for t in schema_targets().values() if any(fnmatchcase(path, p) for p in t.patterns)), None)


def schema_comment(path: str) -> str:
    """The first line that names the schema of a data file, relative to the file's folder (no newline)."""
    target = target_of(path)
    if target is None:
        raise ValueError(f"{path} has no schema")
    folder = posixpath.dirname(path) or "."
    return SCHEMA_COMMENT + posixpath.relpath(target.path, folder)


def with_schema_comment(path: str, text: str) -> str:
    """A data file's text with the schema line first (unchanged when it has one, or the file has no schema)."""
    if target_of(path) is None or text.startswith(SCHEMA_COMMENT):
        return text
    return schema_comment(path) + "\n" + text


def vscode_schema_map() -> dict[str, list[str]]:
    """`yaml.schemas` of .vscode/settings.json: each schema with the files it describes (paths from the workspace;
    the YAML extension matches a pattern at the end of a file's path, so a fixture's kpis/*.yml matches too)."""
    return {f"./{target.path}": list(target.patterns) for target in schema_targets().values()}


class _Japanese(GenerateJsonSchema):
    """Pydantic's generator without the English titles it makes from field names."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def json_schema(target: SchemaTarget) -> dict[str, Any]:
    """The draft-7 schema of one data family."""
    schema = target.model.model_json_schema(ref_template=f"#/{_DEFINITIONS}/{{model}}", schema_generator=_Japanese)
    definitions = schema.pop("$defs", {})
    # A model's description would be its English docstring: its Japanese title says what it is.
    for model_schema in (schema, *definitions.values()):
        model_schema.pop("description", None)
    files = "、".join(target.patterns)
    schema["description"] = (f"{files} の項目。説明は型の定義（generator/model）から python -m generator schema で作られます"
                             "（このファイルは手で直しません）。")
    schema["$schema"] = DRAFT
    if definitions:
        schema[_DEFINITIONS] = definitions
    return schema


def json_schemas() -> dict[str, dict[str, Any]]:
    """Every schema by its file name inside schemas/."""
    return {target.file: json_schema(target) for target in schema_targets().values()}


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as its committed file: deterministic JSON, one key per line, Japanese as it is."""
    return json.dumps(schema, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
