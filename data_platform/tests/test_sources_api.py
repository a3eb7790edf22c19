"""``/api/v1/data-sources/``: CRUD, secrets at rest and in answers, audit, connection tests."""

from __future__ import annotations

import json
import uuid

import pytest
from minio import Minio

from data_platform.models import DataSource
from data_platform.services.ingestion import kafka
from platform_core.models import AuditEvent
from platform_core.secrets import decrypt_json
from tests.factories import client_for
from tests.servers.ports import free_port
from tests.servers.seaweedfs import S3Endpoint

pytestmark = pytest.mark.django_db

URL = "/api/v1/data-sources/"
PASSWORD = "Tr0ub4dor-and-3"
DATABASE_URL = f"postgresql://reader:{PASSWORD}@db.internal:5432/sales"


def create(client, project, **payload):
    body = {"project": project.pk, "name": "warehouse", "kind": "postgresql", **payload}
    body.setdefault("config", {"url": DATABASE_URL})
    return client.post(URL, body, format="json")


def audit_text(source_id: int) -> str:
    events = AuditEvent.objects.filter(
        object_type="data_platform.datasource", object_id=str(source_id)
    )
    return json.dumps(list(events.values("changes", "object_repr")))


def test_a_database_source_keeps_its_url_encrypted_and_answers_it_redacted(tenant):
    client = client_for(tenant.owner)
    response = create(client, tenant.project)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["config"] == {"url": "postgresql+psycopg://reader:***@db.internal:5432/sales"}
    assert body["has_secrets"] is True
    assert PASSWORD not in response.content.decode()

    row = DataSource.objects.filter(pk=body["id"]).values("config", "encrypted_secrets").get()
    assert PASSWORD not in json.dumps(row)
    assert decrypt_json(row["encrypted_secrets"]) == {
        "url": f"postgresql+psycopg://reader:{PASSWORD}@db.internal:5432/sales"
    }
    for answer in (client.get(f"{URL}{body['id']}/"), client.get(URL)):
        assert answer.status_code == 200
        assert PASSWORD not in answer.content.decode()
        assert "encrypted_secrets" not in answer.content.decode()

    created = AuditEvent.objects.get(
        action="create", object_type="data_platform.datasource", object_id=str(body["id"])
    )
    assert created.changes["encrypted_secrets"] == ["********", "********"]
    assert PASSWORD not in audit_text(body["id"])


def test_updating_without_secrets_keeps_them_and_the_audit_masks_changes(tenant):
    client = client_for(tenant.owner)
    source_id = create(client, tenant.project).json()["id"]
    token = DataSource.objects.get(pk=source_id).encrypted_secrets

    renamed = client.patch(f"{URL}{source_id}/", {"name": "dwh"}, format="json")
    assert renamed.status_code == 200, renamed.content
    assert DataSource.objects.get(pk=source_id).encrypted_secrets == token

    same = client.patch(f"{URL}{source_id}/", {"config": renamed.json()["config"]}, format="json")
    assert same.status_code == 200, same.content
    assert DataSource.objects.get(pk=source_id).encrypted_secrets == token, "*** kept it"

    moved_url = "postgresql+psycopg://reader:***@db2.internal:5432/sales"
    moved = client.patch(f"{URL}{source_id}/", {"config": {"url": moved_url}}, format="json")
    assert moved.status_code == 200, moved.content
    assert moved.json()["config"] == {"url": moved_url}
    source = DataSource.objects.get(pk=source_id)
    assert (
        source.secrets()["url"] == f"postgresql+psycopg://reader:{PASSWORD}@db2.internal:5432/sales"
    )

    update = AuditEvent.objects.filter(action="update", object_id=str(source_id)).latest("id")
    assert update.changes["encrypted_secrets"] == ["********", "********"]
    assert update.changes["config"][1] == {"url": moved_url}
    assert PASSWORD not in audit_text(source_id)


