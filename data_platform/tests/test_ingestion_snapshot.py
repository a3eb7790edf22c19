"""Database snapshots against a real PostgreSQL: the test server itself (embedded, or Debian's
with DATABASE_URL), in a throwaway database made for this module."""

from __future__ import annotations

import hashlib
import io
import time
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
import pyarrow.parquet as pq
import pytest
from django.db import connection
from sqlalchemy.engine import URL

from data_platform.choices import DatasetFormat, JobStatus, VersionStatus
from data_platform.models import Dataset, DatasetVersion, DataSource, Job
from data_platform.services.datasets import create_dataset
from data_platform.services.sources import create_source
from platform_core.backends import get_backend
from platform_core.services import update_object
from tests.factories import client_for
from tests.servers.celery_worker import celery_broker, running_celery_worker, shared_database_url
from tests.servers.redis import running_redis

pytestmark = pytest.mark.django_db

ROWS = 25_000  # more than two chunks of database.CHUNK_ROWS
SETUP_SQL = f"""
CREATE TABLE sales (
    id integer PRIMARY KEY,
    region text NOT NULL,
    amount numeric(12, 2) NOT NULL,
    sold_at timestamptz NOT NULL,
    details jsonb,
    token uuid NOT NULL,
    late_note text
);
INSERT INTO sales
SELECT g,
       CASE WHEN g % 2 = 0 THEN 'north' ELSE 'south' END,
       g * 1.25,
       timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute',
       CASE WHEN g % 3 = 0 THEN jsonb_build_object('promo', g) END,
       md5(g::text)::uuid,
       CASE WHEN g > 20000 THEN 'late ' || g END
FROM generate_series(1, {ROWS}) AS g;
CREATE TABLE audit_trail (note text);
CREATE FUNCTION sneaky_write() RETURNS integer LANGUAGE sql AS
    $$ INSERT INTO audit_trail VALUES ('written'); SELECT 1 $$;
"""


def _server_options() -> dict[str, Any]:
    """How the test run reaches its PostgreSQL server (socket dir or host, port, user)."""
    settings = connection.settings_dict
    return {
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
        "host": settings["HOST"] or settings["OPTIONS"].get("host"),
        "port": int(settings["PORT"]) if settings["PORT"] else None,
    }


def _sqlalchemy_url(database: str) -> str:
    """A URL of ``database`` on the test server, with its password."""
    options = _server_options()
    host = options["host"] or None
    socket_dir = host if host and host.startswith("/") else None
    return URL.create(
        "postgresql",
        username=options["user"],
        password=options["password"],
        host=None if socket_dir else host,
        port=options["port"],
        database=database,
        query={"host": socket_dir} if socket_dir else {},
    ).render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def source_database() -> Iterator[str]:
    """The name of a new database holding the tables above; dropped afterwards."""
    options = _server_options()
    name = f"zt_source_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **options) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(dbname=name, autocommit=True, **options) as database:
            database.execute(SETUP_SQL)
        yield name
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **options) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def eager(settings: Any) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def source(tenant: Any, source_database: str) -> DataSource:
    return create_source(
        tenant.owner,
        project=tenant.project,
        name="shop database",
        kind="postgresql",
        config={"url": _sqlalchemy_url(source_database)},
    )


@pytest.fixture
def dataset(tenant: Any) -> Dataset:
    return create_dataset(
        tenant.owner, project=tenant.project, name="sales", format=DatasetFormat.PARQUET
    )


def snapshot(user: Any, source: DataSource, payload: dict[str, Any], capture: Any) -> Any:
    with capture(execute=True):
        return client_for(user).post(
            f"/api/v1/data-sources/{source.pk}/snapshot/", payload, format="json"
        )


def stored_keys(version: DatasetVersion) -> list[str]:
    return [info.key for info in get_backend("storage").list(version.storage_prefix)]


def read_parquet(version: DatasetVersion) -> Any:
    with get_backend("storage").open(f"{version.storage_prefix}data.parquet") as chunks:
        data = b"".join(chunks)
    return data, pq.read_table(io.BytesIO(data))


def test_the_connection_test_reaches_the_real_database(tenant, source):
    response = client_for(tenant.owner).post(f"/api/v1/data-sources/{source.pk}/test-connection/")
    assert response.status_code == 200
    assert response.json() == {"ok": True, "message": f"Connected to {source.config['url']}."}


