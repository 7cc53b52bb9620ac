"""Benchmark: build time, bytes transferred and Lighthouse scores per page type.

Prints the figures and writes them to BENCHMARKS.md. Not a test: numbers vary
by machine; targets are judged by reading them (see issue "chart platform").

    make bench      # or: .venv/bin/python scripts/bench.py
"""

from __future__ import annotations

import datetime
import gzip
import http.server
import json
import os
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


def main() -> int:
    print("building …", flush=True)
    times = build_times()
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=REPO, check=True, capture_output=True)
    site = REPO / "site"
    with serve_folder(site, GzipHandler) as base:
        print("measuring transfer …", flush=True)
        sizes = transferred(base, site)
        print("running Lighthouse …", flush=True)
        scores = lighthouse(base) if LIGHTHOUSE.exists() else {}
    lines = [
        "# Benchmarks",
        "",
        f"Made by `make bench` (scripts/bench.py) on {datetime.date.today().isoformat()}, "
        f"on this project's 2-core machine; medians of {RUNS} runs. Pages served gzip-compressed from localhost.",
        "",
        "## Build time",
        "",
        "| build | seconds | ratio to bare MkDocs |",
        "|---|---:|---:|",
        f"| bare `mkdocs build` of the same generated Markdown | {times['bare']:.2f} | 1.00 |",
        f"| cold: `python -m generator build` in a clean copy | {times['cold']:.2f} | {times['cold'] / times['bare']:.2f} |",
        f"| after editing one value | {times['edit']:.2f} | {times['edit'] / times['bare']:.2f} |",
        "",
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
    text = "\n".join(lines) + "\n"
    print(text)
    benchmarks = REPO / "BENCHMARKS.md"
    previous = benchmarks.read_text(encoding="utf-8") if benchmarks.exists() else ""
    if "\n## Mutation check\n" in previous:  # scripts/mutants.py's figures are kept until it runs again
        text += "\n" + previous[previous.index("## Mutation check\n"):]
    benchmarks.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
