"""Benchmark: build time, bytes transferred and Lighthouse scores per page type.

Prints the figures and writes them to BENCHMARKS.md. Not a test: numbers vary
by machine; targets are judged by reading them (see issue "chart platform").

    make bench      # or: .venv/bin/python scripts/bench.py
    .venv/bin/python scripts/bench.py --only preview   # one part (its section of BENCHMARKS.md is rewritten)

"Preview" measures `python -m generator serve`: one KPI value edited → the KPI's page showing the new value, reloaded
the way its livereload script does it, on the fixture project and on a generated strategy of realistic size
(`realistic_project`: all of it samples).
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import http.server
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from support import copy_project, serve_folder  # noqa: E402 - after the path is set

PAGE_TYPES = {
    "home (no chart)": "",
    "policy (chart, text)": "strategy/policy/",
    "KPI dashboard (tables, no chart)": "kpis/",
    "KPI page (chart)": "kpis/kpi-1-startups/",
    "population projection (charts, tabs)": "population/projection/",
}
LIGHTHOUSE = REPO / "tools/bench/node_modules/.bin/lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
RUNS = 3
# MkDocs alone on the generated Markdown, with the generated settings (as `mkdocs build --strict` would).
BARE_MKDOCS = """
import json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
settings = json.load(open("build/engine-settings.json", encoding="utf-8"))
build(load_config("mkdocs.yml", site_dir=sys.argv[1], strict=True, **settings))
"""


# The preview: one actual of a KPI is edited (the last `value:` of its file); the KPI's page, then the dashboard
# must show it. kpi-1-employees has one actual (2021), shown by every year's review: 8 pages change at realistic
# size. A generated KPI's newest actual (2025) is on 4 pages (the KPI's, the dashboard, its goal's, the 2025 review).
PREVIEW_EDITS = {
    "one actual of a KPI": ("kpi-1-employees", 41201, "人"),
    "the newest actual of a KPI with six years": ("kpi-2-07", 98701, "件"),
}
# A strategy of realistic size: 4 goals, 5 measures each, 20 KPIs each (80), actuals for 6 fiscal years.
REALISTIC_GOALS, REALISTIC_MEASURES, REALISTIC_KPIS, REALISTIC_YEARS = 4, 5, 20, range(2020, 2026)


def run(command: list[str], cwd: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def build_times() -> dict[str, float]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    python = sys.executable
    cold, edit, bare = [], [], []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            copy_project(root, data_from=REPO)  # the real data: what the city publishes
            cold.append(run([python, "-m", "generator", "build"], root, env))
            bare.append(run([python, "-c", BARE_MKDOCS, str(root / "bare-site")], root, env))
            policy = root / "strategy/policy.yml"
            policy.write_text(policy.read_text(encoding="utf-8").replace("title: その他", "title: その他の事項"), encoding="utf-8")
            edit.append(run([python, "-m", "generator", "build"], root, env))
    median = statistics.median
    return {"bare": median(bare), "cold": median(cold), "edit": median(edit)}


def realistic_project(target: Path) -> Path:
    """The fixture project grown to a realistic strategy: its four goals (基本目標) get five measures each and twenty
    KPIs each, the generated KPIs with actuals for six fiscal years. Every generated value is a sample (`sample: true`,
    status sample), never a real figure; the finalised review's record is made again from the grown data."""
    import yaml

    from generator.site.freeze import freeze_review

    root = copy_project(target)
    path = root / "strategy/strategy.yml"
    strategy = yaml.safe_load(path.read_text(encoding="utf-8"))
    goals = [goal for goal in strategy["goals"] if goal["kind"] == "基本目標"][:REALISTIC_GOALS]
    kept = {p: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((root / "kpis").glob("*.yml"))}
    for kpi_path, kpi in kept.items():
        if kpi.get("goal") not in {goal["id"] for goal in goals}:
            kpi_path.unlink()
    rng = random.Random(14)
    for number, goal in enumerate(goals, 1):
        while len(goal["measures"]) < REALISTIC_MEASURES:
            m = len(goal["measures"]) + 1
            goal["measures"].append({"id": f"measure-{number}-{m}", "title": f"（サンプル）基本目標{number}の施策{m}",
                                     "description": f"（サンプル）基本目標{number}の施策{m}の説明です。",
                                     "departments": ["（サンプル）政策企画課"], "sdgs": [11], "sample": True})
        existing = sum(1 for kpi in kept.values() if kpi.get("goal") == goal["id"])
        for k in range(existing + 1, REALISTIC_KPIS + 1):
            _write_sample_kpi(root, rng, number, k, goal["measures"][(k - 1) % REALISTIC_MEASURES]["id"])
    strategy["goals"] = goals
    path.write_text("# 見本（sample）の戦略（scripts/bench.py が作成）\n" + yaml.safe_dump(strategy, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    freeze_review(root, 2023, force=True)
    return root


def _write_sample_kpi(root: Path, rng: random.Random, goal: int, k: int, measure: str) -> None:
    import yaml

    base, higher = rng.randrange(100, 5000), rng.random() < 0.7
    step, value, actuals = max(1, base // 40), base, []
    for year in REALISTIC_YEARS:
        value = max(0, value + rng.randrange(-step, 3 * step) * (1 if higher else -1))
        actuals.append({"year": year, "value": value, "status": "sample"})
    kpi = {"id": f"kpi-{goal}-{k:02d}", "name": f"（サンプル）基本目標{goal}の指標{k}", "kind": "KPI", "goal": f"goal-{goal}",
           "measure": measure, "definition": f"（サンプル）基本目標{goal}の指標{k}の説明です。", "unit": "件",
           "better": "higher" if higher else "lower", "sample": True, "updated": "2026-11-28",
           "baseline": {"value": base, "year": 2019, "sample": True},
           "target": {"type": "時点", "value": base + (10 if higher else -10) * step, "year": 2025, "sample": True},
           "actuals": actuals}
    (root / "kpis" / f"{kpi['id']}.yml").write_text(yaml.safe_dump(kpi, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _page(url: str) -> str:
    import urllib.request

    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read().decode("utf-8")


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a process and its children (Linux /proc): what an edit costs,
    whatever else the machine is doing."""
    proc = Path("/proc") / str(pid)
    try:
        fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        children = (proc / "task" / str(pid) / "children").read_text().split()
    except OSError:
        return 0.0
    return own + sum(_cpu_seconds(int(child)) for child in children)


def _quiet(log: Path, seconds: float = 2.0, limit: float = 300) -> None:
    """Wait until the server's log has not grown for `seconds` (no rebuild running or about to start)."""
    deadline, size, since = time.monotonic() + limit, -1, time.monotonic()
    while time.monotonic() < deadline:
        now = log.stat().st_size
        if now != size:
            size, since = now, time.monotonic()
        elif time.monotonic() - since >= seconds:
            return
        time.sleep(0.1)


def preview_times(root: Path, edits: list[str], runs: int = RUNS) -> dict[str, list[tuple[float, float]]]:
    """Per kind of edit: seconds (and CPU seconds) from saving one edited KPI value to its page being served with the
    new value, by the real preview (`python -m generator serve` on a free port)."""
    port = _free_port()
    base, log = f"http://127.0.0.1:{port}/", root / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                _page(base + "kpis/")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the preview did not start:\n" + log.read_text(encoding="utf-8")) from None
                time.sleep(0.2)
        return {kind: [_one_edit(root, base, log, PREVIEW_EDITS[kind], run, server.pid) for run in range(runs)] for kind in edits}
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def _one_edit(root: Path, base: str, log: Path, edit: tuple[str, int, str], run: int, pid: int) -> tuple[float, float]:
    """(seconds, CPU seconds of the preview's processes) from saving the edit to the KPI's page served with it."""
    kpi, first, unit = edit
    _quiet(log)
    path = root / "kpis" / f"{kpi}.yml"
    text = path.read_text(encoding="utf-8")
    last = list(re.finditer(r"value: [\d.]+", text))[-1]
    value = first + run
    shown, url = f"{value:,}{unit}", f"{base}kpis/{kpi}/"
    epoch, request = re.search(r"livereload\((\d+), (\d+)\)", _page(url)).groups()  # as the open page has it
    cpu, start = _cpu_seconds(pid), time.perf_counter()
    path.write_text(text[:last.start()] + f"value: {value}" + text[last.end():], encoding="utf-8")
    while True:  # what the page's livereload script does: wait for a newer build, then load the page again
        newer = _page(f"{base}livereload/{epoch}/{request}")
        if int(newer) > int(epoch):
            if shown in _page(url):
                break
            epoch = newer
        if time.perf_counter() - start > 120:
            raise RuntimeError("the preview did not show the edit:\n" + log.read_text(encoding="utf-8"))
    seconds, cpu = time.perf_counter() - start, _cpu_seconds(pid) - cpu
    if shown not in _page(base + "kpis/"):  # the dashboard shows it too, from the same rebuild
        raise RuntimeError(f"the dashboard does not show the edited value {shown}")
    return seconds, cpu


def preview_figures() -> dict[str, dict[str, float]]:
    figures = {}
    projects = (("sample project (tests/fixtures/project)", copy_project, ["one actual of a KPI"]),
                ("realistic size (generated samples)", realistic_project, list(PREVIEW_EDITS)))
    for name, make, edits in projects:
        with tempfile.TemporaryDirectory() as tmp:
            root = make(Path(tmp) / "project")
            measured = preview_times(root, edits)
            pages = sum(1 for _ in (root / "build/docs").rglob("*.md"))
            for kind, runs in measured.items():
                times, cpu = [m[0] for m in runs], [m[1] for m in runs]
                figures[f"{name}, {kind}"] = {"median": statistics.median(times), "min": min(times), "max": max(times),
                                              "pages": pages, "cpu": statistics.median(cpu), "load": os.getloadavg()[0]}
                print(f"preview, {name}, {kind}: {', '.join(f'{s:.2f}' for s in times)} s; "
                      f"CPU {', '.join(f'{c:.2f}' for c in cpu)} s", flush=True)
    return figures


def preview_section(figures: dict[str, dict[str, float]]) -> list[str]:
    lines = ["## Preview", "",
             "`python -m generator serve`: one KPI actual edited and saved → the KPI's page, reloaded as its livereload "
             "script does (waiting on `/livereload/<epoch>/…` for a newer build), shows the new value; the dashboard is "
             "checked to show it too. "
             f"Realistic size: {REALISTIC_GOALS} goals, {REALISTIC_GOALS * REALISTIC_MEASURES} measures, "
             f"{REALISTIC_GOALS * REALISTIC_KPIS} KPIs, actuals for {len(REALISTIC_YEARS)} fiscal years, generated as samples "
             f"by `realistic_project`; median (min–max) of {RUNS} edits, measured on {datetime.date.today().isoformat()}. "
             "CPU: what the preview's two processes (generator and MkDocs) used for the edit; on a busy machine the "
             "seconds exceed it (the load average, 1 minute, is given).", "",
             "| project | pages | seconds to show an edit | CPU seconds | load average |", "|---|---:|---:|---:|---:|"]
    for name, row in figures.items():
        lines.append(f"| {name} | {row['pages']} | {row['median']:.2f} ({row['min']:.2f}–{row['max']:.2f}) | {row['cpu']:.2f} | "
                     f"{row['load']:.1f} |")
    return [*lines, ""]


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files gzip-compressed, as the city's web server would."""

    def log_message(self, *args):  # noqa: D401 - quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def transferred(base: str, site: Path) -> dict[str, dict[str, int]]:
    """gzip bytes of everything each page loads, before and after its charts are drawn."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split()[1:])
        for name, path in PAGE_TYPES.items():
            page = browser.new_page(viewport={"width": 412, "height": 823})
            urls: list[str] = []
            page.on("request", lambda r, urls=urls: urls.append(r.url))
            page.goto(base + path, wait_until="networkidle")
            first = _gzip_total(urls, base, site)
            frame = page.locator(".chart__frame").first
            if frame.count():
                frame.scroll_into_view_if_needed()
                page.mouse.move(50, 50)
                page.mouse.move(80, 80)
                page.wait_for_selector(".chart__plot .main-svg", timeout=20000)
                page.wait_for_load_state("networkidle")
            results[name] = {"first view": first, "with interactive charts": _gzip_total(urls, base, site),
                             "plotly requested": int(any("plotly" in u for u in urls))}
            page.close()
        browser.close()
    return results


def _gzip_total(urls: list[str], base: str, site: Path) -> int:
    total = 0
    for url in dict.fromkeys(urls):
        if not url.startswith(base):
            continue
        relative = url[len(base):].split("#")[0].split("?")[0]
        path = site / relative
        if path.is_dir() or relative == "":
            path = path / "index.html"
        if path.is_file():
            total += len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))
    return total


def lighthouse(base: str) -> dict[str, dict[str, dict[str, int]]]:
    scores: dict = {}
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    for name, path in PAGE_TYPES.items():
        scores[name] = {}
        for form in ("mobile", "desktop"):
            with tempfile.NamedTemporaryFile(suffix=".json") as out:
                command = [str(LIGHTHOUSE), base + path, "--quiet", f"--chrome-flags={CHROME_FLAGS}",
                           "--output=json", f"--output-path={out.name}"]
                command += ["--preset=desktop"] if form == "desktop" else ["--form-factor=mobile"]
                subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
                report = json.loads(Path(out.name).read_text(encoding="utf-8"))
            scores[name][form] = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
    return scores


PARTS = ("build", "pages", "preview")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmarks of the site; prints them and writes BENCHMARKS.md.")
    parser.add_argument("--only", choices=PARTS, action="append",
                        help="measure only this part (repeatable): build times, pages (bytes and Lighthouse), preview; "
                             "only its sections of BENCHMARKS.md are rewritten")
    args = parser.parse_args(argv)
    lines: list[str] = []
    if "build" in (args.only or PARTS):
        print("building …", flush=True)
        lines += build_section(build_times())
    if "pages" in (args.only or PARTS):
        lines += page_sections()
    if "preview" in (args.only or PARTS):
        print("measuring the preview …", flush=True)
        lines += preview_section(preview_figures())
    text = "\n".join(lines) + "\n"
    print(text)
    write_benchmarks(text, whole=not args.only)
    return 0


def write_benchmarks(sections: str, whole: bool) -> None:
    """The whole file after a full run (the mutation check's section kept until it runs again), or only the
    measured sections replaced in place."""
    benchmarks = REPO / "BENCHMARKS.md"
    previous = benchmarks.read_text(encoding="utf-8") if benchmarks.exists() else "# Benchmarks\n"
    if whole:
        header = ("# Benchmarks\n\n"
                  f"Made by `make bench` (scripts/bench.py) on {datetime.date.today().isoformat()}, "
                  f"on this project's 2-core machine; medians of {RUNS} runs. Pages served gzip-compressed from localhost.\n\n")
        kept = previous[previous.index("## Mutation check\n"):] if "\n## Mutation check\n" in previous else ""
        benchmarks.write_text(header + sections + ("\n" + kept if kept else ""), encoding="utf-8")
        return
    text = previous
    for section in re.findall(r"^## .*?(?=^## |\Z)", sections, flags=re.S | re.M):
        heading = section.split("\n", 1)[0]
        block = section.rstrip() + "\n\n"
        existing = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
        if found := existing.search(text):
            text = text[:found.start()] + block + text[found.end():]
        elif "\n## Mutation check\n" in text:
            text = text.replace("\n## Mutation check\n", "\n" + block + "## Mutation check\n", 1)
        else:
            text = text.rstrip() + "\n\n" + block
    benchmarks.write_text(text.rstrip() + "\n", encoding="utf-8")


def build_section(times: dict[str, float]) -> list[str]:
    return [
        "## Build time",
        "",
        "| build | seconds | ratio to bare MkDocs |",
        "|---|---:|---:|",
        f"| bare `mkdocs build` of the same generated Markdown | {times['bare']:.2f} | 1.00 |",
        f"| cold: `python -m generator build` in a clean copy | {times['cold']:.2f} | {times['cold'] / times['bare']:.2f} |",
        f"| after editing one value | {times['edit']:.2f} | {times['edit'] / times['bare']:.2f} |",
        "",
    ]


def page_sections() -> list[str]:
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=REPO, check=True, capture_output=True)
    site = REPO / "site"
    with serve_folder(site, GzipHandler) as base:
        print("measuring transfer …", flush=True)
        sizes = transferred(base, site)
        print("running Lighthouse …", flush=True)
        scores = lighthouse(base) if LIGHTHOUSE.exists() else {}
    lines = [
        "## Bytes transferred (gzip)",
        "",
        "| page type | first view | with interactive charts | loads Plotly |",
        "|---|---:|---:|---|",
    ]
    for name, row in sizes.items():
        lines.append(f"| {name} | {row['first view'] / 1024:.0f} KB | {row['with interactive charts'] / 1024:.0f} KB | "
                     f"{'yes, on interaction' if row['plotly requested'] else 'no'} |")
    if scores:
        lines += ["", "## Lighthouse 12 (Debian chromium)", "",
                  "| page type | form | performance | accessibility | best practices | SEO |", "|---|---|---:|---:|---:|---:|"]
        for name, forms in scores.items():
            for form, s in forms.items():
                lines.append(f"| {name} | {form} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} |")
    else:
        lines += ["", "Lighthouse not installed: run `make bench` (it installs tools/bench)."]
    return [*lines, ""]


if __name__ == "__main__":
    sys.exit(main())
