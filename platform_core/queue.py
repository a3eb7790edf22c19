"""Background work queued by name, once the transaction that asked for it commits.

Services name the Celery task they want (``"data_platform.validate_dataset_version"``)
instead of importing it, so tasks import services and never the reverse. A task queued
inside a transaction that rolls back is never sent; outside a transaction it is sent at
once.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from platform_core.celery import app


def enqueue(
    task_name: str, *args: Any, countdown: float | None = None, robust: bool = False
) -> None:
    """Queue ``task_name(*args)`` after the current transaction commits.

    ``robust``: a broker that cannot take the task is logged, not raised, for work that a
    periodic sweep picks up anyway (the change that asked for it has committed by then).
    """
    if task_name not in app.tasks:
        # Outside a worker, the apps' task modules are imported on first need.
        app.loader.import_default_modules()
    task = app.tasks[task_name]  # NotRegistered: no task has that name
    transaction.on_commit(lambda: task.apply_async(args, countdown=countdown), robust=robust)
