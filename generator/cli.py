"""Command line: python -m generator validate|build|serve."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

# Heavy modules (pydantic, Jinja) are imported inside the commands: `build`
# starts the engine process first so that both warm up at the same time.

EXIT_OK, EXIT_INVALID, EXIT_BUILD_FAILED = 0, 1, 2
PDF_HELP = ("計画全体の PDF（表紙・目次・策定方針・総合戦略・人口ビジョン・最新の効果検証、A4）も作り、サイトからリンクする"
            "（数秒かかります。scripts/install-pdf.sh のパッケージが必要）")


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve()


def cmd_validate(args: argparse.Namespace) -> int:
    from generator.check.production import PRODUCTION, production_problems, production_summary, waiting_line
    from generator.pipeline import validate
    from generator.render.pages import page_urls

    validated = validate(_root(args), production=args.production, page_urls=page_urls)  # links to pages too, as build
    report = validated.report
    if args.format == "github" and report.problems:
        print(_in_workspace(report, _root(args)).github_annotations())
    print(report.format(check_only=True))
    gate = [p for p in report.problems if p.code in PRODUCTION]
    if gate:
        print()
        print(production_summary(gate))
    elif not args.production and validated.project is not None:  # preview: what still waits for publishing, counted
        print(waiting_line(production_problems(validated.project)))
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
        report = build(root, engine=engine, production=args.production, pdf=args.pdf)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID if isinstance(exc, InvalidData) else EXIT_BUILD_FAILED
    if report.warnings:
        print(report.format())
    print(f"サイトを {root / 'site'} に作成しました。")
    return EXIT_OK


def _read(path: Path) -> bytes:
    return path.read_bytes() if path.is_file() else b""


def _settle(changed: threading.Event, quiet: float = 0.05) -> None:
    """Wait until no file event came for `quiet` seconds: an editor's save is a few events in a row."""
    changed.clear()
    while changed.wait(quiet):
        changed.clear()


def _regenerate(root: Path, preview, rebuild: Callable[[], None] | None) -> None:  # noqa: ANN001 - PreviewGeneration
    """One quick generation of the preview (site/preview_generation.py), its report, and the engine told to rebuild."""
    from generator.site.build import BuildError
    from generator.site.engine import GENERATED_SETTINGS
    from generator.site.preview import show_problems

    settings = root / GENERATED_SETTINGS
    before = _read(settings)
    try:
        result = preview.quick()
    except BuildError as exc:
        print(exc, flush=True)
        return
    if result.report.ok:
        print(f"再生成しました（{len(result.written)} 件更新）。", flush=True)
    else:
        print(result.report.format(), flush=True)
        show_problems(root, result.report)  # on every page of the preview, until the data is valid again
        print("前の版の表示を続けます（ブラウザーのページの上にも問題を表示します）。", flush=True)
    if rebuild and (result.written or result.removed or _read(settings) != before):  # the panel is in the settings
        rebuild()


def _complete(preview, rebuild: Callable[[], None] | None) -> None:  # noqa: ANN001 - PreviewGeneration
    """The bundle (データ一覧, the zip, datapackage.json, XLSX) once the saves have stopped for a moment."""
    from generator.site.build import BuildError

    try:
        written = preview.complete()
    except BuildError as exc:
        print(exc, flush=True)
        return
    if written:
        print(f"データ一覧とダウンロード用のファイルを更新しました（{len(written)} 件）。", flush=True)
        if rebuild:
            rebuild()


