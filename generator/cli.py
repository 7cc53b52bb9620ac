"""Command line: python -m generator validate|build|serve."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

# Heavy modules (pydantic, Jinja) are imported inside the commands: `build`
# starts the engine process first so that both warm up at the same time.

EXIT_OK, EXIT_INVALID, EXIT_BUILD_FAILED = 0, 1, 2


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve()


def cmd_validate(args: argparse.Namespace) -> int:
    from generator.check.production import PRODUCTION, production_summary
    from generator.pipeline import validate

    report = validate(_root(args), production=args.production).report
    if args.format == "github" and report.problems:
        print(_in_workspace(report, _root(args)).github_annotations())
    print(report.format(check_only=True))
    gate = [p for p in report.problems if p.code == PRODUCTION]
    if gate:
        print()
        print(production_summary(gate))
    return EXIT_OK if report.ok else EXIT_INVALID


def _in_workspace(report, root: Path):  # noqa: ANN202 - Report, imported lazily
    """The report with file names relative to the GitHub workspace, where annotations are placed."""
    import dataclasses

    from generator.problems import Report

    workspace = Path(os.environ.get("GITHUB_WORKSPACE", root)).resolve()
    prefix = root.relative_to(workspace).as_posix() if root.is_relative_to(workspace) else "."
    if prefix == ".":
        return report
    return Report([dataclasses.replace(p, file=f"{prefix}/{p.file}") for p in report.problems])


def cmd_build(args: argparse.Namespace) -> int:
    from generator.site.engine import EngineProcess

    root = _root(args)
    engine = EngineProcess.start(root)
    from generator.site.build import BuildError, InvalidData, build

    try:
        report = build(root, engine=engine, production=args.production)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID if isinstance(exc, InvalidData) else EXIT_BUILD_FAILED
    if report.warnings:
        print(report.format())
    print(f"サイトを {root / 'site'} に作成しました。")
    return EXIT_OK


def _watch_data(root: Path, stop: threading.Event) -> None:
    """Regenerate the Markdown when a data file changes; mkdocs serve does the rest."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    from generator.model.project import DATA_FOLDERS
    from generator.site.build import BuildError, generate

    changed = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):  # noqa: ANN001 - watchdog's signature
            # Reading the data opens files too: react to real changes only, or loop.
            if not event.is_directory and event.event_type in ("created", "modified", "deleted", "moved"):
                changed.set()

    observer = Observer()
    for folder in (*DATA_FOLDERS, "docs"):
        if (root / folder).is_dir():
            observer.schedule(Handler(), str(root / folder), recursive=True)
    observer.start()
    try:
        while not stop.is_set():
            if changed.wait(0.3):
                time.sleep(0.2)  # let an editor finish writing
                changed.clear()
                try:
                    result = generate(root)
                except BuildError as exc:
                    print(exc, flush=True)
                    continue
                if result.report.ok:
                    print(f"再生成しました（{len(result.written)} 件更新）。", flush=True)
                else:
                    print(result.report.format(), flush=True)
                    print("前の版の表示を続けます。", flush=True)
    finally:
        observer.stop()
        observer.join()


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.site.build import generate

    root = _root(args)
    result = generate(root)
    if not result.report.ok:
        print(result.report.format(), file=sys.stderr)
        return EXIT_INVALID
    stop = threading.Event()
    watcher = threading.Thread(target=_watch_data, args=(root, stop), daemon=True)
    watcher.start()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "generator.site.engine", "serve", str(root / "mkdocs.yml"), args.dev_addr]
    server = subprocess.Popen(command, cwd=root, env=env)

    def shut_down(signum, frame):  # noqa: ARG001 - signal handler signature
        raise KeyboardInterrupt

    # `kill` (SIGTERM) must stop the MkDocs server too, or it keeps the port.
    signal.signal(signal.SIGTERM, shut_down)
    try:
        return server.wait()
    except KeyboardInterrupt:
        return EXIT_OK
    finally:
        stop.set()
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=5)
            except subprocess.TimeoutExpired:
                server.kill()


def cmd_new_city(args: argparse.Namespace) -> int:
    import datetime

    from generator.site.new_city import NewCityError, new_city

    target = Path(args.directory).resolve()
    try:
        written = new_city(target, _root(args), args.city, args.start_fy, args.end_fy, datetime.date.today().isoformat())
    except NewCityError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    print(f"{target} に新しいプロジェクトを作りました（{len(written)} 件）。値はすべてサンプルです。")
    print(f"次に: python -m generator --root {target} build で確かめ、strategy/ と kpis/ を実際の戦略の文言と数値に置き換えてください。")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="総合戦略サイトの生成器")
    parser.add_argument("--root", default=".", help="リポジトリの場所（既定: 現在のフォルダ）")
    commands = parser.add_subparsers(dest="command", required=True)
    production_help = "本番公開用: サンプルや未確認の出典が残っていればエラーにする"
    validate = commands.add_parser("validate", help="データを検証し、問題をすべて報告する")
    validate.add_argument("--production", action="store_true", help=production_help)
    validate.add_argument("--format", choices=("text", "github"), default="text",
                          help="github: 問題を GitHub Actions の注釈（::error file=…）としても出力する")
    validate.set_defaults(func=cmd_validate)
    build_command = commands.add_parser("build", help="検証してからサイトを site/ に作る")
    build_command.add_argument("--production", action="store_true", help=production_help)
    build_command.set_defaults(func=cmd_build)
    serve = commands.add_parser("serve", help="プレビュー用サーバー（データを変えると自動で作り直す）")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="待ち受けるアドレス（既定: 127.0.0.1:8000）")
    serve.set_defaults(func=cmd_serve)
    new = commands.add_parser("new-city", help="別の市町村の最小のプロジェクト（値はすべてサンプル）を作る")
    new.add_argument("directory", help="作るフォルダ（まだないか、空のフォルダ）")
    new.add_argument("--city", required=True, help="市町村の名前（例: 〇〇市）")
    new.add_argument("--start-fy", type=int, required=True, help="総合戦略の最初の年度（西暦。令和7年度なら 2025）")
    new.add_argument("--end-fy", type=int, required=True, help="総合戦略の最後の年度（西暦）")
    new.set_defaults(func=cmd_new_city)
    args = parser.parse_args(argv)
    return args.func(args)
