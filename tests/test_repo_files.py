"""The repository's own files: the licence matches pyproject, pre-commit needs no network."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent


def test_licence_file_matches_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == {"text": "Proprietary"}
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "proprietary" in text.lower() and "capplan" in text and "All rights reserved" in text


def test_pre_commit_runs_only_local_venv_tools() -> None:
    """``repo: local`` with ``language: system``: no hook repository is cloned at run time."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = []
    for repo in config["repos"]:
        assert repo["repo"] == "local", repo
        hooks += repo["hooks"]
    assert {h["id"] for h in hooks} == {"ruff-check", "ruff-format", "mypy"}
    for hook in hooks:
        assert hook["language"] == "system", hook
        tool = hook["entry"].split()[0]
        assert tool.startswith(".venv/bin/"), hook
        assert (VENV_BIN / Path(tool).name).is_file(), f"{tool} is not installed"
    mypy = next(h for h in hooks if h["id"] == "mypy")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert mypy["entry"].removeprefix(".venv/bin/") in makefile  # the same targets as make test


def test_pre_commit_accepts_the_config() -> None:
    done = subprocess.run(
        [str(VENV_BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
