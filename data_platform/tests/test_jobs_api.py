"""``/api/v1/jobs/``: submit, run (local orchestrator, Celery eager), read, log, cancel."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

from data_platform.choices import JobStatus, VersionStatus
from data_platform.models import DatasetVersion, Job
from data_platform.services.pipeline import executor
from data_platform.tests.samples.jobs import (
    make_dataset,
    make_ready_version,
    read_version,
    stored_keys,
)
from platform_core.services import update_object
from tests.factories import add_org_member, client_for

pytestmark = pytest.mark.django_db

FILTER_ADULTS = {
    "steps": [
        {"op": "filter", "where": {"column": "age", "op": ">=", "value": 36}},
        {"op": "select", "columns": ["id", "name", "age"]},
    ]
}


@pytest.fixture(autouse=True)
def eager(settings: Any) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = True


def body(
    tenant: Any, inputs: list[Any], spec: dict[str, Any], target: Any = None
) -> dict[str, Any]:
    return {
        "project": tenant.project.pk,
        "kind": "processing",
        "inputs": [version.pk for version in inputs],
        "target_dataset": (target or make_dataset(tenant, "parquet")).pk,
        "spec": spec,
        "name": "adults",
    }


def submit(client: Any, capture: Any, payload: dict[str, Any], run: bool = True) -> Any:
    with capture(execute=run):
        return client.post("/api/v1/jobs/", payload, format="json")


def output_of(job_id: int) -> DatasetVersion:
    return DatasetVersion.objects.get(produced_by_id=job_id)


def test_a_job_produces_a_new_ready_version(tenant, django_capture_on_commit_callbacks):
    source = make_ready_version(tenant)
    target = make_dataset(tenant, "parquet")
    client = client_for(tenant.project_developer)

    response = submit(
        client, django_capture_on_commit_callbacks, body(tenant, [source], FILTER_ADULTS, target)
    )

    assert response.status_code == 202, response.content
    assert response.json()["status"] == "queued"
    job = client.get(f"/api/v1/jobs/{response.json()['id']}/").json()
    assert job["status"] == "succeeded", job["error"]
    assert job["orchestrator"] == "local" and job["external_id"]
    assert job["inputs"] == [source.pk]
    version = output_of(job["id"])
    assert job["outputs"] == [version.pk]
    assert (version.dataset, version.status, version.row_count) == (target, "ready", 4)
    assert [column["name"] for column in version.schema] == ["id", "name", "age"]
    assert list(version.parents.all()) == [source]
    assert version.files[0]["path"] == "data.parquet" and version.files[0]["size"] > 0
    assert version.validation_report["produced_by_job"] == job["id"]
    assert read_version(version).to_pylist() == [
        {"id": 1, "name": "ada", "age": 36},
        {"id": 2, "name": "grace", "age": 45},
        {"id": 5, "name": "ada", "age": 36},
        {"id": 6, "name": "barbara", "age": 51},
    ]
    preview = client.get(f"/api/v1/dataset-versions/{version.pk}/preview/").json()
    assert preview["columns"] == ["id", "name", "age"]
    assert [row[1] for row in preview["rows"]] == ["ada", "grace", "ada", "barbara"]
    profile = client.get(f"/api/v1/dataset-versions/{version.pk}/profile/").json()
    age = next(column for column in profile["columns"] if column["name"] == "age")
    assert (age["min"], age["max"]) == (36, 51)


@pytest.mark.parametrize(
    ("source_format", "target_format", "files"),
    [("parquet", "csv", 3), ("csv", "jsonl", 2), ("parquet", "parquet", 1)],
)
def test_formats_and_multi_file_inputs(
    tenant, django_capture_on_commit_callbacks, source_format, target_format, files
):
    source = make_ready_version(tenant, file_format=source_format, files=files)
    spec = {"steps": [{"op": "fill_missing", "values": {"name": "?"}}]}
    payload = body(tenant, [source], spec, make_dataset(tenant, target_format))

    job_id = submit(client_for(tenant.owner), django_capture_on_commit_callbacks, payload).json()[
        "id"
    ]

    version = output_of(job_id)
    assert version.status == "ready", Job.objects.get(pk=job_id).error
    assert version.files[0]["path"] == f"data.{target_format}"
    table = read_version(version)
    assert table.num_rows == version.row_count == 6
    assert table["name"].to_pylist() == ["ada", "grace", "linus", "?", "ada", "barbara"]


def test_join_reads_the_other_input_and_both_become_parents(
    tenant, django_capture_on_commit_callbacks
):
    people = make_ready_version(tenant)
    cities = make_ready_version(
        tenant, {"city": ["london", "paris"], "country": ["uk", "fr"]}, file_format="parquet"
    )
    spec = {
        "steps": [
            {"op": "join", "version": cities.pk, "on": ["city"]},
            {"op": "select", "columns": ["id", "country"]},
        ]
    }
    # The transformed input is the one not joined, whatever order they are listed in.
    payload = body(tenant, [people, cities], spec)
    payload["inputs"].reverse()

    job_id = submit(client_for(tenant.owner), django_capture_on_commit_callbacks, payload).json()[
        "id"
    ]

    version = output_of(job_id)
    assert read_version(version).to_pylist() == [
        {"id": 1, "country": "uk"},
        {"id": 4, "country": "fr"},
        {"id": 5, "country": "uk"},
    ]
    assert set(version.parents.all()) == {people, cities}


# --- who may submit what ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ["viewer", "project_viewer"])
def test_viewers_cannot_submit(tenant, django_capture_on_commit_callbacks, role):
    payload = body(tenant, [make_ready_version(tenant)], FILTER_ADULTS)

    response = submit(
        client_for(getattr(tenant, role)), django_capture_on_commit_callbacks, payload
    )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not Job.objects.exists()


def test_inputs_of_another_tenant_are_an_invalid_reference(
    tenant, other_tenant, django_capture_on_commit_callbacks
):
    foreign = make_ready_version(other_tenant)

    response = submit(
        client_for(tenant.owner),
        django_capture_on_commit_callbacks,
        body(tenant, [foreign], FILTER_ADULTS),
    )

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "inputs" in error["details"]
    assert "does not exist" in error["message"]
    assert not Job.objects.exists()


def test_a_user_of_two_tenants_cannot_carry_data_across(
    tenant, other_tenant, django_capture_on_commit_callbacks
):
    add_org_member(other_tenant.organization, tenant.owner, "admin")
    foreign = make_ready_version(other_tenant)

    response = submit(
        client_for(tenant.owner),
        django_capture_on_commit_callbacks,
        body(tenant, [foreign], FILTER_ADULTS),
    )

    assert response.status_code == 400
    assert "belongs to another organization" in response.json()["error"]["message"]


def test_the_target_dataset_must_be_in_the_project(tenant, django_capture_on_commit_callbacks):
    from tests.factories import make_project

    elsewhere = make_project(tenant.owner, tenant.organization)
    target = make_dataset(tenant, "csv")
    update_object(tenant.owner, target, project=elsewhere)

    response = submit(
        client_for(tenant.owner),
        django_capture_on_commit_callbacks,
        body(tenant, [make_ready_version(tenant)], FILTER_ADULTS, target),
    )

    assert response.status_code == 400
    assert response.json()["error"]["details"] == {"field": "target_dataset"}


def test_inputs_must_be_ready(tenant, django_capture_on_commit_callbacks):
    from data_platform.services.versions import create_version

    uploading = create_version(tenant.owner, make_dataset(tenant))

    response = submit(
        client_for(tenant.owner),
        django_capture_on_commit_callbacks,
        body(tenant, [uploading], FILTER_ADULTS),
    )

    assert response.status_code == 400
    assert response.json()["error"]["details"] == {"field": "inputs", "version": uploading.pk}


def test_an_invalid_spec_is_refused_before_anything_is_queued(
    tenant, django_capture_on_commit_callbacks
):
    spec = {"steps": [{"op": "select", "columns": ["id"]}, {"op": "select", "columns": ["age"]}]}

    response = submit(
        client_for(tenant.owner),
        django_capture_on_commit_callbacks,
        body(tenant, [make_ready_version(tenant)], spec),
    )

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["details"] == {
        "step": 1,
        "op": "select",
        "field": "columns[0]",
        "column": "age",
    }
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        ({"steps": [{"op": "join", "version": [1], "on": ["id"]}]}, "version"),
        (
            {"steps": [{"op": "filter", "where": {"column": "age", "op": ">", "value": 10**30}}]},
            "where.value",
        ),
    ],
)
def test_specs_python_cannot_hash_or_arrow_cannot_hold_are_refused(
    tenant, django_capture_on_commit_callbacks, spec, field
):
    response = submit(
        client_for(tenant.owner),
        django_capture_on_commit_callbacks,
        body(tenant, [make_ready_version(tenant)], spec),
    )

    assert response.status_code == 400, response.content
    assert response.json()["error"]["details"]["field"] == field
    assert not Job.objects.exists()


def test_text_with_the_nul_character_is_refused_before_anything_is_stored(
    tenant, django_capture_on_commit_callbacks
):
    spec = {"steps": [{"op": "rename", "columns": {"name": "full\u0000name"}}]}

    response = submit(
        client_for(tenant.owner),
        django_capture_on_commit_callbacks,
        body(tenant, [make_ready_version(tenant)], spec),
    )

    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "parse_error"
    assert "NUL" in response.json()["error"]["message"]
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [({"kind": "database_snapshot"}, "kind"), ({"inputs": []}, "inputs"), ({"extra": 1}, "extra")],
)
def test_request_shape_errors(tenant, django_capture_on_commit_callbacks, change, field):
    payload = {**body(tenant, [make_ready_version(tenant)], FILTER_ADULTS), **change}

    response = submit(client_for(tenant.owner), django_capture_on_commit_callbacks, payload)

    assert response.status_code == 400
    assert field in response.json()["error"]["details"]


# --- failures leave nothing behind -----------------------------------------------------------


def test_a_failing_step_fails_the_job_and_leaves_nothing_in_storage(
    tenant, django_capture_on_commit_callbacks
):
    source = make_ready_version(tenant)
    spec = {"steps": [{"op": "cast", "columns": {"city": "integer"}}]}

    job_id = submit(
        client_for(tenant.owner), django_capture_on_commit_callbacks, body(tenant, [source], spec)
    ).json()["id"]

    job = Job.objects.get(pk=job_id)
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("Step 0 (cast city to integer) failed: cannot cast column 'city'")
    version = output_of(job_id)
    assert version.status == VersionStatus.FAILED
    assert version.failure_reason == job.error
    assert stored_keys(version.storage_prefix) == []
    assert job.log_lines.filter(level="ERROR", message=job.error).exists()


def test_exceeding_the_quota_fails_the_job_after_writing_and_deletes_the_output(
    tenant, django_capture_on_commit_callbacks
):
    source = make_ready_version(tenant)
    update_object(tenant.owner, tenant.organization, storage_quota_bytes=source.total_bytes + 10)

    job_id = submit(
        client_for(tenant.owner),
        django_capture_on_commit_callbacks,
        body(tenant, [source], {"steps": []}),
    ).json()["id"]

    job = Job.objects.get(pk=job_id)
    assert job.status == JobStatus.FAILED
    assert "bytes left" in job.error
    version = output_of(job_id)
    assert version.status == VersionStatus.FAILED
    assert stored_keys(version.storage_prefix) == []


def test_an_unreadable_input_fails_the_job_cleanly(tenant, django_capture_on_commit_callbacks):
    from platform_core.backends import get_backend

    source = make_ready_version(tenant, file_format="parquet")
    get_backend("storage").put(
        source.storage_prefix + source.files[0]["path"], __import__("io").BytesIO(b"not parquet")
    )

    job_id = submit(
        client_for(tenant.owner),
        django_capture_on_commit_callbacks,
        body(tenant, [source], {"steps": []}),
    ).json()["id"]

    job = Job.objects.get(pk=job_id)
    assert job.status == JobStatus.FAILED
    assert job.error.startswith(f"Cannot read {source.storage_prefix}part-0.parquet")
    assert stored_keys(output_of(job_id).storage_prefix) == []


def test_a_job_the_orchestrator_refuses_fails_with_its_reason(
    tenant, settings, tmp_path, django_capture_on_commit_callbacks
):
    from tests.servers.ports import free_port

    settings.PLATFORM_BACKENDS = {
        **settings.PLATFORM_BACKENDS,
        "orchestration": {
            "BACKEND": "platform_core.backends.orchestration.airflow.AirflowOrchestrator",
            "OPTIONS": {
                "api_url": f"http://127.0.0.1:{free_port()}",
                "username": "admin",
                "password": "secret",
                "dags_folder": str(tmp_path / "dags"),
                "request_timeout": 2,
            },
        },
    }

    job_id = submit(
        client_for(tenant.owner),
        django_capture_on_commit_callbacks,
        body(tenant, [make_ready_version(tenant)], FILTER_ADULTS),
    ).json()["id"]

    job = Job.objects.get(pk=job_id)
    assert (job.status, job.orchestrator, job.external_id) == (JobStatus.FAILED, "airflow", "")
    assert job.error.startswith("Airflow is unreachable")
    assert not DatasetVersion.objects.filter(produced_by=job).exists()
    assert list((tmp_path / "dags").iterdir()) == []


# --- cancel ------------------------------------------------------------------------------------


def test_cancelling_a_queued_job_means_it_never_runs(tenant, django_capture_on_commit_callbacks):
    client = client_for(tenant.owner)
    with django_capture_on_commit_callbacks() as start:
        job_id = client.post(
            "/api/v1/jobs/",
            body(tenant, [make_ready_version(tenant)], FILTER_ADULTS),
            format="json",
        ).json()["id"]

    response = client.post(f"/api/v1/jobs/{job_id}/cancel/")
    for callback in start:
        callback()  # the start task arrives after the cancel

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    job = Job.objects.get(pk=job_id)
    assert job.status == JobStatus.CANCELLED and job.finished_at is not None
    assert job.external_id == ""
    assert not DatasetVersion.objects.filter(produced_by=job).exists()
    assert job.log_lines.filter(message=f"Cancelled by {tenant.owner.email}.").exists()


def test_finished_jobs_cannot_be_cancelled(tenant, django_capture_on_commit_callbacks):
    client = client_for(tenant.owner)
    job_id = submit(
        client,
        django_capture_on_commit_callbacks,
        body(tenant, [make_ready_version(tenant)], FILTER_ADULTS),
    ).json()["id"]

    response = client.post(f"/api/v1/jobs/{job_id}/cancel/")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert output_of(job_id).status == VersionStatus.READY


def test_viewers_cannot_cancel(tenant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        job_id = (
            client_for(tenant.owner)
            .post(
                "/api/v1/jobs/",
                body(tenant, [make_ready_version(tenant)], FILTER_ADULTS),
                format="json",
            )
            .json()["id"]
        )

    response = client_for(tenant.viewer).post(f"/api/v1/jobs/{job_id}/cancel/")

    assert response.status_code == 403
    assert Job.objects.get(pk=job_id).status == JobStatus.QUEUED


def test_a_job_delivered_again_after_its_worker_died_fails_and_reaps_its_version(
    tenant, django_capture_on_commit_callbacks
):
    from data_platform.services.versions import create_version

    with django_capture_on_commit_callbacks():
        job_id = (
            client_for(tenant.owner)
            .post(
                "/api/v1/jobs/",
                body(tenant, [make_ready_version(tenant)], FILTER_ADULTS),
                format="json",
            )
            .json()["id"]
        )
    job = executor.jobs.mark_running(Job.objects.get(pk=job_id))
    assert job.target_dataset is not None
    orphan = create_version(tenant.owner, job.target_dataset, produced_by=job)

    assert executor.execute_job(job_id) is False

    job.refresh_from_db()
    orphan.refresh_from_db()
    assert job.status == JobStatus.FAILED and "interrupted" in job.error
    assert orphan.status == VersionStatus.FAILED


# --- reading jobs and logs ---------------------------------------------------------------------


def test_list_filters(tenant, other_tenant, django_capture_on_commit_callbacks):
    client = client_for(tenant.owner)
    done = submit(
        client,
        django_capture_on_commit_callbacks,
        body(tenant, [make_ready_version(tenant)], FILTER_ADULTS),
    ).json()["id"]
    with django_capture_on_commit_callbacks():
        queued = client.post(
            "/api/v1/jobs/",
            body(tenant, [make_ready_version(tenant)], FILTER_ADULTS),
            format="json",
        ).json()["id"]

    def ids(**params: Any) -> list[int]:
        response = client.get("/api/v1/jobs/", params)
        assert response.status_code == 200
        return [job["id"] for job in response.json()["results"]]

    assert ids() == [queued, done]
    assert ids(status="succeeded") == [done]
    assert ids(status=["queued", "running"]) == [queued]
    assert ids(kind="processing", project=tenant.project.pk) == [queued, done]
    assert ids(project=other_tenant.project.pk) == []
    assert ids(kind="kafka_window") == []


def test_logs_are_cursor_paginated_oldest_first(tenant, django_capture_on_commit_callbacks):
    client = client_for(tenant.project_viewer)
    job_id = submit(
        client_for(tenant.owner),
        django_capture_on_commit_callbacks,
        body(tenant, [make_ready_version(tenant)], FILTER_ADULTS),
    ).json()["id"]

    pages = [client.get(f"/api/v1/jobs/{job_id}/logs/", {"page_size": 2}).json()]
    while pages[-1]["next"]:
        pages.append(client.get(pages[-1]["next"]).json())

    lines = [line for page in pages for line in page["results"]]
    messages = [line["message"] for line in lines]
    assert {len(page["results"]) for page in pages[:-1]} == {2}
    assert messages[0].startswith("Queued by owner@acme.example.com: 2 step(s) over 1 input(s)")
    assert "Started." in messages
    assert "Step: filter" in messages
    assert messages[-1] == "Done: version 1 is ready with 4 rows."
    ids = [line["id"] for line in lines]
    assert ids == sorted(ids)


def test_another_tenant_cannot_read_logs(tenant, other_tenant, django_capture_on_commit_callbacks):
    job_id = submit(
        client_for(tenant.owner),
        django_capture_on_commit_callbacks,
        body(tenant, [make_ready_version(tenant)], FILTER_ADULTS),
    ).json()["id"]
    outsider = client_for(other_tenant.owner)

    assert outsider.get(f"/api/v1/jobs/{job_id}/logs/").status_code == 404
    assert outsider.get(f"/api/v1/jobs/{job_id}/logs/stream/").status_code == 404
    assert outsider.post(f"/api/v1/jobs/{job_id}/cancel/").status_code == 404


def test_the_output_table_matches_the_recorded_schema(tenant, django_capture_on_commit_callbacks):
    spec = {
        "steps": [
            {"op": "cast", "columns": {"age": "float"}},
            {"op": "split", "test_fraction": 0.5, "seed": 3},
        ]
    }
    job_id = submit(
        client_for(tenant.owner),
        django_capture_on_commit_callbacks,
        body(tenant, [make_ready_version(tenant)], spec),
    ).json()["id"]

    version = output_of(job_id)
    table = read_version(version)
    assert version.schema == [{"name": f.name, "type": str(f.type)} for f in table.schema]
    assert table.schema.field("age").type == pa.float64()
    assert set(table["split"].to_pylist()) <= {"train", "test"}
