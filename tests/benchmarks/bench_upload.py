"""Upload benchmark: 1 GiB through the API into SeaweedFS vs the raw minio client.

Starts SeaweedFS (``weed mini``) and the platform under uvicorn on free ports (the
storage backend pointed at SeaweedFS with MINIO_* variables, no Celery worker), then
uploads the same generated CSV-like bytes twice, never holding them in memory:

- through ``POST /api/v1/datasets/{id}/versions/`` as multipart/form-data, from a
  streaming client (requests with an iterable body of known length);
- with ``Minio.put_object`` straight to the same server.

After a small warm-up of both paths, the two uploads alternate for ``--rounds``
rounds. Prints each throughput, the ratio of the medians (target >= 0.8) and the
server process's RSS growth over the uploads (target <= 64 MB). Figures are printed,
not asserted; on a shared machine run it more than once.

    python tests/benchmarks/bench_upload.py [--size-mib 1024] [--rounds 3]
        [--app platform_core.asgi:application]
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, cast

import psutil
import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.servers.ports import free_port  # noqa: E402
from tests.servers.seaweedfs import S3Endpoint, running_seaweedfs  # noqa: E402

MiB = 1024 * 1024
BUCKET = "zt-bench"
WARM_UP_BYTES = 32 * 1024 * 1024
BOUNDARY = "zt-bench-" + uuid.uuid4().hex


def csv_block() -> bytes:
    """One MiB of CSV rows, repeated to make the payload (generated once, not per byte)."""
    rows = []
    size = 0
    number = 0
    while size < MiB:
        row = f"{number},{number * 0.37:.3f},sensor-{number % 97},2024-01-{1 + number % 28:02d}\n"
        rows.append(row)
        size += len(row)
        number += 1
    return "".join(rows).encode()[:MiB]


def payload(total: int) -> Iterator[bytes]:
    """``total`` bytes: a header row, then CSV rows, one MiB at a time."""
    header = b"id,value,sensor,day\n"
    block = csv_block()
    yield header
    sent = len(header)
    while sent < total:
        chunk = block[: total - sent]
        sent += len(chunk)
        yield chunk


class MultipartBody:
    """A multipart/form-data body streamed from a generator, with a known length."""

    def __init__(self, filename: str, size: int) -> None:
        self.head = (
            f"--{BOUNDARY}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        self.tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.size = size

    def __len__(self) -> int:
        return len(self.head) + self.size + len(self.tail)

    def __iter__(self) -> Iterator[bytes]:
        yield self.head
        yield from payload(self.size)
        yield self.tail


class GeneratorReader:
    """The payload as a read()-able stream, for the minio client."""

    def __init__(self, size: int) -> None:
        self._chunks = payload(size)
        self._buffer = b""

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._buffer += chunk
        cut = len(self._buffer) if size < 0 else size
        data, self._buffer = self._buffer[:cut], self._buffer[cut:]
        return data


class RssWatcher(threading.Thread):
    """Samples a process's resident memory until stopped; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.process = psutil.Process(pid)
        self.baseline = self.rss()
        self.peak = self.baseline
        self._done = threading.Event()

    def rss(self) -> int:
        return int(self.process.memory_info().rss)

    def run(self) -> None:
        while not self._done.wait(0.05):
            self.peak = max(self.peak, self.rss())

    def stop(self) -> None:
        self._done.set()
        self.join()


def setup_platform(data_dir: str, s3: S3Endpoint) -> dict[str, str]:
    """Configure this process like the server, migrate, and create a dataset to upload to."""
    os.environ.update(
        {
            "ZT_DATA_DIR": data_dir,
            "DJANGO_SETTINGS_MODULE": "platform_core.settings",
            "MINIO_ENDPOINT": s3.endpoint,
            "MINIO_ACCESS_KEY": s3.access_key,
            "MINIO_SECRET_KEY": s3.secret_key,
            "MINIO_BUCKET": BUCKET,
            "ZT_LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()  # starts the embedded PostgreSQL and exports DATABASE_URL to children
    from django.core.management import call_command
    from rest_framework_simplejwt.tokens import RefreshToken

    from data_platform.services.datasets import create_dataset
    from platform_core.identity.services import create_user
    from platform_core.tenancy.services import create_organization, create_project

    call_command("migrate", verbosity=0)
    user = create_user(None, email="bench@example.com", password="bench-password-1")
    organization = create_organization(user, name="Bench", slug="bench")
    project = create_project(user, organization=organization, name="Upload", slug="upload")
    dataset = create_dataset(user, project=project, name="sensor-readings", format="csv")
    return {
        "dataset": str(dataset.pk),
        "token": str(RefreshToken.for_user(user).access_token),
    }


def start_server(port: int, app: str) -> subprocess.Popen[bytes]:
    """The web process as ``manage.py serve --no-worker`` runs it."""
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "uvicorn", app),
            *("--host", "127.0.0.1", "--port", str(port), "--lifespan", "off", "--no-access-log"),
        ],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).ok:
                return server
        except requests.RequestException:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("The platform did not start.")


