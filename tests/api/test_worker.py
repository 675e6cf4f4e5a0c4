"""The worker function: importable at module level, JSON in and JSON out, validated."""

from __future__ import annotations

import json
import pickle

from api import worker
from api.versions import solver_version
from planner.model.problem import Problem
from planner.result.plan_result import SolveParams
from tests.api.conftest import assert_valid_result, demo


def test_run_job_is_json_in_json_out() -> None:
    payload = json.dumps(
        {
            "problem": Problem.model_validate(demo()).model_dump(mode="json"),
            "params": SolveParams(time_limit=5, workers=2, compare_routes=False).model_dump(),
        }
    )
    output = worker.run_job("roadmap", payload)
    assert output["solver_version"] == solver_version()
    result = assert_valid_result(json.loads(output["result"]))
    assert result.status == "optimal"
    # same input and seed, same roadmap
    again = assert_valid_result(json.loads(worker.run_job("roadmap", payload)["result"]))
    assert again.roadmap == result.roadmap


def test_worker_functions_pickle_by_reference() -> None:
    for function in (worker.run_job, worker.warm_up):
        assert pickle.loads(pickle.dumps(function)) is function
