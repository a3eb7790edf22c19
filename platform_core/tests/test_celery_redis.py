"""Celery on a real Redis broker: readiness reports it, and a worker answers through it."""

from __future__ import annotations

import time

import pytest

from platform_core.celery import app
from tests.servers.celery_worker import celery_broker, running_celery_worker
from tests.servers.ports import free_port
from tests.servers.redis import running_redis

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with running_redis(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def broker(redis_url):
    with celery_broker(redis_url):
        yield redis_url


def test_readyz_checks_the_redis_broker(client, broker):
    assert client.get("/readyz").json()["checks"]["broker"]["ok"] is True


def test_a_platform_worker_consumes_from_redis(broker, tmp_path):
    env = {"REDIS_URL": broker, "ZT_DATA_DIR": str(tmp_path)}
    with running_celery_worker(env, tmp_path / "worker.log", hostname="probe@%h") as worker:
        replies: list[dict[str, object]] = []
        deadline = time.monotonic() + 30
        while not replies and time.monotonic() < deadline and worker.poll() is None:
            replies = app.control.ping(timeout=1.0)
        assert worker.poll() is None, "the worker exited"
        assert any(name.startswith("probe@") for reply in replies for name in reply)


def test_readyz_reports_an_unreachable_broker(client):
    with celery_broker(f"redis://127.0.0.1:{free_port()}/0"):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False
