from __future__ import annotations

from typing import Any

import pytest
from celery import shared_task
from celery.exceptions import NotRegistered
from django.db import transaction
from kombu.exceptions import OperationalError

from platform_core.queue import enqueue

pytestmark = pytest.mark.django_db(transaction=True)
received: list[int] = []


@shared_task(name="platform_core.tests.record")
def record(value: int) -> None:
    received.append(value)


@pytest.fixture(autouse=True)
def _eager(settings: Any) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = True
    received.clear()


def test_a_task_is_sent_once_its_transaction_commits():
    with transaction.atomic():
        enqueue("platform_core.tests.record", 1)
        assert received == []
    assert received == [1]


def test_a_rolled_back_transaction_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue("platform_core.tests.record", 2)
        raise RuntimeError("roll back")
    assert received == []


def test_outside_a_transaction_the_task_is_sent_at_once():
    enqueue("platform_core.tests.record", 3)
    assert received == [3]


def test_an_unknown_task_name_fails_where_it_is_queued():
    with pytest.raises(NotRegistered):
        enqueue("platform_core.no_such_task", 4)


def test_a_robust_task_that_cannot_be_sent_does_not_fail_the_commit(settings):
    from platform_core.celery import app
    from tests.servers.celery_worker import celery_broker
    from tests.servers.ports import free_port

    settings.CELERY_TASK_ALWAYS_EAGER = False
    previous = app.conf.broker_connection_retry, app.conf.broker_connection_max_retries
    app.conf.update(broker_connection_retry=False, broker_connection_max_retries=0)
    try:
        with celery_broker(f"redis://127.0.0.1:{free_port()}/0"):
            with transaction.atomic():
                enqueue("platform_core.tests.record", 5, robust=True)
            with pytest.raises(OperationalError), transaction.atomic():
                enqueue("platform_core.tests.record", 6)
    finally:
        app.conf.update(
            broker_connection_retry=previous[0], broker_connection_max_retries=previous[1]
        )
    assert received == []
