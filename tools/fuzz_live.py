"""schemathesis (its command line) against a live ``capplan serve`` on loopback, bounded.

tests/api/test_schemathesis.py fuzzes the service in-process; this runs the CLI against a
real server, as an outside caller would: the examples, coverage and fuzzing phases with
every check. Why an unbounded run does not finish in minutes: the coverage phase is
exhaustive, not sampled, so a large body (a Problem, a comparison, a sweep, a questionnaire)
gives 4,000–5,000 cases per operation, about 35–45 s each on this machine, and every valid
POST queues a solve that runs beside the fuzzing. So, by default:

- the service answers at once (``CAPPLAN_SYNC_WAIT=0``, ``?wait=`` at most 0.5 s) and
  solves for at most 2 s; a risk analysis may take up to 60 s (it is not a 503 then);
- the coverage phase is off for the five POSTs with large bodies (``--full`` keeps it:
  about six minutes); the fuzzing phase still sends them ``--max-examples`` cases each;
- a solved roadmap, an assessment and a comparison are stored first, and their ids given
  to schemathesis, so the operations on stored results are tried on real ones.

    .venv/bin/python tools/fuzz_live.py [--keys] [--max-examples 5] [--full] [--timeout 170]
        [--only '^POST /api/v1/roadmaps$']     # e.g. the coverage of one large body: --full

Exit code 0 when schemathesis reports no failure; the server is always stopped.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CONFIG = ROOT / "tests" / "api" / "schemathesis.toml"
KEY = "fuzz-live-key"
LARGE_BODIES = (
    "^POST /api/v1/(roadmaps|assessments|scenarios|scenarios/sweeps"
    "|assessments/\\\\{assessment_id\\\\}/roadmaps)$"
)
QUICK: dict[str, Any] = {
    "name": "quick: tier 2 to 3",
    "organisation": {"industry": "discrete_manufacturing", "current_tier": 2},
    "target": {"tier": 3},
    "time": {"start": "2027-01-01", "horizon": 24},
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start(workdir: Path, port: int, keys: bool) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "CAPPLAN_SYNC_WAIT": "0",
        "CAPPLAN_MAX_WAIT": "0.5",
        "CAPPLAN_DEFAULT_TIME_LIMIT": "1",
        "CAPPLAN_MAX_TIME_LIMIT": "2",
        "CAPPLAN_RATE_LIMIT": "100000",
        "CAPPLAN_WARM_UP": "false",
        "CAPPLAN_RISK_WAIT": "60",
        "CAPPLAN_API_KEYS": KEY if keys else "",
    }
    for name in ("CAPPLAN_DATABASE_URL", "DATABASE_URL"):
        env.pop(name, None)
    command = [str(BIN / "capplan"), "serve", "--port", str(port), "--no-access-log"]
    with (workdir / "server.log").open("wb") as log:
        return subprocess.Popen(
            command, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def finished(client: httpx.Client, answer: httpx.Response) -> str:
    """The id of the stored result of a POST (201, or its job polled until done)."""
    if answer.status_code == 201:
        return str(answer.json()["id"])
    assert answer.status_code == 202, answer.text
    deadline = time.monotonic() + 120
    job = answer.json()
    while job["state"] in ("queued", "running"):
        assert time.monotonic() < deadline, "the seed solve did not finish in 120 s"
        time.sleep(0.2)
        job = client.get(f"/api/v1/jobs/{job['id']}").json()
    assert job["state"] == "succeeded", job
    return str(job["result_id"])


def seed(url: str, keys: bool) -> dict[str, str]:
    """A solved roadmap, an assessment and a comparison, stored; their ids by parameter."""
    from api.examples import filled_questionnaire

    headers = {"X-API-Key": KEY} if keys else {}
    with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
        deadline = time.monotonic() + 60
        while True:
            try:
                if client.get("/api/v1/health").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the service did not start in 60 s"
            time.sleep(0.2)
        roadmap = finished(client, client.post("/api/v1/roadmaps?compare_routes=false", json=QUICK))
        assessed = client.post("/api/v1/assessments", json=filled_questionnaire())
        assert assessed.status_code == 201, assessed.text
        compared = {"name": "fuzz", "base": QUICK, "variants": [{"name": "v", "set": {}}]}
        comparison = finished(client, client.post("/api/v1/scenarios", json=compared))
        job = client.get("/api/v1/jobs?limit=1").json()["data"][0]["id"]
    return {
        "path.roadmap_id": roadmap,
        "path.assessment_id": str(assessed.json()["id"]),
        "path.comparison_id": comparison,
        "path.job_id": str(job),
    }


def config(ids: dict[str, str], full: bool) -> str:
    """tests/api/schemathesis.toml, the coverage phase off for large bodies, the ids."""
    text = CONFIG.read_text(encoding="utf-8")
    if not full:
        text += (
            "\n[[operations]]\n"
            f'include-name-regex = "{LARGE_BODIES}"\n'
            "phases.coverage.enabled = false\n"
        )
    text += "\n[parameters]\n" + "".join(f'"{k}" = "{v}"\n' for k, v in ids.items())
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keys", action="store_true", help="a service with an API key")
    parser.add_argument("--max-examples", type=int, default=5, help="fuzzing cases per operation")
    parser.add_argument("--full", action="store_true", help="coverage for every operation")
    parser.add_argument("--timeout", type=float, default=170.0, help="seconds for schemathesis")
    parser.add_argument(
        "--only",
        help="operations by name, a regex on 'METHOD /path' (e.g. '^POST /api/v1/roadmaps$')",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="capplan-fuzz-live-") as tmp:
        workdir = Path(tmp)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = start(workdir, port, args.keys)
        try:
            ids = seed(url, args.keys)
            settings = workdir / "schemathesis.toml"
            settings.write_text(config(ids, args.full), encoding="utf-8")
            command = [
                str(BIN / "schemathesis"), "--config-file", str(settings), "run", "-c", "all",
                "--phases", "examples,coverage,fuzzing", "-n", str(args.max_examples),
                "-w", "1", "--seed", "1", "--suppress-health-check", "all",
                f"{url}/api/v1/openapi.json",
            ]  # fmt: skip
            if args.keys:
                command += ["-H", f"X-API-Key: {KEY}"]
            if args.only:
                command += ["--include-name-regex", args.only]
            began = time.monotonic()
            try:
                code = subprocess.run(command, timeout=args.timeout, check=False).returncode
            except subprocess.TimeoutExpired:
                print(f"fuzz_live: schemathesis did not finish in {args.timeout:g} s")
                return 2
            print(f"fuzz_live: schemathesis exit code {code} in {time.monotonic() - began:.0f} s")
            return code
        finally:
            stop(server)


if __name__ == "__main__":
    sys.exit(main())
