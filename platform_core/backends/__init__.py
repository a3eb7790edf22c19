"""Adapter registry: every external system is reached through ``get_backend(kind)``."""

from platform_core.backends.registry import BackendNotConfigured, get_backend, reset_backends

__all__ = ["BackendNotConfigured", "get_backend", "reset_backends"]