def _watch_data(root: Path, stop: threading.Event, rebuild: Callable[[], None] | None = None,
                preview=None, built: threading.Event | None = None) -> None:  # noqa: ANN001 - PreviewGeneration
    """Regenerate the Markdown when a data file changes, then have the preview rebuild (`rebuild`) if anything changed;
    the bundle once no change has come for a moment (site/preview_generation.py) counted from when the engine has
    finished its build (`built`, set by _engine_output), so that the bundle does not slow the build the reader waits for."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    from generator.model.project import DATA_FOLDERS, MATERIALS_FOLDER
    from generator.site.preview_generation import LATER, PreviewGeneration

    preview = preview or PreviewGeneration(root)
    changed = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):  # noqa: ANN001 - watchdog's signature
            # Reading the data opens files too: react to real changes only, or loop.
            if not event.is_directory and event.event_type in ("created", "modified", "deleted", "moved"):
                changed.set()

    observer = Observer()
    for folder in (*DATA_FOLDERS, MATERIALS_FOLDER, "docs"):
        if (root / folder).is_dir():
            observer.schedule(Handler(), str(root / folder), recursive=True)
    observer.start()
    try:
        while not stop.is_set():
            building = built is not None and not built.is_set()
            if changed.wait(0.05 if building else LATER if preview.pending is not None else 0.3):
                _settle(changed)
                _regenerate(root, preview, rebuild)
            elif preview.pending is not None and not building:
                _complete(preview, rebuild)
    finally:
        observer.stop()
        observer.join()


def _engine_output(stream: Iterable[str], built: threading.Event) -> None:
    """The preview engine's standard output: "built" after each of its builds sets `built`; anything else is shown."""
    from generator.site.preview_builds import BUILT

    for line in stream:
        if line.strip() == BUILT:
            built.set()
        else:
            print(line, end="", flush=True)
    built.set()  # the engine has stopped: nothing to wait for


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.site.preview_generation import PreviewGeneration

    root = _root(args)
    preview = PreviewGeneration(root)
    result = preview.first()
    if not result.report.ok:
        print(result.report.format(), file=sys.stderr)
        return EXIT_INVALID
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "generator.site.engine", "serve", str(root / "mkdocs.yml"), args.dev_addr]
    # The engine rebuilds when told on its standard input (site/preview_builds.py), and stops when it closes;
    # it says "built" on its standard output after each build.
    server = subprocess.Popen(command, cwd=root, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, errors="replace")
    pipe, built = server.stdin, threading.Event()
    assert pipe is not None and server.stdout is not None  # opened with PIPE
    threading.Thread(target=_engine_output, args=(server.stdout, built), daemon=True).start()

    def rebuild() -> None:
        from generator.site.preview_builds import REBUILD

        built.clear()
        with contextlib.suppress(OSError, ValueError):  # the engine has stopped: nothing to rebuild
            pipe.write(REBUILD + "\n")
            pipe.flush()

    stop = threading.Event()
    watcher = threading.Thread(target=_watch_data, args=(root, stop, rebuild, preview, built), daemon=True)
    watcher.start()

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

    from generator.site.new_city import new_city

    target = Path(args.directory).resolve()
    written = new_city(target, _root(args), args.city, args.start_fy, args.end_fy, datetime.date.today().isoformat())
    print(f"{target} に新しいプロジェクトを作りました（{len(written)} 件）。値はすべてサンプルです。")
    print(f"次に: python -m generator --root {target} build で確かめ、strategy/ と kpis/ を実際の戦略の文言と数値に置き換えてください。")
    return EXIT_OK


def cmd_freeze_review(args: argparse.Namespace) -> int:
    """Record a finalised review's figures (strategy/reviews/<fiscal year>.json) as the council saw them."""
    from generator.site.freeze import freeze_review
    from generator.text.eras import fiscal_year_label

    written = freeze_review(_root(args), args.fiscal_year, force=args.force)
    print(f"{fiscal_year_label(args.fiscal_year)}の効果検証の数値を {written} に記録しました。このファイルもコミットしてください。")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    """What the data of HEAD (default: the working folder) changes from BASE, in Japanese (for pull requests)."""
    from generator.render.changes import summary_markdown, summary_text
    from generator.site.compare import data_changes

    found = data_changes(_root(args), args.base, args.head)
    markdown = summary_markdown(found.changes, found.to_fix, found.release, found.checks)
    print(markdown if args.format == "markdown" else summary_text(found.changes, found.to_fix, found.release, found.checks), end="")
    if args.output:
        with open(args.output, "a", encoding="utf-8") as summary:
            summary.write(markdown)
    return EXIT_OK


