"""Session fixtures that start real servers (register as a pytest plugin)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.servers.seaweedfs import S3Endpoint, running_seaweedfs


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Endpoint]:
    """One SeaweedFS S3 server per test session (per xdist worker)."""
    with running_seaweedfs(tmp_path_factory.mktemp("seaweedfs")) as endpoint:
        yield endpoint
