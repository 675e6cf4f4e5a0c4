"""The public API of ``planner`` and the README's Python example, which uses only it."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import planner

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = {
    "Problem",
    "load_problem",
    "compile_problem",
    "Instance",
    "plan",
    "SolveParams",
    "PlanResult",
    "validate",
    "read_psplib",
}


def readme_example() -> str:
    """The README's first Python code block."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^```python\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
    assert found, "README.md has no ```python block"
    return found.group(1)


def test_all_is_the_public_api() -> None:
    assert set(planner.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(planner, name) is not None


def test_plan_and_validate_are_the_functions_not_their_modules() -> None:
    import planner.result.validate as validate_module  # noqa: F401
    import planner.solve.plan as plan_module  # noqa: F401  (a later import must not rebind the name)

    assert callable(planner.plan) and planner.plan.__module__ == "planner.solve.plan"
    assert callable(planner.validate)
    assert planner.validate.__module__ == "planner.result.validate"


def test_import_planner_does_not_import_the_solver() -> None:
    code = "import sys, planner; print(sorted(m for m in sys.modules if m.startswith('ortools')))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_readme_example_imports_only_the_public_api() -> None:
    tree = ast.parse(readme_example())
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    assert imports
    for node in imports:
        assert isinstance(node, ast.ImportFrom) and node.module == "planner", ast.unparse(node)
        assert {a.name for a in node.names} <= PUBLIC


def test_readme_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, n = re.subn(r"time_limit=\d+(\.\d+)?", "time_limit=5", readme_example())
    assert n == 1, "the example's time limit is what this test shortens"
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(("optimal", "feasible")), out
    assert out[1] == "()"  # no violations
    cheaper = namespace["cheaper"]
    assert isinstance(cheaper, planner.Problem) and cheaper.budget.total == 900
