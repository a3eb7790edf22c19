"""Free ports and process-group shutdown for the servers the tests start."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess

STOP_TIMEOUT_SECONDS = 10.0
# weed derives gRPC ports as port + 10000, so its ports stay clear of the top of the range.
MAX_PORT = 55535


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    return free_ports(1)[0]


def free_ports(count: int, below: int = MAX_PORT) -> list[int]:
    """Distinct free ports below ``below`` (held open together so none repeats)."""
    with contextlib.ExitStack() as stack:
        ports: list[int] = []
        while len(ports) < count:
            probe = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
            probe.bind(("127.0.0.1", 0))
            port: int = probe.getsockname()[1]
            if port < below:
                ports.append(port)
        return ports


def stop_process_group(
    process: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT_SECONDS
) -> None:
    """SIGTERM the process's group (it was started with ``start_new_session``), then SIGKILL
    it if it is still running after ``timeout`` seconds."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, None)):
        if process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=wait)
