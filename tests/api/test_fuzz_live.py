"""The schemathesis command line against a live ``capplan serve`` (tools/fuzz_live.py): the
examples, coverage and fuzzing phases with every check finish with no failure, bounded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("schemathesis")
SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "fuzz_live.py"


def test_schemathesis_cli_finds_no_failure_on_a_live_service_with_keys() -> None:
    command = [sys.executable, str(SCRIPT), "--keys", "--max-examples", "3", "--timeout", "170"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "passed" in done.stdout and "fuzz_live: schemathesis exit code 0" in done.stdout
