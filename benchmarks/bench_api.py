"""Benchmark: the REST service under a bounded local load, and the time from POST to result.

Starts the real service (``capplan serve``, uvicorn) on a free loopback port with a fresh
SQLite file in a temporary folder, then:

1. the time from ``POST /api/v1/roadmaps`` to the stored result for a bundled organisation
   (the 201 answer, or the 202 job polled until done), against ``plan()`` of the same
   problem in this process (the baseline: what the service adds is the queue, the worker
   process, JSON and storage);
2. requests per second and p50/p95 latency of ``GET`` of the stored roadmap and of the
   catalogue endpoints with N concurrent clients for D seconds each, against
   ``GET /api/v1/health`` under the same load (the baseline: HTTP and the framework alone),
   with the HTML report of that roadmap (rendered once per language, then cached).

Loopback only, bounded (every phase has a deadline) and self-stopping (the server is stopped
in all cases). Not a test: figures for the issue notes.

    .venv/bin/python benchmarks/bench_api.py [--duration 30] [--clients 20]
        [--scenario discrete_manufacturer] [--solves 3]
    .venv/bin/python benchmarks/bench_api.py --quick      # 5 s per endpoint group
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from planner.model.problem import load_problem
from planner.result.plan_result import SolveParams
from planner.solve.plan import plan

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
CAPPLAN = Path(sys.executable).with_name("capplan")
CATALOG = (
    "/api/v1/catalog/levels",
    "/api/v1/catalog/tiers?lang=en",
    "/api/v1/catalog/subdomains?level=L3",
    "/api/v1/catalog/priorities?lang=zh",
    "/api/v1/catalog/units?industry=discrete_manufacturing",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """``capplan serve`` on loopback in its own process group, always stopped."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "CAPPLAN_POOL_WORKERS": "1",
            "CAPPLAN_SYNC_WAIT": "2",
            "CAPPLAN_RATE_LIMIT": "10000",
        }
        env.pop("CAPPLAN_DATABASE_URL", None)
        env.pop("DATABASE_URL", None)
        self.process = subprocess.Popen(
            [str(CAPPLAN), "serve", "--port", str(self.port), "--log-level", "warning"],
            cwd=workdir,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the server exited at start-up")
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the server did not start within 60 s")

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)


def post_to_result(client: httpx.Client, body: bytes, deadline: float) -> tuple[float, str, int]:
    """Seconds from POST to the stored result, the roadmap id and the HTTP status of the POST."""
    began = time.perf_counter()
    response = client.post(
        "/api/v1/roadmaps", content=body, headers={"Content-Type": "application/yaml"}
    )
    status = response.status_code
    if status == 202:
        job = response.json()
        while job["state"] in ("queued", "running"):
            if time.monotonic() > deadline:
                raise RuntimeError("the solve did not finish in time")
            time.sleep(0.02)
            job = client.get(f"/api/v1/jobs/{job['id']}").json()
        if job["state"] != "succeeded":
            raise RuntimeError(f"job {job['state']}: {job.get('reason')}")
        roadmap_id = str(job["result_id"])
    elif status == 201:
        roadmap_id = str(response.json()["id"])
    else:
        raise RuntimeError(f"POST answered {status}: {response.text[:300]}")
    return time.perf_counter() - began, roadmap_id, status


@dataclass
class Load:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


async def load(url: str, name: str, paths: tuple[str, ...], clients: int, seconds: float) -> Load:
    """``clients`` concurrent clients issuing GETs round-robin over ``paths`` for ``seconds``."""
    latencies: list[float] = []
    errors = 0
    stop_at = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:

        async def worker(offset: int) -> None:
            nonlocal errors
            i = offset
            while time.perf_counter() < stop_at:
                began = time.perf_counter()
                try:
                    response = await client.get(paths[i % len(paths)])
                    await response.aread()
                    if response.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append(time.perf_counter() - began)
                i += 1

        began = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(clients)))
        elapsed = time.perf_counter() - began
    return Load(name, len(latencies), errors, elapsed, latencies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per load phase")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--scenario", default="discrete_manufacturer")
    parser.add_argument("--solves", type=int, default=3, help="warm POSTs timed to the result")
    parser.add_argument("--quick", action="store_true", help="5 s per load phase")
    args = parser.parse_args()
    duration = 5.0 if args.quick else max(1.0, min(args.duration, 300.0))
    clients = max(1, min(args.clients, 200))
    path = SCENARIOS / f"{args.scenario}.yaml"
    body = path.read_bytes()

    problem = load_problem(path)
    params = SolveParams(time_limit=10.0, workers=2, seed=0)  # the service's defaults
    plan(problem, params)  # warm: imports and catalogue, as the service's workers are
    plan_times = []
    for _ in range(max(1, args.solves)):
        began = time.perf_counter()
        baseline = plan(problem, params)
        plan_times.append(time.perf_counter() - began)
    plan_s = statistics.median(plan_times)
    print(f"capplan API benchmark — {args.scenario}, {clients} clients, {duration:g} s per phase")
    print(f"plan() in this process (baseline): median {plan_s:.2f} s ({baseline.status.value})")

    with tempfile.TemporaryDirectory(prefix="capplan-bench-") as workdir:
        server = Server(Path(workdir))
        try:
            server.wait_ready()
            with httpx.Client(base_url=server.url, timeout=120) as client:
                for warm in CATALOG:  # first-use costs (serialisation cache) out of the figures
                    client.get(warm)
                cold, roadmap_id, cold_status = post_to_result(client, body, time.monotonic() + 180)
                times: list[float] = []
                statuses: list[int] = []
                for _ in range(max(1, args.solves)):
                    seconds, roadmap_id, status = post_to_result(
                        client, body, time.monotonic() + 180
                    )
                    times.append(seconds)
                    statuses.append(status)
            median = statistics.median(times)
            print(f"POST → result, first after start-up: {cold:.2f} s (answer {cold_status})")
            print(
                f"POST → result: median {median:.2f} s over {len(times)} "
                f"(min {min(times):.2f}, max {max(times):.2f}; answers {statuses}); "
                f"ratio to plan(): {median / plan_s:.2f}"
            )
            groups = (
                ("health (baseline)", ("/api/v1/health",)),
                ("version", ("/api/v1/version",)),
                ("GET stored roadmap", (f"/api/v1/roadmaps/{roadmap_id}",)),
                (
                    "GET cached report",
                    tuple(f"/api/v1/reports/roadmaps/{roadmap_id}?lang={x}" for x in ("zh", "en")),
                ),
                ("GET catalogue", CATALOG),
            )
            everything = tuple(p for _, paths in groups for p in paths)
            asyncio.run(load(server.url, "warm-up", everything, clients, 1.0))
            results = [
                asyncio.run(load(server.url, name, paths, clients, duration))
                for name, paths in groups
            ]
        finally:
            server.stop()

    base = results[0].rps or 1.0
    base_p95 = results[0].percentile(0.95) or 1.0
    print(
        f"{'endpoint':22} {'requests':>9} {'errors':>6} {'req/s':>8} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'req/s vs health':>15} {'p95 vs health':>13}"
    )
    for r in results:
        print(
            f"{r.name:22} {r.requests:9d} {r.errors:6d} {r.rps:8.1f} {r.percentile(0.5):8.1f} "
            f"{r.percentile(0.95):8.1f} {r.rps / base:15.2f} {r.percentile(0.95) / base_p95:13.2f}"
        )


if __name__ == "__main__":
    main()
