"""Where a build goes: the publishing targets and their branches (standard library only: the CLI imports it at start)."""

from __future__ import annotations

from typing import Literal

Target = Literal["staging", "production"]
TARGETS: tuple[Target, ...] = ("staging", "production")
# Each target keeps its revisions side by side on its own branch, so a staging build can never
# replace a published production revision, nor a staging title linger in production's version menu.
BRANCHES: dict[Target, str] = {"production": "gh-pages", "staging": "gh-pages-staging"}
