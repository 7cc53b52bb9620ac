"""The site engine (MkDocs) as a separate, pre-warmed process.

`python -m generator.engine CONFIG SITE_DIR` loads the configuration — which
imports the theme, plugins and Markdown extensions, most of a build's start-up
time — then waits for one line on stdin: "build" builds strictly into SITE_DIR,
anything else exits. The generator starts it first and validates and renders
meanwhile on the other core; the engine stays swappable (it is only a command).
"""

from __future__ import annotations

import logging
import sys


def main(argv: list[str]) -> int:
    config_file, site_dir = argv
    from mkdocs import exceptions
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        config = load_config(config_file=config_file, site_dir=site_dir, strict=True)
    except exceptions.ConfigurationError as exc:
        print(f"ERROR   -  {exc}", file=sys.stderr)
        return 1
    if sys.stdin.readline().strip() != "build":
        return 3
    try:
        build(config)  # with strict=True it aborts on any warning
    except exceptions.MkDocsException as exc:
        print(f"ERROR   -  {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
