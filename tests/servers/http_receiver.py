"""A real HTTP endpoint on 127.0.0.1 that records what is POSTed to it (webhook tests).

Answers come from a script: ``receiver.answer(500, 200)`` makes the next two requests get
those statuses, then 200 again. ``receiver.hold()`` keeps the next request unanswered until
``receiver.release()`` (or 10 s), for timeouts without sleeping in the test.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOLD_LIMIT_SECONDS = 10.0


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


class HttpReceiver:
    def __init__(self, url: str) -> None:
        self.url = url
        self.requests: list[Received] = []
        self._answers: deque[int] = deque()
        self._held = threading.Event()
        self._held.set()
        self._lock = threading.Lock()

    def answer(self, *statuses: int) -> None:
        with self._lock:
            self._answers.extend(statuses)

    def hold(self) -> None:
        self._held.clear()

    def release(self) -> None:
        self._held.set()

    def _take(self, received: Received) -> int:
        with self._lock:
            self.requests.append(received)
            return self._answers.popleft() if self._answers else 200


class _Handler(BaseHTTPRequestHandler):
    server: _ReceiverServer

    def do_POST(self) -> None:
        receiver = self.server.receiver
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        status = receiver._take(Received(self.path, dict(self.headers.items()), body))
        receiver._held.wait(HOLD_LIMIT_SECONDS)
        with contextlib.suppress(OSError):  # the client may have given up meanwhile
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _ReceiverServer(ThreadingHTTPServer):
    receiver: HttpReceiver


@contextlib.contextmanager
def running_receiver() -> Iterator[HttpReceiver]:
    server = _ReceiverServer(("127.0.0.1", 0), _Handler)
    server.receiver = receiver = HttpReceiver(
        f"http://127.0.0.1:{server.server_address[1]}/hooks/zhongtai"
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        receiver.release()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
