"""A collection built by a real Celery worker process (filesystem broker), then searched.

This is what eager mode cannot show: the task is found by the worker, the model
loads there (offline), and the worker's writes reach the platform database.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from data_platform.models import VectorCollection
from data_platform.tests.ready_versions import make_ready_version
from platform_core.backends import get_backend
from platform_core.backends.vectors.contract import usable_or_skip
from tests.factories import client_for
from tests.servers.celery_worker import (
    celery_broker,
    filesystem_broker_options,
    running_celery_worker,
    shared_database_url,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BUILD_TIMEOUT = 120


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    log: Path

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


@pytest.fixture
def worker(tmp_path: Path) -> Iterator[Worker]:
    """A worker with its own data dir (broker folders, object store) on the test database."""
    usable_or_skip(get_backend("vectors"))
    # The autouse local storage root is tmp_path/objects: the worker's, with this data dir.
    broker = filesystem_broker_options(tmp_path / "broker")
    env = {"ZT_DATA_DIR": str(tmp_path), "DATABASE_URL": shared_database_url()}
    log_path = tmp_path / "worker.log"
    with (
        celery_broker("filesystem://", broker),
        running_celery_worker(env, log_path, hostname="vectors@%h") as process,
    ):
        yield Worker(process, log_path)


def test_a_worker_builds_the_collection(tenant: Any, worker: Worker) -> None:
    version = make_ready_version(
        tenant.owner,
        tenant.project,
        rows=[
            {"text": "How do I reset my password?", "team": "support"},
            {"text": "Quarterly revenue grew by twelve percent.", "team": "finance"},
            {"text": "The office is closed on public holidays.", "team": "facilities"},
        ],
    )
    client = client_for(tenant.owner)

    created = client.post(
        "/api/v1/vector-collections/",
        {"name": "faq", "version": version.pk, "text_column": "text", "metadata_columns": ["team"]},
        format="json",
    )
    assert created.status_code == 201, created.content
    collection_id = created.json()["id"]
    deadline = time.monotonic() + BUILD_TIMEOUT
    while VectorCollection.objects.get(pk=collection_id).status == "building":
        assert worker.process.poll() is None, f"the worker exited: {worker.log_tail()}"
        assert time.monotonic() < deadline, f"no build in time: {worker.log_tail()}"
        time.sleep(0.5)

    collection = VectorCollection.objects.get(pk=collection_id)
    assert (collection.status, collection.error, collection.item_count) == ("ready", "", 3)
    response = client.post(
        f"/api/v1/vector-collections/{collection_id}/search/",
        {"query": "I forgot my login credentials", "top_k": 1},
        format="json",
    )
    assert response.json()["results"][0]["metadata"] == {"team": "support"}
