"""Three slowloris connections (a request line, then one header byte now and then) do not take the
site down when gunicorn runs with the project's configuration (gunicorn.conf.py), even without
nginx in front: another client is answered at once."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str = "/healthz", timeout: float = 3.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(4096):
            data += chunk
        return data


def test_three_slow_connections_leave_the_site_up(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "salesops.settings_test",
        "GUNICORN_WORKERS": "1",  # the harshest case: one worker
        "GUNICORN_THREADS": "8",
    }
    server = subprocess.Popen(
        [
            str(GUNICORN),
            "salesops.wsgi",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("w"),
    )
    slow = []
    try:
        for _ in range(50):
            try:
                _get(port, timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        for _ in range(3):
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            slow.append(s)
        time.sleep(0.5)
        for s in slow:
            s.sendall(b"a")
        started = time.monotonic()
        answer = _get(port)
        elapsed = time.monotonic() - started
        assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
        assert elapsed < 1.0, elapsed
    finally:
        for s in slow:
            s.close()
        server.terminate()
        server.wait(timeout=20)
