"""Kafka windows into JSONL versions.

Without a broker: the API's validation and the failure path. With SeaweedFS's experimental
Kafka gateway (integration): real produce and consume through kafka-python. What that does
not prove is listed on ``TestAgainstTheSeaweedfsGateway``.
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from kafka import KafkaAdminClient, KafkaProducer
from kafka.admin import NewTopic

from data_platform.choices import DatasetFormat, JobStatus, VersionStatus
from data_platform.models import Dataset, DatasetVersion, DataSource, Job
from data_platform.services.datasets import create_dataset
from data_platform.services.ingestion import kafka
from data_platform.services.sources import create_source
from platform_core.backends import get_backend
from tests.factories import client_for
from tests.servers.fixtures import KAFKA_GATEWAY_GROUP
from tests.servers.ports import free_port

pytestmark = [pytest.mark.django_db, KAFKA_GATEWAY_GROUP]


@pytest.fixture
def eager(settings: Any) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def dataset(tenant: Any) -> Dataset:
    return create_dataset(
        tenant.owner, project=tenant.project, name="orders", format=DatasetFormat.JSONL
    )


def kafka_source(tenant: Any, server: str, topic: str = "orders") -> DataSource:
    return create_source(
        tenant.owner,
        project=tenant.project,
        name=f"topic {topic}",
        kind="kafka",
        config={"bootstrap_servers": [server], "topic": topic},
    )


def consume(user: Any, source: DataSource, payload: dict[str, Any], capture: Any) -> Any:
    with capture(execute=True):
        return client_for(user).post(
            f"/api/v1/data-sources/{source.pk}/consume/", payload, format="json"
        )


def read_version(version: DatasetVersion) -> list[dict[str, Any]]:
    storage = get_backend("storage")
    with storage.open(f"{version.storage_prefix}messages.jsonl") as chunks:
        return [json.loads(line) for line in b"".join(chunks).splitlines()]


class TestWithoutABroker:
    def test_the_window_is_validated(self, tenant, dataset):
        source = kafka_source(tenant, "127.0.0.1:9")
        client = client_for(tenant.owner)
        url = f"/api/v1/data-sources/{source.pk}/consume/"
        cases = [
            ({"dataset": dataset.pk}, "non_field_errors"),
            ({"dataset": dataset.pk, "start_offset": 0, "start_time": "2026-01-01T00:00Z"}, None),
            ({"dataset": dataset.pk, "start_offset": 5, "end_offset": 3}, "end_offset"),
            ({"dataset": dataset.pk, "start_offset": -1}, "start_offset"),
            ({"dataset": dataset.pk, "start_offset": 0, "max_messages": 0}, "max_messages"),
            ({"dataset": dataset.pk, "start_offset": 0, "topic": "other"}, "topic"),
        ]
        for payload, field in cases:
            response = client.post(url, payload, format="json")
            assert response.status_code == 400, payload
            if field:
                assert field in response.json()["error"]["details"], payload
        assert not Job.objects.exists()

    def test_only_kafka_sources_into_jsonl_datasets(self, tenant, dataset):
        client = client_for(tenant.owner)
        s3 = create_source(
            tenant.owner,
            project=tenant.project,
            name="bucket",
            kind="s3",
            config={"endpoint": "http://127.0.0.1:9", "bucket": "raw"},
        )
        response = client.post(
            f"/api/v1/data-sources/{s3.pk}/consume/",
            {"dataset": dataset.pk, "start_offset": 0},
            format="json",
        )
        assert response.status_code == 400
        assert response.json()["error"]["message"] == (
            "Only Kafka sources can be consumed, not S3 bucket."
        )
        parquet = create_dataset(tenant.owner, project=tenant.project, name="p", format="parquet")
        response = client.post(
            f"/api/v1/data-sources/{kafka_source(tenant, '127.0.0.1:9').pk}/consume/",
            {"dataset": parquet.pk, "start_offset": 0},
            format="json",
        )
        assert response.status_code == 400
        assert response.json()["error"]["details"] == {
            "dataset": ["Needs a dataset of format jsonl."]
        }

    def test_a_viewer_cannot_consume(self, tenant, dataset):
        source = kafka_source(tenant, "127.0.0.1:9")
        response = client_for(tenant.project_viewer).post(
            f"/api/v1/data-sources/{source.pk}/consume/",
            {"dataset": dataset.pk, "start_offset": 0},
            format="json",
        )
        assert response.status_code == 403

    def test_an_unreachable_broker_fails_the_job_and_stores_nothing(
        self, tenant, dataset, eager, monkeypatch, django_capture_on_commit_callbacks
    ):
        monkeypatch.setattr(kafka, "BOOTSTRAP_TIMEOUT_MS", 1500)
        server = f"127.0.0.1:{free_port()}"
        response = consume(
            tenant.owner,
            kafka_source(tenant, server),
            {"dataset": dataset.pk, "start_offset": 0},
            django_capture_on_commit_callbacks,
        )
        assert response.status_code == 202, response.content
        job = Job.objects.get(pk=response.json()["id"])
        assert job.status == JobStatus.FAILED
        assert job.error == f"KafkaTimeoutError: Unable to bootstrap from ['{server}']"
        version = DatasetVersion.objects.get(produced_by=job)
        assert version.status == VersionStatus.FAILED
        assert list(get_backend("storage").list(version.storage_prefix)) == []


@pytest.fixture
def gateway(kafka_gateway: str) -> str:
    return kafka_gateway


@pytest.fixture
def topic(gateway: str) -> str:
    name = f"zt-orders-{uuid.uuid4().hex[:8]}"
    admin = KafkaAdminClient(bootstrap_servers=gateway)
    admin.create_topics([NewTopic(name, num_partitions=1, replication_factor=1)])
    admin.close()
    return name


def produce(server: str, topic: str, values: list[bytes]) -> None:
    producer = KafkaProducer(bootstrap_servers=server)
    for number, value in enumerate(values):
        producer.send(topic, value, key=f"key-{number}".encode(), partition=0).get(timeout=10)
    producer.close()


@pytest.mark.integration
class TestAgainstTheSeaweedfsGateway:
    """Real produce and consume through kafka-python against SeaweedFS's experimental gateway.

    It proves: the client settings, the topic probe, offset windows (seek, end-of-partition,
    max_messages) and decoding of JSON/text/binary values. It does not prove: Kafka's own
    offsets-for-times index (the gateway answers offset 0 for any time, so time windows here
    rest on our timestamp checks), producer-set timestamps (the gateway keeps its receive
    time), several partitions, SASL/SSL, consumer-group semantics, compaction or
    transactions, nor anything about a real Kafka cluster's behaviour under load.
    """

    def test_the_probe_finds_the_topic(self, tenant, gateway, topic):
        source = kafka_source(tenant, gateway, topic)
        response = client_for(tenant.owner).post(
            f"/api/v1/data-sources/{source.pk}/test-connection/"
        )
        assert response.json() == {
            "ok": True,
            "message": f"Topic {topic!r} on {gateway} has 1 partition(s).",
        }
        missing = kafka_source(tenant, gateway, "zt-no-such-topic")
        response = client_for(tenant.owner).post(
            f"/api/v1/data-sources/{missing.pk}/test-connection/"
        )
        assert response.json() == {
            "ok": False,
            "message": f"Topic 'zt-no-such-topic' does not exist on {gateway}.",
        }

    def test_an_offset_window_becomes_a_ready_jsonl_version(
        self, tenant, dataset, gateway, topic, eager, django_capture_on_commit_callbacks
    ):
        values = [json.dumps({"order": n}).encode() for n in range(8)]
        produce(gateway, topic, [*values, b"plain text", b"\xff\xfe binary"])
        source = kafka_source(tenant, gateway, topic)
        response = consume(
            tenant.owner,
            source,
            {"dataset": dataset.pk, "start_offset": 6},
            django_capture_on_commit_callbacks,
        )
        assert response.status_code == 202, response.content
        job = Job.objects.get(pk=response.json()["id"])
        assert job.status == JobStatus.SUCCEEDED, job.error
        version = DatasetVersion.objects.get(produced_by=job)
        assert version.status == VersionStatus.READY, version.failure_reason
        assert version.row_count == 4 and not version.parents.exists()
        rows = read_version(version)
        assert [(row["offset"], row["key"], row["value"]) for row in rows] == [
            (6, "key-6", {"order": 6}),
            (7, "key-7", {"order": 7}),
            (8, "key-8", "plain text"),
            (9, "key-9", {"base64": "//4gYmluYXJ5"}),
        ]
        assert {row["partition"] for row in rows} == {0}
        assert "Read 4 messages, offsets 0: 6-10" in " ".join(
            job.log_lines.values_list("message", flat=True)
        )

        capped = consume(
            tenant.owner,
            source,
            {"dataset": dataset.pk, "start_offset": 0, "end_offset": 8, "max_messages": 3},
            django_capture_on_commit_callbacks,
        )
        version = DatasetVersion.objects.get(produced_by_id=capped.json()["id"])
        assert [row["offset"] for row in read_version(version)] == [0, 1, 2]

    def test_a_time_window(
        self, tenant, dataset, gateway, topic, eager, django_capture_on_commit_callbacks
    ):
        produce(gateway, topic, [b'"before"'] * 3)
        time.sleep(0.3)
        start = datetime.now(UTC)
        time.sleep(0.3)
        produce(gateway, topic, [b'"inside"'] * 4)
        time.sleep(0.3)
        end = datetime.now(UTC)
        time.sleep(0.3)
        produce(gateway, topic, [b'"after"'] * 2)
        response = consume(
            tenant.owner,
            kafka_source(tenant, gateway, topic),
            {"dataset": dataset.pk, "start_time": start.isoformat(), "end_time": end.isoformat()},
            django_capture_on_commit_callbacks,
        )
        job = Job.objects.get(pk=response.json()["id"])
        assert job.status == JobStatus.SUCCEEDED, job.error
        rows = read_version(DatasetVersion.objects.get(produced_by=job))
        assert [(row["offset"], row["value"]) for row in rows] == [
            (3, "inside"),
            (4, "inside"),
            (5, "inside"),
            (6, "inside"),
        ]
        assert all(start <= datetime.fromisoformat(row["timestamp"]) < end for row in rows)
