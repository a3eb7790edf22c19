"""``/api/v1/jobs/{id}/logs/stream/``: Server-Sent Events read through Django's ASGI handler."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.test import AsyncClient
from rest_framework_simplejwt.tokens import RefreshToken

from data_platform.api.views import jobs as jobs_api
from data_platform.models import JobLogLine
from data_platform.tests.samples.jobs import make_dataset, make_ready_version
from tests.factories import client_for

pytestmark = pytest.mark.django_db

SPEC = {"steps": [{"op": "select", "columns": ["id"]}]}


@pytest.fixture(autouse=True)
def fast_stream(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = True
    monkeypatch.setattr(jobs_api, "STREAM_POLL_SECONDS", 0.01)


def queue_job(tenant: Any, capture: Any) -> tuple[int, list[Any]]:
    payload = {
        "project": tenant.project.pk,
        "inputs": [make_ready_version(tenant).pk],
        "target_dataset": make_dataset(tenant, "parquet").pk,
        "spec": SPEC,
    }
    with capture() as callbacks:
        response = client_for(tenant.owner).post("/api/v1/jobs/", payload, format="json")
    assert response.status_code == 202
    return response.json()["id"], callbacks


def bearer(user: Any) -> dict[str, str]:
    # Per request: AsyncClient(headers=...) mangles header names in this Django version.
    return {"Authorization": f"Bearer {RefreshToken.for_user(user).access_token}"}


def parse(raw: bytes) -> list[dict[str, Any]]:
    """SSE frames: ``field: value`` lines, frames separated by a blank line."""
    events = []
    for frame in raw.decode().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in frame.splitlines() if ": " in line)
        if "event" in fields:
            events.append({**fields, "data": json.loads(fields["data"])})
    return events


async def read_all(content: AsyncIterator[bytes]) -> bytes:
    return b"".join([chunk async for chunk in content])


def test_a_finished_job_streams_its_whole_log_then_ends(tenant, django_capture_on_commit_callbacks):
    job_id, callbacks = queue_job(tenant, django_capture_on_commit_callbacks)
    for callback in callbacks:
        callback()

    headers = {**bearer(tenant.project_viewer), "Accept": "text/event-stream"}

    async def scenario() -> tuple[Any, bytes]:
        response: Any = await AsyncClient().get(
            f"/api/v1/jobs/{job_id}/logs/stream/", headers=headers
        )
        return response, await read_all(response.streaming_content)

    response, raw = async_to_sync(scenario)()

    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream"
    assert response["Cache-Control"] == "no-cache"
    events = parse(raw)
    lines = list(JobLogLine.objects.filter(job_id=job_id).order_by("id"))
    assert [event["event"] for event in events] == ["log"] * len(lines) + ["end"]
    assert [int(event["id"]) for event in events[:-1]] == [line.pk for line in lines]
    assert [event["data"]["message"] for event in events[:-1]] == [line.message for line in lines]
    assert events[-1]["data"] == {"status": "succeeded"}


def test_the_stream_follows_a_job_until_it_finishes(tenant, django_capture_on_commit_callbacks):
    job_id, callbacks = queue_job(tenant, django_capture_on_commit_callbacks)

    headers = bearer(tenant.owner)

    async def scenario() -> tuple[bytes, bytes]:
        response: Any = await AsyncClient().get(
            f"/api/v1/jobs/{job_id}/logs/stream/", headers=headers
        )
        content = response.streaming_content
        before = await content.__anext__()  # the job is still queued
        for callback in callbacks:
            await sync_to_async(callback)()  # now it runs (Celery eager)
        return before, await read_all(content)

    before, after = async_to_sync(scenario)()

    assert parse(before)[0]["data"]["message"].startswith("Queued by")
    events = parse(after)
    messages = [event["data"]["message"] for event in events if event["event"] == "log"]
    assert "Started." in messages
    assert messages[-1] == "Done: version 1 is ready with 6 rows."
    assert events[-1] == {"event": "end", "data": {"status": "succeeded"}}


def test_a_client_resumes_after_the_last_event_it_saw(tenant, django_capture_on_commit_callbacks):
    job_id, callbacks = queue_job(tenant, django_capture_on_commit_callbacks)
    for callback in callbacks:
        callback()
    lines = list(JobLogLine.objects.filter(job_id=job_id).order_by("id"))

    headers = {**bearer(tenant.owner), "Last-Event-ID": str(lines[-2].pk)}

    async def scenario() -> bytes:
        response: Any = await AsyncClient().get(
            f"/api/v1/jobs/{job_id}/logs/stream/", headers=headers
        )
        return await read_all(response.streaming_content)

    events = parse(async_to_sync(scenario)())

    assert [event["data"].get("message") for event in events] == [lines[-1].message, None]


def test_stream_errors_use_the_error_shape(
    tenant, other_tenant, django_capture_on_commit_callbacks
):
    job_id, _ = queue_job(tenant, django_capture_on_commit_callbacks)
    client = client_for(tenant.owner)

    bad = client.get(f"/api/v1/jobs/{job_id}/logs/stream/", {"after": "x"})
    superscript = client.get(f"/api/v1/jobs/{job_id}/logs/stream/", {"after": "²"})
    beyond_bigint = client.get(f"/api/v1/jobs/{job_id}/logs/stream/", {"after": "9" * 19})
    hidden = client_for(other_tenant.owner).get(
        f"/api/v1/jobs/{job_id}/logs/stream/", HTTP_ACCEPT="text/event-stream"
    )

    assert bad.status_code == 400
    assert bad.json()["error"]["details"] == {"after": ["A log line id."]}
    assert superscript.status_code == beyond_bigint.status_code == 400
    assert hidden.status_code == 404
    assert json.loads(hidden.content)["error"]["code"] == "not_found"
