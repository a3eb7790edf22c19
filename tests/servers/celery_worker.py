"""Real platform Celery workers for integration tests, and pointing this process at their broker.

A worker is started as a deployment starts it (``celery -A platform_core worker``),
configured only through its environment, on the test database so it sees what the
test committed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.db import connection

from platform_core.celery import app

# Settings a worker must not inherit from the developer's shell: the test decides them.
INHERITED_SETTINGS_TO_DROP = ("CELERY_BROKER_URL", "REDIS_URL", "MINIO_", "KAFKA_", "AIRFLOW_")
STOP_TIMEOUT_SECONDS = 30


def shared_database_url() -> str:
    """``DATABASE_URL`` (the settings export it for the embedded server too) naming the test
    database, for platform processes the tests start."""
    return (
        urlsplit(os.environ["DATABASE_URL"])
        ._replace(path=f"/{connection.settings_dict['NAME']}")
        .geturl()
    )


def reset_producer_pools() -> None:
    """Celery pools broker connections with the settings of their first use (its after-fork
    hook resets them); drop them so a changed broker takes effect."""
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def celery_broker(url: str, transport_options: dict[str, Any] | None = None) -> Iterator[None]:
    """Point this process's Celery app at ``url`` for the block: enqueueing reaches a real
    worker, or (``memory://``) nothing outside this process."""
    previous = app.conf.broker_url, app.conf.broker_transport_options
    app.conf.update(broker_url=url, broker_transport_options=transport_options or {})
    reset_producer_pools()
    try:
        yield
    finally:
        app.conf.update(broker_url=previous[0], broker_transport_options=previous[1])
        reset_producer_pools()


def filesystem_broker_options(folder: Path) -> dict[str, Any]:
    """Transport options of a ``filesystem://`` broker in ``folder`` (created), as the
    settings build them from ``ZT_DATA_DIR/broker``."""
    paths = {name: folder / name for name in ("in", "processed", "control")}
    for path in paths.values():
        path.mkdir(parents=True, exist_ok=True)
    return {
        "data_folder_in": str(paths["in"]),
        "data_folder_out": str(paths["in"]),
        "processed_folder": str(paths["processed"]),
        "control_folder": str(paths["control"]),
        "store_processed": False,
    }


@contextmanager
def running_celery_worker(
    env: dict[str, str], log_path: Path, *, hostname: str = "test@%h"
) -> Iterator[subprocess.Popen[bytes]]:
    """A platform worker configured by ``env`` (over this process's environment, minus the
    broker, storage and vector settings), its output in ``log_path``."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(INHERITED_SETTINGS_TO_DROP)
    }
    environment.update(ZT_LOG_LEVEL="WARNING", **env)
    with log_path.open("ab") as log:
        worker = subprocess.Popen(
            [
                *(sys.executable, "-m", "celery", "-A", "platform_core", "worker"),
                *("--pool", "solo", "--hostname", hostname),
                *("--without-gossip", "--without-mingle", "--loglevel", "INFO"),
            ],
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield worker
        finally:
            worker.terminate()
            worker.wait(timeout=STOP_TIMEOUT_SECONDS)
