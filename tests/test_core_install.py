"""With only the core dependencies, the library imports and ``capplan plan`` / ``catalog`` work.

A fresh interpreter gets a meta-path finder that refuses every module of the extras (api,
postgres, dask, xlsx), as if they were not installed; the commands that need an extra say
which one to install, in both languages, instead of a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXTRAS_MODULES = (
    "fastapi",
    "starlette",
    "sqlalchemy",
    "alembic",
    "pydantic_settings",
    "uvicorn",
    "psycopg",
    "dask",
    "distributed",
    "openpyxl",
)

BLOCKER = """
import sys

BLOCKED = set(sys.argv[1].split(","))


class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (blocked)", name=name)
        return None


sys.meta_path.insert(0, Blocker())
"""


def run_core(
    script: str, tmp_path: Path, blocked: tuple[str, ...] = EXTRAS_MODULES
) -> dict[str, Any]:
    """Run ``script`` with the extras blocked; it leaves its findings in ``out`` (a dict)."""
    code = (
        BLOCKER
        + textwrap.dedent(script)
        + textwrap.dedent(
            """
        import json
        out["leaked"] = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
        print("RESULT " + json.dumps(out))
        """
        )
    )
    done = subprocess.run(
        [sys.executable, "-c", code, ",".join(blocked)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "COLUMNS": "200"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    result: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
    return result


def test_the_blocker_blocks(tmp_path: Path) -> None:
    out = run_core(
        """
        out = {}
        try:
            import openpyxl  # noqa: F401
            out["imported"] = True
        except ModuleNotFoundError as exc:
            out["imported"], out["name"] = False, exc.name
        """,
        tmp_path,
    )
    assert out == {"imported": False, "name": "openpyxl", "leaked": []}


def test_plan_and_catalog_with_the_core_only(tmp_path: Path) -> None:
    result_file = tmp_path / "result.json"
    out = run_core(
        f"""
        from typer.testing import CliRunner

        import planner
        from planner.cli import app

        runner = CliRunner()
        out = {{}}
        plan = runner.invoke(
            app,
            ["plan", "scenarios/discrete_manufacturer.yaml", "--time-limit", "5",
             "--lang", "en", "--json", {str(result_file)!r}],
        )
        out["plan"] = [plan.exit_code, plan.output]
        tiers = runner.invoke(app, ["catalog", "tiers", "--lang", "en"])
        out["tiers"] = [tiers.exit_code, tiers.output]
        serve = runner.invoke(app, ["serve", "--port", "8123"])
        out["serve"] = [serve.exit_code, serve.output]
        xlsx = runner.invoke(app, ["questionnaire", "--xlsx", {str(tmp_path / "q.xlsx")!r}])
        out["xlsx"] = [xlsx.exit_code, xlsx.output]
        problem = planner.load_problem("scenarios/energy_supplier.yaml")
        result = planner.plan(problem, planner.SolveParams(time_limit=5, workers=1))
        out["api"] = [result.status.value, len(result.violations)]
        """,
        tmp_path,
    )
    assert out["leaked"] == []
    code, text = out["plan"]
    assert code == 0, text
    assert "Route chosen" in text
    assert json.loads(result_file.read_text(encoding="utf-8"))["roadmap"]["steps"]
    code, text = out["tiers"]
    assert code == 0, text
    assert "L5" in text
    code, text = out["serve"]
    assert code == 2, text
    assert "pip install 'capplan[api]'" in text and "可选依赖" in text
    code, text = out["xlsx"]
    assert code == 2, text
    assert "capplan[xlsx]" in text and "openpyxl" in text
    status, violations = out["api"]
    assert status in ("optimal", "feasible") and violations == 0
