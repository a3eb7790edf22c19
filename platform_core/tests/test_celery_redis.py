"""Celery on a real Redis broker: readiness reports it, and a worker answers through it."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from platform_core.celery import app
from tests.servers.ports import free_port
from tests.servers.redis import running_redis

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with running_redis(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def broker(redis_url):
    previous = app.conf.broker_url, app.conf.broker_transport_options
    app.conf.update(broker_url=redis_url, broker_transport_options={})
    yield redis_url
    app.conf.update(broker_url=previous[0], broker_transport_options=previous[1])


def test_readyz_checks_the_redis_broker(client, broker):
    assert client.get("/readyz").json()["checks"]["broker"]["ok"] is True


def test_a_platform_worker_consumes_from_redis(broker):
    env = {**os.environ, "REDIS_URL": broker}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "platform_core",
            "worker",
            "--pool",
            "solo",
            "--hostname",
            "probe@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        replies: list[dict[str, object]] = []
        deadline = time.monotonic() + 30
        while not replies and time.monotonic() < deadline and worker.poll() is None:
            replies = app.control.ping(timeout=1.0)
        assert worker.poll() is None, "the worker exited"
        assert any(name.startswith("probe@") for reply in replies for name in reply)
    finally:
        worker.terminate()
        worker.wait(timeout=20)


def test_readyz_reports_an_unreachable_broker(client):
    previous = app.conf.broker_url
    app.conf.broker_url = f"redis://127.0.0.1:{free_port()}/0"
    try:
        response = client.get("/readyz")
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False
