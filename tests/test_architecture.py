"""The import graph of catalog/, planner/ and api/, read statically with ``ast``.

Every ``import`` is an edge, flagged by when it runs: ``module`` (when the module is imported),
``function`` (when a function runs: a lazy import), ``typing`` (under ``TYPE_CHECKING``: never
at run time); ``importlib.import_module("x")`` and ``require("x", extra)`` with a literal name
count too. The layers (docs/architecture.md), lowest first:

    catalog → model → compile → result → solve → public API → assessment | whatif → report
    → cli → service (api)

A module imports only from its own layer or layers below (assessment and what-if not from
each other); the one exception is ``capplan serve``: planner.cli imports api.cli inside the
command. Only planner/cpsat/ imports OR-Tools. On failure the offending edges are printed.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("catalog", "planner", "api")
Kind = Literal["module", "function", "typing"]

# planner's modules outside a subpackage, by layer (until they move into layer packages)
FLAT = {
    "planner.problem": "model",
    "planner.work": "model",
    "planner.psplib": "model",
    "planner.extras": "model",
    "planner.requirements": "model",
    "planner.deliver.spec": "model",
    "planner.maturity": "compile",
    "planner.sizing": "compile",
    "planner.spread": "compile",
    "planner.chains": "compile",
    "planner.organisation": "compile",
    "planner.state": "compile",
    "planner.steps": "compile",
    "planner.userwork": "compile",
    "planner.instance": "compile",
    "planner.roadmap": "result",
    "planner.result": "result",
    "planner.validate": "result",
    "planner.replan": "result",
    "planner.account": "result",
    "planner.baseline": "solve",
    "planner.bounds": "solve",
    "planner.deadline": "solve",
    "planner.plan": "solve",
    "planner": "public",
    "planner.cli": "cli",
}
SUBPACKAGES = {
    "planner.cpsat": "solve",
    "planner.assessment": "assessment",
    "planner.whatif": "whatif",
    "planner.report": "report",
    "planner.deliver": "report",
    "planner.risk": "report",
}
RANK = {
    "catalog": 0,
    "model": 1,
    "compile": 2,
    "result": 3,
    "solve": 4,
    "public": 5,
    "assessment": 6,
    "whatif": 6,
    "report": 7,
    "cli": 8,
    "service": 9,
}
SERVE = ("planner.cli", "api.cli")  # the one import of api from catalog/ or planner/
DYNAMIC = {"import_module", "require"}  # calls whose literal first argument names a module
# where a module name is computed (so the graph cannot see it): reviewed, nowhere else
COMPUTED_IMPORTS = {"planner.cli", "planner.extras"}


@dataclass(frozen=True)
class Edge:
    src: str
    dst: str
    kind: Kind
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.src} -> {self.dst}  [{self.kind}] {self.file}:{self.line}"


@dataclass(frozen=True)
class Graph:
    modules: dict[str, Path]
    edges: tuple[Edge, ...]
    computed: tuple[tuple[str, int], ...]  # (module, line) of import_module(<not a literal>)

    def internal(self, kinds: Iterable[Kind] = ("module", "function", "typing")) -> list[Edge]:
        wanted = set(kinds)
        return [e for e in self.edges if e.dst in self.modules and e.kind in wanted]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


class _Imports(ast.NodeVisitor):
    def __init__(self, graph_modules: dict[str, Path], module: str, path: Path) -> None:
        self.modules, self.module, self.path = graph_modules, module, path
        self.is_package = path.name == "__init__.py"
        self.functions = 0
        self.type_checking = 0
        self.edges: list[Edge] = []
        self.computed: list[tuple[str, int]] = []

    def kind(self) -> Kind:
        if self.type_checking:
            return "typing"
        return "function" if self.functions else "module"

    def add(self, dst: str, node: ast.stmt | ast.expr) -> None:
        file = str(self.path.relative_to(ROOT))
        self.edges.append(Edge(self.module, dst, self.kind(), file, node.lineno))

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.functions += 1
        self.generic_visit(node)
        self.functions -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_If(self, node: ast.If) -> None:
        test = ast.unparse(node.test)
        guarded = test in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
        self.type_checking += guarded
        for child in node.body:
            self.visit(child)
        self.type_checking -= guarded
        for child in node.orelse:
            self.visit(child)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            package = self.module.split(".")
            package = package if self.is_package else package[:-1]
            package = package[: len(package) - node.level + 1]
            base = ".".join([*package, base] if base else package)
        for alias in node.names:
            full = f"{base}.{alias.name}"
            self.add(full if full in self.modules else base, node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in DYNAMIC and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                self.add(first.value, node)
            else:
                self.computed.append((self.module, node.lineno))
        self.generic_visit(node)


@cache
def import_graph() -> Graph:
    files = sorted(f for pkg in PACKAGES for f in (ROOT / pkg).rglob("*.py"))
    modules = {module_name(f): f for f in files}
    edges: list[Edge] = []
    computed: list[tuple[str, int]] = []
    for module, path in modules.items():
        visitor = _Imports(modules, module, path)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        edges += visitor.edges
        computed += visitor.computed
    return Graph(modules, tuple(dict.fromkeys(edges)), tuple(computed))


def layer(module: str) -> str | None:
    top = module.split(".")[0]
    if top == "catalog":
        return "catalog"
    if top == "api":
        return "service"
    if module.startswith("planner.") and module.endswith(".cli"):
        return "cli"
    if module in FLAT:  # a module placed on its own (e.g. an input model in a subpackage)
        return FLAT[module]
    for package, name in SUBPACKAGES.items():
        if module == package or module.startswith(package + "."):
            return name
    return None


def cycles(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan), each sorted."""
    succ: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        if a != b:
            succ[a].add(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(succ[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(succ):
        if node not in index:
            visit(node)
    return sorted(found)


def report(title: str, lines: Iterable[object]) -> str:
    return title + "\n  " + "\n  ".join(str(x) for x in lines)


def _upward(edges: Iterable[Edge]) -> Iterator[Edge]:
    for e in edges:
        src, dst = layer(e.src), layer(e.dst)
        if src is None or dst is None or (e.src, e.dst) == SERVE:
            continue
        if RANK[dst] > RANK[src] or (RANK[dst] == RANK[src] and dst != src):
            yield e


# --- the graph itself ------------------------------------------------------------------


def test_the_graph_sees_every_kind_of_import() -> None:
    graph = import_graph()
    kinds = {(e.src, e.dst): e.kind for e in graph.edges}
    assert kinds[("planner.plan", "planner.instance")] == "module"
    assert kinds[("planner.plan", "planner.cpsat")] == "function"
    assert kinds[("planner.report.roadmap", "planner.assessment.models")] == "typing"
    assert kinds[("planner.whatif.executor", "distributed")] == "function"  # require("distributed")


def test_every_module_has_a_layer() -> None:
    missing = [m for m in import_graph().modules if layer(m) is None]
    assert not missing, report(
        "modules with no layer: add them to FLAT in tests/test_architecture.py and a line "
        "to docs/architecture.md",
        missing,
    )


# --- the rules -------------------------------------------------------------------------


def test_no_module_imports_a_layer_above_its_own() -> None:
    bad = list(_upward(import_graph().internal()))
    assert not bad, report("imports of a layer above (or of a sibling layer):", bad)


def test_no_import_cycle_between_layers() -> None:
    """Layers as nodes (planner's subpackages are layers; their ``cli`` modules are the CLI)."""
    edges = [
        (layer(e.src) or e.src, layer(e.dst) or e.dst, e)
        for e in import_graph().internal()
        if (e.src, e.dst) != SERVE
    ]
    found = cycles((a, b) for a, b, _ in edges)
    assert not found, report(
        "import cycles between layers:",
        [" ↔ ".join(c) for c in found]
        + ["closed by:"]
        + [e for e in _upward(e for *_, e in edges) if layer(e.src) in set().union(*found)],
    )


def test_no_import_cycle_between_modules() -> None:
    """Between modules, lazy (function-level) imports count too; ``typing`` ones do not run."""
    edges = import_graph().internal(("module", "function"))
    found = cycles((e.src, e.dst) for e in edges)
    assert not found, report(
        "module import cycles:",
        [e for c in found for e in edges if e.src in c and e.dst in c and e.src != e.dst],
    )


def test_only_cpsat_imports_ortools() -> None:
    bad = [
        e
        for e in import_graph().edges
        if e.dst.split(".")[0] == "ortools" and not e.src.startswith("planner.cpsat")
    ]
    assert not bad, report("OR-Tools imported outside planner/cpsat/:", bad)
    assert any(e.dst.startswith("ortools") for e in import_graph().edges)


def test_catalog_and_planner_import_api_only_to_mount_serve_lazily() -> None:
    to_api = [
        e
        for e in import_graph().edges
        if e.dst.split(".")[0] == "api" and e.src.split(".")[0] in ("catalog", "planner")
    ]
    bad = [e for e in to_api if (e.src, e.dst) != SERVE or e.kind != "function"]
    assert not bad, report("imports of api from catalog/ or planner/:", bad)
    assert [(e.src, e.dst) for e in to_api] == [SERVE]


EXTRAS = {  # top-level packages of the extras api, postgres, dask and xlsx (pyproject.toml)
    "fastapi",
    "starlette",
    "uvicorn",
    "sqlalchemy",
    "alembic",
    "pydantic_settings",
    "psycopg",
    "dask",
    "distributed",
    "openpyxl",
}


def test_catalog_and_planner_import_extras_only_inside_functions() -> None:
    """So the core runs without them (tests/test_core_install.py runs it so)."""
    bad = [
        e
        for e in import_graph().edges
        if e.dst.split(".")[0] in EXTRAS
        and e.src.split(".")[0] in ("catalog", "planner")
        and e.kind == "module"
    ]
    assert not bad, report("extras imported when a core module is imported:", bad)
    lazy = {e.dst.split(".")[0] for e in import_graph().edges if e.src.startswith("planner.")}
    assert {"openpyxl", "distributed"} <= lazy  # the graph sees require("openpyxl", ...)


def test_planner_modules_do_not_import_the_public_api_package() -> None:
    """``planner/__init__`` imports the public API; a planner module importing a name from it
    would see a half-initialised package. (The service and the tests may use it.)"""
    graph = import_graph()
    bad = [
        e
        for e in graph.edges
        if e.dst == "planner" and e.src.split(".")[0] in ("catalog", "planner")
    ]
    assert not bad, report("planner modules importing from the package planner:", bad)


def test_module_names_are_computed_only_where_reviewed() -> None:
    bad = [f"{m}:{line}" for m, line in import_graph().computed if m not in COMPUTED_IMPORTS]
    assert not bad, report("import_module/require with a computed name (add a literal):", bad)


def test_docs_list_every_module_once() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([a-z0-9_.]+)` \|", text, re.MULTILINE)
    modules = set(import_graph().modules)
    missing = sorted(modules - set(listed))
    stale = sorted(set(listed) - modules)
    repeated = sorted({m for m in listed if listed.count(m) > 1})
    assert not (missing or stale or repeated), report(
        "docs/architecture.md module table:",
        [f"missing {m}" for m in missing]
        + [f"no such module {m}" for m in stale]
        + [f"listed twice {m}" for m in repeated],
    )
