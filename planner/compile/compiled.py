"""Compile once: a problem's Instance, kept for the next caller in the same process.

``plan()``, the report, the exports, the risk analysis, the what-if solves and the service all
ask for the Instance of the problem they were given. Compiling the bundled discrete
manufacturer takes most of a second, so each asks here: the first call compiles, the next ones
get the same Instance (it is never changed after compilation; nothing in capplan assigns to
it). The key is the problem's canonical JSON and the catalogue object, so an edited problem or
another catalogue compiles afresh. A problem that does not compile raises its DataError every
time (nothing is kept).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from catalog import Catalog, load_catalog
from planner.compile.instance import Instance, build_instance
from planner.model.problem import Problem

KEEP = 8  # instances kept per process (the largest generated groups take tens of MB each)

_lock = threading.Lock()
_kept: OrderedDict[tuple[str, int], Instance] = OrderedDict()
_compiles = 0  # how many times build_instance ran here (for tests and benchmarks)


def compile_problem(problem: Problem, catalog: Catalog | None = None) -> Instance:
    """The problem's Instance: compiled on the first call, the same object afterwards."""
    global _compiles
    cat = catalog or load_catalog()
    digest = hashlib.sha256(problem.model_dump_json().encode("utf-8")).hexdigest()
    key = (digest, id(cat))
    with _lock:
        found = _kept.get(key)
        if found is not None and found.catalog is cat:
            _kept.move_to_end(key)
            return found
    instance = build_instance(problem, cat)
    with _lock:
        _compiles += 1
        _kept[key] = instance
        _kept.move_to_end(key)
        while len(_kept) > KEEP:
            _kept.popitem(last=False)
    return instance


def compiles() -> int:
    """How many problems were compiled in this process so far."""
    return _compiles
