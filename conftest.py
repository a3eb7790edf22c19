import pytest

pytest.register_assert_rewrite("platform_core.backends.storage.contract")

pytest_plugins = ["tests.fixtures", "tests.servers.fixtures"]