def upload_through_api(port: int, platform: dict[str, str], size: int) -> float:
    body = MultipartBody("readings.csv", size)
    started = time.perf_counter()
    response = requests.post(
        f"http://127.0.0.1:{port}/api/v1/datasets/{platform['dataset']}/versions/",
        data=body,
        headers={
            "Authorization": f"Bearer {platform['token']}",
            "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
        },
        timeout=3600,
    )
    elapsed = time.perf_counter() - started
    if response.status_code not in (201, 202):
        raise RuntimeError(f"Upload failed: {response.status_code} {response.text[:500]}")
    stored = response.json()["files"][0]["size"]
    if stored != size:
        raise RuntimeError(f"Stored {stored} bytes of {size}.")
    return elapsed


def upload_with_minio(s3: S3Endpoint, size: int) -> float:
    from minio import Minio

    client = Minio(s3.endpoint, s3.access_key, s3.secret_key, secure=False)
    if not client.bucket_exists(BUCKET):
        client.make_bucket(BUCKET)
    started = time.perf_counter()
    stream = cast(BinaryIO, GeneratorReader(size))  # the SDK only calls read()
    client.put_object(BUCKET, f"raw/{uuid.uuid4().hex}.csv", stream, size)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--app", default="platform_core.asgi:application", help="ASGI app")
    args = parser.parse_args()
    size = args.size_mib * MiB

    tmp = Path(tempfile.mkdtemp(prefix="zt-bench-upload-"))
    # Registered first, so it runs last: after the embedded PostgreSQL has stopped.
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    (tmp / "seaweedfs").mkdir()
    api_times: list[float] = []
    raw_times: list[float] = []
    with running_seaweedfs(tmp / "seaweedfs") as s3:
        platform = setup_platform(str(tmp / "platform"), s3)
        port = free_port()
        server = start_server(port, args.app)
        try:
            # Warm up both paths (connections, lazily built clients, SeaweedFS volumes).
            upload_through_api(port, platform, WARM_UP_BYTES)
            upload_with_minio(s3, WARM_UP_BYTES)
            watcher = RssWatcher(server.pid)
            watcher.start()
            for _ in range(args.rounds):
                api_times.append(upload_through_api(port, platform, size))
                raw_times.append(upload_with_minio(s3, size))
            watcher.stop()
        finally:
            server.terminate()
            server.wait(timeout=30)

    mb = size / 1e6
    api_rate, raw_rate = mb / statistics.median(api_times), mb / statistics.median(raw_times)
    growth = (watcher.peak - watcher.baseline) / MiB
    print(
        f"payload: {size / MiB:,.0f} MiB of generated CSV, SeaweedFS on 127.0.0.1, app {args.app}"
    )
    print(f"rounds: {args.rounds} (alternating), medians below")
    print(f"API upload (multipart, streamed): {rates(mb, api_times)}  median {api_rate:6.1f} MB/s")
    print(f"raw minio put_object:             {rates(mb, raw_times)}  median {raw_rate:6.1f} MB/s")
    print(f"throughput ratio API/raw: {api_rate / raw_rate:.2f}  (target >= 0.8)")
    print(
        f"server RSS: {watcher.baseline / MiB:.0f} MiB after warm-up, peak "
        f"{watcher.peak / MiB:.0f} MiB, growth {growth:.0f} MiB  (target <= 64 MB)"
    )


def rates(mb: float, seconds: list[float]) -> str:
    return " ".join(f"{mb / s:6.1f}" for s in seconds) + " MB/s"


if __name__ == "__main__":
    main()
