from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from platform_core.backends.registry import BackendNotConfigured, get_backend
from platform_core.backends.storage.local import LocalStorage

LOCAL = "platform_core.backends.storage.local.LocalStorage"


def local_backend(root: Path) -> dict[str, Any]:
    return {"storage": {"BACKEND": LOCAL, "OPTIONS": {"root": str(root)}}}


def test_builds_lazily_and_caches(tmp_path: Path, settings: Any) -> None:
    settings.PLATFORM_BACKENDS = local_backend(tmp_path / "objects")

    storage = get_backend("storage")

    assert isinstance(storage, LocalStorage)
    assert storage.root == tmp_path / "objects"
    assert not (tmp_path / "objects").exists()  # building touches nothing
    assert get_backend("storage") is storage


def test_unconfigured_kind_is_a_clear_error(settings: Any) -> None:
    settings.PLATFORM_BACKENDS = {}

    with pytest.raises(BackendNotConfigured, match="No backend configured for kind 'storage'"):
        get_backend("storage")


def test_bad_import_path_is_a_clear_error(settings: Any) -> None:
    settings.PLATFORM_BACKENDS = {"storage": {"BACKEND": "platform_core.nowhere.Storage"}}

    with pytest.raises(BackendNotConfigured, match=r"'platform_core\.nowhere\.Storage'.*import"):
        get_backend("storage")


def test_changing_settings_resets_the_cache(tmp_path: Path, settings: Any) -> None:
    settings.PLATFORM_BACKENDS = local_backend(tmp_path / "outer")
    outer = get_backend("storage")

    with override_settings(PLATFORM_BACKENDS=local_backend(tmp_path / "inner")):
        inner = get_backend("storage")
        assert inner.root == tmp_path / "inner"

    assert inner is not outer
    restored = get_backend("storage")
    assert restored is not inner
    assert restored.root == tmp_path / "outer"


def test_other_settings_do_not_reset_the_cache(tmp_path: Path, settings: Any) -> None:
    settings.PLATFORM_BACKENDS = local_backend(tmp_path)
    storage = get_backend("storage")

    with override_settings(USE_TZ=True):
        assert get_backend("storage") is storage
