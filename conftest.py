import pytest

pytest.register_assert_rewrite(
    "platform_core.backends.storage.contract",
    "platform_core.backends.orchestration.contract",
    "platform_core.backends.vectors.contract",
)

pytest_plugins = ["tests.fixtures", "tests.servers.fixtures"]
