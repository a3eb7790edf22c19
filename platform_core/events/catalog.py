"""Which event types exist: each platform app declares its own in ``<app>/events.py``.

``EVENT_TYPES = {"<type>": "<what happened>"}`` in an installed platform app's ``events``
module is all it takes; ``emit`` refuses types nobody declared, and webhooks filter on them.
"""

from __future__ import annotations

import importlib
from functools import cache

from platform_core import platform_apps


@cache
def event_types() -> dict[str, str]:
    """Every declared event type → its description, sorted by type."""
    declared: dict[str, str] = {}
    for config in platform_apps.installed():
        try:
            module = importlib.import_module(f"{config.name}.events")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.events":
                raise
            continue
        declared.update(getattr(module, "EVENT_TYPES", {}))
    return dict(sorted(declared.items()))