def test_s3_and_kafka_secrets_are_never_answered(tenant):
    client = client_for(tenant.owner)
    s3 = create(
        client,
        tenant.project,
        name="bucket",
        kind="s3",
        config={
            "endpoint": "http://minio:9000",
            "bucket": "raw",
            "access_key": "AKIA",
            "secret_key": "s3-secret-value",
        },
    )
    assert s3.status_code == 201, s3.content
    assert s3.json()["config"] == {
        "endpoint": "http://minio:9000",
        "bucket": "raw",
        "prefix": "",
        "region": "",
        "access_key": "AKIA",
    }
    kafka_source = create(
        client,
        tenant.project,
        name="orders",
        kind="kafka",
        config={
            "bootstrap_servers": ["k1:9092"],
            "topic": "orders",
            "security_protocol": "SASL_SSL",
            "sasl_mechanism": "PLAIN",
            "sasl_username": "app",
            "sasl_password": "kafka-secret-value",
        },
    )
    assert kafka_source.status_code == 201, kafka_source.content
    listing = client.get(URL).content.decode()
    assert "s3-secret-value" not in listing and "kafka-secret-value" not in listing
    assert {item["has_secrets"] for item in client.get(URL).json()["results"]} == {True}
    upload = create(client, tenant.project, name="files", kind="upload", config={})
    assert upload.json()["has_secrets"] is False
    trusted = create(
        client,
        tenant.project,
        name="trusted",
        kind="postgresql",
        config={"url": "postgresql://reader@db.internal/sales"},
    )
    assert trusted.json()["has_secrets"] is False


