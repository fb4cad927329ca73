"""A fake group-robot webhook server on 127.0.0.1 (answers ok, 500, a slow answer past the timeout,
or an error code, by path), and the set-ups the event tests share."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from tests.plans.conftest import draft_plan, my_client, next_monday, submitted_plan  # noqa: F401
from tests.problems.conftest import escalated, problem  # noqa: F401
from tests.proposals.conftest import make_proposal  # noqa: F401


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.calls.append({"path": self.path, "body": json.loads(body or b"{}")})
        route = self.path.split("?")[0]
        if route == "/500":
            self.send_response(500)
            self.end_headers()
            return
        if route == "/timeout":
            time.sleep(1.2)
        if route == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if route == "/drip":  # headers at once, then one byte every 0.2 s for 6 s (a slow server)
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "30")
                self.end_headers()
                for _ in range(30):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
            return
        answer = {"errcode": 310000, "errmsg": "sign not match"} if route == "/errcode" else {}
        answer = answer or {"errcode": 0, "errmsg": "ok"}
        data = json.dumps(answer).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # the client gave up (timeout)
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.calls = []
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def today():
    return timezone.localdate()