def cmd_publish(args: argparse.Namespace) -> int:
    from generator.site.engine import EngineProcess

    root = _root(args)
    engine = EngineProcess.start(root)
    from generator.site.build import InvalidData
    from generator.site.publish import BuildError, publish

    try:
        revision = publish(root, args.target, branch=args.branch, remote=args.push, engine=engine, pdf=args.pdf)
    except BaseException as exc:
        engine.cancel()
        if not isinstance(exc, BuildError):
            raise
        print(exc, file=sys.stderr)
        return EXIT_INVALID if isinstance(exc, InvalidData) else EXIT_BUILD_FAILED
    label = "検証用サイト" if args.target == "staging" else "本番サイト"
    pushed = f"し、{args.push} に送りました" if args.push else "しました"
    from generator.site.targets import BRANCHES

    branch = args.branch or BRANCHES[args.target]
    print(f"{label}の版「{revision.title}」（{revision.id}/）をブランチ {branch} に記録{pushed}。")
    return EXIT_OK


def cmd_export_published(args: argparse.Namespace) -> int:
    from generator.site.publish import export_published

    target = Path(args.directory).resolve()
    from generator.site.targets import BRANCHES

    count = export_published(_root(args), target, branch=args.branch or BRANCHES[args.target])
    print(f"公開中のすべての版（{count} ファイル）を {target} に書き出しました。このフォルダをそのまま公開サーバーに置いてください。")
    return EXIT_OK


def cmd_new_revision(args: argparse.Namespace) -> int:
    import datetime

    from generator.site.revisions import NewRevision, start_revision

    try:
        day = datetime.date.fromisoformat(args.date)
    except ValueError:
        print(f"日付「{args.date}」が読めません。2023-03-31 のように書いてください。", file=sys.stderr)
        return EXIT_INVALID
    new = NewRevision(args.id, args.title, day, args.summary, args.sample)
    written = start_revision(_root(args), new)
    print(f"新しい版「{new.title}」（{new.id}）を始めました。書いたファイル: {'、'.join(written)}")
    print("この版で変えたデータは、公開すると更新履歴に前の版からの変更として載ります。")
    return EXIT_OK


def _add_publishing_commands(commands) -> None:  # noqa: ANN001 - argparse's private subparsers type
    from generator.site.targets import BRANCHES, TARGETS

    publish = commands.add_parser("publish", help="最新の版を作り、公開用ブランチに過去の版と並べて記録する")
    publish.add_argument("--target", choices=TARGETS, required=True,
                         help="staging: 全ページに「検証用」と表示（サンプル可）、production: 本番（サンプル・未確認があれば中止、SITE_URL が必要）")
    publish.add_argument("--branch", help=f"公開用ブランチ（既定: 本番は {BRANCHES['production']}、検証用は {BRANCHES['staging']}）")
    publish.add_argument("--push", metavar="REMOTE", help="記録したブランチを送るリモート（例: origin）")
    publish.add_argument("--pdf", action="store_true", help=PDF_HELP)
    publish.set_defaults(func=cmd_publish)
    revision = commands.add_parser("new-revision", help="新しい版（改訂・年度の更新）を始める。今の版のデータを記録してから一覧に追加する")
    revision.add_argument("id", help="版の id（公開した年月。例: 2023-03）。公開先のフォルダ名になります")
    revision.add_argument("--title", required=True, help="表示名（例: 令和5年3月 改訂）")
    revision.add_argument("--date", required=True, help="公開日（例: 2023-03-31）")
    revision.add_argument("--summary", required=True, help="概要（1〜2文）")
    revision.add_argument("--sample", action="store_true", help="見本の版として記録する（sample: true）")
    revision.set_defaults(func=cmd_new_revision)
    export = commands.add_parser("export-published", help="公開用ブランチのすべての版をフォルダに書き出す（市の公開サーバーへ置く用）")
    export.add_argument("directory", help="書き出し先のフォルダ（空か、前に書き出したフォルダ。中身は置き換えられます）")
    which = export.add_mutually_exclusive_group()
    which.add_argument("--target", choices=TARGETS, default="production", help="どちらの公開先の版を書き出すか（既定: production）")
    which.add_argument("--branch", help=f"公開用ブランチを直接指定（本番は {BRANCHES['production']}、検証用は {BRANCHES['staging']}）")
    export.set_defaults(func=cmd_export_published)