def test_settings_errors_name_the_field(tenant):
    response = create(
        client_for(tenant.owner), tenant.project, kind="s3", config={"endpoint": "minio:9000"}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["details"]["config"]["bucket"] == ["This setting is required."]
    assert "Must be a URL" in error["details"]["config"]["endpoint"][0]
    assert not DataSource.objects.exists()


def test_bad_scheme_is_a_clear_400(tenant):
    response = create(
        client_for(tenant.owner), tenant.project, config={"url": "sqlite:///tmp/db.sqlite3"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("config.url: Needs a postgresql:// URL")


def test_kind_and_project_never_change(tenant):
    client = client_for(tenant.owner)
    source_id = create(client, tenant.project).json()["id"]
    for change in ({"kind": "s3"}, {"project": tenant.project.pk}):
        response = client.patch(f"{URL}{source_id}/", change, format="json")
        assert response.status_code == 400
        assert response.json()["error"]["details"] == {next(iter(change)): ["Unknown field."]}


def test_names_are_unique_per_project(tenant):
    client = client_for(tenant.owner)
    assert create(client, tenant.project).status_code == 201
    assert create(client, tenant.project).status_code == 409


def test_roles(tenant):
    assert create(client_for(tenant.viewer), tenant.project).status_code == 403
    created = create(client_for(tenant.project_developer), tenant.project)
    assert created.status_code == 201, created.content
    test_url = f"{URL}{created.json()['id']}/test-connection/"
    assert client_for(tenant.project_viewer).post(test_url).status_code == 403


def test_a_project_of_another_tenant_is_an_invalid_reference(tenant, other_tenant):
    response = create(client_for(tenant.owner), other_tenant.project)
    assert response.status_code == 400
    assert "project" in response.json()["error"]["details"]


def test_delete(tenant):
    client = client_for(tenant.owner)
    source_id = create(client, tenant.project).json()["id"]
    assert client.delete(f"{URL}{source_id}/").status_code == 204
    assert not DataSource.objects.filter(pk=source_id).exists()
    assert AuditEvent.objects.filter(action="delete", object_id=str(source_id)).exists()


class TestConnection:
    def test_upload_sources_have_nothing_to_reach(self, tenant):
        client = client_for(tenant.owner)
        source_id = create(client, tenant.project, kind="upload", config={}).json()["id"]
        response = client.post(f"{URL}{source_id}/test-connection/")
        assert response.status_code == 200
        assert response.json()["ok"] is True

    def test_an_unreachable_database_is_a_result_not_an_error(self, tenant):
        client = client_for(tenant.owner)
        url = f"postgresql://reader:{PASSWORD}@127.0.0.1:{free_port()}/sales"
        source_id = create(client, tenant.project, config={"url": url}).json()["id"]
        response = client.post(f"{URL}{source_id}/test-connection/")
        assert response.status_code == 200
        body = response.json()
        assert body["ok"] is False
        assert body["message"].startswith("Cannot query the database: connection failed")
        assert "Connection refused" in body["message"]
        assert PASSWORD not in response.content.decode()
        source = DataSource.objects.get(pk=source_id)
        assert source.last_test_ok is False and source.last_tested_at is not None
        assert source.last_test_message == body["message"]

    def test_mysql_needs_its_optional_driver(self, tenant):
        # No MySQL server (nor pymysql) here: only the URL handling and this message are tested.
        client = client_for(tenant.owner)
        source_id = create(
            client, tenant.project, kind="mysql", config={"url": "mysql://u:p@127.0.0.1/shop"}
        ).json()["id"]
        body = client.post(f"{URL}{source_id}/test-connection/").json()
        assert body["ok"] is False
        assert "pip install 'zhongtai[mysql]'" in body["message"]

    def test_kafka_without_a_broker(self, tenant, monkeypatch):
        monkeypatch.setattr(kafka, "PROBE_TIMEOUT_MS", 1500)
        client = client_for(tenant.owner)
        server = f"127.0.0.1:{free_port()}"
        source_id = create(
            client,
            tenant.project,
            kind="kafka",
            config={"bootstrap_servers": [server], "topic": "orders"},
        ).json()["id"]
        body = client.post(f"{URL}{source_id}/test-connection/").json()
        assert body == {
            "ok": False,
            "message": f"Cannot reach Kafka at {server}: "
            f"KafkaTimeoutError: Unable to bootstrap from ['{server}']",
        }


@pytest.mark.integration
class TestS3Connection:
    @pytest.fixture
    def bucket(self, seaweedfs: S3Endpoint) -> str:
        name = f"zt-src-{uuid.uuid4().hex[:10]}"
        Minio(
            seaweedfs.endpoint, seaweedfs.access_key, seaweedfs.secret_key, secure=False
        ).make_bucket(name)
        return name

    def probe(self, tenant, seaweedfs: S3Endpoint, **config) -> dict:
        client = client_for(tenant.owner)
        settings = {
            "endpoint": seaweedfs.url,
            "access_key": seaweedfs.access_key,
            "secret_key": seaweedfs.secret_key,
            **config,
        }
        created = create(client, tenant.project, kind="s3", config=settings)
        assert created.status_code == 201, created.content
        response = client.post(f"{URL}{created.json()['id']}/test-connection/")
        assert response.status_code == 200
        assert seaweedfs.secret_key not in response.content.decode()
        return response.json()

    def test_a_readable_bucket(self, tenant, seaweedfs, bucket):
        body = self.probe(tenant, seaweedfs, bucket=bucket, prefix="events/")
        assert body == {
            "ok": True,
            "message": f"Listed s3://{bucket}/events/ at {seaweedfs.url}: it is empty.",
        }

    def test_a_missing_bucket(self, tenant, seaweedfs):
        body = self.probe(tenant, seaweedfs, bucket="zt-no-such-bucket")
        assert body == {
            "ok": False,
            "message": f"Bucket 'zt-no-such-bucket' does not exist at {seaweedfs.url}.",
        }

    def test_a_wrong_secret_key(self, tenant, seaweedfs, bucket):
        body = self.probe(tenant, seaweedfs, bucket=bucket, secret_key="not-the-secret")
        assert body["ok"] is False
        assert body["message"].startswith(f"{seaweedfs.url} refused the request: ")

    def test_nothing_listening(self, tenant, seaweedfs, bucket):
        body = self.probe(
            tenant, seaweedfs, bucket=bucket, endpoint=f"http://127.0.0.1:{free_port()}"
        )
        assert body["ok"] is False
        assert body["message"].startswith("Cannot reach http://127.0.0.1:")


class TestAdmin:
    @pytest.fixture
    def operator_client(self, client, staff):
        staff.is_superuser = True
        staff.save()
        client.force_login(staff)
        return client

    def test_the_change_page_never_shows_secrets_and_renames_are_audited(
        self, operator_client, tenant
    ):
        source_id = create(client_for(tenant.owner), tenant.project).json()["id"]
        page = operator_client.get(f"/admin/data_platform/datasource/{source_id}/change/")
        assert page.status_code == 200
        assert PASSWORD not in page.content.decode()
        assert "encrypted_secrets" not in page.content.decode()
        response = operator_client.post(
            f"/admin/data_platform/datasource/{source_id}/change/",
            {"name": "renamed", "description": "via admin"},
        )
        assert response.status_code == 302, response.content[:2000]
        event = AuditEvent.objects.filter(object_id=str(source_id), action="update").latest("id")
        assert event.changes["name"] == ["warehouse", "renamed"]
        assert DataSource.objects.get(pk=source_id).secrets()["url"].endswith("/sales")

    def test_the_test_action_records_the_outcome(self, operator_client, tenant):
        source_id = create(
            client_for(tenant.owner), tenant.project, kind="upload", config={}
        ).json()["id"]
        response = operator_client.post(
            "/admin/data_platform/datasource/",
            {"action": "test_connections", "_selected_action": [source_id]},
            follow=True,
        )
        assert "Upload sources have nothing to connect to." in response.content.decode()
        assert DataSource.objects.get(pk=source_id).last_test_ok is True
        assert operator_client.get("/admin/data_platform/datasource/add/").status_code == 403
