"""A real ``capplan serve`` process on a free loopback port, driven over HTTP."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

import httpx

CAPPLAN = Path(sys.executable).with_name("capplan")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LiveServer:
    """``capplan serve`` in its own process group (so a kill reaches its pool workers too)."""

    def __init__(
        self, workdir: Path, env: dict[str, str | None], args: tuple[str, ...] = ()
    ) -> None:
        """``env`` is added to this process's environment; a None value removes the key;
        ``args`` are more options of ``capplan serve``."""
        self.workdir = workdir
        self.args = args
        merged = {**os.environ, **env}
        self.env = {key: value for key, value in merged.items() if value is not None}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / f"server-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> LiveServer:
        command = [str(CAPPLAN), "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        command += self.args
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                command,
                cwd=self.workdir,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text(errors='replace')}")
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1.0).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"server did not start: {self.log.read_text(errors='replace')}")

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60.0)

    def stop(self, timeout: float = 20.0) -> bool:
        """SIGTERM; True if the service shut down gracefully (uvicorn then re-raises the
        signal, so the exit code is -SIGTERM)."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise
        log = self.log.read_text(errors="replace")
        return code in (0, -signal.SIGTERM) and "Application shutdown complete" in log

    def kill(self) -> None:
        """SIGKILL to the whole process group: a crash, pool workers included."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.process is not None and self.process.poll() is None:
            self.kill()