def cmd_schema(args: argparse.Namespace) -> int:
    """(Re)write schemas/ and the schema map of .vscode/settings.json from the models."""
    from generator.site.scaffold import write_schemas

    changed = write_schemas(_root(args))
    print("スキーマを書き直しました: " + "、".join(changed) if changed else "スキーマは型の定義のとおりです（変更なし）。")
    return EXIT_OK


def cmd_ids(args: argparse.Namespace) -> int:
    from generator.site.scaffold import ids_text

    print(ids_text(_root(args)), end="")
    return EXIT_OK


def cmd_new_kpi(args: argparse.Namespace) -> int:
    import datetime

    from generator.site.scaffold import NewKpi, new_kpi

    written = new_kpi(_root(args), NewKpi(args.id, args.goal, args.measure, args.kind, args.name), datetime.date.today())
    print(f"{written} を作りました。値はすべて見本（sample）です。戦略の名前・説明・基準値・目標値と出典に置き換えてください。")
    return EXIT_OK


def cmd_new_measure(args: argparse.Namespace) -> int:
    import datetime

    from generator.site.scaffold import new_measure

    written = new_measure(_root(args), args.id, args.goal, args.title, datetime.date.today(), args.description)
    print(f"{written} の目標「{args.goal}」に施策「{args.id}」を見本（sample: true）として足しました。内容を戦略のとおりに直してください。")
    return EXIT_OK


def cmd_new_actual(args: argparse.Namespace) -> int:
    import datetime

    from generator.site.scaffold import NewActual, new_actual

    written = new_actual(_root(args), NewActual(args.kpi, args.fiscal_year, args.value, args.status, args.source), datetime.date.today())
    print(f"{written} に {args.fiscal_year} の実績（{args.status}）を足し、updated を今日の日付にしました。")
    return EXIT_OK


def _add_scaffold_commands(commands) -> None:  # noqa: ANN001 - argparse's private subparsers type
    schema = commands.add_parser("schema", help="エディタ用の JSON Schema（schemas/）を型の定義から作り直す")
    schema.set_defaults(func=cmd_schema)
    ids = commands.add_parser("ids", help="目標・施策・指標の id と名前を一覧にする（goal: や measure: に書く値）")
    ids.set_defaults(func=cmd_ids)
    new = commands.add_parser("new", help="新しい指標・施策・実績を書き足す（見本の値には sample の印）").add_subparsers(dest="what", required=True)
    kpi = new.add_parser("kpi", help="指標のファイル kpis/<id>.yml を見本の値で作る")
    kpi.add_argument("id", help="指標の id（英小文字・数字・ハイフン。例: kpi-1-3）")
    kpi.add_argument("--goal", required=True, help="属する目標の id（python -m generator ids で一覧）")
    kpi.add_argument("--measure", help="属する施策の id（KPI では必須）")
    kpi.add_argument("--kind", choices=("KPI", "数値目標"), default="KPI", help="KPI（施策の指標。既定）か 数値目標（目標の指標）")
    kpi.add_argument("--name", help="指標名（省略すると見本の名前）")
    kpi.set_defaults(func=cmd_new_kpi)
    measure = new.add_parser("measure", help="strategy/strategy.yml の目標に施策を見本として足す")
    measure.add_argument("id", help="施策の id（例: measure-1-3）")
    measure.add_argument("--goal", required=True, help="足す先の目標の id")
    measure.add_argument("--title", required=True, help="施策の名前")
    measure.add_argument("--description", help="施策の内容（省略すると見本の文）")
    measure.set_defaults(func=cmd_new_measure)
    actual = new.add_parser("actual", help="指標の actuals に1年分の実績を足す")
    actual.add_argument("kpi", help="指標の id")
    actual.add_argument("fiscal_year", type=_western_year, help="年度または年（西暦。令和6年度なら 2024）")
    actual.add_argument("value", help="実績値（数字だけ。例: 41200、74.1）")
    actual.add_argument("--status", choices=("確定", "速報", "sample"), default="確定", help="確定（既定）・速報・sample（見本）")
    actual.add_argument("--source", help="出典の資料名（確定・速報では必須）")
    actual.set_defaults(func=cmd_new_actual)


