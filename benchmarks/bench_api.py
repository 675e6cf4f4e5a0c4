"""Benchmark: the REST service under a bounded local load, and the time from POST to result.

Starts the real service (``capplan serve``, uvicorn) on a free loopback port with a fresh
SQLite file in a temporary folder, then:

1. the time from ``POST /api/v1/roadmaps`` to the stored result for a bundled organisation
   (the 201 answer, or the 202 job polled until done), against ``plan()`` of the same
   problem in this process (the baseline: what the service adds is the queue, the worker
   process, JSON and storage);
2. for each number of concurrent clients (``--clients 1,4,20``), requests per second and
   p50/p95 latency of ``GET`` of the stored roadmap (in full, and revalidated with
   ``If-None-Match``: 304), of its cached HTML report, of the catalogue and of ``/health``,
   against ``GET /api/v1/version`` under the same load (the baseline: a constant answer, so
   HTTP, uvicorn and the framework alone);
3. ``/health`` and the stored roadmap again while solves and fresh report renders run in the
   background (one client submitting the problem and rendering both reports of each new
   roadmap, without pause).

On a machine shared with other work, absolute figures move with its load (printed with each
row); the ratios to the baseline measured in the same phase move much less. With N
closed-loop clients the mean latency is N / (requests per second of the whole server). The
clients are raw keep-alive connections (``http_load.py``, optionally in several processes):
an httpx client costs more CPU per request than the service does on a cached answer, and on
two cores it set the figures at 20 clients.

Loopback only, bounded (every phase has a deadline) and self-stopping (the server is stopped
in all cases). Not a test: figures for the issue notes.

    .venv/bin/python benchmarks/bench_api.py [--duration 5] [--clients 1,4,20]
        [--scenario discrete_manufacturer] [--solves 3] [--processes 1]
    .venv/bin/python benchmarks/bench_api.py --quick      # 2 s per phase, 1 solve
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from http_load import Request, run_load

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
BASELINE = "version (baseline)"


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
    clients: int
    requests: int
    errors: int
    seconds: float
    latencies: list[float]
    loadavg: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def load(
    url: str, name: str, requests: tuple[Request, ...], clients: int, seconds: float, processes: int
) -> Load:
    """``clients`` concurrent closed-loop clients issuing GETs round-robin over ``requests``
    for ``seconds`` (``http_load``: raw keep-alive connections, in ``processes`` processes,
    so the client costs little next to the service); a 200 or 304 is an answer, anything
    else an error. The load average is taken at the end of the phase."""
    sample = run_load(url, requests, clients, seconds, processes)
    return Load(
        name,
        clients,
        len(sample.latencies),
        sample.errors,
        sample.seconds,
        sample.latencies,
        os.getloadavg()[0],
    )


class Background:
    """Solves and fresh report renders without pause, in a thread, until stopped."""

    def __init__(self, url: str, body: bytes) -> None:
        self.url, self.body = url, body
        self.stopping = threading.Event()
        self.solves = self.renders = 0
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Background:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stopping.set()
        self.thread.join(120)

    def _run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=120) as client:
            while not self.stopping.is_set():
                _, roadmap_id, _ = post_to_result(client, self.body, time.monotonic() + 120)
                self.solves += 1
                for lang in ("zh", "en"):
                    if self.stopping.is_set():
                        return
                    client.get(f"/api/v1/reports/roadmaps/{roadmap_id}?lang={lang}")
                    self.renders += 1


def etag_of(url: str, path: str) -> dict[str, str]:
    """``If-None-Match`` with the ETag of ``path`` (none if the service sends no ETag)."""
    tag = httpx.get(url + path, timeout=30).headers.get("etag")
    return {"If-None-Match": tag} if tag else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per load phase")
    parser.add_argument("--clients", default="1,4,20", help="concurrent clients, e.g. 1,4,20")
    parser.add_argument("--scenario", default="discrete_manufacturer")
    parser.add_argument("--solves", type=int, default=3, help="warm POSTs timed to the result")
    parser.add_argument("--quick", action="store_true", help="2 s per load phase, 1 solve")
    parser.add_argument(
        "--processes", type=int, default=1, help="client processes (clients spread over them)"
    )
    args = parser.parse_args()
    duration = 2.0 if args.quick else max(1.0, min(args.duration, 60.0))
    solves = 1 if args.quick else max(1, args.solves)
    counts = [max(1, min(int(c), 200)) for c in str(args.clients).split(",") if c.strip()]
    procs = max(1, min(args.processes, 8))
    path = SCENARIOS / f"{args.scenario}.yaml"
    body = path.read_bytes()

    problem = load_problem(path)
    params = SolveParams(time_limit=10.0, workers=2, seed=0)  # the service's defaults
    plan(problem, params)  # warm: imports and catalogue, as the service's workers are
    plan_times = []
    for _ in range(solves):
        began = time.perf_counter()
        baseline = plan(problem, params)
        plan_times.append(time.perf_counter() - began)
    plan_s = statistics.median(plan_times)
    print(f"capplan API benchmark — {args.scenario}, clients {counts}, {duration:g} s per phase")
    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores shared)")
    print(f"plan() in this process (baseline): median {plan_s:.2f} s ({baseline.status.value})")

    results: list[Load] = []
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
                for _ in range(solves):
                    seconds, roadmap_id, status = post_to_result(
                        client, body, time.monotonic() + 180
                    )
                    times.append(seconds)
                    statuses.append(status)
                size = len(client.get(f"/api/v1/roadmaps/{roadmap_id}").content)
            median = statistics.median(times)
            print(f"POST → result, first after start-up: {cold:.2f} s (answer {cold_status})")
            print(
                f"POST → result: median {median:.2f} s over {len(times)} "
                f"(min {min(times):.2f}, max {max(times):.2f}; answers {statuses}); "
                f"ratio to plan(): {median / plan_s:.2f}"
            )
            print(f"stored roadmap: {size:,} bytes of JSON")
            roadmap = f"/api/v1/roadmaps/{roadmap_id}"
            reports = tuple(f"/api/v1/reports/roadmaps/{roadmap_id}?lang={x}" for x in ("zh", "en"))
            groups: tuple[tuple[str, tuple[Request, ...]], ...] = (
                (BASELINE, (("/api/v1/version", {}),)),
                ("health", (("/api/v1/health", {}),)),
                ("GET stored roadmap", ((roadmap, {}),)),
                ("… If-None-Match (304)", ((roadmap, etag_of(server.url, roadmap)),)),
                ("GET cached report", tuple((p, {}) for p in reports)),
                ("GET catalogue", tuple((p, {}) for p in CATALOG)),
            )
            everything = tuple(r for _, requests in groups for r in requests)
            load(server.url, "warm-up", everything, 4, 1.0, 1)
            for clients in counts:
                for name, requests in groups:
                    results.append(load(server.url, name, requests, clients, duration, procs))
            busy: tuple[tuple[str, tuple[Request, ...]], ...] = (
                (BASELINE, (("/api/v1/version", {}),)),
                ("health, solving+rendering", (("/api/v1/health", {}),)),
                ("roadmap, solving+rendering", ((roadmap, {}),)),
            )
            with Background(server.url, body) as background:
                for clients in counts:
                    for name, requests in busy:
                        results.append(load(server.url, name, requests, clients, duration, procs))
            print(
                f"background during the last phases: {background.solves} solves, "
                f"{background.renders} fresh report renders"
            )
        finally:
            server.stop()

    print(
        f"{'clients':>7} {'endpoint':28} {'requests':>8} {'errors':>6} {'req/s':>7} "
        f"{'p50 ms':>7} {'p95 ms':>7} {'p50/base':>8} {'p95/base':>8} {'load':>5}"
    )
    base = results[0]
    for r in results:
        if r.name == BASELINE:
            base = r
        print(
            f"{r.clients:7d} {r.name:28} {r.requests:8d} {r.errors:6d} {r.rps:7.1f} "
            f"{r.percentile(0.5):7.2f} {r.percentile(0.95):7.2f} "
            f"{r.percentile(0.5) / base.percentile(0.5):8.2f} "
            f"{r.percentile(0.95) / base.percentile(0.95):8.2f} {r.loadavg:5.1f}"
        )
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