def test_the_connection_test_names_a_missing_database(tenant):
    url = _sqlalchemy_url("zt_no_such_database")
    source = create_source(
        tenant.owner, project=tenant.project, name="gone", kind="postgresql", config={"url": url}
    )
    body = client_for(tenant.owner).post(f"/api/v1/data-sources/{source.pk}/test-connection/")
    assert body.json()["ok"] is False
    assert 'database "zt_no_such_database" does not exist' in body.json()["message"]


def test_a_snapshot_streams_the_query_into_a_ready_parquet_version(
    tenant, source, dataset, eager, django_capture_on_commit_callbacks
):
    query = "SELECT * FROM sales WHERE region LIKE 'n%' OR region = 'south' ORDER BY id;"
    response = snapshot(
        tenant.owner,
        source,
        {"query": query, "dataset": dataset.pk},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["kind"] == "database_snapshot" and body["status"] == "queued"
    assert body["spec"] == {"query": query.rstrip(";")}

    job = Job.objects.get(pk=body["id"])
    assert job.status == JobStatus.SUCCEEDED, job.error
    version = DatasetVersion.objects.get(produced_by=job)
    assert version.status == VersionStatus.READY, version.failure_reason
    assert version.dataset == dataset and version.created_by == tenant.owner
    assert not version.parents.exists()
    assert version.row_count == ROWS
    types = {column["name"]: column["type"] for column in version.schema}
    assert types.pop("sold_at").startswith("timestamp[us, tz=")  # the server's time zone
    assert types == {
        "id": "int64",
        "region": "string",
        "amount": "decimal128(38, 18)",
        "details": "string",
        "token": "string",
        "late_note": "string",
    }
    assert version.preview["columns"][0] == "id" and version.profile

    assert stored_keys(version) == [f"{version.storage_prefix}data.parquet"]
    data, table = read_parquet(version)
    [entry] = version.files
    assert entry["path"] == "data.parquet" and entry["size"] == len(data)
    assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert table.num_rows == ROWS
    assert table.column("id").to_pylist() == list(range(1, ROWS + 1))
    assert sum(table.column("amount").to_pylist()) == Decimal("1.25") * ROWS * (ROWS + 1) / 2
    rows = table.slice(2, 1).to_pylist()[0]
    assert rows["details"] == '{"promo": 3}'
    assert rows["token"] == str(uuid.UUID(hashlib.md5(b"3").hexdigest()))
    assert table.column("late_note").to_pylist()[ROWS - 1] == f"late {ROWS}"
    assert table.column("late_note").null_count == 20_000

    logs = list(job.log_lines.values_list("message", flat=True))
    assert f"The query returned {ROWS:,} rows ({len(data):,} bytes)." in logs


def test_only_a_single_select_is_accepted(tenant, source, dataset):
    client = client_for(tenant.owner)
    for query in ("DELETE FROM sales", "SELECT 1; DROP TABLE sales", "CREATE TABLE x (y int)"):
        response = client.post(
            f"/api/v1/data-sources/{source.pk}/snapshot/",
            {"query": query, "dataset": dataset.pk},
            format="json",
        )
        assert response.status_code == 400, query
        assert response.json()["error"]["details"]["query"]
    assert not Job.objects.exists()


def test_the_query_runs_in_a_read_only_transaction(
    tenant, source, dataset, source_database, eager, django_capture_on_commit_callbacks
):
    # The parser cannot see that this function writes; the read-only transaction refuses it.
    payload = {"query": "SELECT sneaky_write()", "dataset": dataset.pk}
    job_id = snapshot(tenant.owner, source, payload, django_capture_on_commit_callbacks).json()[
        "id"
    ]
    job = Job.objects.get(pk=job_id)
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("cannot execute INSERT in a read-only transaction")
    with psycopg.connect(dbname=source_database, **_server_options()) as database:
        assert database.execute("SELECT count(*) FROM audit_trail").fetchone() == (0,)


def test_a_query_failing_midway_leaves_a_failed_version_and_nothing_stored(
    tenant, source, dataset, eager, django_capture_on_commit_callbacks
):
    # Rows stream in chunks: the division fails once the cursor reaches id 15000.
    payload = {
        "query": "SELECT id, 1 / (id - 15000) AS x FROM sales ORDER BY id",
        "dataset": dataset.pk,
    }
    job_id = snapshot(tenant.owner, source, payload, django_capture_on_commit_callbacks).json()[
        "id"
    ]
    job = Job.objects.get(pk=job_id)
    assert job.status == JobStatus.FAILED
    assert job.error == "division by zero"
    assert job.log_lines.filter(level="ERROR", message="division by zero").exists()
    version = DatasetVersion.objects.get(produced_by=job)
    assert version.status == VersionStatus.FAILED
    assert version.failure_reason == "division by zero"
    assert stored_keys(version) == []


def test_exceeding_the_quota_fails_the_job_before_anything_is_stored(
    tenant, source, dataset, eager, django_capture_on_commit_callbacks
):
    update_object(None, tenant.organization, storage_quota_bytes=1000)
    payload = {"query": "SELECT * FROM sales", "dataset": dataset.pk}
    job_id = snapshot(tenant.owner, source, payload, django_capture_on_commit_callbacks).json()[
        "id"
    ]
    job = Job.objects.get(pk=job_id)
    assert job.status == JobStatus.FAILED
    assert "organization has 1,000 of its 1,000 bytes left" in job.error
    version = DatasetVersion.objects.get(produced_by=job)
    assert version.status == VersionStatus.FAILED and stored_keys(version) == []


def test_an_empty_result_is_an_empty_version(
    tenant, source, dataset, eager, django_capture_on_commit_callbacks
):
    payload = {"query": "SELECT id, region FROM sales WHERE id < 0", "dataset": dataset.pk}
    job_id = snapshot(tenant.owner, source, payload, django_capture_on_commit_callbacks).json()[
        "id"
    ]
    version = DatasetVersion.objects.get(produced_by_id=job_id)
    assert version.status == VersionStatus.READY, version.failure_reason
    assert version.row_count == 0
    assert [column["name"] for column in version.schema] == ["id", "region"]


def test_the_target_must_be_a_parquet_dataset_of_the_source_project(tenant, other_tenant, source):
    client = client_for(tenant.owner)
    url = f"/api/v1/data-sources/{source.pk}/snapshot/"
    jsonl = create_dataset(tenant.owner, project=tenant.project, name="j", format="jsonl")
    elsewhere = create_dataset(
        other_tenant.owner, project=other_tenant.project, name="theirs", format="parquet"
    )
    for dataset, message in (
        (jsonl, "Needs a dataset of format parquet."),
        (elsewhere, f'Invalid pk "{elsewhere.pk}" - object does not exist.'),
    ):
        response = client.post(url, {"query": "SELECT 1", "dataset": dataset.pk}, format="json")
        assert response.status_code == 400
        assert response.json()["error"]["details"]["dataset"] == [message]


def test_a_viewer_cannot_snapshot(tenant, source, dataset):
    response = client_for(tenant.project_viewer).post(
        f"/api/v1/data-sources/{source.pk}/snapshot/",
        {"query": "SELECT 1", "dataset": dataset.pk},
        format="json",
    )
    assert response.status_code == 403


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    with running_redis(tmp_path) as url:
        yield url


@pytest.fixture
def worker(transactional_db: Any, redis_url: str, tmp_path: Path, settings: Any) -> Iterator[None]:
    """A real Celery worker on Redis, on the test database and this test's storage root."""
    env = {
        "DATABASE_URL": shared_database_url(),
        "REDIS_URL": redis_url,
        "ZT_DATA_DIR": str(tmp_path),  # the autouse local storage root is tmp_path/objects
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,  # so the worker decrypts the source's secrets
        "ZT_ENCRYPTION_KEYS": ",".join(settings.ZT_ENCRYPTION_KEYS),
    }
    with celery_broker(redis_url), running_celery_worker(env, tmp_path / "worker.log"):
        yield


@pytest.mark.integration
def test_a_real_worker_runs_the_snapshot(tenant, source, dataset, worker):
    response = client_for(tenant.owner).post(
        f"/api/v1/data-sources/{source.pk}/snapshot/",
        {"query": "SELECT id, region FROM sales WHERE id <= 100", "dataset": dataset.pk},
        format="json",
    )
    assert response.status_code == 202, response.content
    job = Job.objects.get(pk=response.json()["id"])
    deadline = time.monotonic() + 60
    while job.status in (JobStatus.QUEUED, JobStatus.RUNNING) and time.monotonic() < deadline:
        time.sleep(0.2)
        job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error or job.status
    version = DatasetVersion.objects.get(produced_by=job)
    assert version.status == VersionStatus.READY and version.row_count == 100
    assert read_parquet(version)[1].column("id").to_pylist() == list(range(1, 101))
