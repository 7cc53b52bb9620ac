"""Where a build goes: the publishing targets and branch (standard library only: the CLI imports it at start)."""

from __future__ import annotations

from typing import Literal

Target = Literal["staging", "production"]
TARGETS: tuple[Target, ...] = ("staging", "production")
PUBLISH_BRANCH = "gh-pages"  # holds every published revision side by side
