"""An upload validated by a real Celery worker process (filesystem broker, the test database)."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from data_platform.models import DatasetVersion
from data_platform.services.datasets import create_dataset
from data_platform.tests.samples.datasets import csv_bytes, upload
from tests.factories import client_for
from tests.servers.celery_worker import (
    celery_broker,
    filesystem_broker_options,
    running_celery_worker,
    shared_database_url,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A worker sharing a data dir with this test: its filesystem broker and local storage."""
    # The autouse local storage root is tmp_path/objects: the worker's, with this data dir.
    broker = filesystem_broker_options(tmp_path / "broker")
    env = {"ZT_DATA_DIR": str(tmp_path), "DATABASE_URL": shared_database_url()}
    with (
        celery_broker("filesystem://", broker),
        running_celery_worker(env, tmp_path / "worker.log") as process,
    ):
        yield process


def test_a_worker_validates_an_uploaded_version(tenant, worker):
    dataset = create_dataset(tenant.owner, project=tenant.project, name="t", format="csv")
    data = csv_bytes(["city", "population"], [["Lagos", 15_388_000], ["Lima", 10_719_000]])

    response = upload(client_for(tenant.owner), dataset.pk, [("cities.csv", data)])

    assert response.status_code == 202, response.content
    version = DatasetVersion.objects.get(pk=response.json()["id"])
    deadline = time.monotonic() + 90
    while version.status == "validating" and time.monotonic() < deadline:
        assert worker.poll() is None, "the worker exited"
        time.sleep(0.5)
        version.refresh_from_db()
    assert version.status == "ready", version.failure_reason or version.status
    assert version.row_count == 2
    assert version.schema == [
        {"name": "city", "type": "string"},
        {"name": "population", "type": "int64"},
    ]
    assert version.profile["columns"][1]["max"] == 15_388_000
