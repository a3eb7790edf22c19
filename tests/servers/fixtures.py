"""Session fixtures that start real servers (register as a pytest plugin)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.servers.kafka_gateway import GatewayUnavailable, running_kafka_gateway
from tests.servers.seaweedfs import S3Endpoint, running_seaweedfs

#: Mark modules using ``kafka_gateway`` with it: the gateway owns port 9093, so its users
#: share one xdist worker (``--dist loadgroup``) and one gateway.
KAFKA_GATEWAY_GROUP = pytest.mark.xdist_group("kafka-gateway")


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Endpoint]:
    """One SeaweedFS S3 server per test session (per xdist worker)."""
    with running_seaweedfs(tmp_path_factory.mktemp("seaweedfs")) as endpoint:
        yield endpoint


@pytest.fixture(scope="session")
def kafka_gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """SeaweedFS's Kafka gateway (its bootstrap server), in the ``kafka-gateway`` group."""
    try:
        with running_kafka_gateway(tmp_path_factory.mktemp("kafka")) as server:
            yield server
    except GatewayUnavailable as exc:
        pytest.skip(f"SeaweedFS's Kafka gateway cannot start here: {exc}")
