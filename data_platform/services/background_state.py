"""The end of background work on a row (a build, a task generation), recorded once."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models, transaction

from platform_core.services import update_object

M = TypeVar("M", bound=models.Model)


def finish_unless_moved_on(model: type[M], pk: int, expected: str, **fields: Any) -> M | None:
    """Set ``fields`` (audited) on the row if it is still in status ``expected``; a row
    deleted or changed (e.g. rebuilt) meanwhile is left alone. The finished row, or None."""
    with transaction.atomic():
        current = model._default_manager.select_for_update().filter(pk=pk).first()
        if current is not None and current.status == expected:  # type: ignore[attr-defined]
            return update_object(None, current, **fields)
    return None
