"""A cheap closed-loop HTTP/1.1 load client for loopback benchmarks (bench_api.py).

httpx spends more CPU per request than the service does on a cached answer, so on a small
machine the client, not the server, sets the figures. Here each client is one keep-alive
connection (asyncio streams, uvloop when installed) that sends a ready request and reads
the answer by its ``Content-Length`` (no pipelining, no chunked bodies: the service sends
neither for the routes measured). The clients run in ``processes`` child processes, each
with its own event loop, so several clients never share one interpreter's time with the
measuring.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

Request = tuple[str, dict[str, str]]  # path and headers


@dataclass
class Sample:
    """What one process of clients measured."""

    latencies: list[float]
    errors: int
    seconds: float


def request_bytes(host: str, path: str, headers: dict[str, str]) -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Accept: */*"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, data: bytes) -> int:
    """Send one request and read its whole answer; the status code."""
    writer.write(data)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
            break
    if length:
        await reader.readexactly(length)
    return status


async def _clients(url: str, requests: Sequence[Request], clients: int, seconds: float) -> Sample:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    ready = [request_bytes(parts.netloc, path, headers) for path, headers in requests]
    latencies: list[float] = []
    errors = 0
    stop_at = time.perf_counter() + seconds

    async def client(offset: int) -> None:
        nonlocal errors
        i = offset
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while time.perf_counter() < stop_at:
                began = time.perf_counter()
                try:
                    status = await _exchange(reader, writer, ready[i % len(ready)])
                    if status not in (200, 304):
                        errors += 1
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    errors += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
                latencies.append(time.perf_counter() - began)
                i += 1
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(client(k) for k in range(clients)))
    return Sample(latencies, errors, time.perf_counter() - began)


def _run(url: str, requests: Sequence[Request], clients: int, seconds: float) -> Sample:
    try:
        import uvloop

        return uvloop.run(_clients(url, requests, clients, seconds))
    except ImportError:  # pragma: no cover
        return asyncio.run(_clients(url, requests, clients, seconds))


def _child(
    args: tuple[str, Sequence[Request], int, int, float],
) -> Sample:
    url, requests, clients, offset, seconds = args
    rotated = [*requests[offset % len(requests) :], *requests[: offset % len(requests)]]
    return _run(url, rotated, clients, seconds)


def run_load(
    url: str, requests: Sequence[Request], clients: int, seconds: float, processes: int = 1
) -> Sample:
    """``clients`` closed-loop clients over ``requests`` (round-robin) for ``seconds``,
    spread over ``processes`` child processes (in this process if 1)."""
    processes = max(1, min(processes, clients))
    if processes == 1:
        return _run(url, requests, clients, seconds)
    shares = [clients // processes + (k < clients % processes) for k in range(processes)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        jobs = [(url, list(requests), n, k, seconds) for k, n in enumerate(shares)]
        parts = pool.map(_child, jobs)
    latencies = [x for part in parts for x in part.latencies]
    return Sample(latencies, sum(p.errors for p in parts), max(p.seconds for p in parts))