def cmd_export_xlsx(args: argparse.Namespace) -> int:
    """Write the yearly update workbook (指標 and the population tables) for Excel."""
    from generator.site.workbook import DEFAULT_WORKBOOK, export_workbook

    target = Path(args.file).resolve() if args.file else _root(args) / DEFAULT_WORKBOOK
    export_workbook(_root(args), target)
    print(f"更新用の表を {target} に書き出しました。Excel で実績・状態・出典を書き入れて保存し、"
          f"python -m generator import-xlsx {args.file or DEFAULT_WORKBOOK} で読み込みます。")
    return EXIT_OK


def cmd_import_xlsx(args: argparse.Namespace) -> int:
    """Read the update workbook back into kpis/*.yml and population/*.csv (all cells checked first)."""
    import datetime

    from generator.problems import Report
    from generator.render.changes import summary_text
    from generator.site.workbook import import_workbook

    source = Path(args.file)
    imported = import_workbook(_root(args), source.resolve() if source.is_absolute() or source.exists() else _root(args) / source,
                               datetime.date.today())
    if imported.warnings:
        print(Report(imported.warnings).format())
        print()
    if not imported.written:
        print("表の値は今のデータと同じです。ファイルは何も書き換えていません。")
        return EXIT_OK
    print(f"書き換えたファイル: {'、'.join(imported.written)}")
    print(summary_text(imported.changes, imported.to_fix), end="")
    return EXIT_OK


def _add_workbook_commands(commands) -> None:  # noqa: ANN001 - argparse's private subparsers type
    export = commands.add_parser("export-xlsx", help="毎年の更新用の表（Excel）を書き出す: 指標の実績と人口の表")
    export.add_argument("file", nargs="?", help="書き出すファイル（既定: build/更新用.xlsx）")
    export.set_defaults(func=cmd_export_xlsx)
    load = commands.add_parser("import-xlsx", help="更新用の表（Excel）を読み込み、検証してから YAML・CSV に書き戻す")
    load.add_argument("file", help="読み込むファイル（export-xlsx で書き出して Excel で直したもの）")
    load.set_defaults(func=cmd_import_xlsx)


def _western_year(text: str) -> int:
    """A year argument; argparse shows the message after its own prefix."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"「{text}」は年度として読めません。西暦の4桁で書いてください（令和6年度なら 2024）。")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    """Every command and option (the workflow's commands are checked against it by the tests)."""
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
    build_command.add_argument("--pdf", action="store_true", help=PDF_HELP)
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
    freeze = commands.add_parser("freeze-review", help="確定した年度の効果検証の数値を、審議会に示したものとして記録する")
    freeze.add_argument("fiscal_year", type=_western_year, help="年度（西暦。令和6年度なら 2024）")
    freeze.add_argument("--force", action="store_true", help="記録がもうあっても、今のデータの数値で作り直す")
    freeze.set_defaults(func=cmd_freeze_review)
    _add_publishing_commands(commands)
    _add_workbook_commands(commands)
    _add_scaffold_commands(commands)
    diff = commands.add_parser("diff", help="データの変更（BASE から HEAD まで）を日本語で一覧にする（プルリクエスト用）")
    diff.add_argument("base", help="比較元: プロジェクトのフォルダか、--root のリポジトリのコミット・ブランチ・タグ（例: origin/main）")
    diff.add_argument("head", nargs="?", help="比較先: フォルダかコミット・ブランチ・タグ（既定: --root の今のフォルダ）")
    diff.add_argument("--format", choices=("text", "markdown"), default="text", help="出力の形（既定: text）")
    diff.add_argument("--output", metavar="FILE", help="Markdown の一覧をこのファイルの末尾に追記する（例: $GITHUB_STEP_SUMMARY）")
    diff.set_defaults(func=cmd_diff)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from generator.problems import PlannerError

    try:
        return args.func(args)
    except PlannerError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
