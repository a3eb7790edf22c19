from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from tests.factories import client_for

pytestmark = pytest.mark.django_db


def test_healthz_and_readyz(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.content
    checks = ready.json()["checks"]
    assert set(checks) == {"database", "broker", "storage"}
    assert all(check["ok"] for check in checks.values())


def test_readyz_reports_a_broken_dependency(client, settings, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    settings.PLATFORM_BACKENDS = {
        **settings.PLATFORM_BACKENDS,
        "storage": {
            "BACKEND": "platform_core.backends.storage.local.LocalStorage",
            "OPTIONS": {"root": str(blocked / "objects")},
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["ok"] is False
    assert response.json()["checks"]["database"]["ok"] is True


def test_metrics_expose_request_counters(client):
    client.get("/healthz")
    body = client.get("/metrics").content.decode()
    assert 'zt_http_requests_total{method="GET",route="healthz",status="200"}' in body


def test_request_id_is_echoed_or_generated(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] == "abc-123"
    generated = client.get("/healthz", HTTP_X_REQUEST_ID="bad id with spaces")["X-Request-ID"]
    assert generated != "bad id with spaces" and len(generated) == 32


def test_logs_are_json_with_the_request_id(tenant, capsys):
    import logging

    handler_stream = logging.getLogger().handlers[0]
    records: list[str] = []

    class Capture(logging.Handler):
        def emit(self, record):
            records.append(handler_stream.format(record))

    capture = Capture()
    capture.addFilter(handler_stream.filters[0])
    logging.getLogger("django.request").addHandler(capture)
    try:
        client_for(tenant.owner).get("/api/v1/projects/999999/", HTTP_X_REQUEST_ID="trace-42")
    finally:
        logging.getLogger("django.request").removeHandler(capture)
    line = json.loads(records[-1])
    assert line["request_id"] == "trace-42"
    assert line["level"] == "WARNING"


def test_openapi_schema_generates_without_warnings(tmp_path):
    target = tmp_path / "schema.json"
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--format",
        "openapi-json",
        "--file",
        str(target),
    )
    schema = json.loads(target.read_text())
    assert "/api/v1/organizations/{id}/members/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_docs_pages_render(client):
    assert client.get("/api/docs/").status_code == 200
    assert client.get("/api/redoc/").status_code == 200
    assert client.get("/api/schema/").status_code == 200
