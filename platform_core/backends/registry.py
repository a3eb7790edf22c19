"""Alias → lazily built backend, cached per process (in the spirit of Django's CACHES)."""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.utils.module_loading import import_string


class BackendNotConfigured(ImproperlyConfigured):
    pass


_instances: dict[str, Any] = {}
_lock = threading.Lock()


def build_backend(kind: str) -> Any:
    config: dict[str, Any] | None = settings.PLATFORM_BACKENDS.get(kind)
    if not config:
        raise BackendNotConfigured(f"No backend configured for kind {kind!r} in PLATFORM_BACKENDS.")
    try:
        backend_class = import_string(config["BACKEND"])
    except ImportError as exc:
        raise BackendNotConfigured(
            f"Backend {config['BACKEND']!r} for kind {kind!r} cannot be imported: {exc}"
        ) from exc
    return backend_class(**config.get("OPTIONS", {}))


def get_backend(kind: str) -> Any:
    try:
        return _instances[kind]
    except KeyError:
        with _lock:
            if kind not in _instances:
                _instances[kind] = build_backend(kind)
            return _instances[kind]


def reset_backends(**kwargs: Any) -> None:
    if kwargs.get("setting", "PLATFORM_BACKENDS") == "PLATFORM_BACKENDS":
        with _lock:
            _instances.clear()


setting_changed.connect(reset_backends)
