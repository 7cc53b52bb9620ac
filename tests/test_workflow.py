"""The GitHub Actions workflow: pinned actions, least permissions, and only commands that exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from generator.cli import build_parser

PLACEHOLDERS = {"$TARGET": "staging", "$BASE_REF": "HEAD", "$GITHUB_STEP_SUMMARY": "summary.md"}
WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "site.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment():
    uses = re.findall(r"uses: (\S+)(.*)", WORKFLOW.read_text(encoding="utf-8"))
    assert len(uses) >= 8
    for action, comment in uses:
        assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s+# v\d+(\.\d+)*", comment), (action, comment)


def test_least_permissions_timeouts_and_one_run_per_branch(workflow: dict):
    assert workflow["permissions"] == {}
    assert "group" in workflow["concurrency"]
    for name, job in workflow["jobs"].items():
        assert "timeout-minutes" in job, name
        assert job["permissions"].get("contents") in ("read", "write"), name
    writers = {name for name, job in workflow["jobs"].items() if "write" in job["permissions"].values()}
    assert writers == {"publish"}  # only the job behind the environment writes


def test_publishing_runs_behind_the_chosen_environment_on_main_only(workflow: dict):
    jobs = workflow["jobs"]
    assert jobs["target"]["if"] == "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
    assert jobs["publish"]["concurrency"] == {"group": "publish", "cancel-in-progress": False}
    assert jobs["publish"]["environment"]["name"] == "${{ needs.target.outputs.name }}"
    assert workflow[True]["workflow_dispatch"]["inputs"]["target"]["options"] == ["auto", "staging", "production"]


def _generator_commands(workflow: dict) -> list[list[str]]:
    commands = []
    for _, step in _steps(workflow):
        for line in step.get("run", "").splitlines():
            found = re.search(r"python -m generator ([^;|&>]+?)\s*(?:;|$| then|>)", line.strip())
            if found:  # variables stand for values the job computes: any valid one will do
                commands.append([PLACEHOLDERS.get(word, word) for word in shlex.split(found.group(1))])
    return commands


def test_the_workflow_calls_only_commands_and_options_the_generator_has(workflow: dict):
    commands = _generator_commands(workflow)
    assert {c[0] for c in commands} == {"validate", "diff", "publish", "export-published"}
    for command in commands:
        _, unknown = build_parser().parse_known_args(command)  # an unknown command or choice exits 2
        assert unknown == [], command


def test_the_published_site_has_the_pdf_of_the_whole_plan(workflow: dict):
    """build --pdf is a few seconds more, so only publishing and the preview make it; they install its packages first."""
    publishing = [c for c in _generator_commands(workflow) if c[0] == "publish"]
    assert publishing and all("--pdf" in command for command in publishing)
    publish_steps = [step.get("run", "") for step in workflow["jobs"]["publish"]["steps"]]
    installs = [i for i, run in enumerate(publish_steps) if "scripts/install-pdf.sh" in run]
    builds = [i for i, run in enumerate(publish_steps) if "generator publish" in run]
    assert installs and builds and installs[0] < builds[0]
    assert any(step.get("run") == "make site-pdf" for _, step in _steps(workflow))  # the pull request's preview
