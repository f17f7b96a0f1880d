"""Load: many requests at once against a real server, not the test client.

`server()` starts gunicorn on a free port with the benchmark's settings and database
(the same environment as the worker process), as production runs it: `WORKERS` sync
worker processes, each request in its own database transaction. `drive()` sends the
requests from `CLIENTS` threads, each with its own keep-alive connection, and times the
whole run from the first request to the last answer. The server and the client share
the machine's cores, as a load generator on the same host does.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORKERS = max(2, (os.cpu_count() or 1) + 1)
CLIENTS = 16


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def server(**env: str) -> Iterator[str]:
    """A gunicorn serving teilhabe on 127.0.0.1; yields its base URL."""
    port = _free_port()
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi",
        "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS),
        "--log-level", "warning", "--keep-alive", "30",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})  # noqa: S603
    try:
        _wait_until_up(port, process)
        yield f"127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_until_up(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn ended with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not start within 60 s")


class Session:
    """One client's keep-alive connection with its cookies."""

    def __init__(self, host: str) -> None:
        self.connection = http.client.HTTPConnection(host, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, str]:
        sent = {**(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=sent)
        response = self.connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.read().decode()


def drive(
    host: str,
    count: int,
    prepare: Callable[[Session, int], Any],
    send: Callable[[Session, Any, int], tuple[int, str]],
) -> dict[str, Any]:
    """Send `count` requests from `CLIENTS` threads: `prepare(session, client)` once per
    client (untimed, e.g. fetching the form), then `send(session, prepared, index)` per
    request. Returns the answers by index and the seconds from first send to last answer."""
    answers: dict[int, tuple[int, str]] = {}
    failures: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(CLIENTS + 1)

    def client(number: int) -> None:
        session = Session(host)
        prepared = prepare(session, number)
        start.wait()
        for index in range(number, count, CLIENTS):
            try:
                answer = send(session, prepared, index)
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    failures.append(f"{index}: {error!r}")
                session = Session(host)
                continue
            with lock:
                answers[index] = answer

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    return {"answers": answers, "failures": failures, "seconds": seconds}


def result(
    *, count: int, seconds: float, ok: int, stored: int, lost: int, failures: list[str]
) -> dict[str, Any]:
    """The figures of one load: requests, time, rate of confirmed requests, how many were
    refused (not confirmed) and lost (confirmed, but their record is missing)."""
    return {
        "requests": count,
        "seconds": round(seconds, 2),
        "per_s": round(ok / seconds, 1) if seconds else 0.0,
        "ok": ok,
        "stored": stored,
        "lost": lost,
        "errors": failures[:5],
        "workers": WORKERS,
        "clients": CLIENTS,
    }
